package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"time"

	"sitrep"
	"sitrep/input"
	"sitrep/internal/cputime"
	"sitrep/pipeline"
	"sitrep/shared"
)

// inputStage names the reading and normalizing of documents in bench's
// figures: it is part of the whole pipeline's cost though not a Stage.
const inputStage = "input"

func runBench(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("bench", "[flags] [PATH...]",
		"Run the whole pipeline over a corpus and print words per second per core for each stage\n"+
			"and in total, documents per second, allocations and peak memory. PATH is a file or a\n"+
			"directory (JSONL, JSON, text or HTML files); the default is ../shared/data/corpus.\n"+
			"With --queue and --db, measure end-to-end throughput through NATS and PostgreSQL instead.")
	var df docFlags
	df.register(fs)
	jsonOut := fs.Bool("json", false, "print one JSON object instead of a table")
	workers := fs.Int("workers", 1, "documents extracted at once (goroutines; with --queue, worker processes)")
	repeat := fs.Int("repeat", 1, "passes over the corpus (more passes, steadier figures)")
	queueURL := fs.String("queue", "", "NATS URL (nats://host:4222): measure through the queue and the workers")
	dbURL := fs.String("db", "", "with --queue: the PostgreSQL database the workers store into")
	cores := fs.Int("worker-cores", 1, "with --queue: cores (GOMAXPROCS) of each worker process")
	wconc := fs.Int("worker-concurrency", 64, "with --queue: documents each worker has in hand (its --concurrency)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *workers < 1 || *workers > 1024 {
		return sitrep.Errorf(sitrep.EINVALID, "--workers %d: want 1 to 1024", *workers)
	}
	if *repeat < 1 || *repeat > 1000 {
		return sitrep.Errorf(sitrep.EINVALID, "--repeat %d: want 1 to 1000", *repeat)
	}
	opt, err := df.options()
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		p := shared.Path("data", "corpus")
		if p == "" {
			return sitrep.Errorf(sitrep.EINVALID, "no corpus given and ../shared/data/corpus not found: name a file or directory")
		}
		pos = []string{p}
	}
	files, err := benchFiles(pos)
	if err != nil {
		return err
	}
	if *queueURL != "" {
		if *cores < 1 || *cores > 256 || *wconc < 1 || *wconc > 1024 {
			return sitrep.Errorf(sitrep.EINVALID, "--worker-cores %d, --worker-concurrency %d: want 1 to 256 and 1 to 1024", *cores, *wconc)
		}
		return runBenchQueue(ctx, m, benchQueueConfig{
			files: files, opt: opt, df: df, queueURL: *queueURL, dbURL: *dbURL,
			workers: *workers, cores: *cores, concurrency: *wconc, json: *jsonOut,
		})
	}
	if *dbURL != "" {
		return sitrep.Errorf(sitrep.EINVALID, "--db needs --queue (bench alone stores nothing)")
	}
	p, err := newPipeline()
	if err != nil {
		return err
	}
	res, err := bench(ctx, p, files, opt, df, *workers, *repeat)
	if err != nil {
		return err
	}
	if *jsonOut {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	res.writeTable(m.Stdout)
	return nil
}

// benchFiles expands the paths into the files to read, in a stable order.
func benchFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: cannot open: %s", p, errText(err))
		}
		if !fi.IsDir() {
			files = append(files, p)
			continue
		}
		var in []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".jsonl", ".ndjson", ".json", ".txt", ".text", ".html", ".htm":
				in = append(in, path)
			}
			return nil
		})
		if err != nil {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: cannot read directory: %s", p, errText(err))
		}
		if len(in) == 0 {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: no documents (.jsonl, .json, .txt or .html files) in the directory", p)
		}
		slices.Sort(in)
		files = append(files, in...)
	}
	return files, nil
}

// StageFigures are one stage's figures.
type StageFigures struct {
	// Seconds is CPU time where Clock says so, else wall-clock time.
	Seconds               float64 `json:"seconds"`
	WallSeconds           float64 `json:"wall_seconds"`
	WordsPerSecondPerCore float64 `json:"words_per_second_per_core"`
	Share                 float64 `json:"share_percent"`
}

