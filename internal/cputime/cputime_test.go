package cputime

import (
	"runtime"
	"testing"
)

func TestProcessGrows(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no rusage here")
	}
	start := Process()
	x := 0
	for i := 0; Process()-start == 0 && i < 1e9; i++ {
		x += i
	}
	if Process() <= start {
		t.Fatalf("CPU time did not grow after a busy loop (%d)", x)
	}
}
