package event_test

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"sitrep"
	"sitrep/event"
	"sitrep/quant"
	"sitrep/shared"
	"sitrep/text"
)

// benchText is a conflict report written for the benchmark, used when the
// shared corpus is absent.
const benchText = `Ukrainian forces recaptured the village of Mala Rohan east of Kharkiv on Tuesday, the regional governor said, after two days of heavy fighting.
Russian artillery shelled residential areas of the city overnight, killing at least 12 civilians and wounding more than 40, according to local officials.
The ministry said nearly 2.5 million people had fled the region since the start of the war, while hundreds of thousands were displaced inside the country.
Negotiators from both sides will meet in Istanbul next week, a spokesman confirmed, but he said no agreement on a ceasefire was expected.
Drone footage filmed on March 30 shows a column of tanks moving along the highway and several destroyed vehicles near the bridge.
No one was killed in the strike on the depot, the mayor said. Between 10 and 15 soldiers were captured near the river.
`

// benchDocs returns segmented documents: US government statements from the
// shared corpus when present, else benchText repeated.
func benchDocs(b *testing.B) []*sitrep.Doc {
	var texts []string
	if p := shared.Path("data", "corpus", "usgov-statements-2022.jsonl"); p != "" {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 8<<20)
		for sc.Scan() && len(texts) < 60 {
			var rec struct{ Text, Date string }
			if json.Unmarshal(sc.Bytes(), &rec) == nil && strings.TrimSpace(rec.Text) != "" {
				texts = append(texts, rec.Text)
			}
		}
	}
	if len(texts) == 0 {
		texts = []string{strings.Repeat(benchText, 20)}
	}
	var docs []*sitrep.Doc
	for _, t := range texts {
		s, err := text.Normalize("bench", []byte(t))
		if err != nil {
			continue
		}
		d := sitrep.NewDoc(sitrep.Document{Published: "2022-04-01"}, s)
		d.DCT = "2022-04-01"
		text.Segmenter{}.Annotate(d)
		docs = append(docs, d)
	}
	return docs
}

// BenchmarkQuantEvent measures both stages together, in words per second
// (the target is 300,000 words/s per core). The other layers are empty,
// as on a branch where those stages are stubs.
func BenchmarkQuantEvent(b *testing.B) {
	docs := benchDocs(b)
	words, bytes := 0, 0
	for _, d := range docs {
		bytes += len(d.Text)
		for _, t := range d.Tokens {
			if t.Kind == sitrep.TokWord || t.Kind == sitrep.TokNumber {
				words++
			}
		}
	}
	q, e := quant.New(), event.New()
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			d.Quantities, d.Events = nil, nil
			q.Annotate(d)
			e.Annotate(d)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
