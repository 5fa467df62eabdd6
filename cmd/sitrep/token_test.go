package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runTokenCmd(args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb}
	code = m.Run(context.Background(), args)
	return out.String(), errb.String(), code
}

func TestTokenCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	secret, stderr, code := runTokenCmd("token", "create", "alice", "--db", db)
	secret = strings.TrimSpace(secret)
	if code != 0 || !strings.HasPrefix(secret, "sitrep_") || !strings.Contains(stderr, "shown only once") {
		t.Fatalf("token create = %d %q %q", code, secret, stderr)
	}
	list, _, code := runTokenCmd("token", "list", "--db", db)
	if code != 0 || !strings.Contains(list, "alice") || strings.Contains(list, secret) {
		t.Fatalf("token list = %d %q: want alice and no secret", code, list)
	}
	id := strings.Fields(strings.Split(list, "\n")[1])[0]
	if _, stderr, code := runTokenCmd("token", "revoke", id, "--db", db); code != 0 {
		t.Fatalf("token revoke %s = %d %s", id, code, stderr)
	}
	if list, _, _ := runTokenCmd("token", "list", "--db", db); strings.Contains(strings.Split(list, "\n")[1], " - \n") || !strings.Contains(list, "alice") {
		t.Errorf("token list after revoke = %q", list)
	}
	for _, args := range [][]string{{"token"}, {"token", "make", "x"}, {"token", "create"}, {"token", "create", " "}, {"token", "revoke", "nope", "--db", db}} {
		if _, stderr, code := runTokenCmd(args...); code == 0 {
			t.Errorf("sitrep %v = 0 %q, want a failure", args, stderr)
		}
	}
	// Bad usage is refused before the default database is opened, so it
	// leaves no sitrep.db behind in the working directory.
	if _, err := os.Stat("sitrep.db"); err == nil {
		t.Errorf("bad usage of token created sitrep.db in the working directory")
	}
}

func TestServeCommandBadUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	if _, stderr, code := runTokenCmd("serve", "extra", "--db", db); code != 2 || !strings.Contains(stderr, "takes no arguments") {
		t.Errorf("serve extra = %d %q", code, stderr)
	}
	if _, stderr, code := runTokenCmd("serve", "--addr", "not an address", "--db", db); code != 2 || !strings.Contains(stderr, "--addr") {
		t.Errorf("serve --addr bad = %d %q", code, stderr)
	}
}
