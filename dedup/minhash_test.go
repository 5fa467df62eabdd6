package dedup

import (
	"strings"
	"testing"
)

const wire = `Ukrainian forces have retaken the town of Irpin, north-west of the capital, the town's mayor said on Monday. ` +
	`Oleksandr Markushyn said in a video posted on Telegram that the town had been liberated after weeks of fighting. ` +
	`The claim could not be independently verified. Russian troops had held parts of the town since early March, ` +
	`and residents who fled described heavy shelling of apartment blocks and the destruction of a bridge on the road to Kyiv.`

func TestSimilarity(t *testing.T) {
	tests := []struct {
		name   string
		a, b   string
		lo, hi float64
	}{
		{"identical", wire, wire, 1, 1},
		{"case and punctuation", wire, strings.ToUpper(strings.ReplaceAll(wire, ",", "")), 1, 1},
		{"syndicated with byline", wire, "By Staff Writer (Reuters) - " + wire + " Reporting by the Kyiv bureau.", 0.75, 1},
		{"one sentence changed", wire, strings.Replace(wire, "The claim could not be independently verified.", "Officials confirmed the account.", 1), 0.6, 0.95},
		{"different article", wire, `Talks between the delegations resumed in Istanbul on Tuesday, the Kremlin spokesman said, ` +
			`adding that no breakthrough was expected and that the next round would take place by video link later in the week.`, 0, 0.1},
	}
	for _, tt := range tests {
		s := Similarity(Sign(tt.a), Sign(tt.b))
		if s < tt.lo || s > tt.hi {
			t.Errorf("%s: Similarity = %.2f, want in [%.2f, %.2f]", tt.name, s, tt.lo, tt.hi)
		}
	}
}

func TestBandsShared(t *testing.T) {
	a := BandKeys(Sign(wire))
	b := BandKeys(Sign("By Staff Writer (Reuters) - " + wire))
	c := BandKeys(Sign("A completely unrelated text about the weather in Lisbon and the price of bread at the market."))
	shared := func(x, y []uint64) int {
		n := 0
		for i := range x {
			if x[i] == y[i] {
				n++
			}
		}
		return n
	}
	if shared(a, b) == 0 {
		t.Errorf("a syndicated copy shares no band with the original")
	}
	if shared(a, c) != 0 {
		t.Errorf("an unrelated text shares %d bands", shared(a, c))
	}
	if len(BandKeys([]uint64{1, 2})) != 0 {
		t.Errorf("BandKeys of a short signature should be empty")
	}
}

func TestShortAndEmpty(t *testing.T) {
	if Similarity(Sign("Kyiv shelled"), Sign("kyiv, shelled!")) != 1 {
		t.Errorf("short texts with the same words should be identical")
	}
	if Similarity(Sign("Kyiv shelled"), Sign("Kharkiv shelled")) > 0.1 {
		t.Errorf("different short texts look alike")
	}
	if Similarity(Sign(""), Sign("x")) != 0 {
		t.Errorf("empty text matches")
	}
}

func BenchmarkSign(b *testing.B) {
	text := strings.Repeat(wire+" ", 10)
	words := len(strings.Fields(text))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Sign(text)
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
}
