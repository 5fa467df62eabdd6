package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestReextractBadUsage: re-extraction says why it cannot run rather than
// pretending to.
func TestReextractBadUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	_, errs, code := runMain(t, "reextract", "--db", db)
	if code != 2 || !strings.Contains(errs, "cannot replace records yet") {
		t.Errorf("reextract on a store without ReplaceRecord: exit %d, %q", code, errs)
	}
	_, errs, code = runMain(t, "reextract", "--db", db, "extra")
	if code != 2 || !strings.Contains(errs, "takes no arguments") {
		t.Errorf("reextract extra: exit %d, %q", code, errs)
	}
	_, errs, code = runMain(t, "reextract", "--db", db, "--queue", "http://x")
	if code != 2 || !strings.Contains(errs, "want a NATS URL") {
		t.Errorf("reextract --queue http://x: exit %d, %q", code, errs)
	}
}

func TestWorkerBadUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"worker", "--queue", "nats://127.0.0.1:1", "--db", "sitrep.db"}, "workers share a PostgreSQL database"},
		{[]string{"worker", "--queue", "nats://127.0.0.1:1", "--db", "postgres://x", "--concurrency", "0"}, "--concurrency 0"},
		{[]string{"worker", "stray"}, "takes no arguments"},
		{[]string{"deadletter"}, "Usage: sitrep deadletter"},
		{[]string{"deadletter", "list", "--queue", "nats://127.0.0.1:1", "7"}, "not a dead letter ID"},
	} {
		_, errs, code := runMain(t, tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tc.args, code, errs, tc.want)
		}
	}
}
