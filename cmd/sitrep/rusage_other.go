//go:build !unix

package main

import "time"

// peakRSS is unknown on this system.
func peakRSS() int64 { return 0 }

// cpuTime is unknown on this system.
func cpuTime() time.Duration { return 0 }
