package main

import (
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"sitrep/internal/cputime"
	"sitrep/shared"
)

// BenchmarkIngestCorpus ingests ../shared/data/corpus (1,120 documents)
// into a new SQLite database end to end: reading, extraction on all cores,
// near-duplicate detection, storing, stories. docs/s/core divides the rate
// by the cores used; docs/cpu-s divides the documents by the CPU time
// spent, which other work on the machine does not distort.
func BenchmarkIngestCorpus(b *testing.B) {
	dir := shared.Path("data", "corpus")
	if dir == "" {
		b.Skip("no shared corpus")
	}
	docs := 0
	var cpu time.Duration
	for b.Loop() {
		db := filepath.Join(b.TempDir(), "bench.db")
		c0 := cputime.Process()
		code, out, errs := runCmd(b, "ingest", "--db", db, "--text-field", "description_en,text,headline", dir)
		cpu += cputime.Process() - c0
		if code != 0 {
			b.Fatalf("ingest: status %d\n%s%s", code, out, errs)
		}
		docs += 1120
	}
	rate := float64(docs) / b.Elapsed().Seconds()
	b.ReportMetric(rate, "docs/s")
	b.ReportMetric(rate/float64(runtime.GOMAXPROCS(0)), "docs/s/core")
	b.ReportMetric(float64(docs)/cpu.Seconds(), "docs/cpu-s")
}
