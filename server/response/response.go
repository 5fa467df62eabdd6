// Package response writes the server's two kinds of answers: JSON values and
// RFC 9457 problem details.
package response

import (
	"encoding/json"
	"net/http"
)

// JSON writes v as a JSON response with the given status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	// The UI escapes on output; "<" stays readable in the API.
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// Problem is an RFC 9457 problem detail. Code is the sitrep error code and
// Param names the parameter or field at fault, when one is.
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	Code     string `json:"code,omitempty"`
	Param    string `json:"param,omitempty"`
}

// WriteProblem writes p as application/problem+json. An empty Type becomes
// "about:blank" and an empty Title the status text, as RFC 9457 says.
func WriteProblem(w http.ResponseWriter, p Problem) {
	if p.Type == "" {
		p.Type = "about:blank"
	}
	if p.Title == "" {
		p.Title = http.StatusText(p.Status)
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(p)
}
