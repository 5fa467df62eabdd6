package main

import (
	"context"
	"fmt"
	"io"
	"math"
)

// evaluations lists the subcommands of "sitrep eval", one per corpus
// format; each lives in a file eval_NAME.go and prints a table for a person
// or, with --json, one JSON object whose figures are percentages (0-100)
// under the names DESIGN.md gives.
func evaluations() []command {
	return []command{
		{"conll", "named entities: conlleval phrase-level P/R/F1 on a CoNLL-2003 file", runEvalCoNLL},
		{"timeml", "TIMEX3 times against TimeML (TempEval-3: TBAQ-cleaned, TE3 platinum)", runEvalTimeML},
		{"geo", "toponym recognition and resolution on LGL / GeoVirus XML", runEvalGeo},
		{"attribution", "attribution relations (source, cue, content) against PolNeAR-style brat", runEvalAttribution},
		{"incidents", "event types and places against geolocated incidents (CIR events.csv)", runEvalIncidents},
	}
}

func runEval(ctx context.Context, m *Main, args []string) error {
	return m.dispatch(ctx, "eval", "score a stage against a public corpus", evaluations(), args)
}

// dispatch runs the sub-subcommand named by args[0] from cmds.
func (m *Main) dispatch(ctx context.Context, parent, about string, cmds []command, args []string) error {
	usage := func(w io.Writer) {
		fmt.Fprintf(w, "Usage: sitrep %s KIND [flags] [args]\n\n%s.\n\nKinds:\n", parent, about)
		for _, c := range cmds {
			fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
		}
	}
	if len(args) == 0 {
		usage(m.Stderr)
		return errUsage
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(m.Stdout)
		return nil
	}
	for _, c := range cmds {
		if c.name == args[0] {
			return c.run(ctx, m, args[1:])
		}
	}
	fmt.Fprintf(m.Stderr, "sitrep %s: unknown kind %q\n\n", parent, args[0])
	usage(m.Stderr)
	return errUsage
}

// round2 rounds a percentage to two decimals for tables and JSON.
func round2(x float64) float64 { return math.Round(x*100) / 100 }
