package server

import (
	"net/http"
	"strconv"

	"sitrep"
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
// the story's status, unverified for an event in no story, and the status
// filter matches it. Total counts every match, of which a page holds at
// most limit.
func (s *Server) getMap(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, eventParams...)
	f := eventFilter(q)
	limit := q.limit(2000, sitrep.MaxLimit)
	offset := indexCursor(q, f.Cursor)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	ms, ok, err := s.markers.get(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !ok {
		s.fail(w, r, sitrep.Errorf(sitrep.EUNAVAILABLE, "the store holds more than %d events, too many for the map", maxIndexed))
		return
	}
	buf := getBuffer()
	defer putBuffer(buf)
	page1(buf, ms, &f, offset, limit, true)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}
