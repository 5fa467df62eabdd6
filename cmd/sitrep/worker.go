package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/sync/semaphore"

	"sitrep"
	"sitrep/ingest"
	"sitrep/nats"
	"sitrep/pipeline"
	"sitrep/postgres"
	"sitrep/text"
)

func runWorker(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("worker", "--queue nats://HOST:4222 --db postgres://...",
		"Pull extraction jobs from a NATS JetStream queue, extract each document, store its record in\n"+
			"PostgreSQL and update the stories. Run any number of workers on any number of machines;\n"+
			"a job is acknowledged only once its record is committed. Stops on SIGINT or SIGTERM after\n"+
			"finishing the documents in hand.")
	var qf queueFlags
	qf.register(fs)
	dbURL := fs.String("db", "", "PostgreSQL database to store into (postgres://user@host:5432/db)")
	schema := fs.String("schema", "", "PostgreSQL schema for the tables (default: the database's search_path)")
	conc := fs.Int("concurrency", 64, "documents in hand at once, being extracted or waiting for their batch to be committed: enough that a batch grows while the one before is stored, so that one commit serves many")
	maxBytes := fs.Int64("max-bytes", sitrep.DefaultMaxDocBytes, "largest document text, in bytes; larger ones are dead-lettered")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fs.Usage()
		return sitrep.Errorf(sitrep.EINVALID, "worker takes no arguments, got %q", strings.Join(pos, " "))
	}
	if *conc < 1 || *conc > 1024 {
		return sitrep.Errorf(sitrep.EINVALID, "--concurrency %d: want 1 to 1024", *conc)
	}
	if *maxBytes <= 0 {
		return sitrep.Errorf(sitrep.EINVALID, "--max-bytes %d: must be positive", *maxBytes)
	}
	if !strings.HasPrefix(*dbURL, "postgres://") && !strings.HasPrefix(*dbURL, "postgresql://") {
		return sitrep.Errorf(sitrep.EINVALID, "--db %q: workers share a PostgreSQL database (postgres://user@host:5432/db)", *dbURL)
	}
	log := slog.New(slog.NewTextHandler(m.Stderr, nil))
	q, err := qf.open(ctx, log)
	if err != nil {
		return err
	}
	defer q.Close()
	st, err := openWorkerStore(ctx, *dbURL, *schema, log)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := newPipeline()
	if err != nil {
		return err
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(workerMemoryLimit)
	}
	w := newWorker(p, st, st, log, *maxBytes)
	done := make(chan struct{})
	go func() { defer close(done); w.commitLoop(ctx) }()
	clustered := make(chan struct{})
	go func() { defer close(clustered); w.clusterLoop(ctx) }()
	log.Info("worker started", "queue", q.URL, "name", q.Name, "concurrency", *conc)
	err = q.Work(ctx, *conc, w.handle)
	<-done
	<-clustered
	log.Info("worker stopped", "stored", w.stored.Load(), "duplicates", w.dups.Load(),
		"extracting", time.Duration(w.extracting.Load()).Round(time.Millisecond),
		"store_lock_wait", time.Duration(w.lockWait.Load()).Round(time.Millisecond),
		"storing", time.Duration(w.storing.Load()).Round(time.Millisecond),
		"clustering", time.Duration(w.clustering.Load()).Round(time.Millisecond))
	return err
}

