package server

import (
	"context"
	"net/http"

	"sitrep"
)

// reviewStory sets a story's status and records who, when and why.
func (s *Server) reviewStory(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.review(w, r, sitrep.ReviewStory, id, func(ctx context.Context) error {
		_, err := s.store.FindStory(ctx, id)
		return err
	})
}
