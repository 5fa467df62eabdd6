package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"sitrep"
	"sitrep/input"
)

// publishSummary counts what a publishing run did.
type publishSummary struct {
	Read, Queued, Failed int
	Failures             []string
}

func (s publishSummary) write(w io.Writer) {
	fmt.Fprintf(w, "read %d, queued %d, failed %d\n", s.Read, s.Queued, s.Failed)
	for _, f := range s.Failures {
		fmt.Fprintf(w, "  failed: %s\n", f)
	}
}

// publishFiles reads the documents in paths (files, or directories read
// recursively) and queues a job for each instead of extracting it here.
// A document that cannot be read is counted and reported and the rest go
// on; a queue that stops answering ends the run with its error.
func publishFiles(ctx context.Context, q sitrep.Queue, paths []string, opt input.Options, df docFlags) (publishSummary, error) {
	var sum publishSummary
	files, err := benchFiles(paths)
	if err != nil {
		return sum, err
	}
	fail := func(err error) {
		sum.Failed++
		if len(sum.Failures) < 100 {
			sum.Failures = append(sum.Failures, err.Error())
		}
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			fail(sitrep.Errorf(sitrep.EINVALID, "%s: cannot open: %s", name, errText(err)))
			continue
		}
		var qerr error
		rerr := input.Read(name, f, opt, func(it input.Item) bool {
			if ctx.Err() != nil {
				qerr = ctx.Err()
				return false
			}
			sum.Read++
			if it.Err != nil {
				fail(it.Err)
				return true
			}
			df.apply(&it)
			if qerr = publishItem(ctx, q, it); qerr != nil {
				if sitrep.ErrorCode(qerr) == sitrep.EINVALID {
					fail(qerr)
					qerr = nil
					return true
				}
				return false
			}
			sum.Queued++
			return true
		})
		f.Close()
		if qerr != nil {
			return sum, qerr
		}
		if rerr != nil {
			fail(rerr)
		}
	}
	return sum, nil
}

// publishItem queues one document read by the input package.
func publishItem(ctx context.Context, q sitrep.Queue, it input.Item) error {
	meta := it.Meta
	meta.ID = sitrep.DocumentID(meta.Source, it.Text)
	meta.Text = it.Text
	return q.Publish(ctx, sitrep.Job{Kind: sitrep.JobExtract, Document: meta})
}
