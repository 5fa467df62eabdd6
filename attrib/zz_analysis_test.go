package attrib

import (
	"fmt"
	"sort"
	"testing"

	"sitrep"
	"sitrep/text"
)

func TestZZReach(t *testing.T) {
	for _, part := range []string{"train", "dev"} {
		arts, err := ReadCorpus("../../shared/data/polnear/" + part // run from attrib/)
		if err != nil {
			t.Fatal(err)
		}
		st := New()
		total, multi, nocand, toolong, crossSent := 0.0, 0.0, 0.0, 0.0, 0.0
		starts := map[string]float64{}
		for _, ar := range arts {
			d := sitrep.NewDoc(sitrep.Document{}, ar.Text)
			text.Tokenize(d)
			text.Segment(d)
			a := newAnnotator(st, d)
			a.findQuotes()
			kinds := make([]int8, len(d.Tokens))
			sentOf := make([]int, len(d.Tokens))
			for si, s := range d.Sentences {
				k := a.scoredTokens(s.FirstTok, s.EndTok, nil)
				copy(kinds[s.FirstTok:], k)
				for i := s.FirstTok; i < s.EndTok; i++ {
					sentOf[i] = si
				}
			}
			w := 1 / float64(len(ar.Files))
			for _, f := range ar.Files {
				for _, r := range f.Relations {
					if len(r.Cue) == 0 {
						continue
					}
					total += w
					if len(r.Cue) > 1 {
						multi += w
					}
					i, j := d.TokenAt(r.Cue[0].Start), d.TokenAt(r.Cue[0].End)
					if i >= len(d.Tokens) {
						continue
					}
					if kinds[i] != 2 {
						nocand += w
						starts[a.lower[i]] += w
						continue
					}
					for k := i + 1; k < j && k < len(d.Tokens); k++ {
						if sentOf[k] != sentOf[i] {
							crossSent += w
							break
						}
						if kinds[k] == 0 {
							toolong += w
							break
						}
					}
				}
			}
		}
		fmt.Printf("%s: gold cues %.0f, multi-fragment %.0f, start not candidate %.0f, run too long %.0f, cross sentence %.0f\n", part, total, multi, nocand, toolong, crossSent)
		type kv struct {
			k string
			v float64
		}
		var l []kv
		for k, v := range starts {
			l = append(l, kv{k, v})
		}
		sort.Slice(l, func(i, j int) bool { return l[i].v > l[j].v })
		for _, x := range l[:min(25, len(l))] {
			fmt.Printf("  %s %.1f", x.k, x.v)
		}
		fmt.Println()
	}
}
