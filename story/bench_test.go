package story_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"sitrep"
	"sitrep/storetest"
	"sitrep/story"
)

// BenchmarkAddDocument adds one new document of five events, on the
// newest day, to an index of 1,000 and of 100,000 events: the cost must
// follow the neighbours, not the size.
func BenchmarkAddDocument(b *testing.B) {
	for _, n := range []int{1000, 100_000} {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			ctx := context.Background()
			ix := story.NewMemIndex()
			for _, r := range storetest.Synthetic(n, 10, 300, 1) {
				ix.Add(sitrep.ItemsOf(r, "")...)
			}
			c := story.New(ix)
			if _, err := c.Run(ctx); err != nil {
				b.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(7, 7))
			last := storetest.LastDay(n, 300)
			i := 0
			for b.Loop() {
				i++
				ix.Add(sitrep.ItemsOf(storetest.SyntheticRecord(rng, 1_000_000+i, last, 5), "")...)
				if _, err := c.Run(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
