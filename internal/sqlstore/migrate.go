package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"sitrep"
)

// Migration is one numbered schema step.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// LoadMigrations reads NNNN_name.sql files from dir in fsys, in order. The
// numbers must run 1, 2, 3... without gaps, so that a database's version
// says exactly which steps it has had.
func LoadMigrations(fsys fs.FS, dir string) ([]Migration, error) {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var ms []Migration
	for _, e := range ents {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", name)
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: name, SQL: string(b)})
	}
	slices.SortFunc(ms, func(a, b Migration) int { return a.Version - b.Version })
	for i, m := range ms {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.Name, i+1)
		}
	}
	return ms, nil
}

// Migrate brings the database up to the newest migration, or to upTo when
// it is positive (tests make old databases that way). Each step runs in its
// own transaction with its version row, so a crash leaves the database at
// a whole version. A database newer than the migrations known is refused:
// this program would not know what its tables mean.
func Migrate(ctx context.Context, db *sql.DB, d *Dialect, ms []Migration, upTo int) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("%s: create schema_migrations: %w", d.Name, err)
	}
	cur, err := version(ctx, db)
	if err != nil {
		return fmt.Errorf("%s: read schema version: %w", d.Name, err)
	}
	latest := len(ms)
	if cur > latest {
		return sitrep.Errorf(sitrep.EINVALID, "%s: the database is at schema version %d, newer than this sitrep knows (%d): upgrade sitrep to open it", d.Name, cur, latest)
	}
	if upTo <= 0 || upTo > latest {
		upTo = latest
	}
	for v := cur; v < upTo; {
		// The version is read again inside the step's transaction, which
		// holds the write lock (SQLite's immediate transactions; an
		// exclusive table lock on PostgreSQL): two processes opening a new
		// database at once then apply each step once, not twice.
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("%s: migrate: %w", d.Name, err)
		}
		if d.Dollar {
			if _, err := tx.ExecContext(ctx, `LOCK TABLE schema_migrations IN EXCLUSIVE MODE`); err != nil {
				tx.Rollback()
				return fmt.Errorf("%s: migrate: lock: %w", d.Name, err)
			}
		}
		if v, err = version(ctx, tx); err != nil {
			tx.Rollback()
			return fmt.Errorf("%s: read schema version: %w", d.Name, err)
		}
		if v >= upTo {
			tx.Rollback()
			break
		}
		m := ms[v]
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			tx.Rollback()
			return fmt.Errorf("%s: migration %s: %w", d.Name, m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, d.rebind(`INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)`),
			m.Version, m.Name, time.Now().UTC().Format(time.RFC3339)); err != nil {
			tx.Rollback()
			return fmt.Errorf("%s: migration %s: %w", d.Name, m.Name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("%s: migration %s: %w", d.Name, m.Name, err)
		}
		v++
	}
	return nil
}

func version(ctx context.Context, db interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var v sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, err
	}
	return int(v.Int64), nil
}
