package server

import (
	"net/http"

	"sitrep"
	"sitrep/server/response"
)

// placeList is the places events happened at, most events first.
type placeList struct {
	Items     []placeCount `json:"items"`
	Total     int          `json:"total"`
	Truncated bool         `json:"truncated,omitempty"`
}

// listPlaces lists the places of the selected events with their counts.
func (s *Server) listPlaces(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, "type", "source", "story", "status", "bbox", "from", "to", "limit")
	f := eventFilter(q)
	limit := q.limit(sitrep.DefaultLimit, sitrep.MaxLimit)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	var a *aggregate
	ms, ok, err := s.markers.get(r.Context())
	if err == nil && ok {
		a = placesOf(ms.ms, &f)
	} else if err == nil {
		a, err = s.aggregateEvents(r.Context(), f)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	items := a.Places
	if len(items) > limit {
		items = items[:limit]
	}
	response.JSON(w, http.StatusOK, placeList{Items: items, Total: len(a.Places), Truncated: a.Truncated})
}

// placesOf counts the indexed events that pass f per place.
func placesOf(ms []indexedMarker, f *sitrep.EventFilter) *aggregate {
	xf := newIndexFilter(f)
	places := map[string]*placeCount{}
	a := &aggregate{}
	for i := range ms {
		m := &ms[i]
		if !m.match(xf) {
			continue
		}
		a.Total++
		if p := m.place; p != nil && p.Name != "" {
			k := m.placeKey + "\x00" + p.Country
			pc := places[k]
			if pc == nil {
				pc = &placeCount{Name: p.Name, Country: p.Country, Admin1: p.Admin1, Lat: p.Lat, Lon: p.Lon, GeoNameID: p.GeoNameID}
				places[k] = pc
			}
			pc.Events++
		}
	}
	a.Places = sortPlaces(places)
	return a
}
