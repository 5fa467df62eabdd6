package server

import (
	"net/http"
	"strings"

	"sitrep"
	"sitrep/server/response"
)

// sessionView tells the UI who is signed in and the CSRF token its writes
// must carry.
type sessionView struct {
	SignedIn bool   `json:"signed_in"`
	Name     string `json:"name,omitempty"`
	CSRF     string `json:"csrf,omitempty"`
	// ReadsOpen says whether reads need no sign-in.
	ReadsOpen bool `json:"reads_open"`
}

// getSession returns the caller's session, if any.
func (s *Server) getSession(w http.ResponseWriter, r *http.Request) {
	v := sessionView{ReadsOpen: !s.cfg.PrivateReads}
	if p := principalFrom(r.Context()); p != nil {
		v.SignedIn, v.Name = true, p.Name
		if p.Session != nil {
			v.CSRF = p.Session.csrf
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	response.JSON(w, http.StatusOK, v)
}

// createSession signs a reviewer in with an API token.
func (s *Server) createSession(w http.ResponseWriter, r *http.Request) {
	if o := r.Header.Get("Origin"); o != "" && !sameOrigin(o, r.Host) {
		s.problem(w, r, http.StatusForbidden, "forbidden", "Origin", "cross-origin sign-in refused (Origin "+o+")")
		return
	}
	var b struct {
		Token string `json:"token"`
	}
	if err := decodeJSON(r, &b); err != nil {
		s.fail(w, r, err)
		return
	}
	if strings.TrimSpace(b.Token) == "" {
		s.fail(w, r, badParam("token", "missing"))
		return
	}
	tok, err := s.store.Authenticate(r.Context(), strings.TrimSpace(b.Token))
	if sitrep.ErrorCode(err) == sitrep.ENOTFOUND {
		s.fail(w, r, &authError{http.StatusUnauthorized, "unauthorized", "token", "token: no such token (unknown or revoked)"})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sess := s.sessions.create(tok.ID, tok.Name)
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: sess.id, Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteStrictMode, MaxAge: int(sessionTTL.Seconds())})
	s.log.Info("signed in", "reviewer", tok.Name)
	w.Header().Set("Cache-Control", "no-store")
	response.JSON(w, http.StatusOK, sessionView{SignedIn: true, Name: tok.Name, CSRF: sess.csrf, ReadsOpen: !s.cfg.PrivateReads})
}

// deleteSession signs out.
func (s *Server) deleteSession(w http.ResponseWriter, r *http.Request) {
	if p := principalFrom(r.Context()); p != nil && p.Session != nil {
		s.sessions.delete(p.Session.id)
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteStrictMode, MaxAge: -1})
	w.WriteHeader(http.StatusNoContent)
}

func sameOrigin(origin, host string) bool {
	_, rest, ok := strings.Cut(origin, "://")
	return ok && rest == host
}
