package server

import (
	"net/http"

	"sitrep"
	"sitrep/server/response"
)

// getSearch runs a full-text query over documents and claims.
func (s *Server) getSearch(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, "q", "kind", "limit", "offset")
	sq := sitrep.SearchQuery{Query: q.str("q"), Kind: q.oneOf("kind", []string{sitrep.SearchDocuments, sitrep.SearchClaims}),
		Limit: q.limit(20, 1000), Offset: q.integer("offset", 0, 100000)}
	if q.err == nil && sq.Query == "" {
		q.fail(badParam("q", "missing: give the words to search for"))
	}
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	hits, err := s.store.Search(r.Context(), sq)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if hits == nil {
		hits = []sitrep.SearchHit{}
	}
	response.JSON(w, http.StatusOK, map[string]any{"items": hits})
}
