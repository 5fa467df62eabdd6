package server

import (
	"net/http"

	"sitrep"
	"sitrep/server/response"
)

// listDocuments lists stored documents, without their text.
func (s *Server) listDocuments(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, "source", "from", "to", "originals", "limit", "cursor")
	f := sitrep.DocumentFilter{Source: q.str("source"), Originals: q.boolean("originals"),
		Limit: q.limit(sitrep.DefaultLimit, sitrep.MaxLimit), Cursor: q.str("cursor")}
	f.From, f.To = q.dateRange()
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	docs, next, err := s.store.FindDocuments(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, d := range docs {
		d.Text = ""
	}
	response.JSON(w, http.StatusOK, newPage(docs, next))
}
