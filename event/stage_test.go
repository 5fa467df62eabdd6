package event_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"sitrep"
	"sitrep/event"
	"sitrep/internal/exampletest"
	"sitrep/quant"
	"sitrep/text"
)

// builder makes a Doc as the pipeline would, with the layers of the stages
// this one reads (ner, timex, geo, attrib) filled by hand.
type builder struct {
	tb testing.TB
	d  *sitrep.Doc
}

func newDoc(tb testing.TB, s, dct string) *builder {
	tb.Helper()
	d := sitrep.NewDoc(sitrep.Document{ID: "test", Published: dct}, s)
	d.DCT = dct
	if err := (text.Segmenter{}).Annotate(d); err != nil {
		tb.Fatal(err)
	}
	return &builder{tb, d}
}

// all returns the spans of every occurrence of sub.
func (b *builder) all(sub string) []sitrep.Span {
	var out []sitrep.Span
	for off := 0; ; {
		i := strings.Index(b.d.Text[off:], sub)
		if i < 0 {
			break
		}
		s := off + i
		out = append(out, b.d.Span(b.d.RuneOffset(s), b.d.RuneOffset(s+len(sub))))
		off = s + len(sub)
	}
	if len(out) == 0 {
		b.tb.Fatalf("%q not in text", sub)
	}
	return out
}

func (b *builder) nth(sub string, n int) sitrep.Span {
	all := b.all(sub)
	if n >= len(all) {
		b.tb.Fatalf("%q occurs %d times, want #%d", sub, len(all), n)
	}
	return all[n]
}

func (b *builder) entity(typ, name, side string) string {
	id := fmt.Sprintf("E%d", len(b.d.Entities)+1)
	b.d.Entities = append(b.d.Entities, sitrep.Entity{ID: id, Type: typ, Name: name, Side: side, Mentions: b.all(name)})
	return id
}

func (b *builder) time(mention string, n int, typ, value, mod string) string {
	id := fmt.Sprintf("T%d", len(b.d.Times)+1)
	b.d.Times = append(b.d.Times, sitrep.Time{ID: id, Type: typ, Value: value, Mod: mod, Mentions: []sitrep.Span{b.nth(mention, n)}})
	return id
}

func (b *builder) place(name, precision, country, admin1 string, lat, lon float64, mentions []sitrep.Span) string {
	id := fmt.Sprintf("P%d", len(b.d.Places)+1)
	b.d.Places = append(b.d.Places, sitrep.Place{ID: id, Name: name, Precision: precision, Country: country, Admin1: admin1,
		Lat: lat, Lon: lon, Mentions: mentions})
	return id
}

func (b *builder) claim(speaker, content string, n int, polarity string) string {
	id := fmt.Sprintf("C%d", len(b.d.Claims)+1)
	b.d.Claims = append(b.d.Claims, sitrep.Claim{ID: id, Speaker: speaker, Content: b.nth(content, n), Polarity: polarity,
		Status: sitrep.StatusUnverified})
	return id
}

func (b *builder) run() []sitrep.Event {
	b.tb.Helper()
	if err := quant.New().Annotate(b.d); err != nil {
		b.tb.Fatal(err)
	}
	if err := event.New().Annotate(b.d); err != nil {
		b.tb.Fatal(err)
	}
	for _, e := range b.d.Events {
		check(b.tb, b.d, e)
	}
	return b.d.Events
}

