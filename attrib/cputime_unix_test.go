//go:build unix

package attrib

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used. The benchmark reports
// words per CPU second as well as per wall second: on a shared machine the
// wall clock counts the time other processes held the core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
