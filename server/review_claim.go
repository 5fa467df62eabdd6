package server

import (
	"context"
	"net/http"
	"strings"
	"unicode/utf8"

	"sitrep"
	"sitrep/server/response"
)

// reviewBody is a review request.
type reviewBody struct {
	Status string `json:"status"`
	Note   string `json:"note"`
	// OldStatus, when given, must be the current status (else 409), so
	// that two reviewers do not overwrite each other unknowingly.
	OldStatus string `json:"old_status"`
}

func (b *reviewBody) check() error {
	if b.Status == "" {
		return badParam("status", "missing")
	}
	if err := validStatus("status", b.Status); err != nil {
		return err
	}
	if b.OldStatus != "" {
		if err := validStatus("old_status", b.OldStatus); err != nil {
			return err
		}
	}
	b.Note = strings.TrimSpace(b.Note)
	if utf8.RuneCountInString(b.Note) > 4000 {
		return badParam("note", "longer than 4000 characters")
	}
	if !utf8.ValidString(b.Note) {
		return badParam("note", "not valid UTF-8")
	}
	return nil
}

// reviewClaim sets a claim's status and records who, when and why.
func (s *Server) reviewClaim(w http.ResponseWriter, r *http.Request) {
	doc, id := r.PathValue("doc"), r.PathValue("claim")
	s.review(w, r, sitrep.ReviewClaim, doc+"/"+id, func(ctx context.Context) error {
		_, err := s.findClaim(ctx, doc, id)
		return err
	})
}

// review checks a review request, that its target exists, stores the
// review and answers with it: the one path for claims and stories.
func (s *Server) review(w http.ResponseWriter, r *http.Request, kind, target string, exists func(context.Context) error) {
	if q := newQuery(r); q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	var b reviewBody
	if err := decodeJSON(r, &b); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := b.check(); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := exists(r.Context()); err != nil {
		s.fail(w, r, err)
		return
	}
	rev, err := s.store.Review(r.Context(), sitrep.Review{Kind: kind, Target: target,
		Reviewer: principalFrom(r.Context()).Name, NewStatus: b.Status, OldStatus: b.OldStatus, Note: b.Note})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.agg.invalidate()
	if kind == sitrep.ReviewStory {
		s.markers.setStoryStatus(target, rev.NewStatus)
	}
	s.log.Info("review", "kind", kind, "target", rev.Target, "reviewer", rev.Reviewer, "old", rev.OldStatus, "new", rev.NewStatus)
	response.JSON(w, http.StatusOK, rev)
}
