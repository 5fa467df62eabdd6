// Package sitrep holds the record model, the document annotation that the
// pipeline stages share, the stage contract and the error codes.
//
// It imports only the standard library: every adapter (readers, stores,
// queues, the HTTP server) imports it, and it imports none of them.
package sitrep

import (
	"crypto/sha256"
	"encoding/hex"
)

// Schema names the record format. Every record carries it so that a reader of
// a JSONL export knows which JSON Schema (schema/record.schema.json) applies.
const Schema = "sitrep/1"

// Version is the version of the extractors. It is stored with each record so
// that re-extraction can tell which records an upgrade made stale.
const Version = "0.1.0"

// DefaultMaxDocBytes bounds the size of one document's raw input. News
// articles are rarely above 100 kB; 5 MB leaves room for long reports while
// keeping a single bad input from exhausting memory.
const DefaultMaxDocBytes = 5 << 20

// DocumentID returns the stable ID of a document: a hash of its source and
// normalized text, so that the same article from the same outlet gets the
// same ID however often it is read.
func DocumentID(source, text string) string {
	h := sha256.New()
	h.Write([]byte(source))
	h.Write([]byte{0})
	h.Write([]byte(text))
	return hex.EncodeToString(h.Sum(nil)[:12])
}
