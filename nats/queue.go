// Package nats implements sitrep.Queue over NATS JetStream: a work-queue
// stream of extraction jobs, one durable pull consumer that every worker
// shares, and a stream of dead letters that can be listed and replayed.
package nats

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"sitrep"
)

// Header names on dead letters.
const (
	hdrReason     = "Sitrep-Reason"
	hdrCode       = "Sitrep-Code"
	hdrDeliveries = "Sitrep-Deliveries"
	hdrSize       = "Sitrep-Size"
)

// Queue is a sitrep.Queue on a NATS server with JetStream.
type Queue struct {
	// URL of the NATS server(s), comma-separated.
	URL string
	// Name prefixes the streams (NAME_JOBS, NAME_DEAD), their subjects
	// (name.jobs, name.dead) and names the durable consumer; tests use a
	// unique one so that they share nothing.
	Name string
	// MaxBytes bounds a job message; larger ones are refused on publish and
	// dead-lettered on receipt. The server's max_payload bounds it too.
	MaxBytes int
	// MaxAttempts is how many times a job whose handler fails (not for lack
	// of a service) is tried before it is dead-lettered.
	MaxAttempts int
	// AckWait is how long the server waits for an acknowledgement before it
	// redelivers a job to another worker; a worker busy on a job tells the
	// server it is still working every AckWait/3.
	AckWait time.Duration
	// HandBytes bounds the bytes of the jobs a worker holds at once (the
	// concurrency of Work bounds their number): a burst of large documents
	// is fetched a few at a time. It is raised to twice the largest job
	// when smaller, so that any job can be fetched.
	HandBytes int
	// Replicas of each stream in a NATS cluster.
	Replicas int
	// Backoff returns the wait before the attempt'th retry (1-based).
	Backoff func(attempt int) time.Duration
	Logger  *slog.Logger

	nc *nats.Conn
	js jetstream.JetStream
}

var _ sitrep.Queue = (*Queue)(nil)

// New returns a queue on the NATS server at url with the defaults set;
// Open connects.
func New(url string) *Queue {
	return &Queue{
		URL:         url,
		Name:        "SITREP",
		MaxBytes:    sitrep.DefaultMaxDocBytes + 64<<10,
		HandBytes:   32 << 20,
		MaxAttempts: 3,
		AckWait:     30 * time.Second,
		Replicas:    1,
		Backoff:     Backoff(200*time.Millisecond, 30*time.Second),
		Logger:      slog.Default(),
	}
}

// Backoff returns an exponential backoff from base to limit with jitter,
// so that workers that lost the same service do not retry in step.
func Backoff(base, limit time.Duration) func(int) time.Duration {
	return func(attempt int) time.Duration {
		d := base
		for i := 1; i < attempt && d < limit; i++ {
			d *= 2
		}
		d = min(d, limit)
		return d/2 + rand.N(d/2+1)
	}
}

