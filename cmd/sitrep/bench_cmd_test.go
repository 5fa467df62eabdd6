package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitrep/input"
	"sitrep/shared"
)

// benchFixture is a small JSONL corpus of our own: three documents, one
// line that is not a document.
const benchFixture = `{"id":"a","source":"Desk A","published":"2022-03-28","text":"Ukrainian forces retook the town of Irpin on Monday, the mayor said in a video post."}
{"id":"b","source":"Desk B","published":"2022-03-29","text":"The UN said 1,119 civilians had been killed as of March 25. Talks resumed on Tuesday."}
not a document
{"id":"c","source":"Desk C","text":"Shelling hit the outskirts of Kharkiv overnight, officials said."}
`

func TestBenchJSON(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "c.jsonl"), []byte(benchFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := run(t, "", "bench", "--json", "--repeat", "2", "--workers", "2", dir)
	if code != 0 {
		t.Fatalf("bench exit %d: %s", code, errs)
	}
	var res struct {
		Documents  int                           `json:"documents"`
		Unreadable int                           `json:"unreadable"`
		Words      int                           `json:"words"`
		WPSC       float64                       `json:"words_per_second_per_core"`
		Stages     map[string]map[string]float64 `json:"stages"`
		StageOrder []string                      `json:"stage_order"`
		PeakRSS    int64                         `json:"peak_rss_bytes"`
		Allocs     uint64                        `json:"alloc_objects"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("bench --json is not one JSON object: %v\n%s", err, out)
	}
	if res.Documents != 6 || res.Unreadable != 2 {
		t.Errorf("documents %d, unreadable %d; want 6 and 2 (two passes)", res.Documents, res.Unreadable)
	}
	// 16 + 16 + 9 word and number tokens per pass ("1,119" is one).
	if res.Words != 82 {
		t.Errorf("words = %d, want 82", res.Words)
	}
	if res.WPSC <= 0 || res.Allocs == 0 {
		t.Errorf("words_per_second_per_core %v, alloc_objects %d: want positive", res.WPSC, res.Allocs)
	}
	for _, want := range []string{"input", "segment", "ner", "event"} {
		st, ok := res.Stages[want]
		if !ok {
			t.Errorf("stages lacks %q: %v", want, res.StageOrder)
			continue
		}
		if _, ok := st["words_per_second_per_core"]; !ok {
			t.Errorf("stages[%q] lacks words_per_second_per_core", want)
		}
	}
	if res.Stages["segment"]["words_per_second_per_core"] <= 0 {
		t.Errorf("segment words/s/core = %v, want positive", res.Stages["segment"]["words_per_second_per_core"])
	}
}

func TestBenchTable(t *testing.T) {
	f := filepath.Join(t.TempDir(), "c.jsonl")
	os.WriteFile(f, []byte(benchFixture), 0o644)
	out, errs, code := run(t, "", "bench", f)
	if code != 0 {
		t.Fatalf("bench exit %d: %s", code, errs)
	}
	for _, want := range []string{"whole pipeline", "segment", "documents/s", "allocations", "peak memory"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestBenchBadInput(t *testing.T) {
	dir, empty := t.TempDir(), t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"missing path", []string{"bench", filepath.Join(dir, "nope.jsonl")}, "nope.jsonl: cannot open"},
		{"empty directory", []string{"bench", empty}, "no documents"},
		{"zero workers", []string{"bench", "--workers", "0", dir}, "--workers 0"},
		{"db without queue", []string{"bench", "--db", "postgres://x", "--repeat", "1", writeTestFile(t, dir, "x.txt", "Shelling hit Kharkiv.")}, "--db needs --queue"},
	} {
		_, errs, code := run(t, "", tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", tc.name, code, errs, tc.want)
		}
	}
}

func writeTestFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// BenchmarkPipeline runs the whole pipeline over the shared corpus and
// reports words per second (per core: one goroutine).
func BenchmarkPipeline(b *testing.B) {
	dir := shared.Path("data", "corpus")
	if dir == "" {
		b.Skip("../shared/data/corpus not found")
	}
	files, err := benchFiles([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	var df docFlags
	opt := input.Options{}
	p, err := newPipeline()
	if err != nil {
		b.Fatal(err)
	}
	var words, bytes int64
	for b.Loop() {
		res, err := bench(context.Background(), p, files, opt, df, 1, 1)
		if err != nil {
			b.Fatal(err)
		}
		words += res.Words
		bytes += res.Bytes
	}
	b.SetBytes(bytes / int64(b.N))
	b.ReportMetric(float64(words)/b.Elapsed().Seconds(), "words/s")
}
