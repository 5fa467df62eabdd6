package server

import (
	"net/http"
	"strings"

	"sitrep/web"
)

// getStatic serves the embedded assets, gzipped when the client takes it.
// A URL carrying the current version (?v=) may be cached for a year.
func (s *Server) getStatic(w http.ResponseWriter, r *http.Request) {
	a := web.Lookup(r.URL.Path)
	if a == nil {
		s.notFound(w, r)
		return
	}
	if r.URL.Query().Get("v") == web.Version() {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	serveAsset(w, r, a)
}

func serveAsset(w http.ResponseWriter, r *http.Request, a *web.Asset) {
	h := w.Header()
	h.Set("Content-Type", a.Type)
	h.Set("ETag", a.ETag)
	h.Add("Vary", "Accept-Encoding")
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, a.ETag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := a.Body
	if a.Gzip != nil && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		body = a.Gzip
	}
	h.Set("Content-Length", itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}
