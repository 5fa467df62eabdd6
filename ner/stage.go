// Package ner is the ner stage: people, organisations, groups and places
// named in the text, with their roles, sides and all their mentions.
//
// Names are found by a tagger trained on CoNLL-2003 (see model.go for the
// choice of model and features.go for the features); the model is embedded
// in the binary and loaded once. What the tagger finds is then typed for the
// record (GPE vs LOC, NORP for nationalities and armed groups), given roles
// from titles and appositions, joined into entities by name coreference
// (surname-only and title-only mentions) and given a side where the text
// says which side it is on (entities.go).
package ner

import (
	"bytes"
	_ "embed"
	"sync"

	"sitrep"
	"sitrep/ner/gazfeat"
)

//go:embed model/ner.model
var embeddedModel []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the embedded model, loading it on first use. A corrupt
// embedded model is an EINVALID error telling how to rebuild it. A model
// trained with the gazetteer's place-name features (sitrep train ner
// --gazetteer) is loaded with them (gazfeat.Default); one trained with
// other gazetteer data than this build embeds is refused.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		var gaz Gazetteer
		if needsGazetteer(embeddedModel) {
			names, err := gazfeat.Default()
			if err != nil {
				defaultErr = err
				return
			}
			gaz = names
		}
		defaultModel, defaultErr = Load("(embedded ner/model/ner.model)", bytes.NewReader(embeddedModel), gaz)
	})
	return defaultModel, defaultErr
}

// Stage is the ner stage of the pipeline. It is safe for concurrent use.
type Stage struct {
	model  *Model
	places Places
}

var _ sitrep.Stage = (*Stage)(nil)

// New returns the stage with the embedded model, or the error that loading
// it gave, so that a pipeline with a broken model fails when it is built.
func New() (*Stage, error) {
	m, err := Default()
	if err != nil {
		return nil, err
	}
	return &Stage{model: m}, nil
}

// NewWithModel returns the stage with the given model.
func NewWithModel(m *Model) *Stage { return &Stage{model: m} }

// WithPlaces returns a copy of the stage that asks p whether a place is a
// GPE or a LOC and which country it is in (for the side of "the mayor of
// Irpin").
func (s *Stage) WithPlaces(p Places) *Stage {
	c := *s
	c.places = p
	return &c
}

// Contract implements sitrep.Stage.
func (*Stage) Contract() sitrep.Contract {
	return sitrep.Contract{
		Name:  "ner",
		Needs: []string{sitrep.LayerTokens, sitrep.LayerSentences},
		Sets:  []string{sitrep.LayerEntities},
	}
}

// Annotate implements sitrep.Stage: it tags the document's sentences and
// appends its entities to d.Entities, numbered e1, e2, ... in order of first
// mention.
func (s *Stage) Annotate(d *sitrep.Doc) error {
	sents := make([][]string, len(d.Sentences))
	for i, se := range d.Sentences {
		ws := make([]string, 0, se.EndTok-se.FirstTok)
		for t := se.FirstTok; t < se.EndTok; t++ {
			ws = append(ws, d.TokenText(t))
		}
		sents[i] = ws
	}
	labels, toks := s.model.tagPrepared(sents)
	var ms []mention
	for i, se := range d.Sentences {
		ls := labels[i]
		for j := 0; j < len(ls); j++ {
			if ls[j] == 0 {
				continue
			}
			c := labelClass(ls[j])
			k := j + 1
			if p := labelPart(ls[j]); p == labB {
				for k < len(ls) && labelClass(ls[k]) == c && labelPart(ls[k]) != labB && labelPart(ls[k]) != labU {
					k++
					if labelPart(ls[k-1]) == labL {
						break
					}
				}
			}
			ms = append(ms, mention{i: se.FirstTok + j, j: se.FirstTok + k, class: classes[c]})
			j = k - 1
		}
	}
	d.Entities = append(d.Entities, buildEntities(d, s.model.lex, s.places, toks, ms, len(d.Entities))...)
	return nil
}
