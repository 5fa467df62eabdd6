package attrib

import (
	"os"
	"strings"
	"testing"

	"sitrep"
	"sitrep/internal/cputime"
	"sitrep/internal/exampletest"
	"sitrep/shared"
	"sitrep/text"
)

func mustDoc(tb testing.TB, s string) *sitrep.Doc {
	tb.Helper()
	d := sitrep.NewDoc(sitrep.Document{}, s)
	text.Tokenize(d)
	text.Segment(d)
	return d
}

func annotate(tb testing.TB, d *sitrep.Doc) {
	tb.Helper()
	if err := New().Annotate(d); err != nil {
		tb.Fatalf("Annotate: %v", err)
	}
	for _, c := range d.Claims {
		checkSpans(tb, d, c)
	}
}

// checkSpans asserts that every span of a claim lies in the text and
// repeats the text it covers.
func checkSpans(tb testing.TB, d *sitrep.Doc, c sitrep.Claim) {
	tb.Helper()
	if strings.TrimSpace(c.Content.Text) == "" {
		tb.Fatalf("claim %s (cue %q, source %v) has no content", c.ID, c.Cue.Text, c.Source)
	}
	spans := append([]sitrep.Span{c.Cue, c.Content}, c.Source...)
	spans = append(spans, c.ContentParts...)
	spans = append(spans, c.Hedges...)
	if c.Medium != nil {
		spans = append(spans, *c.Medium)
	}
	if c.Addressee != nil {
		spans = append(spans, *c.Addressee)
	}
	for _, s := range spans {
		if s.Start < 0 || s.End < s.Start || s.End > d.RuneLen() {
			tb.Fatalf("claim %s: span %d-%d outside the text (%d)", c.ID, s.Start, s.End, d.RuneLen())
		}
		if got := d.Slice(s.Start, s.End); got != s.Text {
			tb.Fatalf("claim %s: span %d-%d text %q, want %q", c.ID, s.Start, s.End, s.Text, got)
		}
	}
}

// find returns the claim whose cue is cue and whose content holds part.
func find(tb testing.TB, d *sitrep.Doc, cue, part string) sitrep.Claim {
	tb.Helper()
	for _, c := range d.Claims {
		if strings.HasPrefix(c.Cue.Text, cue) && strings.Contains(c.Content.Text, part) {
			return c
		}
	}
	var got []string
	for _, c := range d.Claims {
		got = append(got, c.Cue.Text+": "+c.Content.Text)
	}
	tb.Fatalf("no claim with cue %q and content holding %q; claims:\n%s", cue, part, strings.Join(got, "\n"))
	return sitrep.Claim{}
}

func src(c sitrep.Claim) string {
	var p []string
	for _, s := range c.Source {
		p = append(p, s.Text)
	}
	return strings.Join(p, " | ")
}

func span(s *sitrep.Span) string {
	if s == nil {
		return ""
	}
	return s.Text
}

