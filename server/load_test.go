package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"sitrep"
	"sitrep/server"
	"sitrep/sqlite"
)

// benchTypes are the event types the synthetic load spreads over.
var benchTypes = []string{"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
	"Riots", "Strategic developments", "Negotiations", "Displacement"}

// syntheticRecord makes a document with n events at random places in and
// around Ukraine on random days of 2022.
func syntheticRecord(rng *rand.Rand, i, n int) *sitrep.Record {
	text := fmt.Sprintf("Synthetic report %d. ", i)
	for j := range n {
		text += fmt.Sprintf("Event %d happened at place %d. ", j, j)
	}
	rec := &sitrep.Record{Schema: sitrep.Schema, Version: sitrep.Version,
		Document: sitrep.Document{Source: fmt.Sprintf("Outlet %d", i%40), Title: fmt.Sprintf("Report %d", i),
			Published: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(365)).Format("2006-01-02"), Text: text},
		Sentences: []sitrep.Span{}, Entities: []sitrep.Entity{}, Quantities: []sitrep.Quantity{}, Claims: []sitrep.Claim{}, Stages: []string{"synthetic"}}
	rec.Document.ID = sitrep.DocumentID(rec.Document.Source, text)
	for j := range n {
		pid, tid := fmt.Sprintf("P%d", j+1), fmt.Sprintf("D%d", j+1)
		day := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(365)).Format("2006-01-02")
		rec.Places = append(rec.Places, sitrep.Place{ID: pid, Name: fmt.Sprintf("Place %d", rng.IntN(5000)), Kind: "city", Country: "UA",
			Lat: 44 + rng.Float64()*8, Lon: 22 + rng.Float64()*18, Precision: sitrep.PrecisionTown, Mentions: []sitrep.Span{}})
		rec.Times = append(rec.Times, sitrep.Time{ID: tid, Type: sitrep.TimeDate, Value: day, Precision: "day", Mentions: []sitrep.Span{}})
		rec.Events = append(rec.Events, sitrep.Event{ID: fmt.Sprintf("E%d", j+1), Type: benchTypes[rng.IntN(len(benchTypes))],
			SubType: "synthetic", Place: pid, PlacePrecision: sitrep.PrecisionTown, Date: tid, DateValue: day, DatePrecision: "day",
			Status: sitrep.EventOccurred, Trigger: sitrep.Span{Start: 0, End: 9, Text: "Synthetic"}, Evidence: []sitrep.Span{{Start: 0, End: 9}}})
	}
	return rec
}

// benchStore returns a SQLite store holding events synthetic events. The
// database is kept in $SITREP_BENCH_DB (default: the temporary directory)
// so that repeated runs skip the build.
func benchStore(b *testing.B, events int) sitrep.Store {
	ctx := context.Background()
	path := os.Getenv("SITREP_BENCH_DB")
	if path == "" {
		path = filepath.Join(os.TempDir(), fmt.Sprintf("sitrep-bench-%d.db", events))
	}
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if stats.Events < events {
		rng := rand.New(rand.NewPCG(1, 2))
		const perDoc, batch = 10, 200
		start := time.Now()
		for i := stats.Events / perDoc; i*perDoc < events; i += batch {
			var recs []*sitrep.Record
			var opts []sitrep.PutOptions
			for k := i; k < i+batch && k*perDoc < events; k++ {
				recs = append(recs, syntheticRecord(rng, k, perDoc))
				opts = append(opts, sitrep.PutOptions{})
			}
			if _, err := st.PutRecords(ctx, recs, opts); err != nil {
				b.Fatal(err)
			}
		}
		b.Logf("built %s with %d events in %s", path, events, time.Since(start).Round(time.Second))
	}
	return st
}

// BenchmarkLoad runs an open-loop load of 200 requests per second on
// loopback against the list and map endpoints of a store of 100,000
// events, and reports the latency percentiles of each. Latency is measured
// from the moment a request was due, so a stalled server is not hidden.
//
//	go test -run XXX -bench Load -benchtime 1x ./server/
func BenchmarkLoad(b *testing.B) {
	st := benchStore(b, 100_000)
	defer st.Close()
	srv := server.New(server.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	rng := rand.New(rand.NewPCG(3, 4))
	randomBox := func(size float64) string {
		lon, lat := 22+rng.Float64()*(18-size), 44+rng.Float64()*(8-size)
		return fmt.Sprintf("%.3f,%.3f,%.3f,%.3f", lon, lat, lon+size, lat+size)
	}
	targets := map[string]func() string{
		"events":      func() string { return "/api/events" },
		"events-type": func() string { return "/api/events?type=" + url.QueryEscape(benchTypes[rng.IntN(len(benchTypes))]) },
		"events-bbox": func() string { return "/api/events?bbox=" + randomBox(2) },
		"events-dates": func() string {
			d := 1 + rng.IntN(27)
			return fmt.Sprintf("/api/events?from=2022-03-%02d&to=2022-03-%02d", d, d+1)
		},
		"map-country": func() string { return "/api/map?bbox=22,44,40,52" },
		"map-region":  func() string { return "/api/map?bbox=" + randomBox(3) },
		"map-town":    func() string { return "/api/map?bbox=" + randomBox(0.5) },
		"map-type":    func() string { return "/api/map?type=Protests&bbox=" + randomBox(4) },
	}
	names := make([]string, 0, len(targets))
	for k := range targets {
		names = append(names, k)
	}
	slices.Sort(names)
	const rate, seconds = 200, 10
	// Warm the page cache and the connections.
	for _, n := range names {
		resp, err := client.Get(ts.URL + targets[n]())
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	for b.Loop() {
		var mu sync.Mutex
		lat := map[string][]time.Duration{}
		var wg sync.WaitGroup
		start := time.Now()
		interval := time.Second / rate
		failed := 0
		for i := range rate * seconds {
			due := start.Add(time.Duration(i) * interval)
			time.Sleep(time.Until(due))
			name := names[i%len(names)]
			target := ts.URL + targets[name]()
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, err := client.Get(target)
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				d := time.Since(due)
				mu.Lock()
				defer mu.Unlock()
				if err != nil || resp.StatusCode != 200 {
					failed++
					return
				}
				lat[name] = append(lat[name], d)
				kind := "list"
				if name[:3] == "map" {
					kind = "map"
				}
				lat[kind] = append(lat[kind], d)
			}()
		}
		wg.Wait()
		if failed > 0 {
			b.Errorf("%d requests failed", failed)
		}
		for _, n := range append([]string{"list", "map"}, names...) {
			ds := lat[n]
			slices.Sort(ds)
			if len(ds) == 0 {
				continue
			}
			p := func(q float64) float64 { return float64(ds[int(q*float64(len(ds)-1))].Microseconds()) / 1000 }
			b.Logf("%-13s n=%5d p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms", n, len(ds), p(0.5), p(0.99), p(1))
			if n == "list" || n == "map" {
				b.ReportMetric(p(0.5), n+"-p50-ms")
				b.ReportMetric(p(0.99), n+"-p99-ms")
			}
		}
	}
}
