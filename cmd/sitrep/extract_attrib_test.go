package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"sitrep"
	"sitrep/shared"
)

// TestExtractIrpinClaims runs the whole pipeline on the example article and
// checks what the attrib stage takes from the ner and times stages:
// speakers linked to entities, the time of a statement linked to a time.
func TestExtractIrpinClaims(t *testing.T) {
	p := shared.Path("examples", "irpin-liberated.txt")
	if p == "" {
		t.Skip("../shared/examples/irpin-liberated.txt not present")
	}
	var stdout, stderr bytes.Buffer
	m := &Main{Stdout: &stdout, Stderr: &stderr}
	if code := m.Run(context.Background(), []string{"extract", "--published", "2022-03-28", p}); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var rec sitrep.Record
	if err := json.Unmarshal(stdout.Bytes(), &rec); err != nil {
		t.Fatal(err)
	}
	ents := map[string]string{}
	for _, e := range rec.Entities {
		ents[e.ID] = e.Name
	}
	times := map[string]sitrep.Time{}
	for _, tm := range rec.Times {
		times[tm.ID] = tm
	}
	var found int
	for _, c := range rec.Claims {
		switch {
		case c.Cue.Text == "said" && strings.Contains(c.Content.Text, "beyond doubt"):
			found++
			if !strings.Contains(ents[c.Speaker], "Zelenskyy") {
				t.Errorf("video address: speaker %q (%q), want Zelenskyy's entity", c.Speaker, ents[c.Speaker])
			}
			if tm, ok := times[c.When]; !ok || tm.Value != "2022-03-27" {
				t.Errorf("video address: when %q = %+v, want the time of \"late Sunday\" (2022-03-27)", c.When, times[c.When])
			}
		case c.Cue.Text == "confirmed":
			found++
			if !strings.Contains(ents[c.Speaker], "Peskov") {
				t.Errorf("confirmed: speaker %q (%q), want Peskov's entity", c.Speaker, ents[c.Speaker])
			}
			if c.When != "" {
				t.Errorf("confirmed: when %q: the Tuesday of the talks is not the time of the statement", c.When)
			}
		case c.Cue.Text == "said" && strings.Contains(c.Content.Text, "Irpin has been liberated"):
			found++
			if !strings.Contains(ents[c.Speaker], "Markushyn") || c.Status != sitrep.StatusOutletUnableToVerify {
				t.Errorf("liberated: speaker %q (%q) status %s", c.Speaker, ents[c.Speaker], c.Status)
			}
		}
	}
	if found != 3 {
		t.Errorf("found %d of the 3 claims checked", found)
	}
}
