package server

import (
	"net/http"

	"sitrep"
	"sitrep/server/response"
)

// eventFilter reads the event filters every event endpoint shares.
func eventFilter(q *query) sitrep.EventFilter {
	f := sitrep.EventFilter{DocumentID: q.str("document"), Type: q.str("type"), Source: q.str("source"),
		Story: q.str("story"), StoryStatus: q.oneOf("status", sitrep.ReviewStatuses), BBox: q.bbox(),
		Place: q.str("place"), Cursor: q.str("cursor")}
	f.From, f.To = q.dateRange()
	return f
}

var eventParams = []string{"document", "type", "source", "story", "status", "bbox", "place", "from", "to", "limit", "cursor"}

// listEvents lists events with their places and stories.
func (s *Server) listEvents(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, eventParams...)
	f := eventFilter(q)
	f.Limit = q.limit(sitrep.DefaultLimit, sitrep.MaxLimit)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	evs, next, err := s.store.FindEvents(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, newPage(evs, next))
}
