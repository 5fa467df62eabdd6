// Package event is the event stage: typed events with actors, place, date, fatalities and status.
//
// Not finished: the stage is wired into the pipeline with its contract but
// finds nothing yet (issue 7). It returns nothing rather than a guess.
package event

import "sitrep"

// Stage is the event stage of the pipeline.
type Stage struct{}

var _ sitrep.Stage = (*Stage)(nil)

// New returns the stage.
func New() *Stage { return &Stage{} }

// Contract implements sitrep.Stage.
func (*Stage) Contract() sitrep.Contract {
	return sitrep.Contract{
		Name:  "event",
		Needs: []string{sitrep.LayerEntities, sitrep.LayerPlaces, sitrep.LayerTimes, sitrep.LayerQuantities, sitrep.LayerClaims},
		Sets:  []string{sitrep.LayerEvents},
	}
}

// Annotate implements sitrep.Stage.
func (*Stage) Annotate(d *sitrep.Doc) error { return nil }
