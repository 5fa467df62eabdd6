package attrib

import (
	"bytes"
	"strings"
	"testing"

	"sitrep"
)

const annText = "“We hold the bridge,” the commander said.\nOfficials denied it."

const annGood = "T1\tSource 22 35\tthe commander\n" +
	"T2\tCue 36 40\tsaid\n" +
	"T3\tContent 0 20\t“We hold the bridge,”\n" +
	"T4\tAttribution 36 40\tsaid\n" +
	"E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n" +
	"T5\tCue 52 58\tdenied\n" +
	"T6\tContent 59 61;61 62\tit.\n" +
	"T7\tAttribution-no-source 52 58\tdenied\n" +
	"E2\tAttribution-no-source:T7 Cue:T5 Content:T6\n" +
	"#1\tAnnotatorNotes T5\ta note\n" +
	"a continuation line of a span's text\n"

func TestReadAnn(t *testing.T) {
	n := len([]rune(annText))
	rels, err := ReadAnn("good.ann", strings.NewReader(annGood), n)
	if err != nil {
		t.Fatal(err)
	}
	if len(rels) != 2 {
		t.Fatalf("ReadAnn: %d relations, want 2", len(rels))
	}
	r := rels[0]
	if len(r.Source) != 1 || r.Source[0] != (sitrep.Span{Start: 22, End: 35}) || r.Cue[0].Start != 36 || r.Content[0].End != 20 {
		t.Errorf("relation 1 = %+v", r)
	}
	if len(rels[1].Source) != 0 || len(rels[1].Content) != 2 {
		t.Errorf("relation 2 = %+v, want no source and two content fragments", rels[1])
	}
}

func TestReadAnnMalformed(t *testing.T) {
	cases := map[string]string{
		"bad offsets":     "T1\tCue x 4\tsaid\n",
		"beyond the text": "T1\tCue 0 9999\tsaid\n",
		"reversed":        "T1\tCue 5 2\tsaid\n",
		"no offsets":      "T1\tCue\n",
		"undefined ref":   "E1\tAttribution:T9 Cue:T8\n",
		"bad argument":    "T1\tCue 0 4\tsaid\nE1\tCue\n",
		"duplicate":       "T1\tCue 0 4\tsaid\nT1\tCue 0 4\tsaid\n",
		"huge line":       "T1\tCue 0 4\t" + strings.Repeat("x", maxAnnLine+10) + "\n",
	}
	for name, s := range cases {
		_, err := ReadAnn("bad.ann", strings.NewReader(s), 60)
		if err == nil {
			t.Errorf("%s: ReadAnn accepted %.40q", name, s)
			continue
		}
		if sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), "bad.ann") {
			t.Errorf("%s: error %q: want EINVALID naming the file", name, err)
		}
	}
}

func TestWriteAnnRoundTrip(t *testing.T) {
	n := len([]rune(annText))
	rels, err := ReadAnn("good.ann", strings.NewReader(annGood), n)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteAnn(&buf, annText, rels); err != nil {
		t.Fatal(err)
	}
	back, err := ReadAnn("written.ann", &buf, n)
	if err != nil {
		t.Fatalf("reading what WriteAnn wrote: %v\n%s", err, buf.String())
	}
	if len(back) != len(rels) {
		t.Fatalf("round trip: %d relations, want %d", len(back), len(rels))
	}
	for i := range rels {
		if !sameSpans([]rune(annText), back[i].Source, rels[i].Source) || !sameSpans([]rune(annText), back[i].Cue, rels[i].Cue) ||
			!sameSpans([]rune(annText), back[i].Content, rels[i].Content) {
			t.Errorf("round trip: relation %d = %+v, want %+v", i, back[i], rels[i])
		}
	}
}

func TestScore(t *testing.T) {
	text := []rune(annText)
	gold, _ := ReadAnn("g", strings.NewReader(annGood), len(text))
	var s Score
	s.Add(text, gold, gold, 1)
	if s.Cue.Exact.F1() != 100 || s.Content.Overlap.F1() != 100 || s.Relation.F1() != 100 {
		t.Errorf("gold against itself: cue %v content %v relation %v", s.Cue.Exact.F1(), s.Content.Overlap.F1(), s.Relation.F1())
	}
	// A content one word short overlaps but is not exact; a missing
	// relation costs recall only.
	pred := []Relation{{Source: []sitrep.Span{{Start: 22, End: 35}}, Cue: []sitrep.Span{{Start: 36, End: 40}},
		Content: []sitrep.Span{{Start: 4, End: 20}}}}
	var p Score
	p.Add(text, gold, pred, 1)
	if p.Content.Exact.Precision() != 0 || p.Content.Overlap.Precision() != 100 || p.Cue.Exact.Recall() != 50 || p.Relation.Precision() != 100 {
		t.Errorf("partial: content exact P %v overlap P %v, cue R %v, relation P %v", p.Content.Exact.Precision(),
			p.Content.Overlap.Precision(), p.Cue.Exact.Recall(), p.Relation.Precision())
	}
	// Two annotators at weight 1/2 count as one article.
	var w Score
	w.Add(text, gold, pred, 0.5)
	w.Add(text, gold[:1], pred, 0.5)
	if w.Cue.Exact.Gold != 1.5 || w.Cue.Exact.Precision() != 100 {
		t.Errorf("weighted: gold %v precision %v", w.Cue.Exact.Gold, w.Cue.Exact.Precision())
	}
}

func FuzzReadAnn(f *testing.F) {
	f.Add(annGood, len([]rune(annText)))
	f.Add("T1\tCue 0 4;6 8\tsa id\nE1\tAttribution:T1 Cue:T1\n", 10)
	f.Add("E1\tAttribution:T2\n", 0)
	f.Add("T1\tSource -1 4\tx\n", 100)
	f.Fuzz(func(t *testing.T, s string, n int) {
		rels, err := ReadAnn("fuzz.ann", strings.NewReader(s), n)
		if err != nil {
			return
		}
		for _, r := range rels {
			for _, sp := range append(append(append([]sitrep.Span{}, r.Source...), r.Cue...), r.Content...) {
				if sp.Start < 0 || sp.End < sp.Start || (n >= 0 && sp.End > n) {
					t.Fatalf("span %v accepted for text length %d", sp, n)
				}
			}
		}
	})
}

func FuzzAnnotate(f *testing.F) {
	f.Add(annText)
	f.Add("“A,” she said. “B.”\n\n“C,” he told TASS. “D")
	f.Add("According to the police, ten were hurt, the mayor said: “It is over.”")
	f.Add("“”“”\"\"\"«»")
	f.Add("Russian forces captured the town on Monday, the ministry said in a statement, claiming full control of the town northwest of Kyiv.")
	f.Add("PENCE: Well. “Quote” ― Jane Doe. Officials reportedly left. The Ledger could not verify the claim.")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<16 {
			return
		}
		norm, err := textNormalize(s)
		if err != nil {
			return
		}
		d := mustDoc(t, norm)
		annotate(t, d)
	})
}
