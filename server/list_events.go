package server

import (
	"net/http"
	"strconv"

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

// listEvents lists events with their places and stories, from the
// in-memory index (see markerIndex); from the store when it is too large.
func (s *Server) listEvents(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, eventParams...)
	f := eventFilter(q)
	f.Limit = q.limit(sitrep.DefaultLimit, sitrep.MaxLimit)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	ms, ok, err := s.markers.get(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if ok {
		offset := indexCursor(q, f.Cursor)
		if q.err != nil {
			s.fail(w, r, q.err)
			return
		}
		buf := getBuffer()
		defer putBuffer(buf)
		page1(buf, ms, &f, offset, f.Limit, false)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
		w.Write(buf.Bytes())
		return
	}
	evs, next, err := s.store.FindEvents(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, newPage(evs, next))
}