// BenchResult is what sitrep bench prints. Per-core figures divide by the
// time the work took summed over the goroutines doing it, so they do not
// depend on --workers; the wall-clock figures do.
type BenchResult struct {
	Corpus    []string `json:"corpus"`
	Workers   int      `json:"workers"`
	Repeat    int      `json:"repeat"`
	Documents int      `json:"documents"`
	Failed    int      `json:"failed"`
	// Unreadable counts inputs the reader rejected (not JSON objects, no
	// text, too large); they are not in Documents.
	Unreadable int   `json:"unreadable"`
	Words      int64 `json:"words"`
	Bytes      int64 `json:"bytes"`

	WordsPerSecondPerCore float64 `json:"words_per_second_per_core"`
	DocsPerSecondPerCore  float64 `json:"documents_per_second_per_core"`
	WallSeconds           float64 `json:"wall_seconds"`
	DocsPerSecond         float64 `json:"documents_per_second"`
	WordsPerSecond        float64 `json:"words_per_second"`
	// CPUSeconds is the process's CPU time over the run, garbage
	// collection included; WordsPerCPUSecond divides by it.
	CPUSeconds        float64 `json:"cpu_seconds"`
	WordsPerCPUSecond float64 `json:"words_per_cpu_second"`
	// Clock says what the stage figures measure: "thread-cpu" or "wall".
	Clock string `json:"clock"`

	StageOrder []string                 `json:"stage_order"`
	Stages     map[string]*StageFigures `json:"stages"`

	AllocBytes        uint64  `json:"alloc_bytes"`
	AllocObjects      uint64  `json:"alloc_objects"`
	AllocBytesPerWord float64 `json:"alloc_bytes_per_word"`
	AllocsPerDoc      float64 `json:"allocs_per_document"`
	PeakRSSBytes      int64   `json:"peak_rss_bytes"`
	PeakHeapBytes     uint64  `json:"peak_heap_bytes"`

	Errors []string `json:"errors,omitempty"`
}

// stageClock sums the time spent in each stage over all goroutines: the
// CPU time of the thread that ran it where the system tells (each bench
// goroutine is locked to its thread), else the wall-clock time. CPU time
// keeps the figures per core honest on a machine that other processes
// share: a stage waiting for a core is not charged for the wait.
type stageClock struct {
	mu   sync.Mutex
	d    map[string]time.Duration // what the figures use
	wall map[string]time.Duration
	last map[int]time.Duration // thread CPU time at the last mark, by thread
}

func newStageClock() *stageClock {
	return &stageClock{d: map[string]time.Duration{}, wall: map[string]time.Duration{}, last: map[int]time.Duration{}}
}

// mark starts the calling thread's next measurement.
func (c *stageClock) mark() {
	if !threadCPUKnown {
		return
	}
	tid, now := threadID(), threadCPU()
	c.mu.Lock()
	c.last[tid] = now
	c.mu.Unlock()
}

// add charges stage with the time since the calling thread's last mark
// (or the wall-clock time wall) and marks again.
func (c *stageClock) add(stage string, wall time.Duration) {
	d := wall
	var tid int
	var now time.Duration
	if threadCPUKnown {
		tid, now = threadID(), threadCPU()
	}
	c.mu.Lock()
	if threadCPUKnown {
		d = now - c.last[tid]
		c.last[tid] = now
	}
	c.d[stage] += d
	c.wall[stage] += wall
	c.mu.Unlock()
}

