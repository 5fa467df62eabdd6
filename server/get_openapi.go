package server

import (
	_ "embed"
	"net/http"
)

// openAPI is the OpenAPI 3 description of the API; a test checks it
// against the route table and the mux.
//
//go:embed openapi.json
var openAPI []byte

// getOpenAPI serves the OpenAPI document.
func (s *Server) getOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(openAPI)
}
