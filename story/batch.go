package story

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"sitrep"
)

// batch is an Index that holds one run's decisions in memory over the
// store's index and writes them in one PutStories: a transaction per item
// was most of the cost of clustering. Reads see the batch's own decisions:
// candidates and members come from the store, corrected by the batch's
// assignments, plus the items the batch placed.
type batch struct {
	base    Index
	mem     *MemIndex
	known   map[string]sitrep.StoryItem
	assign  map[string]sitrep.Assignment
	order   []string
	stories map[string]*sitrep.Story
	sorder  []string
	removed map[string]bool
	// pre holds the store's candidates of windows read ahead for the
	// whole batch, by windowKey. The store does not change until the
	// batch is flushed, so they are what asking for each finds.
	pre map[string][]sitrep.StoryItem
}

// BatchIndex is an Index that reads the candidates of many windows at
// once (StoryCandidates of each, in one round trip to a server).
type BatchIndex interface {
	StoryCandidatesBatch(ctx context.Context, ws []sitrep.StoryWindow) ([][]sitrep.StoryItem, error)
}

func windowKey(w sitrep.StoryWindow) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\x00%s\x00%d\x00%d\x00%s\x00%s", w.Kind, w.Type, w.DayFrom, w.DayTo, w.Speaker, w.PlaceKey)
	for _, c := range w.Cells {
		fmt.Fprintf(&b, "\x00%d", c)
	}
	return b.String()
}

// prefetch reads the store's candidates of the clusterable items ahead,
// when the store can read many at once.
func (b *batch) prefetch(ctx context.Context, items []sitrep.StoryItem) error {
	bi, ok := b.base.(BatchIndex)
	if !ok {
		return nil
	}
	var ws []sitrep.StoryWindow
	var keys []string
	b.pre = map[string][]sitrep.StoryItem{}
	for i := range items {
		if !clusterable(&items[i]) {
			continue
		}
		w := Window(&items[i])
		k := windowKey(w)
		if _, ok := b.pre[k]; ok {
			continue
		}
		b.pre[k] = nil
		ws, keys = append(ws, w), append(keys, k)
	}
	if len(ws) == 0 {
		return nil
	}
	res, err := bi.StoryCandidatesBatch(ctx, ws)
	if err != nil {
		return err
	}
	for i, k := range keys {
		b.pre[k] = res[i]
	}
	return nil
}

func newBatch(base Index) *batch {
	return &batch{base: base, mem: NewMemIndex(), known: map[string]sitrep.StoryItem{}, assign: map[string]sitrep.Assignment{},
		stories: map[string]*sitrep.Story{}, removed: map[string]bool{}}
}

func (b *batch) override(items []sitrep.StoryItem) []sitrep.StoryItem {
	for i := range items {
		k := items[i].Key()
		if _, ok := b.known[k]; !ok {
			b.known[k] = items[i]
		}
		if a, ok := b.assign[k]; ok {
			items[i].Story = a.Story
		}
	}
	return items
}

func (b *batch) StoryCandidates(ctx context.Context, w sitrep.StoryWindow) ([]sitrep.StoryItem, error) {
	var items []sitrep.StoryItem
	if pre, ok := b.pre[windowKey(w)]; ok {
		items = slices.Clone(pre)
	} else {
		var err error
		if items, err = b.base.StoryCandidates(ctx, w); err != nil {
			return nil, err
		}
	}
	items = b.override(items)
	seen := map[string]bool{}
	for _, it := range items {
		seen[it.Key()] = true
	}
	more, _ := b.mem.StoryCandidates(ctx, w)
	for _, it := range more {
		if !seen[it.Key()] {
			items = append(items, it)
		}
	}
	return items, nil
}

func (b *batch) StoryItems(ctx context.Context, story string) ([]sitrep.StoryItem, error) {
	items, err := b.base.StoryItems(ctx, story)
	if err != nil {
		return nil, err
	}
	items = b.override(items)
	var out []sitrep.StoryItem
	seen := map[string]bool{}
	for _, it := range items {
		if it.Story == story {
			out = append(out, it)
			seen[it.Key()] = true
		}
	}
	for _, k := range b.order {
		a := b.assign[k]
		if a.Story == story && !seen[k] {
			it := b.known[k]
			it.Story = story
			out = append(out, it)
			seen[k] = true
		}
	}
	// In the order of storing, as the store gives them once the batch is
	// written: the story's lead (and so its title) is its first most
	// precise member, which must not depend on where a batch ends.
	if !slices.ContainsFunc(out, func(it sitrep.StoryItem) bool { return it.Seq == 0 }) {
		slices.SortStableFunc(out, func(x, y sitrep.StoryItem) int { return cmp.Compare(x.Seq, y.Seq) })
	}
	return out, nil
}

func (b *batch) PendingItems(ctx context.Context, limit int) ([]sitrep.StoryItem, error) {
	items, err := b.base.PendingItems(ctx, limit)
	for _, it := range items {
		b.known[it.Key()] = it
	}
	return items, err
}

func (b *batch) PutStories(ctx context.Context, u sitrep.StoryUpdate) error {
	for _, a := range u.Assign {
		k := a.Kind + ":" + a.DocID + "/" + a.ItemID
		if _, ok := b.assign[k]; !ok {
			b.order = append(b.order, k)
		}
		b.assign[k] = a
		if it, ok := b.known[k]; ok && it.Story == "" {
			// A pending item placed by this batch: the memory index
			// finds it for the items after it.
			b.mem.Add(it)
			b.mem.PutStories(ctx, sitrep.StoryUpdate{Assign: []sitrep.Assignment{a}})
		}
	}
	for _, s := range u.Stories {
		if _, ok := b.stories[s.ID]; !ok {
			b.sorder = append(b.sorder, s.ID)
		}
		b.stories[s.ID] = s
		delete(b.removed, s.ID)
	}
	for _, id := range u.Remove {
		b.removed[id] = true
		delete(b.stories, id)
	}
	return nil
}

// flush writes the batch's decisions in one transaction.
func (b *batch) flush(ctx context.Context) error {
	var u sitrep.StoryUpdate
	for _, k := range b.order {
		u.Assign = append(u.Assign, b.assign[k])
	}
	for _, id := range b.sorder {
		if s, ok := b.stories[id]; ok {
			u.Stories = append(u.Stories, s)
		}
	}
	for _, id := range b.sorder {
		if b.removed[id] {
			u.Remove = append(u.Remove, id)
		}
	}
	var others []string
	for id := range b.removed {
		if !contains(b.sorder, id) {
			others = append(others, id)
		}
	}
	slices.Sort(others)
	u.Remove = append(u.Remove, others...)
	if len(u.Assign) == 0 && len(u.Stories) == 0 && len(u.Remove) == 0 {
		return nil
	}
	return b.base.PutStories(ctx, u)
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func (b *batch) reviewed(ctx context.Context, story string) (bool, error) {
	if rv, ok := b.base.(reviewer); ok {
		return rv.reviewed(ctx, story)
	}
	f, ok := b.base.(interface {
		FindStory(context.Context, string) (*sitrep.Story, error)
	})
	if !ok {
		return false, nil
	}
	s, err := f.FindStory(ctx, story)
	if sitrep.ErrorCode(err) == sitrep.ENOTFOUND {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return s.Reviewed, nil
}
