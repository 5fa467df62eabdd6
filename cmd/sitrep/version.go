package main

import (
	"context"
	"fmt"

	"sitrep"
)

func runVersion(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("version", "", "Print the version of the extractors and of the record schema.")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "sitrep %s (record schema %s)\n", sitrep.Version, sitrep.Schema)
	return nil
}
