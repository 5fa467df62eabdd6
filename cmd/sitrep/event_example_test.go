package main

import (
	"encoding/json"
	"slices"
	"testing"

	"sitrep"
	"sitrep/shared"
)

// TestExampleEvents checks the events and figures issue 7 asks of the
// example article, through the whole pipeline.
func TestExampleEvents(t *testing.T) {
	p := shared.Path("examples", "irpin-liberated.txt")
	if p == "" {
		t.Skip("shared examples not present")
	}
	out, errs, code := run(t, "", "extract", p, "--published", "2022-03-28")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rec sitrep.Record
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatal(err)
	}
	place := func(id string) string {
		for _, p := range rec.Places {
			if p.ID == id {
				return p.Name
			}
		}
		return ""
	}
	speaker := func(claims []string) []string {
		var out []string
		for _, c := range rec.Claims {
			if slices.Contains(claims, c.ID) {
				out = append(out, c.SpeakerName)
			}
		}
		return out
	}
	entity := func(id string) string {
		for _, e := range rec.Entities {
			if e.ID == id {
				return e.Name
			}
		}
		return ""
	}
	find := func(sub, trigger string) *sitrep.Event {
		for i, e := range rec.Events {
			if e.SubType == sub && (trigger == "" || e.Trigger.Text == trigger) {
				return &rec.Events[i]
			}
		}
		t.Errorf("no %s event (%s)", sub, trigger)
		return nil
	}
	if e := find("Government regains territory", ""); e != nil {
		if place(e.Place) != "Irpin" || e.DateValue != "2022-03-28" || e.Status != sitrep.EventClaimed ||
			e.Actor1 == nil || e.Actor1.Side != "UA" || e.Actor2 == nil || e.Actor2.Side != "RU" ||
			!slices.Contains(speaker(e.Claims), "Oleksandr Markushyn") {
			t.Errorf("territory regained: %+v", e)
		}
	}
	if e := find("Shelling/artillery/missile attack", "shelling"); e != nil {
		if place(e.Place) != "Irpin" || e.DateValue != "2022-03-24" || e.DateMod != "ON_OR_BEFORE" || e.Actor1 == nil || e.Actor1.Side != "RU" {
			t.Errorf("shelling: %+v", e)
		}
	}
	if e := find("Change to group/activity", "invasion"); e != nil {
		if e.Actor1 == nil || e.Actor1.Name != "Vladimir Putin" || e.DateValue != "2022-02-24" {
			t.Errorf("invasion: %+v", e)
		}
	}
	if e := find("Talks", "talks"); e != nil {
		if e.Status != sitrep.EventPlanned || e.DateValue != "2022-03-29" || place(e.Place) == "" {
			t.Errorf("talks: %+v", e)
		}
	}
	if e := find("Non-state actor overtakes territory", ""); e != nil {
		if e.Status != sitrep.EventOngoing || place(e.Place) != "Kyiv" || e.Actor1 == nil || e.Actor1.Side != "RU" {
			t.Errorf("attempt on Kyiv: %+v", e)
		}
	}
	asOf := ""
	for _, tm := range rec.Times {
		if tm.Value == "2022-03-25" {
			asOf = tm.ID
		}
	}
	var got []string
	for _, q := range rec.Quantities {
		got = append(got, q.Unit+"/"+q.Measure)
		if q.AsOf != asOf || entity(q.Source) != "United Nations" {
			t.Errorf("figure %v %s %s: as of %q, source %q", q.Value, q.Unit, q.Measure, q.AsOf, entity(q.Source))
		}
	}
	if !slices.Equal(got, []string{"civilians/killed", "people/fled"}) || rec.Quantities[0].Value != 1081 ||
		rec.Quantities[1].Value != 3.8e6 || rec.Quantities[1].Qualifier != sitrep.QualApprox {
		t.Errorf("figures: %+v", rec.Quantities)
	}
}
