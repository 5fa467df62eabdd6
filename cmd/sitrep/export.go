package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"strconv"
	"strings"

	"sitrep"
	"sitrep/export"
)

func runExport(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("export", "--format FORMAT [flags]",
		"Export what the database holds: events as ACLED CSV (acled-csv) or GeoJSON (geojson), whole records\n"+
			"as JSON lines (jsonl), or the claims an analyst reviewed as schema.org ClaimReview JSON-LD (claimreview).")
	db := dbFlag(fs)
	format := fs.String("format", "", "acled-csv, geojson, jsonl or claimreview")
	from := fs.String("from", "", "first day (YYYY-MM-DD): of the event, or of publication for jsonl and claimreview")
	to := fs.String("to", "", "last day (YYYY-MM-DD), inclusive")
	bbox := fs.String("bbox", "", "bounding box MINLON,MINLAT,MAXLON,MAXLAT")
	place := fs.String("place", "", "place name of the events")
	typ := fs.String("type", "", "event type (ACLED's, e.g. Battles)")
	status := fs.String("status", "", "story status of the events (corroborated, contested, unverified, ...), or review status of the claims")
	source := fs.String("source", "", "outlet")
	org := fs.String("org", "sitrep", "organisation named as the author of ClaimReviews")
	outPath := fs.String("out", "", "write to this file instead of standard output")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	switch *format {
	case export.ACLED, export.GeoJSON, export.JSONL, export.ClaimReview:
	case "":
		fs.Usage()
		return sitrep.Errorf(sitrep.EINVALID, "--format is required: acled-csv, geojson, jsonl or claimreview")
	default:
		return sitrep.Errorf(sitrep.EINVALID, "--format %q: want acled-csv, geojson, jsonl or claimreview", *format)
	}
	ef := sitrep.EventFilter{From: *from, To: *to, Place: *place, Type: *typ, StoryStatus: *status, Source: *source, Limit: 1000}
	if *bbox != "" {
		b, err := parseBBox(*bbox)
		if err != nil {
			return err
		}
		ef.BBox = b
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	var w io.Writer = m.Stdout
	if *outPath != "" {
		f, err := os.Create(*outPath)
		if err != nil {
			return sitrep.Errorf(sitrep.EINVALID, "--out %s: %s", *outPath, errText(err))
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	switch *format {
	case export.ACLED:
		aw := export.NewACLED(bw)
		if err := eachEvent(ctx, st, ef, aw.Write); err != nil {
			return err
		}
		if err := aw.Close(); err != nil {
			return err
		}
		m.skipped(aw.Skipped, "events without coordinates or of a type ACLED lacks")
	case export.GeoJSON:
		gw := export.NewGeoJSON(bw)
		if err := eachEvent(ctx, st, ef, gw.Write); err != nil {
			return err
		}
		if err := gw.Close(); err != nil {
			return err
		}
		m.skipped(gw.Skipped, "events without coordinates")
	case export.JSONL:
		return exportRecords(ctx, st, ef, bw)
	case export.ClaimReview:
		cw := export.NewClaimReview(bw, *org)
		cf := sitrep.ClaimFilter{Reviewed: true, Status: *status, Source: *source, From: *from, To: *to, Limit: 1000}
		for {
			claims, next, err := st.FindClaims(ctx, cf)
			if err != nil {
				return err
			}
			for _, c := range claims {
				rs, _, err := st.Reviews(ctx, sitrep.ReviewFilter{Kind: sitrep.ReviewClaim, Target: c.DocumentID + "/" + c.ID, Limit: sitrep.MaxLimit})
				if err != nil {
					return err
				}
				if len(rs) == 0 {
					continue
				}
				if err := cw.Write(c, rs[len(rs)-1]); err != nil {
					return err
				}
			}
			if next == "" {
				break
			}
			cf.Cursor = next
		}
		return cw.Close()
	}
	return nil
}

func (m *Main) skipped(n int, why string) {
	if n > 0 {
		m.Stderr.Write([]byte("sitrep export: left out " + strconv.Itoa(n) + " " + why + "\n"))
	}
}

func eachEvent(ctx context.Context, st sitrep.Store, f sitrep.EventFilter, write func(*sitrep.StoredEvent) error) error {
	for {
		evs, next, err := st.FindEvents(ctx, f)
		if err != nil {
			return err
		}
		for _, e := range evs {
			if err := write(e); err != nil {
				return err
			}
		}
		if next == "" {
			return nil
		}
		f.Cursor = next
	}
}

// exportRecords writes the records of the documents matching the filter;
// event filters (type, place, box, status) select the documents that hold
// a matching event.
func exportRecords(ctx context.Context, st sitrep.Store, ef sitrep.EventFilter, w io.Writer) error {
	byEvent := ef.Type != "" || ef.Place != "" || ef.BBox != nil || ef.StoryStatus != ""
	if byEvent {
		done := map[string]bool{}
		return eachEvent(ctx, st, ef, func(e *sitrep.StoredEvent) error {
			if done[e.DocumentID] {
				return nil
			}
			done[e.DocumentID] = true
			rec, err := st.FindRecord(ctx, e.DocumentID)
			if err != nil {
				return err
			}
			return export.WriteRecord(w, rec)
		})
	}
	df := sitrep.DocumentFilter{Source: ef.Source, From: ef.From, To: ef.To, Limit: 1000}
	for {
		docs, next, err := st.FindDocuments(ctx, df)
		if err != nil {
			return err
		}
		for _, d := range docs {
			rec, err := st.FindRecord(ctx, d.ID)
			if err != nil {
				return err
			}
			if err := export.WriteRecord(w, rec); err != nil {
				return err
			}
		}
		if next == "" {
			return nil
		}
		df.Cursor = next
	}
}

func parseBBox(s string) (*[4]float64, error) {
	parts := strings.Split(s, ",")
	var b [4]float64
	if len(parts) != 4 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "--bbox %q: want MINLON,MINLAT,MAXLON,MAXLAT", s)
	}
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, sitrep.Errorf(sitrep.EINVALID, "--bbox %q: %q is not a number", s, p)
		}
		b[i] = v
	}
	if b[0] > b[2] || b[1] > b[3] || b[1] < -90 || b[3] > 90 || b[0] < -180 || b[2] > 180 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "--bbox %q: want MINLON,MINLAT,MAXLON,MAXLAT with min below max", s)
	}
	return &b, nil
}
