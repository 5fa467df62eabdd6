package nats_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	natsgo "github.com/nats-io/nats.go"

	"sitrep"
	"sitrep/nats"
	"sitrep/nats/natstest"
)

var testSeq atomic.Int64

// mustOpen opens a queue with a unique name on srv, fast timings, and closes
// it when the test ends.
func mustOpen(tb testing.TB, srv *natstest.Server, name string) *nats.Queue {
	tb.Helper()
	q := nats.New(srv.URL())
	if name == "" {
		name = fmt.Sprintf("T%d_%d", time.Now().UnixNano()%1e9, testSeq.Add(1))
	}
	q.Name = name
	q.AckWait = 2 * time.Second
	q.Backoff = nats.Backoff(10*time.Millisecond, 200*time.Millisecond)
	q.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := q.Open(ctx); err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { q.Close() })
	return q
}

func job(id, text string) sitrep.Job {
	return sitrep.Job{Kind: sitrep.JobExtract, Document: sitrep.Document{ID: id, Source: "Desk", Text: text}}
}

// collector is a handler that records the documents it was given.
type collector struct {
	mu   sync.Mutex
	seen map[string]int
	fail func(j sitrep.Job, n int) error
}

func (c *collector) handle(_ context.Context, j sitrep.Job) error {
	c.mu.Lock()
	if c.seen == nil {
		c.seen = map[string]int{}
	}
	c.seen[j.Document.ID]++
	n := c.seen[j.Document.ID]
	c.mu.Unlock()
	if c.fail != nil {
		return c.fail(j, n)
	}
	return nil
}

func (c *collector) count(id string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.seen[id]
}

// waitFor polls cond until it holds or the time is up.
func waitFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func work(t *testing.T, q *nats.Queue, conc int, h func(context.Context, sitrep.Job) error) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- q.Work(ctx, conc, h) }()
	return func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Work: %v", err)
		}
	}
}

