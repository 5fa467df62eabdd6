package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"sitrep"
	"sitrep/ingest"
	"sitrep/nats"
	"sitrep/nats/natstest"
	"sitrep/postgres"
)

// TestMain lets a test run this test binary as the sitrep command, so that
// worker processes are real processes that can be killed.
func TestMain(m *testing.M) {
	if os.Getenv("SITREP_TEST_AS_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

func testDSN() string {
	if d := os.Getenv("SITREP_TEST_POSTGRES"); d != "" {
		return d
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// freshSchema returns a schema name of the test's own, dropped at the end.
func freshSchema(t *testing.T) string {
	t.Helper()
	if os.Getenv("SITREP_SKIP_POSTGRES") == "1" {
		t.Skip("SITREP_SKIP_POSTGRES=1")
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "sitrep_nats_" + hex.EncodeToString(b[:])
	t.Cleanup(func() {
		db, err := postgres.OpenSchema(context.Background(), testDSN(), schema, 0)
		if err == nil {
			db.DropSchema(context.Background())
			db.Close()
		}
	})
	return schema
}

func openTestStore(t *testing.T, dsn, schema string) *postgres.DB {
	t.Helper()
	db, err := postgres.OpenSchema(context.Background(), dsn, schema, 0)
	if err != nil {
		t.Fatalf("PostgreSQL is needed for this test (set SITREP_SKIP_POSTGRES=1 to skip): %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

var towns = []string{"Irpin", "Bucha", "Kharkiv", "Mariupol", "Kherson", "Chernihiv", "Sumy", "Mykolaiv", "Izium", "Lysychansk"}
var outlets = []string{"Desk A", "Desk B", "Desk C", "Desk D"}

// workerBatch writes n documents of our own making as JSONL: reports of
// the same events by several outlets, so that stories have more than one
// source, and one document twice.
func workerBatch(t *testing.T, n int) (path string, ids []string) {
	t.Helper()
	var b bytes.Buffer
	for i := range n {
		town := towns[(i/len(outlets))%len(towns)]
		day := 1 + (i/(len(outlets)*len(towns)))%28
		src := outlets[i%len(outlets)]
		txt := fmt.Sprintf("Russian forces shelled %s on March %d, killing %d civilians, the regional governor said on Telegram. "+
			"Ukrainian officials said they could not yet confirm the toll. Report %d by %s.", town, day, 3+i%7, i, src)
		line, _ := json.Marshal(map[string]string{"source": src, "published": fmt.Sprintf("2022-03-%02d", day), "text": txt, "title": "Shelling in " + town})
		b.Write(line)
		b.WriteByte('\n')
		ids = append(ids, sitrep.DocumentID(src, txt))
		if i == 7 {
			b.Write(line) // the same document again
			b.WriteByte('\n')
		}
	}
	path = writeTestFile(t, t.TempDir(), "batch.jsonl", b.String())
	slices.Sort(ids)
	return path, ids
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func testQueue(t *testing.T, url, name string) *nats.Queue {
	t.Helper()
	q := nats.New(url)
	q.Name, q.Logger = name, quietLog()
	if err := q.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

func publishBatch(t *testing.T, q sitrep.Queue, path string) publishSummary {
	t.Helper()
	var df docFlags
	sum, err := publishInputs(context.Background(), q, &ingest.Reader{}, []string{path}, df)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// startWorker starts `sitrep worker` as a process of its own.
func startWorker(t *testing.T, args ...string) (*exec.Cmd, *syncBuffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"worker"}, args...)...)
	cmd.Env = append(os.Environ(), "SITREP_TEST_AS_MAIN=1")
	logb := &syncBuffer{}
	cmd.Stderr = logb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
		if t.Failed() {
			t.Logf("worker %d log:\n%s", cmd.Process.Pid, tail(logb.String(), 3000))
		}
	})
	return cmd, logb
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

func until(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func stats(t *testing.T, st sitrep.Store) sitrep.StoreStats {
	t.Helper()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// storedIDs lists every stored document ID, in order.
func storedIDs(t *testing.T, st sitrep.Store) []string {
	t.Helper()
	var ids []string
	f := sitrep.DocumentFilter{Limit: 1000}
	for {
		docs, next, err := st.FindDocuments(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			ids = append(ids, d.ID)
		}
		if next == "" {
			break
		}
		f.Cursor = next
	}
	slices.Sort(ids)
	return ids
}

// storySummary describes the stories of a store independently of the
// order the documents were stored in: each story by its members, sources
// and status.
func storySummary(t *testing.T, st sitrep.Store) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	f := sitrep.StoryFilter{Limit: 1000}
	for {
		ss, next, err := st.FindStories(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range ss {
			items, err := st.StoryItems(ctx, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, it := range items {
				keys = append(keys, it.Key())
			}
			slices.Sort(keys)
			out = append(out, fmt.Sprintf("%s %s sources=%d docs=%d status=%s members=%s", s.Kind, s.Type, s.Sources, s.Documents, s.Computed, strings.Join(keys, ",")))
		}
		if next == "" {
			break
		}
		f.Cursor = next
	}
	slices.Sort(out)
	return out
}

// ingestLocally stores the batch with sitrep ingest, in one process.
func ingestLocally(t *testing.T, schema, path string) {
	t.Helper()
	dsn := testDSN()
	if strings.Contains(dsn, "?") {
		dsn += "&search_path=" + schema
	} else {
		dsn += "?search_path=" + schema
	}
	out, errs, code := runMain(t, "ingest", "--db", dsn, path)
	if code != 0 {
		t.Fatalf("sitrep ingest: exit %d\n%s\n%s", code, out, errs)
	}
}

// TestWorkersSurviveFailures is the failure test: two worker processes
// over a batch that holds bad messages; one is killed with SIGKILL in the
// middle, then the database goes away for a while under the other. Every
// document ends up stored exactly once, the stories are those of a
// single-process ingest, and the bad messages are dead-lettered with their
// reasons. (One test with two processes rather than several: each worker
// process loads the models, which is slow under the race detector.)
func TestWorkersSurviveFailures(t *testing.T) {
	if testing.Short() {
		t.Skip("starts worker processes")
	}
	schema := freshSchema(t)
	st := openTestStore(t, testDSN(), schema)
	px := startProxy(t, "127.0.0.1:5432")
	dsn := strings.Replace(testDSN(), "127.0.0.1:5432", px.addr, 1)
	if dsn == testDSN() {
		t.Skip("SITREP_TEST_POSTGRES is not on 127.0.0.1:5432")
	}
	srv := natstest.Start(t, 8<<20)
	name := fmt.Sprintf("FAIL%d", time.Now().UnixNano()%1e9)
	q := testQueue(t, srv.URL(), name)
	ctx := context.Background()

	n := 120
	if raceEnabled {
		n = 30
	}
	path, ids := workerBatch(t, n)
	sum := publishBatch(t, q, path)
	if sum.Read != n+1 || sum.Queued != n+1 || sum.Failed != 0 {
		t.Fatalf("publish: %+v, want %d read and queued", sum, n+1)
	}
	if k, _ := q.Pending(ctx); k != uint64(n) {
		t.Fatalf("pending = %d, want %d (the repeated document is dropped)", k, n)
	}
	// Bad input among the good: too large, not text, not stored, not a job.
	for _, j := range []sitrep.Job{
		{Kind: sitrep.JobExtract, Document: sitrep.Document{ID: "big", Text: strings.Repeat("Shelling hit Kharkiv. ", 2000)}},
		{Kind: sitrep.JobExtract, Document: sitrep.Document{ID: "binary", Text: "Shelling \x00\x01 hit Kharkiv."}},
		{Kind: sitrep.JobReextract, Document: sitrep.Document{ID: "never-stored"}},
	} {
		if err := q.Publish(ctx, j); err != nil {
			t.Fatal(err)
		}
	}
	srv.PublishRaw(t, strings.ToLower(name)+".jobs", "this is not a document")

	args := []string{"--queue", srv.URL(), "--queue-name", name, "--db", dsn, "--schema", schema,
		"--ack-wait", "2s", "--concurrency", "4", "--max-bytes", "20000", "--max-attempts", "1"}
	victim, _ := startWorker(t, args...)
	survivor, survivorLog := startWorker(t, args...)

	until(t, "the first documents stored", 90*time.Second, func() bool { return stats(t, st).Documents >= n/10 })
	if err := victim.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	victim.Wait()
	killedAt := stats(t, st).Documents
	if killedAt >= n {
		t.Fatalf("the batch was done before the kill (%d stored): the test proves nothing", killedAt)
	}
	// Cut the database once the survivor is storing again (it first waits
	// for the store lock that the victim died holding).
	until(t, "the survivor to store after the kill", 90*time.Second, func() bool { return stats(t, st).Documents > killedAt })
	atCut := stats(t, st).Documents
	px.down()
	time.Sleep(2 * time.Second) // the survivor fails to store, and backs off
	px.up(t)
	until(t, "the survivor to finish the batch", 120*time.Second, func() bool {
		left, err := q.Pending(ctx)
		s := stats(t, st)
		return err == nil && left == 0 && s.Documents == n && s.Pending == 0
	})
	survivor.Process.Signal(syscall.SIGTERM)
	if err := survivor.Wait(); err != nil {
		t.Errorf("survivor after SIGTERM: %v", err)
	}
	if atCut < n && !strings.Contains(survivorLog.String(), "database not answering") {
		t.Errorf("the survivor stored documents after the database went away but never saw it down:\n%s", tail(survivorLog.String(), 2000))
	}

	if got := storedIDs(t, st); !slices.Equal(got, ids) {
		t.Errorf("stored %d documents, want the batch's %d exactly once", len(got), len(ids))
	}
	s := stats(t, st)
	if s.Pending != 0 {
		t.Errorf("%d story items still pending", s.Pending)
	}

	// The bad input, and only it, is dead-lettered, with its reasons.
	out, errs, code := runMain(t, "deadletter", "list", "--queue", srv.URL(), "--queue-name", name)
	if code != 0 {
		t.Fatalf("deadletter list: exit %d: %s", code, errs)
	}
	for _, want := range []string{"larger than the limit of 20000", "NUL bytes", "never-stored is not stored", "not a job"} {
		if !strings.Contains(out, want) {
			t.Errorf("deadletter list lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runMain(t, "deadletter", "list", "--json", "--queue", srv.URL(), "--queue-name", name)
	if k := strings.Count(out, "\n"); k != 4 {
		t.Errorf("deadletter list --json: %d dead letters, want the 4 bad messages:\n%s", k, out)
	}
	if _, errs, code := runMain(t, "deadletter", "replay", "--queue", srv.URL(), "--queue-name", name); code != 2 || !strings.Contains(errs, "--all") {
		t.Errorf("deadletter replay with nothing named: exit %d, %q; want 2 asking for --all", code, errs)
	}

	// The same batch ingested by one process.
	localSchema := freshSchema(t)
	local := openTestStore(t, testDSN(), localSchema)
	ingestLocally(t, localSchema, path)
	ls := stats(t, local)
	if s.Documents != ls.Documents || s.Events != ls.Events || s.Claims != ls.Claims || s.Stories != ls.Stories {
		t.Errorf("workers stored %+v, single process %+v", s, ls)
	}
	if a, b := storySummary(t, st), storySummary(t, local); !slices.Equal(a, b) {
		t.Errorf("stories differ:\nworkers: %q\nlocal:   %q", a, b)
	}
	// Each record as a single process made it.
	for _, id := range ids[:10] {
		a, err1 := st.FindRecord(ctx, id)
		b, err2 := local.FindRecord(ctx, id)
		if err1 != nil || err2 != nil {
			t.Fatalf("FindRecord(%s): %v, %v", id, err1, err2)
		}
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if !bytes.Equal(ja, jb) {
			t.Errorf("record %s differs:\nworkers %s\nlocal   %s", id, ja, jb)
		}
	}
	t.Logf("killed one worker after %d of %d documents, cut the database after %d; stats %+v", killedAt, n, atCut, s)
}

// proxy forwards loopback TCP connections to a target and can be cut, as a
// database behind a failing network would be.
type proxy struct {
	target string
	addr   string
	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
}

func startProxy(t *testing.T, target string) *proxy {
	t.Helper()
	p := &proxy{target: target}
	p.up(t)
	t.Cleanup(p.down)
	return p
}

func (p *proxy) up(t *testing.T) {
	t.Helper()
	addr := p.addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			u, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, u)
			p.mu.Unlock()
			go func() { io.Copy(u, c); u.Close() }()
			go func() { io.Copy(c, u); c.Close() }()
		}
	}()
}

// down closes the listener and every connection through it.
func (p *proxy) down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}
