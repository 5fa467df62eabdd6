package sitrep

import (
	"context"
	"time"
)

// Job kinds.
const (
	// JobExtract carries a document read by an ingest: extract it, store
	// the record, update the stories.
	JobExtract = "extract"
	// JobReextract names a stored document: run the pipeline over its
	// stored text again and replace its record.
	JobReextract = "reextract"
)

// Job is one unit of extraction work on a Queue. Its JSON form is the
// message body, so it is kept small and flat.
type Job struct {
	Kind string `json:"kind"`
	// Document is the document to extract (its ID, metadata and normalized
	// text) for JobExtract; for JobReextract only its ID is set.
	Document Document `json:"document"`
	// Queued is when the job was queued, for the operator's eyes.
	Queued time.Time `json:"queued,omitzero"`
}

// Queue distributes extraction work to any number of workers on any number
// of machines. One adapter (nats/) implements it over NATS JetStream.
//
// Delivery is at least once: a job is acknowledged only after its handler
// returned nil, so a worker that dies mid-job leaves the job to be delivered
// again, and handlers must be idempotent.
type Queue interface {
	// Publish queues a job and returns once the queue has stored it.
	// Returns EINVALID for a job larger than the queue's limit.
	Publish(ctx context.Context, j Job) error
	// Work pulls jobs and calls handle for each, at most concurrency at a
	// time, until ctx is done; it then waits for the handlers running and
	// returns nil. What happens to a job depends on handle's error:
	//   - nil: the job is acknowledged;
	//   - EUNAVAILABLE (the database or another service is down): the job
	//     is kept and handled again after a backoff, without counting as a
	//     failed attempt, until it succeeds or ctx is done;
	//   - EINVALID (the job can never succeed): the job goes to the dead
	//     letters at once, with the error as its reason;
	//   - any other error (a panic in an extractor, a bug): the job is
	//     retried after a backoff and goes to the dead letters after the
	//     queue's maximum number of attempts.
	// A message that is not a job, or is larger than the limit, goes to the
	// dead letters without reaching handle. Work returns an error only when
	// it cannot start (the stream or consumer cannot be made).
	Work(ctx context.Context, concurrency int, handle func(context.Context, Job) error) error
	// DeadLetters lists the dead letters, oldest first, up to limit.
	DeadLetters(ctx context.Context, limit int) ([]DeadLetter, error)
	// Replay queues the dead letters with the given IDs (all of them when
	// ids is empty) again and removes them from the dead letters. Returns
	// how many were queued; a dead letter whose body is not a job is kept
	// and reported in the error.
	Replay(ctx context.Context, ids []uint64) (int, error)
	// Close releases the connection.
	Close() error
}

// DeadLetter is a job that failed for good, with why.
type DeadLetter struct {
	ID uint64 `json:"id"`
	// Job is the job when the message was one; nil when Reason says it was
	// not.
	Job *Job `json:"job,omitempty"`
	// Body is the start of the message as received (at most
	// DeadLetterBodyMax bytes), kept when it is not a job.
	Body       string    `json:"body,omitempty"`
	Size       int       `json:"size"`
	Reason     string    `json:"reason"`
	Code       string    `json:"code"`
	Deliveries int       `json:"deliveries"`
	At         time.Time `json:"at"`
}

// DeadLetterBodyMax bounds what a dead letter keeps of a message that is not
// a job, or of one that is too large: enough to recognize it.
const DeadLetterBodyMax = 4 << 10
