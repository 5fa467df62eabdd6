package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"sitrep"
	"sitrep/ingest"
	"sitrep/input"
	"sitrep/internal/cputime"
	"sitrep/nats"
	"sitrep/postgres"
)

type benchQueueConfig struct {
	files           []string
	opt             input.Options
	df              docFlags
	queueURL, dbURL string
	workers         int
	cores           int
	concurrency     int
	json            bool
}

// QueueBenchResult is what sitrep bench --queue prints.
type QueueBenchResult struct {
	Workers        int   `json:"workers"`
	CoresPerWorker int   `json:"cores_per_worker"`
	Documents      int   `json:"documents"`
	Words          int64 `json:"words"`
	// TimedDocuments are those stored after every worker was ready, over
	// Seconds; the rates are theirs (words per second: at the corpus's
	// mean words per document).
	TimedDocuments int     `json:"timed_documents"`
	Seconds        float64 `json:"seconds"`
	DocsPerSecond  float64 `json:"documents_per_second"`
	WordsPerSecond float64 `json:"words_per_second"`
	// WorkerPeakRSSBytes is each worker's peak resident memory.
	WorkerPeakRSSBytes []int64 `json:"worker_peak_rss_bytes"`
	// WorkerCPUSeconds is each worker's CPU time (user and system) over
	// its whole life, loading the models included.
	WorkerCPUSeconds []float64 `json:"worker_cpu_seconds"`
	// WorkerSummaries is each worker's last log line: where its time went.
	WorkerSummaries []string `json:"worker_summaries"`
	// CPUPerDocument is the CPU time per timed document, in milliseconds,
	// over the timed run, of the workers together, and of the PostgreSQL
	// and NATS servers and of the bench itself (which published before the
	// clock started and then only watches) where they run on
	// this machine (Linux only): what the run costs, wherever it ran.
	CPUPerDocument map[string]float64 `json:"cpu_ms_per_document,omitempty"`
	// CPUCeiling is this machine's cores divided by the CPU time of a
	// document (every part above): the most documents per second it could
	// do if nothing ever waited.
	CPUCeiling  float64 `json:"cpu_ceiling_documents_per_second,omitempty"`
	Stories     int     `json:"stories"`
	DeadLetters int     `json:"dead_letters"`
}

