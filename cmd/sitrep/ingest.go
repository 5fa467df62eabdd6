package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"sitrep"
	"sitrep/dedup"
	"sitrep/ingest"
	"sitrep/input"
	"sitrep/pipeline"
	"sitrep/progress"
)

func runIngest(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("ingest", "[flags] PATH|URL...",
		"Read documents (files, directories recursively, JSONL, HTML pages, RSS/Atom feeds, by path or URL),\n"+
			"extract their records on all cores and store them: documents already stored are skipped,\n"+
			"near-duplicates are linked to their originals, and stories are updated as records arrive.")
	var df docFlags
	df.register(fs)
	db := dbFlag(fs)
	workers := fs.Int("workers", runtime.NumCPU(), "extraction workers")
	batch := fs.Int("batch", 100, "records stored per transaction")
	timeout := fs.Duration("timeout", 15*time.Second, "time limit for fetching one URL")
	noFetch := fs.Bool("no-fetch", false, "take feed items that hold only a summary as they are, without fetching their pages")
	threshold := fs.Float64("near-duplicate", dedup.Threshold, "least estimated similarity (0-1) for a document to be linked as a near-duplicate")
	noStories := fs.Bool("no-stories", false, "store records without clustering stories (a separate run or worker clusters them)")
	asJSON := fs.Bool("json", false, "print the summary as one JSON object")
	var qf queueFlags
	qf.registerURL(fs, "queue the documents on this NATS server (nats://host:4222) for sitrep worker instead of extracting them here")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return errUsage
	}
	if *workers < 1 || *batch < 1 || *threshold <= 0 || *threshold > 1 || *timeout <= 0 {
		return sitrep.Errorf(sitrep.EINVALID, "--workers and --batch must be positive, --timeout positive, --near-duplicate in (0, 1]")
	}
	opt, err := df.options()
	if err != nil {
		return err
	}
	if qf.url != "" {
		rd := &ingest.Reader{Options: opt, Timeout: *timeout, NoFetch: *noFetch, Stdin: m.Stdin}
		return m.ingestToQueue(ctx, &qf, rd, pos, df, *asJSON)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	shared, err := newPipeline()
	if err != nil {
		return err
	}
	// The pipeline is shared by the process; this run observes its own copy.
	pc := *shared
	p := &pc
	var extractTime time.Duration
	var extractMu sync.Mutex
	p.Observe = func(_ string, d time.Duration) {
		extractMu.Lock()
		extractTime += d
		extractMu.Unlock()
	}

	start := time.Now()
	// The bar is drawn on standard error, so that is what must be a
	// terminal (standard output may be a file or a pipe).
	bar := progress.New(m.Stderr, estimate(pos, opt), "ingest", m.IsTerminal && progress.IsTerminal(m.Stderr))
	w := ingest.NewWriter(st)
	w.Batch, w.Threshold, w.NoStories, w.Background = *batch, *threshold, *noStories, true
	rd := &ingest.Reader{Options: opt, Timeout: *timeout, NoFetch: *noFetch, Stdin: m.Stdin}

	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	in := make(chan *sitrep.Doc, 2**workers)
	out := make(chan pipeline.Result, 2**workers)
	p.Stream(rctx, *workers, in, out)

	// The reader runs ahead of extraction; its counts are its own until it
	// is done, so the two goroutines share nothing but the channels.
	var read ingest.Stats
	readDone := make(chan error, 1)
	go func() {
		defer close(in)
		seen := map[string]bool{}
		n := 0
		readDone <- rd.Read(rctx, pos, func(it input.Item) bool {
			read.Read++
			if n++; int64(n) > bar.Total() {
				// Feeds hold more documents than estimated.
				bar.Grow(1)
			}
			if it.Err != nil {
				read.Fail(it.Name, it.Err)
				bar.Add(1)
				return true
			}
			df.apply(&it)
			d := it.Doc()
			known := seen[d.Meta.ID]
			if !known {
				var err error
				if known, err = st.HasDocument(rctx, d.Meta.ID); err != nil {
					read.Fail(it.Name, err)
					bar.Add(1)
					return rctx.Err() == nil
				}
			}
			seen[d.Meta.ID] = true
			if known {
				read.Duplicates++
				bar.Add(1)
				return true
			}
			select {
			case in <- d:
				return true
			case <-rctx.Done():
				return false
			}
		})
	}()

	var storeErr error
	extracted := 0
	var extractFailed ingest.Stats
	for r := range out {
		if storeErr != nil {
			continue
		}
		if r.Err != nil {
			extractFailed.Fail(r.Doc.Meta.Input, r.Err)
			bar.Add(1)
			continue
		}
		extracted++
		rec := r.Doc.Record(false)
		if err := w.Add(ctx, &rec); err != nil {
			storeErr = err
			cancel()
			continue
		}
		bar.Add(1)
	}
	readErr := <-readDone
	if storeErr == nil {
		storeErr = w.Close(context.WithoutCancel(ctx))
	}
	bar.Finish()
	elapsed := time.Since(start)

	s := w.Stats
	s.Read = read.Read
	s.Duplicates += read.Duplicates
	s.Failed = read.Failed + extractFailed.Failed
	s.Failures = append(read.Failures, extractFailed.Failures...)
	stats, _ := st.Stats(context.WithoutCancel(ctx))
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetEscapeHTML(false)
		enc.Encode(struct {
			ingest.Stats
			Seconds float64           `json:"seconds"`
			Store   sitrep.StoreStats `json:"store"`
		}{s, elapsed.Seconds(), stats})
	} else {
		rate := func(n int, d time.Duration) string {
			if d <= 0 || n == 0 {
				return ""
			}
			return fmt.Sprintf(", %.0f docs/s", float64(n)/d.Seconds())
		}
		fmt.Fprintf(m.Stdout, "read: %d documents from %d inputs, %d failed\n", read.Read, len(pos), read.Failed)
		fmt.Fprintf(m.Stdout, "dedup: %d already stored or repeated, %d near-duplicates linked to an original (%s)\n",
			s.Duplicates, s.NearDuplicates, w.Stats.DedupTime.Round(time.Millisecond))
		fmt.Fprintf(m.Stdout, "extract: %d documents on %d workers, %d failed (%s of stage time)\n",
			extracted, *workers, extractFailed.Failed, extractTime.Round(time.Millisecond))
		fmt.Fprintf(m.Stdout, "store: %d records stored in %s (%s%s)\n", s.New+s.NearDuplicates, *db, w.Stats.StoreTime.Round(time.Millisecond), rate(s.New+s.NearDuplicates, w.Stats.StoreTime))
		if *noStories {
			fmt.Fprintf(m.Stdout, "stories: not clustered (--no-stories); %d items pending\n", stats.Pending)
		} else {
			fmt.Fprintf(m.Stdout, "stories: %d items clustered, %d stories in the store (%s)\n", s.Clustered, stats.Stories, w.Stats.StoryTime.Round(time.Millisecond))
		}
		fmt.Fprintf(m.Stdout, "ingest: read %d, new %d, near-duplicates %d, duplicates %d, failed %d in %s%s\n",
			s.Read, s.New, s.NearDuplicates, s.Duplicates, s.Failed, elapsed.Round(time.Millisecond), rate(s.Read, elapsed))
		for _, f := range s.Failures {
			fmt.Fprintf(m.Stdout, "failed: %s\n", oneLine(f.Reason))
		}
	}
	switch {
	case storeErr != nil:
		return storeErr
	case ctx.Err() != nil:
		return ctx.Err()
	case readErr != nil && readErr != context.Canceled:
		return readErr
	case s.Failed > 0:
		return &sitrep.Error{Code: sitrep.EINVALID, Message: fmt.Sprintf("%d of %d documents could not be ingested (see above)", s.Failed, s.Read)}
	}
	return nil
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " ..."
	}
	return s
}