// check asserts what every event must hold: a known type, evidence that
// matches the text, a place and date precision even when unknown.
func check(tb testing.TB, d *sitrep.Doc, e sitrep.Event) {
	tb.Helper()
	if event.TypeOf(e.SubType) != e.Type || e.Type == "" {
		tb.Errorf("%s: type %q / %q is not in the taxonomy", e.ID, e.Type, e.SubType)
	}
	spans := append([]sitrep.Span{e.Trigger}, e.Evidence...)
	for _, s := range spans {
		if s.Start >= s.End || s.Text != d.Slice(s.Start, s.End) {
			tb.Errorf("%s: span %+v does not match the text", e.ID, s)
		}
	}
	if len(e.Evidence) == 0 {
		tb.Errorf("%s: no evidence", e.ID)
	}
	if e.PlacePrecision == "" || e.DatePrecision == "" || e.Status == "" {
		tb.Errorf("%s: place precision %q, date precision %q, status %q", e.ID, e.PlacePrecision, e.DatePrecision, e.Status)
	}
	if (e.Place == "") != (e.PlacePrecision == event.Unknown) {
		tb.Errorf("%s: place %q with precision %q", e.ID, e.Place, e.PlacePrecision)
	}
}

func find(evs []sitrep.Event, sub string, pred func(sitrep.Event) bool) *sitrep.Event {
	for i := range evs {
		if evs[i].SubType == sub && (pred == nil || pred(evs[i])) {
			return &evs[i]
		}
	}
	return nil
}

func dump(evs []sitrep.Event) string {
	var b strings.Builder
	for _, e := range evs {
		a1, a2 := "-", "-"
		if e.Actor1 != nil {
			a1 = e.Actor1.Name + "/" + e.Actor1.Side
		}
		if e.Actor2 != nil {
			a2 = e.Actor2.Name + "/" + e.Actor2.Side
		}
		fmt.Fprintf(&b, "\n  %s %s/%s %q a1=%s a2=%s place=%s(%s) date=%s %s(%s) inferred=%v status=%s claims=%v",
			e.ID, e.Type, e.SubType, e.Trigger.Text, a1, a2, e.Place, e.PlacePrecision, e.Date, e.DateValue, e.DatePrecision, e.DateInferred, e.Status, e.Claims)
		if e.Fatalities != nil {
			fmt.Fprintf(&b, " fatalities=%v", *e.Fatalities.Best)
		}
	}
	return b.String()
}

func TestTypes(t *testing.T) {
	for _, tc := range []struct {
		in, typ, sub string
	}{
		{"Ukrainian forces recaptured the village on Friday.", event.TypeBattles, event.SubRegains},
		{"Russian troops seized the airport.", event.TypeBattles, event.SubOvertakes},
		{"Heavy fighting was reported near the bridge.", event.TypeBattles, event.SubArmedClash},
		{"Russian forces attack Ukrainian positions.", event.TypeBattles, event.SubArmedClash},
		{"A Russian soldier was captured by the defenders.", event.TypeBattles, event.SubArmedClash},
		{"Shelling in the city centre.", event.TypeExplosions, event.SubShelling},
		{"An air strike hit the depot.", event.TypeExplosions, event.SubAirDrone},
		{"A tank ran over two mines.", event.TypeExplosions, event.SubRemoteExplosive},
		{"Damage to civilian houses.", event.TypeExplosions, event.SubShelling},
		{"Child killed in explosion.", event.TypeExplosions, event.SubShelling},
		{"Bodies of two civilians on bicycles.", event.TypeCasualtyReport, event.SubBodiesFound},
		{"A man was shot dead at a checkpoint.", event.TypeViolenceCivil, event.SubAttack},
		{"Residents were abducted by soldiers.", event.TypeViolenceCivil, event.SubAbduction},
		{"Hundreds joined a rally in the square.", event.TypeProtests, event.SubPeacefulProtest},
		{"Soldiers began shooting to disperse the rally.", event.TypeProtests, event.SubProtestIntervene},
		{"Troops arresting the organizer of the protest.", event.TypeProtests, event.SubProtestIntervene},
		{"Two people were arrested in the town.", event.TypeStrategic, event.SubArrests},
		{"Russian military equipment moving along the highway.", event.TypeStrategic, event.SubChangeActivity},
		{"The missile was intercepted by air defence.", event.TypeExplosions, event.SubShelling},
		{"A drone was shot down over the city.", event.TypeStrategic, event.SubDisruptedWeapons},
		{"Shops were looted overnight.", event.TypeStrategic, event.SubLooting},
		{"Both sides agreed to a ceasefire.", event.TypeStrategic, event.SubAgreement},
		{"The delegations will hold talks next week.", event.TypeNegotiations, event.SubTalks},
		{"Thousands fled the shelling.", event.TypeDisplacement, event.SubFlight},
		{"Thousands of people have fled the region.", event.TypeDisplacement, event.SubFlight},
		{"Civilians were evacuated from the plant.", event.TypeDisplacement, event.SubEvacuation},
		{"Drone footage shows burning homes.", event.TypeExplosions, event.SubShelling},
		{"Chechen fighters in the town square", event.TypeStrategic, event.SubChangeActivity},
		{"The village is free again, the governor wrote.", event.TypeBattles, event.SubRegains},
		{"Russian attack helicopter over the village", event.TypeStrategic, event.SubChangeActivity},
		{"Marked civilian ambulance attacked; 2 fatalities, 1 injury", event.TypeViolenceCivil, event.SubAttack},
	} {
		b := newDoc(t, tc.in, "2022-04-01")
		evs := b.run()
		if len(evs) == 0 || evs[0].Type != tc.typ || evs[0].SubType != tc.sub {
			t.Errorf("Annotate(%q) =%s\nwant first %s / %s", tc.in, dump(evs), tc.typ, tc.sub)
		}
	}
}

