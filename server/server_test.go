package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitrep"
	"sitrep/server"
	"sitrep/sqlite"
	"sitrep/storetest"
	"sitrep/story"
)

type fixture struct {
	st     sitrep.Store
	srv    *server.Server
	ts     *httptest.Server
	secret string
	irpin  *sitrep.Record
}

func mustServe(tb testing.TB, cfg server.Config) *fixture {
	tb.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "t.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	f := &fixture{st: st}
	for _, r := range []storetest.Report{
		storetest.Irpin("Kyiv Wire", "Irpin retaken. Oleksandr Markushyn said Irpin has been liberated."),
		storetest.Irpin("Danube Post", "Ukrainian forces retaken Irpin. Oleksandr Markushyn said Irpin has been liberated today."),
		{Source: "Kyiv Wire", Published: "2022-03-01", Title: "Kharkiv", Type: "Explosions/Remote violence", Place: "Kharkiv",
			Lat: 49.99, Lon: 36.23, Date: "2022-03-01", Trigger: "shelled", Text: "Russian forces shelled Kharkiv."},
	} {
		rec := r.Record()
		if _, err := st.PutRecord(ctx, rec, sitrep.PutOptions{}); err != nil {
			tb.Fatal(err)
		}
		if f.irpin == nil {
			f.irpin = rec
		}
	}
	if _, err := story.New(st).Run(ctx); err != nil {
		tb.Fatal(err)
	}
	if f.secret, _, err = st.CreateToken(ctx, "alice", nil); err != nil {
		tb.Fatal(err)
	}
	cfg.Store = st
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	f.srv = server.New(cfg)
	f.ts = httptest.NewServer(f.srv.Handler())
	tb.Cleanup(f.ts.Close)
	return f
}

