package sitrep

// Layers of the document annotation. A stage's contract names the layers it
// needs and the ones it sets, so that a pipeline in the wrong order fails
// when it is built, not in the middle of a run.
const (
	LayerText       = "text"
	LayerSentences  = "sentences"
	LayerTokens     = "tokens"
	LayerEntities   = "entities"
	LayerTimes      = "times"
	LayerQuantities = "quantities"
	LayerPlaces     = "places"
	LayerClaims     = "claims"
	LayerEvents     = "events"
	LayerDCT        = "dct"
)

// Contract says what a stage is called, what it reads and what it writes.
type Contract struct {
	Name  string
	Needs []string
	Sets  []string
}

// Stage is one step of the pipeline. Annotate reads the layers in Needs and
// writes those in Sets; it must be safe to call from several goroutines on
// different documents.
type Stage interface {
	Contract() Contract
	Annotate(d *Doc) error
}
