package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"sitrep"
	"sitrep/ner"
	"sitrep/ner/gazfeat"
	"sitrep/shared"
)

func runTrainNER(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("train ner", "[flags]",
		"Train the named-entity tagger (averaged structured perceptron) on CoNLL-2003 and write\n"+
			"the model where the binary embeds it (ner/model/ner.model). Rebuild sitrep afterwards.")
	train := fs.String("train", shared.Path("data", "conll2003", "train.txt"), "training file (CoNLL format)")
	dev := fs.String("dev", shared.Path("data", "conll2003", "valid.txt"), "development file scored after each pass; the best pass is kept (\"\" for none)")
	epochs := fs.Int("epochs", 10, "passes over the training data")
	bits := fs.Int("bits", ner.DefaultBits, "feature hash table of 2^bits rows")
	seed := fs.Uint64("seed", 1, "seed of the sentence order")
	mix := fs.Int("mix", 1, "average the weights of this many runs (seeds seed, seed+1, ...)")
	out := fs.String("out", sourcePath("ner", "model", "ner.model"), "where to write the model")
	useGaz := fs.Bool("gazetteer", true, "add the gazetteer's place names as features, as the shipped model does (see docs/ner.md;\n"+
		"the model then loads only with the same gazetteer data; --gazetteer=false trains without them)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *train == "" {
		return sitrep.Errorf(sitrep.EINVALID, "train ner: no training file: give --train (../shared/data/conll2003/train.txt was not found)")
	}
	if *out == "" {
		return sitrep.Errorf(sitrep.EINVALID, "train ner: give --out (not run inside the sitrep source tree)")
	}
	if *bits < 8 || *bits > 24 {
		return sitrep.Errorf(sitrep.EINVALID, "train ner: --bits %d: want 8 to 24", *bits)
	}
	if *epochs < 1 || *epochs > 100 {
		return sitrep.Errorf(sitrep.EINVALID, "train ner: --epochs %d: want 1 to 100", *epochs)
	}
	docs, err := readCoNLLFile(*train)
	if err != nil {
		return err
	}
	if *mix < 1 || *mix > 10 {
		return sitrep.Errorf(sitrep.EINVALID, "train ner: --mix %d: want 1 to 10", *mix)
	}
	opt := ner.TrainOptions{Epochs: *epochs, Bits: uint8(*bits), Seed: *seed, Mix: *mix}
	if *useGaz {
		names, err := gazfeat.Default()
		if err != nil {
			return err
		}
		opt.Gazetteer = names
		fmt.Fprintf(m.Stderr, "gazetteer features: %d one-word place names\n", names.Len())
	}
	if *dev != "" {
		if opt.Dev, err = readCoNLLFile(*dev); err != nil {
			return err
		}
	}
	start := time.Now()
	opt.Progress = func(p ner.Progress) {
		fmt.Fprintf(m.Stderr, "run %d epoch %d: %d sentences wrong", p.Run, p.Epoch, p.Mistakes)
		if p.Dev != nil {
			fmt.Fprintf(m.Stderr, ", dev F1 %.2f (P %.2f R %.2f)", p.Dev.Overall.F1(), p.Dev.Overall.Precision(), p.Dev.Overall.Recall())
		}
		fmt.Fprintf(m.Stderr, " [%s]\n", time.Since(start).Round(time.Second))
	}
	model, score, err := ner.Train(docs, opt)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := model.Encode(&buf); err != nil {
		return fmt.Errorf("train ner: encode model: %w", err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return sitrep.Errorf(sitrep.EINVALID, "train ner: write %s: %s", *out, err)
	}
	fmt.Fprintf(m.Stdout, "wrote %s (%d bytes)", *out, buf.Len())
	if score != nil {
		fmt.Fprintf(m.Stdout, "; dev F1 %.2f", score.Overall.F1())
	}
	fmt.Fprintln(m.Stdout)
	return nil
}

// readCoNLLFile reads a CoNLL-format file, naming it in errors.
func readCoNLLFile(name string) ([]ner.CoNLLDoc, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s", err)
	}
	defer f.Close()
	return ner.ReadCoNLL(name, f)
}

// sourcePath returns the path under the sitrep source tree holding the
// working directory (elem joined to the directory of its go.mod), or "".
func sourcePath(elem ...string) string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for dir := wd; ; {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && bytes.HasPrefix(b, []byte("module sitrep\n")) {
			return filepath.Join(append([]string{dir}, elem...)...)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
