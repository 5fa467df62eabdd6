// Package timex is the times stage: TIMEX3 time expressions normalized against the document date.
//
// Not finished: the stage is wired into the pipeline with its contract but
// finds nothing yet (issue 3). It returns nothing rather than a guess.
package timex

import "sitrep"

// Stage is the times stage of the pipeline.
type Stage struct{}

var _ sitrep.Stage = (*Stage)(nil)

// New returns the stage.
func New() *Stage { return &Stage{} }

// Contract implements sitrep.Stage.
func (*Stage) Contract() sitrep.Contract {
	return sitrep.Contract{
		Name:  "times",
		Needs: []string{sitrep.LayerTokens, sitrep.LayerSentences, sitrep.LayerDCT},
		Sets:  []string{sitrep.LayerTimes},
	}
}

// Annotate implements sitrep.Stage.
func (*Stage) Annotate(d *sitrep.Doc) error { return nil }
