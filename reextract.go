package sitrep

import "context"

// RecordReplacer is a Store that can replace the record of a stored
// document with a new extraction of the same text, as re-extraction after an
// upgrade needs (PutRecord leaves a stored document as it is).
//
// ReplaceRecord replaces, in one transaction, the record stored for
// rec.Document.ID: the old claims and events leave their stories (stories
// left empty are removed, the others recomputed) and the new ones are
// pending for the story clustering. An item the new record holds unchanged
// (same ID, same fields) may stay where it is, with its story and review,
// so that replacing a record by the same extraction changes nothing. The
// document keeps its place in the store's order and its near-duplicate
// link. Returns ENOTFOUND if the document is not stored, EINVALID if the
// record's text is not the stored text.
type RecordReplacer interface {
	ReplaceRecord(ctx context.Context, rec *Record) error
}
