package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"sitrep"
)

// markerIndex keeps every event in memory, pre-encoded both as the JSON
// the list endpoint sends and (with coordinates) as the map's marker, so
// that lists and the map answer from memory: filtering 100,000 events takes
// about a millisecond, where the store would scan rows. It is
// rebuilt from the store after this server's own writes (at once) and when
// the store's counts change under it (another process ingested; checked at
// most every checkEvery, rebuilt in the background).
type markerIndex struct {
	s *Server

	mu sync.RWMutex
	ms []indexedMarker
	// cells lists, per one-degree cell (sitrep.GridCell), the positions in
	// ms of the events there, ascending, so that a bounding box reads only
	// its cells.
	cells map[int64][]int32
	// off is set when the store holds more events than maxIndexed; the
	// handlers then ask the store.
	off       bool
	stamp     string
	dirty     bool
	lastCheck time.Time
	checking  bool

	buildMu sync.Mutex
	gen     uint64 // bumped by invalidate
	builtAt uint64 // gen the current ms was built at
}

const checkEvery = 10 * time.Second

// maxIndexed bounds the events kept in memory (about 1 kB each).
const maxIndexed = 1_000_000

type indexedMarker struct {
	lat, lon   float64
	typeKey    string // lower-cased type
	status     string
	day        int32 // days since 1970-01-01; -1 when undated
	source     string
	story, doc string
	placeKey   string
	place      *sitrep.Place // name, country, admin1, coordinates; no mentions
	// json is the marker, nil without coordinates; event the StoredEvent.
	json  []byte
	event []byte
}

func newMarkerIndex(s *Server) *markerIndex { return &markerIndex{s: s} }

// invalidate marks the index stale after a write by this server; the next
// read rebuilds it.
func (ix *markerIndex) invalidate() {
	ix.mu.Lock()
	ix.dirty = true
	ix.gen++
	ix.mu.Unlock()
}

// addDocuments puts the events of newly stored documents in the index at
// once, so that a client sees what it just posted, and rebuilds the whole
// index in the background, since clustering may have changed the stories
// of older events. Readers keep the old index until the new one is ready.
func (ix *markerIndex) addDocuments(ctx context.Context, ids []string) error {
	ix.mu.RLock()
	built := ix.ms != nil && !ix.off
	ix.mu.RUnlock()
	if !built {
		return nil
	}
	var add []indexedMarker
	for _, id := range ids {
		f := sitrep.EventFilter{DocumentID: id, Limit: sitrep.MaxLimit}
		for {
			evs, next, err := ix.s.store.FindEvents(ctx, f)
			if err != nil {
				return err
			}
			for _, e := range evs {
				im, err := indexEvent(e)
				if err != nil {
					return err
				}
				add = append(add, im)
			}
			if next == "" {
				break
			}
			f.Cursor = next
		}
	}
	ix.mu.Lock()
	// A copy, so that readers holding the old slice never see it change.
	ms := make([]indexedMarker, 0, len(ix.ms)+len(add))
	ix.ms = append(append(ms, ix.ms...), add...)
	ix.cells = cellsOf(ix.ms)
	ix.mu.Unlock()
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		ix.invalidate()
		if _, err := ix.rebuild(ctx); err != nil {
			ix.s.log.Warn("marker index: rebuilding", "err", err)
		}
	}()
	return nil
}

// setStoryStatus changes the status of a story's events in place after a
// review, without reading the store again.
func (ix *markerIndex) setStoryStatus(story, status string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.ms == nil || ix.off {
		return
	}
	ms := make([]indexedMarker, len(ix.ms))
	copy(ms, ix.ms)
	for i := range ms {
		if ms[i].story != story {
			continue
		}
		var e sitrep.StoredEvent
		if json.Unmarshal(ms[i].event, &e) != nil {
			continue
		}
		e.StoryStatus = status
		if im, err := indexEvent(&e); err == nil {
			ms[i] = im
		}
	}
	ix.ms = ms
}

// indexEvent makes the index entry of one event.
func indexEvent(e *sitrep.StoredEvent) (indexedMarker, error) {
	ev, err := json.Marshal(e)
	if err != nil {
		return indexedMarker{}, err
	}
	im := indexedMarker{typeKey: strings.ToLower(e.Type), status: e.StoryStatus, day: dayNumber(e.Day), source: e.Source,
		story: e.Story, doc: e.DocumentID, event: ev}
	if im.status == "" {
		im.status = sitrep.StatusUnverified
	}
	if p := e.PlaceInfo; p != nil {
		im.placeKey = strings.ToLower(p.Name)
		im.place = &sitrep.Place{Name: p.Name, Country: p.Country, Admin1: p.Admin1, Lat: p.Lat, Lon: p.Lon, GeoNameID: p.GeoNameID}
	}
	if m, ok := toMarker(e); ok {
		im.lat, im.lon = m.Lat, m.Lon
		im.json, _ = json.Marshal(m)
	}
	return im, nil
}