// do sends a request; body may be a string (sent as JSON) or nil.
func (f *fixture) do(tb testing.TB, method, path, token, body string, hdr ...string) (*http.Response, []byte) {
	tb.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, f.ts.URL+path, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := f.ts.Client().Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

type problem struct {
	Type, Title, Detail, Code, Param string
	Status                           int
}

func TestBadInput(t *testing.T) {
	f := mustServe(t, server.Config{})
	claim := "/api/claims/" + f.irpin.Document.ID + "/C1/review"
	tests := []struct {
		name, method, path, token, body string
		status                          int
		param, detail                   string
	}{
		{"malformed JSON", "POST", claim, f.secret, `{"status": "false"`, 400, "body", "malformed JSON"},
		{"unknown field", "POST", claim, f.secret, `{"status": "false", "verdict": "x"}`, 400, "verdict", "unknown field"},
		{"bad status", "POST", claim, f.secret, `{"status": "fake"}`, 400, "status", "not a status"},
		{"trailing data", "POST", claim, f.secret, `{"status": "false"} {}`, 400, "body", "after the JSON object"},
		{"bbox latitude 200", "GET", "/api/events?bbox=30,40,31,200", "", "", 400, "bbox", "latitude maxLat 200 is outside -90..90"},
		{"bbox not numbers", "GET", "/api/map?bbox=a,b,c,d", "", "", 400, "bbox", "not a number"},
		{"backwards dates", "GET", "/api/events?from=2022-03-10&to=2022-03-01", "", "", 400, "from", "runs backwards"},
		{"backwards dates on claims", "GET", "/api/claims?from=2022-03-10&to=2022-03-01", "", "", 400, "from", "runs backwards"},
		{"bad date", "GET", "/api/documents?from=March", "", "", 400, "from", "YYYY-MM-DD"},
		{"page of a million", "GET", "/api/claims?limit=1000000", "", "", 400, "limit", "above the largest page size"},
		{"page of zero", "GET", "/api/events?limit=0", "", "", 400, "limit", "below 1"},
		{"unknown parameter", "GET", "/api/events?colour=red", "", "", 400, "colour", "unknown query parameter"},
		{"bad cursor", "GET", "/api/events?cursor=zzz", "", "", 400, "cursor", "not a cursor"},
		{"bad claims cursor", "GET", "/api/claims?cursor=zzz", "", "", 400, "", ""},
		{"unknown token", "POST", claim, "sitrep_nope", `{"status": "false"}`, 401, "Authorization", "no such token"},
		{"unknown token on a read", "GET", "/api/events", "sitrep_nope", "", 401, "Authorization", "no such token"},
		{"no token", "POST", claim, "", `{"status": "false"}`, 401, "Authorization", "needs an API token"},
		{"missing claim", "POST", "/api/claims/" + f.irpin.Document.ID + "/C99/review", f.secret, `{"status": "false"}`, 404, "", "no such claim"},
		{"missing document's claim", "POST", "/api/claims/nodoc/C1/review", f.secret, `{"status": "false"}`, 404, "", "no such claim"},
		{"missing story", "POST", "/api/stories/nostory/review", f.secret, `{"status": "false"}`, 404, "", ""},
		{"missing document", "GET", "/api/documents/nodoc", "", "", 404, "", ""},
		{"missing record", "GET", "/api/records/nodoc", "", "", 404, "", ""},
		{"stale old status", "POST", claim, f.secret, `{"status": "false", "old_status": "confirmed"}`, 409, "", ""},
		{"empty search", "GET", "/api/search", "", "", 400, "q", "missing"},
		{"export without format", "GET", "/api/export", "", "", 400, "format", "missing"},
		{"ingest nothing", "POST", "/api/documents", f.secret, `{}`, 501, "", ""},
		{"no such endpoint", "GET", "/api/nothing", "", "", 404, "", "no such endpoint"},
		{"wrong method", "PUT", "/api/events", "", "", 405, "", "allowed: GET"},
	}
	before := snapshot(t, f)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := f.do(t, tt.method, tt.path, tt.token, tt.body)
			if resp.StatusCode != tt.status {
				t.Fatalf("%s %s = %d %s, want %d", tt.method, tt.path, resp.StatusCode, body, tt.status)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
				t.Fatalf("Content-Type = %q, want application/problem+json", ct)
			}
			var p problem
			if err := json.Unmarshal(body, &p); err != nil {
				t.Fatalf("problem detail %s: %v", body, err)
			}
			if p.Status != tt.status || p.Title == "" || p.Type == "" || p.Detail == "" {
				t.Errorf("problem = %+v, want status %d with type, title and detail", p, tt.status)
			}
			if p.Param != tt.param {
				t.Errorf("param = %q, want %q (%s)", p.Param, tt.param, p.Detail)
			}
			if !strings.Contains(p.Detail, tt.detail) {
				t.Errorf("detail = %q, want it to contain %q", p.Detail, tt.detail)
			}
		})
	}
	if after := snapshot(t, f); after != before {
		t.Errorf("bad requests changed the store:\nbefore %s\nafter  %s", before, after)
	}
}

