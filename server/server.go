// Package server is sitrep's HTTP face: a JSON API under /api/, the embedded
// web UI, health and metrics. It is written against sitrep.Store alone; the
// command wires in a store and an ingester.
package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"sitrep"
	"sitrep/server/response"
)

// Ingester extracts and stores the documents of one ingest request. The
// command implements it with the pipeline and the store.
type Ingester interface {
	Ingest(ctx context.Context, req IngestRequest) ([]IngestResult, error)
}

// IngestRequest is one document (or a JSON array of them) to ingest.
type IngestRequest struct {
	// Name names the input in messages.
	Name string
	// Format is the input format: text, html or json.
	Format string
	Body   []byte
	// Meta overrides what the input says: source, url, title, published.
	Meta sitrep.Document
}

// IngestResult is what happened to one document.
type IngestResult struct {
	ID          string `json:"id,omitempty"`
	Name        string `json:"name"`
	New         bool   `json:"new"`
	DuplicateOf string `json:"duplicate_of,omitempty"`
	Claims      int    `json:"claims"`
	Events      int    `json:"events"`
	Error       string `json:"error,omitempty"`
}

// Config configures a Server. Store is required.
type Config struct {
	Store  sitrep.Store
	Ingest Ingester
	Logger *slog.Logger
	// PrivateReads closes the read endpoints to callers without a token
	// or a session.
	PrivateReads bool
	// MaxBodyBytes bounds a request body; 0 means sitrep.DefaultMaxDocBytes
	// plus room for the JSON around it.
	MaxBodyBytes int64
	// WriteRate and WriteBurst bound writes per client (token or address)
	// per second; 0 means 5 per second with bursts of 20.
	WriteRate  float64
	WriteBurst int
	// SecureCookies marks the session cookie Secure (behind HTTPS).
	SecureCookies bool
	// FetchURL fetches a page for ingest by URL; nil means the default
	// fetcher, which refuses private and loopback addresses.
	FetchURL func(ctx context.Context, url string, max int64) ([]byte, string, error)
	Now      func() time.Time
}

// Server serves the API and the UI. Build one with New.
type Server struct {
	cfg      Config
	store    sitrep.Store
	log      *slog.Logger
	now      func() time.Time
	metrics  *metrics
	limiter  *limiter
	sessions *sessions
	agg      *aggCache
	markers  *markerIndex
	mux      *http.ServeMux
	routes   []route
	started  time.Time
	inflight sync.WaitGroup
}

// New returns a Server over cfg with its defaults filled in.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = sitrep.DefaultMaxDocBytes + 64<<10
	}
	if cfg.WriteRate <= 0 {
		cfg.WriteRate = 5
	}
	if cfg.WriteBurst <= 0 {
		cfg.WriteBurst = 20
	}
	if cfg.FetchURL == nil {
		cfg.FetchURL = fetchPublic
	}
	s := &Server{cfg: cfg, store: cfg.Store, log: cfg.Logger, now: cfg.Now, started: cfg.Now()}
	s.metrics = newMetrics()
	s.limiter = newLimiter(cfg.WriteRate, cfg.WriteBurst, cfg.Now)
	s.sessions = newSessions(cfg.Now)
	s.agg = newAggCache(cfg.Now)
	s.markers = newMarkerIndex(s)
	s.routes = s.routeTable()
	s.mux = http.NewServeMux()
	for _, rt := range s.routes {
		s.mux.Handle(rt.method+" "+rt.path, s.wrap(rt))
	}
	s.mux.Handle("/", s.wrap(route{name: "notfound", h: s.notFound, open: true}))
	return s
}

// Handler returns the server's root handler, with logging and metrics.
func (s *Server) Handler() http.Handler { return s.observe(s.mux) }

// Run serves on ln until ctx is done, then stops taking connections and
// waits up to grace for the requests in flight to finish.
func (s *Server) Run(ctx context.Context, ln net.Listener, grace time.Duration) error {
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	s.log.Info("serving", "addr", "http://"+ln.Addr().String())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "grace", grace.String())
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	s.log.Info("stopped")
	return nil
}

// route is one endpoint. write routes need a token or a session, are rate
// limited and, with a session, a CSRF token; open routes never need one.
type route struct {
	method, path string
	name         string
	h            http.HandlerFunc
	write        bool
	open         bool
}

