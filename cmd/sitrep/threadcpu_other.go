//go:build !linux

package main

import "time"

// threadCPUKnown is false here: bench charges stages their wall-clock time.
const threadCPUKnown = false

func threadCPU() time.Duration { return 0 }

func threadID() int { return 0 }
