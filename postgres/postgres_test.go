package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"sitrep"
	"sitrep/postgres"
	"sitrep/storetest"
)

// dsn is the test server: $SITREP_TEST_POSTGRES, else the local one.
func dsn() string {
	if d := os.Getenv("SITREP_TEST_POSTGRES"); d != "" {
		return d
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// mustOpen opens a store in a schema of its own, dropped when the test
// ends, so that parallel runs never see each other's tables. Without a
// server the test fails, unless SITREP_SKIP_POSTGRES=1 says to skip.
func mustOpen(t *testing.T, upTo int) *postgres.DB {
	t.Helper()
	if os.Getenv("SITREP_SKIP_POSTGRES") == "1" {
		t.Skip("SITREP_SKIP_POSTGRES=1")
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "sitrep_test_" + hex.EncodeToString(b[:])
	db, err := postgres.OpenSchema(context.Background(), dsn(), schema, upTo)
	if err != nil {
		t.Fatalf("PostgreSQL is needed for this test (set SITREP_SKIP_POSTGRES=1 to skip): %v", err)
	}
	t.Cleanup(func() {
		if err := db.DropSchema(context.Background()); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		db.Close()
	})
	return db
}

// noClose leaves closing to mustOpen's cleanup; it embeds the store itself
// so that optional interfaces (sitrep.RecordReplacer) show through.
type noClose struct{ *postgres.DB }

func (noClose) Close() error { return nil }

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) sitrep.Store { return noClose{mustOpen(t, 0)} })
}

func TestMigrateOlderAndRefuseNewer(t *testing.T) {
	ctx := context.Background()
	old := mustOpen(t, 1)
	if v, _ := old.SchemaVersion(ctx); v != 1 {
		t.Fatalf("old database at version %d, want 1", v)
	}
	if _, err := old.SQL.Exec(`INSERT INTO documents (id, text, record, ingested) VALUES ('old1', 'kept', '{}', '2022-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	db, err := postgres.OpenSchema(ctx, dsn(), old.Schema, 0)
	if err != nil {
		t.Fatalf("OpenSchema(older database) = %v, want it migrated", err)
	}
	if v, _ := db.SchemaVersion(ctx); v != 4 {
		t.Errorf("migrated database at version %d, want 4", v)
	}
	if _, err := db.FindDocument(ctx, "old1"); err != nil {
		t.Errorf("document from before the migration: %v", err)
	}
	if _, err := db.SQL.Exec(`INSERT INTO schema_migrations (version, name, applied) VALUES (99, '0099_future.sql', 'x')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = postgres.OpenSchema(ctx, dsn(), old.Schema, 0)
	if sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), "version 99, newer") {
		t.Errorf("OpenSchema(newer database) = %v, want a clear refusal", err)
	}
}

func TestUnreachable(t *testing.T) {
	_, err := postgres.Open(context.Background(), "postgres://nobody@127.0.0.1:1/none?connect_timeout=2")
	if sitrep.ErrorCode(err) != sitrep.EUNAVAILABLE {
		t.Errorf("Open(closed port) = %v, want EUNAVAILABLE", err)
	}
}
