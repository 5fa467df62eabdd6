package server

import (
	"context"
	"net/http"

	"sitrep"
	"sitrep/server/response"
)

// claimView is a claim with its audit trail.
type claimView struct {
	*sitrep.StoredClaim
	Reviews []*sitrep.Review `json:"reviews"`
}

// getClaim returns one claim with its reviews, oldest first.
func (s *Server) getClaim(w http.ResponseWriter, r *http.Request) {
	if q := newQuery(r); q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	c, err := s.findClaim(r.Context(), r.PathValue("doc"), r.PathValue("claim"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	revs, _, err := s.store.Reviews(r.Context(), sitrep.ReviewFilter{Kind: sitrep.ReviewClaim,
		Target: c.DocumentID + "/" + c.ID, Limit: sitrep.MaxLimit})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if revs == nil {
		revs = []*sitrep.Review{}
	}
	response.JSON(w, http.StatusOK, claimView{c, revs})
}

// findClaim returns the claim id of document doc, ENOTFOUND if either is
// missing.
func (s *Server) findClaim(ctx context.Context, doc, id string) (*sitrep.StoredClaim, error) {
	f := sitrep.ClaimFilter{DocumentID: doc, Limit: sitrep.MaxLimit}
	for {
		claims, next, err := s.store.FindClaims(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, c := range claims {
			if c.ID == id {
				return c, nil
			}
		}
		if next == "" {
			return nil, sitrep.Errorf(sitrep.ENOTFOUND, "claim %s/%s: no such claim", doc, id)
		}
		f.Cursor = next
	}
}
