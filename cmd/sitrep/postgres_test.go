package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitrep/postgres"
)

// TestIngestPostgres runs the same ingest against PostgreSQL, in a schema
// of its own. Without a server it fails, unless SITREP_SKIP_POSTGRES=1.
func TestIngestPostgres(t *testing.T) {
	if os.Getenv("SITREP_SKIP_POSTGRES") == "1" {
		t.Skip("SITREP_SKIP_POSTGRES=1")
	}
	base := os.Getenv("SITREP_TEST_POSTGRES")
	if base == "" {
		base = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "sitrep_cmd_" + hex.EncodeToString(b[:])
	dsn := base + "&search_path=" + schema
	if !strings.Contains(base, "?") {
		dsn = base + "?search_path=" + schema
	}
	db, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("PostgreSQL is needed for this test (set SITREP_SKIP_POSTGRES=1 to skip): %v", err)
	}
	defer func() {
		db.DropSchema(context.Background())
		db.Close()
	}()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), article(1))
	writeFile(t, filepath.Join(dir, "b.jsonl"), `{"source": "AP", "text": `+quote(article(2))+`}`+"\n"+`{"source": "Yahoo", "text": `+quote("AP - "+article(2))+`}`+"\n")
	code, out, errs := runCmd(t, "ingest", "--db", dsn, dir)
	if code != 0 || !strings.Contains(out, "ingest: read 3, new 2, near-duplicates 1, duplicates 0, failed 0") {
		t.Fatalf("status %d\n%s%s", code, out, errs)
	}
	_, out, _ = runCmd(t, "ingest", "--db", dsn, dir)
	if !strings.Contains(out, "new 0, near-duplicates 0, duplicates 3, failed 0") {
		t.Errorf("second ingest:\n%s", out)
	}
	if s, _ := db.Stats(context.Background()); s.Documents != 3 || s.Duplicates != 1 {
		t.Errorf("stored %+v", s)
	}
}
