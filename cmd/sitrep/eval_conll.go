package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sitrep"
	"sitrep/ner"
)

// conllCounts is one row of the conll scores in JSON.
type conllCounts struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
}

func toConllCounts(c ner.Counts) conllCounts {
	return conllCounts{Precision: round2(c.Precision()), Recall: round2(c.Recall()), F1: round2(c.F1()),
		Gold: c.Gold, Predicted: c.Predicted, Correct: c.Correct}
}

func runEvalCoNLL(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("eval conll", "[flags] FILE",
		"Tag a CoNLL-2003-format file (word first, gold NER tag last) with the embedded tagger and print\n"+
			"conlleval's phrase-level precision, recall and F1, overall and per type.")
	asJSON := fs.Bool("json", false, "print one JSON object: precision, recall, f1, per_type (percentages)")
	outDir := fs.String("out", "", "also write FILE's lines with a predicted tag column to DIR/<name of FILE>")
	name, err := parseOne(fs, args)
	if err != nil {
		return err
	}
	model, err := ner.Default()
	if err != nil {
		return err
	}
	docs, err := readCoNLLFile(name)
	if err != nil {
		return err
	}
	start := time.Now()
	score, pred := ner.Evaluate(model, docs)
	elapsed := time.Since(start)
	if *outDir != "" {
		if err := writeCoNLLPredictions(filepath.Join(*outDir, filepath.Base(name)), docs, pred); err != nil {
			return err
		}
	}
	if *asJSON {
		per := map[string]conllCounts{}
		for _, t := range score.Types() {
			per[t] = toConllCounts(score.PerType[t])
		}
		o := toConllCounts(score.Overall)
		enc := json.NewEncoder(m.Stdout)
		return enc.Encode(struct {
			File string `json:"file"`
			conllCounts
			Tokens  int                    `json:"tokens"`
			PerType map[string]conllCounts `json:"per_type"`
		}{name, o, score.Tokens, per})
	}
	fmt.Fprintf(m.Stdout, "%s: %d tokens, %d phrases, %d found, %d correct (tagged at %.0f tokens/s)\n\n",
		name, score.Tokens, score.Overall.Gold, score.Overall.Predicted, score.Overall.Correct,
		float64(score.Tokens)/elapsed.Seconds())
	fmt.Fprintf(m.Stdout, "%-8s %9s %9s %9s %7s %7s\n", "type", "precision", "recall", "F1", "gold", "found")
	row := func(t string, c ner.Counts) {
		fmt.Fprintf(m.Stdout, "%-8s %9.2f %9.2f %9.2f %7d %7d\n", t, c.Precision(), c.Recall(), c.F1(), c.Gold, c.Predicted)
	}
	for _, t := range score.Types() {
		row(t, score.PerType[t])
	}
	row("overall", score.Overall)
	return nil
}

// writeCoNLLPredictions writes each token line with the predicted tag as a
// last column, in the layout conlleval reads.
func writeCoNLLPredictions(path string, docs []ner.CoNLLDoc, pred [][][]string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return sitrep.Errorf(sitrep.EINVALID, "eval conll: --out: %s", err)
	}
	f, err := os.Create(path)
	if err != nil {
		return sitrep.Errorf(sitrep.EINVALID, "eval conll: --out: %s", err)
	}
	w := bufio.NewWriter(f)
	for i, d := range docs {
		fmt.Fprint(w, "-DOCSTART- -X- -X- O O\n\n")
		for j, lines := range d.Lines {
			for k, line := range lines {
				fmt.Fprintf(w, "%s %s\n", strings.TrimRight(line, " \t"), pred[i][j][k])
			}
			fmt.Fprintln(w)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("eval conll: write %s: %w", path, err)
	}
	return f.Close()
}