// snapshot summarizes what is stored, to show that nothing changed.
func snapshot(t *testing.T, f *fixture) string {
	t.Helper()
	ctx := context.Background()
	st, err := f.st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	claims, _, err := f.st.FindClaims(ctx, sitrep.ClaimFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	json.NewEncoder(&b).Encode(st)
	for _, c := range claims {
		b.WriteString(c.DocumentID + "/" + c.ID + "=" + c.Status + " ")
	}
	return b.String()
}

func TestReviewClaim(t *testing.T) {
	f := mustServe(t, server.Config{})
	path := "/api/claims/" + f.irpin.Document.ID + "/C1"
	resp, body := f.do(t, "POST", path+"/review", f.secret, `{"status": "false", "note": "video is old <b>"}`)
	if resp.StatusCode != 200 {
		t.Fatalf("review = %d %s", resp.StatusCode, body)
	}
	var rev sitrep.Review
	json.Unmarshal(body, &rev)
	if rev.Reviewer != "alice" || rev.OldStatus != "unverified" || rev.NewStatus != "false" || rev.Note != "video is old <b>" {
		t.Errorf("review = %+v", rev)
	}
	_, body = f.do(t, "GET", path, "", "")
	var c struct {
		Status   string
		Reviewed bool
		Reviews  []sitrep.Review
	}
	json.Unmarshal(body, &c)
	if c.Status != "false" || !c.Reviewed || len(c.Reviews) != 1 || c.Reviews[0].Reviewer != "alice" {
		t.Errorf("claim after review = %s", body)
	}
	_, body = f.do(t, "GET", "/api/claims?status=false", "", "")
	if !strings.Contains(string(body), `"id":"C1"`) {
		t.Errorf("claims?status=false = %s, want the reviewed claim", body)
	}
}

func TestPrivateReads(t *testing.T) {
	f := mustServe(t, server.Config{PrivateReads: true})
	if resp, body := f.do(t, "GET", "/api/events", "", ""); resp.StatusCode != 401 {
		t.Errorf("anonymous read = %d %s, want 401", resp.StatusCode, body)
	}
	if resp, body := f.do(t, "GET", "/api/events", f.secret, ""); resp.StatusCode != 200 {
		t.Errorf("read with token = %d %s, want 200", resp.StatusCode, body)
	}
	for _, open := range []string{"/healthz", "/metrics", "/api/openapi.json", "/", "/api/session"} {
		if resp, _ := f.do(t, "GET", open, "", ""); resp.StatusCode != 200 {
			t.Errorf("GET %s = %d, want 200 even with private reads", open, resp.StatusCode)
		}
	}
}

func TestSessionCSRF(t *testing.T) {
	f := mustServe(t, server.Config{})
	resp, body := f.do(t, "POST", "/api/session", "", `{"token": "`+f.secret+`"}`)
	if resp.StatusCode != 200 {
		t.Fatalf("sign in = %d %s", resp.StatusCode, body)
	}
	var sess struct{ CSRF string }
	json.Unmarshal(body, &sess)
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "sitrep_session" {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || sess.CSRF == "" {
		t.Fatalf("session cookie %+v, csrf %q: want HttpOnly, SameSite=Strict and a CSRF token", cookie, sess.CSRF)
	}
	review := "/api/claims/" + f.irpin.Document.ID + "/C1/review"
	ck := cookie.Name + "=" + cookie.Value
	if resp, body := f.do(t, "POST", review, "", `{"status":"false"}`, "Cookie", ck); resp.StatusCode != 403 {
		t.Errorf("session write without CSRF token = %d %s, want 403", resp.StatusCode, body)
	}
	if resp, body := f.do(t, "POST", review, "", `{"status":"false"}`, "Cookie", ck, "X-CSRF-Token", sess.CSRF, "Origin", "https://evil.example"); resp.StatusCode != 403 {
		t.Errorf("cross-origin session write = %d %s, want 403", resp.StatusCode, body)
	}
	if resp, body := f.do(t, "POST", review, "", `{"status":"false"}`, "Cookie", ck, "X-CSRF-Token", sess.CSRF); resp.StatusCode != 200 {
		t.Errorf("session write with CSRF token = %d %s, want 200", resp.StatusCode, body)
	}
	if resp, _ := f.do(t, "POST", "/api/session", "", `{"token": "sitrep_wrong"}`); resp.StatusCode != 401 {
		t.Errorf("sign in with a wrong token = %d, want 401", resp.StatusCode)
	}
}

func TestWriteRateLimit(t *testing.T) {
	f := mustServe(t, server.Config{WriteRate: 0.001, WriteBurst: 3})
	review := "/api/claims/" + f.irpin.Document.ID + "/C1/review"
	codes := []int{}
	for range 5 {
		resp, _ := f.do(t, "POST", review, f.secret, `{"status":"false"}`)
		codes = append(codes, resp.StatusCode)
	}
	if codes[2] != 200 || codes[3] != 429 || codes[4] != 429 {
		t.Errorf("statuses of 5 quick writes with a burst of 3 = %v, want 200 200 200 429 429", codes)
	}
	// Guessing tokens is limited too.
	codes = codes[:0]
	for range 5 {
		resp, _ := f.do(t, "POST", "/api/session", "", `{"token": "sitrep_guess"}`)
		codes = append(codes, resp.StatusCode)
	}
	if codes[0] != 401 || codes[4] != 429 {
		t.Errorf("statuses of 5 quick sign-ins with wrong tokens = %v, want 401 first and 429 last", codes)
	}
	// Reads are not limited.
	if resp, _ := f.do(t, "GET", "/api/claims", "", ""); resp.StatusCode != 200 {
		t.Errorf("read after the write limit = %d", resp.StatusCode)
	}
}

func TestBodyLimit(t *testing.T) {
	f := mustServe(t, server.Config{MaxBodyBytes: 100})
	review := "/api/claims/" + f.irpin.Document.ID + "/C1/review"
	resp, body := f.do(t, "POST", review, f.secret, `{"status":"false","note":"`+strings.Repeat("x", 200)+`"}`)
	if resp.StatusCode != 413 || !strings.Contains(string(body), "larger than 100 bytes") {
		t.Errorf("oversized body = %d %s, want 413", resp.StatusCode, body)
	}
}

func TestListsAndFilters(t *testing.T) {
	f := mustServe(t, server.Config{})
	var pg struct {
		Items []map[string]any
		Next  string
	}
	get := func(path string) {
		t.Helper()
		resp, body := f.do(t, "GET", path, "", "")
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s = %d %s", path, resp.StatusCode, body)
		}
		pg.Items, pg.Next = nil, ""
		json.Unmarshal(body, &pg)
	}
	get("/api/map")
	if len(pg.Items) != 3 {
		t.Errorf("map markers = %d, want 3", len(pg.Items))
	}
	get("/api/map?type=Battles")
	if len(pg.Items) != 2 {
		t.Errorf("map markers of type Battles = %d, want 2", len(pg.Items))
	}
	get("/api/map?bbox=35,49,37,51")
	if len(pg.Items) != 1 || pg.Items[0]["place"] != "Kharkiv" {
		t.Errorf("map markers in a box round Kharkiv = %v", pg.Items)
	}
	get("/api/events?limit=1")
	if len(pg.Items) != 1 || pg.Next == "" {
		t.Errorf("events?limit=1 = %d items, next %q: want 1 and a cursor", len(pg.Items), pg.Next)
	}
	get("/api/events?limit=1&cursor=" + pg.Next)
	if len(pg.Items) != 1 {
		t.Errorf("second page = %d items", len(pg.Items))
	}
	get("/api/stories")
	if len(pg.Items) == 0 {
		t.Fatal("no stories")
	}
	found := false
	for _, s := range pg.Items {
		if s["kind"] == "event" && s["sources"] == float64(2) {
			found = true
		}
	}
	if !found {
		t.Errorf("stories = %v, want the Irpin event with 2 sources", pg.Items)
	}
	resp, body := f.do(t, "GET", "/api/timeline", "", "")
	if resp.StatusCode != 200 || !strings.Contains(string(body), `{"day":"2022-03-28","count":2}`) {
		t.Errorf("timeline = %s", body)
	}
	resp, body = f.do(t, "GET", "/api/export?format=geojson&type=Battles", "", "")
	var fc struct {
		Type     string
		Features []json.RawMessage
	}
	if err := json.Unmarshal(body, &fc); err != nil || resp.StatusCode != 200 || fc.Type != "FeatureCollection" || len(fc.Features) != 2 {
		t.Errorf("geojson export = %d %s (%v)", resp.StatusCode, body, err)
	}
	resp, body = f.do(t, "GET", "/api/export?format=jsonl", "", "")
	if n := bytes.Count(body, []byte("\n")); resp.StatusCode != 200 || n != 3 {
		t.Errorf("jsonl export = %d with %d lines, want 3", resp.StatusCode, n)
	}
	resp, body = f.do(t, "GET", "/api/export?format=acled-csv", "", "")
	if lines := strings.Split(strings.TrimSpace(string(body)), "\n"); resp.StatusCode != 200 || len(lines) != 4 || !strings.HasPrefix(lines[0], "event_id_cnty,event_date,") {
		t.Errorf("acled-csv export = %d %s", resp.StatusCode, body)
	}
	f.do(t, "POST", "/api/claims/"+f.irpin.Document.ID+"/C1/review", f.secret, `{"status": "false", "note": "old video"}`)
	resp, body = f.do(t, "GET", "/api/export?format=claimreview", "", "")
	var crs []map[string]any
	if err := json.Unmarshal(body, &crs); err != nil || resp.StatusCode != 200 || len(crs) != 1 || crs[0]["@type"] != "ClaimReview" {
		t.Errorf("claimreview export = %d %s (%v)", resp.StatusCode, body, err)
	}
	resp, body = f.do(t, "GET", "/api/search?q=liberated", "", "")
	if resp.StatusCode != 200 || !strings.Contains(string(body), f.irpin.Document.ID) {
		t.Errorf("search = %d %s", resp.StatusCode, body)
	}
}

func TestMetricsAndHealth(t *testing.T) {
	f := mustServe(t, server.Config{})
	f.do(t, "GET", "/api/events", "", "")
	f.do(t, "GET", "/api/events?limit=0", "", "")
	resp, body := f.do(t, "GET", "/metrics", "", "")
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("metrics Content-Type = %q", ct)
	}
	for _, want := range []string{
		`sitrep_http_requests_total{route="GET /api/events",method="GET",code="200"} 1`,
		`sitrep_http_requests_total{route="GET /api/events",method="GET",code="400"} 1`,
		`sitrep_http_request_duration_seconds_bucket{route="GET /api/events",le="+Inf"} 2`,
		`sitrep_store_items{kind="events"} 3`,
		"# TYPE sitrep_http_request_duration_seconds histogram",
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q:\n%s", want, body)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(string(body)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		if fields := strings.Fields(line); len(fields) != 2 && !strings.Contains(line, `route="`) {
			t.Errorf("metrics line %q is not NAME VALUE", line)
		}
	}
	resp, body = f.do(t, "GET", "/healthz", "", "")
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"status":"ok"`) {
		t.Errorf("healthz = %d %s", resp.StatusCode, body)
	}
}

