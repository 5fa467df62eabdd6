package ingest

import (
	"context"
	"fmt"
	"time"

	"sitrep"
	"sitrep/dedup"
	"sitrep/story"
)

// Failure is one input that could not be ingested, and why.
type Failure struct {
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// Stats counts what an ingest did. Read = New + NearDuplicates +
// Duplicates + Failed.
type Stats struct {
	Read int `json:"read"`
	// New counts original documents stored.
	New int `json:"new"`
	// NearDuplicates counts documents stored and linked to an original
	// they copy (syndicated or lightly edited).
	NearDuplicates int `json:"near_duplicates"`
	// Duplicates counts documents already stored (or read twice).
	Duplicates int       `json:"duplicates"`
	Failed     int       `json:"failed"`
	Failures   []Failure `json:"failures,omitempty"`
	// Clustered counts the story items placed.
	Clustered int           `json:"clustered"`
	StoreTime time.Duration `json:"-"`
	StoryTime time.Duration `json:"-"`
	DedupTime time.Duration `json:"-"`
}

// Fail counts a failed input.
func (s *Stats) Fail(name string, err error) {
	s.Failed++
	s.Failures = append(s.Failures, Failure{Name: name, Reason: err.Error()})
}

// Writer stores extracted records in batches. A batch is one transaction:
// a crash loses at most the batch being written, which a re-run ingests
// again, and the stories of stored records are clustered after each batch
// (and resumed from the store's pending items after a crash).
type Writer struct {
	Store sitrep.Store
	// Batch is the number of records per transaction.
	Batch int
	// Threshold is the least estimated similarity for a near-duplicate.
	Threshold float64
	// NoStories leaves clustering to someone else (a dedicated worker).
	NoStories bool
	Stats     Stats
	// Stored, when set, is called after each batch with the number of
	// records it held.
	Stored func(n int)

	// Background, when set before the first Add, clusters in a goroutine
	// of its own while the next batches are read and stored; Close waits
	// for it.
	Background bool

	recs []*sitrep.Record
	opts []sitrep.PutOptions
	// prior holds, for each queued record, the earlier queued ones that
	// share a band with it, in the order found.
	prior [][]int
	seen  map[string]bool
	bands map[uint64][]int
	clus  *story.Clusterer

	wake    chan struct{}
	bgDone  chan struct{}
	bgErr   error
	bgCount int
	bgTime  time.Duration
}

// NewWriter returns a writer to st with the default batch size and
// near-duplicate threshold.
func NewWriter(st sitrep.Store) *Writer {
	return &Writer{Store: st, Batch: 100, Threshold: dedup.Threshold, seen: map[string]bool{}, bands: map[uint64][]int{}, clus: story.New(st)}
}

// Known reports whether a document with this ID is already stored or was
// already given to this writer; the caller skips extracting it and counts
// it as a duplicate.
func (w *Writer) Known(ctx context.Context, id string) (bool, error) {
	if w.seen[id] {
		return true, nil
	}
	return w.Store.HasDocument(ctx, id)
}

// Add queues a record, to be linked to a stored or queued original it
// nearly duplicates, and writes the batch when it is full.
func (w *Writer) Add(ctx context.Context, rec *sitrep.Record) error {
	id := rec.Document.ID
	if w.seen[id] {
		w.Stats.Duplicates++
		return nil
	}
	w.seen[id] = true
	start := time.Now()
	sig := dedup.Sign(rec.Document.Text)
	opt := sitrep.PutOptions{Signature: sig, Bands: dedup.BandKeys(sig)}
	var prior []int
	done := map[int]bool{}
	for _, b := range opt.Bands {
		for _, i := range w.bands[b] {
			if !done[i] {
				done[i] = true
				prior = append(prior, i)
			}
		}
	}
	for _, b := range opt.Bands {
		w.bands[b] = append(w.bands[b], len(w.recs))
	}
	w.Stats.DedupTime += time.Since(start)
	w.recs = append(w.recs, rec)
	w.opts = append(w.opts, opt)
	w.prior = append(w.prior, prior)
	if len(w.recs) >= max(1, w.Batch) {
		return w.Flush(ctx)
	}
	return nil
}

// BatchNearDuplicates is a store that looks up the near-duplicate
// candidates of many documents at once (sitrep.Store.NearDuplicates for
// each list of bands, in one round trip).
type BatchNearDuplicates interface {
	NearDuplicatesBatch(ctx context.Context, bands [][]uint64) ([][]sitrep.DuplicateCandidate, error)
}

// link links each queued record to the most similar stored document or
// earlier queued record, looking the stored ones up for the whole batch
// at once: the store does not change between Add and Flush (the writer
// is the only one storing), so this is what looking up at each Add finds.
func (w *Writer) link(ctx context.Context) error {
	start := time.Now()
	defer func() { w.Stats.DedupTime += time.Since(start) }()
	bands := make([][]uint64, len(w.opts))
	for i := range w.opts {
		bands[i] = w.opts[i].Bands
	}
	var cands [][]sitrep.DuplicateCandidate
	if bs, ok := w.Store.(BatchNearDuplicates); ok {
		var err error
		if cands, err = bs.NearDuplicatesBatch(ctx, bands); err != nil {
			return err
		}
	} else {
		for _, b := range bands {
			c, err := w.Store.NearDuplicates(ctx, b)
			if err != nil {
				return err
			}
			cands = append(cands, c)
		}
	}
	for i, rec := range w.recs {
		opt := &w.opts[i]
		id := rec.Document.ID
		for _, c := range cands[i] {
			link(opt, id, w.Threshold, c.ID, c.DuplicateOf, c.Signature)
		}
		for _, j := range w.prior[i] {
			link(opt, id, w.Threshold, w.recs[j].Document.ID, w.opts[j].DuplicateOf, w.opts[j].Signature)
		}
	}
	return nil
}

// NearDuplicate returns the put options of rec: its MinHash signature and
// bands, and a link to the stored document it nearly duplicates (the most
// similar one at or above threshold, or that document's own original), if
// any. The server's ingest uses it per document; Writer.Add also looks
// among the records it has queued.
func NearDuplicate(ctx context.Context, st sitrep.Store, rec *sitrep.Record, threshold float64) (sitrep.PutOptions, error) {
	sig := dedup.Sign(rec.Document.Text)
	opt := sitrep.PutOptions{Signature: sig, Bands: dedup.BandKeys(sig)}
	cands, err := st.NearDuplicates(ctx, opt.Bands)
	if err != nil {
		return opt, err
	}
	for _, c := range cands {
		link(&opt, rec.Document.ID, threshold, c.ID, c.DuplicateOf, c.Signature)
	}
	return opt, nil
}

// link makes opt (of the document id) point at the candidate cid when it
// is more similar than the best so far and at least threshold.
func link(opt *sitrep.PutOptions, id string, threshold float64, cid, dupOf string, csig []uint64) {
	if s := dedup.Similarity(opt.Signature, csig); s >= threshold && s > opt.Similarity && cid != id {
		opt.DuplicateOf, opt.Similarity = cid, s
		if dupOf != "" {
			// Link to the original, not to another copy of it.
			opt.DuplicateOf = dupOf
		}
	}
}

// Flush writes the queued records in one transaction and clusters the
// new items.
func (w *Writer) Flush(ctx context.Context) error {
	if len(w.recs) > 0 {
		if err := w.link(ctx); err != nil {
			return fmt.Errorf("ingest: near-duplicates of %d records: %w", len(w.recs), err)
		}
		start := time.Now()
		res, err := w.Store.PutRecords(ctx, w.recs, w.opts)
		if err != nil {
			return fmt.Errorf("ingest: store %d records: %w", len(w.recs), err)
		}
		w.Stats.StoreTime += time.Since(start)
		for _, r := range res {
			switch {
			case !r.New:
				w.Stats.Duplicates++
			case r.DuplicateOf != "":
				w.Stats.NearDuplicates++
			default:
				w.Stats.New++
			}
		}
		n := len(w.recs)
		w.recs, w.opts, w.prior = w.recs[:0], w.opts[:0], w.prior[:0]
		clear(w.bands)
		if w.Stored != nil {
			w.Stored(n)
		}
	}
	return w.Cluster(ctx)
}

// Cluster places every pending story item of the store, or, in the
// background, asks the clustering goroutine to.
func (w *Writer) Cluster(ctx context.Context) error {
	if w.NoStories {
		return nil
	}
	if w.Background {
		if w.wake == nil {
			w.wake, w.bgDone = make(chan struct{}, 1), make(chan struct{})
			go w.background(context.WithoutCancel(ctx))
		}
		select {
		case w.wake <- struct{}{}:
		default: // a run is already due
		}
		return nil
	}
	start := time.Now()
	n, err := w.clus.Run(ctx)
	w.Stats.Clustered += n
	w.Stats.StoryTime += time.Since(start)
	return err
}

func (w *Writer) background(ctx context.Context) {
	defer close(w.bgDone)
	for range w.wake {
		start := time.Now()
		n, err := w.clus.Run(ctx)
		w.bgCount += n
		w.bgTime += time.Since(start)
		if err != nil {
			w.bgErr = err
			// Drain the wake-ups so that Close does not block.
			for range w.wake {
			}
			return
		}
	}
}

// Close flushes what is queued and, with Background, waits for the
// clustering to catch up. The Stats are complete after it.
func (w *Writer) Close(ctx context.Context) error {
	err := w.Flush(ctx)
	if w.wake != nil {
		close(w.wake)
		<-w.bgDone
		w.wake = nil
		w.Stats.Clustered += w.bgCount
		w.Stats.StoryTime += w.bgTime
		w.bgCount, w.bgTime = 0, 0
		if err == nil {
			err = w.bgErr
		}
		if err == nil {
			// Items stored after the last run began.
			w.Background = false
			err = w.Cluster(ctx)
			w.Background = true
		}
	}
	return err
}
