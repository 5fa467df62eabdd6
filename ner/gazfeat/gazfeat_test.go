package gazfeat_test

import (
	"testing"

	"sitrep/gazetteer"
	"sitrep/ner"
	"sitrep/ner/gazfeat"
)

var _ ner.Gazetteer = (*gazfeat.Names)(nil)

func TestNames(t *testing.T) {
	n, err := gazfeat.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"kyiv", "irpin", "bucha", "germany", "london", "europe", "irpiń"} {
		if !n.IsPlace(w) {
			t.Errorf("IsPlace(%q) = false, want true", w)
		}
	}
	// Hamlets named after common words are below gazfeat.MinPopulation, the
	// "Teresina" alternate name "the" is not an own name, and "new york" is
	// two words.
	for _, w := range []string{"", "a", "the", "said", "president", "reuters", "rain", "new york"} {
		if n.IsPlace(w) {
			t.Errorf("IsPlace(%q) = true, want false", w)
		}
	}
	if n.Len() < 10000 {
		t.Errorf("Len() = %d, want tens of thousands", n.Len())
	}
}

// TestNameDeterministic: the name a model records must not depend on map
// order, or a model would refuse to load in the next process.
func TestNameDeterministic(t *testing.T) {
	n, err := gazfeat.Default()
	if err != nil {
		t.Fatal(err)
	}
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	if again := gazfeat.New(g); again.Name() != n.Name() || again.Len() != n.Len() {
		t.Errorf("rebuilt set %q (%d), want %q (%d)", again.Name(), again.Len(), n.Name(), n.Len())
	}
}

func BenchmarkIsPlace(b *testing.B) {
	n, err := gazfeat.Default()
	if err != nil {
		b.Fatal(err)
	}
	words := []string{"kyiv", "said", "irpin", "the", "russian", "forces", "mariupol", "on", "tuesday", "zelenskyy", "irpiń", "oblast"}
	b.ResetTimer()
	calls := 0
	for b.Loop() {
		for _, w := range words {
			n.IsPlace(w)
		}
		calls += len(words)
	}
	b.ReportMetric(float64(calls)/b.Elapsed().Seconds(), "words/s")
}