func TestUIAssets(t *testing.T) {
	f := mustServe(t, server.Config{})
	resp, body := f.do(t, "GET", "/", "", "", "Accept-Encoding", "identity")
	if resp.StatusCode != 200 || !strings.Contains(string(body), "/static/app.js?v=") {
		t.Fatalf("index = %d %s", resp.StatusCode, body)
	}
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP = %q", csp)
	}
	req, _ := http.NewRequest("GET", f.ts.URL+"/static/world.geojson", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	tr := &http.Transport{DisableCompression: true}
	r2, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	gz, _ := io.ReadAll(r2.Body)
	r2.Body.Close()
	if r2.Header.Get("Content-Encoding") != "gzip" || len(gz) > 400_000 {
		t.Errorf("world.geojson: encoding %q, %d bytes: want gzip under 400 kB", r2.Header.Get("Content-Encoding"), len(gz))
	}
	if resp, _ := f.do(t, "GET", "/static/nothing.js", "", ""); resp.StatusCode != 404 {
		t.Errorf("missing asset = %d", resp.StatusCode)
	}
}

func TestGracefulShutdown(t *testing.T) {
	f := mustServe(t, server.Config{})
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.srv.Run(ctx, ln, 5*time.Second) }()
	url := "http://" + ln.Addr().String() + "/api/events"
	resp, err := http.Get(url)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET before shutdown: %v", err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v, want nil after a clean shutdown", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after shutdown")
	}
	if _, err := http.Get(url); err == nil {
		t.Error("server still answers after shutdown")
	}
}

