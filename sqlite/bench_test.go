package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"sitrep"
	"sitrep/storetest"
	"sitrep/story"
)

// BenchmarkAddDocument stores one new document of five events, on the
// newest day, and clusters it, in a store of 1,000 and of 100,000 events
// (the corpus grows over time, as news does): the cost follows the
// neighbours in space and time, not the size of the store.
func BenchmarkAddDocument(b *testing.B) {
	for _, n := range []int{1000, 100_000} {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			ctx := context.Background()
			db := mustOpen(b)
			defer db.Close()
			recs := storetest.Synthetic(n, 10, 300, 1)
			var assign []sitrep.Assignment
			for i := 0; i < len(recs); i += 500 {
				batch := recs[i:min(i+500, len(recs))]
				if _, err := db.PutRecords(ctx, batch, nil); err != nil {
					b.Fatal(err)
				}
				for _, r := range batch {
					for _, it := range sitrep.ItemsOf(r, "") {
						assign = append(assign, sitrep.Assignment{Kind: it.Kind, DocID: it.DocID, ItemID: it.ItemID, Story: story.StoryID(it.Key())})
					}
				}
			}
			// The stored events are placed as singletons in one step; the
			// clustering itself is what is measured below.
			if err := db.PutStories(ctx, sitrep.StoryUpdate{Assign: assign}); err != nil {
				b.Fatal(err)
			}
			c := story.New(db)
			rng := rand.New(rand.NewPCG(7, 7))
			last := storetest.LastDay(n, 300)
			i := 0
			for b.Loop() {
				i++
				if _, err := db.PutRecord(ctx, storetest.SyntheticRecord(rng, 1_000_000+i, last, 5), sitrep.PutOptions{}); err != nil {
					b.Fatal(err)
				}
				if _, err := c.Run(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
