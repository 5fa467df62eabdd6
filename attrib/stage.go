// Package attrib is the attrib stage: attributed claims (source, cue, content) and their verification status.
//
// Not finished: the stage is wired into the pipeline with its contract but
// finds nothing yet (issue 6). It returns nothing rather than a guess.
package attrib

import "sitrep"

// Stage is the attrib stage of the pipeline.
type Stage struct{}

var _ sitrep.Stage = (*Stage)(nil)

// New returns the stage.
func New() *Stage { return &Stage{} }

// Contract implements sitrep.Stage.
func (*Stage) Contract() sitrep.Contract {
	return sitrep.Contract{
		Name:  "attrib",
		Needs: []string{sitrep.LayerTokens, sitrep.LayerSentences, sitrep.LayerEntities, sitrep.LayerTimes},
		Sets:  []string{sitrep.LayerClaims},
	}
}

// Annotate implements sitrep.Stage.
func (*Stage) Annotate(d *sitrep.Doc) error { return nil }