func TestVillage(t *testing.T) {
	raw, err := os.ReadFile("testdata/village.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := mustDoc(t, strings.TrimSpace(string(raw)))
	// The times and ner stages are built elsewhere; give the document the
	// layers they would set, to check that claims link to them.
	late := strings.Index(d.Text, "late Monday")
	lr := len([]rune(d.Text[:late]))
	d.Times = []sitrep.Time{{ID: "t1", Type: sitrep.TimeDate, Value: "2022-06-06", Mentions: []sitrep.Span{d.Span(lr, lr+11)}}}
	kr := len([]rune(d.Text[:strings.Index(d.Text, "Anna Kovalenko")]))
	d.Entities = []sitrep.Entity{{ID: "e7", Type: sitrep.PER, Name: "Anna Kovalenko", Mentions: []sitrep.Span{d.Span(kr, kr+14)}}}
	annotate(t, d)

	c := find(t, d, "claimed", "recaptured by government troops")
	if src(c) != "the governor of the region" || c.SpeakerName != "Petro Danylenko" || c.Mode != ModeIndirect {
		t.Errorf("claimed: source %q speaker %q mode %s", src(c), c.SpeakerName, c.Mode)
	}
	if c.Status != sitrep.StatusOutletUnableToVerify || len(c.Hedges) < 2 {
		t.Errorf("claimed: status %s hedges %v, want outlet-unable-to-verify with the cue and the outlet's hedge", c.Status, c.Hedges)
	}

	c = find(t, d, "said", "the village is free")
	if c.Mode != ModeDirect || len(c.ContentParts) != 2 || !strings.Contains(c.ContentParts[1].Text, "shell us again") {
		t.Errorf("interrupted quote: mode %s parts %v", c.Mode, c.ContentParts)
	}
	if span(c.Medium) != "a video post on Telegram" || c.SpeakerName != "Petro Danylenko" {
		t.Errorf("quote: medium %q speaker %q", span(c.Medium), c.SpeakerName)
	}
	if c.Status != sitrep.StatusOutletUnableToVerify {
		t.Errorf("quote: status %s, want outlet-unable-to-verify", c.Status)
	}

	c = find(t, d, "said", "214 civilians")
	if src(c) != "The Red Cross" || !strings.HasPrefix(c.Content.Text, "that as of June 3") {
		t.Errorf("figures: source %q content %q", src(c), c.Content.Text)
	}

	c = find(t, d, "confirmed", "prisoner exchange")
	if c.SpeakerName != "Ivan Sorokin" || src(c) != "Defence ministry spokesman Ivan Sorokin" || c.When != "" {
		t.Errorf("confirmed: source %q speaker %q when %q", src(c), c.SpeakerName, c.When)
	}
	c = find(t, d, "said", "no agreement had been signed")
	if src(c) != "he" || c.SpeakerName != "Ivan Sorokin" || strings.Contains(c.Content.Text, "declined") {
		t.Errorf("pronoun: source %q speaker %q content %q", src(c), c.SpeakerName, c.Content.Text)
	}
	c = find(t, d, "declined to comment", "the terms")
	if c.Polarity != Refused || c.SpeakerName != "Ivan Sorokin" {
		t.Errorf("refusal: polarity %s speaker %q", c.Polarity, c.SpeakerName)
	}
	c = find(t, d, "told", "The lists are ready")
	if span(c.Addressee) != "the state news agency RIA" || len(c.ContentParts) != 2 || c.SpeakerName != "Ivan Sorokin" {
		t.Errorf("told: addressee %q parts %d speaker %q", span(c.Addressee), len(c.ContentParts), c.SpeakerName)
	}
	for _, o := range d.Claims {
		if o.Cue.Text == "hope" || o.Cue.Text == "lists" {
			t.Errorf("the speaker's own words inside a quotation became claim %s (%q)", o.ID, o.Cue.Text)
		}
	}

	c = find(t, d, "insisted", "a single metre")
	if c.Mode != ModeMixed || c.Speaker != "e7" {
		t.Errorf("insisted: mode %s speaker %q, want mixed, e7", c.Mode, c.Speaker)
	}
	c = find(t, d, "said", "rebuild every house")
	if c.When != "t1" || span(c.Medium) != "a video address" || span(c.Addressee) != "the nation" || c.Speaker != "e7" {
		t.Errorf("video address: when %q medium %q addressee %q speaker %q", c.When, span(c.Medium), span(c.Addressee), c.Speaker)
	}

	c = find(t, d, "reportedly", "evacuated the hospital")
	if c.Speaker != Unknown || c.Status != sitrep.StatusUnverified || len(c.Hedges) != 1 || len(c.Source) != 0 {
		t.Errorf("reportedly: speaker %q status %s hedges %v source %v", c.Speaker, c.Status, c.Hedges, c.Source)
	}
	c = find(t, d, "According to", "three people were wounded")
	if src(c) != "the regional police" {
		t.Errorf("according to: source %q", src(c))
	}
	c = find(t, d, "denied", "the bridge")
	if c.Polarity != Denied || src(c) != "The mayor" {
		t.Errorf("denied: polarity %s source %q", c.Polarity, src(c))
	}
	// The outlet's hedge is not itself a claim.
	for _, o := range d.Claims {
		if strings.Contains(o.Content.Text, "could not independently verify") || strings.Contains(o.Cue.Text, "verify") {
			t.Errorf("the outlet's hedge became claim %s", o.ID)
		}
	}
}

func TestIrpinExample(t *testing.T) {
	s := exampletest.Text(t)
	d := mustDoc(t, s)
	annotate(t, d)
	c := find(t, d, "said", "Irpin has been liberated")
	if c.Mode != ModeDirect || span(c.Medium) != "a video post on Telegram" || c.SpeakerName != "Oleksandr Markushyn" ||
		c.Status != sitrep.StatusOutletUnableToVerify {
		t.Errorf("liberated: mode %s medium %q speaker %q status %s", c.Mode, span(c.Medium), c.SpeakerName, c.Status)
	}
	if len(c.ContentParts) != 2 || !strings.Contains(c.ContentParts[1].Text, "more attacks on our town") {
		t.Errorf("liberated: the second quotation is not joined: %v", c.ContentParts)
	}
	c = find(t, d, "claimed", "retaken by Ukrainian forces")
	if c.SpeakerName != "Oleksandr Markushyn" || c.Status != sitrep.StatusOutletUnableToVerify {
		t.Errorf("claimed: speaker %q status %s", c.SpeakerName, c.Status)
	}
	c = find(t, d, "said", "1,081 civilians")
	if c.SpeakerName != "United Nations" {
		t.Errorf("UN: speaker %q", c.SpeakerName)
	}
	c = find(t, d, "was described", "special military operation")
	if src(c) != "Russia’s government" || c.Mode != ModeMixed {
		t.Errorf("described: source %q mode %s", src(c), c.Mode)
	}
	c = find(t, d, "confirmed", "talks with Ukraine will resume in Turkey on Tuesday")
	if c.SpeakerName != "Dmitry Peskov" {
		t.Errorf("confirmed: speaker %q", c.SpeakerName)
	}
	c = find(t, d, "said", "no breakthrough")
	if c.SpeakerName != "Dmitry Peskov" {
		t.Errorf("no breakthrough: speaker %q", c.SpeakerName)
	}
	c = find(t, d, "refused to disclose", "details")
	if c.Polarity != Refused || c.SpeakerName != "Dmitry Peskov" {
		t.Errorf("refused: polarity %s speaker %q", c.Polarity, c.SpeakerName)
	}
	c = find(t, d, "told", "The delegation is leaving")
	if span(c.Addressee) != "Russian state media TASS" || c.SpeakerName != "Dmitry Peskov" || len(c.ContentParts) != 2 {
		t.Errorf("TASS: addressee %q speaker %q parts %d", span(c.Addressee), c.SpeakerName, len(c.ContentParts))
	}
	c = find(t, d, "insisted", "territorial integrity")
	if c.SpeakerName != "Volodymyr Zelenskyy" || c.Mode != ModeMixed {
		t.Errorf("insisted: speaker %q mode %s", c.SpeakerName, c.Mode)
	}
	c = find(t, d, "said", "beyond doubt")
	if c.SpeakerName != "Volodymyr Zelenskyy" || span(c.Medium) != "a video address" || span(c.Addressee) != "the Ukrainian people" {
		t.Errorf("video address: speaker %q medium %q addressee %q", c.SpeakerName, span(c.Medium), span(c.Addressee))
	}
}

func TestDeterministic(t *testing.T) {
	raw, err := os.ReadFile("testdata/village.txt")
	if err != nil {
		t.Fatal(err)
	}
	var first []sitrep.Claim
	for i := 0; i < 3; i++ {
		d := mustDoc(t, string(raw))
		annotate(t, d)
		if i == 0 {
			first = d.Claims
			continue
		}
		if len(d.Claims) != len(first) {
			t.Fatalf("run %d: %d claims, first run %d", i, len(d.Claims), len(first))
		}
		for k := range first {
			if d.Claims[k].ID != first[k].ID || d.Claims[k].Content != first[k].Content {
				t.Fatalf("run %d: claim %d differs", i, k)
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	tail := " The mayor said that the bridge was destroyed."
	long := "“" + strings.Repeat("word ", 10000) + "end,” he said."
	cases := map[string]string{
		"unbalanced open":  "“This never closes, she said. Nothing more." + tail,
		"unbalanced close": "This was never opened,” she said." + tail,
		"straight quotes":  `"one "two "three "four` + tail,
		"only quotes":      strings.Repeat("“”\"«»", 2000),
		"long quote":       long + tail,
		"colon only":       strings.Repeat(": ", 3000) + tail,
		"dashes":           strings.Repeat("” ― ", 3000) + tail,
		"many cues":        strings.Repeat("“Yes,” he said. ", 5000) + strings.Repeat("said told ", 5000) + tail,
		"many hedges":      strings.Repeat("Officials could not verify it. ", 3000) + tail,
	}
	for name, s := range cases {
		t.Run(name, func(t *testing.T) {
			d := mustDoc(t, s)
			annotate(t, d)
			if name == "only quotes" {
				return
			}
			found := false
			for _, c := range d.Claims {
				if strings.Contains(c.Content.Text, "the bridge was destroyed") && c.Cue.Text == "said" {
					found = true
				}
			}
			if !found {
				t.Errorf("the claim after the bad input was lost; claims: %d", len(d.Claims))
			}
		})
	}
}

func TestEmbeddedLexicon(t *testing.T) {
	lx, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"said", "told", "according to", "insisted", "denied"} {
		if p, ok := lx.Prob(w); !ok || p < DefaultThreshold {
			t.Errorf("Prob(%q) = %v, %v: want a cue", w, p, ok)
		}
	}
	if p, ok := lx.Prob("the"); ok && p >= DefaultThreshold {
		t.Errorf("Prob(the) = %v: want no cue", p)
	}
}

func BenchmarkAnnotate(b *testing.B) {
	var texts []string
	if dir := shared.Path("data", "polnear", "dev"); dir != "" {
		arts, err := ReadCorpus(dir)
		if err != nil {
			b.Fatal(err)
		}
		for _, a := range arts {
			texts = append(texts, a.Text)
		}
	} else {
		raw, err := os.ReadFile("testdata/village.txt")
		if err != nil {
			b.Fatal(err)
		}
		texts = []string{string(raw)}
	}
	var docs []*sitrep.Doc
	words, bytes := 0, 0
	for _, s := range texts {
		d := mustDoc(b, s)
		docs = append(docs, d)
		for _, t := range d.Tokens {
			if t.Kind == sitrep.TokWord || t.Kind == sitrep.TokNumber {
				words++
			}
		}
		bytes += len(s)
	}
	st := New()
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	cpu0 := cputime.Process()
	n := 0
	for b.Loop() {
		for _, d := range docs {
			d.Claims = nil
			if err := st.Annotate(d); err != nil {
				b.Fatal(err)
			}
		}
		n++
	}
	b.ReportMetric(float64(words)*float64(n)/b.Elapsed().Seconds(), "words/s")
	if cpu := cputime.Process() - cpu0; cpu > 0 {
		b.ReportMetric(float64(words)*float64(n)/cpu.Seconds(), "words/cpu-s")
	}
}

func textNormalize(s string) (string, error) { return text.Normalize("fuzz", []byte(s)) }

// TestFramingGivenCues checks the source and content rules alone, with the
// cues given, on the frames news uses.
func TestFramingGivenCues(t *testing.T) {
	cases := []struct {
		text, cue, source, content string
		also                       string // another cue given before cue
	}{
		{"The mayor said that the bridge was destroyed.", "said", "The mayor", "that the bridge was destroyed", ""},
		{"The bridge was destroyed, the mayor said.", "said", "the mayor", "The bridge was destroyed", ""},
		{"“It is over,” said Nick Witney, a fellow at the council.", "said", "Nick Witney, a fellow at the council", "“It is over,”", ""},
		{"According to the police, ten people were hurt.", "According to", "the police", "ten people were hurt", ""},
		{"Ten people were hurt, according to the police.", "according to", "the police", "Ten people were hurt", ""},
		{"Derek Mitchell, who served as ambassador, said the talks failed.", "said", "Derek Mitchell, who served as ambassador,", "the talks failed", ""},
		{"Trump, speaking to veterans, said he would order a review.", "said", "Trump", "he would order a review", ""},
		{"“It is bad,” said Caddell.", "said", "Caddell", "“It is bad,”", ""},
		{"“It is a dog whistle,” Rep. Gwen Moore (D-Wis.) said.", "said", "Rep. Gwen Moore (D-Wis.)", "“It is a dog whistle,”", ""},
		{"The panel met Stumpf, who said he was sorry.", "said", "who", "he was sorry", ""},
		{"For some, the losses would outstrip the gains, said Batchelder.", "said", "Batchelder", "For some, the losses would outstrip the gains", ""},
		{"Debates are not likely to alter the race, noted NBC’s Dante Chinni.", "noted", "NBC’s Dante Chinni", "Debates are not likely to alter the race", ""},
		{"Trump, appearing at the NBC/MSNBC forum, said there were problems.", "said", "Trump", "there were problems", ""},
		{"On Monday night, Clinton leaned in heavy and often, painting Trump as a Romney caricature.", "painting", "Clinton", "Trump as a Romney caricature", ""},
		{"She started off by emphasizing economic fairness.", "emphasizing", "She", "economic fairness", ""},
		{"The judge ordered that the records be released.", "ordered", "The judge", "that the records be released", ""},
		{"Sen. Bernie Sanders (Vt.), who lost the primaries, identified the problem as greed.", "identified", "Sen. Bernie Sanders (Vt.), who lost the primaries,", "the problem as greed", ""},
		{"Donna Rawlings, 59, of Ashton, Md., who watched on the Mall, said it was moving.", "said", "Donna Rawlings, 59, of Ashton, Md., who watched on the Mall,", "it was moving", ""},
		{"Protesters were frustrated that the police kept the footage.", "were frustrated", "Protesters", "that the police kept the footage", ""},
		{"Cruz exhorted Republicans to vote and said he was standing on principle.", "said", "Cruz", "he was standing on principle", ""},
		{"Republicans seem confident they have the votes.", "seem confident", "", "Republicans seem confident they have the votes", ""},
		{"Back in Virginia, Mr. Clarke said, he decided to take aim at coal.", "said", "Mr. Clarke", "Back in Virginia, Mr. Clarke said, he decided to take aim at coal", ""},
		{"“It is done,” Douglas Holtz-Eakin, an economist and tax expert, told me.", "told", "Douglas Holtz-Eakin, an economist and tax expert,", "“It is done,”", ""},
		{"The panel met Stumpf, who in 2010 said he was sorry.", "said", "who", "he was sorry", ""},
		{"The panel met the protesters, who have marched for days and called for calm.", "called for", "who", "calm", ""},
		{"“We will win,” she said in the Oval Office, emphasizing it was time to act.", "emphasizing", "she", "it was time to act", "said"},
		{"Mike Pence echoed statements by Donald Trump about the police.", "echoed statements", "Mike Pence", "by Donald Trump about the police", ""},
		{"The deal came from China and the United States, which together vowed to cut emissions.", "vowed", "which", "to cut emissions", ""},
		{"Dr. Connie Mariano, a physician in the White House medical unit during the administration of former President Bill Clinton in the late nineties who later retired from the Navy as a rear admiral, said that the rules changed.", "said", "Dr. Connie Mariano, a physician in the White House medical unit during the administration of former President Bill Clinton in the late nineties who later retired from the Navy as a rear admiral,", "that the rules changed", ""},
		{"Stumpf appeared to blame the employees.", "appeared to blame", "Stumpf", "the employees", ""},
		{"Mary Blige sings to Clinton before asking her whether it will end.", "asking", "Mary Blige", "her whether it will end", "sings"},
		{"It is apparent that Clinton wanted to hide her dealings.", "is apparent", "", "that Clinton wanted to hide her dealings", ""},
		{"Mr. Obama, who understood that a push would be fruitless, told his aides to wait.", "told", "Mr. Obama, who understood that a push would be fruitless,", "to wait", "understood"},
	}
	for _, c := range cases {
		d := mustDoc(t, c.text)
		st := New()
		start := len([]rune(c.text[:strings.Index(c.text, c.cue)]))
		st.oracle = map[int]int{start: start + len([]rune(c.cue))}
		if c.also != "" {
			a := len([]rune(c.text[:strings.Index(c.text, c.also)]))
			st.oracle[a] = a + len([]rune(c.also))
		}
		if err := st.Annotate(d); err != nil {
			t.Fatal(err)
		}
		var got *sitrep.Claim
		for i := range d.Claims {
			if d.Claims[i].Cue.Text == c.cue {
				got = &d.Claims[i]
			}
		}
		if got == nil {
			t.Errorf("Annotate(%q): no claim with cue %q", c.text, c.cue)
			continue
		}
		if src(*got) != strings.TrimSuffix(c.source, ",") && src(*got) != c.source || got.Content.Text != c.content {
			t.Errorf("Annotate(%q) = source %q content %q, want %q, %q", c.text, src(*got), got.Content.Text, c.source, c.content)
		}
	}
}

// TestRelativeAndOrder checks that a relative pronoun's speaker is what it
// refers to, and that an order of an act is not an attribution.
func TestRelativeAndOrder(t *testing.T) {
	text := "The senators questioned John Stumpf, who said he was sorry. Putin ordered the invasion of Ukraine."
	d := mustDoc(t, text)
	st := New()
	st.oracle = map[int]int{}
	for _, cue := range []string{"said", "ordered"} {
		start := len([]rune(text[:strings.Index(text, cue)]))
		st.oracle[start] = start + len([]rune(cue))
	}
	if err := st.Annotate(d); err != nil {
		t.Fatal(err)
	}
	var said *sitrep.Claim
	for i, c := range d.Claims {
		switch c.Cue.Text {
		case "said":
			said = &d.Claims[i]
		case "ordered":
			t.Errorf("“Putin ordered the invasion” became an attribution: %+v", c)
		}
	}
	if said == nil || src(*said) != "who" || said.SpeakerName != "John Stumpf" {
		t.Fatalf("relative source: %+v", said)
	}
	d = mustDoc(t, "Richard Revesz, director of the Institute for Policy Integrity, said the states were exaggerating.")
	annotate(t, d)
	if len(d.Claims) == 0 || d.Claims[0].SpeakerName != "Richard Revesz" {
		t.Errorf("apposition: claims %+v, want speaker name Richard Revesz", d.Claims)
	}
	d = mustDoc(t, "“It is a dog whistle,” Rep. Gwen Moore (D-Wis.) said.")
	annotate(t, d)
	if len(d.Claims) == 0 || d.Claims[0].SpeakerName != "Gwen Moore" {
		t.Errorf("party label: claims %+v, want speaker name Gwen Moore", d.Claims)
	}
}

func TestNestedAndDescribed(t *testing.T) {
	d := mustDoc(t, "Officials said Smith told them the convoy had left. Zelenskyy described it as a “massacre.”")
	annotate(t, d)
	outer := find(t, d, "said", "Smith told them")
	inner := find(t, d, "told", "the convoy had left")
	if inner.Parent != outer.ID || src(inner) != "Smith" || span(inner.Addressee) != "them" {
		t.Errorf("nested: parent %q (want %q) source %q addressee %q", inner.Parent, outer.ID, src(inner), span(inner.Addressee))
	}
	c := find(t, d, "described", "massacre")
	if src(c) != "Zelenskyy" || c.Mode != ModeMixed {
		t.Errorf("described as: source %q mode %s", src(c), c.Mode)
	}
	// PolNeAR gives each token to one attribution: the nested claim is
	// left out of what is scored.
	for _, r := range Relations(d.Claims) {
		if r.ID == inner.ID {
			t.Errorf("nested claim %s among the scored relations", inner.ID)
		}
	}
}

// TestTurnsAndSignatures checks a transcript's turns and readers'
// signatures in sentences that hold other cue words.
func TestTurnsAndSignatures(t *testing.T) {
	d := mustDoc(t, "The transcript follows.\n\n\"HOST: Let's start with the news. After the campaign announced it, the senator said he would go.\n\n"+
		"\"GUEST: Well, the governor apparently thinks this is a show.\n\n"+
		"“He represents our greatest shame.” ― Ana Ruiz “During the debate he said we live in hell. He is wrong.” ― Tom G. Baker\n\n"+
		"”Mr. Smith is wrong about us. He represents our shame.” ― Lea Park\n“Next comment.” ― Bo Ng")
	annotate(t, d)
	want := map[string]string{"HOST": "Let's start", "GUEST": "Well, the governor", "Ana Ruiz": "our greatest shame", "Tom G. Baker": "we live in hell", "Lea Park": "Mr. Smith is wrong"}
	for _, c := range d.Claims {
		if part, ok := want[src(c)]; ok && strings.Contains(c.Content.Text, part) && c.Parent == "" {
			delete(want, src(c))
		}
	}
	for s, part := range want {
		t.Errorf("no top-level claim by %q holding %q; claims: %s", s, part, claimList(d))
	}
}

func claimList(d *sitrep.Doc) string {
	var b strings.Builder
	for _, c := range d.Claims {
		b.WriteString("\n  " + c.Cue.Text + " / " + src(c) + " / " + c.Content.Text)
	}
	return b.String()
}

// TestCueExtent checks cue boundaries as PolNeAR draws them: the governing
// preposition is in the cue, a possessive is not.
func TestCueExtent(t *testing.T) {
	for _, c := range []struct{ text, cue string }{
		{"The senator complained about the new rules on Monday.", "complained about"},
		{"The mayor called for calm after the attack.", "called for"},
		{"Trump’s claim that the election was rigged was false.", "claim"},
		{"She’s claiming that the election was rigged.", "’s claiming"},
		{"He openly admires Putin.", "openly admires"},
	} {
		d := mustDoc(t, c.text)
		annotate(t, d)
		if len(d.Claims) == 0 || d.Claims[0].Cue.Text != c.cue {
			t.Errorf("%q: claims %s, want the cue %q", c.text, claimList(d), c.cue)
		}
	}
}

// TestVerbFirst checks "Said Ellis: “…”": the verb alone is the cue, the
// name after it the source, and the colon no second claim.
func TestVerbFirst(t *testing.T) {
	d := mustDoc(t, "Critics were unconvinced. Said Ellis: “I don’t get the sense she is interested in reform.”")
	annotate(t, d)
	n := 0
	for _, c := range d.Claims {
		if strings.Contains(c.Content.Text, "interested in reform") {
			n++
			if c.Cue.Text != "Said" || src(c) != "Ellis" {
				t.Errorf("claim cue %q source %q, want \"Said\", \"Ellis\"", c.Cue.Text, src(c))
			}
		}
	}
	if n != 1 {
		t.Errorf("%d claims hold the quotation, want 1; claims: %s", n, claimList(d))
	}
}

// TestPageLabels checks that a page's labels before a colon ("Correction:",
// "The Latest:") and a title ("Stealth Over Health:") are no speakers.
func TestPageLabels(t *testing.T) {
	d := mustDoc(t, "The Latest: Trump urges supporters to watch polling places.\n\nStealth Over Health: Clinton Was Headed to ER.\n\n"+
		"Correction: An earlier version of this article misstated the date of the debate.")
	annotate(t, d)
	for _, c := range d.Claims {
		if c.Cue.Text == ":" {
			t.Errorf("claim by %q with cue \":\"; claims: %s", src(c), claimList(d))
		}
	}
}

// TestLearnTails checks that the learner counts, per cue word and
// preposition, how often the preposition was taken into the cue, and that
// the stage follows the table.
func TestLearnTails(t *testing.T) {
	l := NewLearner()
	txt := "He kept referring to the war. She kept referring to the peace. They kept referring to the dead. We kept referring to it. He said on Monday it was over."
	d := mustDoc(t, txt)
	var rels []Relation
	for _, cue := range []string{"referring to the war", "referring to the peace", "referring to the dead", "referring to it"} {
		k := strings.Index(txt, cue)
		rels = append(rels, Relation{Cue: []sitrep.Span{{Start: k, End: k + len("referring to")}}})
	}
	k := strings.Index(txt, "said on")
	rels = append(rels, Relation{Cue: []sitrep.Span{{Start: k, End: k + len("said")}}})
	l.Add(d, rels)
	l.Finish()
	var b strings.Builder
	if err := l.Write(&b, 2); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "+referring to\t4\t4\n") {
		t.Errorf("table lacks \"+referring to\t4\t4\":\n%s", b.String())
	}
	lx, err := ParseLexicon("t", strings.NewReader("+said on\t0\t9\n+referring to\t4\t4\n"), 2)
	if err != nil {
		t.Fatal(err)
	}
	st := New()
	st.Lexicon = lx
	a := newAnnotator(st, d)
	ref, said := strings.Index(txt, "referring"), strings.Index(txt, "said")
	i, j := d.TokenAt(ref), d.TokenAt(said)
	if !a.takesPrep(i, i+1) || a.takesPrep(j, j+1) {
		t.Errorf("takesPrep: referring→to %v, said→on %v; want true, false", a.takesPrep(i, i+1), a.takesPrep(j, j+1))
	}
}

// TestAttributionSentence checks "“…?” Clinton said.": the segmenter ends
// a sentence at the question mark, and the attribution that stands alone
// after it takes the quotation before as its content.
func TestAttributionSentence(t *testing.T) {
	d := mustDoc(t, "“How many times do we have to see this in our country?” Clinton said.")
	annotate(t, d)
	for _, c := range d.Claims {
		if c.Cue.Text == "said" && src(c) == "Clinton" && strings.Contains(c.Content.Text, "How many times") {
			return
		}
	}
	t.Errorf("no claim by Clinton with the quotation; claims: %s", claimList(d))
}

// TestAccordingToNesting checks that an opening "according to X," keeps
// the rest of the sentence as its content when another cue follows, and
// that the cue nested in it reads its source after X.
func TestAccordingToNesting(t *testing.T) {
	d := mustDoc(t, "According to Yahoo News, Clinton spokesman Jesse Lehrich said Friday that she would sign the bill.")
	annotate(t, d)
	var top, nested bool
	for _, c := range d.Claims {
		if strings.EqualFold(c.Cue.Text, "according to") && src(c) == "Yahoo News" && strings.Contains(c.Content.Text, "sign the bill") {
			top = true
		}
		if strings.HasPrefix(c.Cue.Text, "said") && src(c) == "Clinton spokesman Jesse Lehrich" {
			nested = true
		}
	}
	if !top || !nested {
		t.Errorf("according-to claim %v, nested claim %v; claims: %s", top, nested, claimList(d))
	}
}

// TestAccordingToAfter checks that a closing ", according to X" takes the
// whole clause before it, even when that clause holds a cue of its own.
func TestAccordingToAfter(t *testing.T) {
	d := mustDoc(t, "Clinton plans to visit Charlotte on Sunday, according to a campaign aide.")
	annotate(t, d)
	for _, c := range d.Claims {
		if strings.EqualFold(c.Cue.Text, "according to") {
			if src(c) != "a campaign aide" || !strings.HasPrefix(c.Content.Text, "Clinton plans") {
				t.Errorf("according-to claim: source %q content %q, want \"a campaign aide\", \"Clinton plans …\"", src(c), c.Content.Text)
			}
			return
		}
	}
	t.Errorf("no according-to claim; claims: %s", claimList(d))
}
