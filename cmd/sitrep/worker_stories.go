package main

import (
	"context"

	"sitrep"
	"sitrep/story"
)

// clusterStories places the story items that are pending in st. Only one
// may run at a time per store: workers hold the store lock around it.
func clusterStories(ctx context.Context, st sitrep.Store) error {
	_, err := story.New(st).Run(ctx)
	return err
}
