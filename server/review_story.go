package server

import (
	"net/http"

	"sitrep"
	"sitrep/server/response"
)

// reviewStory sets a story's status and records who, when and why.
func (s *Server) reviewStory(w http.ResponseWriter, r *http.Request) {
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
	id := r.PathValue("id")
	if _, err := s.store.FindStory(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	rev, err := s.store.Review(r.Context(), sitrep.Review{Kind: sitrep.ReviewStory, Target: id,
		Reviewer: principalFrom(r.Context()).Name, NewStatus: b.Status, OldStatus: b.OldStatus, Note: b.Note})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.agg.invalidate()
	s.markers.setStoryStatus(id, rev.NewStatus)
	s.log.Info("review", "kind", "story", "target", rev.Target, "reviewer", rev.Reviewer, "old", rev.OldStatus, "new", rev.NewStatus)
	response.JSON(w, http.StatusOK, rev)
}
