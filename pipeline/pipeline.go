// Package pipeline composes stages over one document annotation, checks that
// each stage's needs are met by the stages before it, and streams documents
// through a pool of workers in input order.
package pipeline

import (
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"sitrep"
)

// Pipeline runs stages in order over a document.
type Pipeline struct {
	stages []sitrep.Stage
	names  []string
	// Observe, when set, is called after each stage with its name and the
	// time it took; sitrep bench uses it. It must be safe for concurrent
	// use.
	Observe func(stage string, d time.Duration)
}

// New returns a pipeline of the given stages. It returns EINVALID if a stage
// needs a layer that no earlier stage sets, or if two stages share a name.
// The text and the document date (dct) are given by the document itself.
func New(stages ...sitrep.Stage) (*Pipeline, error) {
	have := map[string]bool{sitrep.LayerText: true, sitrep.LayerDCT: true}
	p := &Pipeline{}
	for _, s := range stages {
		c := s.Contract()
		if slices.Contains(p.names, c.Name) {
			return nil, sitrep.Errorf(sitrep.EINVALID, "pipeline: stage %q appears twice", c.Name)
		}
		for _, n := range c.Needs {
			if !have[n] {
				return nil, sitrep.Errorf(sitrep.EINVALID, "pipeline: stage %q needs %q, which no earlier stage sets", c.Name, n)
			}
		}
		for _, n := range c.Sets {
			have[n] = true
		}
		p.stages = append(p.stages, s)
		p.names = append(p.names, c.Name)
	}
	return p, nil
}

// Names returns the stage names in order.
func (p *Pipeline) Names() []string { return slices.Clone(p.names) }

// Run runs every stage over d. A stage that fails or panics stops the run
// with an error naming the stage and the document; a panic is turned into an
// EINTERNAL error so that one poison document cannot take a worker down.
func (p *Pipeline) Run(d *sitrep.Doc) (err error) {
	for i, s := range p.stages {
		name := p.names[i]
		start := time.Now()
		if err := runStage(s, name, d); err != nil {
			return err
		}
		if p.Observe != nil {
			p.Observe(name, time.Since(start))
		}
		d.MarkDone(name)
	}
	return nil
}

func runStage(s sitrep.Stage, name string, d *sitrep.Doc) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &sitrep.Error{Code: sitrep.EINTERNAL, Op: "stage " + name,
				Message: fmt.Sprintf("document %s: panic: %v\n%s", d.Meta.ID, r, debug.Stack())}
		}
	}()
	if err := s.Annotate(d); err != nil {
		return fmt.Errorf("stage %s: document %s: %w", name, d.Meta.ID, err)
	}
	return nil
}

// Result is one document's outcome from Stream.
type Result struct {
	Seq int
	Doc *sitrep.Doc
	Err error
}

// Stream runs the pipeline over docs from in on workers goroutines and sends
// the results to out in the order the documents arrived. It closes out when
// in is closed and drained, or when ctx is done.
func (p *Pipeline) Stream(ctx context.Context, workers int, in <-chan *sitrep.Doc, out chan<- Result) {
	if workers < 1 {
		workers = 1
	}
	type job struct {
		seq int
		doc *sitrep.Doc
		res chan Result
	}
	jobs := make(chan job)
	order := make(chan chan Result, workers*2)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.res <- Result{Seq: j.seq, Doc: j.doc, Err: p.Run(j.doc)}
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		seq := 0
		for {
			select {
			case <-ctx.Done():
				return
			case d, ok := <-in:
				if !ok {
					return
				}
				res := make(chan Result, 1)
				select {
				case order <- res:
				case <-ctx.Done():
					return
				}
				jobs <- job{seq: seq, doc: d, res: res}
				seq++
			}
		}
	}()
	go func() {
		defer close(out)
		for res := range order {
			select {
			case r := <-res:
				select {
				case out <- r:
				case <-ctx.Done():
				}
			case <-ctx.Done():
			}
		}
		wg.Wait()
	}()
}
