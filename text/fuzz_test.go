package text

import (
	"testing"
	"unicode/utf8"

	"sitrep"
)

// FuzzTextLayer checks the invariants every later stage relies on: tokens
// are in order, do not overlap, agree in bytes and code points, and the
// sentences partition the tokens.
func FuzzTextLayer(f *testing.F) {
	for _, s := range []string{
		"“We have good news today—Irpin has been liberated,” the mayor said.",
		"The U.S. Army, Lt. Col. Smith and Gen. Jones met on Feb. 24. Then 1,081 left.",
		"Київ — Kyiv’s 35th day\r\n\r\nNew paragraph...",
		"“unbalanced quote. ” ” “",
		"a\u00a0b\u200bc\u2028d",
		"https://x.org/a.b. @user #tag 24/03/2022 2022-03-24 5 p.m.",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		s, err := Normalize("fuzz", raw)
		if err != nil {
			return
		}
		if !utf8.ValidString(s) {
			t.Fatalf("Normalize returned invalid UTF-8")
		}
		d := sitrep.NewDoc(sitrep.Document{}, s)
		Segmenter{}.Annotate(d)
		prevEnd, prevByte := 0, 0
		n := d.RuneLen()
		for i, tok := range d.Tokens {
			if tok.Start < prevEnd || tok.End <= tok.Start || tok.End > n || tok.ByteStart < prevByte {
				t.Fatalf("token %d [%d,%d) bytes [%d,%d) out of order", i, tok.Start, tok.End, tok.ByteStart, tok.ByteEnd)
			}
			if d.ByteOffset(tok.Start) != tok.ByteStart || d.ByteOffset(tok.End) != tok.ByteEnd {
				t.Fatalf("token %d code points and bytes disagree", i)
			}
			prevEnd, prevByte = tok.End, tok.ByteEnd
		}
		next := 0
		for i, se := range d.Sentences {
			if se.FirstTok != next || se.EndTok <= se.FirstTok || se.EndTok-se.FirstTok > MaxSentenceTokens {
				t.Fatalf("sentence %d [%d,%d) does not continue at token %d", i, se.FirstTok, se.EndTok, next)
			}
			next = se.EndTok
		}
		if next != len(d.Tokens) {
			t.Fatalf("sentences cover %d of %d tokens", next, len(d.Tokens))
		}
	})
}
