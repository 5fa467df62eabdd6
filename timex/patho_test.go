package timex_test

import (
	"strings"
	"testing"

	"sitrep/timex"
)

// TestPathological runs the stage over repetitive input that would expose
// work quadratic in the number of expressions (day counts searching for
// their start, ranges, inference over many weekdays).
func TestPathological(t *testing.T) {
	for _, c := range []struct {
		s    string
		want int
	}{
		{strings.Repeat("The war began on Feb. 24, 2022. The war enters its 35th day. ", 500), 1000},
		{strings.Repeat("Tuesday ", 5000), 5000},
		{strings.Repeat("the ", 10000), 0},
		{strings.Repeat("between March 1 and 5, ", 1000), 3000},
		{strings.Repeat("1 ", 10000), 0},
	} {
		d := annotate(t, timex.New(), c.s, "")
		if len(d.Times) != c.want {
			t.Errorf("%q...: %d times, want %d", c.s[:20], len(d.Times), c.want)
		}
	}
}
