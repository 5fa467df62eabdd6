package server

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"sitrep"
)

// principal is who makes a request: an API token, directly or through a
// reviewer session.
type principal struct {
	TokenID string
	Name    string
	Session *session
}

type principalKey struct{}

func withPrincipal(ctx context.Context, p *principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

func principalFrom(ctx context.Context) *principal {
	p, _ := ctx.Value(principalKey{}).(*principal)
	return p
}

// authError is a refused credential.
type authError struct {
	status int
	code   string
	param  string
	msg    string
}

func (e *authError) Error() string { return e.msg }

const sessionCookie = "sitrep_session"

// authenticate returns the principal of r: nil for an anonymous request, an
// error for a credential that does not hold (an unknown token is refused
// even on an open endpoint, so that a client learns its token is bad).
func (s *Server) authenticate(r *http.Request) (*principal, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, secret, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(secret) == "" {
			return nil, &authError{http.StatusUnauthorized, "unauthorized", "Authorization", "Authorization header: want \"Bearer TOKEN\""}
		}
		tok, err := s.store.Authenticate(r.Context(), strings.TrimSpace(secret))
		if sitrep.ErrorCode(err) == sitrep.ENOTFOUND {
			return nil, &authError{http.StatusUnauthorized, "unauthorized", "Authorization", "token: no such token (unknown or revoked)"}
		}
		if err != nil {
			return nil, err
		}
		return &principal{TokenID: tok.ID, Name: tok.Name}, nil
	}
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if sess := s.sessions.get(c.Value); sess != nil {
			return &principal{TokenID: sess.tokenID, Name: sess.name, Session: sess}, nil
		}
	}
	return nil, nil
}

// session is a reviewer signed in through the UI with a token. The browser
// holds only a random session ID in an HttpOnly, SameSite=Strict cookie;
// writes also need the session's CSRF token in X-CSRF-Token, which a page
// from another origin cannot read.
type session struct {
	id      string
	csrf    string
	tokenID string
	name    string
	expires time.Time
}

type sessions struct {
	mu  sync.Mutex
	m   map[string]*session
	now func() time.Time
}

const sessionTTL = 12 * time.Hour

func newSessions(now func() time.Time) *sessions {
	return &sessions{m: map[string]*session{}, now: now}
}

func (ss *sessions) create(tokenID, name string) *session {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	now := ss.now()
	for id, s := range ss.m {
		if now.After(s.expires) {
			delete(ss.m, id)
		}
	}
	s := &session{id: randomString(), csrf: randomString(), tokenID: tokenID, name: name, expires: now.Add(sessionTTL)}
	ss.m[s.id] = s
	return s
}

func (ss *sessions) get(id string) *session {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	s := ss.m[id]
	if s == nil || ss.now().After(s.expires) {
		delete(ss.m, id)
		return nil
	}
	return s
}

func (ss *sessions) delete(id string) {
	ss.mu.Lock()
	delete(ss.m, id)
	ss.mu.Unlock()
}

func randomString() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// checkCSRF refuses a cookie-authenticated write that lacks the session's
// CSRF token or comes from another origin.
func checkCSRF(r *http.Request, sess *session) error {
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return &authError{http.StatusForbidden, "forbidden", "Origin", "cross-origin write refused (Origin " + o + ")"}
		}
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(sess.csrf)) != 1 {
		return &authError{http.StatusForbidden, "forbidden", "X-CSRF-Token", "X-CSRF-Token: missing or wrong for this session"}
	}
	return nil
}

// clientAddr is the remote IP, the key for rate limits without a token.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// limiter is a token bucket per client.
type limiter struct {
	mu      sync.Mutex
	rate    float64
	burst   float64
	now     func() time.Time
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(rate float64, burst int, now func() time.Time) *limiter {
	return &limiter{rate: rate, burst: float64(burst), now: now, buckets: map[string]*bucket{}}
}

// allow takes one token from key's bucket and reports whether there was one.
func (l *limiter) allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.buckets) > 10000 {
		// Full buckets carry no state worth keeping.
		for k, b := range l.buckets {
			if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
				delete(l.buckets, k)
			}
		}
	}
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
