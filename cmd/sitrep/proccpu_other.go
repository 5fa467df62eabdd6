//go:build !linux

package main

import "time"

const procCPUKnown = false

func procCPU(int) (time.Duration, bool) { return 0, false }

func commandCPU(...string) map[string]time.Duration { return nil }