// runBenchQueue measures end to end through NATS and PostgreSQL: it
// publishes the corpus on a queue name of its own, starts N worker
// processes on a PostgreSQL schema of its own (dropped afterwards), and
// times from when every worker has loaded its models until every document
// is stored and every story item placed, so that start-up is not counted.
func runBenchQueue(ctx context.Context, m *Main, c benchQueueConfig) error {
	if !strings.HasPrefix(c.dbURL, "postgres://") && !strings.HasPrefix(c.dbURL, "postgresql://") {
		return sitrep.Errorf(sitrep.EINVALID, "bench --queue needs --db postgres://… (the workers' database)")
	}
	var b [4]byte
	rand.Read(b[:])
	tag := hex.EncodeToString(b[:])
	schema, name := "sitrep_bench_"+tag, "BENCH_"+strings.ToUpper(tag)
	st, err := postgres.OpenSchema(ctx, c.dbURL, schema, 0)
	if err != nil {
		return err
	}
	defer func() {
		st.DropSchema(context.WithoutCancel(ctx))
		st.Close()
	}()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	qf := queueFlags{url: c.queueURL, name: name, maxAttempts: 3, ackWait: 30 * time.Second}
	q, err := qf.open(ctx, log)
	if err != nil {
		return err
	}
	defer q.Close()
	defer q.Delete(context.WithoutCancel(ctx))

	var words int64
	counting := &countingQueue{Queue: q, words: &words}
	sum, err := publishInputs(ctx, counting, &ingest.Reader{Options: c.opt}, c.files, c.df)
	if err != nil {
		return err
	}
	if sum.Queued == 0 {
		return sitrep.Errorf(sitrep.EINVALID, "%s: no document to queue", strings.Join(c.files, ", "))
	}
	want, err := q.Pending(ctx)
	if err != nil {
		return err
	}

	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("bench: find the sitrep binary: %w", err)
	}
	var procs []*benchWorker
	defer func() {
		for _, p := range procs {
			if p.cmd.ProcessState == nil {
				p.cmd.Process.Kill()
				<-p.done
				p.cmd.Wait()
			}
		}
	}()
	for range c.workers {
		cmd := exec.CommandContext(ctx, exe, "worker", "--queue", c.queueURL, "--queue-name", name,
			"--db", c.dbURL, "--schema", schema, "--concurrency", strconv.Itoa(c.concurrency))
		cmd.Env = append(os.Environ(), "GOMAXPROCS="+strconv.Itoa(c.cores))
		bw, err := startBenchWorker(cmd)
		if err != nil {
			return err
		}
		procs = append(procs, bw)
	}
	// The clock starts when every worker has loaded its models: a worker
	// still starting would count against the others, and start-up is not
	// throughput. What the first ones did before is left out of the count.
	for _, p := range procs {
		select {
		case <-p.ready:
		case <-p.done:
			return fmt.Errorf("bench: a worker stopped before it started: %s", p.lastLine())
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(2 * time.Minute):
			return fmt.Errorf("bench: a worker did not start within 2 minutes: %s", p.lastLine())
		}
	}
	start := time.Now()
	cpu0 := benchCPU(procs)
	left0, err := q.Pending(ctx)
	if err != nil {
		return err
	}
	dead0 := countDead(ctx, q)
	// The loop watches the queue, not the database: counting the tables
	// every few milliseconds is work for PostgreSQL, which shares the
	// machine with the workers and would slow down what it measures. The
	// store is asked only once the queue is empty, for the story items
	// still pending.
	stored := 0
	for {
		left, err := q.Pending(ctx)
		if err != nil {
			return err
		}
		if left == 0 {
			s, err := st.Stats(ctx)
			if err != nil {
				return err
			}
			stored = s.Documents
			if s.Pending == 0 && uint64(s.Documents) >= want-uint64(countDead(ctx, q)) {
				break
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
	elapsed := time.Since(start)
	cpu1 := benchCPU(procs)
	timed := int(left0) - (countDead(ctx, q) - dead0)
	res := QueueBenchResult{Workers: c.workers, CoresPerWorker: c.cores, Documents: stored, Words: words, TimedDocuments: timed,
		Seconds: elapsed.Seconds(), DocsPerSecond: perSecond(float64(timed), elapsed),
		WordsPerSecond: perSecond(float64(words)*float64(timed)/float64(want), elapsed)}
	for _, p := range procs {
		p.cmd.Process.Signal(syscall.SIGTERM)
		<-p.done
		p.cmd.Wait()
		ps := p.cmd.ProcessState
		res.WorkerPeakRSSBytes = append(res.WorkerPeakRSSBytes, maxRSSOf(ps))
		res.WorkerCPUSeconds = append(res.WorkerCPUSeconds, (ps.UserTime() + ps.SystemTime()).Seconds())
		res.WorkerSummaries = append(res.WorkerSummaries, p.lastLine())
	}
	if procCPUKnown && timed > 0 {
		res.CPUPerDocument = map[string]float64{}
		var total float64
		for k, v := range cpu1 {
			if d := v - cpu0[k]; d > 0 {
				ms := float64(d.Microseconds()) / 1000 / float64(timed)
				res.CPUPerDocument[k] = ms
				total += ms
			}
		}
		if total > 0 {
			res.CPUCeiling = float64(runtime.NumCPU()) * 1000 / total
		}
	}
	s, _ := st.Stats(ctx)
	res.Stories = s.Stories
	res.DeadLetters = countDead(ctx, q)
	if c.json {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	fmt.Fprintf(m.Stdout, "workers       %d, %d core(s) each\n", res.Workers, res.CoresPerWorker)
	fmt.Fprintf(m.Stdout, "documents     %d stored (%d words), %d stories, %d dead letters\n", res.Documents, res.Words, res.Stories, res.DeadLetters)
	fmt.Fprintf(m.Stdout, "timed         %d documents in %.2f s, from when every worker was ready\n", res.TimedDocuments, res.Seconds)
	fmt.Fprintf(m.Stdout, "throughput    %.1f documents/s, %.0f words/s\n", res.DocsPerSecond, res.WordsPerSecond)
	if len(res.CPUPerDocument) > 0 {
		fmt.Fprintf(m.Stdout, "cpu/document  workers %.2f ms, PostgreSQL %.2f ms, NATS %.2f ms, bench %.2f ms (processes on this machine)\n",
			res.CPUPerDocument["workers"], res.CPUPerDocument["postgres"], res.CPUPerDocument["nats"], res.CPUPerDocument["bench"])
		fmt.Fprintf(m.Stdout, "cpu ceiling   %.1f documents/s on %d cores, if nothing ever waited\n", res.CPUCeiling, runtime.NumCPU())
	}
	for i, r := range res.WorkerPeakRSSBytes {
		fmt.Fprintf(m.Stdout, "worker %d      peak memory %.1f MB resident, %.2f s CPU\n", i+1, float64(r)/1e6, res.WorkerCPUSeconds[i])
		fmt.Fprintf(m.Stdout, "              %s\n", res.WorkerSummaries[i])
	}
	return nil
}

func countDead(ctx context.Context, q *nats.Queue) int {
	dl, _ := q.DeadLetters(ctx, 100000)
	return len(dl)
}

// countingQueue counts the words of what it publishes.
type countingQueue struct {
	sitrep.Queue
	words *int64
}

func (c *countingQueue) Publish(ctx context.Context, j sitrep.Job) error {
	*c.words += int64(len(strings.Fields(j.Document.Text)))
	return c.Queue.Publish(ctx, j)
}

// benchWorker is a worker process whose log the bench reads: for the line
// that says it is ready, and for its last line, which says where its time
// went.
type benchWorker struct {
	cmd   *exec.Cmd
	ready chan struct{} // closed when the worker logs that it started
	done  chan struct{} // closed when its log ends

	mu   sync.Mutex
	last string
}

func startBenchWorker(cmd *exec.Cmd) (*benchWorker, error) {
	errs, err := cmd.StderrPipe()
	if err != nil {
		return nil, fmt.Errorf("bench: worker log: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("bench: start worker: %w", err)
	}
	w := &benchWorker{cmd: cmd, ready: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		sc := bufio.NewScanner(errs)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		started := false
		for sc.Scan() {
			line := sc.Text()
			if !started && strings.Contains(line, `msg="worker started"`) {
				started = true
				close(w.ready)
			}
			w.mu.Lock()
			w.last = line
			w.mu.Unlock()
		}
		io.Copy(io.Discard, errs)
	}()
	return w, nil
}

func (w *benchWorker) lastLine() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.last == "" {
		return "(no log)"
	}
	return w.last
}

// benchCPU returns the CPU time used so far by the workers together, the
// PostgreSQL and NATS servers of this machine, and this process.
func benchCPU(procs []*benchWorker) map[string]time.Duration {
	out := map[string]time.Duration{"bench": cputime.Process()}
	for _, p := range procs {
		if t, ok := procCPU(p.cmd.Process.Pid); ok {
			out["workers"] += t
		}
	}
	srv := commandCPU("postgres", "nats-server")
	out["postgres"], out["nats"] = srv["postgres"], srv["nats-server"]
	return out
}
