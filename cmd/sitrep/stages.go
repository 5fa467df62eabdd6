package main

import (
	"sync"

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
//
// The pipeline is built once per process: the model and the gazetteer are
// loaded once and the stages are safe for concurrent use.
func newPipeline() (*pipeline.Pipeline, error) {
	pipelineOnce.Do(func() { sharedPipeline, pipelineErr = buildPipeline() })
	return sharedPipeline, pipelineErr
}

var (
	pipelineOnce   sync.Once
	sharedPipeline *pipeline.Pipeline
	pipelineErr    error
)

func buildPipeline() (*pipeline.Pipeline, error) {
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