// routeTable lists every endpoint. The OpenAPI document must describe
// exactly these (a test checks it).
func (s *Server) routeTable() []route {
	return []route{
		{method: "GET", path: "/healthz", h: s.getHealthz, open: true},
		{method: "GET", path: "/metrics", h: s.getMetrics, open: true},
		{method: "GET", path: "/api/openapi.json", h: s.getOpenAPI, open: true},
		{method: "GET", path: "/api/stats", h: s.getStats},
		{method: "GET", path: "/api/documents", h: s.listDocuments},
		{method: "POST", path: "/api/documents", h: s.createDocument, write: true},
		{method: "GET", path: "/api/documents/{id}", h: s.getDocument},
		{method: "GET", path: "/api/records/{id}", h: s.getRecord},
		{method: "GET", path: "/api/claims", h: s.listClaims},
		{method: "GET", path: "/api/claims/{doc}/{claim}", h: s.getClaim},
		{method: "POST", path: "/api/claims/{doc}/{claim}/review", h: s.reviewClaim, write: true},
		{method: "GET", path: "/api/events", h: s.listEvents},
		{method: "GET", path: "/api/map", h: s.getMap},
		{method: "GET", path: "/api/timeline", h: s.getTimeline},
		{method: "GET", path: "/api/places", h: s.listPlaces},
		{method: "GET", path: "/api/stories", h: s.listStories},
		{method: "GET", path: "/api/stories/{id}", h: s.getStory},
		{method: "POST", path: "/api/stories/{id}/review", h: s.reviewStory, write: true},
		{method: "GET", path: "/api/reviews", h: s.listReviews},
		{method: "GET", path: "/api/search", h: s.getSearch},
		{method: "GET", path: "/api/export", h: s.getExport},
		{method: "GET", path: "/api/session", h: s.getSession, open: true},
		{method: "POST", path: "/api/session", h: s.createSession, open: true, write: true},
		{method: "DELETE", path: "/api/session", h: s.deleteSession, open: true, write: true},
		{method: "GET", path: "/", h: s.getIndex, open: true},
		{method: "GET", path: "/static/", h: s.getStatic, open: true},
	}
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	// The catch-all also gets the right path with the wrong method; tell
	// that apart so that the client learns which methods there are.
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
		if m == r.Method {
			continue
		}
		rr := r.Clone(r.Context())
		rr.Method = m
		if _, pat := s.mux.Handler(rr); pat != "/" && pat != "GET /" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.problem(w, r, http.StatusMethodNotAllowed, sitrep.EINVALID, "", r.Method+" is not allowed on "+r.URL.Path+" (allowed: "+strings.Join(allow, ", ")+")")
		return
	}
	s.problem(w, r, http.StatusNotFound, sitrep.ENOTFOUND, "", "no such endpoint: "+r.Method+" "+r.URL.Path+" (see /api/openapi.json)")
}

// wrap adds what every route needs: panic recovery, security headers,
// access control, rate limits and body limits.
func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				s.log.Error("panic", "route", rt.path, "panic", v, "stack", string(debug.Stack()))
				s.problem(w, r, http.StatusInternalServerError, sitrep.EINTERNAL, "", "internal error")
			}
		}()
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
		p, err := s.authenticate(r)
		if err != nil {
			// Failed credentials on writes draw on the address's bucket,
			// so that guessing tokens is as slow as writing.
			if rt.write && !s.limiter.allow("addr:"+clientAddr(r)) {
				s.metrics.rateLimited.Add(1)
				w.Header().Set("Retry-After", "1")
				s.problem(w, r, http.StatusTooManyRequests, "rate_limited", "", "too many failed attempts from this address")
				return
			}
			s.fail(w, r, err)
			return
		}
		if rt.write {
			key := "addr:" + clientAddr(r)
			if p != nil {
				key = "tok:" + p.TokenID
			}
			if !s.limiter.allow(key) {
				s.metrics.rateLimited.Add(1)
				w.Header().Set("Retry-After", "1")
				s.problem(w, r, http.StatusTooManyRequests, "rate_limited", "", "too many writes: at most "+ftoa(s.cfg.WriteRate)+" per second, bursts of "+itoa(s.cfg.WriteBurst))
				return
			}
			if !rt.open && p == nil {
				w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
				s.problem(w, r, http.StatusUnauthorized, "unauthorized", "Authorization", "this endpoint needs an API token (Authorization: Bearer TOKEN; make one with sitrep token create NAME) or a reviewer session")
				return
			}
			if p != nil && p.Session != nil {
				if err := checkCSRF(r, p.Session); err != nil {
					s.fail(w, r, err)
					return
				}
			}
			r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
		} else if !rt.open && s.cfg.PrivateReads && p == nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
			s.problem(w, r, http.StatusUnauthorized, "unauthorized", "Authorization", "reads are closed on this server: send an API token (Authorization: Bearer TOKEN) or sign in")
			return
		}
		if p != nil {
			r = r.WithContext(withPrincipal(r.Context(), p))
		}
		rt.h(w, r)
	})
}

// fail answers with the problem detail that err's code calls for. Internal
// errors are logged and not shown.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var pe *paramError
	if errors.As(err, &pe) {
		s.problem(w, r, pe.status(), sitrep.EINVALID, pe.Param, pe.Error())
		return
	}
	var ae *authError
	if errors.As(err, &ae) {
		if ae.status == http.StatusUnauthorized {
			w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep", error="invalid_token"`)
		}
		s.problem(w, r, ae.status, ae.code, ae.param, ae.msg)
		return
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		s.problem(w, r, http.StatusRequestEntityTooLarge, sitrep.EINVALID, "body", "request body is larger than "+itoa(int(mbe.Limit))+" bytes")
		return
	}
	code := sitrep.ErrorCode(err)
	switch code {
	case sitrep.EINVALID:
		s.problem(w, r, http.StatusBadRequest, code, "", err.Error())
	case sitrep.ENOTFOUND:
		s.problem(w, r, http.StatusNotFound, code, "", err.Error())
	case sitrep.ECONFLICT:
		s.problem(w, r, http.StatusConflict, code, "", err.Error())
	case sitrep.EUNAVAILABLE:
		s.log.Warn("unavailable", "path", r.URL.Path, "err", err)
		s.problem(w, r, http.StatusServiceUnavailable, code, "", err.Error())
	default:
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			s.problem(w, r, http.StatusServiceUnavailable, sitrep.EUNAVAILABLE, "", "the request was cancelled or took too long")
			return
		}
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		s.problem(w, r, http.StatusInternalServerError, sitrep.EINTERNAL, "", "internal error (logged on the server)")
	}
}

func (s *Server) problem(w http.ResponseWriter, r *http.Request, status int, code, param, detail string) {
	response.WriteProblem(w, response.Problem{Status: status, Code: code, Param: param, Detail: detail, Instance: r.URL.Path})
}
