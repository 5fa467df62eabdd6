package server

import (
	"net/http"

	"sitrep"
	"sitrep/server/response"
)

// listClaims lists claims with their current status.
func (s *Server) listClaims(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, "document", "speaker", "status", "source", "story", "from", "to", "reviewed", "limit", "cursor")
	f := sitrep.ClaimFilter{DocumentID: q.str("document"), Speaker: q.str("speaker"),
		Status: q.oneOf("status", sitrep.ReviewStatuses), Source: q.str("source"), Story: q.str("story"),
		Reviewed: q.boolean("reviewed"), Limit: q.limit(sitrep.DefaultLimit, sitrep.MaxLimit), Cursor: q.str("cursor")}
	f.From, f.To = q.dateRange()
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	claims, next, err := s.store.FindClaims(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, newPage(claims, next))
}
