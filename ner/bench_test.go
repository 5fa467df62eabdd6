package ner_test

import (
	"os"
	"testing"

	"sitrep"
	"sitrep/internal/cputime"
	"sitrep/ner"
	"sitrep/text"
)

func segmented(tb testing.TB) *sitrep.Doc {
	tb.Helper()
	b, err := os.ReadFile("testdata/report.txt")
	if err != nil {
		tb.Fatal(err)
	}
	d := sitrep.NewDoc(sitrep.Document{}, string(b))
	text.Segmenter{}.Annotate(d)
	return d
}

// BenchmarkStage measures the whole stage (tagging, roles, coreference,
// sides) on a news report, in tokens per second.
func BenchmarkStage(b *testing.B) {
	d := segmented(b)
	s, err := ner.New()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(d.Text)))
	cpuStart := cputime.Process()
	defer func() {
		b.ReportMetric(float64(len(d.Tokens))*float64(b.N)/(cputime.Process()-cpuStart).Seconds(), "tokens/cpu-s")
	}()
	for b.Loop() {
		d.Entities = d.Entities[:0]
		if err := s.Annotate(d); err != nil {
			b.Fatal(err)
		}
	}
	reportTokens(b, len(d.Tokens))
}

// BenchmarkTag measures the tagger alone on the same report.
func BenchmarkTag(b *testing.B) {
	d := segmented(b)
	m, err := ner.Default()
	if err != nil {
		b.Fatal(err)
	}
	var sents [][]string
	for _, se := range d.Sentences {
		var ws []string
		for t := se.FirstTok; t < se.EndTok; t++ {
			ws = append(ws, d.TokenText(t))
		}
		sents = append(sents, ws)
	}
	b.SetBytes(int64(len(d.Text)))
	cpuStart := cputime.Process()
	defer func() {
		b.ReportMetric(float64(len(d.Tokens))*float64(b.N)/(cputime.Process()-cpuStart).Seconds(), "tokens/cpu-s")
	}()
	for b.Loop() {
		m.Tag(sents)
	}
	reportTokens(b, len(d.Tokens))
}

// reportTokens reports tokens per second of wall time.
func reportTokens(b *testing.B, tokens int) {
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
