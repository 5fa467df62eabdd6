package server

import (
	"net/http"

	"sitrep/server/response"
)

// getDocument returns one stored document with its text.
func (s *Server) getDocument(w http.ResponseWriter, r *http.Request) {
	if q := newQuery(r); q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	d, err := s.store.FindDocument(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, d)
}
