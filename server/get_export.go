package server

import (
	"context"
	"net/http"

	"sitrep"
	"sitrep/export"
)

// exportFormats are the formats /api/export writes, as sitrep export does.
var exportFormats = []string{export.ACLED, export.GeoJSON, export.JSONL, export.ClaimReview}

// getExport streams the selected events as ACLED CSV or GeoJSON, their
// documents' records as JSON Lines, or the reviewed claims as schema.org
// ClaimReview JSON-LD, page by page so that memory stays flat. The first
// page is read before anything is written, so that a store error still
// becomes a problem detail; a later one can only cut the stream short.
func (s *Server) getExport(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, append([]string{"format"}, eventParams[:len(eventParams)-2]...)...)
	format := q.oneOf("format", exportFormats)
	if q.err == nil && format == "" {
		q.fail(badParam("format", "missing: want acled-csv, geojson, jsonl or claimreview"))
	}
	f := eventFilter(q)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	ctx := r.Context()
	if format == export.ClaimReview {
		s.exportClaimReviews(ctx, w, r, f)
		return
	}
	f.Limit = 1000
	evs, next, err := s.store.FindEvents(ctx, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var write func(*sitrep.StoredEvent) error
	var done func() error
	h := w.Header()
	switch format {
	case export.ACLED:
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="sitrep-events.csv"`)
		aw := export.NewACLED(w)
		write, done = aw.Write, aw.Close
	case export.GeoJSON:
		h.Set("Content-Type", "application/geo+json")
		h.Set("Content-Disposition", `attachment; filename="sitrep-events.geojson"`)
		gw := export.NewGeoJSON(w)
		write, done = gw.Write, gw.Close
	case export.JSONL:
		h.Set("Content-Type", "application/jsonl")
		h.Set("Content-Disposition", `attachment; filename="sitrep-records.jsonl"`)
		seen := map[string]bool{}
		write = func(e *sitrep.StoredEvent) error {
			if seen[e.DocumentID] {
				return nil
			}
			seen[e.DocumentID] = true
			rec, err := s.store.FindRecord(ctx, e.DocumentID)
			if err != nil {
				return err
			}
			return export.WriteRecord(w, rec)
		}
		done = func() error { return nil }
	}
	for {
		for _, e := range evs {
			if err := write(e); err != nil {
				s.log.Error("export", "format", format, "err", err)
				return
			}
		}
		if next == "" || ctx.Err() != nil {
			break
		}
		f.Cursor = next
		if evs, next, err = s.store.FindEvents(ctx, f); err != nil {
			s.log.Error("export", "format", format, "err", err)
			return
		}
	}
	if err := done(); err != nil {
		s.log.Error("export", "format", format, "err", err)
	}
}

// exportClaimReviews writes the reviewed claims, each with its latest
// review; status, source and the date range select them.
func (s *Server) exportClaimReviews(ctx context.Context, w http.ResponseWriter, r *http.Request, ef sitrep.EventFilter) {
	cf := sitrep.ClaimFilter{Reviewed: true, Status: ef.StoryStatus, Source: ef.Source, From: ef.From, To: ef.To, Limit: 1000}
	claims, next, err := s.store.FindClaims(ctx, cf)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/ld+json")
	w.Header().Set("Content-Disposition", `attachment; filename="sitrep-claimreviews.json"`)
	cw := export.NewClaimReview(w, "sitrep")
	for {
		for _, c := range claims {
			rs, _, err := s.store.Reviews(ctx, sitrep.ReviewFilter{Kind: sitrep.ReviewClaim, Target: c.DocumentID + "/" + c.ID, Limit: sitrep.MaxLimit})
			if err != nil {
				s.log.Error("export", "format", export.ClaimReview, "err", err)
				return
			}
			if len(rs) == 0 {
				continue
			}
			if err := cw.Write(c, rs[len(rs)-1]); err != nil {
				s.log.Error("export", "format", export.ClaimReview, "err", err)
				return
			}
		}
		if next == "" || ctx.Err() != nil {
			break
		}
		cf.Cursor = next
		if claims, next, err = s.store.FindClaims(ctx, cf); err != nil {
			s.log.Error("export", "format", export.ClaimReview, "err", err)
			return
		}
	}
	if err := cw.Close(); err != nil {
		s.log.Error("export", "format", export.ClaimReview, "err", err)
	}
}
