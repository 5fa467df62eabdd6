package server

import (
	"encoding/json"
	"net/http"

	"sitrep"
)

// exportFormats are the formats /api/export writes.
var exportFormats = []string{"geojson", "jsonl"}

// getExport streams the selected events as GeoJSON, or the records of the
// selected documents as JSON Lines, page by page so that memory stays flat.
func (s *Server) getExport(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, append([]string{"format"}, eventParams[:len(eventParams)-2]...)...)
	format := q.oneOf("format", exportFormats)
	if q.err == nil && format == "" {
		q.fail(badParam("format", "missing: want geojson or jsonl"))
	}
	f := eventFilter(q)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	f.Limit = 1000
	ctx := r.Context()
	// The first page is read before anything is written, so that a store
	// error still becomes a problem detail.
	evs, next, err := s.store.FindEvents(ctx, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	switch format {
	case "geojson":
		w.Header().Set("Content-Type", "application/geo+json")
		w.Header().Set("Content-Disposition", `attachment; filename="sitrep-events.geojson"`)
		w.Write([]byte(`{"type":"FeatureCollection","features":[`))
	case "jsonl":
		w.Header().Set("Content-Type", "application/jsonl")
		w.Header().Set("Content-Disposition", `attachment; filename="sitrep-records.jsonl"`)
	}
	first := true
	seen := map[string]bool{}
	for {
		for _, e := range evs {
			switch format {
			case "geojson":
				if e.PlaceInfo == nil || e.PlaceInfo.Precision == sitrep.PrecisionUnresolved {
					continue
				}
				if !first {
					w.Write([]byte(","))
				}
				first = false
				enc.Encode(feature(e))
			case "jsonl":
				if seen[e.DocumentID] {
					continue
				}
				seen[e.DocumentID] = true
				rec, err := s.store.FindRecord(ctx, e.DocumentID)
				if err != nil {
					s.log.Error("export", "doc", e.DocumentID, "err", err)
					return
				}
				enc.Encode(rec)
			}
		}
		if next == "" || ctx.Err() != nil {
			break
		}
		f.Cursor = next
		if evs, next, err = s.store.FindEvents(ctx, f); err != nil {
			// Headers are gone; the truncated body is all that can show it.
			s.log.Error("export", "err", err)
			return
		}
	}
	if format == "geojson" {
		w.Write([]byte("]}\n"))
	}
}

func feature(e *sitrep.StoredEvent) map[string]any {
	props := map[string]any{"document_id": e.DocumentID, "event_id": e.ID, "type": e.Type, "sub_type": e.SubType,
		"status": e.Status, "story": e.Story, "story_status": e.StoryStatus, "day": e.Day, "place": e.PlaceInfo.Name,
		"country": e.PlaceInfo.Country, "admin1": e.PlaceInfo.Admin1, "precision": e.PlacePrecision,
		"source": e.Source, "url": e.URL, "trigger": e.Trigger.Text}
	return map[string]any{"type": "Feature", "id": e.DocumentID + "/" + e.ID,
		"geometry":   map[string]any{"type": "Point", "coordinates": []float64{e.PlaceInfo.Lon, e.PlaceInfo.Lat}},
		"properties": props}
}