// fakeIngester stores a hand-built report whose text is the posted text.
type fakeIngester struct{ st sitrep.Store }

func (g fakeIngester) Ingest(ctx context.Context, req server.IngestRequest) ([]server.IngestResult, error) {
	rep := storetest.Report{Source: req.Meta.Source, Published: "2022-04-02", Title: "Posted", Text: string(req.Body),
		Trigger: "shelled", Type: "Explosions/Remote violence", Place: "Odesa", Lat: 46.48, Lon: 30.72, Date: "2022-04-02"}
	rec := rep.Record()
	res, err := g.st.PutRecord(ctx, rec, sitrep.PutOptions{})
	if err != nil {
		return nil, err
	}
	return []server.IngestResult{{ID: res.ID, Name: req.Name, New: res.New, Events: len(rec.Events)}}, nil
}

func TestIngestShowsAtOnce(t *testing.T) {
	f := mustServe(t, server.Config{})
	f.srv = nil
	f.ts.Close()
	g := fakeIngester{f.st}
	srv := server.New(server.Config{Store: f.st, Ingest: g, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	f.ts = httptest.NewServer(srv.Handler())
	defer f.ts.Close()
	// Build the index first, so that the ingest must update it.
	if _, body := f.do(t, "GET", "/api/map", "", ""); !strings.Contains(string(body), `"total":3`) {
		t.Fatalf("map before ingest = %s", body)
	}
	resp, body := f.do(t, "POST", "/api/documents", f.secret, `{"text": "Russian forces shelled Odesa.", "source": "Sea Wire"}`)
	if resp.StatusCode != 201 || resp.Header.Get("Location") == "" {
		t.Fatalf("ingest = %d %s", resp.StatusCode, body)
	}
	if _, body := f.do(t, "GET", "/api/map?source=Sea+Wire", "", ""); !strings.Contains(string(body), `"place":"Odesa"`) {
		t.Errorf("map right after ingest = %s, want the Odesa event", body)
	}
	if _, body := f.do(t, "GET", "/api/events?place=odesa", "", ""); !strings.Contains(string(body), `"total":1`) {
		t.Errorf("events right after ingest = %s, want the Odesa event", body)
	}
	resp, _ = f.do(t, "POST", "/api/documents", f.secret, `{"text": "Russian forces shelled Odesa.", "source": "Sea Wire"}`)
	if resp.StatusCode != 200 {
		t.Errorf("ingesting the same document again = %d, want 200 (nothing new)", resp.StatusCode)
	}
	for _, bad := range []string{`{"text": "x", "url": "ftp://x", "document": {}}`, `{"url": "file:///etc/passwd"}`, `{"url": "http://127.0.0.1:1/"}`, `{"document": [1]}`} {
		resp, body := f.do(t, "POST", "/api/documents", f.secret, bad)
		if resp.StatusCode < 400 || resp.StatusCode >= 500 {
			t.Errorf("ingest %s = %d %s, want 4xx", bad, resp.StatusCode, body)
		}
	}
}

func TestStoryReviewUpdatesMap(t *testing.T) {
	f := mustServe(t, server.Config{})
	_, body := f.do(t, "GET", "/api/map?type=Battles", "", "")
	var pg struct {
		Items []struct{ Story, Status string }
	}
	json.Unmarshal(body, &pg)
	if len(pg.Items) == 0 || pg.Items[0].Story == "" {
		t.Fatalf("map = %s, want Irpin in a story", body)
	}
	id := pg.Items[0].Story
	if resp, body := f.do(t, "POST", "/api/stories/"+id+"/review", f.secret, `{"status": "confirmed", "note": "seen"}`); resp.StatusCode != 200 {
		t.Fatalf("story review = %d %s", resp.StatusCode, body)
	}
	_, body = f.do(t, "GET", "/api/map?status=confirmed", "", "")
	json.Unmarshal(body, &pg)
	if len(pg.Items) != 2 {
		t.Errorf("map?status=confirmed after the review = %s, want the two Irpin events", body)
	}
	_, body = f.do(t, "GET", "/api/stories/"+id, "", "")
	if !strings.Contains(string(body), `"status":"confirmed"`) || !strings.Contains(string(body), `"reviewer":"alice"`) {
		t.Errorf("story after review = %s", body)
	}
}

func TestPlaces(t *testing.T) {
	f := mustServe(t, server.Config{})
	resp, body := f.do(t, "GET", "/api/places", "", "")
	var pl struct {
		Items []struct {
			Name   string
			Events int
		}
		Total int
	}
	json.Unmarshal(body, &pl)
	if resp.StatusCode != 200 || len(pl.Items) != 2 || pl.Items[0].Name != "Irpin" || pl.Items[0].Events != 2 || pl.Items[1].Name != "Kharkiv" {
		t.Errorf("places = %d %s, want Irpin (2) then Kharkiv (1)", resp.StatusCode, body)
	}
	_, body = f.do(t, "GET", "/api/places?type=Battles&limit=1", "", "")
	json.Unmarshal(body, &pl)
	if len(pl.Items) != 1 || pl.Total != 1 {
		t.Errorf("places?type=Battles&limit=1 = %s", body)
	}
}