// Open connects to the server and makes the streams if they do not exist.
// The connection reconnects by itself for as long as the queue is open.
func (q *Queue) Open(ctx context.Context) error {
	if q.Name == "" || strings.ContainsAny(q.Name, ". *>\t\r\n") {
		return sitrep.Errorf(sitrep.EINVALID, "nats: queue name %q: want letters, digits, - or _", q.Name)
	}
	nc, err := nats.Connect(q.URL,
		nats.Name("sitrep"),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(500*time.Millisecond),
		nats.RetryOnFailedConnect(false),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				q.Logger.Warn("nats disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(c *nats.Conn) { q.Logger.Info("nats reconnected", "url", c.ConnectedUrl()) }),
	)
	if err != nil {
		return &sitrep.Error{Code: sitrep.EUNAVAILABLE, Op: "nats: connect", Message: q.URL, Err: err}
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return fmt.Errorf("nats: jetstream: %w", err)
	}
	q.nc, q.js = nc, js
	if err := q.ensureStreams(ctx); err != nil {
		nc.Close()
		return err
	}
	return nil
}

func (q *Queue) jobsStream() string  { return q.Name + "_JOBS" }
func (q *Queue) deadStream() string  { return q.Name + "_DEAD" }
func (q *Queue) jobsSubject() string { return strings.ToLower(q.Name) + ".jobs" }
func (q *Queue) deadSubject() string { return strings.ToLower(q.Name) + ".dead" }
func (q *Queue) consumerName() string {
	return q.Name + "_WORKERS"
}

// limit is the largest job message: MaxBytes, bounded by what the server
// accepts.
func (q *Queue) limit() int {
	n := q.MaxBytes
	if q.nc != nil {
		if mp := int(q.nc.MaxPayload()); mp > 0 && mp < n {
			n = mp
		}
	}
	return n
}

func (q *Queue) ensureStreams(ctx context.Context) error {
	_, err := q.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        q.jobsStream(),
		Description: "sitrep extraction jobs",
		Subjects:    []string{q.jobsSubject()},
		// A work queue: a job is removed once a worker acknowledges it.
		Retention: jetstream.WorkQueuePolicy,
		Storage:   jetstream.FileStorage,
		Replicas:  max(q.Replicas, 1),
		// Publishing the same document again within the window is dropped
		// by the server (the message ID is the document's).
		Duplicates: 10 * time.Minute,
	})
	if err != nil {
		return unavailable("nats: create stream "+q.jobsStream(), err)
	}
	_, err = q.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        q.deadStream(),
		Description: "sitrep jobs that failed for good, with the reason in the Sitrep-Reason header",
		Subjects:    []string{q.deadSubject()},
		Retention:   jetstream.LimitsPolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    max(q.Replicas, 1),
		MaxAge:      30 * 24 * time.Hour,
		Duplicates:  10 * time.Minute,
	})
	if err != nil {
		return unavailable("nats: create stream "+q.deadStream(), err)
	}
	return nil
}

func unavailable(op string, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w", op, err)
	}
	return &sitrep.Error{Code: sitrep.EUNAVAILABLE, Op: op, Err: err}
}

// Close drains nothing and closes the connection: a job in flight that was
// not acknowledged is delivered again to another worker.
func (q *Queue) Close() error {
	if q.nc != nil {
		q.nc.Close()
	}
	return nil
}

// Publish implements sitrep.Queue. The message ID is the job's kind and
// document ID, so that the server drops a document published twice within
// ten minutes (an ingest run again).
func (q *Queue) Publish(ctx context.Context, j sitrep.Job) error {
	if j.Queued.IsZero() {
		j.Queued = time.Now().UTC()
	}
	body, err := json.Marshal(j)
	if err != nil {
		return fmt.Errorf("nats: encode job: %w", err)
	}
	if n := q.limit(); len(body) > n {
		return sitrep.Errorf(sitrep.EINVALID, "document %s: %d bytes as a job, larger than the queue's limit of %d (raise max_payload on the NATS server and --max-bytes)", j.Document.ID, len(body), n)
	}
	id := j.Kind + ":" + j.Document.ID
	if j.Kind == sitrep.JobReextract {
		// Re-extraction is asked for on purpose: never drop it as a repeat.
		id += ":" + strconv.FormatInt(j.Queued.UnixNano(), 10)
	}
	if _, err := q.js.Publish(ctx, q.jobsSubject(), body, jetstream.WithMsgID(id)); err != nil {
		return unavailable("nats: publish job "+j.Document.ID, err)
	}
	return nil
}

// Delete removes the queue's streams and consumer: everything
// queued and every dead letter. Benchmarks and tests clean up with it.
func (q *Queue) Delete(ctx context.Context) error {
	var first error
	for _, name := range []string{q.jobsStream(), q.deadStream()} {
		if err := q.js.DeleteStream(ctx, name); err != nil && !errors.Is(err, jetstream.ErrStreamNotFound) && first == nil {
			first = unavailable("nats: delete stream "+name, err)
		}
	}
	return first
}

