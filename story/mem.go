package story

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"sitrep"
)

// MemIndex is an Index in memory, for tests and for clustering a batch of
// records without a database. It indexes items as the stores do: by kind,
// type and grid cell, by place name and by speaker, each then scanned over
// the window's days only through the per-key lists.
type MemIndex struct {
	items   []*sitrep.StoryItem
	byKey   map[string]*sitrep.StoryItem
	byCell  map[string][]*sitrep.StoryItem
	byPlace map[string][]*sitrep.StoryItem
	bySpkr  map[string][]*sitrep.StoryItem
	stories map[string]*sitrep.Story
	members map[string][]*sitrep.StoryItem
	pending []*sitrep.StoryItem
}

var _ Index = (*MemIndex)(nil)

// NewMemIndex returns an empty index.
func NewMemIndex() *MemIndex {
	return &MemIndex{byKey: map[string]*sitrep.StoryItem{}, byCell: map[string][]*sitrep.StoryItem{},
		byPlace: map[string][]*sitrep.StoryItem{}, bySpkr: map[string][]*sitrep.StoryItem{}, stories: map[string]*sitrep.Story{}, members: map[string][]*sitrep.StoryItem{}}
}

func idxKey(kind, typ, k string) string {
	return kind + "\x00" + strings.ToLower(typ) + "\x00" + k
}

func cellKey(kind, typ string, cell int64, week int) string {
	return idxKey(kind, typ, strconv.FormatInt(cell, 10)+"/"+strconv.Itoa(week))
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// Add puts items in the index as pending, as a store's PutRecord does.
func (m *MemIndex) Add(items ...sitrep.StoryItem) {
	for _, it := range items {
		if _, ok := m.byKey[it.Key()]; ok {
			continue
		}
		p := new(sitrep.StoryItem)
		*p = it
		p.Story = ""
		m.items = append(m.items, p)
		m.byKey[p.Key()] = p
		m.pending = append(m.pending, p)
	}
}

func (m *MemIndex) index(p *sitrep.StoryItem) {
	if p.Cell >= 0 {
		k := cellKey(p.Kind, p.Type, p.Cell, floorDiv(p.DayFrom, 7))
		m.byCell[k] = append(m.byCell[k], p)
	}
	if p.PlaceKey != "" {
		k := idxKey(p.Kind, p.Type, p.PlaceKey)
		m.byPlace[k] = append(m.byPlace[k], p)
	}
	if p.Speaker != "" {
		k := idxKey(p.Kind, p.Type, p.Speaker)
		m.bySpkr[k] = append(m.bySpkr[k], p)
	}
}

// StoryCandidates implements Index.
func (m *MemIndex) StoryCandidates(ctx context.Context, w sitrep.StoryWindow) ([]sitrep.StoryItem, error) {
	var out []sitrep.StoryItem
	seen := map[string]bool{}
	scan := func(list []*sitrep.StoryItem) {
		for _, p := range list {
			if p.DayFrom <= w.DayTo && p.DayTo >= w.DayFrom && p.DayFrom >= w.DayFrom-MaxSpanDays && !seen[p.Key()] {
				seen[p.Key()] = true
				out = append(out, *p)
			}
		}
	}
	// Cells are bucketed by week of their first day, so the scan reads
	// only the weeks an overlapping item can start in.
	for _, c := range w.Cells {
		for wk := floorDiv(w.DayFrom-MaxSpanDays, 7); wk <= floorDiv(w.DayTo, 7); wk++ {
			scan(m.byCell[cellKey(w.Kind, w.Type, c, wk)])
		}
	}
	if w.PlaceKey != "" {
		scan(m.byPlace[idxKey(w.Kind, w.Type, w.PlaceKey)])
	}
	if w.Speaker != "" {
		scan(m.bySpkr[idxKey(w.Kind, w.Type, w.Speaker)])
	}
	return out, nil
}

// StoryItems implements Index.
func (m *MemIndex) StoryItems(ctx context.Context, story string) ([]sitrep.StoryItem, error) {
	var out []sitrep.StoryItem
	for _, p := range m.members[story] {
		out = append(out, *p)
	}
	return out, nil
}

// PendingItems implements Index.
func (m *MemIndex) PendingItems(ctx context.Context, limit int) ([]sitrep.StoryItem, error) {
	var out []sitrep.StoryItem
	for len(m.pending) > 0 && m.pending[0].Story != "" {
		m.pending = m.pending[1:]
	}
	for _, p := range m.pending {
		if len(out) == limit {
			break
		}
		if p.Story == "" {
			out = append(out, *p)
		}
	}
	return out, nil
}

// PutStories implements Index.
func (m *MemIndex) PutStories(ctx context.Context, u sitrep.StoryUpdate) error {
	for _, a := range u.Assign {
		p := m.byKey[a.Kind+":"+a.DocID+"/"+a.ItemID]
		if p == nil {
			continue
		}
		if p.Story == "" {
			m.index(p)
		} else {
			m.members[p.Story] = slices.DeleteFunc(m.members[p.Story], func(q *sitrep.StoryItem) bool { return q == p })
		}
		p.Story = a.Story
		m.members[a.Story] = append(m.members[a.Story], p)
	}
	for _, s := range u.Stories {
		if old := m.stories[s.ID]; old != nil && old.Reviewed {
			c := *s
			c.Status, c.Reviewed = old.Status, true
			s = &c
		}
		m.stories[s.ID] = s
	}
	for _, id := range u.Remove {
		delete(m.stories, id)
	}
	return nil
}

// Story returns a story by ID, nil if none.
func (m *MemIndex) Story(id string) *sitrep.Story { return m.stories[id] }

// Stories returns the stories, by ID.
func (m *MemIndex) Stories() []*sitrep.Story {
	var out []*sitrep.Story
	for _, s := range m.stories {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b *sitrep.Story) int { return strings.Compare(a.ID, b.ID) })
	return out
}

func (m *MemIndex) reviewed(ctx context.Context, story string) (bool, error) {
	s := m.stories[story]
	return s != nil && s.Reviewed, nil
}

// Review sets a story's status as an analyst would; clustering keeps it.
func (m *MemIndex) Review(story, status string) {
	if s := m.stories[story]; s != nil {
		s.Status, s.Reviewed = status, true
	}
}
