package timex_test

import (
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"sitrep"
	"sitrep/internal/exampletest"
	"sitrep/text"
	"sitrep/timex"
)

// doc returns an annotated document over s, as the segmenter leaves it.
func doc(tb testing.TB, s, published string) *sitrep.Doc {
	tb.Helper()
	d := sitrep.NewDoc(sitrep.Document{Published: published}, s)
	text.Tokenize(d)
	text.Segment(d)
	return d
}

func annotate(tb testing.TB, st *timex.Stage, s, published string) *sitrep.Doc {
	tb.Helper()
	d := doc(tb, s, published)
	if err := st.Annotate(d); err != nil {
		tb.Fatalf("Annotate: %v", err)
	}
	return d
}

// find returns the time whose first mention has exactly the text want.
func find(d *sitrep.Doc, want string) (sitrep.Time, bool) {
	for _, t := range d.Times {
		if t.Mentions[0].Text == want {
			return t, true
		}
	}
	return sitrep.Time{}, false
}

func listTimes(d *sitrep.Doc) string {
	var b strings.Builder
	for _, t := range d.Times {
		b.WriteString(t.ID + " " + t.Type + " " + t.Value + " " + t.Mod + " " + `"` + t.Mentions[0].Text + `"` + "\n")
	}
	return b.String()
}

type want struct {
	text, typ, value, mod, precision string
}

func check(t *testing.T, d *sitrep.Doc, ws []want) {
	t.Helper()
	for _, w := range ws {
		got, ok := find(d, w.text)
		if !ok {
			t.Errorf("no time %q; found:\n%s", w.text, listTimes(d))
			continue
		}
		if got.Type != w.typ || got.Value != w.value || got.Mod != w.mod || w.precision != "" && got.Precision != w.precision {
			t.Errorf("%q = %s %s mod %q precision %q, want %s %s mod %q precision %q", w.text, got.Type, got.Value, got.Mod,
				got.Precision, w.typ, w.value, w.mod, w.precision)
		}
	}
}

