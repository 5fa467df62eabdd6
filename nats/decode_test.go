package nats

import (
	"strings"
	"testing"

	"sitrep"
)

// FuzzDecodeJob: any message either decodes to a job that a handler can
// take (a known kind, with text or an ID) or is refused with EINVALID,
// never a panic.
func FuzzDecodeJob(f *testing.F) {
	for _, s := range []string{
		`{"kind":"extract","document":{"id":"a","source":"Desk","text":"Shelling hit Kharkiv."}}`,
		`{"kind":"reextract","document":{"id":"a"}}`,
		`{"kind":"extract","document":{"id":"a","text":"   "}}`,
		`{"kind":"summarize"}`,
		`not a document`,
		`[1,2,3]`,
		`{"kind":"extract","document":{"text":17}}`,
		`{"kind":"extract","document":{"text":"\u0000"}}`,
		``,
		`null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		j, err := decodeJob(data)
		if err != nil {
			if sitrep.ErrorCode(err) != sitrep.EINVALID {
				t.Fatalf("decodeJob(%q) error %v, want EINVALID", data, err)
			}
			return
		}
		switch j.Kind {
		case sitrep.JobExtract:
			if strings.TrimSpace(j.Document.Text) == "" {
				t.Fatalf("decodeJob(%q) accepted an extract job without text", data)
			}
		case sitrep.JobReextract:
			if j.Document.ID == "" {
				t.Fatalf("decodeJob(%q) accepted a reextract job without an ID", data)
			}
		default:
			t.Fatalf("decodeJob(%q) accepted kind %q", data, j.Kind)
		}
	})
}
