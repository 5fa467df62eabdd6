package quant_test

import (
	"strings"
	"testing"

	"sitrep"
	"sitrep/quant"
)

// benchFigures is a report dense in figures, written for the benchmark.
const benchFigures = `Russian artillery shelled residential areas of the city overnight, killing at least 12 civilians and wounding more than 40, according to local officials.
The ministry said nearly 2.5 million people had fled the region since the start of the war, while hundreds of thousands were displaced inside the country.
No one was killed in the strike on the depot, the mayor said. Between 10 and 15 soldiers were captured near the river, and two dozen tanks were destroyed.
As of March 25, 1,081 civilians had been killed and 1,707 injured, the United Nations said, adding that the real figures were likely considerably higher.
`

// BenchmarkStage measures the figures stage alone on segmented text, in
// words per second.
func BenchmarkStage(b *testing.B) {
	d := mkDoc(b, strings.Repeat(benchFigures, 50))
	words := 0
	for _, t := range d.Tokens {
		if t.Kind == sitrep.TokWord || t.Kind == sitrep.TokNumber {
			words++
		}
	}
	st := quant.New()
	b.SetBytes(int64(len(d.Text)))
	for b.Loop() {
		d.Quantities = nil
		if err := st.Annotate(d); err != nil {
			b.Fatal(err)
		}
	}
	if len(d.Quantities) < 200 {
		b.Fatalf("found %d figures in 50 copies, want at least 200", len(d.Quantities))
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
