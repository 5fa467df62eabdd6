package ner_test

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"sitrep"
	"sitrep/ner"
	"sitrep/shared"
	"sitrep/text"
)

func annotate(tb testing.TB, src string) *sitrep.Doc {
	tb.Helper()
	s, err := ner.New()
	if err != nil {
		tb.Fatalf("ner.New: %v", err)
	}
	d := sitrep.NewDoc(sitrep.Document{}, src)
	text.Segmenter{}.Annotate(d)
	if err := s.Annotate(d); err != nil {
		tb.Fatalf("Annotate: %v", err)
	}
	return d
}

func find(d *sitrep.Doc, name string) *sitrep.Entity {
	for i := range d.Entities {
		if d.Entities[i].Name == name {
			return &d.Entities[i]
		}
	}
	return nil
}

func mentionTexts(e *sitrep.Entity) []string {
	var out []string
	for _, m := range e.Mentions {
		out = append(out, m.Text)
	}
	return out
}

func roleTitles(e *sitrep.Entity) []string {
	var out []string
	for _, r := range e.Roles {
		out = append(out, r.Title)
	}
	return out
}

// checkSpans checks that every span of every entity points at its text
// and that IDs run e1, e2, ... in order of first mention.
func checkSpans(t *testing.T, d *sitrep.Doc) {
	t.Helper()
	last := -1
	for i, e := range d.Entities {
		if want := "e" + itoa(i+1); e.ID != want {
			t.Errorf("entity %d has ID %q, want %q", i, e.ID, want)
		}
		if len(e.Mentions) == 0 {
			t.Errorf("entity %s has no mentions", e.ID)
			continue
		}
		if e.Mentions[0].Start < last {
			t.Errorf("entity %s starts at %d, before the previous entity (%d)", e.ID, e.Mentions[0].Start, last)
		}
		last = e.Mentions[0].Start
		spans := append(slices.Clone(e.Mentions), e.SideEvidence...)
		for _, r := range e.Roles {
			spans = append(spans, r.Evidence...)
		}
		for _, s := range spans {
			if s.Start < 0 || s.End > d.RuneLen() || s.Start >= s.End || d.Slice(s.Start, s.End) != s.Text {
				t.Errorf("entity %s: span %+v does not match the text %q", e.ID, s, d.Slice(s.Start, s.End))
			}
		}
		if (e.Side == "") != (len(e.SideEvidence) == 0) {
			t.Errorf("entity %s: side %q with evidence %v", e.ID, e.Side, e.SideEvidence)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestReport(t *testing.T) {
	b, err := os.ReadFile("testdata/report.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := annotate(t, string(b))
	checkTable(t, d, []want{
		{name: "Dmitry Peskov", typ: sitrep.PER, side: "RU", sideEv: "Kremlin", roles: []string{"Kremlin spokesman"}, mentions: []string{"Dmitry Peskov", "Peskov"}},
		{name: "Dmytro Kuleba", typ: sitrep.PER, roles: []string{"Foreign Minister"}, mentions: []string{"Dmytro Kuleba", "Kuleba"}},
		{name: "Denys Shmyhal", typ: sitrep.PER, roles: []string{"Prime Minister"}, mentions: []string{"Denys Shmyhal", "The prime minister"}},
		{name: "Oleksandr Senkevych", typ: sitrep.PER, side: "UA", sideEv: "Mykolaiv", roles: []string{"mayor of Mykolaiv"}, mentions: []string{"Oleksandr Senkevych", "The mayor"}},
		{name: "Volodymyr Zelenskyy", typ: sitrep.PER},
		{name: "Kremlin", typ: sitrep.ORG, side: "RU"},
		{name: "Telegram", typ: sitrep.ORG},
		{name: "Reuters", typ: sitrep.ORG},
		{name: "United Nations", typ: sitrep.ORG, side: "UN", mentions: []string{"United Nations", "UN"}},
		{name: "Ukrainian forces", typ: sitrep.NORP, side: "UA", sideEv: "Ukrainian"},
		{name: "Russian troops", typ: sitrep.NORP, side: "RU", sideEv: "Russian"},
		{name: "Kharkiv", typ: sitrep.GPE},
	})
}

type want struct {
	name, typ, side, sideEv string
	roles, mentions         []string
}

func checkTable(t *testing.T, d *sitrep.Doc, wants []want) {
	t.Helper()
	checkSpans(t, d)
	for _, w := range wants {
		e := find(d, w.name)
		if e == nil {
			var names []string
			for _, e := range d.Entities {
				names = append(names, e.Type+":"+e.Name)
			}
			t.Errorf("no entity %q; have %v", w.name, names)
			continue
		}
		if e.Type != w.typ {
			t.Errorf("%s: type %s, want %s", w.name, e.Type, w.typ)
		}
		if e.Side != w.side && w.side != "" {
			t.Errorf("%s: side %q, want %q", w.name, e.Side, w.side)
		}
		if w.sideEv != "" && (len(e.SideEvidence) == 0 || e.SideEvidence[0].Text != w.sideEv) {
			t.Errorf("%s: side evidence %v, want %q", w.name, e.SideEvidence, w.sideEv)
		}
		for _, r := range w.roles {
			if !slices.Contains(roleTitles(e), r) {
				t.Errorf("%s: roles %q, want %q among them", w.name, roleTitles(e), r)
			}
		}
		for _, m := range w.mentions {
			if !slices.Contains(mentionTexts(e), m) {
				t.Errorf("%s: mentions %q, want %q among them", w.name, mentionTexts(e), m)
			}
		}
	}
}

// TestIrpin checks the example article, when the shared data is
// present.
func TestIrpin(t *testing.T) {
	p := shared.Path("examples", "irpin-liberated.txt")
	if p == "" {
		t.Skip("shared example not present")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	d := annotate(t, string(b))
	checkTable(t, d, []want{
		{name: "Oleksandr Markushyn", typ: sitrep.PER, side: "UA", roles: []string{"mayor of Irpin"}, mentions: []string{"the mayor", "Oleksandr Markushyn"}},
		{name: "Dmitry Peskov", typ: sitrep.PER, side: "RU", roles: []string{"Kremlin spokesperson"}},
		{name: "Volodymyr Zelenskyy", typ: sitrep.PER, side: "UA", roles: []string{"Ukrainian President"}},
		{name: "Vladimir Putin", typ: sitrep.PER, side: "RU", roles: []string{"Russian President"}},
		{name: "Epoch Times", typ: sitrep.ORG},
		{name: "United Nations", typ: sitrep.ORG, side: "UN"},
		{name: "Kremlin", typ: sitrep.ORG, side: "RU"},
		{name: "TASS", typ: sitrep.ORG, side: "RU"},
		{name: "Telegram", typ: sitrep.ORG},
		{name: "Ukrainian forces", typ: sitrep.NORP, side: "UA"},
		{name: "Russian forces", typ: sitrep.NORP, side: "RU"},
	})
}

// TestCoreference: a surname the tagger has never seen, and a title alone,
// join the full name given in the same document.
func TestCoreference(t *testing.T) {
	d := annotate(t, "Kremlin spokesman Dmitry Peskov said the talks would resume. Peskov gave no date. "+
		"The spokesman later said that Peskov's remarks had been misread.")
	e := find(d, "Dmitry Peskov")
	if e == nil {
		t.Fatalf("no Dmitry Peskov in %+v", d.Entities)
	}
	got := mentionTexts(e)
	for _, w := range []string{"Dmitry Peskov", "Peskov", "The spokesman"} {
		if !slices.Contains(got, w) {
			t.Errorf("mentions %q, want %q among them", got, w)
		}
	}
	if n := strings.Count(strings.Join(got, "|"), "Peskov"); n != 3 {
		t.Errorf("mentions %q: %d mention Peskov, want 3", got, n)
	}
}

func TestEmptyAndOdd(t *testing.T) {
	for _, src := range []string{"", ".", "the the the", "ИРПІНЬ — Ірпінь звільнено.", strings.Repeat("Peskov ", 500)} {
		d := annotate(t, src)
		checkSpans(t, d)
	}
}

// TestConcurrent runs one stage over several documents at once (run with
// -race) and checks each result equals the sequential one.
func TestConcurrent(t *testing.T) {
	b, err := os.ReadFile("testdata/report.txt")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(annotate(t, string(b)).Entities)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, _ := json.Marshal(annotate(t, string(b)).Entities)
			if !bytes.Equal(got, want) {
				t.Errorf("concurrent result differs from sequential")
			}
		}()
	}
	wg.Wait()
}

// TestValidSlice scores the embedded model on the first documents of the
// CoNLL-2003 development set, when present; sitrep eval conll scores all.
func TestValidSlice(t *testing.T) {
	p := shared.Path("data", "conll2003", "valid.txt")
	if p == "" {
		t.Skip("CoNLL-2003 not present")
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, err := ner.ReadCoNLL(p, f)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	sc, _ := ner.Evaluate(m, docs[:40])
	if f1 := sc.Overall.F1(); f1 < 88 {
		t.Errorf("F1 on 40 documents of valid.txt = %.2f, want at least 88", f1)
	}
}

func FuzzAnnotate(f *testing.F) {
	f.Add("Kremlin spokesperson Dmitry Peskov said. Peskov, the spokesman, left.")
	f.Add("the mayor of Irpin, Oleksandr Markushyn, said on Telegram.")
	f.Add("UN United Nations U.N. the the , , the president")
	f.Add("Ukrainian forces\n\nRussian\u00a0forces’ “quote” — dash")
	s, err := ner.New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) {
		txt, err := text.Normalize("fuzz", []byte(src))
		if err != nil {
			return
		}
		d := sitrep.NewDoc(sitrep.Document{}, txt)
		text.Segmenter{}.Annotate(d)
		if err := s.Annotate(d); err != nil {
			t.Fatal(err)
		}
		checkSpans(t, d)
	})
}
