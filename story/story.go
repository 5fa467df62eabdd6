// Package story joins events and claims from different documents that are
// the same real-world event or statement into stories, counts each story's
// independent sources and says whether it is corroborated, contested or
// unverified.
//
// It works incrementally: an item is compared only with the stored items
// its Index returns for the grid cells and days around it, so the cost of
// adding a document depends on its neighbours, not on the size of the
// corpus.
package story

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strings"

	"sitrep"
)

// Index is what the clustering needs from a store; every sitrep.Store is
// one, and MemIndex keeps one in memory.
type Index interface {
	StoryCandidates(ctx context.Context, w sitrep.StoryWindow) ([]sitrep.StoryItem, error)
	StoryItems(ctx context.Context, story string) ([]sitrep.StoryItem, error)
	PendingItems(ctx context.Context, limit int) ([]sitrep.StoryItem, error)
	PutStories(ctx context.Context, u sitrep.StoryUpdate) error
}

// Matching bounds.
const (
	// MaxSpanDays is the longest date range an item may cover and still
	// join others: "in 2022" says too little to match on.
	MaxSpanDays = 31
	// DaySlack lets reports of the same event a day apart match (time
	// zones, "overnight", "yesterday" read against a late publication).
	DaySlack = 1
	// ClaimSlackDays lets a statement be reported up to this many days
	// after another report of it.
	ClaimSlackDays = 3
	// ClaimSimilarity is the least word overlap (Jaccard) of two claims'
	// contents by the same speaker to be the same claim.
	ClaimSimilarity = 0.5
	// FigureSlack is how far apart, as a share of the larger, two counts
	// of the same measure and day may be and still be one figure rounded
	// two ways.
	FigureSlack = 0.01
	// maxRadiusKm is the largest Radius of any precision that matches by
	// distance; the search around an item reaches its radius plus this.
	maxRadiusKm = 150
)

// Radius returns how far, in km, an event placed with this precision may
// be from where it is put: a town's centre is within 10 km of a strike in
// the town, a region's within 150 km. Country-level and unresolved places
// have no radius: they match only by name.
func Radius(precision string) (float64, bool) {
	switch precision {
	case sitrep.PrecisionTown:
		return 10, true
	case sitrep.PrecisionNearTown, "":
		return 25, true
	case sitrep.PrecisionRegion:
		return maxRadiusKm, true
	}
	return 0, false
}

// DistanceKm returns the great-circle distance between two points.
func DistanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

func geo(it *sitrep.StoryItem) (float64, bool) {
	if !it.HasCoord {
		return 0, false
	}
	return Radius(it.Precision)
}

func clusterable(it *sitrep.StoryItem) bool {
	if it.DayFrom > it.DayTo || it.DayTo-it.DayFrom >= MaxSpanDays {
		return false
	}
	if it.Kind == sitrep.StoryClaim {
		return it.Speaker != "" && hasWord(it.Content)
	}
	_, hasGeo := geo(it)
	return it.Type != "" && (hasGeo || it.PlaceKey != "")
}

// Match reports whether two items are the same event or claim: for events,
// the same type, places within the sum of their radii (or the same place
// name where either has no usable coordinates), overlapping dates and
// actors with a side or name in common where both name any; for claims,
// the same speaker and, where both give counts, a count of the same
// measure and day, else content sharing at least ClaimSimilarity of its words,
// reported within ClaimSlackDays.
func Match(a, b *sitrep.StoryItem) bool {
	return match(a, b, nil)
}

// wordCache keeps the word sets of claims' contents: an item is compared
// with every candidate of the same speaker, and splitting the same
// contents again for each pair was most of the cost of clustering claims.
type wordCache map[string]map[string]bool

func (c wordCache) words(s string) map[string]bool {
	if c == nil {
		return words(s)
	}
	w, ok := c[s]
	if !ok {
		w = words(s)
		c[s] = w
	}
	return w
}

