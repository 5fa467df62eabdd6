package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalTimeML(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(filepath.Join("..", "..", "timex", "timeml", "testdata", "sample.tml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.tml"), good, 0o644); err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(good), "almost a month</TIMEX3>", "almost a month", 1)
	if err := os.WriteFile(filepath.Join(dir, "b.tml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	m := &Main{Stdout: &stdout, Stderr: &stderr}
	code := m.Run(context.Background(), []string{"eval", "timeml", "--json", "--out", out, dir})
	if code != 0 {
		t.Fatalf("exit %d, stderr: %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "b.tml: line ") {
		t.Errorf("stderr %q does not name the bad file and line", stderr.String())
	}
	var res struct {
		Strict, Relaxed struct{ Precision, Recall, F1 *float64 }
		TypeAccuracy    *float64 `json:"type_accuracy"`
		ValueF1         *float64 `json:"value_f1"`
		Files, Failed   int
	}
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("%v: %s", err, stdout.String())
	}
	if res.Strict.F1 == nil || res.Relaxed.Precision == nil || res.TypeAccuracy == nil || res.ValueF1 == nil {
		t.Fatalf("missing keys in %s", stdout.String())
	}
	if res.Files != 1 || res.Failed != 1 {
		t.Errorf("files %d failed %d, want 1 and 1", res.Files, res.Failed)
	}
	// The sample's three expressions are ones the stage finds exactly.
	if *res.Relaxed.F1 < 99.9 || *res.ValueF1 < 99.9 {
		t.Errorf("relaxed F1 %.2f value F1 %.2f on the sample, want 100", *res.Relaxed.F1, *res.ValueF1)
	}
	written, err := os.ReadFile(filepath.Join(out, "a.tml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(written, []byte(`value="2022-03-29">Tuesday</TIMEX3>`)) {
		t.Errorf("--out file lacks the prediction:\n%s", written)
	}

	stdout.Reset()
	if code := m.Run(context.Background(), []string{"eval", "timeml", filepath.Join(dir, "a.tml")}); code != 0 {
		t.Fatalf("table: exit %d", code)
	}
	if !strings.Contains(stdout.String(), "overall") || !strings.Contains(stdout.String(), "DURATION") {
		t.Errorf("table:\n%s", stdout.String())
	}
}
