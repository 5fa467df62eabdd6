package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"text/tabwriter"

	"sitrep"
	"sitrep/attrib"
	"sitrep/ner"
	"sitrep/pipeline"
	"sitrep/text"
)

func runEvalAttribution(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("eval attribution", "[flags] DIR",
		"Score the attrib stage against a PolNeAR-style brat corpus (DIR/text/*.txt, DIR/attributions/*.ann):\n"+
			"precision, recall and F1 of source, cue and content spans, exact and overlap (a shared word),\n"+
			"and of whole relations. An article with k annotators' files is scored against each, weight 1/k.")
	asJSON := fs.Bool("json", false, "print one JSON object (figures in percent)")
	out := fs.String("out", "", "write the predicted relations as brat .ann files into this directory")
	threshold := fs.Float64("threshold", attrib.DefaultThreshold, "least cue probability accepted (with --lexicon-only)")
	bias := fs.Float64("cue-bias", attrib.DefaultCueBias, "added to the cue tagger's score for starting a cue: more recall, less precision")
	lexOnly := fs.Bool("lexicon-only", false, "find cues with the lexicon alone, not the tagger")
	agreement := fs.Bool("agreement", false, "score only the articles several annotators marked, and the annotators against each other\n"+
		"on the same articles (each against each, every article counting once): the human ceiling beside the system")
	model := fs.String("model", "", "read the cue tagger from this file (as 'sitrep train attribution --model' writes it) instead of the embedded one")
	dir, err := parseOne(fs, args)
	if err != nil {
		return err
	}
	arts, err := attrib.ReadCorpus(dir)
	if err != nil {
		return err
	}
	st := attrib.New()
	st.Threshold = *threshold
	st.CueBias = float32(*bias)
	if *model != "" {
		f, err := os.Open(*model)
		if err != nil {
			return sitrep.Errorf(sitrep.EINVALID, "--model: %s", err)
		}
		tg, err := attrib.ReadTagger(*model, f)
		f.Close()
		if err != nil {
			return err
		}
		st.Tagger = tg
	}
	if *lexOnly {
		st.Tagger = nil
	}
	nerStage, err := ner.New()
	if err != nil {
		return err
	}
	p, err := pipeline.New(text.Segmenter{}, nerStage, timexStage(), st)
	if err != nil {
		return err
	}
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return sitrep.Errorf(sitrep.EINVALID, "--out %s: %s", *out, err)
		}
	}
	var sc, human attrib.Score
	for _, a := range arts {
		if *agreement && len(a.Files) < 2 {
			continue
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		d := sitrep.NewDoc(sitrep.Document{ID: a.Name, Input: a.Name}, a.Text)
		if err := p.Run(d); err != nil {
			return err
		}
		pred := attrib.Relations(d.Claims)
		runes := []rune(a.Text)
		w := 1 / float64(len(a.Files))
		for _, f := range a.Files {
			sc.Add(runes, f.Relations, pred, w)
		}
		sc.Articles++
		sc.Files += len(a.Files)
		if *agreement {
			k := len(a.Files)
			for i, f := range a.Files {
				for j, g := range a.Files {
					if i != j {
						human.Add(runes, g.Relations, f.Relations, 1/float64(k*(k-1)))
					}
				}
			}
			human.Articles++
			human.Files += k
		}
		if *out != "" {
			fh, err := os.Create(filepath.Join(*out, a.Name+".ann"))
			if err != nil {
				return sitrep.Errorf(sitrep.EINVALID, "--out: %s", err)
			}
			err = attrib.WriteAnn(fh, a.Text, pred)
			if cerr := fh.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return sitrep.Errorf(sitrep.EINTERNAL, "--out: %s", err)
			}
		}
	}
	if *asJSON {
		if *agreement {
			return writeJSON(m, map[string]any{"system": attributionJSON(sc), "annotators": attributionJSON(human)})
		}
		return writeJSON(m, attributionJSON(sc))
	}
	if *agreement {
		fmt.Fprintf(m.Stdout, "%s: the %d articles with several annotators (%d annotation files)\n\nsystem against each annotator (weight 1/k):\n\n",
			dir, sc.Articles, sc.Files)
		if err := printAttributionScore(m, sc); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "\neach annotator against each other (weight 1/k(k-1)):\n\n")
		return printAttributionScore(m, human)
	}
	fmt.Fprintf(m.Stdout, "%s: %d articles, %d annotation files (an article with k annotators counts each with weight 1/k)\n\n",
		dir, sc.Articles, sc.Files)
	return printAttributionScore(m, sc)
}

func attributionJSON(sc attrib.Score) map[string]any {
	prf := func(c attrib.PRF) map[string]float64 {
		return map[string]float64{"precision": round2(c.Precision()), "recall": round2(c.Recall()), "f1": round2(c.F1())}
	}
	part := func(s attrib.SpanScore) map[string]any {
		return map[string]any{"exact": prf(s.Exact), "overlap": prf(s.Overlap)}
	}
	return map[string]any{
		"source": part(sc.Source), "cue": part(sc.Cue), "content": part(sc.Content),
		"relation": prf(sc.Relation), "articles": sc.Articles, "annotation_files": sc.Files,
	}
}

func writeJSON(m *Main, v any) error {
	enc := json.NewEncoder(m.Stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func printAttributionScore(m *Main, sc attrib.Score) error {
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "part\tmatch\tprecision\trecall\tF1\tpredicted\tgold\t")
	row := func(name, match string, c attrib.PRF) {
		fmt.Fprintf(tw, "%s\t%s\t%.1f\t%.1f\t%.1f\t%.0f\t%.0f\t\n", name, match, c.Precision(), c.Recall(), c.F1(), c.Pred, c.Gold)
	}
	for _, r := range []struct {
		name string
		s    attrib.SpanScore
	}{{"source", sc.Source}, {"cue", sc.Cue}, {"content", sc.Content}} {
		row(r.name, "exact", r.s.Exact)
		row(r.name, "overlap", r.s.Overlap)
	}
	row("relation", "overlap", sc.Relation)
	return tw.Flush()
}