func TestNoEvent(t *testing.T) {
	for _, in := range []string{
		"The report was published on Monday.",
		"Footage captured by a journalist on March 24.",
		"He said there was no breakthrough.",
		"She will take part in the meeting.",
		"Drone footage of the river.",
		"We are counting every shell.",
		"The report covered Russia’s invasion of Ukraine and energy prices.",
		"The ministers agreed to work together.",
		"The United States has prioritized the provision of air defense systems to Ukraine.",
		"Our actions to sanction the Russian Central Bank should be seen in that context.",
		"With respect to the impact this action will deliver:",
		"Life in occupied Kherson goes on.",
		"Videos calling it a liberation mission were removed.",
		"The Armed Forces of Ukraine employ more than 50,000 women, who serve in many units across the whole country today.",
	} {
		b := newDoc(t, in, "2022-04-01")
		if evs := b.run(); len(evs) != 0 {
			t.Errorf("Annotate(%q) =%s\nwant no events", in, dump(evs))
		}
	}
}

// TestUnknownParts keeps an event whose place and date are not given, with
// those parts marked, and one with no report date at all.
func TestUnknownParts(t *testing.T) {
	b := newDoc(t, "Artillery pounded the area.", "2022-05-02")
	evs := b.run()
	if len(evs) != 1 {
		t.Fatalf("got %s, want one event", dump(evs))
	}
	e := evs[0]
	if e.Place != "" || e.PlacePrecision != event.Unknown || e.DateValue != "2022-05-02" || !e.DateInferred || e.DatePrecision != "day" {
		t.Errorf("got %s, want unknown place, report day inferred", dump(evs))
	}
	b = newDoc(t, "Artillery pounded the area.", "")
	evs = b.run()
	if len(evs) != 1 || evs[0].DatePrecision != event.Unknown || evs[0].DateValue != "" {
		t.Errorf("got %s, want an event with an unknown date", dump(evs))
	}
}

func TestStatus(t *testing.T) {
	for _, tc := range []struct{ in, status string }{
		{"Russian forces shelled the town.", sitrep.EventOccurred},
		{"Russian forces reportedly shelled the town.", sitrep.EventClaimed},
		{"Talks will resume on Tuesday.", sitrep.EventPlanned},
		{"Russian forces have been trying to take Kharkiv for weeks.", sitrep.EventOngoing},
		{"Russian forces did not shell the town.", sitrep.EventDenied},
		{"We expect the enemy to keep shelling the area.", sitrep.EventPlanned},
		{"Fighting had gone on for 12 days.", sitrep.EventOngoing},
	} {
		b := newDoc(t, tc.in, "2022-03-28")
		evs := b.run()
		if len(evs) == 0 || evs[0].Status != tc.status {
			t.Errorf("Annotate(%q) =%s\nwant status %s", tc.in, dump(evs), tc.status)
		}
	}
	// A claim that denies it.
	b := newDoc(t, "The ministry denied that its forces shelled the hospital.", "2022-03-28")
	b.claim("unattributed", "its forces shelled the hospital", 0, "denied")
	if evs := b.run(); len(evs) == 0 || evs[0].Status != sitrep.EventDenied || len(evs[0].Claims) != 1 {
		t.Errorf("denied claim: got %s", dump(evs))
	}
}

