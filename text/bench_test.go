package text

import (
	"os"
	"strings"
	"testing"

	"sitrep"
)

// newsText returns about 200 kB of realistic news text: the repository's own
// article fixture, repeated.
func newsText(b *testing.B) []byte {
	raw, err := os.ReadFile("../testdata/kupiansk-recaptured.txt")
	if err != nil {
		b.Fatal(err)
	}
	return []byte(strings.Repeat(string(raw)+"\n", 200_000/len(raw)+1))
}

// BenchmarkTextLayer measures normalization, tokenization and sentence
// segmentation together; the target is 20 MB/s per core.
func BenchmarkTextLayer(b *testing.B) {
	raw := newsText(b)
	b.SetBytes(int64(len(raw)))
	words := len(strings.Fields(string(raw)))
	b.ReportAllocs()
	for b.Loop() {
		s, err := Normalize("bench", raw)
		if err != nil {
			b.Fatal(err)
		}
		d := sitrep.NewDoc(sitrep.Document{}, s)
		Segmenter{}.Annotate(d)
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
