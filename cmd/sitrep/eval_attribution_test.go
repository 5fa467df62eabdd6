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

// writeCorpus writes a two-article brat corpus of our own making, one
// article annotated twice.
func writeCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"text", "attributions"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	a := "The mayor said that the bridge was destroyed."
	b := "“We hold the line,” the commander told reporters."
	files := map[string]string{
		"text/a.txt": a,
		"text/b.txt": b,
		"attributions/a_x1.ann": "T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 44\tthat the bridge was destroyed\n" +
			"T4\tAttribution 10 14\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n",
		"attributions/a_x2.ann": "T1\tSource 4 9\tmayor\nT2\tCue 10 14\tsaid\nT3\tContent 20 44\tthe bridge was destroyed\n" +
			"T4\tAttribution 10 14\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n",
		"attributions/b_x1.ann": "T1\tSource 20 33\tthe commander\nT2\tCue 34 38\ttold\nT3\tContent 0 19\t“We hold the line,”\n" +
			"T4\tAttribution 34 38\ttold\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n",
	}
	for name, s := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestEvalAttributionJSON(t *testing.T) {
	dir := writeCorpus(t)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	m := &Main{Stdout: &stdout, Stderr: &stderr}
	if code := m.Run(context.Background(), []string{"eval", "attribution", "--json", "--out", out, dir}); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var got map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("--json printed %q: %v", stdout.String(), err)
	}
	for _, k := range []string{"source", "cue", "content"} {
		part, ok := got[k].(map[string]any)
		if !ok {
			t.Fatalf("no %q object in %v", k, got)
		}
		for _, m := range []string{"exact", "overlap"} {
			prf, ok := part[m].(map[string]any)
			if !ok || prf["f1"] == nil || prf["precision"] == nil || prf["recall"] == nil {
				t.Errorf("%s.%s = %v", k, m, part[m])
			}
		}
	}
	cue := got["cue"].(map[string]any)["exact"].(map[string]any)
	if cue["f1"].(float64) != 100 {
		t.Errorf("cue exact F1 = %v on two plain attributions, want 100", cue["f1"])
	}
	if _, ok := got["relation"].(map[string]any); !ok {
		t.Errorf("no relation object in %v", got)
	}
	ann, err := os.ReadFile(filepath.Join(out, "b.ann"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ann), "Cue 34 38\ttold") || !strings.Contains(string(ann), "E1\tAttribution:") {
		t.Errorf("--out wrote %q", ann)
	}
}

func TestEvalAttributionErrors(t *testing.T) {
	dir := writeCorpus(t)
	if err := os.WriteFile(filepath.Join(dir, "attributions", "b_x1.ann"), []byte("T1\tCue 0 999\tx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	m := &Main{Stdout: &stdout, Stderr: &stderr}
	if code := m.Run(context.Background(), []string{"eval", "attribution", dir}); code != 2 {
		t.Errorf("malformed .ann: exit %d, want 2", code)
	}
	if !strings.Contains(stderr.String(), "b_x1.ann") {
		t.Errorf("error %q does not name the file", stderr.String())
	}
	stderr.Reset()
	if code := m.Run(context.Background(), []string{"eval", "attribution", t.TempDir()}); code != 2 {
		t.Errorf("empty directory: exit %d, want 2", code)
	}
}

func TestEvalAttributionAgreement(t *testing.T) {
	dir := writeCorpus(t)
	var stdout, stderr bytes.Buffer
	m := &Main{Stdout: &stdout, Stderr: &stderr}
	if code := m.Run(context.Background(), []string{"eval", "attribution", "--agreement", "--json", dir}); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var got struct {
		System, Annotators struct {
			Articles    int
			Source, Cue map[string]map[string]float64
			Files       int `json:"annotation_files"`
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("--agreement --json printed %q: %v", stdout.String(), err)
	}
	// Only article a has two annotators; they agree on the cue and share a
	// word of the source but not its extent.
	if got.System.Articles != 1 || got.Annotators.Articles != 1 || got.Annotators.Files != 2 {
		t.Errorf("articles scored: system %d, annotators %d (%d files), want 1, 1 (2)",
			got.System.Articles, got.Annotators.Articles, got.Annotators.Files)
	}
	a := got.Annotators
	if a.Cue["exact"]["f1"] != 100 || a.Source["exact"]["f1"] != 0 || a.Source["overlap"]["f1"] != 100 {
		t.Errorf("annotator agreement: cue exact %v, source exact %v, source overlap %v; want 100, 0, 100",
			a.Cue["exact"]["f1"], a.Source["exact"]["f1"], a.Source["overlap"]["f1"])
	}
	if got.System.Cue["exact"]["f1"] != 100 {
		t.Errorf("system cue exact %v, want 100", got.System.Cue["exact"]["f1"])
	}
}
