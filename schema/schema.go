// Package schema holds the JSON Schema of the sitrep record, embedded so
// that the server can publish it and tests can validate real output with it.
package schema

import _ "embed"

// Record is the JSON Schema (draft 2020-12) of a sitrep/1 record.
//
//go:embed record.schema.json
var Record []byte
