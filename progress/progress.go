// Package progress shows how a long run is going: a bar with the count,
// the rate and the time left on a terminal (github.com/schollz/progressbar),
// nothing elsewhere, where the command prints summary lines instead.
package progress

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Bar counts documents done out of a total that may grow.
type Bar struct {
	bar   *progressbar.ProgressBar
	total int64
}

// IsTerminal reports whether w is a terminal, where a bar can be drawn.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// New returns a bar writing to w, or a silent one when show is false.
func New(w io.Writer, total int64, what string, show bool) *Bar {
	if !show {
		return &Bar{}
	}
	if total <= 0 {
		total = -1
	}
	b := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("docs"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetWidth(30),
	)
	return &Bar{bar: b, total: total}
}

// Add counts n more done.
func (b *Bar) Add(n int) {
	if b.bar == nil {
		return
	}
	b.bar.Add(n)
}

// Grow raises the total by n, for inputs (feeds) whose size shows only
// once they are read.
func (b *Bar) Grow(n int) {
	if b.bar == nil || b.total < 0 {
		return
	}
	b.total += int64(n)
	b.bar.ChangeMax64(b.total)
}

// Total returns the expected total, -1 when unknown.
func (b *Bar) Total() int64 {
	if b.bar == nil {
		return -1
	}
	return b.total
}

// Finish clears the bar.
func (b *Bar) Finish() {
	if b.bar != nil {
		b.bar.Finish()
	}
}
