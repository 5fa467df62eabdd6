package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"sitrep"
	"sitrep/ingest"
	"sitrep/input"
	"sitrep/internal/cputime"
	"sitrep/postgres"
	"sitrep/shared"
	"sitrep/sqlite"
)

var corpusRecs struct {
	once sync.Once
	recs []*sitrep.Record
	err  error
}

// corpusRecords extracts ../shared/data/corpus once per test binary, so
// that the store benchmarks time the serialized part of an ingest alone.
func corpusRecords(b *testing.B) []*sitrep.Record {
	dir := shared.Path("data", "corpus")
	if dir == "" {
		b.Skip("no shared corpus")
	}
	corpusRecs.once.Do(func() {
		var df docFlags
		fs := flag.NewFlagSet("bench", flag.ContinueOnError)
		df.register(fs)
		if err := fs.Parse([]string{"--text-field", "description_en,text,headline"}); err != nil {
			corpusRecs.err = err
			return
		}
		opt, err := df.options()
		if err != nil {
			corpusRecs.err = err
			return
		}
		p, err := newPipeline()
		if err != nil {
			corpusRecs.err = err
			return
		}
		rd := &ingest.Reader{Options: opt}
		corpusRecs.err = rd.Read(context.Background(), []string{dir}, func(it input.Item) bool {
			if it.Err != nil {
				return true
			}
			df.apply(&it)
			d := it.Doc()
			if err := p.Run(d); err != nil {
				return true
			}
			rec := d.Record(false)
			corpusRecs.recs = append(corpusRecs.recs, &rec)
			return true
		})
	})
	if corpusRecs.err != nil {
		b.Fatal(corpusRecs.err)
	}
	return corpusRecs.recs
}

// benchStore runs what an ingest serializes after extraction (the
// duplicate check, near-duplicate linking, storing in batches of 100 and
// clustering, in the background as sitrep ingest does) over the extracted
// corpus. ms/doc is wall time per document, cpu-ms/doc the process's CPU
// time per document; the other metrics are the wall time of each part.
func benchStore(b *testing.B, open func(b *testing.B) sitrep.Store) {
	recs := corpusRecords(b)
	ctx := context.Background()
	var cpu, wall, dedupT, storeT, storyT time.Duration
	docs := 0
	for b.Loop() {
		b.StopTimer()
		st := open(b)
		b.StartTimer()
		c0, t0 := cputime.Process(), time.Now()
		w := ingest.NewWriter(st)
		w.Background = true
		for _, r := range recs {
			if known, err := st.HasDocument(ctx, r.Document.ID); err != nil {
				b.Fatal(err)
			} else if known {
				continue
			}
			if err := w.Add(ctx, r); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(ctx); err != nil {
			b.Fatal(err)
		}
		cpu += cputime.Process() - c0
		wall += time.Since(t0)
		dedupT, storeT, storyT = dedupT+w.Stats.DedupTime, storeT+w.Stats.StoreTime, storyT+w.Stats.StoryTime
		docs += len(recs)
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(wall.Milliseconds())/float64(docs), "ms/doc")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(docs), "cpu-ms/doc")
	// Wall time of each part: near-duplicate detection and storing are
	// serial, clustering runs beside them.
	b.ReportMetric(float64(dedupT.Microseconds())/1000/float64(docs), "dedup-ms/doc")
	b.ReportMetric(float64(storeT.Microseconds())/1000/float64(docs), "store-ms/doc")
	b.ReportMetric(float64(storyT.Microseconds())/1000/float64(docs), "stories-ms/doc")
}

// BenchmarkStoreCorpus times the serialized part of an ingest of the
// shared corpus into SQLite.
func BenchmarkStoreCorpus(b *testing.B) {
	benchStore(b, func(b *testing.B) sitrep.Store {
		st, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		return st
	})
}

// BenchmarkStoreCorpusPostgres is BenchmarkStoreCorpus into PostgreSQL, in
// a schema of its own.
func BenchmarkStoreCorpusPostgres(b *testing.B) {
	if os.Getenv("SITREP_SKIP_POSTGRES") == "1" {
		b.Skip("SITREP_SKIP_POSTGRES=1")
	}
	benchStore(b, func(b *testing.B) sitrep.Store {
		var r [6]byte
		rand.Read(r[:])
		schema := "sitrep_bench_" + hex.EncodeToString(r[:])
		st, err := postgres.OpenSchema(context.Background(), testDSN(), schema, 0)
		if err != nil {
			b.Fatalf("PostgreSQL is needed for this benchmark (set SITREP_SKIP_POSTGRES=1 to skip): %v", err)
		}
		b.Cleanup(func() {
			db, err := postgres.OpenSchema(context.Background(), testDSN(), schema, 0)
			if err == nil {
				db.DropSchema(context.Background())
				db.Close()
			}
		})
		return st
	})
}
