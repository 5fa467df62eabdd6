package server

import (
	"net/http"

	"sitrep"
	"sitrep/server/response"
)

// marker is an event as the map draws it: small, so that thousands load at
// once.
type marker struct {
	Doc    string  `json:"doc"`
	ID     string  `json:"id"`
	Lat    float64 `json:"lat"`
	Lon    float64 `json:"lon"`
	Type   string  `json:"type"`
	Sub    string  `json:"sub_type,omitempty"`
	Status string  `json:"status"`
	Event  string  `json:"event_status,omitempty"`
	Day    string  `json:"day,omitempty"`
	Place  string  `json:"place,omitempty"`
	Prec   string  `json:"precision,omitempty"`
	Text   string  `json:"text,omitempty"`
	Source string  `json:"source,omitempty"`
	Story  string  `json:"story,omitempty"`
}

// getMap returns the events that have coordinates, as markers. Status is
// the story's status (unverified for an event in no story).
func (s *Server) getMap(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, eventParams...)
	f := eventFilter(q)
	f.Limit = q.limit(2000, sitrep.MaxLimit)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	evs, next, err := s.store.FindEvents(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ms := make([]marker, 0, len(evs))
	for _, e := range evs {
		if e.PlaceInfo == nil || e.PlaceInfo.Precision == sitrep.PrecisionUnresolved || (e.PlaceInfo.Lat == 0 && e.PlaceInfo.Lon == 0) {
			continue
		}
		st := e.StoryStatus
		if st == "" {
			st = sitrep.StatusUnverified
		}
		ms = append(ms, marker{Doc: e.DocumentID, ID: e.ID, Lat: e.PlaceInfo.Lat, Lon: e.PlaceInfo.Lon,
			Type: e.Type, Sub: e.SubType, Status: st, Event: e.Status, Day: e.Day, Place: e.PlaceInfo.Name,
			Prec: e.PlacePrecision, Text: e.Trigger.Text, Source: e.Source, Story: e.Story})
	}
	response.JSON(w, http.StatusOK, newPage(ms, next))
}
