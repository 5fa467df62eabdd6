// Package sqlite is the embedded sitrep.Store: one file, pure Go
// (modernc.org/sqlite), in WAL mode, with versioned migrations embedded in
// the binary and FTS5 full-text indexes over documents and claims.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"sitrep"
	"sitrep/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a sitrep.Store in an SQLite file.
type DB struct {
	*sqlstore.DB
	Path string
}

var (
	_ sitrep.Store          = (*DB)(nil)
	_ sitrep.RecordReplacer = (*DB)(nil)
)

var dialect = &sqlstore.Dialect{
	Name:           "sqlite",
	PendingHint:    "INDEXED BY items_pending",
	DocFTS:         `INSERT INTO documents_fts (rowid, title, text)`,
	ClaimFTS:       `INSERT INTO claims_fts (rowid, speaker_name, content_text)`,
	ClaimFTSDelete: `DELETE FROM claims_fts WHERE rowid = ?`,
	SearchDocs: `SELECT d.id, '', d.title, snippet(documents_fts, 1, '[', ']', '…', 16), -bm25(documents_fts)
		FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid
		WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts), d.seq LIMIT ?`,
	SearchClaims: `SELECT i.doc_id, i.item_id, d.title, snippet(claims_fts, 1, '[', ']', '…', 16), -bm25(claims_fts)
		FROM claims_fts JOIN items i ON i.seq = claims_fts.rowid JOIN documents d ON d.id = i.doc_id
		WHERE claims_fts MATCH ? ORDER BY bm25(claims_fts), i.seq LIMIT ?`,
	Query: func(q string) string {
		w := sqlstore.Words(q)
		for i := range w {
			// Quoted, each word is a plain term, never an FTS5 operator.
			w[i] = `"` + w[i] + `"`
		}
		return strings.Join(w, " ")
	},
}

// Open opens (creating if need be) the database file at path and migrates
// it to the newest schema. A database from a newer sitrep is refused.
func Open(ctx context.Context, path string) (*DB, error) {
	return open(ctx, path, 0)
}

func open(ctx context.Context, path string, upTo int) (*DB, error) {
	if path == "" {
		return nil, sitrep.Errorf(sitrep.EINVALID, "sqlite: no database path given")
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, sitrep.Errorf(sitrep.EINVALID, "sqlite: %s is a directory, not a database file", path)
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(ON)", "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	// Write transactions take the lock when they begin, so two writers
	// wait for each other instead of failing to upgrade a read lock.
	q.Set("_txlock", "immediate")
	sdb, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, sitrep.Errorf(sitrep.EUNAVAILABLE, "sqlite: open %s: %s", path, err)
	}
	if err := ping(ctx, sdb); err != nil {
		sdb.Close()
		if strings.Contains(err.Error(), "not a database") {
			return nil, sitrep.Errorf(sitrep.EINVALID, "sqlite: %s is not an SQLite database", path)
		}
		return nil, sitrep.Errorf(sitrep.EUNAVAILABLE, "sqlite: open %s: %s", path, err)
	}
	var mode string
	if err := sdb.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
		sdb.Close()
		return nil, sitrep.Errorf(sitrep.EINVALID, "sqlite: %s is not an SQLite database: %s", path, err)
	}
	ms, err := sqlstore.LoadMigrations(migrations, "migrations")
	if err != nil {
		sdb.Close()
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	if err := sqlstore.Migrate(ctx, sdb, dialect, ms, upTo); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &DB{DB: sqlstore.New(sdb, dialect), Path: path}, nil
}

// ping opens the first connection. Switching a new file to WAL takes an
// exclusive lock, and SQLite answers a second process doing the same at
// that moment with "database is locked" without waiting out busy_timeout;
// so a locked database is tried again for as long as busy_timeout allows.
func ping(ctx context.Context, sdb *sql.DB) error {
	deadline := time.Now().Add(10 * time.Second)
	wait := 5 * time.Millisecond
	for {
		err := sdb.PingContext(ctx)
		if err == nil || !strings.Contains(err.Error(), "database is locked") || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 200*time.Millisecond)
	}
}

// Check runs SQLite's integrity check and the store's own: every item
// belongs to a stored document and the full-text index holds every
// document. It returns the problems found, none when the database is sound.
func (db *DB) Check(ctx context.Context) ([]string, error) {
	var probs []string
	rows, err := db.SQL.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return nil, err
		}
		if s != "ok" {
			probs = append(probs, s)
		}
	}
	rows.Close()
	if _, err := db.SQL.ExecContext(ctx, `INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		probs = append(probs, "documents_fts: "+err.Error())
	}
	if _, err := db.SQL.ExecContext(ctx, `INSERT INTO claims_fts (claims_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		probs = append(probs, "claims_fts: "+err.Error())
	}
	var orphans, docs, fts, claimItems, claimFTS int
	err = db.SQL.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM items WHERE doc_id NOT IN (SELECT id FROM documents)),
		(SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM documents_fts_docsize),
		(SELECT COUNT(*) FROM items WHERE kind = 'claim'), (SELECT COUNT(*) FROM claims_fts_docsize)`).Scan(&orphans, &docs, &fts, &claimItems, &claimFTS)
	if err != nil {
		return nil, err
	}
	if orphans > 0 {
		probs = append(probs, fmt.Sprintf("%d items without a document", orphans))
	}
	if docs != fts {
		probs = append(probs, fmt.Sprintf("%d documents but %d in the full-text index", docs, fts))
	}
	if claimItems != claimFTS {
		probs = append(probs, fmt.Sprintf("%d claims but %d in the full-text index", claimItems, claimFTS))
	}
	return probs, nil
}
