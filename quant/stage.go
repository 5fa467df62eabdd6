// Package quant is the quant stage: figures that count something, with qualifiers, as-of dates and sources.
//
// Not finished: the stage is wired into the pipeline with its contract but
// finds nothing yet (issue 7). It returns nothing rather than a guess.
package quant

import "sitrep"

// Stage is the quant stage of the pipeline.
type Stage struct{}

var _ sitrep.Stage = (*Stage)(nil)

// New returns the stage.
func New() *Stage { return &Stage{} }

// Contract implements sitrep.Stage.
func (*Stage) Contract() sitrep.Contract {
	return sitrep.Contract{
		Name:  "quant",
		Needs: []string{sitrep.LayerTokens, sitrep.LayerSentences, sitrep.LayerTimes, sitrep.LayerClaims},
		Sets:  []string{sitrep.LayerQuantities},
	}
}

// Annotate implements sitrep.Stage.
func (*Stage) Annotate(d *sitrep.Doc) error { return nil }
