package server

import (
	"net/http"

	"sitrep/server/response"
)

// getStats counts what is stored.
func (s *Server) getStats(w http.ResponseWriter, r *http.Request) {
	if q := newQuery(r); q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	st, err := s.store.Stats(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, st)
}
