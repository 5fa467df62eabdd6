package server

import (
	"net/http"

	"sitrep/server/response"
)

// timeline is the number of events per day.
type timeline struct {
	Days      []dayCount `json:"days"`
	Total     int        `json:"total"`
	Truncated bool       `json:"truncated,omitempty"`
}

// getTimeline counts the selected events per day (the event's day, else
// the publication date).
func (s *Server) getTimeline(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, "type", "source", "story", "status", "bbox", "place", "from", "to")
	f := eventFilter(q)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	a, err := s.aggregateEvents(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, timeline{Days: a.Days, Total: a.Total, Truncated: a.Truncated})
}
