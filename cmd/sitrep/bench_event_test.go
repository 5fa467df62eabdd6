package main

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"sitrep"
	"sitrep/event"
	"sitrep/quant"
	"sitrep/shared"
	"sitrep/text"
)

// BenchmarkQuantEventFullLayers measures the quant and event stages together
// on documents whose other layers the real stages filled, in words per
// second (the target is 300,000 per core). It needs the shared corpus.
func BenchmarkQuantEventFullLayers(b *testing.B) {
	path := shared.Path("data", "corpus", "usgov-statements-2022.jsonl")
	if path == "" {
		b.Skip("shared corpus not present")
	}
	p, err := newPipeline()
	if err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 8<<20)
	var docs []*sitrep.Doc
	words := 0
	for sc.Scan() && len(docs) < 60 {
		var rec struct{ Text string }
		if json.Unmarshal(sc.Bytes(), &rec) != nil {
			continue
		}
		s, err := text.Normalize("x", []byte(rec.Text))
		if err != nil {
			continue
		}
		d := sitrep.NewDoc(sitrep.Document{Published: "2022-04-01"}, s)
		if err := p.Run(d); err != nil {
			b.Fatal(err)
		}
		for _, t := range d.Tokens {
			if t.Kind <= sitrep.TokNumber {
				words++
			}
		}
		docs = append(docs, d)
	}
	q, e := quant.New(), event.New()
	for b.Loop() {
		for _, d := range docs {
			d.Quantities, d.Events = nil, nil
			q.Annotate(d)
			e.Annotate(d)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