func pending(t *testing.T, q *nats.Queue) uint64 {
	t.Helper()
	n, err := q.Pending(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestPublishWork(t *testing.T) {
	srv := natstest.Start(t, 0)
	q := mustOpen(t, srv, "")
	ctx := context.Background()
	for i := range 20 {
		if err := q.Publish(ctx, job(fmt.Sprintf("d%02d", i), "Shelling hit Kharkiv.")); err != nil {
			t.Fatal(err)
		}
	}
	// The same document again is dropped by the server.
	if err := q.Publish(ctx, job("d00", "Shelling hit Kharkiv.")); err != nil {
		t.Fatal(err)
	}
	if n := pending(t, q); n != 20 {
		t.Fatalf("pending = %d after 21 publishes of 20 documents, want 20", n)
	}
	var c collector
	stop := work(t, q, 3, c.handle)
	waitFor(t, "20 jobs acknowledged", 10*time.Second, func() bool { return pending(t, q) == 0 })
	stop()
	for i := range 20 {
		if n := c.count(fmt.Sprintf("d%02d", i)); n != 1 {
			t.Errorf("d%02d handled %d times, want 1", i, n)
		}
	}
	if dl, _ := q.DeadLetters(ctx, 0); len(dl) != 0 {
		t.Errorf("dead letters = %v, want none", dl)
	}
}

func TestBadInputDeadLettered(t *testing.T) {
	srv := natstest.Start(t, 1<<20)
	q := mustOpen(t, srv, "")
	q.MaxBytes = 2000
	q.MaxAttempts = 2
	ctx := context.Background()

	// Messages from elsewhere on the jobs subject: not JSON, JSON but not a
	// job, and a job over the worker's size limit.
	nc, err := natsgo.Connect(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	subject := strings.ToLower(q.Name) + ".jobs"
	for _, body := range []string{
		"not a document",
		`{"kind":"summarize","document":{"id":"x"}}`,
		`{"kind":"extract","document":{"id":"big","text":"` + strings.Repeat("word ", 1000) + `"}}`,
	} {
		if _, err := jetstreamPublish(nc, subject, body); err != nil {
			t.Fatal(err)
		}
	}
	// A publish over the limit is refused at once, naming the document.
	if err := q.Publish(ctx, job("big2", strings.Repeat("word ", 1000))); sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), "big2") {
		t.Errorf("Publish(oversize) = %v, want EINVALID naming big2", err)
	}
	for _, j := range []sitrep.Job{job("poison", "x"), job("invalid", "x"), job("good", "x")} {
		if err := q.Publish(ctx, j); err != nil {
			t.Fatal(err)
		}
	}
	c := collector{fail: func(j sitrep.Job, n int) error {
		switch j.Document.ID {
		case "poison":
			panic("extractor bug")
		case "invalid":
			return sitrep.Errorf(sitrep.EINVALID, "document %s: text is not English", j.Document.ID)
		}
		return nil
	}}
	stop := work(t, q, 2, c.handle)
	waitFor(t, "every job settled", 15*time.Second, func() bool { return pending(t, q) == 0 })
	stop()

	if c.count("good") != 1 {
		t.Errorf("good handled %d times, want 1: the worker must keep going", c.count("good"))
	}
	if c.count("poison") != 2 {
		t.Errorf("poison handled %d times, want 2 (MaxAttempts)", c.count("poison"))
	}
	if c.count("invalid") != 1 {
		t.Errorf("invalid handled %d times, want 1 (EINVALID is not retried)", c.count("invalid"))
	}
	dl, err := q.DeadLetters(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, d := range dl {
		reasons = append(reasons, d.Reason)
	}
	for _, want := range []string{
		"message is not a job",
		"kind \"summarize\"",
		"larger than the limit of 2000",
		"document poison: panic: extractor bug",
		"text is not English",
	} {
		if !slices.ContainsFunc(reasons, func(r string) bool { return strings.Contains(r, want) }) {
			t.Errorf("no dead letter with reason %q; reasons: %q", want, reasons)
		}
	}
	if len(dl) != 5 {
		t.Errorf("%d dead letters, want 5", len(dl))
	}
	for _, d := range dl {
		if strings.Contains(d.Reason, "panic") && (d.Job == nil || d.Job.Document.ID != "poison" || d.Deliveries != 2 || d.Code != sitrep.EINTERNAL) {
			t.Errorf("poison dead letter = %+v, want its job, 2 deliveries, code internal", d)
		}
		if strings.Contains(d.Reason, "not a job (") && d.Body != "not a document" {
			t.Errorf("not-a-job dead letter body = %q, want the message", d.Body)
		}
	}
}

func jetstreamPublish(nc *natsgo.Conn, subject, body string) (*natsgo.Msg, error) {
	return nc.Request(subject, []byte(body), 5*time.Second)
}

func TestReplay(t *testing.T) {
	srv := natstest.Start(t, 0)
	q := mustOpen(t, srv, "")
	q.MaxAttempts = 1
	ctx := context.Background()
	for _, id := range []string{"a", "b", "c"} {
		q.Publish(ctx, job(id, "text"))
	}
	var broken atomic.Bool
	broken.Store(true)
	c := collector{fail: func(j sitrep.Job, n int) error {
		if broken.Load() && j.Document.ID != "b" {
			return fmt.Errorf("extractor failed on %s", j.Document.ID)
		}
		return nil
	}}
	stop := work(t, q, 1, c.handle)
	waitFor(t, "two dead letters", 10*time.Second, func() bool {
		dl, _ := q.DeadLetters(ctx, 0)
		return len(dl) == 2
	})
	dl, _ := q.DeadLetters(ctx, 0)
	if dl[0].Job == nil || dl[1].Job == nil {
		t.Fatalf("dead letters without their jobs: %+v", dl)
	}
	// The extractor is fixed; replay one, then the rest.
	broken.Store(false)
	n, err := q.Replay(ctx, []uint64{dl[0].ID, 999})
	if n != 1 || err == nil || !strings.Contains(err.Error(), "999 (no such dead letter)") {
		t.Errorf("Replay(one, 999) = %d, %v; want 1 and an error naming 999", n, err)
	}
	if n, err := q.Replay(ctx, nil); n != 1 || err != nil {
		t.Errorf("Replay(all) = %d, %v; want 1, nil", n, err)
	}
	waitFor(t, "replayed jobs handled", 10*time.Second, func() bool {
		return c.count("a") == 2 && c.count("c") == 2 && pending(t, q) == 0
	})
	stop()
	if dl, _ := q.DeadLetters(ctx, 0); len(dl) != 0 {
		t.Errorf("dead letters after replay = %+v, want none", dl)
	}
}

// TestServiceDownNotCounted: a job whose database is down is retried with
// backoff until it comes back, and is never dead-lettered for it.
func TestServiceDownNotCounted(t *testing.T) {
	srv := natstest.Start(t, 0)
	q := mustOpen(t, srv, "")
	q.MaxAttempts = 1
	ctx := context.Background()
	q.Publish(ctx, job("a", "text"))
	c := collector{fail: func(j sitrep.Job, n int) error {
		if n <= 5 {
			return sitrep.Errorf(sitrep.EUNAVAILABLE, "database: connection refused")
		}
		return nil
	}}
	stop := work(t, q, 1, c.handle)
	waitFor(t, "job stored after the database came back", 10*time.Second, func() bool { return pending(t, q) == 0 })
	stop()
	if n := c.count("a"); n != 6 {
		t.Errorf("handled %d times, want 6", n)
	}
	if dl, _ := q.DeadLetters(ctx, 0); len(dl) != 0 {
		t.Errorf("dead letters = %+v, want none", dl)
	}
}

// TestServerRestart: the NATS server goes away in the middle of a batch and
// comes back; the worker reconnects and finishes the batch.
func TestServerRestart(t *testing.T) {
	srv := natstest.Start(t, 0)
	q := mustOpen(t, srv, "")
	ctx := context.Background()
	for i := range 10 {
		q.Publish(ctx, job(fmt.Sprintf("a%d", i), "text"))
	}
	var c collector
	stop := work(t, q, 2, c.handle)
	waitFor(t, "first batch", 10*time.Second, func() bool { return pending(t, q) == 0 })
	srv.Restart(t, 300*time.Millisecond)
	waitFor(t, "reconnect", 10*time.Second, func() bool { _, err := q.Pending(ctx); return err == nil })
	for i := range 10 {
		if err := q.Publish(ctx, job(fmt.Sprintf("b%d", i), "text")); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "second batch after restart", 15*time.Second, func() bool {
		for i := range 10 {
			if c.count(fmt.Sprintf("b%d", i)) == 0 {
				return false
			}
		}
		return pending(t, q) == 0
	})
	stop()
}

func TestOpenBadName(t *testing.T) {
	q := nats.New("nats://127.0.0.1:1")
	q.Name = "a.b"
	if err := q.Open(context.Background()); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("Open(name a.b) = %v, want EINVALID", err)
	}
	q = nats.New("nats://127.0.0.1:1")
	if err := q.Open(context.Background()); sitrep.ErrorCode(err) != sitrep.EUNAVAILABLE {
		t.Errorf("Open(no server) = %v, want EUNAVAILABLE", err)
	}
}

func TestWorkBoundsBytesInHand(t *testing.T) {
	srv := natstest.Start(t, 0)
	q := mustOpen(t, srv, "")
	// Jobs of about 200 kB each, at most 1 MB in hand: however many the
	// concurrency allows, no more than five are held at once.
	q.MaxBytes, q.HandBytes = 300<<10, 1<<20
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	const n = 12
	text := strings.Repeat("Shelling was reported near Kharkiv. ", 200<<10/36)
	for i := range n {
		if err := q.Publish(ctx, job(fmt.Sprintf("big%02d", i), text)); err != nil {
			t.Fatal(err)
		}
	}
	var inHand, most, done atomic.Int64
	handle := func(ctx context.Context, j sitrep.Job) error {
		now := inHand.Add(int64(len(j.Document.Text)))
		for {
			m := most.Load()
			if now <= m || most.CompareAndSwap(m, now) {
				break
			}
		}
		// Hold the job until a second is in hand too (or a while has
		// passed), so that the bound is what stops more from coming.
		for deadline := time.Now().Add(time.Second); most.Load() < 2*int64(len(j.Document.Text)) && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond)
		inHand.Add(-int64(len(j.Document.Text)))
		done.Add(1)
		return nil
	}
	wctx, stop := context.WithCancel(ctx)
	go func() {
		defer stop()
		for done.Load() < n && wctx.Err() == nil {
			time.Sleep(10 * time.Millisecond)
		}
	}()
	if err := q.Work(wctx, 64, handle); err != nil {
		t.Fatal(err)
	}
	if done.Load() != n {
		t.Fatalf("%d of %d jobs handled", done.Load(), n)
	}
	if m := most.Load(); m > 1<<20 || m < 2*int64(len(text)) {
		t.Errorf("at most %d bytes of text in hand at once; want more than one job's %d and no more than %d", m, len(text), 1<<20)
	}
}
