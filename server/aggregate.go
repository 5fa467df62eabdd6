package server

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"sitrep"
)

// aggregate is what the timeline and the places list show: counts over all
// the events a filter selects. Computing it reads every such event, so it
// is cached briefly and dropped on every write this server makes.
type aggregate struct {
	Days   []dayCount   `json:"days"`
	Places []placeCount `json:"places"`
	Total  int          `json:"total"`
	// Truncated is set when the scan stopped at its bound.
	Truncated bool `json:"truncated,omitempty"`
}

type dayCount struct {
	Day   string `json:"day"`
	Count int    `json:"count"`
}

type placeCount struct {
	Name      string  `json:"name"`
	Country   string  `json:"country,omitempty"`
	Admin1    string  `json:"admin1,omitempty"`
	Lat       float64 `json:"lat,omitempty"`
	Lon       float64 `json:"lon,omitempty"`
	GeoNameID int     `json:"geonames_id,omitempty"`
	Events    int     `json:"events"`
}

// maxAggregate bounds the events one aggregate reads.
const maxAggregate = 500_000

const aggTTL = 15 * time.Second

type aggCache struct {
	mu      sync.Mutex
	now     func() time.Time
	entries map[string]aggEntry
}

type aggEntry struct {
	at  time.Time
	agg *aggregate
}

func newAggCache(now func() time.Time) *aggCache {
	return &aggCache{now: now, entries: map[string]aggEntry{}}
}

func (c *aggCache) invalidate() {
	c.mu.Lock()
	clear(c.entries)
	c.mu.Unlock()
}

func (c *aggCache) get(key string) *aggregate {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || c.now().Sub(e.at) > aggTTL {
		return nil
	}
	return e.agg
}

func (c *aggCache) put(key string, a *aggregate) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) > 256 {
		clear(c.entries)
	}
	c.entries[key] = aggEntry{at: c.now(), agg: a}
}

// aggregateEvents counts the events f selects per day and per place.
func (s *Server) aggregateEvents(ctx context.Context, f sitrep.EventFilter) (*aggregate, error) {
	f.Cursor, f.Limit = "", sitrep.MaxLimit
	key := fmt.Sprintf("%+v", f)
	if f.BBox != nil {
		key += fmt.Sprint(*f.BBox)
	}
	if a := s.agg.get(key); a != nil {
		return a, nil
	}
	days := map[string]int{}
	places := map[string]*placeCount{}
	a := &aggregate{}
	for {
		evs, next, err := s.store.FindEvents(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, e := range evs {
			a.Total++
			if e.Day != "" {
				days[e.Day]++
			}
			if p := e.PlaceInfo; p != nil && p.Name != "" {
				k := strings.ToLower(p.Name) + "\x00" + p.Country
				pc := places[k]
				if pc == nil {
					pc = &placeCount{Name: p.Name, Country: p.Country, Admin1: p.Admin1, Lat: p.Lat, Lon: p.Lon, GeoNameID: p.GeoNameID}
					places[k] = pc
				}
				pc.Events++
			}
		}
		if next == "" {
			break
		}
		if a.Total >= maxAggregate {
			a.Truncated = true
			break
		}
		f.Cursor = next
	}
	a.Days = make([]dayCount, 0, len(days))
	for d, n := range days {
		a.Days = append(a.Days, dayCount{d, n})
	}
	slices.SortFunc(a.Days, func(x, y dayCount) int { return strings.Compare(x.Day, y.Day) })
	a.Places = sortPlaces(places)
	s.agg.put(key, a)
	return a, nil
}

// sortPlaces lists places, most events first, then by name.
func sortPlaces(places map[string]*placeCount) []placeCount {
	out := make([]placeCount, 0, len(places))
	for _, p := range places {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(x, y placeCount) int {
		if x.Events != y.Events {
			return y.Events - x.Events
		}
		if c := strings.Compare(x.Name, y.Name); c != 0 {
			return c
		}
		return strings.Compare(x.Country, y.Country)
	})
	return out
}