func match(a, b *sitrep.StoryItem, wc wordCache) bool {
	if a.Kind != b.Kind || !clusterable(a) || !clusterable(b) {
		return false
	}
	if a.Kind == sitrep.StoryClaim {
		if a.Speaker != b.Speaker || a.DayFrom-ClaimSlackDays > b.DayTo || b.DayFrom-ClaimSlackDays > a.DayTo {
			return false
		}
		if len(a.Figures) > 0 && len(b.Figures) > 0 {
			// Counts decide: the same words with another day's count
			// are the next report, not this one.
			return sameFigure(a, b)
		}
		return jaccard(wc.words(a.Content), wc.words(b.Content)) >= ClaimSimilarity
	}
	if !strings.EqualFold(a.Type, b.Type) {
		return false
	}
	if a.DayFrom-DaySlack > b.DayTo || b.DayFrom-DaySlack > a.DayTo {
		return false
	}
	ra, okA := geo(a)
	rb, okB := geo(b)
	if okA && okB {
		if DistanceKm(a.Lat, a.Lon, b.Lat, b.Lon) > ra+rb {
			return false
		}
	} else if a.PlaceKey == "" || a.PlaceKey != b.PlaceKey {
		return false
	}
	if len(a.Actors) > 0 && len(b.Actors) > 0 {
		for _, x := range a.Actors {
			if slices.Contains(b.Actors, x) {
				return true
			}
		}
		return false
	}
	return true
}

// Window returns the index query for the candidates of it.
func Window(it *sitrep.StoryItem) sitrep.StoryWindow {
	w := sitrep.StoryWindow{Kind: it.Kind, Type: strings.ToLower(it.Type), DayFrom: it.DayFrom - DaySlack, DayTo: it.DayTo + DaySlack}
	if it.Kind == sitrep.StoryClaim {
		w.Speaker = it.Speaker
		w.DayFrom, w.DayTo = it.DayFrom-ClaimSlackDays, it.DayTo+ClaimSlackDays
		return w
	}
	w.PlaceKey = it.PlaceKey
	if r, ok := geo(it); ok {
		w.Cells = cellsAround(it.Lat, it.Lon, r+maxRadiusKm)
	}
	return w
}

// cellsAround lists the grid cells within km of a point, by latitude and
// longitude bounds.
func cellsAround(lat, lon, km float64) []int64 {
	dLat := km / 111.0
	cos := math.Cos(lat * math.Pi / 180)
	dLon := 180.0
	if cos > 0.01 {
		dLon = math.Min(180, km/(111.0*cos))
	}
	var cells []int64
	for la := math.Floor(math.Max(-90, lat-dLat)); la <= math.Min(89, lat+dLat); la++ {
		for lo := math.Floor(lon - dLon); lo <= math.Floor(lon+dLon); lo++ {
			c := sitrep.GridCell(la, lo)
			if !slices.Contains(cells, c) {
				cells = append(cells, c)
			}
		}
	}
	return cells
}

// Clusterer adds items to stories.
type Clusterer struct {
	Index Index
}

// New returns a clusterer over ix.
func New(ix Index) *Clusterer { return &Clusterer{Index: ix} }

// Run clusters every pending item, in the order they were stored, and
// returns how many it placed. It writes its decisions a few hundred items
// at a time, each lot in one transaction. Only one Run may go on at a time
// per store: two at once could each start a story for the same event.
func (c *Clusterer) Run(ctx context.Context) (int, error) {
	n := 0
	for {
		b := newBatch(c.Index)
		items, err := b.PendingItems(ctx, 500)
		if err != nil {
			return n, err
		}
		if len(items) == 0 {
			return n, nil
		}
		if err := b.prefetch(ctx, items); err != nil {
			return n, fmt.Errorf("story: candidates of %d items: %w", len(items), err)
		}
		wc := wordCache{}
		for i := range items {
			if err := add(ctx, b, &items[i], wc); err != nil {
				return n, err
			}
		}
		if err := b.flush(ctx); err != nil {
			return n, fmt.Errorf("story: write %d items: %w", len(items), err)
		}
		n += len(items)
	}
}

// StoryID returns the ID of a story started by the item with this key.
func StoryID(key string) string {
	h := sha256.Sum256([]byte(key))
	return "s" + hex.EncodeToString(h[:8])
}

