package main

import (
	"syscall"
	"time"
	"unsafe"
)

// threadCPUKnown reports whether threadCPU measures: bench then charges
// each stage the CPU time of the thread that ran it, which does not count
// the time the thread waited for a core that other processes held.
const threadCPUKnown = true

// threadCPU returns the CPU time of the calling thread; the caller has
// locked its goroutine to the thread.
func threadCPU() time.Duration {
	const clockThreadCPUTimeID = 3
	var ts syscall.Timespec
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0)
	return time.Duration(ts.Nano())
}

// threadID names the calling thread.
func threadID() int { return syscall.Gettid() }
