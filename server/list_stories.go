package server

import (
	"net/http"

	"sitrep"
	"sitrep/server/response"
)

// listStories lists stories without their members.
func (s *Server) listStories(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, "kind", "status", "type", "min_sources", "limit", "cursor")
	f := sitrep.StoryFilter{Kind: q.oneOf("kind", []string{sitrep.StoryEvent, sitrep.StoryClaim}),
		Status: q.oneOf("status", sitrep.ReviewStatuses), Type: q.str("type"),
		MinSources: q.integer("min_sources", 0, 1000000), Limit: q.limit(sitrep.DefaultLimit, sitrep.MaxLimit), Cursor: q.str("cursor")}
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	st, next, err := s.store.FindStories(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, newPage(st, next))
}
