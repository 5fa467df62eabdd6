package quant_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"sitrep"
	"sitrep/internal/exampletest"
	"sitrep/quant"
	"sitrep/text"
)

// mkDoc segments s as the pipeline would, leaving the other layers for the
// test to fill as the times and attribution stages would.
func mkDoc(tb testing.TB, s string) *sitrep.Doc {
	tb.Helper()
	d := sitrep.NewDoc(sitrep.Document{ID: "test"}, s)
	if err := (text.Segmenter{}).Annotate(d); err != nil {
		tb.Fatal(err)
	}
	return d
}

// span returns the span of the nth (0-based) occurrence of sub in d.Text.
func span(tb testing.TB, d *sitrep.Doc, sub string) sitrep.Span {
	tb.Helper()
	b := strings.Index(d.Text, sub)
	if b < 0 {
		tb.Fatalf("%q not in text", sub)
	}
	return d.Span(d.RuneOffset(b), d.RuneOffset(b+len(sub)))
}

func addTime(tb testing.TB, d *sitrep.Doc, mention, value string) string {
	tb.Helper()
	id := fmt.Sprintf("T%d", len(d.Times)+1)
	d.Times = append(d.Times, sitrep.Time{ID: id, Type: sitrep.TimeDate, Value: value, Precision: "day",
		Mentions: []sitrep.Span{span(tb, d, mention)}})
	return id
}

func addClaim(tb testing.TB, d *sitrep.Doc, speaker, content string) string {
	tb.Helper()
	id := fmt.Sprintf("C%d", len(d.Claims)+1)
	d.Claims = append(d.Claims, sitrep.Claim{ID: id, Speaker: speaker, Content: span(tb, d, content),
		Polarity: "asserted", Status: sitrep.StatusUnverified})
	return id
}

func annotate(tb testing.TB, d *sitrep.Doc) []sitrep.Quantity {
	tb.Helper()
	if err := quant.New().Annotate(d); err != nil {
		tb.Fatal(err)
	}
	for _, q := range d.Quantities {
		for _, ev := range q.Evidence {
			if ev.Text != d.Slice(ev.Start, ev.End) || ev.Start >= ev.End {
				tb.Errorf("%s: evidence %+v does not match the text", q.ID, ev)
			}
		}
	}
	return d.Quantities
}

func f(v float64) string { return fmt.Sprint(v) }

func show(q sitrep.Quantity) string {
	s := fmt.Sprintf("%s %s", f(q.Value), q.Qualifier)
	if q.Low != nil {
		s += " low=" + f(*q.Low)
	}
	if q.High != nil {
		s += " high=" + f(*q.High)
	}
	return s + fmt.Sprintf(" unit=%s measure=%s", q.Unit, q.Measure)
}