// TestPlaceChoice checks that the most specific place wins when both are
// introduced as locations.
func TestPlaceChoice(t *testing.T) {
	b := newDoc(t, "A cluster munition outside the village of Olyshivka in Chernihiv Oblast.", "2022-04-04")
	town := b.place("Olyshivka", sitrep.PrecisionTown, "UA", "Chernihiv", 51.2, 31.3, b.all("Olyshivka"))
	b.place("Chernihiv Oblast", sitrep.PrecisionRegion, "UA", "Chernihiv", 51.5, 31.9, b.all("Chernihiv Oblast"))
	evs := b.run()
	if len(evs) != 1 || evs[0].Place != town || evs[0].PlacePrecision != sitrep.PrecisionNearTown {
		t.Errorf("got %s, want the village, near it", dump(evs))
	}
}

// TestPlaceContainer checks that a place the text puts inside another it
// cannot be in ("Bohdanivka, Kyiv Oblast" resolved to a namesake in
// Mykolaiv Oblast) gives way to the one that holds it, and that a town in
// its region stays.
func TestPlaceContainer(t *testing.T) {
	b := newDoc(t, "Russian troops in Bohdanivka, Kyiv Oblast.", "2022-03-08")
	b.place("Bohdanivka", sitrep.PrecisionTown, "UA", "Mykolaiv Oblast", 47.4, 31.9, b.all("Bohdanivka"))
	region := b.place("Kyiv Oblast", sitrep.PrecisionRegion, "UA", "Kyiv Oblast", 50.3, 30.5, b.all("Kyiv Oblast"))
	if evs := b.run(); len(evs) != 1 || evs[0].Place != region {
		t.Errorf("got %s, want the region that holds it", dump(evs))
	}
	b = newDoc(t, "Oil depot on fire in Okhtyrka, Sumy Oblast.", "2022-03-08")
	town := b.place("Okhtyrka", sitrep.PrecisionTown, "UA", "Sumy Oblast", 50.31, 34.9, b.all("Okhtyrka"))
	b.place("Sumy", sitrep.PrecisionTown, "UA", "Sumy Oblast", 50.92, 34.8, b.all("Sumy"))
	if evs := b.run(); len(evs) != 1 || evs[0].Place != town {
		t.Errorf("got %s, want the town in its region", dump(evs))
	}
}

// TestPlaceAfterHolder checks that a locative keeps its force across words
// saying who holds the place ("to Russia-occupied Mariupol").
func TestPlaceAfterHolder(t *testing.T) {
	b := newDoc(t, "Moscow has deployed propaganda trucks to Russia-occupied Mariupol.", "2022-05-26")
	b.place("Moscow", sitrep.PrecisionTown, "RU", "Moscow", 55.75, 37.62, b.all("Moscow"))
	town := b.place("Mariupol", sitrep.PrecisionTown, "UA", "Donetsk Oblast", 47.1, 37.55, b.all("Mariupol"))
	evs := b.run()
	if len(evs) == 0 || evs[0].Place != town {
		t.Errorf("got %s, want Mariupol", dump(evs))
	}
}

