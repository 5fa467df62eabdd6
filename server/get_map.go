package server

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

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

// getMap returns the events that have coordinates, as markers, from the
// in-memory marker index. Status is the story's status, unverified for an
// event in no story; the status filter matches it. Total counts every
// match, of which a page holds at most limit.
func (s *Server) getMap(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, eventParams...)
	f := eventFilter(q)
	limit := q.limit(2000, sitrep.MaxLimit)
	offset := 0
	if f.Cursor != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(f.Cursor, "m"))
		if err != nil || !strings.HasPrefix(f.Cursor, "m") || n < 0 {
			q.fail(badParam("cursor", "%q is not a cursor of this endpoint", f.Cursor))
		}
		offset = n
	}
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	ms, err := s.markers.get(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	typeKey, placeKey := strings.ToLower(f.Type), strings.ToLower(f.Place)
	var buf bytes.Buffer
	buf.WriteString(`{"items":[`)
	total, n, next := 0, 0, ""
	for i := range ms {
		m := &ms[i]
		if !m.match(&f, typeKey, placeKey) {
			continue
		}
		total++
		if total <= offset {
			continue
		}
		if n == limit {
			if next == "" {
				next = "m" + strconv.Itoa(offset+limit)
			}
			continue
		}
		if n > 0 {
			buf.WriteByte(',')
		}
		buf.Write(m.json)
		n++
	}
	buf.WriteString(`],"next":"` + next + `","total":` + strconv.Itoa(total) + "}\n")
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(buf.Bytes())
}
