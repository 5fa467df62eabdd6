package main

import (
	"sitrep"
	"sitrep/attrib"
	"sitrep/event"
	"sitrep/geo"
	"sitrep/ner"
	"sitrep/pipeline"
	"sitrep/quant"
	"sitrep/text"
)

// newPipeline returns the extraction pipeline in its one order. Stages that
// load models or gazetteers do so here, once, and fail with a clear error
// rather than mid-document.
func newPipeline() (*pipeline.Pipeline, error) {
	nerStage, err := ner.New()
	if err != nil {
		return nil, err
	}
	stages := []sitrep.Stage{
		text.Segmenter{},
		nerStage,
		timexStage(),
		geo.New(),
		attrib.New(),
		quant.New(),
		event.New(),
	}
	return pipeline.New(stages...)
}