// TestArticleShape runs the stage on an article of the same shape as the
// issue's example: the same kinds of expression, its own words.
func TestArticleShape(t *testing.T) {
	b, err := os.ReadFile("testdata/shelling.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := annotate(t, timex.New(), string(b), "2022-03-28")
	if d.DCT != "2022-03-28" {
		t.Errorf("DCT = %q, want 2022-03-28", d.DCT)
	}
	check(t, d, []want{
		{"today", "DATE", "2022-03-28", "", "day"},
		{"almost a month", "DURATION", "P1M", "APPROX", ""},
		{"March 24", "DATE", "2022-03-24", "", "day"},
		{"Feb. 24", "DATE", "2022-02-24", "", "day"},
		{"March 25", "DATE", "2022-03-25", "", "day"},
		{"Tuesday", "DATE", "2022-03-29", "", "day"},
		{"tomorrow", "DATE", "2022-03-29", "", "day"},
		{"late Sunday", "DATE", "2022-03-27", "END", "day"},
		{"two days ago", "DATE", "2022-03-26", "", "day"},
		{"its 35th day", "DATE", "2022-03-30", "", "day"},
	})
	dc, _ := find(d, "its 35th day")
	if !strings.Contains(dc.Note, "later than the document date") {
		t.Errorf("day count note = %q, want it to say it is later than the document date", dc.Note)
	}
	start, _ := find(d, "Feb. 24")
	if dc.Anchor != start.ID {
		t.Errorf("day count anchor = %q, want %q (Feb. 24)", dc.Anchor, start.ID)
	}
	for i, tm := range d.Times {
		if tm.ID != "t"+strconv.Itoa(i+1) {
			t.Errorf("time %d has ID %q", i, tm.ID)
		}
		if i > 0 && tm.Mentions[0].Start < d.Times[i-1].Mentions[0].Start {
			t.Errorf("times out of text order at %s", tm.ID)
		}
		sp := tm.Mentions[0]
		if d.Slice(sp.Start, sp.End) != sp.Text {
			t.Errorf("%s: span text %q does not match the text at [%d,%d)", tm.ID, sp.Text, sp.Start, sp.End)
		}
	}
}

// TestIrpin runs the stage on the project's example article.
func TestIrpin(t *testing.T) {
	s := exampletest.Text(t)
	d := annotate(t, timex.New(), s, "2022-03-28")
	check(t, d, []want{
		{"today", "DATE", "2022-03-28", "", "day"},
		{"almost a month", "DURATION", "P1M", "APPROX", ""},
		{"March 24", "DATE", "2022-03-24", "", "day"},
		{"Feb. 24", "DATE", "2022-02-24", "", "day"},
		{"March 25", "DATE", "2022-03-25", "", "day"},
		{"Tuesday", "DATE", "2022-03-29", "", "day"},
		{"tomorrow", "DATE", "2022-03-29", "", "day"},
		{"late Sunday", "DATE", "2022-03-27", "END", "day"},
		{"its 35th day", "DATE", "2022-03-30", "", "day"},
	})
	dc, _ := find(d, "its 35th day")
	if !strings.Contains(dc.Note, "later than the document date") {
		t.Errorf("day count note = %q", dc.Note)
	}

	// Without a publication date, the article's own evidence (March 25 as
	// a lower bound, "late Sunday" past, "on Tuesday" ahead, the 35th day of
	// a war whose year the configuration gives) points at Monday 28 March.
	st := &timex.Stage{Anchors: []timex.Anchor{{Nouns: []string{"war"}, Start: "2022-02-24"}}}
	d = annotate(t, st, s, "")
	if d.Meta.Published != "2022-03-28" || !d.Meta.PublishedInferred {
		t.Errorf("inferred %q (inferred %v), want 2022-03-28", d.Meta.Published, d.Meta.PublishedInferred)
	}
}

// TestForms checks recognition and normalization of the forms news uses,
// one sentence each, against DCT 2022-03-28 (a Monday).
func TestForms(t *testing.T) {
	cases := []struct {
		in   string
		want []want
	}{
		{"It happened on 24 March 2022.", []want{{"24 March 2022", "DATE", "2022-03-24", "", "day"}}},
		{"It happened on March 24, 2022, officials said.", []want{{"March 24, 2022", "DATE", "2022-03-24", "", "day"}}},
		{"The report is dated 2022-03-24.", []want{{"2022-03-24", "DATE", "2022-03-24", "", "day"}}},
		{"The report is dated 24/03/2022.", []want{{"24/03/2022", "DATE", "2022-03-24", "", "day"}}},
		{"The report is dated 03/04/2022.", []want{{"03/04/2022", "DATE", "2022-03-04", "", "day"}}},
		{"Protests were held on Feb. 30, witnesses said.", []want{{"Feb. 30", "DATE", "XXXX-02-30", "", "unknown"}}},
		{"The convoy left on the 24th.", []want{{"the 24th", "DATE", "XXXX-XX-24", "", "unknown"}}},
		{"He said yesterday that talks failed.", []want{{"yesterday", "DATE", "2022-03-27", "", "day"}}},
		{"Prices rose last week and will rise next month.", []want{
			{"last week", "DATE", "2022-W12", "", "week"}, {"next month", "DATE", "2022-04", "", "month"}}},
		{"The town fell two days ago.", []want{{"two days ago", "DATE", "2022-03-26", "", "day"}}},
		{"A school was hit earlier this month.", []want{{"earlier this month", "DATE", "2022-03", "START", "month"}}},
		{"Troops attacked on Monday morning and again overnight.", []want{
			{"Monday morning", "DATE", "2022-03-28TMO", "", "day"}, {"overnight", "TIME", "2022-03-28TNI", "", ""}}},
		{"The blast came at 5 p.m. local time.", []want{{"5 p.m. local time", "TIME", "2022-03-28T17:00", "", "time"}}},
		{"The siege lasted three weeks; the power was off for 48 hours.", []want{
			{"three weeks", "DURATION", "P3W", "", ""}, {"48 hours", "DURATION", "PT48H", "", ""}}},
		{"Convoys leave every day and the bulletin appears weekly.", []want{
			{"every day", "SET", "P1D", "", ""}, {"weekly", "SET", "P1W", "", ""}}},
		{"Flights leave on Monday and Tuesday nights.", []want{
			{"Monday", "SET", "XXXX-WXX-1TNI", "", ""}, {"Tuesday nights", "SET", "XXXX-WXX-2TNI", "", ""}}},
		{"Prosecutors may soon seek an indictment.", []want{{"soon", "DATE", "FUTURE_REF", "", "unknown"}}},
		{"Cuba won independence from Spain in 1898.", []want{{"1898", "DATE", "1898", "", "year"}}},
		{"He was arrested on March 3 and appeared in court the next morning.", []want{
			{"March 3", "DATE", "2022-03-03", "", "day"}, {"the next morning", "DATE", "2022-03-04", "", "day"}}},
		{"Net for the year-earlier nine months included a gain.", []want{{"the year-earlier nine months", "DURATION", "P9M", "", ""}}},
		{"It lost money in the fiscal-first quarter.", []want{{"the fiscal-first quarter", "DATE", "2022-Q1", "", "range"}}},
		{"Crowds will gather at Easter.", []want{{"Easter", "DATE", "2022-04-17", "", "day"}}},
		{"Crowds gathered at Easter.", []want{{"Easter", "DATE", "2021-04-04", "", "day"}}},
		{"The truce is to hold through Easter week.", []want{{"Easter week", "DATE", "2022-W15", "", "week"}}},
		{"It's the second day of an offensive by the army.", []want{{"the second day", "DATE", "2022-03-28", "", "day"}}},
		{"Today is the eighth day of ``Desert Shield.''", []want{
			{"Today", "DATE", "2022-03-28", "", "day"}, {"the eighth day", "DATE", "2022-03-28", "", "day"}}},
		{"In the quarter ended July 31, the firm lost money.", []want{
			{"the quarter", "DATE", "2021-Q2", "", "range"}, {"July 31", "DATE", "2021-07-31", "", "day"}}},
		{"Sales rose in the latest fiscal year.", []want{{"the latest fiscal year", "DATE", "2021", "", "year"}}},
		{"The offer expires on April 30. Until then, the shares trade freely.", []want{
			{"April 30", "DATE", "2022-04-30", "", "day"}, {"then", "DATE", "2022-04-30", "", "day"}}},
		{"Shares rose to a high for the year of $42.", []want{{"the year", "DATE", "2022", "", "year"}}},
		{"Talks will resume on Tuesday.", []want{{"Tuesday", "DATE", "2022-03-29", "", "day"}}},
		{"He said on Tuesday that talks failed.", []want{{"Tuesday", "DATE", "2022-03-22", "", "day"}}},
		{"The vote will be held on April 3.", []want{{"April 3", "DATE", "2022-04-03", "", "day"}}},
		{"Snow fell in early December.", []want{{"early December", "DATE", "2021-12", "START", "month"}}},
		{"The city was rebuilt in 1991.", []want{{"1991", "DATE", "1991", "", "year"}}},
		{"Output fell in the third quarter.", []want{{"the third quarter", "DATE", "2021-Q3", "", "range"}}},
		{"Output will rise in the third quarter.", []want{{"the third quarter", "DATE", "2022-Q3", "", ""}}},
		{"The ceasefire held for more than two weeks.", []want{{"more than two weeks", "DURATION", "P2W", "MORE_THAN", ""}}},
		{"He moved to Kyiv in 1995 and the following year he joined the army.", []want{{"the following year", "DATE", "1996", "", "year"}}},
		{"Profit rose in the last half of 2021.", []want{{"the last half of 2021", "DATE", "2021-H2", "", "range"}}},
		{"Sales rose 5% in the third quarter from a year earlier.", []want{{"a year earlier", "DATE", "2020-Q3", "", "range"}}},
		{"He has lived there since the 1990s.", []want{{"the 1990s", "DATE", "199", "", "range"}}},
		// "since" and "ended" put a month in the past even when the next
		// one is closer, and outweigh a future cue further on.
		{"The unit has been deployed since September and is scheduled to return.", []want{{"September", "DATE", "2021-09", "", "month"}}},
		{"In the fiscal year ended April 30, the company lost money.", []want{{"April 30", "DATE", "2021-04-30", "", "day"}}},
		{"Since the fund bought the firm in May for $2 billion, it has sold units.", []want{{"May", "DATE", "2021-05", "", "month"}}},
		{"In May, the company brought in new managers.", []want{{"May", "DATE", "2021-05", "", "month"}}},
		{"In May, the company will bring in new managers.", []want{{"May", "DATE", "2022-05", "", "month"}}},
		{"She will command a mission in December.", []want{{"December", "DATE", "2022-12", "", "month"}}},
		{"She said the mission flew in December.", []want{{"December", "DATE", "2021-12", "", "month"}}},
		// A plan told in the past looks ahead; the past perfect after
		// "until" looks back.
		{"The minister planned to leave for Kyiv on Thursday.", []want{{"Thursday", "DATE", "2022-03-31", "", "day"}}},
		{"The minister had been due to leave on Thursday.", []want{{"Thursday", "DATE", "2022-03-24", "", "day"}}},
		{"Until Friday, police had not named a suspect.", []want{{"Friday", "DATE", "2022-03-25", "", "day"}}},
		{"Prices will not change for a couple of years.", []want{{"a couple of years", "DURATION", "P2Y", "", ""}}},
		{"Over the next couple of years we will grow.", []want{{"the next couple of years", "DURATION", "P2Y", "", ""}}},
		{"The index closed on Friday, March 25, down 4% from the previous Friday.", []want{{"the previous Friday", "DATE", "2022-03-18", "", "day"}}},
		// A clock time takes the day named right after it, or the day
		// the story has just told of.
		{"The blast occurred at about 10:35 a.m. (0735 GMT) Friday.", []want{{"about 10:35 a.m.", "TIME", "2022-03-25T10:35", "APPROX", ""}}},
		{"The man was shot on March 20. He died at 10 p.m. in hospital.", []want{{"10 p.m.", "TIME", "2022-03-20T22:00", "", ""}}},
		// Anaphors take the time last mentioned at their own granularity.
		{"He fled in June 1998 and returned later that year.", []want{{"later that year", "DATE", "1998", "END", "year"}}},
		{"Police found him on March 20. Earlier that day, shots were heard.", []want{{"Earlier that day", "DATE", "2022-03-20", "START", "day"}}},
		{"Results for the second quarter of 2020 were weak; that quarter included a charge.", []want{{"that quarter", "DATE", "2020-Q2", "", "range"}}},
		{"A hearing is set for the week of April 4.", []want{{"the week of April 4", "DATE", "2022-W14", "", "week"}}},
		{"Prices hurt buyers these days and may ease in the short term.", []want{
			{"these days", "DATE", "PRESENT_REF", "", ""}, {"the short term", "DATE", "FUTURE_REF", "", ""}}},
		{"Talks will resume at a later date; they will live without power for a while.", []want{
			{"a later date", "DATE", "FUTURE_REF", "", ""}, {"a while", "DURATION", "PXX", "", ""}}},
		{"The country was a dictatorship a decade ago.", []want{{"a decade ago", "DATE", "2012", "", "year"}}},
		{"Trade will double in the next decade.", []want{{"the next decade", "DATE", "203", "", "range"}}},
		{"In the fiscal year ended Jan. 31, sales rose; for the year, profit fell.", []want{
			{"the fiscal year", "DURATION", "P1Y", "", ""}, {"the year", "DATE", "2022", "", "year"}}},
		{"Profit should grow throughout the year.", []want{{"the year", "DURATION", "P1Y", "", ""}}},
		// Quarterly reports compare with the quarter just ended, a year back.
		{"Profit fell from the corresponding period last year.", []want{{"the corresponding period last year", "DATE", "2020-Q4", "", "range"}}},
		{"Sales were lower than in last year's quarter.", []want{{"last year's quarter", "DATE", "2020-Q4", "", "range"}}},
		{"Profit rose in the second quarter; for the quarter a year ago it fell.", []want{{"the quarter a year ago", "DATE", "2020-Q2", "", "range"}}},
		{"Revenue was $5 million in the 2020 quarter.", []want{{"the 2020 quarter", "DATE", "2020-Q4", "", "range"}}},
		{"Revenue was $5 million in the year-ago period.", []want{{"the year-ago period", "DATE", "2020-Q4", "", "range"}}},
		{"Oil peaked in the winter of nineteen ninety-four.", []want{{"the winter of nineteen ninety-four", "DATE", "1994-WI", "", "range"}}},
		{"January nineteen ninety-seven. A bomb went off.", []want{{"January nineteen ninety-seven", "DATE", "1997-01", "", "month"}}},
		{"Exiles said they would look for ways around Wednesday's ruling.", []want{{"Wednesday", "DATE", "2022-03-23", "", "day"}}},
		{"The envoy said talks would resume on Wednesday.", []want{{"Wednesday", "DATE", "2022-03-30", "", "day"}}},
		{"The father would be traveling to the United States Thursday.", []want{{"Thursday", "DATE", "2022-03-31", "", "day"}}},
		{"Protesters planned a large rally on Saturday.", []want{{"Saturday", "DATE", "2022-04-02", "", "day"}}},
		{"On Friday, when she set aside vacation plans, the ban was lifted.", []want{{"Friday", "DATE", "2022-03-25", "", "day"}}},
		{"On Friday, flights are grounded due to the storm.", []want{{"Friday", "DATE", "2022-03-25", "", "day"}}},
		{"The war is for today's youth what 1945 was for their grandparents; today's talks failed.", []want{{"today", "DATE", "2022-03-28", "", "day"}}},
		{"Now that the siege is over, the future of the city is unclear.", []want{{"Now", "DATE", "PRESENT_REF", "", ""}}},
		{"Sales slowed in the last half of the '80s.", []want{{"the last half of the '80s", "DATE", "198", "END", "range"}}},
		{"Over the years the town grew; in the weeks ahead it may shrink.", []want{
			{"the years", "DURATION", "PXY", "", ""}, {"the weeks ahead", "DURATION", "PXW", "", ""}}},
		{"Sales rose from the low levels of the early summer.", []want{{"the early summer", "DATE", "2021-SU", "START", "range"}}},
		{"The post-1991 borders were recognized.", []want{{"post-1991", "DATE", "1991", "", "year"}}},
		{"Talks resume Tuesday in Istanbul.", []want{{"Tuesday", "DATE", "2022-03-29", "", "day"}}},
		{"Talks resumed Tuesday in Istanbul.", []want{{"Tuesday", "DATE", "2022-03-22", "", "day"}}},
		{"The permit had been due to expire Friday.", []want{{"Friday", "DATE", "2022-03-25", "", "day"}}},
		{"The shops stay shut until Friday.", []want{{"Friday", "DATE", "2022-04-01", "", "day"}}},
		// TimeBank's conventions for "the past year" (a date) and "the
		// following year" after a day (the year, not the day shifted).
		{"Hate groups grew over the past year.", []want{{"the past year", "DATE", "2021", "", "year"}}},
		{"He was promoted on May 22, 1995, and the following year he joined the staff.", []want{{"the following year", "DATE", "1996", "", "year"}}},
		// A report's "this quarter" is the quarter it reports; a year back
		// from nine months is the year before.
		{"The firm lost $8 million in the third quarter ended Sept. 30. This quarter's loss includes charges.", []want{{"This quarter", "DATE", "2021-Q3", "", "range"}}},
		{"Sales rose in the fourth quarter. For the nine months, net was $5 million, compared with $4 million a year earlier.", []want{
			{"the nine months", "DURATION", "P9M", "", ""}, {"a year earlier", "DATE", "2021", "", "year"}}},
		{"Profit rose in the third quarter. After a flat second quarter, sales grew; in the year-earlier period they fell.", []want{
			{"the year-earlier period", "DATE", "2020-Q3", "", "range"}}},
		{"It earned $5 million in the fiscal first quarter. Sales for the quarter ended Sept. 30 rose; in the 2020 period they fell.", []want{
			{"the quarter", "DATE", "2022-Q1", "", "range"}, {"the 2020 period", "DATE", "2020-Q1", "", "range"}}},
		{"Holders may buy shares at half the then current market price.", []want{{"then current", "DATE", "PAST_REF", "", ""}}},
		{"In the second quarter ended April 30, it lost money; that quarter included a charge.", []want{
			{"the second quarter", "DATE", "2021-Q2", "", "range"}, {"that quarter", "DATE", "2021-Q2", "", "range"}}},
		{"Profit rose in the third quarter. For the nine months, net was $81 million. In the year-earlier period, net was $77 million.", []want{
			{"the year-earlier period", "DURATION", "P9M", "", ""}}},
		{"Losses will last through the first two quarters of 2023.", []want{{"the first two quarters of 2023", "DATE", "2023-H1", "", "range"}}},
		{"You may, in a year or two, save a few more lives.", []want{{"a year or two", "DATE", "FUTURE_REF", "", ""}}},
		{"The economy shrank in the fourth quarter and will grow this quarter.", []want{{"this quarter", "DATE", "2022-Q1", "", "range"}}},
		{"Islam will one day be the second largest religion.", []want{{"one day", "DATE", "FUTURE_REF", "", ""}}},
		{"The station was closed for one day.", []want{{"one day", "DURATION", "P1D", "", ""}}},
		{"The campaign will run until Election Day.", []want{{"Election Day", "DATE", "2022-11-08", "", "day"}}},
		{"Kyiv was ruled from Moscow for centuries and fought for decades.", []want{
			{"centuries", "DURATION", "PXC", "", ""}, {"decades", "DURATION", "PXY", "", ""}}},
		{"The percentage change is since year-end.", []want{{"year-end", "DATE", "2021-12-31", "", "day"}}},
		{"Profit fell in the fiscal second quarter. Sales in the latest period rose 5%.", []want{{"the fiscal second quarter", "DATE", "2021-Q2", "", "range"}, {"the latest period", "DATE", "2021-Q2", "", "range"}}},
		{"Wages lost ground to inflation in the last decade.", []want{{"the last decade", "DATE", "201", "", ""}}},
		{"It takes between two to six days.", []want{{"two", "DURATION", "P2D", "", ""}, {"six days", "DURATION", "P6D", "", ""}}},
		{"As the yen soared in recent years, costs rose.", []want{{"recent years", "DATE", "PAST_REF", "", ""}}},
		{"Mexico has suffered a rash of kidnappings in recent years.", []want{{"recent years", "DURATION", "PXY", "", ""}}},
		{"It was the takeover boom of recent years, which has helped them.", []want{{"recent years", "DATE", "PAST_REF", "", ""}}},
		{"Net Income Rose For 1989 at Reed", []want{{"1989", "DATE", "1989", "", "year"}}},
		{"The plan starts in Fiscal 1990.", []want{{"Fiscal 1990", "DATE", "1990", "", "year"}}},
		{"Shares were dashed Friday. Dealers placed heavy buy orders in the morning.", []want{{"the morning", "TIME", "2022-03-25TMO", "", "day"}}},
		{"He walks in the mornings. At 4 in the morning it was dark.", []want{{"4 in the morning", "TIME", "2022-03-28T04:00", "", "time"}}},
		{"The day before last Tuesday's hearing, he flew in.", []want{{"The day before last Tuesday", "DATE", "2022-03-21", "", "day"}}},
		{"She visited later in the day before returning home.", []want{{"the day", "DATE", "2022-03-28", "", "day"}}},
		{"Women's Day is this coming Sunday, March 27th.", []want{{"this coming Sunday, March 27th", "DATE", "2022-03-27", "", "day"}}},
		{"The vote is this coming Sunday.", []want{{"this coming Sunday", "DATE", "2022-04-03", "", "day"}}},
		{"Selling is usually done in the second and fourth quarters.", []want{
			{"second", "SET", "XXXX-Q2", "", ""}, {"fourth quarters", "SET", "XXXX-Q4", "", ""}}},
		{"Marches brought violence for the past three summers.", []want{{"the past three summers", "SET", "XXXX-SU", "", ""}}},
		{"They kept the secret for more than two thousand years.", []want{{"more than two thousand years", "DURATION", "P2L", "MORE_THAN", ""}}},
		{"There were sell programs in past years, too.", []want{{"past years", "DATE", "PAST_REF", "", ""}}},
	}
	for _, c := range cases {
		d := annotate(t, timex.New(), c.in, "2022-03-28")
		t.Run(c.in, func(t *testing.T) { check(t, d, c.want) })
	}
}

// TestGeneric: "today's youth" and "the people of tomorrow" are ages, "the
// future of our peoples" a fate, "8% annually" a rate, "VOA Today" and "the
// March of the Mothers" names: none is a time.
func TestGeneric(t *testing.T) {
	for _, in := range []string{"The war is for today's youth what 1945 was for their parents.",
		"Now, he says, the talks look different.", "He set up a joint venture called Orion 1980, making rockets.", "He walks in the mornings.", "Three doctors were shot, most recently in Amherst.",
		"Many of today's computers use the chip.", "I would have chosen the people of tomorrow.",
		"Trade is important to the future of our peoples.", "Sales should rise 8% annually.",
		"This is VOA Today.", "She led the ``March of the Mothers'' through town.",
		"He was soon released.", "The trickle soon became a flood."} {
		d := annotate(t, timex.New(), in, "2022-03-28")
		for _, tm := range d.Times {
			switch tm.Value {
			case "2022-03-28", "2022-03-29", "FUTURE_REF", "P1Y", "2022-03", "2021-03":
				t.Errorf("%q: got %s %q", in, tm.Value, tm.Mentions[0].Text)
			}
		}
	}
}

// TestRatesAndFractions: "per second" in a rate, "a quarter of" a share
// and numbers that could be old years are no times, while "twice per
// day" is a frequency.
func TestRatesAndFractions(t *testing.T) {
	for _, in := range []string{"The chip runs 15 million instructions per second.",
		"Funds hold more than a quarter of the market.", "Aid reached people in 1500 villages.",
		"The index closed at 1462.93.", "Guard the clinics 24 hours a day, seven days a week."} {
		d := annotate(t, timex.New(), in, "2022-03-28")
		if len(d.Times) != 0 {
			t.Errorf("%q: got %s %q", in, d.Times[0].Value, d.Times[0].Mentions[0].Text)
		}
	}
	d := annotate(t, timex.New(), "Patrols pass twice per day.", "2022-03-28")
	if len(d.Times) != 1 || d.Times[0].Type != "SET" {
		t.Errorf("twice per day: got %+v", d.Times)
	}
}

func TestDayFirst(t *testing.T) {
	d := annotate(t, &timex.Stage{DayFirst: true}, "The report is dated 03/04/2022.", "2022-03-28")
	check(t, d, []want{{"03/04/2022", "DATE", "2022-04-03", "", "day"}})
	// 31/12/2021 can only be day first, whatever the setting.
	d = annotate(t, timex.New(), "The report is dated 31/12/2021.", "2022-03-28")
	check(t, d, []want{{"31/12/2021", "DATE", "2021-12-31", "", "day"}})
}

func TestRanges(t *testing.T) {
	d := annotate(t, timex.New(), "Investigators counted 1,600 incidents between March 1 and 5. The period from Feb. 24 to March 25 is covered.", "2022-03-28")
	r, ok := find(d, "between March 1 and 5")
	if !ok || r.Begin != "2022-03-01" || r.End != "2022-03-05" || r.Precision != "range" {
		t.Errorf("between March 1 and 5 = %+v (found %v); times:\n%s", r, ok, listTimes(d))
	}
	r, ok = find(d, "from Feb. 24 to March 25")
	if !ok || r.Begin != "2022-02-24" || r.End != "2022-03-25" || r.Precision != "range" {
		t.Errorf("from Feb. 24 to March 25 = %+v (found %v)", r, ok)
	}
	// TimeML mode keeps the dates only.
	d = annotate(t, &timex.Stage{TimeML: true}, "The period from Feb. 24 to March 25 is covered.", "2022-03-28")
	if len(d.Times) != 2 {
		t.Errorf("TimeML mode: %d times, want 2:\n%s", len(d.Times), listTimes(d))
	}
}

func TestSinceAndAsOf(t *testing.T) {
	s := "Russia launched its invasion on Feb. 24. The UN said that as of March 25, 3.8 million people had fled since the war began."
	d := annotate(t, timex.New(), s, "2022-03-28")
	check(t, d, []want{{"March 25", "DATE", "2022-03-25", "", "day"}})
	r, ok := find(d, "since the war began")
	if !ok || r.Begin != "2022-02-24" || r.End != "2022-03-28" || r.Value != "P32D" {
		t.Errorf("since the war began = %+v (found %v)", r, ok)
	}
}

func TestConfiguredAnchor(t *testing.T) {
	s := "As the war enters its 10th day, the city is surrounded."
	d := annotate(t, timex.New(), s, "2022-03-05")
	if r, _ := find(d, "its 10th day"); r.Value != "XXXX-XX-XX" {
		t.Errorf("without an anchor: %q, want XXXX-XX-XX", r.Value)
	}
	st := &timex.Stage{Anchors: []timex.Anchor{{Nouns: []string{"war", "invasion"}, Start: "2022-02-24"}}}
	d = annotate(t, st, s, "2022-03-05")
	r, _ := find(d, "its 10th day")
	if r.Value != "2022-03-05" || r.Note == "" || strings.Contains(r.Note, "later") || strings.Contains(r.Note, "earlier than") {
		t.Errorf("with anchor: %+v", r)
	}
}

func TestNoDate(t *testing.T) {
	d := annotate(t, timex.New(), "Talks will resume on Tuesday, he said late Sunday. The town fell on March 24.", "")
	if d.DCT != "" || d.Meta.PublishedInferred {
		t.Errorf("DCT = %q inferred %v, want none: no year anywhere", d.DCT, d.Meta.PublishedInferred)
	}
	check(t, d, []want{
		{"Tuesday", "DATE", "XXXX-WXX-2", "", ""},
		{"March 24", "DATE", "XXXX-03-24", "", "unknown"},
	})
}

func TestInferDCT(t *testing.T) {
	s := "The town was shelled on March 24, 2022. Aid agencies said that as of March 25, 3.8 million people had fled. " +
		"Talks will resume on Tuesday, a spokesman confirmed. The president said late Sunday that he would not give up land."
	d := annotate(t, timex.New(), s, "")
	if d.Meta.Published != "2022-03-28" || !d.Meta.PublishedInferred || d.DCT != "2022-03-28" {
		t.Fatalf("published %q inferred %v DCT %q, want 2022-03-28 inferred", d.Meta.Published, d.Meta.PublishedInferred, d.DCT)
	}
	if c := d.Meta.PublishedConfidence; c <= 0 || c > 1 {
		t.Errorf("confidence %v out of (0,1]", c)
	}
	if len(d.Meta.PublishedEvidence) < 2 {
		t.Errorf("evidence %v, want the dates and weekdays it rests on", d.Meta.PublishedEvidence)
	}
	check(t, d, []want{{"Tuesday", "DATE", "2022-03-29", "", "day"}, {"late Sunday", "DATE", "2022-03-27", "END", "day"}})
}

func TestDeterministic(t *testing.T) {
	b, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	a := annotate(t, timex.New(), string(b), "2022-03-28").Times
	c := annotate(t, timex.New(), string(b), "2022-03-28").Times
	if !reflect.DeepEqual(a, c) {
		t.Error("two runs over the same text differ")
	}
	if len(a) < 30 {
		t.Errorf("only %d times in the news fixture", len(a))
	}
	for _, tm := range a {
		if tm.Precision == "" {
			t.Errorf("%s %q has no precision", tm.ID, tm.Mentions[0].Text)
		}
	}
}

func TestContract(t *testing.T) {
	c := timex.New().Contract()
	if c.Name != "times" || len(c.Sets) != 1 || c.Sets[0] != sitrep.LayerTimes {
		t.Errorf("contract %+v", c)
	}
}

func BenchmarkStage(b *testing.B) {
	raw, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := strings.Repeat(string(raw)+"\n", 20)
	d := doc(b, s, "2022-03-28")
	words := len(strings.Fields(s))
	st := timex.New()
	b.SetBytes(int64(len(s)))
	b.ResetTimer()
	for b.Loop() {
		d.Times = nil
		if err := st.Annotate(d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

func FuzzRecognize(f *testing.F) {
	for _, s := range []string{
		"Talks will resume on Tuesday.", "between March 1 and 5", "from Feb. 24 to March 25",
		"the war enters its 35th day", "24/03/2022 at 5 p.m. local time", "the 1990s and mid-1990s",
		"nineteen ninety-six", "Feb. 30", "'90s", "16-hour", "5 1/2 hours", "day 3 of the siege",
		"since the war began on Feb. 24", "the year two thousand", "a year earlier",
		"on Monday and Tuesday nights", "Easter week", "in 1898", "the fiscal-first quarter",
		"the year-earlier nine months", "the next morning", "He was soon released", "per second",
		"It's the second day of an offensive", "Today is the eighth day of ``Desert Shield''", "Until then, nothing",
		"By then",
	} {
		f.Add(s, "2022-03-28")
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, s, dct string) {
		if len(s) > 1<<14 {
			return
		}
		norm, err := text.Normalize("fuzz", []byte(s))
		if err != nil {
			return
		}
		d := doc(t, norm, dct)
		st := &timex.Stage{Anchors: []timex.Anchor{{Nouns: []string{"war"}, Start: "2022-02-24"}}}
		if err := st.Annotate(d); err != nil {
			t.Fatalf("Annotate: %v", err)
		}
		n := d.RuneLen()
		for i, tm := range d.Times {
			if tm.ID != "t"+strconv.Itoa(i+1) {
				t.Fatalf("time %d has ID %q", i, tm.ID)
			}
			for _, sp := range tm.Mentions {
				if sp.Start < 0 || sp.End > n || sp.Start >= sp.End || d.Slice(sp.Start, sp.End) != sp.Text {
					t.Fatalf("bad span %+v in text of %d code points", sp, n)
				}
			}
			if tm.Value == "" || tm.Type == "" {
				t.Fatalf("time %+v without type or value", tm)
			}
		}
	})
}

// TestConcurrent runs one stage on several documents at once, as the
// pipeline's workers do; -race checks the shared state.
func TestConcurrent(t *testing.T) {
	b, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	st := timex.New()
	want := annotate(t, st, string(b), "2022-03-28").Times
	done := make(chan []sitrep.Time)
	for range 4 {
		go func() {
			d := sitrep.NewDoc(sitrep.Document{Published: "2022-03-28"}, string(b))
			text.Tokenize(d)
			text.Segment(d)
			if err := st.Annotate(d); err != nil {
				t.Error(err)
			}
			done <- d.Times
		}()
	}
	for range 4 {
		if got := <-done; !reflect.DeepEqual(got, want) {
			t.Error("a concurrent run differs from a single one")
		}
	}
}