// TestRegainsSides checks that territory regained names both sides and the
// claim asserting it, and that a lead and the quote it summarises merge.
func TestRegainsSides(t *testing.T) {
	b := newDoc(t, "The village was retaken by Ukrainian troops, a commander said. “Hostomel is liberated,” the commander said.", "2022-04-02")
	b.entity(sitrep.NORP, "Ukrainian", "UA")
	cmd := b.entity(sitrep.PER, "commander", "UA")
	p := b.place("Hostomel", sitrep.PrecisionTown, "UA", "Kyiv", 50.57, 30.26, b.all("Hostomel"))
	c1 := b.claim(cmd, "The village was retaken by Ukrainian troops", 0, "asserted")
	c2 := b.claim(cmd, "Hostomel is liberated", 0, "asserted")
	evs := b.run()
	if len(evs) != 1 {
		t.Fatalf("got %s, want one merged event", dump(evs))
	}
	e := evs[0]
	if e.SubType != event.SubRegains || e.Actor1 == nil || e.Actor1.Side != "UA" || e.Actor2 == nil || e.Actor2.Side != "RU" ||
		e.Place != p || e.Status != sitrep.EventClaimed || strings.Join(e.Claims, ",") != c1+","+c2 || e.DateValue != "2022-04-02" {
		t.Errorf("got %s", dump(evs))
	}
	if e.Actor1.Name != "Ukrainian troops" || len(e.Actor2.Evidence) == 0 {
		t.Errorf("actors %+v %+v", e.Actor1, e.Actor2)
	}
}

// TestBadInput checks that pathological text gives sane output in linear
// time.
func TestBadInput(t *testing.T) {
	for name, in := range map[string]string{
		"commas":   strings.Repeat(",", 5000),
		"nopunct":  strings.Repeat("russian forces shelled the town and ukrainian troops retook the village ", 300),
		"triggers": strings.Repeat("shelling ", 5000),
		"numbers":  strings.Repeat("1,0,0,0 killed ", 2000),
		"attack":   strings.Repeat("attack civilians ", 3000),
	} {
		b := newDoc(t, in, "2022-03-28")
		evs := b.run()
		if name == "nopunct" && len(evs) == 0 {
			t.Errorf("%s: no events", name)
		}
		if len(evs) > len(b.d.Tokens) {
			t.Errorf("%s: %d events for %d tokens", name, len(evs), len(b.d.Tokens))
		}
	}
}

// TestManyClaims runs a document of thousands of claims and events, which
// a quadratic lookup would make slow.
func TestManyClaims(t *testing.T) {
	b := newDoc(t, strings.Repeat("He said Russian forces shelled the town. ", 4000), "2022-03-28")
	for _, sp := range b.all("Russian forces shelled the town") {
		b.d.Claims = append(b.d.Claims, sitrep.Claim{ID: fmt.Sprintf("C%d", len(b.d.Claims)+1), Speaker: "E1", Content: sp, Polarity: "asserted"})
	}
	evs := b.run()
	if len(evs) == 0 || len(evs[0].Claims) == 0 || evs[0].Status != sitrep.EventClaimed {
		t.Errorf("got %d events, first %s", len(evs), dump(evs[:min(1, len(evs))]))
	}
}

