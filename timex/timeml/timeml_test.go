package timeml_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitrep"
	"sitrep/shared"
	"sitrep/timex/timeml"
)

func mustParse(tb testing.TB, name string) *timeml.Doc {
	tb.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	d, err := timeml.Parse(name, b)
	if err != nil {
		tb.Fatalf("Parse(%s): %v", name, err)
	}
	return d
}

func TestParse(t *testing.T) {
	d := mustParse(t, "testdata/sample.tml")
	if d.DCT != "2022-03-28" || d.ID != "SAMPLE0001" {
		t.Errorf("DCT %q ID %q", d.DCT, d.ID)
	}
	want := []struct{ text, typ, value, mod string }{
		{"Tuesday", "DATE", "2022-03-29", ""},
		{"almost a month", "DURATION", "P1M", "APPROX"},
		{"today", "DATE", "2022-03-28", ""},
	}
	if len(d.Timexes) != len(want) {
		t.Fatalf("%d timexes, want %d: %+v", len(d.Timexes), len(want), d.Timexes)
	}
	runes := []rune(d.Text)
	for i, w := range want {
		x := d.Timexes[i]
		if got := string(runes[x.Start:x.End]); got != w.text || x.Type != w.typ || x.Value != w.value || x.Mod != w.mod {
			t.Errorf("timex %d = %q %s %s %s, want %q %s %s %s", i, got, x.Type, x.Value, x.Mod, w.text, w.typ, w.value, w.mod)
		}
	}
	if !strings.Contains(d.Text, "Istanbul & Ankara") || strings.Contains(d.Text, "<") {
		t.Errorf("text not decoded and stripped: %q", d.Text)
	}
}

func TestParseErrors(t *testing.T) {
	good, err := os.ReadFile("testdata/sample.tml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(good)
	cases := []struct {
		name, in, want string
	}{
		{"unclosed.tml", strings.Replace(s, "almost a month</TIMEX3>", "almost a month", 1), "unclosed.tml: line "},
		{"nodct.tml", s[:strings.Index(s, "<DCT>")] + s[strings.Index(s, "</DCT>")+6:], "no creation time"},
		{"badvalue.tml", strings.Replace(s, `value="P1M"`, `value="about a month"`, 1), "line 9: TIMEX3 t2: value"},
		{"badtype.tml", strings.Replace(s, `type="DURATION"`, `type="SPAN"`, 1), "line 9: TIMEX3 t2: type"},
		{"notext.tml", strings.Replace(strings.Replace(s, "<TEXT>", "<BODY>", 1), "</TEXT>", "</BODY>", 1), "no TEXT"},
		{"nested.tml", strings.Replace(s, "<TIMEX3 tid=\"t3\" type=\"DATE\" value=\"2022-03-28\">today</TIMEX3>",
			"<TIMEX3 tid=\"t3\" type=\"DATE\" value=\"2022-03-28\"><TIMEX3 tid=\"t4\" type=\"DATE\" value=\"2022\">today</TIMEX3></TIMEX3>", 1), "opens inside"},
		{"binary.tml", "<TimeML>\xff</TimeML>", "not valid UTF-8"},
	}
	for _, c := range cases {
		_, err := timeml.Parse(c.name, []byte(c.in))
		if err == nil {
			t.Errorf("Parse(%s) succeeded", c.name)
			continue
		}
		if sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), c.name) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%s) = %v, want EINVALID naming the file and %q", c.name, err, c.want)
		}
	}
}

func TestWriteRoundTrip(t *testing.T) {
	d := mustParse(t, "testdata/sample.tml")
	var buf bytes.Buffer
	if err := timeml.Write(&buf, d, d.Timexes); err != nil {
		t.Fatal(err)
	}
	back, err := timeml.Parse("written.tml", buf.Bytes())
	if err != nil {
		t.Fatalf("re-reading written file: %v\n%s", err, buf.String())
	}
	if back.Text != d.Text || back.DCT != d.DCT || len(back.Timexes) != len(d.Timexes) {
		t.Fatalf("round trip changed the document:\n%s", buf.String())
	}
	for i := range d.Timexes {
		a, b := d.Timexes[i], back.Timexes[i]
		if a.Start != b.Start || a.End != b.End || a.Value != b.Value || a.Type != b.Type || a.Mod != b.Mod {
			t.Errorf("timex %d: %+v became %+v", i, a, b)
		}
	}
}

func TestScore(t *testing.T) {
	gold := []timeml.Timex{
		{Start: 0, End: 7, Type: "DATE", Value: "2022-03-29"},
		{Start: 10, End: 24, Type: "DURATION", Value: "P1M"},
		{Start: 30, End: 35, Type: "DATE", Value: "2022-03-28"},
	}
	sys := []timeml.Timex{
		{Start: 0, End: 7, Type: "DATE", Value: "2022-03-29"},    // strict, right value
		{Start: 17, End: 24, Type: "DURATION", Value: "P2M"},     // relaxed, wrong value
		{Start: 40, End: 45, Type: "DATE", Value: "PRESENT_REF"}, // spurious
	}
	c, per := timeml.Compare(gold, sys)
	s := c.Score()
	near := func(a, b float64) bool { return a-b < 0.01 && b-a < 0.01 }
	if !near(s.Strict.Precision, 100.0/3) || !near(s.Relaxed.Recall, 200.0/3) || !near(s.ValueF1, 100.0/3) || !near(s.TypeAccuracy, 100) {
		t.Errorf("score %+v", s)
	}
	if per["DURATION"].Relaxed != 1 || per["DATE"].Gold != 2 || per["DATE"].System != 2 {
		t.Errorf("per type %+v %+v", *per["DATE"], *per["DURATION"])
	}
}

// TestCorpusReadable parses every file of TBAQ-cleaned when it is present.
func TestCorpusReadable(t *testing.T) {
	dir := shared.Path("data", "timeml", "TBAQ-cleaned")
	if dir == "" {
		t.Skip("../shared/data/timeml/TBAQ-cleaned not present")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.tml"))
	if len(files) == 0 {
		t.Skip("no .tml files")
	}
	n := 0
	for _, f := range files {
		d := mustParse(t, f)
		n += len(d.Timexes)
	}
	if n < 1500 {
		t.Errorf("%d TIMEX3 in %d files, want the corpus's ~1,800", n, len(files))
	}
}

func FuzzParse(f *testing.F) {
	good, err := os.ReadFile("testdata/sample.tml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte("<TimeML><DCT><TIMEX3 functionInDocument=\"CREATION_TIME\" value=\"1998-01-08\"/></DCT><TEXT>x</TEXT></TimeML>"))
	f.Add([]byte("<TEXT><TIMEX3 type=\"DATE\" value=\"1998\">1998</TIMEX3>"))
	f.Add([]byte("<a></b>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := timeml.Parse("fuzz.tml", b)
		if err != nil {
			if sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), "fuzz.tml") {
				t.Fatalf("error %v does not name the file or is not EINVALID", err)
			}
			return
		}
		n := len([]rune(d.Text))
		for _, x := range d.Timexes {
			if x.Start < 0 || x.End > n || x.Start > x.End {
				t.Fatalf("timex %+v outside text of %d code points", x, n)
			}
		}
		var buf bytes.Buffer
		if err := timeml.Write(&buf, d, d.Timexes); err != nil {
			t.Fatal(err)
		}
	})
}
