package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"sitrep"
	"sitrep/text"
	"sitrep/timex"
	"sitrep/timex/timeml"
)

func runEvalTimeML(ctx context.Context, m *Main, args []string) error {
	fset := m.newFlagSet("eval timeml", "[flags] DIR|FILE...",
		"Score the times stage on TimeML files (TempEval-3 format, e.g. TBAQ-cleaned): each file's\nTEXT is run through the stage with the file's CREATION_TIME as the document date, and the\nTIMEX3s found are compared with the gold ones. Prints strict and relaxed span\nprecision/recall/F1, type accuracy and value F1, overall and per type. A file that cannot be\nread is reported with its line and left out; the others are still scored.")
	asJSON := fset.Bool("json", false, "print one JSON object (percentages 0-100)")
	out := fset.String("out", "", "write the predictions as TimeML files into this directory")
	diff := fset.Bool("diff", false, "print every mismatch (span, type or value) for inspection")
	pos, err := parse(fset, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fset.Usage()
		return errUsage
	}
	files, err := timemlFiles(pos)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return sitrep.Errorf(sitrep.EINVALID, "%s: no .tml files found", strings.Join(pos, ", "))
	}
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return sitrep.Errorf(sitrep.EINVALID, "--out %s: %s", *out, errText(err))
		}
	}
	stage := &timex.Stage{TimeML: true}
	var total timeml.Counts
	per := map[string]*timeml.Counts{}
	scored, failed := 0, 0
	for _, f := range files {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		data, err := os.ReadFile(f)
		if err != nil {
			m.warn(sitrep.Errorf(sitrep.EINVALID, "%s: cannot read: %s", f, errText(err)))
			failed++
			continue
		}
		doc, err := timeml.Parse(f, data)
		if err != nil {
			m.warn(err)
			failed++
			continue
		}
		sys := predictTimeML(stage, doc)
		c, p := timeml.Compare(doc.Timexes, sys)
		total.Add(c)
		for t, pc := range p {
			if per[t] == nil {
				per[t] = &timeml.Counts{}
			}
			per[t].Add(*pc)
		}
		scored++
		if *diff {
			printTimeMLDiff(m, doc, sys)
		}
		if *out != "" {
			name := filepath.Join(*out, filepath.Base(f))
			w, err := os.Create(name)
			if err != nil {
				return sitrep.Errorf(sitrep.EINVALID, "--out: %s: %s", name, errText(err))
			}
			werr := timeml.Write(w, doc, sys)
			if cerr := w.Close(); werr == nil {
				werr = cerr
			}
			if werr != nil {
				return fmt.Errorf("eval timeml: write %s: %w", name, werr)
			}
		}
	}
	if scored == 0 {
		return sitrep.Errorf(sitrep.EINVALID, "no TimeML file could be read (%d failed)", failed)
	}
	s := total.Score()
	if *asJSON {
		obj := struct {
			timeml.Score
			PerType map[string]timeml.Score `json:"per_type"`
			Files   int                     `json:"files"`
			Failed  int                     `json:"failed"`
		}{Score: s, PerType: map[string]timeml.Score{}, Files: scored, Failed: failed}
		for t, c := range per {
			obj.PerType[t] = c.Score()
		}
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(obj)
	}
	w := m.Stdout
	fmt.Fprintf(w, "TimeML TIMEX3, %d files (%d unreadable), %d gold, %d system\n\n", scored, failed, s.Gold, s.System)
	fmt.Fprintf(w, "%-10s %6s %6s | %6s %6s %6s | %6s %6s %6s | %6s %6s\n", "", "gold", "system",
		"strict", "", "", "relaxed", "", "", "type", "value")
	fmt.Fprintf(w, "%-10s %6s %6s | %6s %6s %6s | %6s %6s %6s | %6s %6s\n", "", "", "", "P", "R", "F1", "P", "R", "F1", "acc", "F1")
	row := func(name string, sc timeml.Score) {
		fmt.Fprintf(w, "%-10s %6d %6d | %6.2f %6.2f %6.2f | %6.2f %6.2f %6.2f | %6.2f %6.2f\n", name, sc.Gold, sc.System,
			sc.Strict.Precision, sc.Strict.Recall, sc.Strict.F1, sc.Relaxed.Precision, sc.Relaxed.Recall, sc.Relaxed.F1,
			sc.TypeAccuracy, sc.ValueF1)
	}
	for _, t := range timeml.Types(per) {
		row(t, per[t].Score())
	}
	row("overall", s)
	return nil
}

// predictTimeML runs the times stage on a TimeML document's text with its
// creation time.
func predictTimeML(stage *timex.Stage, doc *timeml.Doc) []timeml.Timex {
	d := sitrep.NewDoc(sitrep.Document{Input: doc.Name}, doc.Text)
	text.Tokenize(d)
	text.Segment(d)
	times := stage.Recognize(d, doc.DCT)
	out := make([]timeml.Timex, 0, len(times))
	for _, t := range times {
		sp := t.Mentions[0]
		out = append(out, timeml.Timex{TID: t.ID, Type: t.Type, Value: t.Value, Mod: t.Mod, Start: sp.Start, End: sp.End})
	}
	return out
}

func printTimeMLDiff(m *Main, doc *timeml.Doc, sys []timeml.Timex) {
	d := sitrep.NewDoc(sitrep.Document{}, doc.Text)
	span := func(t timeml.Timex) string { return d.Slice(t.Start, t.End) }
	ctxt := func(t timeml.Timex) string {
		return strings.ReplaceAll(d.Slice(t.Start-30, t.Start)+"["+span(t)+"]"+d.Slice(t.End, t.End+30), "\n", " ")
	}
	for _, p := range timeml.Match(doc.Timexes, sys) {
		switch {
		case p.System < 0:
			g := doc.Timexes[p.Gold]
			fmt.Fprintf(m.Stdout, "MISS\t%s\t%q\t%s\t%s\tdct=%s\n", filepath.Base(doc.Name), span(g), g.Type, g.Value, doc.DCT+"\t"+ctxt(g))
		case p.Gold < 0:
			s := sys[p.System]
			fmt.Fprintf(m.Stdout, "EXTRA\t%s\t%q\t%s\t%s\tdct=%s\n", filepath.Base(doc.Name), span(s), s.Type, s.Value, doc.DCT+"\t"+ctxt(s))
		default:
			g, s := doc.Timexes[p.Gold], sys[p.System]
			if g.Start != s.Start || g.End != s.End || g.Type != s.Type || g.Value != s.Value {
				fmt.Fprintf(m.Stdout, "DIFF\t%s\t%q\t%s\t%s\t| %q\t%s\t%s\tdct=%s\n", filepath.Base(doc.Name), span(g), g.Type, g.Value,
					span(s), s.Type, s.Value, doc.DCT+"\t"+ctxt(g))
			}
		}
	}
}

// timemlFiles lists the .tml files named or found under the named
// directories, in a fixed order.
func timemlFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: cannot open: %s", p, errText(err))
		}
		if !fi.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !e.IsDir() && (strings.HasSuffix(path, ".tml") || strings.HasSuffix(path, ".TML")) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: %s", p, err)
		}
	}
	sort.Strings(files)
	return files, nil
}
