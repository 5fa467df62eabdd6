package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitrep"
	"sitrep/sqlite"
	"sitrep/storetest"
	"sitrep/story"
)

func mustOpen(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "sitrep.db"))
	if err != nil {
		tb.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) sitrep.Store { return mustOpen(t) })
}

func TestWAL(t *testing.T) {
	db := mustOpen(t)
	defer db.Close()
	var mode string
	if err := db.SQL.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v, want wal", mode, err)
	}
}

func TestTokensStoredHashed(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	defer db.Close()
	secret, _, err := db.CreateToken(ctx, "desk", nil)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.SQL.Query(`SELECT id || name || hash || scopes FROM tokens`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		rows.Scan(&s)
		if strings.Contains(s, secret) || strings.Contains(s, strings.TrimPrefix(secret, "sitrep_")) {
			t.Errorf("the tokens table holds the secret")
		}
	}
}

func TestMigrateOlder(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := sqlite.OpenAt(ctx, path, 1)
	if err != nil {
		t.Fatal(err)
	}
	rec := storetest.Irpin("Reuters", "Ukrainian forces have retaken Irpin, said Oleksandr Markushyn: Irpin has been liberated.").Record()
	if _, err := old.SQL.Exec(`INSERT INTO documents (id, text, record, ingested) VALUES ('old1', 'kept across the upgrade', '{}', '2022-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	if v, _ := old.SchemaVersion(ctx); v != 1 {
		t.Fatalf("old database at version %d, want 1", v)
	}
	old.Close()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("Open(older database) = %v, want it migrated", err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(ctx); v != 4 {
		t.Errorf("migrated database at version %d, want 4", v)
	}
	if _, err := db.FindDocument(ctx, "old1"); err != nil {
		t.Errorf("document from before the migration: %v", err)
	}
	if _, err := db.PutRecord(ctx, rec, sitrep.PutOptions{}); err != nil {
		t.Errorf("PutRecord after migration: %v", err)
	}
	if _, _, err := db.FindStories(ctx, sitrep.StoryFilter{}); err != nil {
		t.Errorf("FindStories after migration: %v", err)
	}
}

func TestRefuseNewer(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "new.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL.Exec(`INSERT INTO schema_migrations (version, name, applied) VALUES (99, '0099_future.sql', '2030-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = sqlite.Open(ctx, path)
	if err == nil || sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), "version 99, newer") || !strings.Contains(err.Error(), path) {
		t.Errorf("Open(newer database) = %v, want a clear refusal naming the file and the versions", err)
	}
}

func TestNotADatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := sqlite.Open(ctx, dir); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("Open(directory) = %v, want EINVALID", err)
	}
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("hello, this is not a database at all, just some text to fill a page"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.Open(ctx, text); sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), "not an SQLite database") {
		t.Errorf("Open(text file) = %v, want EINVALID saying it is not a database", err)
	}
}

func TestCheckAfterPut(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	defer db.Close()
	rec := storetest.Irpin("Reuters", "Ukrainian forces have retaken Irpin, said Oleksandr Markushyn: Irpin has been liberated.").Record()
	if _, err := db.PutRecord(ctx, rec, sitrep.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	probs, err := db.Check(ctx)
	if err != nil || len(probs) > 0 {
		t.Errorf("Check = %v, %v, want no problems", probs, err)
	}
}

// TestConcurrentOpen opens a new database from several goroutines at once,
// as two processes starting on the same file do: every step of the schema
// must be applied once, and every open must succeed.
func TestConcurrentOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	errs := make(chan error, 6)
	for range 6 {
		go func() {
			db, err := sqlite.Open(context.Background(), path)
			if err == nil {
				err = db.Close()
			}
			errs <- err
		}()
	}
	for range 6 {
		if err := <-errs; err != nil {
			t.Errorf("Open: %v", err)
		}
	}
}

