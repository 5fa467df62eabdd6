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
	a, err := s.aggregateEvents(r.Context(), f)
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
