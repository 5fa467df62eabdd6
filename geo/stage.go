// Package geo is the geo stage: it finds the toponyms of a document and
// resolves them against the embedded gazetteer, using the document's own
// context (the country it is about, regions named beside towns, places
// near each other, "near Kyiv", "the country's capital").
package geo

import (
	"sitrep"
	"sitrep/gazetteer"
)

// Stage is the geo stage of the pipeline.
type Stage struct {
	// Gaz is the gazetteer; nil means the embedded one, loaded on first use.
	Gaz *gazetteer.Gazetteer
}

var _ sitrep.Stage = (*Stage)(nil)

// New returns the stage over the embedded gazetteer.
func New() *Stage { return &Stage{} }

// Contract implements sitrep.Stage.
func (*Stage) Contract() sitrep.Contract {
	return sitrep.Contract{
		Name:  "geo",
		Needs: []string{sitrep.LayerTokens, sitrep.LayerSentences, sitrep.LayerEntities},
		Sets:  []string{sitrep.LayerPlaces},
	}
}

func (s *Stage) gaz() (*gazetteer.Gazetteer, error) {
	if s.Gaz != nil {
		return s.Gaz, nil
	}
	return gazetteer.Default()
}

// Annotate implements sitrep.Stage: it sets d.Places.
func (s *Stage) Annotate(d *sitrep.Doc) error {
	g, err := s.gaz()
	if err != nil {
		return err
	}
	ms := Recognize(g, d)
	d.Places = Places(g, d, Resolve(g, d, ms))
	return nil
}