// Add places one stored, pending item: it joins the story of every item it
// matches (merging them if there are several) or starts its own, and the
// stories it touches are recomputed.
func (c *Clusterer) Add(ctx context.Context, it *sitrep.StoryItem) error {
	return add(ctx, c.Index, it, nil)
}

func add(ctx context.Context, ix Index, it *sitrep.StoryItem, wc wordCache) error {
	var stories []string
	if clusterable(it) {
		cands, err := ix.StoryCandidates(ctx, Window(it))
		if err != nil {
			return fmt.Errorf("story: candidates for %s: %w", it.Key(), err)
		}
		for i := range cands {
			if cands[i].Key() != it.Key() && cands[i].Story != "" && match(it, &cands[i], wc) && !slices.Contains(stories, cands[i].Story) {
				stories = append(stories, cands[i].Story)
			}
		}
	}
	slices.Sort(stories)
	var u sitrep.StoryUpdate
	var target string
	var members []sitrep.StoryItem
	if len(stories) == 0 {
		target = StoryID(it.Key())
	} else {
		// Merging keeps the story an analyst reviewed, so that the review
		// goes on applying to the event it was about.
		target = stories[0]
		if rv, ok := ix.(reviewer); ok && len(stories) > 1 {
			for _, s := range stories {
				if r, err := rv.reviewed(ctx, s); err != nil {
					return err
				} else if r {
					target = s
					break
				}
			}
		}
		for _, s := range stories {
			ms, err := ix.StoryItems(ctx, s)
			if err != nil {
				return fmt.Errorf("story: members of %s: %w", s, err)
			}
			if s != target {
				for _, m := range ms {
					u.Assign = append(u.Assign, sitrep.Assignment{Kind: m.Kind, DocID: m.DocID, ItemID: m.ItemID, Story: target})
				}
				u.Remove = append(u.Remove, s)
			}
			members = append(members, ms...)
		}
	}
	it.Story = target
	members = append(members, *it)
	u.Assign = append(u.Assign, sitrep.Assignment{Kind: it.Kind, DocID: it.DocID, ItemID: it.ItemID, Story: target})
	u.Stories = []*sitrep.Story{Summarize(target, members)}
	if err := ix.PutStories(ctx, u); err != nil {
		return fmt.Errorf("story: put %s: %w", target, err)
	}
	return nil
}

// reviewer tells whether an analyst reviewed a story.
type reviewer interface {
	reviewed(ctx context.Context, story string) (bool, error)
}

// Summarize computes a story from its members: title, place, days,
// sources, contradictions and status.
func Summarize(id string, members []sitrep.StoryItem) *sitrep.Story {
	members = slices.Clone(members)
	slices.SortStableFunc(members, func(a, b sitrep.StoryItem) int {
		if d := precisionRank(a) - precisionRank(b); d != 0 {
			return d
		}
		return 0
	})
	lead := members[0]
	s := &sitrep.Story{ID: id, Kind: lead.Kind, Type: lead.Type, Place: lead.Place}
	if lead.HasCoord {
		s.Lat, s.Lon = lead.Lat, lead.Lon
	}
	from, to := math.MaxInt, math.MinInt
	docs := map[string]bool{}
	outlets := map[string]bool{}
	for _, m := range members {
		docs[m.DocID] = true
		if m.Source != "" {
			outlets[m.Source] = true
		}
		if m.DayFrom <= m.DayTo {
			from, to = min(from, m.DayFrom), max(to, m.DayTo)
		}
	}
	if from <= to {
		s.From, s.To = sitrep.DayString(from), sitrep.DayString(to)
	}
	s.Documents = len(docs)
	for o := range outlets {
		s.Outlets = append(s.Outlets, o)
	}
	slices.Sort(s.Outlets)
	s.Sources = Sources(members)
	s.Contradictions = Contradictions(members)
	switch {
	case len(s.Contradictions) > 0:
		s.Computed = sitrep.StatusContested
	case s.Sources >= 2:
		s.Computed = sitrep.StatusCorroborated
	default:
		s.Computed = sitrep.StatusUnverified
	}
	s.Status = s.Computed
	if lead.Kind == sitrep.StoryClaim {
		s.Title = clip(lead.Speaker+": "+lead.Content, 160)
	} else {
		t := lead.Type
		if lead.SubType != "" {
			t = lead.SubType
		}
		s.Title = t
		if lead.Place != "" {
			s.Title += " at " + lead.Place
		}
		if s.From != "" {
			s.Title += ", " + s.From
		}
	}
	return s
}

