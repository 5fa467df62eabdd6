// Package exampletest gives tests the canonical example article
// (../shared/examples/irpin-liberated.txt) as the pipeline reads it. A
// user's clone has no ../shared: the test is then skipped, not failed.
package exampletest

import (
	"os"
	"testing"

	"sitrep/shared"
	"sitrep/text"
)

// Text returns the example article normalized as the readers normalize
// input, or skips tb when the shared directory is absent.
func Text(tb testing.TB) string {
	tb.Helper()
	p := shared.Path("examples", "irpin-liberated.txt")
	if p == "" {
		tb.Skip("../shared/examples/irpin-liberated.txt not present")
	}
	raw, err := os.ReadFile(p)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := text.Normalize(p, raw)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}
