package text

import "sitrep"

// Segmenter is the pipeline stage that tokenizes the text and splits it into
// sentences.
type Segmenter struct{}

var _ sitrep.Stage = Segmenter{}

// Contract implements sitrep.Stage.
func (Segmenter) Contract() sitrep.Contract {
	return sitrep.Contract{
		Name:  "segment",
		Needs: []string{sitrep.LayerText},
		Sets:  []string{sitrep.LayerTokens, sitrep.LayerSentences},
	}
}

// Annotate implements sitrep.Stage.
func (Segmenter) Annotate(d *sitrep.Doc) error {
	Tokenize(d)
	Segment(d)
	return nil
}
