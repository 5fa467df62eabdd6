//go:build !unix

package main

import "os"

// peakRSS is unknown on this system.
func peakRSS() int64 { return 0 }

// maxRSSOf is unknown on this system.
func maxRSSOf(*os.ProcessState) int64 { return 0 }
