package server

import (
	"net/http"

	"sitrep/web"
)

// getIndex serves the UI's page. Every client-side view is under "/", so
// unknown paths outside /api/ also get the page, and the UI routes them.
func (s *Server) getIndex(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		s.notFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	serveAsset(w, r, web.Index())
}
