package server

import (
	"net/http"

	"sitrep"
	"sitrep/server/response"
)

// storyView is a story with its members and its audit trail.
type storyView struct {
	*sitrep.Story
	Reviews []*sitrep.Review `json:"reviews"`
}

// getStory returns one story with its members and reviews.
func (s *Server) getStory(w http.ResponseWriter, r *http.Request) {
	if q := newQuery(r); q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	st, err := s.store.FindStory(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	revs, _, err := s.store.Reviews(r.Context(), sitrep.ReviewFilter{Kind: sitrep.ReviewStory, Target: st.ID, Limit: sitrep.MaxLimit})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if revs == nil {
		revs = []*sitrep.Review{}
	}
	response.JSON(w, http.StatusOK, storyView{st, revs})
}
