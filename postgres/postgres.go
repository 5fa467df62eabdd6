// Package postgres is the server sitrep.Store, for a team or a firehose:
// PostgreSQL through pgx, with the same tables, behaviour and versioned
// migrations as the SQLite store and full-text search over documents and
// claims by tsvector columns with GIN indexes.
package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"fmt"
	"hash/fnv"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"sitrep"
	"sitrep/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a sitrep.Store in a PostgreSQL database.
type DB struct {
	*sqlstore.DB
	// Schema is the schema the tables live in ("" for the server's
	// search_path).
	Schema string
}

var (
	_ sitrep.Store          = (*DB)(nil)
	_ sitrep.RecordReplacer = (*DB)(nil)
)

var dialect = &sqlstore.Dialect{
	Name:             "postgres",
	Dollar:           true,
	CachesStatements: true,
	SearchDocs: `SELECT d.id, '', d.title, ts_headline('english', d.text, q, 'StartSel=[,StopSel=],MaxWords=24,MinWords=8'), ts_rank(d.tsv, q)::float8
		FROM documents d, plainto_tsquery('english', ?) q
		WHERE d.tsv @@ q ORDER BY 5 DESC, d.seq LIMIT ?`,
	SearchClaims: `SELECT i.doc_id, i.item_id, d.title, ts_headline('english', i.content_text, q, 'StartSel=[,StopSel=],MaxWords=24,MinWords=8'), ts_rank(i.tsv, q)::float8
		FROM items i JOIN documents d ON d.id = i.doc_id, plainto_tsquery('english', ?) q
		WHERE i.kind = 'claim' AND i.tsv @@ q ORDER BY 5 DESC, i.seq LIMIT ?`,
	Query: func(q string) string { return strings.Join(sqlstore.Words(q), " ") },
}

// Open connects to the database at dsn (postgres://user@host:port/db) and
// migrates it to the newest schema. A search_path parameter in the URL
// (?search_path=team1) puts the tables in that schema, created if need be.
// A database from a newer sitrep is refused.
func Open(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "postgres: %s", err)
	}
	return OpenSchema(ctx, dsn, cfg.RuntimeParams["search_path"], 0)
}

var schemaName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// OpenSchema is Open with the tables in schema, created if need be, so that
// several stores (tests running in parallel, tenants) share one database.
// upTo > 0 stops the migrations at that version, as an older sitrep would
// have left the database.
func OpenSchema(ctx context.Context, dsn, schema string, upTo int) (*DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "postgres: %s", err)
	}
	if schema != "" {
		if !schemaName.MatchString(schema) {
			return nil, sitrep.Errorf(sitrep.EINVALID, "postgres: schema name %q: want lower-case letters, digits and _", schema)
		}
		cfg.RuntimeParams["search_path"] = schema
	}
	sdb := stdlib.OpenDB(*cfg)
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		return nil, sitrep.Errorf(sitrep.EUNAVAILABLE, "postgres: cannot connect to %s@%s:%d/%s: %s", cfg.User, cfg.Host, cfg.Port, cfg.Database, err)
	}
	if schema != "" {
		if _, err := sdb.ExecContext(ctx, `CREATE SCHEMA IF NOT EXISTS `+schema); err != nil {
			sdb.Close()
			return nil, fmt.Errorf("postgres: create schema %s: %w", schema, err)
		}
	}
	ms, err := sqlstore.LoadMigrations(migrations, "migrations")
	if err != nil {
		sdb.Close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if err := migrate(ctx, sdb, ms, upTo); err != nil {
		sdb.Close()
		return nil, err
	}
	return &DB{DB: sqlstore.New(sdb, dialect), Schema: schema}, nil
}

// migrate holds an advisory lock while migrating, so that workers starting
// together against a fresh database do not run the same step twice.
func migrate(ctx context.Context, sdb *sql.DB, ms []sqlstore.Migration, upTo int) error {
	conn, err := sdb.Conn(ctx)
	if err != nil {
		return sitrep.Errorf(sitrep.EUNAVAILABLE, "postgres: %s", err)
	}
	defer conn.Close()
	const lockID = 0x5173_7265_7000 // "sitrep"
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, lockID); err != nil {
		return fmt.Errorf("postgres: lock for migrations: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, lockID)
	return sqlstore.Migrate(ctx, sdb, dialect, ms, upTo)
}

// DropSchema removes the store's schema and everything in it; tests use it
// to clean up after themselves.
func (db *DB) DropSchema(ctx context.Context) error {
	if db.Schema == "" {
		return sitrep.Errorf(sitrep.EINVALID, "postgres: no schema of its own to drop")
	}
	_, err := db.SQL.ExecContext(ctx, `DROP SCHEMA `+db.Schema+` CASCADE`)
	return err
}

// Lock takes the lock named name, shared by every process using this
// store's schema in this database, waiting while another holds it, and
// returns the function that releases it. Workers store and cluster under
// such locks, because each must see every document stored before it.
//
// It is a PostgreSQL session advisory lock on a connection of its own: a
// waiter is woken the moment the holder releases (no polling), and a
// holder that dies, even by SIGKILL, loses the lock as soon as the server
// sees its connection close. Errors are EUNAVAILABLE: a database that
// cannot be locked cannot be written either, and the work waits for it.
func (db *DB) Lock(ctx context.Context, name string) (release func(), err error) {
	h := fnv.New64a()
	h.Write([]byte(db.Schema + "\x00" + name))
	key := int64(h.Sum64())
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		return nil, lockErr(ctx, name, err)
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		// The connection may be in the middle of a cancelled wait: it is
		// not given back to the pool, so that no stray lock lives on in it.
		conn.Raw(func(any) error { return driver.ErrBadConn })
		conn.Close()
		return nil, lockErr(ctx, name, err)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			var ok bool
			if err := conn.QueryRowContext(ctx, `SELECT pg_advisory_unlock($1)`, key).Scan(&ok); err != nil || !ok {
				// Ending the session is what frees the lock then.
				conn.Raw(func(any) error { return driver.ErrBadConn })
			}
			conn.Close()
		})
	}, nil
}

func lockErr(ctx context.Context, name string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return &sitrep.Error{Code: sitrep.EUNAVAILABLE, Op: "postgres: lock " + name, Message: "database not answering", Err: err}
}
