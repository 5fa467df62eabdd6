package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"sitrep"
	"sitrep/pipeline"
	"sitrep/sqlite"
	"sitrep/text"
)

// run runs the command line as the binary would and returns the status
// and what it printed.
func runCmd(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb}
	code := m.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

var vocabulary = strings.Fields(`officials region said tuesday shelling damaged homes village emergency crews worked night
reach people trapped rubble regional governor aid convoys resume roads cleared residents described hearing explosions hours
dawn independent verification possible agency noted restrictions access area journalists observers week forces town bridge
river council mayor statement talks delegation ceasefire corridor evacuation hospital school power water supply drone strike
artillery front line positions reported killed wounded missing displaced border crossing trains refugees volunteers`)

// article returns a distinct article of 80 words, the same for the same i:
// words drawn at random, so that two articles share no run of words.
func article(i int) string {
	rng := rand.New(rand.NewPCG(uint64(i), 99))
	w := make([]string, 80)
	for k := range w {
		w[k] = vocabulary[rng.IntN(len(vocabulary))]
	}
	return fmt.Sprintf("Report %d. %s.", i, strings.Join(w, " "))
}

func openDB(t testing.TB, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestIngestMixedInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	writeFile(t, filepath.Join(in, "a.txt"), article(1))
	writeFile(t, filepath.Join(in, "sub", "b.txt"), article(2))
	writeFile(t, filepath.Join(in, "sub", ".hidden.txt"), article(3))
	writeFile(t, filepath.Join(in, "page.html"), `<!doctype html><html><head><title>Page</title></head><body><article><p>`+article(4)+`</p><p>`+article(5)+`</p></article></body></html>`)
	wire := article(6)
	lines := []string{
		`{"id": "w1", "source": "Reuters", "published": "2022-03-28", "title": "wire", "text": ` + quote(wire) + `}`,
		`{"id": "w2", "source": "Yahoo", "published": "2022-03-28", "title": "copy", "text": ` + quote("(Reuters) - "+wire) + `}`,
		`[1, 2, 3]`,
		`{"id": "w3", "source": "AP", "text": ` + quote(article(7)) + `}`,
		`{"id": "big", "text": ` + quote(strings.Repeat("word ", 3000)) + `}`,
	}
	writeFile(t, filepath.Join(in, "wire.jsonl"), strings.Join(lines, "\n")+"\n")
	writeFile(t, filepath.Join(in, "feed.xml"), "this is not XML at all")
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	db := filepath.Join(dir, "s.db")

	code, out, _ := runCmd(t, "ingest", "--db", db, "--max-bytes", "10000", "--timeout", "300ms", "--source", "",
		in, filepath.Join(dir, "missing.txt"), slow.URL+"/article")
	if code != 2 {
		t.Errorf("status %d, want 2 (some inputs failed)", code)
	}
	for _, want := range []string{
		"ingest: read 11, new 5, near-duplicates 1, duplicates 0, failed 5",
		"wire.jsonl:3: not a JSON object",
		"wire.jsonl:5: line is larger than the limit of 10000 bytes",
		"feed.xml: not an RSS, Atom or JSON feed",
		"missing.txt: cannot open: no such file or directory",
		"/article: no answer within 300ms",
		"read: 11 documents from 3 inputs, 5 failed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "hidden") {
		t.Errorf("a hidden file was read")
	}

	st := openDB(t, db)
	stats, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != 6 || stats.Duplicates != 1 {
		t.Errorf("stored %+v, want 6 documents, 1 near-duplicate", stats)
	}
	docs, _, _ := st.FindDocuments(context.Background(), sitrep.DocumentFilter{Source: "Yahoo"})
	if len(docs) != 1 || docs[0].DuplicateOf == "" || docs[0].Similarity < 0.7 {
		t.Errorf("the syndicated copy is not linked: %+v", docs)
	}
	st.Close()

	// The same inputs again add nothing.
	_, out, _ = runCmd(t, "ingest", "--db", db, "--max-bytes", "10000", in)
	if !strings.Contains(out, "new 0, near-duplicates 0, duplicates 6, failed 3") {
		t.Errorf("second ingest:\n%s", out)
	}
	st = openDB(t, db)
	defer st.Close()
	if s2, _ := st.Stats(context.Background()); s2.Documents != 6 {
		t.Errorf("second ingest stored %d documents, want still 6", s2.Documents)
	}
}