// TestExample checks the targets on the example article, with the
// other stages' layers built by hand as they would be.
func TestExample(t *testing.T) {
	s := exampletest.Text(t)
	b := newDoc(t, s, "2022-03-28")
	b.entity(sitrep.NORP, "Ukrainian", "UA")
	mayor := b.entity(sitrep.PER, "Oleksandr Markushyn", "UA")
	b.entity(sitrep.NORP, "Russian", "RU")
	putin := b.entity(sitrep.PER, "Vladimir Putin", "RU")
	un := b.entity(sitrep.ORG, "United Nations", "UN")
	peskov := b.entity(sitrep.PER, "Dmitry Peskov", "RU")
	zel := b.entity(sitrep.PER, "Volodymyr Zelenskyy", "UA")
	b.time("today", 0, sitrep.TimeDate, "2022-03-28", "")
	b.time("almost a month", 0, sitrep.TimeDuration, "P1M", "APPROX")
	b.time("March 24", 0, sitrep.TimeDate, "2022-03-24", "")
	b.time("Feb. 24", 0, sitrep.TimeDate, "2022-02-24", "")
	asOf := b.time("March 25", 0, sitrep.TimeDate, "2022-03-25", "")
	b.time("Tuesday", 0, sitrep.TimeDate, "2022-03-29", "")
	b.time("today", 1, sitrep.TimeDate, "2022-03-28", "")
	b.time("tomorrow", 0, sitrep.TimeDate, "2022-03-29", "")
	b.time("late Sunday", 0, sitrep.TimeDate, "2022-03-27", "")
	var irpinMentions []sitrep.Span
	for _, m := range b.all("Irpin") {
		if b.d.Slice(m.Start, m.End+6) != "Irpin River" {
			irpinMentions = append(irpinMentions, m)
		}
	}
	irpin := b.place("Irpin", sitrep.PrecisionTown, "UA", "Kyiv Oblast", 50.52, 30.25, irpinMentions)
	kyiv := b.place("Kyiv", sitrep.PrecisionTown, "UA", "Kyiv City", 50.45, 30.52, []sitrep.Span{b.nth("Kyiv", 0), b.nth("Kyiv", 2), b.nth("Kyiv", 3), b.nth("Kyiv", 4)})
	var ukr []sitrep.Span
	for _, m := range b.all("Ukraine") {
		if !strings.HasPrefix(b.d.Slice(m.Start, m.End+2), "Ukraine’") {
			ukr = append(ukr, m)
		}
	}
	ukraine := b.place("Ukraine", sitrep.PrecisionCountry, "UA", "", 49, 32, ukr)
	turkey := b.place("Turkey", sitrep.PrecisionCountry, "TR", "", 39, 35, b.all("Turkey"))
	mc1 := b.claim(mayor, "A town on the outskirts of Ukraine’s capital has been retaken by Ukrainian forces", 0, "asserted")
	mc2 := b.claim(mayor, "We have good news today—Irpin has been liberated", 0, "asserted")
	uc := b.claim(un, "as of March 25, 1,081 civilians were killed in Ukraine because of Russia’s military actions and nearly 3.8 million people have fled Ukraine since the war began", 0, "asserted")
	pc := b.claim(peskov, "face-to-face talks with Ukraine will resume in Turkey on Tuesday", 0, "asserted")
	b.claim(zel, "he will prioritize the “territorial integrity” of Ukraine in the coming talks", 0, "expected")
	evs := b.run()
	t.Log(dump(evs))

	if e := find(evs, event.SubRegains, nil); e == nil {
		t.Error("no territory regained")
	} else if e.Place != irpin || e.DateValue != "2022-03-28" || e.Status != sitrep.EventClaimed ||
		e.Actor1 == nil || e.Actor1.Side != "UA" || e.Actor2 == nil || e.Actor2.Side != "RU" ||
		!(contains(e.Claims, mc1) && contains(e.Claims, mc2)) {
		t.Errorf("territory regained: %s", dump([]sitrep.Event{*e}))
	}
	if e := find(evs, event.SubShelling, func(e sitrep.Event) bool { return e.Trigger.Text == "shelling" }); e == nil {
		t.Error("no shelling")
	} else if e.Place != irpin || e.DateValue != "2022-03-24" || e.DateMod != "ON_OR_BEFORE" || e.Actor1 == nil || e.Actor1.Side != "RU" {
		t.Errorf("shelling: %s", dump([]sitrep.Event{*e}))
	}
	if e := find(evs, event.SubChangeActivity, func(e sitrep.Event) bool { return e.Trigger.Text == "invasion" }); e == nil {
		t.Error("no invasion")
	} else if e.Actor1 == nil || e.Actor1.Entity != putin || e.DateValue != "2022-02-24" || e.Place != ukraine || e.Status != sitrep.EventOccurred {
		t.Errorf("invasion: %s", dump([]sitrep.Event{*e}))
	}
	if e := find(evs, event.SubTalks, func(e sitrep.Event) bool { return e.Status == sitrep.EventPlanned }); e == nil {
		t.Error("no planned talks")
	} else if e.Place != turkey || e.DateValue != "2022-03-29" || !contains(e.Claims, pc) {
		t.Errorf("talks: %s", dump([]sitrep.Event{*e}))
	}
	if e := find(evs, event.SubOvertakes, nil); e == nil {
		t.Error("no attempt on Kyiv")
	} else if e.Status != sitrep.EventOngoing || e.Place != kyiv || e.Actor1 == nil || e.Actor1.Side != "RU" {
		t.Errorf("attempt on Kyiv: %s", dump([]sitrep.Event{*e}))
	}
	if e := find(evs, event.SubCasualtyFigure, nil); e == nil {
		t.Error("no casualty report")
	} else if e.Fatalities == nil || *e.Fatalities.Best != 1081 || e.Date != asOf || e.Place != ukraine || !contains(e.Claims, uc) {
		t.Errorf("casualty report: %s", dump([]sitrep.Event{*e}))
	}
	if e := find(evs, event.SubFlight, nil); e == nil || e.Place != ukraine {
		t.Errorf("displacement: %v", e)
	}
	qs := b.d.Quantities
	if len(qs) != 2 || qs[0].Value != 1081 || qs[0].AsOf != asOf || qs[0].Source != un || qs[1].Value != 3.8e6 ||
		qs[1].Qualifier != sitrep.QualApprox || qs[1].Source != un || qs[1].Measure != "fled" {
		t.Errorf("figures: %+v", qs)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// FuzzAnnotate runs quant and event over arbitrary text: no panic, every
// event well formed.
func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{
		"Ukrainian forces recaptured the village on Friday.", "captured by footage", "“Irpin has been liberated,” he said.",
		"no one was killed when Russian forces shelled 1,0,0,0 homes", "talks will resume; attack attack attack",
		"Russian Russian Russian forces forces took Took took", "by by by by Ukrainian",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.TrimSpace(s) == "" || !utf8.ValidString(s) {
			return
		}
		b := newDoc(t, s, "2022-03-28")
		if len(b.d.Tokens) > 0 {
			// A place and a time on the first token, as geo and timex
			// might set them.
			sp := b.d.TokenSpan(0, 1)
			b.d.Places = []sitrep.Place{{ID: "P1", Name: sp.Text, Precision: sitrep.PrecisionTown, Lat: 50, Lon: 30, Mentions: []sitrep.Span{sp}}}
			b.d.Times = []sitrep.Time{{ID: "T1", Type: sitrep.TimeDuration, Value: "P99999M", Mentions: []sitrep.Span{sp}}}
		}
		b.run()
	})
}

