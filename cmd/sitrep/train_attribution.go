package main

import (
	"context"
	"fmt"
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
	minCount := fs.Int("min-count", 2, "least number of times a phrase must be marked as a cue")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return errUsage
	}
	arts, err := attrib.ReadCorpus(pos[0])
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
	fmt.Fprintf(m.Stderr, "sitrep: wrote %s from %d articles\n", *out, len(arts))
	return nil
}
