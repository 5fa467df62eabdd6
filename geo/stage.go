// Package geo is the geo stage: toponyms resolved against the embedded gazetteer.
//
// Not finished: the stage is wired into the pipeline with its contract but
// finds nothing yet (issue 4). It returns nothing rather than a guess.
package geo

import "sitrep"

// Stage is the geo stage of the pipeline.
type Stage struct{}

var _ sitrep.Stage = (*Stage)(nil)

// New returns the stage.
func New() *Stage { return &Stage{} }

// Contract implements sitrep.Stage.
func (*Stage) Contract() sitrep.Contract {
	return sitrep.Contract{
		Name:  "geo",
		Needs: []string{sitrep.LayerTokens, sitrep.LayerSentences, sitrep.LayerEntities},
		Sets:  []string{sitrep.LayerPlaces},
	}
}

// Annotate implements sitrep.Stage.
func (*Stage) Annotate(d *sitrep.Doc) error { return nil }
