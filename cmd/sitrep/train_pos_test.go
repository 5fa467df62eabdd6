package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTrainPOSTiny(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "train.txt")
	os.WriteFile(in, []byte(conllSample), 0o644)
	var models [][]byte
	for _, name := range []string{"a.model", "b.model"} {
		out := filepath.Join(dir, name)
		code, stdout, errs := runStatus(t, "train", "pos", "--train", in, "--dev", in, "--epochs", "3", "--out", out)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if !strings.Contains(stdout, "dev part of speech") {
			t.Errorf("stdout %q: want the dev scores", stdout)
		}
		b, err := os.ReadFile(out)
		if err != nil || len(b) == 0 {
			t.Fatalf("model not written: %v", err)
		}
		models = append(models, b)
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Error("two trainings with the same flags wrote different models")
	}
}

func TestTrainPOSBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("EU NNP B-NP B-ORG\nrejects VBZ\n"), 0o644)
	code, _, errs := runStatus(t, "train", "pos", "--train", bad, "--dev", "", "--out", filepath.Join(dir, "m"))
	if code != 2 || !strings.Contains(errs, "bad.txt: line 2") {
		t.Errorf("exit %d, stderr %q; want 2 and the file and line", code, errs)
	}
	code, _, _ = runStatus(t, "train", "pos", "--epochs", "0", "--train", bad, "--out", filepath.Join(dir, "m"))
	if code != 2 {
		t.Errorf("--epochs 0: exit %d, want 2", code)
	}
}
