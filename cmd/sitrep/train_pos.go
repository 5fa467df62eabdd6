package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"time"

	"sitrep"
	"sitrep/pos"
	"sitrep/shared"
)

func runTrainPOS(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("train pos", "[flags]",
		"Train the part-of-speech and chunk tagger (greedy averaged perceptrons) on CoNLL-2003's POS and\n"+
			"chunk columns and write the model where the binary embeds it (pos/model/pos.model). Rebuild sitrep afterwards.")
	train := fs.String("train", shared.Path("data", "conll2003", "train.txt"), "training file (CoNLL format: word, POS, chunk, NER)")
	dev := fs.String("dev", shared.Path("data", "conll2003", "valid.txt"), "development file scored at the end (\"\" for none)")
	epochs := fs.Int("epochs", 8, "passes over the training data")
	seed := fs.Uint64("seed", 1, "seed of the sentence order")
	maxFeat := fs.Int("max-features", 20000, "keep this many of the heaviest features of each model (0: all)")
	minWeight := fs.Float64("min-weight", 0.0005, "drop weights smaller than this share of the largest")
	out := fs.String("out", sourcePath("pos", "model", "pos.model"), "where to write the model")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *train == "" {
		return sitrep.Errorf(sitrep.EINVALID, "train pos: no training file: give --train (../shared/data/conll2003/train.txt was not found)")
	}
	if *out == "" {
		return sitrep.Errorf(sitrep.EINVALID, "train pos: give --out (not run inside the sitrep source tree)")
	}
	if *epochs < 1 || *epochs > 100 {
		return sitrep.Errorf(sitrep.EINVALID, "train pos: --epochs %d: want 1 to 100", *epochs)
	}
	sents, err := readPOSFile(*train)
	if err != nil {
		return err
	}
	opt := pos.TrainOptions{Epochs: *epochs, Seed: *seed, MaxFeatures: *maxFeat, MinWeight: *minWeight}
	start := time.Now()
	opt.Progress = func(ep, posErrs, chunkErrs int) {
		fmt.Fprintf(m.Stderr, "epoch %d: %d part-of-speech and %d chunk tags wrong [%s]\n", ep, posErrs, chunkErrs, time.Since(start).Round(time.Second))
	}
	t, err := pos.Train(sents, opt)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := t.Encode(&buf); err != nil {
		return fmt.Errorf("train pos: encode model: %w", err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return sitrep.Errorf(sitrep.EINVALID, "train pos: write %s: %s", *out, err)
	}
	fmt.Fprintf(m.Stdout, "wrote %s (%d bytes)", *out, buf.Len())
	if *dev != "" {
		ds, err := readPOSFile(*dev)
		if err != nil {
			return err
		}
		s := t.Evaluate(ds)
		fmt.Fprintf(m.Stdout, "; dev part of speech %.2f%%, chunk %.2f%% of %d tokens", s.POS, s.Chunk, s.Tokens)
	}
	fmt.Fprintln(m.Stdout)
	return nil
}

func readPOSFile(name string) ([]pos.Sentence, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s", err)
	}
	defer f.Close()
	return pos.ReadCoNLL(name, f)
}
