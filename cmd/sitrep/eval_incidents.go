package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"sitrep"
	"sitrep/eval/incidents"
	"sitrep/pipeline"
	"sitrep/text"
)

func runEvalIncidents(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("eval incidents", "[flags] FILE",
		"Run the whole pipeline on each incident of a CIR/Bellingcat incident file (events.csv), its title and\n"+
			"description as the text and its date as the document date, and score the first event's type against\n"+
			"the incident's event group and its place against the gold coordinates (see docs/event.md).")
	asJSON := fs.Bool("json", false, "print one JSON object of percentages instead of a table")
	out := fs.String("out", "", "write the predictions as DIR/events-predicted.csv, in the file's own columns")
	workers := fs.Int("workers", 2, "documents processed in parallel")
	limit := fs.Int("limit", 0, "score only the first N incidents (0: all)")
	name, err := parseOne(fs, args)
	if err != nil {
		return err
	}
	f, err := os.Open(name)
	if err != nil {
		return sitrep.Errorf(sitrep.ENOTFOUND, "%s: %s", name, incidentsPathErr(err))
	}
	defer f.Close()
	var incs []incidents.Incident
	if err := incidents.Read(name, f, func(in incidents.Incident) error {
		if *limit <= 0 || len(incs) < *limit {
			incs = append(incs, in)
		}
		return nil
	}); err != nil {
		return err
	}
	p, err := newPipeline()
	if err != nil {
		return err
	}
	var w *csv.Writer
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return sitrep.Errorf(sitrep.EINVALID, "--out %s: %s", *out, incidentsPathErr(err))
		}
		of, err := os.Create(filepath.Join(*out, "events-predicted.csv"))
		if err != nil {
			return sitrep.Errorf(sitrep.EINVALID, "--out %s: %s", *out, incidentsPathErr(err))
		}
		defer of.Close()
		w = csv.NewWriter(of)
		w.Write([]string{"entry", "date", "event_group", "sub_event_type", "status", "title", "brief description",
			"lat", "lon", "country", "province", "town/city", "place_precision", "gold_event_group", "distance_km", "heldout"})
	}

	in := make(chan *sitrep.Doc)
	res := make(chan pipeline.Result)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p.Stream(ctx, *workers, in, res)
	go func() {
		defer close(in)
		for _, inc := range incs {
			s, err := text.Normalize(name, []byte(inc.Text()))
			if err != nil {
				// No text: scored as finding nothing, in its place in the
				// order.
				s = ""
			}
			meta := sitrep.Document{Published: inc.Date, Input: name + ":" + strconv.Itoa(inc.Line), Title: inc.Title}
			meta.ID = sitrep.DocumentID("cir", s)
			d := sitrep.NewDoc(meta, s)
			d.DCT = inc.Date
			select {
			case in <- d:
			case <-ctx.Done():
				return
			}
		}
	}()
	var all, dev, held incidents.Score
	for r := range res {
		if r.Err != nil {
			return r.Err
		}
		inc := incs[r.Seq]
		typ, sub, status := "", "", ""
		var ev *sitrep.Event
		if len(r.Doc.Events) > 0 {
			ev = &r.Doc.Events[0]
			typ, sub, status = ev.Type, ev.SubType, ev.Status
		}
		pl := scoredPlace(r.Doc, ev)
		part := &dev
		if incidents.Heldout(inc.Entry) {
			part = &held
		}
		all.AddType(inc.Group, typ)
		part.AddType(inc.Group, typ)
		km := -1.0
		if inc.NamesPlace() {
			found := pl != nil
			var lat, lon float64
			if found {
				lat, lon = pl.Lat, pl.Lon
			}
			km = all.AddPlace(inc, found, lat, lon)
			part.AddPlace(inc, found, lat, lon)
		}
		if w != nil {
			row := []string{inc.Entry, inc.Date, typ, sub, status, inc.Title, inc.Description, "", "", "", "", "", "", inc.Group, "", strconv.FormatBool(incidents.Heldout(inc.Entry))}
			if pl != nil {
				row[7], row[8] = strconv.FormatFloat(pl.Lat, 'f', 6, 64), strconv.FormatFloat(pl.Lon, 'f', 6, 64)
				row[9], row[10], row[11], row[12] = pl.Country, pl.Admin1, pl.Name, pl.Precision
			}
			if km >= 0 {
				row[14] = strconv.FormatFloat(km, 'f', 1, 64)
			}
			w.Write(row)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if w != nil {
		w.Flush()
		if err := w.Error(); err != nil {
			return sitrep.Errorf(sitrep.EINVALID, "--out %s: %s", *out, err)
		}
	}
	ra, rd, rh := all.Result(), dev.Result(), held.Result()
	if *asJSON {
		type obj struct {
			incidents.Result
			Development incidents.Result `json:"development"`
			Heldout     incidents.Result `json:"heldout"`
		}
		enc := json.NewEncoder(m.Stdout)
		return enc.Encode(obj{ra, rd, rh})
	}
	fmt.Fprintf(m.Stdout, "%-12s %9s %7s %7s %7s %11s %10s %10s %10s\n", "portion", "incidents", "typed", "type %", "named", "place fnd %", "<=25km %", "<=161km %", "median km")
	for _, row := range []struct {
		name string
		r    incidents.Result
	}{{"all", ra}, {"development", rd}, {"held-out", rh}} {
		r := row.r
		fmt.Fprintf(m.Stdout, "%-12s %9d %7d %7.1f %7d %11.1f %10.1f %10.1f %10.1f\n", row.name, r.Incidents, r.Typed,
			r.TypeAgreement, r.NamedPlace, r.PlaceFound, r.Within25km, r.Within161km, r.MedianKm)
	}
	return nil
}

// scoredPlace returns the place an incident is scored on: its first event's
// place, or else the most specific place found in the text; nil when
// neither has coordinates.
func scoredPlace(d *sitrep.Doc, ev *sitrep.Event) *sitrep.Place {
	has := func(p *sitrep.Place) bool {
		return p.Precision != sitrep.PrecisionUnresolved && (p.Lat != 0 || p.Lon != 0)
	}
	if ev != nil && ev.Place != "" {
		for i := range d.Places {
			if d.Places[i].ID == ev.Place && has(&d.Places[i]) {
				return &d.Places[i]
			}
		}
	}
	// A country named only by its adjective ("Russian troops") says who,
	// not where.
	named := func(p *sitrep.Place) bool {
		for _, m := range p.Mentions {
			w := strings.ToLower(m.Text)
			if strings.EqualFold(m.Text, p.Name) || !(strings.HasSuffix(w, "ian") || strings.HasSuffix(w, "ians") || strings.HasSuffix(w, "ese") || strings.HasSuffix(w, "ish")) {
				return true
			}
		}
		return false
	}
	rank := map[string]int{sitrep.PrecisionTown: 4, sitrep.PrecisionNearTown: 3, sitrep.PrecisionRegion: 2, sitrep.PrecisionCountry: 1}
	var best *sitrep.Place
	for i := range d.Places {
		p := &d.Places[i]
		if has(p) && named(p) && (best == nil || rank[p.Precision] > rank[best.Precision]) {
			best = p
		}
	}
	return best
}

func incidentsPathErr(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}
