package server

import (
	"net/http"

	"sitrep/server/response"
)

// getRecord returns the full record of a document, as extracted.
func (s *Server) getRecord(w http.ResponseWriter, r *http.Request) {
	if q := newQuery(r); q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	rec, err := s.store.FindRecord(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, rec)
}