// Pending returns how many jobs are queued and not yet acknowledged.
func (q *Queue) Pending(ctx context.Context) (uint64, error) {
	s, err := q.js.Stream(ctx, q.jobsStream())
	if err != nil {
		return 0, unavailable("nats: stream "+q.jobsStream(), err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return 0, unavailable("nats: stream info", err)
	}
	return info.State.Msgs, nil
}

// Work implements sitrep.Queue.
func (q *Queue) Work(ctx context.Context, concurrency int, handle func(context.Context, sitrep.Job) error) error {
	concurrency = max(concurrency, 1)
	cons, err := q.js.CreateOrUpdateConsumer(ctx, q.jobsStream(), jetstream.ConsumerConfig{
		Durable:     q.consumerName(),
		Description: "sitrep workers",
		AckPolicy:   jetstream.AckExplicitPolicy,
		AckWait:     q.AckWait,
		// The worker counts attempts itself so that it can dead-letter a
		// job with its reason; the server never gives up on one.
		MaxDeliver:    -1,
		MaxAckPending: 1000,
	})
	if err != nil {
		return unavailable("nats: create consumer "+q.consumerName(), err)
	}
	slots := make(chan struct{}, concurrency)
	var wg sync.WaitGroup
	defer wg.Wait()
	// Bytes in hand: the server sends no more than the room left, and the
	// loop waits for room for the largest job before it asks again, so
	// that every job fits in some request.
	budget := max(q.HandBytes, 2*q.limit())
	var inHand atomic.Int64
	freed := make(chan struct{}, 1)
	fails := 0
	for ctx.Err() == nil {
		// Fetch only as many jobs as there are free workers, so that no
		// job waits in this process while another process is idle.
		slots <- struct{}{}
		free := 1
	more:
		for free < concurrency {
			select {
			case slots <- struct{}{}:
				free++
			default:
				break more
			}
		}
		room := budget - int(inHand.Load())
		for room < q.limit() && ctx.Err() == nil {
			select {
			case <-freed:
			case <-ctx.Done():
			}
			room = budget - int(inHand.Load())
		}
		if ctx.Err() != nil {
			for range free {
				<-slots
			}
			break
		}
		batch, err := cons.Fetch(free, jetstream.FetchMaxWait(time.Second), jetstream.FetchMaxBytes(room))
		got := 0
		if err == nil {
			for msg := range batch.Messages() {
				got++
				// What the server counts: the data, the subjects and
				// the headers, near enough.
				n := int64(len(msg.Data()) + len(msg.Subject()) + len(msg.Reply()) + 256)
				inHand.Add(n)
				wg.Add(1)
				go func() {
					defer wg.Done()
					defer func() {
						inHand.Add(-n)
						select {
						case freed <- struct{}{}:
						default:
						}
						<-slots
					}()
					q.process(ctx, msg, handle)
				}()
			}
			err = batch.Error()
		}
		for range free - got {
			<-slots
		}
		if err != nil && !errors.Is(err, nats.ErrTimeout) && !errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			// The server is away: the connection reconnects by itself.
			fails++
			q.Logger.Warn("nats: fetch failed; retrying", "err", err, "attempt", fails)
			sleep(ctx, q.Backoff(fails))
			continue
		}
		fails = 0
	}
	return nil
}

