package attrib

import (
	"os"
	"strconv"
	"testing"
)

func TestZZCombine(t *testing.T) {
	a, b, out := os.Getenv("COMB_A"), os.Getenv("COMB_B"), os.Getenv("COMB_OUT")
	if a == "" {
		t.Skip()
	}
	c, _ := strconv.ParseFloat(os.Getenv("COMB_C"), 64)
	read := func(p string) *Tagger {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		tg, err := ReadTagger(p, f)
		if err != nil {
			t.Fatal(err)
		}
		return tg
	}
	ta, tb := read(a), read(b)
	var topA, topB float32
	for h, w := range tb.w {
		for k := range w {
			topB = max(topB, w[k], -w[k])
		}
		v := ta.w[h]
		for k := range v {
			v[k] += float32(c) * w[k]
		}
		ta.w[h] = v
	}
	for _, w := range ta.w {
		for k := range w {
			topA = max(topA, w[k], -w[k])
		}
	}
	t.Logf("top %v %v, %d features", topA, topB, len(ta.w))
	ta.Prune(150000)
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := ta.Write(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
}
