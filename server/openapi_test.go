package server

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

type openAPIDoc struct {
	OpenAPI string `json:"openapi"`
	Paths   map[string]map[string]struct {
		OperationID string `json:"operationId"`
		Parameters  []struct {
			Ref    string         `json:"$ref"`
			Name   string         `json:"name"`
			In     string         `json:"in"`
			Schema map[string]any `json:"schema"`
		} `json:"parameters"`
		Responses map[string]any `json:"responses"`
	} `json:"paths"`
	Components struct {
		Parameters map[string]struct {
			Name   string         `json:"name"`
			In     string         `json:"in"`
			Schema map[string]any `json:"schema"`
		} `json:"parameters"`
	} `json:"components"`
}

var pathParam = regexp.MustCompile(`\{[a-z]+\}`)

// TestOpenAPIMatchesRoutes checks the served OpenAPI document against the
// real routes: every route is described, every described operation is
// routed by the mux to a route of the same method and pattern, and every
// documented query parameter is accepted while an undocumented one is
// refused.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	s := New(Config{Store: nil, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	rec := httptest.NewRecorder()
	s.getOpenAPI(rec, httptest.NewRequest("GET", "/api/openapi.json", nil))
	var doc openAPIDoc
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi = %q, want 3.x", doc.OpenAPI)
	}
	documented := map[string]bool{}
	ids := map[string]bool{}
	for p, ops := range doc.Paths {
		for method, op := range ops {
			key := strings.ToUpper(method) + " " + routePath(p)
			documented[key] = true
			if op.OperationID == "" || ids[op.OperationID] {
				t.Errorf("%s: missing or repeated operationId %q", key, op.OperationID)
			}
			ids[op.OperationID] = true
			if len(op.Responses) == 0 {
				t.Errorf("%s: no responses", key)
			}
			// The mux must route a concrete request to this very pattern.
			concrete := pathParam.ReplaceAllString(p, "x")
			req := httptest.NewRequest(strings.ToUpper(method), concrete, nil)
			if _, pat := s.mux.Handler(req); pat != key {
				t.Errorf("documented %s %s: the mux routes it to %q", strings.ToUpper(method), p, pat)
			}
		}
	}
	for _, rt := range s.routes {
		key := rt.method + " " + rt.path
		if !documented[key] {
			t.Errorf("route %s is not in openapi.json", key)
		}
		delete(documented, key)
	}
	for key := range documented {
		t.Errorf("openapi.json describes %s, which is no route", key)
	}
}

func routePath(p string) string {
	if p == "/static/{path}" {
		return "/static/"
	}
	return p
}

// TestOpenAPIQueryParameters sends each documented query parameter, with a
// valid value, to its endpoint and checks that the handler knows it; and an
// undocumented one, which it must refuse.
func TestOpenAPIQueryParameters(t *testing.T) {
	s := New(Config{Store: nil, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	var doc openAPIDoc
	json.Unmarshal(openAPI, &doc)
	for p, ops := range doc.Paths {
		op, ok := ops["get"]
		if !ok || !strings.HasPrefix(p, "/api/") || strings.Contains(p, "{") && len(op.Parameters) == 0 {
			continue
		}
		var names []string
		for _, prm := range op.Parameters {
			name, in, schema := prm.Name, prm.In, prm.Schema
			if prm.Ref != "" {
				c := doc.Components.Parameters[strings.TrimPrefix(prm.Ref, "#/components/parameters/")]
				name, in, schema = c.Name, c.In, c.Schema
			}
			if in != "query" {
				continue
			}
			names = append(names, name)
			v := sample(name, schema)
			code, param, detail := callParam(t, s, pathParam.ReplaceAllString(p, "x")+"?"+name+"="+v)
			if param == name && code == http.StatusBadRequest && strings.Contains(detail, "unknown query parameter") {
				t.Errorf("GET %s?%s=%s: refused (%d) though documented", p, name, v, code)
			}
		}
		if len(names) == 0 && p != "/api/stats" {
			continue
		}
		code, param, _ := callParam(t, s, pathParam.ReplaceAllString(p, "x")+"?undocumented=1")
		if code != http.StatusBadRequest || param != "undocumented" {
			t.Errorf("GET %s?undocumented=1 = %d (param %q), want 400 naming it", p, code, param)
		}
	}
}

func sample(name string, schema map[string]any) string {
	if e, ok := schema["enum"].([]any); ok && len(e) > 0 {
		return e[0].(string)
	}
	switch {
	case name == "bbox":
		return "30,40,31,50"
	case schema["format"] == "date":
		return "2022-03-01"
	case schema["type"] == "integer":
		return "1"
	case schema["type"] == "boolean":
		return "true"
	}
	return "x"
}

// callParam runs a request through the handler with a store that panics if
// touched past parameter checks, and returns the status and the param the
// problem names.
func callParam(t *testing.T, s *Server, target string) (int, string, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	func() {
		defer func() { recover() }()
		s.mux.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
	}()
	var p struct{ Param, Detail string }
	json.Unmarshal(rec.Body.Bytes(), &p)
	return rec.Code, p.Param, p.Detail
}
