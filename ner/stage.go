// Package ner is the ner stage: people, organisations, groups and places named in the text, with roles, sides and coreference.
//
// Not finished: the stage is wired into the pipeline with its contract but
// finds nothing yet (issue 5). It returns nothing rather than a guess.
package ner

import "sitrep"

// Stage is the ner stage of the pipeline.
type Stage struct{}

var _ sitrep.Stage = (*Stage)(nil)

// New returns the stage.
func New() *Stage { return &Stage{} }

// Contract implements sitrep.Stage.
func (*Stage) Contract() sitrep.Contract {
	return sitrep.Contract{
		Name:  "ner",
		Needs: []string{sitrep.LayerTokens, sitrep.LayerSentences},
		Sets:  []string{sitrep.LayerEntities},
	}
}

// Annotate implements sitrep.Stage.
func (*Stage) Annotate(d *sitrep.Doc) error { return nil }
