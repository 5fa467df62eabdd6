package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const conllSample = `-DOCSTART- -X- -X- O

Kremlin NNP B-NP B-LOC
spokesman NN I-NP O
Dmitry NNP I-NP B-PER
Peskov NNP I-NP I-PER
spoke VBD B-VP O
in IN B-PP O
Moscow NNP B-NP B-LOC
. . O O

`

func TestEvalCoNLL(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "sample.txt")
	if err := os.WriteFile(in, []byte(conllSample), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runStatus(t, "eval", "conll", "--json", "--out", filepath.Join(dir, "pred"), in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Precision, Recall, F1 *float64
		PerType               map[string]map[string]float64 `json:"per_type"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output %q: %v", out, err)
	}
	if got.Precision == nil || got.Recall == nil || got.F1 == nil || got.PerType["PER"] == nil {
		t.Fatalf("output %s lacks precision, recall, f1 or per_type.PER", out)
	}
	if *got.F1 < 60 || *got.F1 > 100 {
		t.Errorf("f1 = %v on an easy sentence", *got.F1)
	}
	pred, err := os.ReadFile(filepath.Join(dir, "pred", "sample.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(pred), "Peskov NNP I-NP I-PER I-PER\n") {
		t.Errorf("predictions file lacks the predicted column:\n%s", pred)
	}
	code, out, _ = runStatus(t, "eval", "conll", in)
	if code != 0 || !strings.Contains(out, "overall") || !strings.Contains(out, "PER") {
		t.Errorf("table output (exit %d):\n%s", code, out)
	}
}

func TestCoNLLBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("EU NNP B-NP B-ORG\nrejects\n"), 0o644)
	for _, args := range [][]string{
		{"eval", "conll", bad},
		{"train", "ner", "--train", bad, "--dev", "", "--out", filepath.Join(dir, "m")},
	} {
		code, _, errs := runStatus(t, args...)
		if code != 2 || !strings.Contains(errs, "bad.txt: line 2") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and the file and line", args, code, errs)
		}
	}
}

func TestTrainNERTiny(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "train.txt")
	os.WriteFile(in, []byte(conllSample), 0o644)
	out := filepath.Join(dir, "ner.model")
	code, stdout, errs := runStatus(t, "train", "ner", "--train", in, "--dev", in, "--epochs", "2", "--bits", "10", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 || !strings.Contains(stdout, "wrote") {
		t.Errorf("model not written (%v), stdout %q", err, stdout)
	}
}
