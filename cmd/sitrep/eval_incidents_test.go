package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const incidentsCSV = "entry,date,event_group,title,brief description,lat,lon,country,province,district,town/city,arms/munition,violence level,link,geolocation\n" +
	"T1,2022-03-05,Bombing or Explosion Feb - June,Shelling of a school,Shelling of a school,50.52,30.25,Ukraine,Kyiv Oblast,,Hostomel,,1,,\n" +
	"T2,2022-03-06,Russian Military Presence March 2022,Convoy of military trucks on the move,Convoy of military trucks on the move,50.4,30.2,Ukraine,,,,,1,,\n" +
	"T3,2022-03-07,Ground Battle,Heavy fighting near the bridge,,50.4,30.2,Ukraine,,,,,1,,\n" +
	"T4,2022-03-08,Ground Battle,Road sign,,50.4,30.2,Ukraine,,,,,1,,\n" +
	"T5,2022-03-08,Other,A man on a bench,,50.4,30.2,Ukraine,,,,,1,,\n" +
	"T6,2022-03-08,Other,,,50.4,30.2,Ukraine,,,,,1,,\n"

func TestEvalIncidents(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "events.csv")
	if err := os.WriteFile(in, []byte(incidentsCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := run(t, "", "eval", "incidents", in, "--json", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	for _, k := range []string{"type_agreement", "place_found", "within_25km", "within_161km", "median_km", "heldout", "development"} {
		if _, ok := got[k]; !ok {
			t.Errorf("JSON has no %q: %s", k, out)
		}
	}
	// Three of the four typed incidents describe what their group says;
	// "Road sign" names no event.
	if got["type_agreement"] != 75.0 || got["typed"] != 4.0 {
		t.Errorf("type_agreement = %v of %v, want 75 of 4", got["type_agreement"], got["typed"])
	}
	pred, err := os.ReadFile(filepath.Join(dir, "events-predicted.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(pred)), "\n")
	if len(lines) != 7 || !strings.HasPrefix(lines[1], "T1,2022-03-05,Explosions/Remote violence,Shelling/artillery/missile attack,") {
		t.Errorf("predictions:\n%s", pred)
	}
	out, _, code = run(t, "", "eval", "incidents", in)
	if code != 0 || !strings.Contains(out, "held-out") {
		t.Errorf("table: exit %d\n%s", code, out)
	}
}

func TestEvalIncidentsBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("a,b\n1,2\n"), 0o644)
	_, errs, code := run(t, "", "eval", "incidents", bad)
	if code != 2 || !strings.Contains(errs, "bad.csv: line 1: the header has no") {
		t.Errorf("bad header: exit %d, %s", code, errs)
	}
	_, errs, code = run(t, "", "eval", "incidents", filepath.Join(dir, "missing.csv"))
	if code == 0 || !strings.Contains(errs, "missing.csv") {
		t.Errorf("missing file: exit %d, %s", code, errs)
	}
}
