package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"

	"sitrep"
	"sitrep/ingest"
	"sitrep/input"
)

// publishSummary counts what a publishing run did.
type publishSummary struct {
	Read     int              `json:"read"`
	Queued   int              `json:"queued"`
	Failed   int              `json:"failed"`
	Failures []ingest.Failure `json:"failures,omitempty"`
}

func (s publishSummary) write(w io.Writer) {
	fmt.Fprintf(w, "ingest: read %d, queued %d, failed %d\n", s.Read, s.Queued, s.Failed)
	for _, f := range s.Failures {
		fmt.Fprintf(w, "failed: %s\n", oneLine(f.Reason))
	}
}

// ingestToQueue is sitrep ingest --queue: it reads the inputs as ingest
// does and queues a job for each document instead of extracting it here.
func (m *Main) ingestToQueue(ctx context.Context, qf *queueFlags, rd *ingest.Reader, inputs []string, df docFlags, asJSON bool) error {
	q, err := qf.open(ctx, slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer q.Close()
	sum, err := publishInputs(ctx, q, rd, inputs, df)
	if asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetEscapeHTML(false)
		enc.Encode(sum)
	} else {
		sum.write(m.Stdout)
	}
	switch {
	case err != nil:
		return err
	case sum.Failed > 0:
		return &sitrep.Error{Code: sitrep.EINVALID, Message: fmt.Sprintf("%d of %d documents could not be queued (see above)", sum.Failed, sum.Read)}
	}
	return nil
}

// publishInputs reads the documents in inputs and queues a job for each.
// A document that cannot be read is counted and reported and the rest go
// on; a queue that stops answering ends the run with its error.
func publishInputs(ctx context.Context, q sitrep.Queue, rd *ingest.Reader, inputs []string, df docFlags) (publishSummary, error) {
	var sum publishSummary
	fail := func(name string, err error) {
		sum.Failed++
		if len(sum.Failures) < 1000 {
			sum.Failures = append(sum.Failures, ingest.Failure{Name: name, Reason: err.Error()})
		}
	}
	var qerr error
	rerr := rd.Read(ctx, inputs, func(it input.Item) bool {
		sum.Read++
		if it.Err != nil {
			fail(it.Name, it.Err)
			return true
		}
		df.apply(&it)
		if err := publishItem(ctx, q, it); err != nil {
			if sitrep.ErrorCode(err) == sitrep.EINVALID {
				fail(it.Name, err)
				return true
			}
			qerr = err
			return false
		}
		sum.Queued++
		return true
	})
	if qerr != nil {
		return sum, qerr
	}
	if rerr != nil && rerr != context.Canceled {
		return sum, rerr
	}
	return sum, ctx.Err()
}

// publishItem queues one document read by the input package.
func publishItem(ctx context.Context, q sitrep.Queue, it input.Item) error {
	meta := it.Meta
	meta.ID = sitrep.DocumentID(meta.Source, it.Text)
	meta.Text = it.Text
	return q.Publish(ctx, sitrep.Job{Kind: sitrep.JobExtract, Document: meta})
}
