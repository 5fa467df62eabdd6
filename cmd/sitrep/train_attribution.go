package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"

	"sitrep"
	"sitrep/attrib"
	"sitrep/text"
)

func runTrainAttribution(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("train attribution", "[flags] DIR",
		"Learn the attrib stage's cue lexicon from a PolNeAR-style brat corpus (use its train/ part):\n"+
			"each cue phrase annotators marked, how often they marked it and how often it occurs at all.\n"+
			"The table holds phrases and counts only, no text of the corpus.")
	out := fs.String("out", "attrib/cues.tsv", "where to write the table (the binary embeds attrib/cues.tsv)")
	model := fs.String("model", "attrib/cuetagger.bin.gz", "where to write the cue tagger (the binary embeds attrib/cuetagger.bin.gz)")
	epochs := fs.Int("epochs", 10, "passes of the perceptron over the articles")
	minCount := fs.Int("min-count", 2, "least number of times a phrase must be marked as a cue")
	maxFeatures := fs.Int("max-features", 150000, "the tagger keeps this many features, those of largest weight (0: all)")
	orderSeed := fs.Uint64("order-seed", 0, "shuffle the articles with this seed before training (0: name order, as the committed model);\n"+
		"the training order alone moves cue exact F1 by about ±0.7, so compare a change over several seeds")
	dir, err := parseOne(fs, args)
	if err != nil {
		return err
	}
	arts, err := attrib.ReadCorpus(dir)
	if err != nil {
		return err
	}
	l := attrib.NewLearner()
	for _, a := range arts {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		d := sitrep.NewDoc(sitrep.Document{ID: a.Name}, a.Text)
		text.Tokenize(d)
		for _, f := range a.Files {
			l.Add(d, f.Relations)
		}
	}
	l.Finish()
	f, err := os.Create(*out)
	if err != nil {
		return sitrep.Errorf(sitrep.EINVALID, "--out %s: %s", *out, err)
	}
	if err := l.Write(f, *minCount); err != nil {
		f.Close()
		return sitrep.Errorf(sitrep.EINTERNAL, "%s: %s", *out, err)
	}
	if err := f.Close(); err != nil {
		return sitrep.Errorf(sitrep.EINTERNAL, "%s: %s", *out, err)
	}
	// The tagger's features read the lexicon as the stage will: from the
	// table just written.
	var tb bytes.Buffer
	l.Write(&tb, *minCount)
	lx, err := attrib.ParseLexicon(*out, &tb, *minCount)
	if err != nil {
		return err
	}
	var exs []attrib.Example
	for _, a := range arts {
		d := sitrep.NewDoc(sitrep.Document{ID: a.Name}, a.Text)
		text.Tokenize(d)
		text.Segment(d)
		var files [][]attrib.Relation
		for _, f := range a.Files {
			files = append(files, f.Relations)
		}
		exs = append(exs, attrib.NewExamples(d, files)...)
	}
	if *orderSeed != 0 {
		r := rand.New(rand.NewPCG(*orderSeed, 0))
		r.Shuffle(len(exs), func(i, j int) { exs[i], exs[j] = exs[j], exs[i] })
	}
	tr := attrib.NewTaggerTrainer(lx)
	for e := 0; e < *epochs; e++ {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// A fixed rotation of the order from one pass to the next: the
		// perceptron needs variety, the model must be reproducible.
		rot := append(append([]attrib.Example{}, exs[e*len(exs)/max(*epochs, 1):]...), exs[:e*len(exs)/max(*epochs, 1)]...)
		errs := tr.Epoch(rot)
		fmt.Fprintf(m.Stderr, "sitrep: epoch %d: %d tokens tagged wrong\n", e+1, errs)
	}
	mf, err := os.Create(*model)
	if err != nil {
		return sitrep.Errorf(sitrep.EINVALID, "--model %s: %s", *model, err)
	}
	tg := tr.Tagger()
	tg.Prune(*maxFeatures)
	if err := tg.Write(mf); err != nil {
		mf.Close()
		return sitrep.Errorf(sitrep.EINTERNAL, "%s: %s", *model, err)
	}
	if err := mf.Close(); err != nil {
		return sitrep.Errorf(sitrep.EINTERNAL, "%s: %s", *model, err)
	}
	fmt.Fprintf(m.Stderr, "sitrep: wrote %s and %s from %d articles\n", *out, *model, len(arts))
	return nil
}
