package server

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"sitrep"
)

// markerIndex keeps every event that has coordinates in memory, each
// pre-encoded as the JSON the map endpoint sends, so that the map answers
// from memory in well under a millisecond per thousand events. It is
// rebuilt from the store after this server's own writes (at once) and when
// the store's counts change under it (another process ingested; checked at
// most every checkEvery, rebuilt in the background).
type markerIndex struct {
	s *Server

	mu        sync.RWMutex
	ms        []indexedMarker
	stamp     string
	dirty     bool
	lastCheck time.Time
	checking  bool

	buildMu sync.Mutex
	gen     uint64 // bumped by invalidate
	builtAt uint64 // gen the current ms was built at
}

const checkEvery = 10 * time.Second

type indexedMarker struct {
	lat, lon   float64
	typeKey    string // lower-cased type
	status     string
	day        string
	source     string
	story, doc string
	placeKey   string
	json       []byte
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

// get returns the current markers, building them first if there are none
// or if this server wrote since.
func (ix *markerIndex) get(ctx context.Context) ([]indexedMarker, error) {
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
	for {
		evs, next, err := ix.s.store.FindEvents(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, e := range evs {
			if m, ok := toMarker(e); ok {
				b, _ := json.Marshal(m)
				ms = append(ms, indexedMarker{lat: m.Lat, lon: m.Lon, typeKey: strings.ToLower(m.Type), status: m.Status,
					day: m.Day, source: m.Source, story: m.Story, doc: m.Doc, placeKey: strings.ToLower(m.Place), json: b})
			}
		}
		if next == "" {
			break
		}
		f.Cursor = next
	}
	ix.mu.Lock()
	ix.ms, ix.stamp, ix.builtAt = ms, stamp, gen
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

// match reports whether m passes the map's filters.
func (m *indexedMarker) match(f *sitrep.EventFilter, typeKey, placeKey string) bool {
	switch {
	case typeKey != "" && m.typeKey != typeKey,
		f.StoryStatus != "" && m.status != f.StoryStatus,
		f.Source != "" && m.source != f.Source,
		f.Story != "" && m.story != f.Story,
		f.DocumentID != "" && m.doc != f.DocumentID,
		placeKey != "" && m.placeKey != placeKey,
		f.From != "" && (m.day == "" || m.day < f.From),
		f.To != "" && (m.day == "" || m.day > f.To):
		return false
	}
	if b := f.BBox; b != nil && (m.lon < b[0] || m.lat < b[1] || m.lon > b[2] || m.lat > b[3]) {
		return false
	}
	return true
}
