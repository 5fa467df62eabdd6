package server

import (
	"bufio"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// metrics are the server's Prometheus metrics, written in the text
// exposition format (version 0.0.4) without a client library.
type metrics struct {
	mu        sync.Mutex
	requests  map[reqKey]uint64
	durations map[string]*histogram
	inflight  atomic.Int64
	// rateLimited counts writes refused by the rate limit.
	rateLimited atomic.Uint64
}

type reqKey struct {
	method, route string
	code          int
}

// buckets are the latency buckets in seconds: fine below 50 ms, where the
// targets are.
var buckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type histogram struct {
	counts []uint64 // per bucket, not cumulative
	sum    float64
	n      uint64
}

func newMetrics() *metrics {
	return &metrics{requests: map[reqKey]uint64{}, durations: map[string]*histogram{}}
}

func (m *metrics) observe(method, route string, code int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[reqKey{method, route, code}]++
	h := m.durations[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(buckets))}
		m.durations[route] = h
	}
	sec := d.Seconds()
	if i, _ := slices.BinarySearch(buckets, sec); i < len(buckets) {
		h.counts[i]++
	}
	h.sum += sec
	h.n++
}

// write writes every metric, sorted, so that two scrapes are comparable.
func (m *metrics) write(w *bufio.Writer, extra func(w *bufio.Writer)) {
	m.mu.Lock()
	keys := make([]reqKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b reqKey) int {
		if c := strings.Compare(a.route, b.route); c != 0 {
			return c
		}
		if c := strings.Compare(a.method, b.method); c != 0 {
			return c
		}
		return a.code - b.code
	})
	fmt.Fprint(w, "# HELP sitrep_http_requests_total HTTP requests answered, by route, method and status code.\n# TYPE sitrep_http_requests_total counter\n")
	for _, k := range keys {
		fmt.Fprintf(w, "sitrep_http_requests_total{route=%s,method=%s,code=\"%d\"} %d\n", label(k.route), label(k.method), k.code, m.requests[k])
	}
	routes := make([]string, 0, len(m.durations))
	for r := range m.durations {
		routes = append(routes, r)
	}
	slices.Sort(routes)
	fmt.Fprint(w, "# HELP sitrep_http_request_duration_seconds Time to answer an HTTP request, by route.\n# TYPE sitrep_http_request_duration_seconds histogram\n")
	for _, r := range routes {
		h := m.durations[r]
		var cum uint64
		for i, le := range buckets {
			cum += h.counts[i]
			fmt.Fprintf(w, "sitrep_http_request_duration_seconds_bucket{route=%s,le=\"%s\"} %d\n", label(r), strconv.FormatFloat(le, 'g', -1, 64), cum)
		}
		fmt.Fprintf(w, "sitrep_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", label(r), h.n)
		fmt.Fprintf(w, "sitrep_http_request_duration_seconds_sum{route=%s} %s\n", label(r), strconv.FormatFloat(h.sum, 'g', -1, 64))
		fmt.Fprintf(w, "sitrep_http_request_duration_seconds_count{route=%s} %d\n", label(r), h.n)
	}
	m.mu.Unlock()
	fmt.Fprintf(w, "# HELP sitrep_http_requests_in_flight HTTP requests being answered.\n# TYPE sitrep_http_requests_in_flight gauge\nsitrep_http_requests_in_flight %d\n", m.inflight.Load())
	fmt.Fprintf(w, "# HELP sitrep_http_writes_rate_limited_total Writes refused by the rate limit.\n# TYPE sitrep_http_writes_rate_limited_total counter\nsitrep_http_writes_rate_limited_total %d\n", m.rateLimited.Load())
	if extra != nil {
		extra(w)
	}
}

// label quotes a label value as the exposition format wants.
func label(v string) string {
	r := strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`)
	return `"` + r.Replace(v) + `"`
}

// getMetrics serves the metrics, with the store's counts as gauges.
func (s *Server) getMetrics(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	s.metrics.write(bw, func(bw *bufio.Writer) {
		fmt.Fprintf(bw, "# HELP sitrep_uptime_seconds Seconds since the server started.\n# TYPE sitrep_uptime_seconds gauge\nsitrep_uptime_seconds %d\n", int(s.now().Sub(s.started).Seconds()))
		st, err := s.store.Stats(r.Context())
		up := 1
		if err != nil {
			up = 0
		}
		fmt.Fprintf(bw, "# HELP sitrep_store_up Whether the store answered the last scrape.\n# TYPE sitrep_store_up gauge\nsitrep_store_up %d\n", up)
		if err != nil {
			return
		}
		fmt.Fprint(bw, "# HELP sitrep_store_items Items stored, by kind.\n# TYPE sitrep_store_items gauge\n")
		for _, kv := range []struct {
			k string
			v int
		}{{"claims", st.Claims}, {"documents", st.Documents}, {"duplicates", st.Duplicates}, {"events", st.Events},
			{"pending", st.Pending}, {"reviews", st.Reviews}, {"stories", st.Stories}} {
			fmt.Fprintf(bw, "sitrep_store_items{kind=%s} %d\n", label(kv.k), kv.v)
		}
	})
}

// statusWriter remembers the status code a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe logs each request and counts it in the metrics under its route
// pattern (never its raw path, which would make a label per document).
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		s.metrics.inflight.Add(1)
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		s.metrics.inflight.Add(-1)
		d := time.Since(start)
		route := r.Pattern
		if route == "" || route == "/" {
			route = "other"
		}
		if sw.code == 0 {
			sw.code = http.StatusOK
		}
		s.metrics.observe(r.Method, route, sw.code, d)
		level := slog.LevelDebug
		if sw.code >= 500 {
			level = slog.LevelError
		} else if sw.code >= 400 || r.Method != http.MethodGet {
			level = slog.LevelInfo
		}
		s.log.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path, "route", route,
			"status", sw.code, "duration_ms", float64(d.Microseconds())/1000, "remote", clientAddr(r))
	})
}