// estimate counts the documents the inputs hold, for the progress bar: a
// JSONL file's lines, one per other file or URL. Feeds add their items as
// they are read.
func estimate(inputs []string, opt input.Options) int64 {
	var n int64
	count := func(path string) {
		if opt.Format != input.FormatJSONL && !strings.HasSuffix(strings.ToLower(path), ".jsonl") && !strings.HasSuffix(strings.ToLower(path), ".ndjson") {
			n++
			return
		}
		f, err := os.Open(path)
		if err != nil {
			n++
			return
		}
		defer f.Close()
		br := bufio.NewReaderSize(f, 256<<10)
		buf := make([]byte, 256<<10)
		last := byte('\n')
		for {
			k, err := br.Read(buf)
			n += int64(bytes.Count(buf[:k], []byte{'\n'}))
			if k > 0 {
				last = buf[k-1]
			}
			if err == io.EOF || err != nil {
				break
			}
		}
		if last != '\n' {
			n++
		}
	}
	for _, in := range inputs {
		if ingest.IsURL(in) || in == "-" {
			n++
			continue
		}
		fi, err := os.Stat(in)
		if err != nil || !fi.IsDir() {
			count(in)
			continue
		}
		filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") {
				count(path)
			}
			return nil
		})
	}
	return n
}
