package geo

import (
	"fmt"
	"os"
	"testing"

	"sitrep"
	"sitrep/gazetteer"
	"sitrep/text"
)

func TestDebugScores(t *testing.T) {
	txt := os.Getenv("GEO_DEBUG")
	if txt == "" {
		t.Skip()
	}
	g := mustGaz(t)
	d := sitrep.NewDoc(sitrep.Document{}, txt)
	_ = (text.Segmenter{}).Annotate(d)
	ms := Recognize(g, d)
	debugResolve = func(i int, p *gazetteer.Place, s float64) {
		if s > 3 {
			fmt.Printf("%d %q %s %s %s.%s pop=%d %.2f\n", i, d.Slice(ms[i].Start, ms[i].End), p.Name, p.Kind, p.Country, p.Admin1, p.Population, s)
		}
	}
	Resolve(g, d, ms)
	debugResolve = nil
}
