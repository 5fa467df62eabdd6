package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"sitrep"
	"sitrep/nats/natstest"
	"sitrep/sqlite"
)

// TestReextractBadUsage: re-extraction says why it cannot run rather than
// pretending to.
func TestReextractBadUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	_, errs, code := runMain(t, "reextract", "--db", db, "extra")
	if code != 2 || !strings.Contains(errs, "takes no arguments") {
		t.Errorf("reextract extra: exit %d, %q", code, errs)
	}
	_, errs, code = runMain(t, "reextract", "--db", db, "--queue", "http://x")
	if code != 2 || !strings.Contains(errs, "want a NATS URL") {
		t.Errorf("reextract --queue http://x: exit %d, %q", code, errs)
	}
}

// TestReextractLocal: records made by an older extractor are replaced by
// the pipeline's, from the stored text, and the stories follow; the
// current ones are left alone with --stale, and re-extracting everything
// again changes nothing.
func TestReextractLocal(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	fix, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for i, src := range []string{"Desk A", "Desk B", "Desk C"} {
		txt := fmt.Sprintf("Russian forces shelled Kharkiv on March %d, killing %d civilians, the regional governor said on Telegram. "+
			"Ukrainian officials said they could not yet confirm the toll. Report by %s.", 3, 4, src)
		files = append(files, writeTestFile(t, dir, fmt.Sprintf("r%d.txt", i), txt))
	}
	files = append(files, writeTestFile(t, dir, "kupiansk.txt", string(fix)))
	if _, errs, code := runMain(t, append([]string{"ingest", "--db", db, "--published", "2022-03-03"}, files...)...); code != 0 {
		t.Fatalf("ingest: exit %d, %s", code, errs)
	}
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	want := storeSummary(t, st)
	docs, _, err := st.FindDocuments(ctx, sitrep.DocumentFilter{})
	if err != nil || len(docs) != 4 {
		t.Fatalf("FindDocuments = %d, %v; want 4", len(docs), err)
	}
	// An "older extractor" found nothing in two of the documents.
	var stale []string
	for _, d := range docs[1:3] {
		rec, err := st.FindRecord(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Events)+len(rec.Claims) == 0 {
			t.Fatalf("document %s has nothing extracted: the test proves nothing", d.ID)
		}
		rec.Version, rec.Events, rec.Claims = "0.0.1-old", []sitrep.Event{}, []sitrep.Claim{}
		if err := st.ReplaceRecord(ctx, rec); err != nil {
			t.Fatal(err)
		}
		stale = append(stale, d.ID)
	}
	if err := clusterStories(ctx, st); err != nil {
		t.Fatal(err)
	}
	if got := storeSummary(t, st); got == want {
		t.Fatal("the stale records did not change the store: the test proves nothing")
	}
	st.Close()

	out, errs, code := runMain(t, "reextract", "--db", db, "--stale")
	if code != 0 || !strings.Contains(out, "re-extracted 2, skipped 2 (current), failed 0") {
		t.Fatalf("reextract --stale: exit %d, out %q, err %q", code, out, errs)
	}
	st, err = sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, id := range stale {
		rec, err := st.FindRecord(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Version != sitrep.Version || len(rec.Events)+len(rec.Claims) == 0 {
			t.Errorf("record %s after reextract: version %s, %d events, %d claims; want replaced", id, rec.Version, len(rec.Events), len(rec.Claims))
		}
	}
	if got := storeSummary(t, st); got != want {
		t.Errorf("store after reextract:\n%s\nwant as ingested:\n%s", got, want)
	}
	out, errs, code = runMain(t, "reextract", "--db", db)
	if code != 0 || !strings.Contains(out, "re-extracted 4, skipped 0 (current), failed 0") {
		t.Fatalf("reextract: exit %d, out %q, err %q", code, out, errs)
	}
	if got := storeSummary(t, st); got != want {
		t.Errorf("store after a second reextract:\n%s\nwant as ingested:\n%s", got, want)
	}
}

// storeSummary lists the counts, the documents in order with their items'
// counts, and the stories with their figures and members.
func storeSummary(t *testing.T, st sitrep.Store) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	s, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "%d documents, %d events, %d claims, %d stories, %d pending\n", s.Documents, s.Events, s.Claims, s.Stories, s.Pending)
	docs, _, err := st.FindDocuments(ctx, sitrep.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		fmt.Fprintf(&b, "document %s %s dup=%q events=%d claims=%d\n", d.ID, d.Source, d.DuplicateOf, d.Events, d.Claims)
	}
	stories, _, err := st.FindStories(ctx, sitrep.StoryFilter{Limit: sitrep.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	// Sorted: re-extracted items are stored anew, so the order of members
	// and of new stories may change, not what they are.
	var lines []string
	for _, s := range stories {
		full, err := st.FindStory(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, m := range full.Members {
			keys = append(keys, m.Key())
		}
		slices.Sort(keys)
		lines = append(lines, fmt.Sprintf("story %s %s sources=%d documents=%d status=%s: %s", s.Kind, s.Type, s.Sources, s.Documents, s.Status, strings.Join(keys, " ")))
	}
	slices.Sort(lines)
	b.WriteString(strings.Join(lines, "\n"))
	return b.String()
}

// TestReextractThroughWorker: `reextract --queue` queues one job per
// document and a worker replaces the stale records in PostgreSQL, the
// stories following, as a local ingest made them.
func TestReextractThroughWorker(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a worker process")
	}
	ctx := context.Background()
	schema := freshSchema(t)
	st := openTestStore(t, testDSN(), schema)
	path, _ := workerBatch(t, 8)
	ingestLocally(t, schema, path)
	want := storeSummary(t, st)
	docs, _, err := st.FindDocuments(ctx, sitrep.DocumentFilter{})
	if err != nil || len(docs) != 8 {
		t.Fatalf("FindDocuments = %d, %v; want 8", len(docs), err)
	}
	var stale []string
	for _, d := range docs[2:5] {
		rec, err := st.FindRecord(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		rec.Version, rec.Events, rec.Claims = "0.0.1-old", []sitrep.Event{}, []sitrep.Claim{}
		if err := st.ReplaceRecord(ctx, rec); err != nil {
			t.Fatal(err)
		}
		stale = append(stale, d.ID)
	}
	if err := clusterStories(ctx, st); err != nil {
		t.Fatal(err)
	}
	if storeSummary(t, st) == want {
		t.Fatal("the stale records did not change the store: the test proves nothing")
	}

	srv := natstest.Start(t, 8<<20)
	name := fmt.Sprintf("REX%d", time.Now().UnixNano()%1e9)
	dsn := testDSN()
	if strings.Contains(dsn, "?") {
		dsn += "&search_path=" + schema
	} else {
		dsn += "?search_path=" + schema
	}
	out, errs, code := runMain(t, "reextract", "--db", dsn, "--stale", "--queue", srv.URL(), "--queue-name", name)
	if code != 0 || !strings.Contains(out, "queued 3, skipped 5 (current)") {
		t.Fatalf("reextract --queue: exit %d, out %q, err %q", code, out, errs)
	}
	w, _ := startWorker(t, "--queue", srv.URL(), "--queue-name", name, "--db", testDSN(), "--schema", schema)
	until(t, "the stale records replaced", 120*time.Second, func() bool {
		for _, id := range stale {
			rec, err := st.FindRecord(ctx, id)
			if err != nil || rec.Version != sitrep.Version {
				return false
			}
		}
		s := stats(t, st)
		return s.Pending == 0
	})
	until(t, "the stories as ingested", 30*time.Second, func() bool { return storeSummary(t, st) == want })
	w.Process.Signal(syscall.SIGTERM)
	if err := w.Wait(); err != nil {
		t.Errorf("worker after SIGTERM: %v", err)
	}
}
