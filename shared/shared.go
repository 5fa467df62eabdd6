// Package shared finds the project's shared data directory (../shared beside
// the repository): corpora for evaluation and training, and the example
// article. A user's clone has no such directory; callers skip cleanly when
// Dir returns "".
package shared

import (
	"os"
	"path/filepath"
)

// Dir returns the shared directory: $SITREP_SHARED when set, else the
// directory "shared" beside the module root found above the working
// directory, else "".
func Dir() string {
	if d := os.Getenv("SITREP_SHARED"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for dir := wd; ; {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			cand := filepath.Join(filepath.Dir(dir), "shared")
			if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
				return cand
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Path returns the path of a file or directory under the shared directory,
// or "" if the shared directory or the path does not exist.
func Path(elem ...string) string {
	d := Dir()
	if d == "" {
		return ""
	}
	p := filepath.Join(append([]string{d}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}
