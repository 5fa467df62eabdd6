package sqlite

import "context"

// OpenAt opens a database migrated only up to version upTo, as an older
// sitrep would have left it.
func OpenAt(ctx context.Context, path string, upTo int) (*DB, error) { return open(ctx, path, upTo) }
