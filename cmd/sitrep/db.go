package main

import (
	"context"
	"flag"
	"strings"

	"sitrep"
	"sitrep/postgres"
	"sitrep/sqlite"
)

// defaultDB is the database file commands use when --db is not given.
const defaultDB = "sitrep.db"

func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", defaultDB, "database: an SQLite file, or postgres://user@host:port/db for PostgreSQL")
}

// openStore opens the store named by --db: a postgres:// URL, or a path to
// an SQLite file (created if need be).
func openStore(ctx context.Context, db string) (sitrep.Store, error) {
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return postgres.Open(ctx, db)
	}
	if db == "" {
		return nil, sitrep.Errorf(sitrep.EINVALID, "--db: no database given")
	}
	return sqlite.Open(ctx, db)
}
