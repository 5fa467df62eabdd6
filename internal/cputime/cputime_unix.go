//go:build unix

// Package cputime reads the CPU time the process has used. Benchmarks
// report work per CPU second as well as per wall second: on a shared
// machine the wall clock also counts the time other processes held the
// core.
package cputime

import (
	"syscall"
	"time"
)

// Process returns the user and system CPU time the process has used, or 0
// where it cannot be read.
func Process() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
