package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"sitrep"
	"sitrep/ingest"
	"sitrep/storetest"
)

// storeIrpin stores three hand-built reports (the event stage is not yet
// wired, so ingest alone makes no events), clusters them and reviews the
// mayor's claim, as an analyst would.
func storeIrpin(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	st := openDB(t, path)
	defer st.Close()
	a := storetest.Irpin("Reuters", "Ukrainian forces have retaken Irpin, said Oleksandr Markushyn: Irpin has been liberated.").Record()
	b := storetest.Irpin("AP", "Kyiv's troops retaken the town; Oleksandr Markushyn said: Irpin has been liberated.").Record()
	k := storetest.Report{Source: "BBC", Published: "2022-03-01", Text: "Russian forces shelled Kharkiv.", Trigger: "shelled",
		Type: "Explosions/Remote violence", SubType: "Shelling/artillery/missile attack", Place: "Kharkiv", Lat: 49.99, Lon: 36.23,
		Date: "2022-03-01", Country: "UA", Admin1: "Kharkiv Oblast"}.Record()
	w := ingest.NewWriter(st)
	for _, r := range []*sitrep.Record{a, b, k} {
		if err := w.Add(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Review(ctx, sitrep.Review{Kind: sitrep.ReviewClaim, Target: a.Document.ID + "/C1", Reviewer: "ana",
		NewStatus: sitrep.StatusConfirmed, Note: "geolocated video"}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExportACLED(t *testing.T) {
	db := storeIrpin(t)
	code, out, errs := runCmd(t, "export", "--db", db, "--format", "acled-csv", "--status", "corroborated")
	if code != 0 {
		t.Fatalf("status %d: %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][1] != "event_date" || rows[1][12] != "Irpin" || rows[2][16] != "AP" {
		t.Errorf("ACLED export of corroborated events = %v", rows)
	}
	_, out, _ = runCmd(t, "export", "--db", db, "--format", "acled-csv", "--bbox", "35,49,37,51")
	if rows, _ := csv.NewReader(strings.NewReader(out)).ReadAll(); len(rows) != 2 || rows[1][12] != "Kharkiv" {
		t.Errorf("ACLED export in a box around Kharkiv = %v", rows)
	}
}

func TestExportOthers(t *testing.T) {
	db := storeIrpin(t)
	_, out, _ := runCmd(t, "export", "--db", db, "--format", "geojson", "--type", "battles")
	var fc struct{ Features []any }
	if err := json.Unmarshal([]byte(out), &fc); err != nil || len(fc.Features) != 2 {
		t.Errorf("geojson of battles: %v, %d features, want 2", err, len(fc.Features))
	}
	_, out, _ = runCmd(t, "export", "--db", db, "--format", "jsonl", "--source", "BBC")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 1 || !strings.Contains(lines[0], `"Kharkiv"`) {
		t.Errorf("jsonl of BBC = %q", out)
	}
	_, out, _ = runCmd(t, "export", "--db", db, "--format", "claimreview", "--org", "Desk")
	var reviews []map[string]any
	if err := json.Unmarshal([]byte(out), &reviews); err != nil || len(reviews) != 1 || reviews[0]["claimReviewed"] != "Irpin has been liberated" {
		t.Errorf("claimreview = %v %s", err, out)
	}
	for _, bad := range [][]string{{"--format", "pdf"}, {"--format", "geojson", "--bbox", "1,2,3"}, {"--format", "geojson", "--from", "March"}} {
		if code, _, _ := runCmd(t, append([]string{"export", "--db", db}, bad...)...); code != 2 {
			t.Errorf("export %v: status %d, want 2", bad, code)
		}
	}
}
