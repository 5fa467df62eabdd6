package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
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

// serveFixtures are hand-written reports (not from any corpus) covering
// several event types, places and days; two outlets report Irpin, so that
// a story with two sources forms.
func serveFixtures() []storetest.Report {
	irpin1 := storetest.Irpin("Kyiv Wire", "Irpin retaken. Oleksandr Markushyn said Irpin has been liberated, in a video post on Telegram. The outlet could not verify the claim.")
	irpin2 := storetest.Irpin("Danube Post", "Ukrainian forces retaken Irpin on Monday. Oleksandr Markushyn said Irpin has been liberated and that mines remain.")
	return []storetest.Report{irpin1, irpin2,
		{Source: "Kyiv Wire", Published: "2022-03-01", Title: "Shelling in Kharkiv", Type: "Explosions/Remote violence",
			SubType: "Shelling/artillery/missile attack", Place: "Kharkiv", Lat: 49.99, Lon: 36.23, Country: "UA", Admin1: "Kharkiv Oblast",
			Date: "2022-03-01", Trigger: "shelled", Sides: []string{"RU"}, Fatalities: storetest.Float(10), Speaker: "Oleh Synehubov",
			Claim: "at least ten people were killed", Text: "Russian forces shelled the centre of Kharkiv. Oleh Synehubov said at least ten people were killed."},
		{Source: "Danube Post", Published: "2022-03-09", Title: "Hospital hit in Mariupol", Type: "Violence against civilians",
			SubType: "Attack", Place: "Mariupol", Lat: 47.10, Lon: 37.55, Country: "UA", Admin1: "Donetsk Oblast", Date: "2022-03-09",
			Trigger: "struck", Speaker: "Pavlo Kyrylenko", Claim: "a maternity hospital was struck",
			Text: "A maternity hospital was struck in Mariupol. Pavlo Kyrylenko said a maternity hospital was struck and children were hurt."},
		{Source: "Black Sea Daily", Published: "2022-03-05", Title: "Kherson residents protest <b>occupation</b>", Type: "Protests",
			SubType: "Peaceful protest", Place: "Kherson", Lat: 46.64, Lon: 32.61, Country: "UA", Admin1: "Kherson Oblast", Date: "2022-03-05",
			Trigger: "protested", Speaker: "Ihor Kolykhaiev", Claim: "thousands joined the rally",
			Text: "Residents of Kherson protested against the occupation. Ihor Kolykhaiev said thousands joined the rally. A banner read <script>window.injected=1;console.error('injected')</script> in the square."},
		{Source: "Black Sea Daily", Published: "2022-02-26", Title: "Talks announced", Type: "Strategic developments",
			SubType: "Agreement", Place: "Simferopol", Lat: 44.95, Lon: 34.10, Country: "UA", Admin1: "Crimea", Date: "2022-02-26",
			Trigger: "talks", Speaker: "Dmitry Peskov", Claim: "talks would take place on Tuesday",
			Text: "Officials in Simferopol spoke of talks. Dmitry Peskov said talks would take place on Tuesday."},
	}
}

// newServeFixture opens a SQLite store in a temporary directory, stores the
// fixtures, clusters them into stories and makes a token.
func newServeFixture(tb testing.TB) (sitrep.Store, string, []*sitrep.Record) {
	tb.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "serve.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	var recs []*sitrep.Record
	for _, r := range serveFixtures() {
		rec := r.Record()
		if _, err := st.PutRecord(ctx, rec, sitrep.PutOptions{}); err != nil {
			tb.Fatal(err)
		}
		recs = append(recs, rec)
	}
	if _, err := story.New(st).Run(ctx); err != nil {
		tb.Fatal(err)
	}
	secret, _, err := st.CreateToken(ctx, "e2e-reviewer", nil)
	if err != nil {
		tb.Fatal(err)
	}
	return st, secret, recs
}

// TestServeBrowser runs the Playwright script web/e2e/ui.mjs in headless
// chromium against a server on a free port. In CI (CI=true) a missing
// chromium or node_modules fails the test; elsewhere it skips.
func TestServeBrowser(t *testing.T) {
	web, _ := filepath.Abs(filepath.Join("..", "..", "web"))
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	var missing []string
	if _, err := exec.LookPath("node"); err != nil {
		missing = append(missing, "node")
	}
	if _, err := os.Stat(chromium); err != nil {
		missing = append(missing, chromium+" (apt-get install chromium)")
	}
	if _, err := os.Stat(filepath.Join(web, "node_modules", "playwright-core")); err != nil {
		missing = append(missing, "web/node_modules/playwright-core (cd web && npm ci)")
	}
	if len(missing) > 0 {
		if os.Getenv("CI") == "true" {
			t.Fatalf("browser test cannot run in CI: missing %s", strings.Join(missing, ", "))
		}
		t.Skipf("browser test skipped: missing %s", strings.Join(missing, ", "))
	}
	st, secret, _ := newServeFixture(t)
	srv := server.New(server.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join(web, "e2e", "ui.mjs"))
	cmd.Dir = web
	cmd.Env = append(os.Environ(), "SITREP_URL="+ts.URL, "SITREP_TOKEN="+secret, "CHROMIUM="+chromium)
	out, err := cmd.CombinedOutput()
	t.Logf("ui.mjs:\n%s", out)
	if err != nil {
		t.Fatalf("browser test failed: %v", err)
	}
}
