package report

import (
	"bytes"
	"strings"
	"testing"

	"sitrep"
)

func f(v float64) *float64 { return &v }

func TestWriteText(t *testing.T) {
	d := sitrep.NewDoc(sitrep.Document{ID: "d1", Source: "The Kharkiv Courier", Published: "2022-03-28", Title: "Village recaptured"},
		"“Vilkhivka is free,” the governor said on Sunday. 1,250 troops moved to Poland.")
	d.Entities = []sitrep.Entity{{ID: "e1", Type: sitrep.PER, Name: "Oleh Synehubov", Side: "UA",
		Roles: []sitrep.Role{{Title: "governor of Kharkiv Oblast"}}, Mentions: []sitrep.Span{d.Span(21, 33)}}}
	d.Times = []sitrep.Time{{ID: "t1", Type: sitrep.TimeDate, Value: "2022-03-27", Mentions: []sitrep.Span{d.Span(42, 48)}}}
	d.Places = []sitrep.Place{{ID: "p1", Name: "Vilkhivka", Kind: "city", Country: "UA", Admin1: "Kharkiv", Lat: 49.99, Lon: 36.43,
		Precision: sitrep.PrecisionTown, Mentions: []sitrep.Span{d.Span(1, 10)}},
		{ID: "p2", Name: "Poland", Kind: "country", Precision: sitrep.PrecisionUnresolved, Mentions: []sitrep.Span{d.Span(72, 78)}}}
	d.Quantities = []sitrep.Quantity{{ID: "q1", Value: 1250, Qualifier: sitrep.QualExact, Unit: "troops", Measure: "moved",
		Evidence: []sitrep.Span{d.Span(50, 62)}}}
	d.Claims = []sitrep.Claim{{ID: "c1", Speaker: "e1", SpeakerName: "Oleh Synehubov", Cue: d.Span(34, 38),
		Content: d.Span(0, 20), Mode: "direct", Polarity: "asserted", Status: sitrep.StatusUnverified, When: "t1"},
		// The same words told as a quotation its attribution interrupts:
		// the parts, not the attribution between them.
		{ID: "c2", Speaker: "e1", SpeakerName: "Oleh Synehubov", Cue: d.Span(34, 38), Content: d.Span(0, 48),
			ContentParts: []sitrep.Span{d.Span(0, 20), d.Span(39, 48)}, Mode: "direct", Polarity: "asserted", Status: sitrep.StatusUnverified}}
	d.Events = []sitrep.Event{{ID: "v1", Type: "Battles", SubType: "Government regains territory", Status: sitrep.EventClaimed,
		Actor1: &sitrep.Actor{Name: "Ukrainian forces", Side: "UA"}, Place: "p1", PlacePrecision: sitrep.PrecisionTown,
		DateValue: "2022-03-27", DatePrecision: "day", Fatalities: &sitrep.Fatalities{Best: f(0)}, Claims: []string{"c1"},
		Evidence: []sitrep.Span{d.Span(0, 20)}}}
	var b bytes.Buffer
	if err := WriteText(&b, d.Record(false)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	// The sections come in the order the issue asks for, each item with its
	// evidence.
	order := []string{"Village recaptured", "Claims (2)", "Oleh Synehubov (governor of Kharkiv Oblast) “said” [direct, asserted, unverified]",
		"content: “Vilkhivka is free,”", "when:    2022-03-27 “Sunday” @42-48",
		"content: “Vilkhivka is free,” … “on Sunday”\n",
		"Events (1)", "Battles / Government regains territory [claimed]", "actor1:  Ukrainian forces [side UA]", "where:   Vilkhivka (town)",
		"Places (2)", "Vilkhivka — city, 49.9900, 36.4300, Kharkiv, UA (town)", "Poland — country, not resolved (unresolved)",
		"Dates (1)", "DATE 2022-03-27 “Sunday” @42-48",
		"Figures (1)", "1250 troops moved “1,250 troops” @50-62 [exact]",
		"People and organisations (1)", "PER Oleh Synehubov, governor of Kharkiv Oblast [side UA]"}
	at := 0
	for _, want := range order {
		i := strings.Index(out[at:], want)
		if i < 0 {
			t.Fatalf("report lacks %q after offset %d:\n%s", want, at, out)
		}
		at += i + len(want)
	}
}

func TestWriteTextEmpty(t *testing.T) {
	var b bytes.Buffer
	d := sitrep.NewDoc(sitrep.Document{ID: "d2"}, "Nothing here.")
	if err := WriteText(&b, d.Record(false)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "(untitled)") || strings.Count(b.String(), "none found") != 6 || !strings.Contains(b.String(), "published  unknown") {
		t.Errorf("empty report:\n%s", b.String())
	}
}