func precisionRank(it sitrep.StoryItem) int {
	if !it.HasCoord {
		return 9
	}
	switch it.Precision {
	case sitrep.PrecisionTown:
		return 0
	case sitrep.PrecisionNearTown:
		return 1
	case sitrep.PrecisionRegion:
		return 2
	}
	return 3
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// Sources counts the independent sources among members: distinct outlets,
// where a document and its near-duplicates count once, under the outlet of
// the original. Documents with no outlet count once each.
func Sources(members []sitrep.StoryItem) int {
	rootOutlet := map[string]string{}
	hasOriginal := map[string]bool{}
	for _, m := range members {
		if m.DocID == m.Root {
			rootOutlet[m.Root], hasOriginal[m.Root] = m.Source, true
			continue
		}
		// Without the original in the story, the copy with the least
		// outlet name stands for it, so the count does not depend on the
		// order of arrival.
		if o, ok := rootOutlet[m.Root]; !hasOriginal[m.Root] && (!ok || m.Source < o) {
			rootOutlet[m.Root] = m.Source
		}
	}
	seen := map[string]bool{}
	for root, o := range rootOutlet {
		if o == "" {
			o = "\x00" + root
		}
		seen[o] = true
	}
	return len(seen)
}

// territoryClass tells whether a sub-type says that territory was taken
// by a new holder or taken back by the one that held it before.
func territoryClass(sub string) string {
	s := strings.ToLower(sub)
	switch {
	case strings.Contains(s, "regain") || strings.Contains(s, "retak") || strings.Contains(s, "recaptur") || strings.Contains(s, "liberat"):
		return "regained"
	case strings.Contains(s, "overtake") || strings.Contains(s, "captur") || strings.Contains(s, "seiz") || strings.Contains(s, "transfer of territory"):
		return "taken"
	}
	return ""
}

// Contradictions returns why members disagree: territory changes that
// contradict each other for the same place and time ("captured" by one
// source, "retaken" by another), fatality figures for the same day that
// differ by more than a tenth (and more than 2), counts in claims of the
// same measure and as-of day that cannot both be right, and denials of what
// another source asserts. Disagreement
// within one document (or its copies) is the document's own account, not
// a contradiction between sources.
func Contradictions(members []sitrep.StoryItem) []sitrep.Contradiction {
	var out []sitrep.Contradiction
	byClass := map[string][]sitrep.StoryItem{}
	for _, m := range members {
		if m.Kind == sitrep.StoryEvent {
			if c := territoryClass(m.SubType); c != "" {
				byClass[c] = append(byClass[c], m)
			}
		}
	}
	if tk, rg := byClass["taken"], byClass["regained"]; len(tk) > 0 && len(rg) > 0 {
		if keys, ok := acrossRoots(tk, rg); ok {
			out = append(out, sitrep.Contradiction{Kind: sitrep.ContraTerritory,
				Note:  fmt.Sprintf("%q and %q reported for the same place and time", tk[0].SubType, rg[0].SubType),
				Items: keys})
		}
	}
	for i := range members {
		a := &members[i]
		if a.Fatalities == nil || a.DayFrom != a.DayTo {
			continue
		}
		for j := i + 1; j < len(members); j++ {
			b := &members[j]
			if b.Fatalities == nil || b.DayFrom != b.DayTo || b.DayFrom != a.DayFrom || a.Root == b.Root {
				continue
			}
			x, y := *a.Fatalities, *b.Fatalities
			if d := math.Abs(x - y); d > 2 && d > 0.1*math.Max(x, y) {
				out = append(out, sitrep.Contradiction{Kind: sitrep.ContraFigures,
					Note:  fmt.Sprintf("%g and %g killed on %s", x, y, sitrep.DayString(a.DayFrom)),
					Items: []string{a.DocID + "/" + a.ItemID, b.DocID + "/" + b.ItemID}})
			}
		}
	}
	for i := range members {
		a := &members[i]
		for j := i + 1; j < len(members); j++ {
			b := &members[j]
			if a.Root == b.Root {
				continue
			}
			for _, x := range a.Figures {
				for _, y := range b.Figures {
					if sameMeasure(x, y) && figuresDisagree(x, y) {
						out = append(out, sitrep.Contradiction{Kind: sitrep.ContraFigures,
							Note: fmt.Sprintf("%s %s %s as of %s in one report, %s in another", figureString(x), x.Unit, x.Measure,
								sitrep.DayString(x.Day), figureString(y)),
							Items: []string{a.DocID + "/" + a.ItemID, b.DocID + "/" + b.ItemID}})
					}
				}
			}
		}
	}
	// A denial contests what another source asserts; a report that only
	// says something did not happen contradicts no one.
	var denied []string
	deniedRoots := map[string]bool{}
	for _, m := range members {
		if m.Status == sitrep.EventDenied {
			denied = append(denied, m.DocID+"/"+m.ItemID)
			deniedRoots[m.Root] = true
		}
	}
	if len(denied) > 0 {
		for _, m := range members {
			if m.Status != sitrep.EventDenied && (len(deniedRoots) > 1 || !deniedRoots[m.Root]) {
				out = append(out, sitrep.Contradiction{Kind: sitrep.ContraDenial, Note: "a source denies what another asserts", Items: denied})
				break
			}
		}
	}
	return out
}

// acrossRoots returns the keys of the items of a and b when some pair of
// them comes from different originals.
func acrossRoots(a, b []sitrep.StoryItem) ([]string, bool) {
	for _, x := range a {
		for _, y := range b {
			if x.Root != y.Root {
				var keys []string
				for _, m := range append(slices.Clone(a), b...) {
					keys = append(keys, m.DocID+"/"+m.ItemID)
				}
				return keys, true
			}
		}
	}
	return nil, false
}

// hasWord reports whether words(s) is not empty.
func hasWord(s string) bool {
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127 {
			return true
		}
	}
	return false
}

