package server

import (
	"net/http"

	"sitrep"
	"sitrep/server/response"
)

// listReviews lists the audit trail, oldest first.
func (s *Server) listReviews(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, "kind", "target", "reviewer", "limit", "cursor")
	f := sitrep.ReviewFilter{Kind: q.oneOf("kind", []string{sitrep.ReviewClaim, sitrep.ReviewStory}),
		Target: q.str("target"), Reviewer: q.str("reviewer"),
		Limit: q.limit(sitrep.DefaultLimit, sitrep.MaxLimit), Cursor: q.str("cursor")}
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	revs, next, err := s.store.Reviews(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, newPage(revs, next))
}
