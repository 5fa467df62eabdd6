package text

import (
	"os"
	"strings"
	"testing"

	"sitrep"
)

func mustDoc(tb testing.TB, raw string) *sitrep.Doc {
	tb.Helper()
	s, err := Normalize("test", []byte(raw))
	if err != nil {
		tb.Fatalf("Normalize: %v", err)
	}
	d := sitrep.NewDoc(sitrep.Document{}, s)
	if err := (Segmenter{}).Annotate(d); err != nil {
		tb.Fatal(err)
	}
	return d
}

func tokens(d *sitrep.Doc) []string {
	out := make([]string, len(d.Tokens))
	for i := range d.Tokens {
		out[i] = d.TokenText(i)
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ukraine’s capital", "Ukraine|’s|capital"},
		{"Russia's army", "Russia|'s|army"},
		{"today—Irpin has", "today|—|Irpin|has"},
		{"1,081 civilians", "1,081|civilians"},
		{"nearly 3.8 million", "nearly|3.8|million"},
		{"its 35th day", "its|35th|day"},
		{"on Feb. 24, which", "on|Feb.|24|,|which"},
		{"the U.S. Army", "the|U.S.|Army"},
		{"Lt. Col. Ivan Petrov", "Lt.|Col.|Ivan|Petrov"},
		{"Gen. Zaluzhnyi", "Gen.|Zaluzhnyi"},
		{"a full-scale invasion", "a|full-scale|invasion"},
		{"face-to-face talks", "face-to-face|talks"},
		{"“special military operation.”", "“|special|military|operation|.|”"},
		{"at 5 p.m. local time", "at|5|p.m.|local|time"},
		{"on 24/03/2022 and 2022-03-24", "on|24/03/2022|and|2022-03-24"},
		{"between 10-15 people", "between|10|-|15|people"},
		{"don't can't", "do|n't|ca|n't"},
		{"O’Brien said", "O’Brien|said"},
		{"John F. Kennedy", "John|F.|Kennedy"},
		{"see https://example.org/a?b=1.", "see|https://example.org/a?b=1|."},
		{"@ZelenskyyUa and #StandWithUkraine", "@ZelenskyyUa|and|#StandWithUkraine"},
		{"No. 5 and no. Then", "No.|5|and|no|.|Then"},
		{"MH-17 and F-16s", "MH-17|and|F-16s"},
		{"Wait... what?!", "Wait|...|what|?|!"},
		{"25%", "25|%"},
		{"Kyiv\u00a0Oblast", "Kyiv|Oblast"},
	}
	for _, tt := range tests {
		d := mustDoc(t, tt.in)
		if got := strings.Join(tokens(d), "|"); got != tt.want {
			t.Errorf("Tokenize(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func sentences(d *sitrep.Doc) []string {
	out := make([]string, len(d.Sentences))
	for i, s := range d.Sentences {
		out[i] = d.Slice(s.Start, s.End)
	}
	return out
}

func TestSegment(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"He left on Feb. 24. The war began.", []string{"He left on Feb. 24.", "The war began."}},
		{"Troops from the U.S. Army arrived. They left.", []string{"Troops from the U.S. Army arrived.", "They left."}},
		{"Sanctions came from the U.S. The Kremlin replied.", []string{"Sanctions came from the U.S.", "The Kremlin replied."}},
		{"Lt. Col. Ivan Petrov spoke. Gen. Smith did not.", []string{"Lt. Col. Ivan Petrov spoke.", "Gen. Smith did not."}},
		{"“We are ready. We will win,” he said. “Come.”", []string{"“We are ready.", "We will win,” he said.", "“Come.”"}},
		{"It was described as a “special military operation.” Talks followed.", []string{"It was described as a “special military operation.”", "Talks followed."}},
		{"Is it over? Nobody knows! Wait... no.", []string{"Is it over?", "Nobody knows!", "Wait... no."}},
		{"Headline without a stop\nBody text starts here.", []string{"Headline without a stop", "Body text starts here."}},
		{"A sentence wrapped\nacross two lines.", []string{"A sentence wrapped\nacross two lines."}},
		{"First paragraph\n\nSecond paragraph", []string{"First paragraph", "Second paragraph"}},
		{"It cost 3.8 million. Then 1,081 died.", []string{"It cost 3.8 million.", "Then 1,081 died."}},
		{"No stop at the end", []string{"No stop at the end"}},
	}
	for _, tt := range tests {
		d := mustDoc(t, tt.in)
		got := sentences(d)
		if strings.Join(got, "⏎") != strings.Join(tt.want, "⏎") {
			t.Errorf("Segment(%q) =\n  %q\nwant\n  %q", tt.in, got, tt.want)
		}
	}
}

// TestFixture checks sentence boundaries, token offsets and quoted spans on
// an article of the same shape as the canonical example.
func TestFixture(t *testing.T) {
	raw, err := os.ReadFile("../testdata/kupiansk-recaptured.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := mustDoc(t, string(raw))
	want := []string{
		"A village east of Ukraine’s second city has been recaptured by Ukrainian troops, the regional governor said.",
		"“Our defenders have returned the flag to Vilkhivka—the village is free again,” the governor of Kharkiv Oblast, Oleh Synehubov, wrote in a post on Telegram.",
		"“We expect the enemy to keep shelling the area, and we are ready.”",
		"Vilkhivka lies about 10 miles east of Kharkiv, near the M03 highway.",
		"Reuters could not independently confirm the report.",
		"Lt. Col. Anton Myronenko of the 92nd Brigade told reporters on Sunday that fighting had gone on for 12 days.",
		"Gen. Valerii Zaluzhnyi’s office did not comment.",
		"The U.S. Department of Defense said on Feb. 27 that 1,250 troops had been moved to Poland and that about 3.5 million people had left the country since Feb. 24.",
		"“Nobody knows how long this will last.",
		"We are counting every shell,” a resident told the BBC.",
		"“The children sleep in the cellar.”",
		"Russia’s Defence Ministry denied that its forces had withdrawn, calling the reports “fake.”",
	}
	got := sentences(d)
	if len(got) != len(want) {
		t.Fatalf("got %d sentences, want %d:\n%q", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sentence %d = %q, want %q", i, got[i], want[i])
		}
	}
	// Paragraphs follow the lines of the article.
	if p := d.Sentences[2].Paragraph; p != 1 {
		t.Errorf("sentence 2 paragraph = %d, want 1 (the second line)", p)
	}
	if p := d.Sentences[11].Paragraph; p != 7 {
		t.Errorf("last sentence paragraph = %d, want 7", p)
	}
	runes := []rune(d.Text)
	for i, tok := range d.Tokens {
		if got := string(runes[tok.Start:tok.End]); got != d.TokenText(i) {
			t.Fatalf("token %d: code points [%d,%d) = %q but bytes give %q", i, tok.Start, tok.End, got, d.TokenText(i))
		}
	}
	// The quoted span of the governor's first quote, by code points.
	open := strings.Index(d.Text, "“Our")
	openCP := len([]rune(d.Text[:open]))
	i := d.TokenAt(openCP)
	if d.TokenText(i) != "“" || d.Tokens[i].Start != openCP {
		t.Fatalf("TokenAt(%d) = %q at %d", openCP, d.TokenText(i), d.Tokens[i].Start)
	}
	j := i + 1
	for d.TokenText(j) != "”" {
		j++
	}
	quote := d.TokenSpan(i, j+1)
	if want := "“Our defenders have returned the flag to Vilkhivka—the village is free again,”"; quote.Text != want {
		t.Errorf("quote span = %q, want %q", quote.Text, want)
	}
	if quote.Len() != len([]rune(quote.Text)) {
		t.Errorf("quote span length %d code points, text has %d", quote.Len(), len([]rune(quote.Text)))
	}
	for _, w := range []string{"Ukraine", "’s", "Vilkhivka", "—", "Lt.", "Col.", "92nd", "U.S.", "Feb.", "1,250", "3.5", "fake", "."} {
		found := false
		for k := range d.Tokens {
			if d.TokenText(k) == w {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("token %q not found", w)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kyi\u0301v", "Kyív"}, // decomposed accent composed (NFC)
		{"\xef\xbb\xbfBOM removed", "BOM removed"},
		{"line one\r\nline two\rthree", "line one\nline two\nthree"},
		{"  padded  \n", "padded"},
		{"bell\a dropped", "bell dropped"},
		{"“quotes” — kept\u00a0as is", "“quotes” — kept\u00a0as is"},
	}
	for _, tt := range tests {
		got, err := Normalize("t", []byte(tt.in))
		if err != nil || got != tt.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	bad := []struct{ in, msg string }{
		{"", "empty"},
		{" \n\t ", "no text"},
		{"abc\x00def", "binary"},
		{"caf\xe9", "not valid UTF-8"},
		{strings.Repeat("\x01\x02", 50), "binary"},
	}
	for _, tt := range bad {
		_, err := Normalize("in.txt", []byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.msg) || !strings.Contains(err.Error(), "in.txt") {
			t.Errorf("Normalize(%q) error = %v, want one naming in.txt and saying %q", tt.in, err, tt.msg)
		}
		if sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("Normalize(%q) code = %q, want EINVALID", tt.in, sitrep.ErrorCode(err))
		}
	}
}

func TestOffsetMap(t *testing.T) {
	d := sitrep.NewDoc(sitrep.Document{}, "Київ — Kyiv’s")
	for r, b := range []int{0, 2, 4, 6, 8, 9, 12, 13} {
		if got := d.ByteOffset(r); got != b {
			t.Errorf("ByteOffset(%d) = %d, want %d", r, got, b)
		}
		if got := d.RuneOffset(b); got != r {
			t.Errorf("RuneOffset(%d) = %d, want %d", b, got, r)
		}
	}
	if got := d.Slice(7, 11); got != "Kyiv" {
		t.Errorf("Slice(7, 11) = %q", got)
	}
	if d.RuneLen() != 13 {
		t.Errorf("RuneLen = %d, want 13", d.RuneLen())
	}
}

func TestLongSentenceIsCut(t *testing.T) {
	d := mustDoc(t, strings.Repeat("a, ", 5000))
	for _, s := range d.Sentences {
		if n := s.EndTok - s.FirstTok; n > MaxSentenceTokens {
			t.Fatalf("sentence of %d tokens, limit %d", n, MaxSentenceTokens)
		}
	}
	if len(d.Tokens) != 10000 {
		t.Errorf("got %d tokens, want 10000", len(d.Tokens))
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Russia’s": "russia's", "KYIV": "kyiv", "Київ": "київ", "don't": "don't"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