// openWorkerStore opens the PostgreSQL store, waiting for a database that
// is still starting (a cluster coming up together).
func openWorkerStore(ctx context.Context, dsn, schema string, log *slog.Logger) (*postgres.DB, error) {
	backoff := nats.Backoff(200*time.Millisecond, 5*time.Second)
	for attempt := 1; ; attempt++ {
		st, err := postgres.OpenSchema(ctx, dsn, schema, 0)
		if err == nil || sitrep.ErrorCode(err) != sitrep.EUNAVAILABLE || attempt == 10 {
			return st, err
		}
		log.Warn("database unavailable; retrying", "err", err, "attempt", attempt)
		select {
		case <-time.After(backoff(attempt)):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// queueFlags are the flags of the commands that talk to the queue.
type queueFlags struct {
	url, name   string
	maxAttempts int
	ackWait     time.Duration
}

func (f *queueFlags) register(fs *flag.FlagSet) {
	f.registerURL(fs, "NATS server with JetStream (nats://host:4222; several comma-separated)")
	fs.IntVar(&f.maxAttempts, "max-attempts", 3, "attempts at a failing document before it is dead-lettered")
	fs.DurationVar(&f.ackWait, "ack-wait", 30*time.Second, "time without news from a worker after which its job goes to another")
}

// registerURL registers the flags that name the queue: all a publisher
// needs.
func (f *queueFlags) registerURL(fs *flag.FlagSet, about string) {
	fs.StringVar(&f.url, "queue", "", about)
	fs.StringVar(&f.name, "queue-name", "SITREP", "prefix of the JetStream streams, subjects and consumer")
	f.maxAttempts, f.ackWait = 3, 30*time.Second
}

func (f *queueFlags) open(ctx context.Context, log *slog.Logger) (*nats.Queue, error) {
	if !strings.HasPrefix(f.url, "nats://") && !strings.HasPrefix(f.url, "tls://") {
		return nil, sitrep.Errorf(sitrep.EINVALID, "--queue %q: want a NATS URL (nats://host:4222)", f.url)
	}
	if f.maxAttempts < 1 || f.ackWait < time.Second {
		return nil, sitrep.Errorf(sitrep.EINVALID, "--max-attempts must be at least 1 and --ack-wait at least 1s")
	}
	q := nats.New(f.url)
	q.Name, q.MaxAttempts, q.AckWait, q.Logger = f.name, f.maxAttempts, f.ackWait, log
	if err := q.Open(ctx); err != nil {
		return nil, err
	}
	return q, nil
}

// worker extracts jobs in parallel and stores them in batches: the
// extraction, which is most of the work, runs on every core of every
// worker; the storing and clustering, which must see every earlier
// document, runs under a lock shared by every worker on the database.
type worker struct {
	p        *pipeline.Pipeline
	st       sitrep.Store
	locks    locker
	log      *slog.Logger
	maxBytes int64
	commits  chan commit
	// text bounds the text being extracted or waiting for its commit, in
	// bytes, to textInHand; a larger document takes it all and goes alone.
	text *semaphore.Weighted
	kick chan struct{}
	// groupWindow is how long a batch waits for more records.
	groupWindow time.Duration

	stored, dups atomic.Int64
	// Nanoseconds spent, for the stop line: waiting for the store lock,
	// storing under it, clustering, extracting.
	lockWait, storing, clustering, extracting atomic.Int64
}

type commit struct {
	rec     *sitrep.Record
	replace bool // a re-extraction of a stored document
	reply   chan error
}

// textInHand is the text a worker extracts or holds for its commit at
// once. A document costs about 75 times its size at the peak of its
// extraction (a 4.9 MB text: 360 MB) and more until its record is
// committed, so 2 MB, with the memory limit below, keeps a worker and its
// 240 MB of models near 500 MB however its documents are sized; a
// document over 2 MB goes alone. News articles (a few kB) are never held
// back.
const textInHand = 2 << 20

// workerMemoryLimit is the Go runtime's soft memory limit for a worker
// unless GOMEMLIMIT sets one: the collector then works harder as the heap
// nears it instead of letting it grow to twice what is live.
const workerMemoryLimit = 420 << 20

// locker hands out the locks under which workers store and cluster:
// postgres.DB's advisory locks, which live as long as the holder's
// database session and so need no expiry of their own.
type locker interface {
	Lock(ctx context.Context, name string) (release func(), err error)
}

func newWorker(p *pipeline.Pipeline, st sitrep.Store, locks locker, log *slog.Logger, maxBytes int64) *worker {
	return &worker{p: p, st: st, locks: locks, log: log, maxBytes: maxBytes, commits: make(chan commit), kick: make(chan struct{}, 1),
		text:        semaphore.NewWeighted(textInHand),
		groupWindow: 20 * time.Millisecond}
}

// handle extracts one job and returns once its record is committed.
func (w *worker) handle(ctx context.Context, j sitrep.Job) error {
	var d *sitrep.Doc
	switch j.Kind {
	case sitrep.JobExtract:
		if n := len(j.Document.Text); int64(n) > w.maxBytes {
			return sitrep.Errorf(sitrep.EINVALID, "document %s: text of %d bytes is larger than the limit of %d", j.Document.ID, n, w.maxBytes)
		}
		// The text is normalized again: a message may come from any
		// publisher, and the ID must be the one a local ingest gives.
		txt, err := text.Normalize("document "+j.Document.ID, []byte(j.Document.Text))
		if err != nil {
			return err
		}
		meta := j.Document
		meta.ID = sitrep.DocumentID(meta.Source, txt)
		d = sitrep.NewDoc(meta, txt)
	case sitrep.JobReextract:
		var err error
		if d, err = w.storedDoc(ctx, j.Document.ID); err != nil {
			return err
		}
	default:
		return sitrep.Errorf(sitrep.EINVALID, "job kind %q: want %q or %q", j.Kind, sitrep.JobExtract, sitrep.JobReextract)
	}
	weight := min(int64(len(d.Text)), textInHand)
	if err := w.text.Acquire(ctx, weight); err != nil {
		return err
	}
	defer w.text.Release(weight)
	t := time.Now()
	if err := w.p.Run(d); err != nil {
		return err
	}
	w.extracting.Add(int64(time.Since(t)))
	rec := d.Record(false)
	reply := make(chan error, 1)
	select {
	case w.commits <- commit{rec: &rec, replace: j.Kind == sitrep.JobReextract, reply: reply}:
	case <-ctx.Done():
		return ctx.Err()
	}
	return <-reply
}

// commitLoop stores the records handed to it in batches until ctx is done
// and no handler is left waiting.
func (w *worker) commitLoop(ctx context.Context) {
	for {
		var batch []commit
		select {
		case c := <-w.commits:
			batch = append(batch, c)
		case <-ctx.Done():
			// Handlers still running finish with a cancelled context and
			// give up waiting; their jobs are delivered again.
			w.drain()
			return
		}
		// Group commit: a transaction costs a disk flush whatever it
		// holds, so gather what arrives in the next few milliseconds.
		window := time.NewTimer(w.groupWindow)
	more:
		for len(batch) < 64 {
			select {
			case c := <-w.commits:
				batch = append(batch, c)
			case <-window.C:
				break more
			}
		}
		window.Stop()
		errs := w.commitBatch(context.WithoutCancel(ctx), batch)
		for i, c := range batch {
			c.reply <- errs[i]
		}
	}
}

// drain answers handlers that reach the loop after it stopped.
func (w *worker) drain() {
	for {
		select {
		case c := <-w.commits:
			c.reply <- sitrep.Errorf(sitrep.EUNAVAILABLE, "worker stopping")
		case <-time.After(100 * time.Millisecond):
			return
		}
	}
}

// commitBatch stores a batch under the cluster-wide store lock. The result
// for each record is nil once it is committed: its story items are then
// pending in the store, for clusterLoop (of this worker or any other) to
// place, so the job can be acknowledged.
func (w *worker) commitBatch(ctx context.Context, batch []commit) []error {
	errs := make([]error, len(batch))
	fill := func(err error) []error {
		for i := range errs {
			errs[i] = err
		}
		return errs
	}
	t0 := time.Now()
	release, err := w.locks.Lock(ctx, "store")
	if err != nil {
		return fill(err)
	}
	t1 := time.Now()
	w.lockWait.Add(int64(t1.Sub(t0)))
	defer func() { release(); w.storing.Add(int64(time.Since(t1))) }()
	var recs []*sitrep.Record
	var at []int
	var storiesHeld bool
	for i, c := range batch {
		if c.replace {
			// A replacement rewrites the stories its old items were in,
			// which must not happen in the middle of a clustering.
			if !storiesHeld {
				rel, err := w.locks.Lock(ctx, "stories")
				if err != nil {
					errs[i] = err
					continue
				}
				storiesHeld = true
				defer rel()
			}
			errs[i] = w.replace(ctx, c.rec)
			continue
		}
		recs = append(recs, c.rec)
		at = append(at, i)
	}
	err = w.put(ctx, recs)
	switch {
	case err != nil && len(recs) > 1 && sitrep.ErrorCode(err) != sitrep.EUNAVAILABLE:
		// One bad record must not fail the others: store them one by one.
		for k, r := range recs {
			errs[at[k]] = w.put(ctx, []*sitrep.Record{r})
		}
	case err != nil:
		for _, i := range at {
			errs[i] = err
		}
	}
	// The stories are updated apart, so that this worker can store its
	// next batch, and others theirs, while they are.
	select {
	case w.kick <- struct{}{}:
	default:
	}
	return errs
}

// clusterLoop places pending story items whenever this worker has stored
// some, and every few seconds (items a dead worker left pending), under the
// cluster-wide stories lock: one clustering at a time per store, in the
// order the items were stored, which is what a single process does.
func (w *worker) clusterLoop(ctx context.Context) {
	t := time.NewTicker(5 * time.Second)
	defer t.Stop()
	for {
		release, err := w.locks.Lock(ctx, "stories")
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			w.log.Warn("stories lock unavailable; retrying", "err", err)
		} else {
			t := time.Now()
			w.cluster(ctx)
			release()
			w.clustering.Add(int64(time.Since(t)))
		}
		select {
		case <-w.kick:
		case <-t.C:
		case <-ctx.Done():
			return
		}
	}
}

// put stores records, replacing those re-extracted. An error of a store
// that no longer answers is reported as EUNAVAILABLE so that the job waits
// for it rather than counting as a failed attempt.
//
// It stores them as sitrep ingest does (ingest.Writer): a near-duplicate of
// a stored document is linked to it, which is why it runs under the store
// lock: two workers storing two copies at once would each find none.
func (w *worker) put(ctx context.Context, recs []*sitrep.Record) error {
	if len(recs) == 0 {
		return nil
	}
	iw := ingest.NewWriter(w.st)
	iw.Batch, iw.NoStories = len(recs)+1, true
	for _, r := range recs {
		if err := iw.Add(ctx, r); err != nil {
			return w.classify(ctx, err)
		}
	}
	if err := iw.Flush(ctx); err != nil {
		return w.classify(ctx, err)
	}
	w.stored.Add(int64(iw.Stats.New + iw.Stats.NearDuplicates))
	w.dups.Add(int64(iw.Stats.Duplicates))
	return nil
}

// replace stores a re-extracted record in place of the stored one.
func (w *worker) replace(ctx context.Context, rec *sitrep.Record) error {
	rep, ok := w.st.(sitrep.RecordReplacer)
	if !ok {
		return sitrep.Errorf(sitrep.EINVALID, "reextract: document %s: this store cannot replace records yet", rec.Document.ID)
	}
	err := w.classify(ctx, rep.ReplaceRecord(ctx, rec))
	if sitrep.ErrorCode(err) == sitrep.ENOTFOUND {
		return sitrep.Errorf(sitrep.EINVALID, "reextract: document %s is no longer stored", rec.Document.ID)
	}
	return err
}

// classify turns a store error into EUNAVAILABLE when the database does not
// answer a trivial query either.
func (w *worker) classify(ctx context.Context, err error) error {
	switch sitrep.ErrorCode(err) {
	case "", sitrep.EUNAVAILABLE, sitrep.EINVALID, sitrep.ENOTFOUND:
		return err
	}
	pctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if _, perr := w.st.SchemaVersion(pctx); perr != nil {
		return &sitrep.Error{Code: sitrep.EUNAVAILABLE, Op: "store", Message: "database not answering", Err: err}
	}
	return err
}

// storedDoc returns a stored document ready for the pipeline again.
func (w *worker) storedDoc(ctx context.Context, id string) (*sitrep.Doc, error) {
	rec, err := w.st.FindRecord(ctx, id)
	if sitrep.ErrorCode(err) == sitrep.ENOTFOUND {
		return nil, sitrep.Errorf(sitrep.EINVALID, "reextract: document %s is not stored", id)
	}
	if err != nil {
		return nil, w.classify(ctx, err)
	}
	return storedDocOf(rec), nil
}

// storedDocOf rebuilds the pipeline's input from a stored record: its
// metadata as given, not what an earlier extraction inferred.
func storedDocOf(rec *sitrep.Record) *sitrep.Doc {
	meta := rec.Document
	if meta.PublishedInferred {
		meta.Published, meta.PublishedInferred, meta.PublishedConfidence, meta.PublishedEvidence = "", false, 0, nil
	}
	return sitrep.NewDoc(meta, meta.Text)
}

// cluster places pending story items; the caller holds the stories lock.
func (w *worker) cluster(ctx context.Context) {
	if err := clusterStories(ctx, w.st); err != nil {
		w.log.Warn("stories not updated; the items stay pending", "err", err)
	}
}
