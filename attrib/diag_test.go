package attrib

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"sitrep"
	"sitrep/text"
)

func TestDiag(t *testing.T) {
	dir := os.Getenv("DIAG")
	if dir == "" {
		t.Skip()
	}
	arts, err := ReadCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	st := New()
	if th := os.Getenv("TH"); th != "" {
		st.Threshold, _ = strconv.ParseFloat(th, 64)
	}
	part := os.Getenv("PART")
	for _, a := range arts {
		d := sitrep.NewDoc(sitrep.Document{}, a.Text)
		text.Segmenter{}.Annotate(d)
		st.Annotate(d)
		pred := Relations(d.Claims)
		gold := a.Files[0].Relations
		runes := []rune(a.Text)
		sl := func(s []sitrep.Span) string {
			var p []string
			for _, x := range s {
				p = append(p, strings.ReplaceAll(string(runes[x.Start:x.End]), "\n", "\\n"))
			}
			return strings.Join(p, " | ")
		}
		get := func(r Relation) []sitrep.Span {
			switch part {
			case "source":
				return r.Source
			case "content":
				return r.Content
			}
			return r.Cue
		}
		ctx := func(s []sitrep.Span) string {
			if len(s) == 0 {
				return ""
			}
			lo, hi := max(s[0].Start-60, 0), min(s[0].End+40, len(runes))
			return strings.ReplaceAll(string(runes[lo:s[0].Start])+"[["+string(runes[s[0].Start:s[0].End])+"]]"+string(runes[s[0].End:hi]), "\n", " ")
		}
		for _, g := range gold {
			hit := false
			for _, p := range pred {
				if sameSpans(runes, get(p), get(g)) {
					hit = true
				}
			}
			if !hit && os.Getenv("FN") != "" {
				// find the pred with overlapping cue
				po := ""
				for _, p := range pred {
					if overlaps(runes, p.Cue, g.Cue) {
						po = sl(get(p))
					}
				}
				fmt.Printf("FN %q  pred=%q  :: %s\n", sl(get(g)), po, ctx(g.Cue))
			}
		}
		for _, p := range pred {
			hit := false
			for _, g := range gold {
				if sameSpans(runes, get(p), get(g)) {
					hit = true
				}
			}
			if !hit && os.Getenv("FP") != "" {
				fmt.Printf("FP %q :: %s\n", sl(get(p)), ctx(p.Cue))
			}
		}
	}
}