// words returns the set of lower-cased words of s.
func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	}) {
		m[w] = true
	}
	return m
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// sameFigure reports whether two claims give a count of the same measure
// of the same thing on the same day: "the UN says 1,081 civilians were
// killed as of March 25" and "1,119 civilians killed by March 25, the UN
// said" are one claim whatever their wording, and disagree.
func sameFigure(a, b *sitrep.StoryItem) bool {
	for _, x := range a.Figures {
		for _, y := range b.Figures {
			if sameMeasure(x, y) {
				return true
			}
		}
	}
	return false
}

// sameMeasure reports whether two counts count the same thing on the
// same day, so that their values can be compared.
func sameMeasure(x, y sitrep.StoryFigure) bool {
	return x.Measure == y.Measure && x.Unit == y.Unit && x.Day == y.Day
}

// figuresDisagree reports whether two counts cannot both be right: their
// intervals are apart by more than FigureSlack of the larger (and more
// than 2), which leaves room for rounding ("1.1 million" and "1,081,000").
func figuresDisagree(x, y sitrep.StoryFigure) bool {
	gap := 0.0
	switch {
	case !x.Open && x.High < y.Low:
		gap = y.Low - x.High
	case !y.Open && y.High < x.Low:
		gap = x.Low - y.High
	default:
		return false
	}
	return gap > 2 && gap > FigureSlack*math.Max(math.Abs(x.Value), math.Abs(y.Value))
}

func figureString(f sitrep.StoryFigure) string {
	switch {
	case f.Open:
		return fmt.Sprintf("at least %g", f.Low)
	case f.Low != f.High:
		return fmt.Sprintf("%g–%g", f.Low, f.High)
	}
	return fmt.Sprintf("%g", f.Value)
}
