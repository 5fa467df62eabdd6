//go:build unix

package pos_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time this process has used. On a machine shared
// with other work, tokens per CPU-second is the per-core figure; wall time
// also counts the time other processes held the core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