// bench runs p over the files repeat times on workers goroutines.
func bench(ctx context.Context, p *pipeline.Pipeline, files []string, opt input.Options, df docFlags, workers, repeat int) (*BenchResult, error) {
	clock := newStageClock()
	p.Observe = clock.add
	res := &BenchResult{Corpus: files, Workers: workers, Repeat: repeat,
		StageOrder: append([]string{inputStage}, p.Names()...), Stages: map[string]*StageFigures{}}

	type result struct {
		words, bytes int64
		err          error
	}
	docs := make(chan *sitrep.Doc, workers*2)
	results := make(chan result, workers*2)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			for d := range docs {
				clock.mark()
				err := p.Run(d)
				results <- result{words: countWords(d), bytes: int64(len(d.Text)), err: err}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	peak := startHeapSampler()
	before := readAllocs()
	cpu0 := cputime.Process()
	start := time.Now()
	readErr := make(chan error, 1)
	var unreadable []error
	go func() {
		defer close(docs)
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		for range repeat {
			for _, name := range files {
				if err := benchRead(ctx, name, opt, df, clock, docs, &unreadable); err != nil {
					readErr <- err
					return
				}
			}
		}
		readErr <- nil
	}()
	for r := range results {
		if r.err != nil {
			res.Failed++
			if len(res.Errors) < 10 {
				res.Errors = append(res.Errors, r.err.Error())
			}
			continue
		}
		res.Documents++
		res.Words += r.words
		res.Bytes += r.bytes
	}
	wall := time.Since(start)
	cpu := cputime.Process() - cpu0
	after := readAllocs()
	res.PeakHeapBytes = peak()
	if err := <-readErr; err != nil {
		return nil, err
	}
	res.Unreadable = len(unreadable)
	for _, err := range unreadable[:min(len(unreadable), 5)] {
		res.Errors = append(res.Errors, err.Error())
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if res.Documents == 0 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: no document could be extracted", strings.Join(files, ", "))
	}

	var total time.Duration
	for _, name := range res.StageOrder {
		total += clock.d[name]
	}
	for _, name := range res.StageOrder {
		d := clock.d[name]
		f := &StageFigures{Seconds: d.Seconds(), WallSeconds: clock.wall[name].Seconds(), WordsPerSecondPerCore: perSecond(float64(res.Words), d)}
		if total > 0 {
			f.Share = 100 * float64(d) / float64(total)
		}
		res.Stages[name] = f
	}
	res.WordsPerSecondPerCore = perSecond(float64(res.Words), total)
	res.DocsPerSecondPerCore = perSecond(float64(res.Documents), total)
	res.WallSeconds = wall.Seconds()
	res.DocsPerSecond = perSecond(float64(res.Documents), wall)
	res.WordsPerSecond = perSecond(float64(res.Words), wall)
	res.CPUSeconds = cpu.Seconds()
	res.WordsPerCPUSecond = perSecond(float64(res.Words), cpu)
	res.Clock = "wall"
	if threadCPUKnown {
		res.Clock = "thread-cpu"
	}
	res.AllocBytes = after.bytes - before.bytes
	res.AllocObjects = after.objects - before.objects
	res.AllocBytesPerWord = float64(res.AllocBytes) / float64(max(res.Words, 1))
	res.AllocsPerDoc = float64(res.AllocObjects) / float64(res.Documents)
	res.PeakRSSBytes = peakRSS()
	return res, nil
}

// benchRead reads one file and sends its documents, timing the reading and
// normalizing as the input stage. Unreadable documents are skipped: bench
// measures extraction, and sitrep ingest reports them.
func benchRead(ctx context.Context, name string, opt input.Options, df docFlags, clock *stageClock, docs chan<- *sitrep.Doc, bad *[]error) error {
	f, err := os.Open(name)
	if err != nil {
		return sitrep.Errorf(sitrep.EINVALID, "%s: cannot open: %s", name, errText(err))
	}
	defer f.Close()
	t := time.Now()
	clock.mark()
	return input.Read(name, f, opt, func(it input.Item) bool {
		if ctx.Err() != nil {
			return false
		}
		if it.Err != nil {
			*bad = append(*bad, it.Err)
			return true
		}
		df.apply(&it)
		d := it.Doc()
		clock.add(inputStage, time.Since(t))
		select {
		case docs <- d:
		case <-ctx.Done():
			return false
		}
		t = time.Now()
		clock.mark()
		return true
	})
}

// countWords counts the word and number tokens: punctuation is not a word,
// so the figure is lower than a count of all tokens would be.
func countWords(d *sitrep.Doc) int64 {
	n := int64(0)
	for _, t := range d.Tokens {
		if t.Kind == sitrep.TokWord || t.Kind == sitrep.TokNumber {
			n++
		}
	}
	return n
}

func perSecond(n float64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return n / d.Seconds()
}

type allocs struct{ bytes, objects uint64 }

func readAllocs() allocs {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}, {Name: "/gc/heap/allocs:objects"}}
	metrics.Read(s)
	return allocs{bytes: s[0].Value.Uint64(), objects: s[1].Value.Uint64()}
}

// startHeapSampler samples the live heap every few milliseconds until the
// returned function is called, which returns the largest sample. Peak RSS
// (getrusage) covers the whole process; the heap peak shows what the
// documents in flight cost.
func startHeapSampler() func() uint64 {
	done := make(chan struct{})
	out := make(chan uint64)
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var peak uint64
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-done:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 { close(done); return <-out }
}

func (r *BenchResult) writeTable(w io.Writer) {
	fmt.Fprintf(w, "corpus      %s\n", strings.Join(r.Corpus, ", "))
	fmt.Fprintf(w, "documents   %d (%d failed, %d unreadable), %d words, %.1f MB, %d pass(es), %d worker(s), GOMAXPROCS %d\n\n",
		r.Documents, r.Failed, r.Unreadable, r.Words, float64(r.Bytes)/1e6, r.Repeat, r.Workers, runtime.GOMAXPROCS(0))
	fmt.Fprintf(w, "%-14s %12s %10s %10s %7s\n", "stage", "words/s/core", r.Clock+" s", "wall s", "share")
	for _, name := range r.StageOrder {
		f := r.Stages[name]
		fmt.Fprintf(w, "%-14s %12.0f %10.3f %10.3f %6.1f%%\n", name, f.WordsPerSecondPerCore, f.Seconds, f.WallSeconds, f.Share)
	}
	fmt.Fprintf(w, "%-14s %12.0f\n\n", "whole pipeline", r.WordsPerSecondPerCore)
	fmt.Fprintf(w, "process       %.0f words per CPU second (garbage collection included), %.2f CPU s\n", r.WordsPerCPUSecond, r.CPUSeconds)
	fmt.Fprintf(w, "documents/s   %.1f per core, %.1f wall clock (%.0f words/s, %.2f s)\n",
		r.DocsPerSecondPerCore, r.DocsPerSecond, r.WordsPerSecond, r.WallSeconds)
	fmt.Fprintf(w, "allocations   %.1f MB, %d objects (%.0f bytes/word, %.0f objects/document)\n",
		float64(r.AllocBytes)/1e6, r.AllocObjects, r.AllocBytesPerWord, r.AllocsPerDoc)
	fmt.Fprintf(w, "peak memory   %.1f MB resident, %.1f MB live heap\n", float64(r.PeakRSSBytes)/1e6, float64(r.PeakHeapBytes)/1e6)
	for _, e := range r.Errors {
		fmt.Fprintf(w, "not counted: %s\n", e)
	}
}