// TestMigrateClustered migrates a database whose items were clustered
// under version 3's indexes: the narrower indexes of version 4 still find
// them, so a report of the same event joins their story.
func TestMigrateClustered(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v3.db")
	old, err := sqlite.OpenAt(ctx, path, 3)
	if err != nil {
		t.Fatal(err)
	}
	a := storetest.Irpin("Reuters", "Ukrainian forces have retaken Irpin, said Oleksandr Markushyn: Irpin has been liberated.").Record()
	if _, err := old.PutRecord(ctx, a, sitrep.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := story.New(old).Run(ctx); err != nil {
		t.Fatal(err)
	}
	old.Close()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(ctx); v != 4 {
		t.Fatalf("migrated database at version %d, want 4", v)
	}
	b := storetest.Irpin("AP", "Irpin was retaken by Ukrainian forces, Oleksandr Markushyn said: Irpin has been liberated.").Record()
	if _, err := db.PutRecord(ctx, b, sitrep.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := story.New(db).Run(ctx); err != nil {
		t.Fatal(err)
	}
	stories, _, err := db.FindStories(ctx, sitrep.StoryFilter{MinSources: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) != 2 { // the event and the claim, each with both outlets
		t.Fatalf("stories with two sources after the migration: %d, want 2 (the event and the claim)", len(stories))
	}
	if probs, err := db.Check(ctx); err != nil || len(probs) > 0 {
		t.Errorf("Check = %v, %v", probs, err)
	}
}

// TestStoryTitleBatchBoundaries clusters the same four reports in one
// store a report at a time and in another two at a time: a merge in the
// middle of a clustering batch must give the story the same lead member,
// and so the same title, as when every decision was written first.
func TestStoryTitleBatchBoundaries(t *testing.T) {
	ctx := context.Background()
	report := func(src, sub, place string, lat float64, prec string) *sitrep.Record {
		return storetest.Report{Source: src, Published: "2022-03-28", Title: "Fighting near " + place,
			Text: "Reports from " + src + ": fighting was reported near " + place + " on Monday.", Trigger: "fighting",
			Type: "Battles", SubType: sub, Place: place, Lat: lat, Lon: 30.0, Precision: prec, Country: "UA", Date: "2022-03-28"}.Record()
	}
	// Two towns 40 km apart (two stories), then two reports placed near
	// a town between them, which each match both.
	a := report("Reuters", "Armed clash", "Northtown", 50.36, sitrep.PrecisionTown)
	b := report("AP", "Attack", "Southtown", 50.0, sitrep.PrecisionTown)
	// The merge keeps the story of the least ID; the other story's member
	// must be the first stored for the order to matter.
	if story.StoryID(sitrep.ItemsOf(a, "")[0].Key()) < story.StoryID(sitrep.ItemsOf(b, "")[0].Key()) {
		a, b = report("Reuters", "Attack", "Southtown", 50.0, sitrep.PrecisionTown), report("AP", "Armed clash", "Northtown", 50.36, sitrep.PrecisionTown)
	}
	c := report("BBC", "Armed clash", "Midtown", 50.18, sitrep.PrecisionNearTown)
	d := report("AFP", "Armed clash", "Midtown", 50.18, sitrep.PrecisionNearTown)
	titles := func(groups ...[]*sitrep.Record) []string {
		db := mustOpen(t)
		defer db.Close()
		for _, g := range groups {
			if _, err := db.PutRecords(ctx, g, nil); err != nil {
				t.Fatal(err)
			}
			if _, err := story.New(db).Run(ctx); err != nil {
				t.Fatal(err)
			}
		}
		ss, _, err := db.FindStories(ctx, sitrep.StoryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range ss {
			out = append(out, fmt.Sprintf("%s %s %d", s.ID, s.Title, s.Documents))
		}
		return out
	}
	one := titles([]*sitrep.Record{a}, []*sitrep.Record{b}, []*sitrep.Record{c}, []*sitrep.Record{d})
	two := titles([]*sitrep.Record{a, b}, []*sitrep.Record{c, d})
	if len(one) != 1 || !strings.Contains(one[0], " 4") {
		t.Fatalf("stories = %q, want one of four documents", one)
	}
	if fmt.Sprint(one) != fmt.Sprint(two) {
		t.Errorf("stories clustered a report at a time: %q\ntwo at a time: %q", one, two)
	}
}
