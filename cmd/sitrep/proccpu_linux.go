package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// procCPUKnown reports whether procCPU and commandCPU measure.
const procCPUKnown = true

// clockTicks is USER_HZ, the unit of /proc/PID/stat's times: 100 on every
// Linux architecture Go runs on.
const clockTicks = 100

// procCPU returns the CPU time (user and system, and that of its children
// it has waited for) of process pid so far, from /proc/PID/stat.
func procCPU(pid int) (time.Duration, bool) {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0, false
	}
	_, t, ok := parseProcStat(b)
	return t, ok
}

// commandCPU returns, for each command name, the CPU time of every process
// of this machine running it (a PostgreSQL server's backends are reaped by
// its postmaster, which then counts their time among its children's).
func commandCPU(names ...string) map[string]time.Duration {
	out := make(map[string]time.Duration, len(names))
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		comm, t, ok := parseProcStat(b)
		if !ok {
			continue
		}
		for _, n := range names {
			if comm == n {
				out[n] += t
			}
		}
	}
	return out
}

// parseProcStat reads the command name and fields 14 to 17 (utime, stime,
// cutime, cstime) of a /proc/PID/stat line. The name is in parentheses and
// may hold spaces and parentheses itself: the fields follow the last ')'.
func parseProcStat(b []byte) (comm string, cpu time.Duration, ok bool) {
	open, end := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
	if open < 0 || end < open {
		return "", 0, false
	}
	comm = string(b[open+1 : end])
	f := bytes.Fields(b[end+1:])
	// f[0] is field 3 (state); utime is field 14.
	if len(f) < 15 {
		return "", 0, false
	}
	var ticks int64
	for _, s := range f[11:15] {
		n, err := strconv.ParseInt(string(s), 10, 64)
		if err != nil {
			return "", 0, false
		}
		ticks += n
	}
	return comm, time.Duration(ticks) * time.Second / clockTicks, true
}
