// Package storetest is the conformance suite every sitrep.Store passes, and
// the hand-built records it (and the story and export tests) run on.
package storetest

import (
	"strings"

	"sitrep"
)

// Report describes a hand-built article: one event at one place on one
// day, with an optional claim about it.
type Report struct {
	Source, Published, Title string
	// Text is the article; it must contain Trigger and, if set, Claim.
	Text    string
	Trigger string
	Type    string
	SubType string
	Status  string
	// Place, Lat, Lon and Precision resolve the event's place.
	Place     string
	Lat, Lon  float64
	Precision string
	Admin1    string
	Country   string
	// Date is the event's TIMEX3 value ("2022-03-28").
	Date string
	// Sides are the actors' sides (actor1, actor2).
	Sides      []string
	Fatalities *float64
	// Speaker and Claim make a claim whose content is Claim.
	Speaker string
	Claim   string
	// Polarity of the claim; asserted when empty.
	Polarity string
}

// span returns the code-point span of sub in text (the first one).
func span(text, sub string) sitrep.Span {
	i := strings.Index(text, sub)
	if i < 0 || sub == "" {
		return sitrep.Span{}
	}
	start := len([]rune(text[:i]))
	return sitrep.Span{Start: start, End: start + len([]rune(sub)), Text: sub}
}

// Record builds the record of a report, as the pipeline would have made it,
// its document ID set the way sitrep sets it.
func (r Report) Record() *sitrep.Record {
	rec := &sitrep.Record{
		Schema:  sitrep.Schema,
		Version: sitrep.Version,
		Document: sitrep.Document{Source: r.Source, Published: r.Published, Title: r.Title, Text: r.Text,
			URL: "https://" + strings.ToLower(strings.ReplaceAll(r.Source, " ", "")) + ".example/" + sitrep.DocumentID(r.Source, r.Text)},
		Sentences:  []sitrep.Span{{Start: 0, End: len([]rune(r.Text))}},
		Entities:   []sitrep.Entity{},
		Places:     []sitrep.Place{},
		Times:      []sitrep.Time{},
		Quantities: []sitrep.Quantity{},
		Claims:     []sitrep.Claim{},
		Events:     []sitrep.Event{},
		Stages:     []string{"hand-built"},
	}
	rec.Document.ID = sitrep.DocumentID(r.Source, r.Text)
	if r.Speaker != "" && r.Claim != "" {
		rec.Entities = append(rec.Entities, sitrep.Entity{ID: "T1", Type: sitrep.PER, Name: r.Speaker,
			Mentions: []sitrep.Span{span(r.Text, r.Speaker)}})
		pol := r.Polarity
		if pol == "" {
			pol = "asserted"
		}
		rec.Claims = append(rec.Claims, sitrep.Claim{ID: "C1", Speaker: "T1", SpeakerName: r.Speaker,
			Source: []sitrep.Span{span(r.Text, r.Speaker)}, Cue: span(r.Text, "said"), Content: span(r.Text, r.Claim),
			Mode: "indirect", Polarity: pol, Status: sitrep.StatusUnverified})
	}
	if r.Trigger == "" {
		return rec
	}
	ev := sitrep.Event{ID: "E1", Type: r.Type, SubType: r.SubType, Status: r.Status, PlacePrecision: r.Precision,
		Trigger: span(r.Text, r.Trigger), Evidence: []sitrep.Span{span(r.Text, r.Trigger)}}
	if ev.Status == "" {
		ev.Status = sitrep.EventOccurred
	}
	if r.Place != "" {
		prec := r.Precision
		if prec == "" {
			prec = sitrep.PrecisionTown
			ev.PlacePrecision = prec
		}
		rec.Places = append(rec.Places, sitrep.Place{ID: "P1", Name: r.Place, Kind: "city", Country: r.Country, Admin1: r.Admin1,
			Lat: r.Lat, Lon: r.Lon, Precision: prec, Mentions: []sitrep.Span{span(r.Text, r.Place)}})
		ev.Place = "P1"
	}
	if r.Date != "" {
		rec.Times = append(rec.Times, sitrep.Time{ID: "D1", Type: sitrep.TimeDate, Value: r.Date, Precision: "day"})
		ev.Date, ev.DateValue, ev.DatePrecision = "D1", r.Date, "day"
	}
	for i, s := range r.Sides {
		a := &sitrep.Actor{Name: s + " forces", Side: s}
		if i == 0 {
			ev.Actor1 = a
		} else if i == 1 {
			ev.Actor2 = a
		}
	}
	if r.Fatalities != nil {
		f := *r.Fatalities
		ev.Fatalities = &sitrep.Fatalities{Best: &f}
	}
	if len(rec.Claims) > 0 {
		ev.Claims = []string{"C1"}
	}
	rec.Events = append(rec.Events, ev)
	return rec
}

// Float returns a pointer to f, for fatalities.
func Float(f float64) *float64 { return &f }

// Irpin is a report of the recapture of Irpin; the stories and exports
// tests vary it.
func Irpin(source, text string) Report {
	return Report{Source: source, Published: "2022-03-28", Title: "Irpin retaken", Text: text,
		Trigger: "retaken", Type: "Battles", SubType: "Government regains territory",
		Place: "Irpin", Lat: 50.52, Lon: 30.25, Precision: sitrep.PrecisionTown, Admin1: "Kyiv Oblast", Country: "UA",
		Date: "2022-03-28", Sides: []string{"UA", "RU"}, Speaker: "Oleksandr Markushyn", Claim: "Irpin has been liberated"}
}