func TestStatementSpeaker(t *testing.T) {
	// The address is the saying of the quoted claim: its speaker, found
	// through "he", is the one who addresses, and the event names the claim.
	b := newDoc(t, "Volodymyr Zelenskyy spoke on Sunday. “Our goal is peace,” he said late Sunday in a video address to the nation.", "2022-03-28")
	zel := b.entity(sitrep.PER, "Volodymyr Zelenskyy", "UA")
	id := b.claim(zel, "“Our goal is peace,”", 0, "asserted")
	medium := b.nth("a video address", 0)
	b.d.Claims[0].Cue, b.d.Claims[0].Medium = b.nth("said", 0), &medium
	evs := b.run()
	var st *sitrep.Event
	for i := range evs {
		if evs[i].Type == event.TypeStatement {
			st = &evs[i]
		}
	}
	if st == nil {
		t.Fatalf("no statement among %+v", evs)
	}
	if st.Actor1 == nil || st.Actor1.Entity != zel || st.Actor1.Side != "UA" {
		t.Errorf("actor1 = %+v, want the speaker %s", st.Actor1, zel)
	}
	if len(st.Claims) != 1 || st.Claims[0] != id {
		t.Errorf("claims = %v, want [%s]", st.Claims, id)
	}
	if st.Status != sitrep.EventOccurred {
		t.Errorf("status = %s, want occurred: the address took place", st.Status)
	}
}
