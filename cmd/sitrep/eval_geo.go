package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"sitrep"
	"sitrep/gazetteer"
	"sitrep/geo"
)

func runEvalGeo(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("eval geo", "[flags] FILE...",
		"Score toponym recognition and resolution on LGL or GeoVirus XML (../shared/data/geoparsing).\n"+
			"Recognition: precision/recall/F1 of toponym spans (exact boundaries; overlap shown too).\n"+
			"Resolution: each gold span resolved in its article, acc@161 km, median and mean error,\n"+
			"share with the gold GeoNames id; end to end: gold toponyms found and resolved within 161 km.")
	asJSON := fs.Bool("json", false, "print one JSON object (figures in percent and km)")
	outDir := fs.String("out", "", "write the predictions of each FILE as DIR/NAME.json")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return errUsage
	}
	g, err := gazetteer.Default()
	if err != nil {
		return err
	}
	scores := map[string]geo.Score{}
	for _, name := range pos {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		f, err := os.Open(name)
		if err != nil {
			return sitrep.Errorf(sitrep.EINVALID, "%s: %s", name, strings.TrimPrefix(err.Error(), "open "+name+": "))
		}
		arts, err := geo.ReadCorpus(name, f)
		f.Close()
		if err != nil {
			return err
		}
		sc, res := geo.Evaluate(g, arts)
		scores[name] = sc
		if *outDir != "" {
			if err := os.MkdirAll(*outDir, 0o755); err != nil {
				return err
			}
			base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
			b, err := json.MarshalIndent(res, "", " ")
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(*outDir, base+".json"), append(b, '\n'), 0o644); err != nil {
				return err
			}
		}
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		if len(pos) == 1 {
			return enc.Encode(scores[pos[0]])
		}
		return enc.Encode(scores)
	}
	for _, name := range pos {
		sc := scores[name]
		fmt.Fprintf(m.Stdout, "%s: %d articles, %d gold toponyms (%d with coordinates)\n", name, sc.Articles, sc.Gold, sc.Resolvable)
		fmt.Fprintf(m.Stdout, "  recognition (exact)    P %5.1f  R %5.1f  F1 %5.1f   (tp %d fp %d fn %d)\n",
			sc.Recognition.Precision, sc.Recognition.Recall, sc.Recognition.F1, sc.Recognition.TP, sc.Recognition.FP, sc.Recognition.FN)
		fmt.Fprintf(m.Stdout, "  recognition (overlap)  P %5.1f  R %5.1f  F1 %5.1f\n",
			sc.RecognitionOverlap.Precision, sc.RecognitionOverlap.Recall, sc.RecognitionOverlap.F1)
		fmt.Fprintf(m.Stdout, "  resolution             acc@161 %5.1f  median %.1f km  mean %.1f km\n", sc.Acc161, sc.MedianKM, sc.MeanKM)
		if sc.WithGeoNamesID > 0 {
			fmt.Fprintf(m.Stdout, "  GeoNames id accuracy   %5.1f  (%d gold ids)\n", sc.GeoNamesIDAccuracy, sc.WithGeoNamesID)
		} else {
			fmt.Fprintf(m.Stdout, "  GeoNames id accuracy   n/a (no gold ids)\n")
		}
		fmt.Fprintf(m.Stdout, "  end to end             acc@161 %5.1f\n", sc.EndToEndAcc161)
	}
	return nil
}
