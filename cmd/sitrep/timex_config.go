package main

import (
	"os"

	"sitrep"
	"sitrep/timex"
)

// anchorsEnv names the environment variable that gives the times stage the
// known starts of day counts, e.g. "war,invasion=2022-02-24".
const anchorsEnv = "SITREP_ANCHORS"

// timexStage returns the times stage configured from the environment. A
// malformed SITREP_ANCHORS makes every document fail with an error that
// says so, rather than silently counting days from nothing.
func timexStage() sitrep.Stage {
	st := timex.New()
	if v := os.Getenv(anchorsEnv); v != "" {
		a, err := timex.ParseAnchors(v)
		if err != nil {
			return badStage{Stage: st, err: sitrep.Errorf(sitrep.EINVALID, "%s: %s", anchorsEnv, err.Error())}
		}
		st.Anchors = a
	}
	return st
}

// badStage is a stage whose configuration is wrong: it reports that for
// every document.
type badStage struct {
	sitrep.Stage
	err error
}

func (b badStage) Annotate(*sitrep.Doc) error { return b.err }