// get returns the current index, building it first if there is none or if
// this server wrote since; ok is false when the store is too large to keep
// in memory.
func (ix *markerIndex) get(ctx context.Context) (ms indexSnapshot, ok bool, err error) {
	if _, err = ix.get1(ctx); err != nil {
		return indexSnapshot{}, false, err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return indexSnapshot{ms: ix.ms, cells: ix.cells}, !ix.off, nil
}

// indexSnapshot is the index at one moment; writers replace its parts,
// never change them.
type indexSnapshot struct {
	ms    []indexedMarker
	cells map[int64][]int32
}

// cellsOf indexes positions by cell.
func cellsOf(ms []indexedMarker) map[int64][]int32 {
	cells := map[int64][]int32{}
	for i := range ms {
		if ms[i].json != nil {
			c := sitrep.GridCell(ms[i].lat, ms[i].lon)
			cells[c] = append(cells[c], int32(i))
		}
	}
	return cells
}

// candidates returns the positions a bounding box query must look at, in
// ascending order, or nil when scanning everything is as cheap.
func (x indexSnapshot) candidates(b *[4]float64) []int32 {
	if b == nil || x.cells == nil {
		return nil
	}
	var lists [][]int32
	n := 0
	for lat := math.Floor(b[1]); lat <= b[3]; lat++ {
		for lon := math.Floor(b[0]); lon <= b[2]; lon++ {
			if l := x.cells[sitrep.GridCell(lat, lon)]; len(l) > 0 {
				lists = append(lists, l)
				n += len(l)
			}
			if len(lists) > 4096 {
				return nil
			}
		}
	}
	if n > len(x.ms)/3 {
		return nil
	}
	out := make([]int32, 0, n)
	for _, l := range lists {
		out = append(out, l...)
	}
	slices.Sort(out)
	return out
}

func (ix *markerIndex) get1(ctx context.Context) ([]indexedMarker, error) {
	ix.mu.RLock()
	ms, dirty := ix.ms, ix.dirty
	check := !ix.checking && ix.s.now().Sub(ix.lastCheck) > checkEvery
	ix.mu.RUnlock()
	if ms == nil || dirty {
		return ix.rebuild(ctx)
	}
	if check {
		ix.mu.Lock()
		if !ix.checking {
			ix.checking = true
			ix.lastCheck = ix.s.now()
			go ix.refreshIfChanged()
		}
		ix.mu.Unlock()
	}
	return ms, nil
}

// refreshIfChanged rebuilds the index when the store's counts moved.
func (ix *markerIndex) refreshIfChanged() {
	defer func() {
		ix.mu.Lock()
		ix.checking = false
		ix.mu.Unlock()
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	stamp, err := ix.stampNow(ctx)
	if err != nil {
		ix.s.log.Warn("marker index: checking the store", "err", err)
		return
	}
	ix.mu.RLock()
	same := stamp == ix.stamp
	ix.mu.RUnlock()
	if !same {
		if _, err := ix.rebuild(ctx); err != nil {
			ix.s.log.Warn("marker index: rebuilding", "err", err)
		}
	}
}

func (ix *markerIndex) stampNow(ctx context.Context) (string, error) {
	st, err := ix.s.store.Stats(ctx)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d/%d/%d/%d", st.Events, st.Stories, st.Reviews, st.Pending), nil
}

// rebuild reads every event from the store. One rebuild runs at a time;
// a caller that waited for another's rebuild uses its result.
func (ix *markerIndex) rebuild(ctx context.Context) ([]indexedMarker, error) {
	ix.mu.RLock()
	want := ix.gen
	ix.mu.RUnlock()
	ix.buildMu.Lock()
	defer ix.buildMu.Unlock()
	ix.mu.RLock()
	if ix.ms != nil && ix.builtAt >= want && !ix.dirty {
		ms := ix.ms
		ix.mu.RUnlock()
		return ms, nil
	}
	gen := ix.gen
	ix.mu.RUnlock()
	start := time.Now()
	stamp, err := ix.stampNow(ctx)
	if err != nil {
		return nil, err
	}
	ms := make([]indexedMarker, 0, 1024)
	f := sitrep.EventFilter{Limit: sitrep.MaxLimit}
	if st, err := ix.s.store.Stats(ctx); err != nil {
		return nil, err
	} else if st.Events > maxIndexed {
		ix.mu.Lock()
		ix.off, ix.ms, ix.stamp, ix.builtAt, ix.dirty = true, []indexedMarker{}, stamp, gen, false
		ix.mu.Unlock()
		return nil, nil
	}
	for {
		evs, next, err := ix.s.store.FindEvents(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, e := range evs {
			im, err := indexEvent(e)
			if err != nil {
				return nil, err
			}
			ms = append(ms, im)
		}
		if next == "" {
			break
		}
		f.Cursor = next
	}
	ix.mu.Lock()
	ix.ms, ix.cells, ix.stamp, ix.builtAt, ix.off = ms, cellsOf(ms), stamp, gen, false
	if ix.gen == gen {
		ix.dirty = false
	}
	ix.lastCheck = ix.s.now()
	ix.mu.Unlock()
	ix.s.log.Info("marker index built", "markers", len(ms), "ms", time.Since(start).Milliseconds())
	return ms, nil
}

// toMarker makes the map's view of an event; ok is false for an event
// without coordinates.
func toMarker(e *sitrep.StoredEvent) (marker, bool) {
	if e.PlaceInfo == nil || e.PlaceInfo.Precision == sitrep.PrecisionUnresolved || (e.PlaceInfo.Lat == 0 && e.PlaceInfo.Lon == 0) {
		return marker{}, false
	}
	st := e.StoryStatus
	if st == "" {
		st = sitrep.StatusUnverified
	}
	return marker{Doc: e.DocumentID, ID: e.ID, Lat: e.PlaceInfo.Lat, Lon: e.PlaceInfo.Lon,
		Type: e.Type, Sub: e.SubType, Status: st, Event: e.Status, Day: e.Day, Place: e.PlaceInfo.Name,
		Prec: e.PlacePrecision, Text: clipText(e.Trigger.Text, 200), Source: e.Source, Story: e.Story}, true
}

func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// dayNumber returns the day number of an ISO date, -1 for none.
func dayNumber(s string) int32 {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return -1
	}
	return int32(sitrep.Day(t))
}

// indexFilter is an EventFilter made ready for matching many events.
type indexFilter struct {
	*sitrep.EventFilter
	typeKey, placeKey string
	from, to          int32
}

func newIndexFilter(f *sitrep.EventFilter) *indexFilter {
	x := &indexFilter{EventFilter: f, typeKey: strings.ToLower(f.Type), placeKey: strings.ToLower(f.Place), from: -1, to: -1}
	if f.From != "" {
		x.from = dayNumber(f.From)
	}
	if f.To != "" {
		x.to = dayNumber(f.To)
	}
	return x
}

// match reports whether m passes the filters.
func (m *indexedMarker) match(f *indexFilter) bool {
	typeKey, placeKey := f.typeKey, f.placeKey
	switch {
	case typeKey != "" && m.typeKey != typeKey,
		f.StoryStatus != "" && m.status != f.StoryStatus,
		f.Source != "" && m.source != f.Source,
		f.Story != "" && m.story != f.Story,
		f.DocumentID != "" && m.doc != f.DocumentID,
		placeKey != "" && m.placeKey != placeKey,
		f.from >= 0 && (m.day < 0 || m.day < f.from),
		f.to >= 0 && (m.day < 0 || m.day > f.to):
		return false
	}
	if b := f.BBox; b != nil && (m.json == nil || m.lon < b[0] || m.lat < b[1] || m.lon > b[2] || m.lat > b[3]) {
		return false
	}
	return true
}

// page1 writes the items of one page of the events that pass f, the
// events' JSON (markers when asMarkers), with the cursor of the next page:
// the offset among the matches, prefixed with "m". Offsets stay valid while
// documents arrive, since new events go at the end. On the last page it
// also writes the total number of matches.
func page1(buf *bytes.Buffer, x indexSnapshot, f *sitrep.EventFilter, offset, limit int, asMarkers bool) {
	xf := newIndexFilter(f)
	ms := x.ms
	cand := x.candidates(f.BBox)
	buf.WriteString(`{"items":[`)
	total, n, next := 0, 0, ""
	count := len(ms)
	if cand != nil {
		count = len(cand)
	}
	for k := 0; k < count; k++ {
		i := k
		if cand != nil {
			i = int(cand[k])
		}
		m := &ms[i]
		if asMarkers && m.json == nil || !m.match(xf) {
			continue
		}
		total++
		if total <= offset {
			continue
		}
		if n == limit {
			// One more match is enough to know there is a next page;
			// counting them all would make every page cost a full scan.
			next = "m" + strconv.Itoa(offset+limit)
			break
		}
		if n > 0 {
			buf.WriteByte(',')
		}
		if asMarkers {
			buf.Write(m.json)
		} else {
			buf.Write(m.event)
		}
		n++
	}
	buf.WriteString(`],"next":"` + next + `"`)
	if next == "" {
		// Total is known only when the scan reached the end.
		buf.WriteString(`,"total":` + strconv.Itoa(total))
	}
	buf.WriteString("}\n")
}

// indexCursor reads a cursor of page1.
func indexCursor(q *query, cursor string) int {
	if cursor == "" {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimPrefix(cursor, "m"))
	if err != nil || !strings.HasPrefix(cursor, "m") || n < 0 {
		q.fail(badParam("cursor", "%q is not a cursor of this endpoint", cursor))
		return 0
	}
	return n
}

// buffers are reused between answers: a map page can be half a megabyte,
// and at hundreds of requests a second fresh ones would keep the collector
// busy.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer {
	b := buffers.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= 4<<20 {
		buffers.Put(b)
	}
}