func TestIngestFeedFile(t *testing.T) {
	dir := t.TempDir()
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>` +
		`<item><title>One</title><link>https://desk.example/1</link><pubDate>Mon, 28 Mar 2022 10:00:00 +0000</pubDate><description><![CDATA[<p>` + article(1) + " " + article(2) + `</p>]]></description></item>` +
		`<item><title>Two</title><pubDate>Tue, 29 Mar 2022 10:00:00 +0000</pubDate><description>` + article(3) + " " + article(4) + `</description></item>` +
		`</channel></rss>`
	writeFile(t, filepath.Join(dir, "desk.rss"), feed)
	db := filepath.Join(dir, "s.db")
	code, out, errs := runCmd(t, "ingest", "--db", db, filepath.Join(dir, "desk.rss"))
	if code != 0 || !strings.Contains(out, "new 2,") {
		t.Fatalf("status %d\n%s%s", code, out, errs)
	}
	st := openDB(t, db)
	defer st.Close()
	docs, _, _ := st.FindDocuments(context.Background(), sitrep.DocumentFilter{Source: "Desk"})
	if len(docs) != 2 || docs[0].Title != "One" || docs[0].Published != "2022-03-28T10:00:00Z" || docs[0].URL != "https://desk.example/1" {
		t.Errorf("feed documents = %+v", docs)
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestIngestChild is not a test: TestIngestCrash runs the test binary
// again with SITREP_INGEST_CHILD set, and this runs the command in that
// process, so that it can be killed like the real binary.
func TestIngestChild(t *testing.T) {
	args := os.Getenv("SITREP_INGEST_CHILD")
	if args == "" {
		t.Skip("runs only as the child of TestIngestCrash")
	}
	if os.Getenv("SITREP_INGEST_LIGHT") == "1" {
		// Under the race detector, loading the models takes most of a
		// child's life; what is tested here is the storing, so the child
		// segments only.
		pipelineOnce.Do(func() { sharedPipeline, pipelineErr = pipeline.New(text.Segmenter{}) })
	}
	os.Exit(NewMain().Run(context.Background(), strings.Split(args, "\x1f")))
}

func child(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestIngestChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "SITREP_INGEST_CHILD="+strings.Join(args, "\x1f"))
	if raceEnabled {
		cmd.Env = append(cmd.Env, "SITREP_INGEST_LIGHT=1")
	}
	return cmd
}

// TestIngestCrash kills an ingest in the middle of a batch, checks that
// the database is consistent and holds whole batches only, then runs the
// ingest again and checks that every document is there exactly once.
func TestIngestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	dir := t.TempDir()
	n, batch := 240, 10
	if raceEnabled {
		// The race detector makes the child ten times slower; fewer
		// documents still kill it mid-run with whole batches behind.
		n, batch = 120, 5
	}
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"source": "outlet%d", "title": "doc-%d", "published": "2022-03-%02d", "text": %s}`+"\n", i%7, i, 1+i%28, quote(article(i)))
	}
	src := filepath.Join(dir, "docs.jsonl")
	writeFile(t, src, b.String())
	db := filepath.Join(dir, "crash.db")
	args := []string{"ingest", "--db", db, "--batch", fmt.Sprint(batch), "--workers", "2", src}

	cmd := child(args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		if stored := countDocs(t, db); stored >= 3*batch {
			if err := cmd.Process.Signal(syscall.SIGKILL); err == nil {
				killed = true
			}
			break
		}
	}
	err := cmd.Wait()
	if !killed {
		t.Fatalf("the ingest was not killed mid-run (%v):\n%s", err, out.String())
	}
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("the ingest ended before the kill (%v):\n%s", err, out.String())
	}

	st := openDB(t, db)
	probs, err := st.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) > 0 {
		t.Fatalf("database after SIGKILL: %v", probs)
	}
	stats, _ := st.Stats(context.Background())
	st.Close()
	if stats.Documents == 0 || stats.Documents >= n || stats.Documents%batch != 0 {
		t.Errorf("after the kill %d documents are stored, want whole batches of %d, fewer than %d", stats.Documents, batch, n)
	}
	t.Logf("killed with %d of %d documents stored", stats.Documents, n)

	cmd = child(args...)
	if o, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("re-run: %v\n%s", err, o)
	} else if t.Logf("re-run:\n%s", o); false {
	} else if want := fmt.Sprintf("new %d, near-duplicates 0, duplicates %d, failed 0", n-stats.Documents, stats.Documents); !strings.Contains(string(o), want) {
		t.Errorf("re-run summary lacks %q:\n%s", want, o)
	}
	st = openDB(t, db)
	defer st.Close()
	if probs, _ := st.Check(context.Background()); len(probs) > 0 {
		t.Errorf("database after the re-run: %v", probs)
	}
	seen := map[string]int{}
	f := sitrep.DocumentFilter{Limit: 1000}
	for {
		docs, next, err := st.FindDocuments(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			seen[d.Title]++
		}
		if next == "" {
			break
		}
		f.Cursor = next
	}
	for i := range n {
		if c := seen[fmt.Sprint("doc-", i)]; c != 1 {
			t.Errorf("doc-%d stored %d times, want once", i, c)
		}
	}
	if len(seen) != n {
		t.Errorf("%d distinct documents stored, want %d", len(seen), n)
	}
}

// raceEnabled is set when the test binary is built with -race.
var raceEnabled bool

// countDocs counts the stored documents, 0 while the database is not yet
// created.
func countDocs(t *testing.T, path string) int {
	if _, err := os.Stat(path); err != nil {
		return 0
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		return 0
	}
	defer db.Close()
	s, err := db.Stats(context.Background())
	if err != nil {
		return 0
	}
	return s.Documents
}

func TestIngestURLs(t *testing.T) {
	page := `<!doctype html><html><head><title>Strike on Kharkiv</title><meta property="og:site_name" content="Front Wire"></head><body><article><h1>Strike on Kharkiv</h1><p>` +
		article(10) + `</p><p>` + article(11) + `</p></article></body></html>`
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/kharkiv":
			fmt.Fprint(w, page)
		case "/feed":
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Front Wire</title><item><title>Summary only</title><link>`+
				srv.URL+`/kharkiv2</link><description>A strike hit Kharkiv.</description></item></channel></rss>`)
		case "/kharkiv2":
			fmt.Fprint(w, strings.Replace(page, article(11), article(12), 1))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "u.db")
	code, out, errs := runCmd(t, "ingest", "--db", db, srv.URL+"/kharkiv", srv.URL+"/feed")
	if code != 0 || !strings.Contains(out, "ingest: read 2, new 2,") {
		t.Fatalf("status %d\n%s%s", code, out, errs)
	}
	st := openDB(t, db)
	defer st.Close()
	docs, _, _ := st.FindDocuments(context.Background(), sitrep.DocumentFilter{})
	if len(docs) != 2 || docs[0].URL != srv.URL+"/kharkiv" || docs[1].Title != "Summary only" || !strings.Contains(docs[1].Text, "Report 12.") {
		for _, d := range docs {
			t.Logf("%s %q %q %.60q", d.URL, d.Title, d.Source, d.Text)
		}
		t.Errorf("documents from URLs are not as served")
	}
}