// process handles one message to its end: acknowledged, dead-lettered, or
// left for redelivery (nak with a delay, or nothing when ctx ends).
func (q *Queue) process(ctx context.Context, msg jetstream.Msg, handle func(context.Context, sitrep.Job) error) {
	meta, err := msg.Metadata()
	if err != nil {
		q.Logger.Error("nats: message without metadata", "err", err)
		return
	}
	deliveries := int(meta.NumDelivered)
	data := msg.Data()
	if n := q.limit(); len(data) > n {
		q.dead(ctx, msg, deliveries, sitrep.Errorf(sitrep.EINVALID, "message of %d bytes is larger than the limit of %d", len(data), n))
		return
	}
	job, err := decodeJob(data)
	if err != nil {
		q.dead(ctx, msg, deliveries, err)
		return
	}
	if deliveries > q.MaxAttempts+2 {
		// Delivered again and again without an outcome: the workers that
		// took it died on it (killed, out of memory, stuck).
		q.dead(ctx, msg, deliveries, sitrep.Errorf(sitrep.EINTERNAL, "document %s: delivered %d times without an outcome (did a worker die on it?)", job.Document.ID, deliveries))
		return
	}

	// Keep the job ours while it is handled, however long that takes.
	hctx := context.WithoutCancel(ctx)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		t := time.NewTicker(max(q.AckWait/3, 10*time.Millisecond))
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				msg.InProgress()
			}
		}
	}()

	for waits := 1; ; waits++ {
		err = safely(hctx, job, handle)
		if sitrep.ErrorCode(err) != sitrep.EUNAVAILABLE {
			break
		}
		// A service is down: not the job's fault, so it does not count as
		// an attempt. Wait for it, unless the worker is stopping, in which
		// case the job goes back to the queue.
		q.Logger.Warn("service unavailable; retrying", "doc", job.Document.ID, "err", err, "wait", waits)
		if !sleep(ctx, q.Backoff(waits)) {
			msg.Nak()
			return
		}
	}
	switch {
	case err == nil:
		if err := msg.DoubleAck(hctx); err != nil {
			// The record is stored; a redelivery finds it there.
			q.Logger.Warn("nats: ack failed; the job will be delivered again", "doc", job.Document.ID, "err", err)
		}
	case sitrep.ErrorCode(err) == sitrep.EINVALID || deliveries >= q.MaxAttempts:
		q.dead(ctx, msg, deliveries, err)
	default:
		q.Logger.Warn("job failed; retrying", "doc", job.Document.ID, "attempt", deliveries, "err", err)
		msg.NakWithDelay(q.Backoff(deliveries))
	}
}

// safely calls handle, turning a panic into an error so that one poison
// document cannot take the worker down.
func safely(ctx context.Context, j sitrep.Job, handle func(context.Context, sitrep.Job) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = sitrep.Errorf(sitrep.EINTERNAL, "document %s: panic: %v", j.Document.ID, r)
		}
	}()
	return handle(ctx, j)
}

// decodeJob checks that a message is a job.
func decodeJob(data []byte) (sitrep.Job, error) {
	var j sitrep.Job
	if err := json.Unmarshal(data, &j); err != nil {
		return j, sitrep.Errorf(sitrep.EINVALID, "message is not a job (a JSON object with kind and document): %s", err)
	}
	switch j.Kind {
	case sitrep.JobExtract:
		if strings.TrimSpace(j.Document.Text) == "" {
			return j, sitrep.Errorf(sitrep.EINVALID, "extract job for document %q has no text", j.Document.ID)
		}
	case sitrep.JobReextract:
		if j.Document.ID == "" {
			return j, sitrep.Errorf(sitrep.EINVALID, "reextract job names no document")
		}
	default:
		return j, sitrep.Errorf(sitrep.EINVALID, "message is not a job: kind %q (want %q or %q)", j.Kind, sitrep.JobExtract, sitrep.JobReextract)
	}
	return j, nil
}

// dead moves a message to the dead letters with why, then removes it from
// the jobs. If the dead letter cannot be written the job is left to be
// delivered again: it is never dropped without a trace.
func (q *Queue) dead(ctx context.Context, msg jetstream.Msg, deliveries int, why error) {
	meta, _ := msg.Metadata()
	data := msg.Data()
	body := data
	if len(body) > q.limit() {
		body = body[:sitrep.DeadLetterBodyMax]
	}
	m := nats.NewMsg(q.deadSubject())
	m.Data = body
	reason := why.Error()
	if len(reason) > 2000 {
		reason = reason[:2000] + "…"
	}
	// Headers are one line each: a panic's stack trace keeps its first line.
	m.Header.Set(hdrReason, strings.ReplaceAll(strings.ReplaceAll(reason, "\r", " "), "\n", " | "))
	m.Header.Set(hdrCode, sitrep.ErrorCode(why))
	m.Header.Set(hdrDeliveries, strconv.Itoa(deliveries))
	m.Header.Set(hdrSize, strconv.Itoa(len(data)))
	if meta != nil {
		m.Header.Set(jetstream.MsgIDHeader, "dead:"+strconv.FormatUint(meta.Sequence.Stream, 10))
	}
	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if _, err := q.js.PublishMsg(pctx, m); err != nil {
		q.Logger.Error("nats: cannot write dead letter; the job will be delivered again", "err", err, "reason", reason)
		msg.NakWithDelay(q.Backoff(deliveries))
		return
	}
	q.Logger.Warn("job dead-lettered", "reason", reason, "deliveries", deliveries)
	if err := msg.Term(); err != nil {
		q.Logger.Warn("nats: term failed", "err", err)
	}
}