func TestFigures(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Officials said 1,081 civilians were killed.", []string{"1081 exact unit=civilians measure=killed"}},
		{"Nearly 3.8 million people have fled the country.", []string{"3.8e+06 approximately high=3.8e+06 unit=people measure=fled"}},
		{"Two dozen soldiers were captured near the river.", []string{"24 exact unit=soldiers measure=captured"}},
		{"Hundreds of residents were evacuated on Monday.", []string{"200 approximately low=200 high=999 unit=residents measure=evacuated"}},
		{"Tens of thousands of people are displaced.", []string{"20000 approximately low=20000 high=99999 unit=people measure=displaced"}},
		{"Between 10 and 15 tanks were destroyed.", []string{"10 range low=10 high=15 unit=tanks measure=destroyed"}},
		{"The strike wounded 10-15 people.", []string{"10 range low=10 high=15 unit=people measure=injured"}},
		{"Officials said 2 to 3 million people fled.", []string{"2e+06 range low=2e+06 high=3e+06 unit=people measure=fled"}},
		{"At least 12 people were killed in the attack.", []string{"12 at_least low=12 unit=people measure=killed"}},
		{"More than 300 civilians died.", []string{"300 more_than low=300 unit=civilians measure=killed"}},
		{"Up to 40 soldiers may have been killed.", []string{"40 at_most high=40 unit=soldiers measure=killed"}},
		{"About 500 people were injured.", []string{"500 approximately unit=people measure=injured"}},
		{"The shelling killed at least five civilians.", []string{"5 at_least low=5 unit=civilians measure=killed"}},
		{"No one was killed in the blast.", []string{"0 exact unit=people measure=killed"}},
		{"There were no casualties.", []string{"0 exact unit=people measure=casualties"}},
		{"No civilians were hurt.", []string{"0 exact unit=civilians measure=injured"}},
		{"He said there was no breakthrough.", nil},
		{"The war enters its 35th day.", nil},
		{"The column was 40 km long.", nil},
		{"The talks lasted 3 hours.", nil},
		{"On 24 February the invasion began.", nil},
		{"It happened on March 24, 2022.", nil},
		{"A 9M544 missile hit the school.", nil},
		{"The T-64 tank burned.", nil},
		{"The two sides met in Istanbul.", nil},
		{"Support rose to 40% in March.", nil},
		{"Image 4: destroyed school", nil},
		{"Two Russian tanks were destroyed.", []string{"2 exact unit=tanks measure=destroyed"}},
		{"The UN counts 3.8m refugees.", []string{"3.8e+06 exact unit=refugees measure=fled"}},
		{"The death toll rose to 50.", []string{"50 exact unit= measure=killed"}},
		{"Officials reported 120 civilian deaths.", []string{"120 exact unit=civilians measure=killed"}},
		{"One hundred and twenty people fled.", []string{"120 exact unit=people measure=fled"}},
		{"In 2022 the war began.", nil},
		{"Some 2000 soldiers were deployed.", []string{"2000 approximately unit=soldiers measure="}},
		{"1,0,0,0 people were killed.", nil},
		{"Ambulance attacked; 2 fatalities, 1 injury.", []string{"2 exact unit=people measure=killed", "1 exact unit=people measure=injured"}},
		{"Two major debt ratings agencies have cut the rating.", []string{"2 exact unit=agencies measure="}},
		{"It holds 95 multiple rocket launcher systems.", []string{"95 exact unit=systems measure="}},
		{"Nearly 5,000 people, including about 210 children, have been killed.", []string{"5000 approximately high=5000 unit=people measure=killed", "210 approximately unit=children measure=killed"}},
		{"Almost 13 millions of people visited the site.", []string{"1.3e+07 approximately high=1.3e+07 unit=people measure="}},
		{"It will become one of many war crimes that will kill people.", nil},
		{"They pledged millions equipment.", nil},
		{"The 4,000-sq-km (2,485 sq-mile) zone.", nil},
		{"51 against health facilities and the deaths of 12 health workers.", []string{"12 exact unit=workers measure=killed"}},
		{"Two deceased civilians on the street.", []string{"2 exact unit=civilians measure=killed"}},
		{"99999999999999999999999999999 people were killed.", nil},
	} {
		d := mkDoc(t, tc.in)
		var got []string
		for _, q := range annotate(t, d) {
			got = append(got, show(q))
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Annotate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestAsOfAndSource builds the times and claims layers by hand, as the
// timex and attrib stages would, and checks that figures take their as-of
// date and source from them.
func TestAsOfAndSource(t *testing.T) {
	d := mkDoc(t, "The United Nations said that as of March 25, 1,081 civilians were killed in Ukraine and nearly 3.8 million people have fled Ukraine since the war began. The war enters its 35th day.")
	d.Entities = []sitrep.Entity{{ID: "E1", Type: sitrep.ORG, Name: "United Nations", Mentions: []sitrep.Span{span(t, d, "United Nations")}}}
	tm := addTime(t, d, "March 25", "2022-03-25")
	c := addClaim(t, d, "E1", "as of March 25, 1,081 civilians were killed in Ukraine and nearly 3.8 million people have fled Ukraine since the war began")
	qs := annotate(t, d)
	if len(qs) != 2 {
		t.Fatalf("got %d figures, want 2: %+v", len(qs), qs)
	}
	for _, q := range qs {
		if q.AsOf != tm || q.Source != "E1" || q.Claim != c {
			t.Errorf("%s: as_of=%q source=%q claim=%q, want %q E1 %q", show(q), q.AsOf, q.Source, q.Claim, tm, c)
		}
	}
	if qs[0].Value != 1081 || qs[0].Evidence[0].Text != "1,081 civilians" {
		t.Errorf("first figure = %s %q", show(qs[0]), qs[0].Evidence[0].Text)
	}
	if qs[1].Evidence[0].Text != "nearly 3.8 million people" {
		t.Errorf("second figure evidence = %q", qs[1].Evidence[0].Text)
	}
}

// TestDatesFromTimes checks that a number inside a time expression is not
// counted, whatever follows it.
func TestDatesFromTimes(t *testing.T) {
	d := mkDoc(t, "By 2022 civilians had fled the city.")
	addTime(t, d, "2022", "2022")
	if qs := annotate(t, d); len(qs) != 0 {
		t.Errorf("got %+v, want no figures", qs)
	}
}

func TestNoUnattributedSource(t *testing.T) {
	d := mkDoc(t, "At least 12 people were killed.")
	addClaim(t, d, "unattributed", "At least 12 people were killed")
	qs := annotate(t, d)
	if len(qs) != 1 || qs[0].Source != "" || qs[0].Claim != "C1" {
		t.Errorf("got %+v, want one figure with claim C1 and no source", qs)
	}
}

// TestBadInput checks that pathological text gives sane output.
func TestBadInput(t *testing.T) {
	for name, in := range map[string]string{
		"commas":    strings.Repeat(",", 5000),
		"nopunct":   strings.Repeat("twelve people were killed and hundreds of soldiers fled ", 400),
		"digits":    strings.Repeat("9", 100000) + " people",
		"grouping":  "1,0,0,0 people and 1,00,000 people and 1..2 people",
		"scales":    strings.Repeat("million ", 2000) + "people",
		"numbers":   strings.Repeat("1 ", 5000),
		"overflow":  "999999999999999999 million billion trillion people were killed",
		"negations": strings.Repeat("no no one ", 2000),
	} {
		d := mkDoc(t, in)
		qs := annotate(t, d)
		for _, q := range qs {
			if q.Value < 0 || q.Value > quant.MaxValue || q.Value != q.Value {
				t.Errorf("%s: insane value %v", name, q.Value)
			}
		}
		// Text without punctuation is cut into sentences of at most
		// text.MaxSentenceTokens tokens, and a cut may split a figure.
		if name == "nopunct" && (len(qs) < 790 || len(qs) > 800) {
			t.Errorf("%s: got %d figures, want about 800", name, len(qs))
		}
	}
}

// TestExample runs on the example article when the shared data is present.
func TestExample(t *testing.T) {
	s := exampletest.Text(t)
	d := mkDoc(t, s)
	addTime(t, d, "March 25", "2022-03-25")
	var got []string
	for _, q := range annotate(t, d) {
		got = append(got, show(q))
	}
	want := []string{"1081 exact unit=civilians measure=killed", "3.8e+06 approximately high=3.8e+06 unit=people measure=fled"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("example figures = %q, want %q", got, want)
	}
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }
