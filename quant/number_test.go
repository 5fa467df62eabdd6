package quant_test

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"sitrep/quant"
)

func TestParseNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1,081", 1081, true},
		{"3.8", 3.8, true},
		{"1,081.5", 1081.5, true},
		{"1.081.000", 1081000, true},
		{"12", 12, true},
		{"1,0,0,0", 0, false},
		{"1,00,000", 0, false},
		{"1..2", 0, false},
		{",5", 0, false},
		{"5,", 0, false},
		{"1.2.3", 0, false},
		{"", 0, false},
		{strings.Repeat("9", 30), 0, false},
		{strings.Repeat("9", 100000), 0, false},
		{"1e9", 0, false},
	} {
		got, ok := quant.ParseNumber(tc.in)
		if ok != tc.ok || got != tc.want {
			short := tc.in
			if len(short) > 20 {
				short = short[:20] + "..."
			}
			t.Errorf("ParseNumber(%q) = %v, %v, want %v, %v", short, got, ok, tc.want, tc.ok)
		}
	}
}

func TestWordValue(t *testing.T) {
	for in, want := range map[string]float64{"seven": 7, "twenty-five": 25, "ninety": 90, "dozen": 12} {
		if got, ok := quant.WordValue(in); !ok || got != want {
			t.Errorf("WordValue(%q) = %v, %v, want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"twenty-twenty", "five-one", "one-", "-one", "people"} {
		if got, ok := quant.WordValue(in); ok {
			t.Errorf("WordValue(%q) = %v, want not a number", in, got)
		}
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1,081", "3.8", "1,0,0,0", "1.081.000", "99999999999999999999", "0", "1,081.25", ".", ","} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := quant.ParseNumber(s)
		if !ok {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > quant.MaxValue {
			t.Fatalf("ParseNumber(%q) = %v", s, v)
		}
		// Plain digits parse to what strconv says.
		if strings.Trim(s, "0123456789") == "" {
			w, err := strconv.ParseFloat(s, 64)
			if err != nil || w != v {
				t.Fatalf("ParseNumber(%q) = %v, strconv says %v (%v)", s, v, w, err)
			}
		}
	})
}

// FuzzAnnotate runs the stage over arbitrary text: it must not panic and
// every figure must be sane, with evidence inside the text.
func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{
		"Nearly 3.8 million people have fled.", "between 10 and 15 tanks were destroyed",
		"no one was killed", "hundreds of thousands of refugees", "1,0,0,0 killed", "3.8m refugees 20k dead",
		"One hundred and twenty-five soldiers and a dozen tanks", "10-15-20 people",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.TrimSpace(s) == "" || !utf8Valid(s) {
			return
		}
		d := mkDoc(t, s)
		for _, q := range annotate(t, d) {
			if q.Value != q.Value || q.Value < 0 || q.Value > quant.MaxValue {
				t.Fatalf("insane value %v in %q", q.Value, s)
			}
			if q.Low != nil && q.High != nil && *q.Low > *q.High {
				t.Fatalf("low %v above high %v in %q", *q.Low, *q.High, s)
			}
		}
	})
}