// DeadLetters implements sitrep.Queue.
func (q *Queue) DeadLetters(ctx context.Context, limit int) ([]sitrep.DeadLetter, error) {
	if limit <= 0 {
		limit = 1000
	}
	var out []sitrep.DeadLetter
	err := q.eachDead(ctx, func(seq uint64, m *jetstream.RawStreamMsg) bool {
		out = append(out, deadLetter(seq, m))
		return len(out) < limit
	})
	return out, err
}

// eachDead calls fn for each dead letter in order until it returns false.
func (q *Queue) eachDead(ctx context.Context, fn func(uint64, *jetstream.RawStreamMsg) bool) error {
	s, err := q.js.Stream(ctx, q.deadStream())
	if err != nil {
		return unavailable("nats: stream "+q.deadStream(), err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return unavailable("nats: stream info", err)
	}
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && info.State.Msgs > 0; seq++ {
		m, err := s.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			return unavailable("nats: get dead letter", err)
		}
		if !fn(seq, m) {
			return nil
		}
	}
	return nil
}

func deadLetter(seq uint64, m *jetstream.RawStreamMsg) sitrep.DeadLetter {
	d := sitrep.DeadLetter{ID: seq, At: m.Time, Reason: m.Header.Get(hdrReason), Code: m.Header.Get(hdrCode)}
	d.Deliveries, _ = strconv.Atoi(m.Header.Get(hdrDeliveries))
	d.Size, _ = strconv.Atoi(m.Header.Get(hdrSize))
	if j, err := decodeJob(m.Data); err == nil && len(m.Data) == d.Size {
		d.Job = &j
	} else {
		b := m.Data[:min(len(m.Data), sitrep.DeadLetterBodyMax)]
		d.Body = strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return d
}

// Replay implements sitrep.Queue.
func (q *Queue) Replay(ctx context.Context, ids []uint64) (int, error) {
	want := map[uint64]bool{}
	for _, id := range ids {
		want[id] = true
	}
	s, err := q.js.Stream(ctx, q.deadStream())
	if err != nil {
		return 0, unavailable("nats: stream "+q.deadStream(), err)
	}
	n := 0
	var bad []string
	var failed error
	err = q.eachDead(ctx, func(seq uint64, m *jetstream.RawStreamMsg) bool {
		if len(want) > 0 && !want[seq] {
			return true
		}
		delete(want, seq)
		d := deadLetter(seq, m)
		if d.Job == nil {
			bad = append(bad, strconv.FormatUint(seq, 10)+" (not a job)")
			return true
		}
		// A replay is asked for on purpose: give it its own message ID.
		pm := nats.NewMsg(q.jobsSubject())
		pm.Data = m.Data
		pm.Header.Set(jetstream.MsgIDHeader, "replay:"+strconv.FormatUint(seq, 10)+":"+strconv.FormatInt(time.Now().UnixNano(), 10))
		if _, err := q.js.PublishMsg(ctx, pm); err != nil {
			failed = unavailable("nats: replay dead letter "+strconv.FormatUint(seq, 10), err)
			return false
		}
		if err := s.DeleteMsg(ctx, seq); err != nil {
			failed = unavailable("nats: remove replayed dead letter", err)
			return false
		}
		n++
		return true
	})
	if err != nil {
		return n, err
	}
	if failed != nil {
		return n, failed
	}
	for _, id := range slices.Sorted(maps.Keys(want)) {
		bad = append(bad, strconv.FormatUint(id, 10)+" (no such dead letter)")
	}
	if len(bad) > 0 {
		return n, sitrep.Errorf(sitrep.EINVALID, "dead letters not replayed: %s", strings.Join(bad, ", "))
	}
	return n, nil
}

// sleep waits for d or until ctx is done; it reports whether it waited.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
