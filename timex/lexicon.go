package timex

import "strings"

// Word classes. A word may belong to several ("second" is an ordinal and a
// unit, "may" a month and a modal); the matcher decides from context.
const (
	wMonth     = 1 << iota // val: 1..12
	wWeekday               // val: 1 (Monday) .. 7 (Sunday)
	wNum                   // val: the number
	wOrd                   // val: the ordinal
	wUnit                  // val: unit code
	wPlural                // a plural unit ("days")
	wSeason                // val: season index
	wPOD                   // val: part-of-day index
	wDir                   // val: -1 last/past/previous, 0 this, +1 next/coming
	wEdge                  // val: modStart, modEnd, modMid (early, late, mid)
	wApprox                // val: mod index (about, almost, more than...)
	wDeictic               // val: day offset (today 0, yesterday -1)
	wRef                   // val: reference index (now, recently, future)
	wSet                   // val: unit of a frequency adverb (daily, weekly)
	wFuzzy                 // several, few, many, couple, some
	wTZ                    // EST, GMT, UTC ...
	wAMPM                  // val: 0 a.m., 12 p.m.
	wAgo                   // val: -1 ago/earlier/before, +1 later/hence
	wHoliday               // val: holiday index
	wCountNoun             // war, invasion, siege ...: a day count's subject
)

// Units, in increasing size.
const (
	uNone = iota
	uSecond
	uMinute
	uHour
	uDay
	uNight
	uWeekend
	uWeek
	uMonth
	uQuarter
	uHalf
	uSeason
	uYear
	uDecade
	uCentury
)

// Mods, after TIMEX3.
const (
	modNone = iota
	modStart
	modEnd
	modMid
	modApprox
	modLessThan
	modMoreThan
	modEqualOrLess
	modEqualOrMore
)

var modNames = [...]string{"", "START", "END", "MID", "APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"}

// References.
const (
	refPresent = iota
	refPast
	refFuture
)

var refNames = [...]string{"PRESENT_REF", "PAST_REF", "FUTURE_REF"}

var seasonCodes = [...]string{"SP", "SU", "FA", "WI"}

// Parts of day and their TIMEX3 codes; noon, midday and midnight are
// clock times.
var podCodes = [...]string{"MO", "AF", "EV", "NI", "DT", "T12:00", "T24:00"}

const (
	podMorning = iota
	podAfternoon
	podEvening
	podNight
	podDaytime
	podNoon
	podMidnight
)

type word struct {
	cls uint32
	val int
	// unit is the unit of a wUnit or wSet word; val holds the other class's
	// value for words in two classes.
	unit int
	// ago is the direction of a wAgo word: -1 ago/earlier, +1 later.
	ago int
}

var lexicon = map[string]word{}

func add(cls uint32, val int, words ...string) {
	for _, w := range words {
		e := lexicon[w]
		e.cls |= cls
		if cls&(wUnit|wSet) != 0 {
			e.unit = val
		} else if cls == wAgo {
			e.ago = val
		} else {
			e.val = val
		}
		lexicon[w] = e
	}
}

func init() {
	months := [][]string{
		{"january", "jan", "jan."}, {"february", "feb", "feb."}, {"march", "mar", "mar."},
		{"april", "apr", "apr."}, {"may"}, {"june", "jun", "jun."}, {"july", "jul", "jul."},
		{"august", "aug", "aug."}, {"september", "sep", "sep.", "sept", "sept."},
		{"october", "oct", "oct."}, {"november", "nov", "nov."}, {"december", "dec", "dec."},
	}
	for i, ws := range months {
		add(wMonth, i+1, ws...)
	}
	days := [][]string{
		{"monday", "mon.", "mondays"}, {"tuesday", "tue.", "tues.", "tuesdays"}, {"wednesday", "wed.", "wednesdays"},
		{"thursday", "thu.", "thur.", "thurs.", "thursdays"}, {"friday", "fri.", "fridays"},
		{"saturday", "sat.", "saturdays"}, {"sunday", "sun.", "sundays"},
	}
	for i, ws := range days {
		add(wWeekday, i+1, ws...)
	}
	ones := strings.Fields("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen")
	for i, w := range ones {
		add(wNum, i, w)
	}
	tens := strings.Fields("twenty thirty forty fifty sixty seventy eighty ninety")
	for i, w := range tens {
		add(wNum, (i+2)*10, w)
	}
	add(wNum, 1, "a", "an")
	add(wNum, 12, "dozen")
	add(wNum, 100, "hundred")
	ords := strings.Fields("zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth")
	for i, w := range ords {
		if i > 0 {
			add(wOrd, i, w)
		}
	}
	add(wOrd, 30, "thirtieth")
	add(wOrd, 1, "1st")
	units := []struct {
		u  int
		ws []string
	}{
		{uSecond, []string{"second", "seconds", "sec", "secs"}},
		{uMinute, []string{"minute", "minutes", "min", "mins"}},
		{uHour, []string{"hour", "hours", "hrs", "hr"}},
		{uDay, []string{"day", "days"}},
		{uNight, []string{"night", "nights"}},
		{uWeekend, []string{"weekend", "weekends"}},
		{uWeek, []string{"week", "weeks"}},
		{uMonth, []string{"month", "months"}},
		{uQuarter, []string{"quarter", "quarters"}},
		{uHalf, []string{"half"}},
		{uYear, []string{"year", "years"}},
		{uDecade, []string{"decade", "decades"}},
		{uCentury, []string{"century", "centuries"}},
	}
	for _, u := range units {
		add(wUnit, u.u, u.ws...)
		for _, w := range u.ws {
			if strings.HasSuffix(w, "s") && w != "hours" && len(w) > 3 || w == "hours" || w == "centuries" {
				e := lexicon[w]
				e.cls |= wPlural
				lexicon[w] = e
			}
		}
	}
	for i, ws := range [][]string{{"spring"}, {"summer"}, {"fall", "autumn"}, {"winter"}} {
		add(wSeason, i, ws...)
	}
	add(wPOD, podMorning, "morning", "mornings")
	add(wPOD, podAfternoon, "afternoon", "afternoons")
	add(wPOD, podEvening, "evening", "evenings")
	add(wPOD, podNight, "night", "nights", "overnight")
	add(wPOD, podNoon, "noon", "midday")
	add(wPOD, podMidnight, "midnight")
	add(wDir, -1, "last", "past", "previous", "prior", "preceding")
	add(wDir, 0, "this", "current", "present")
	add(wDir, 1, "next", "coming", "following", "upcoming")
	add(wEdge, modStart, "early", "earlier", "beginning", "start")
	add(wEdge, modEnd, "late", "later", "end")
	add(wEdge, modMid, "mid", "middle")
	add(wApprox, modApprox, "about", "around", "approximately", "roughly", "almost", "nearly", "some", "circa", "approx.", "ca.")
	add(wApprox, modMoreThan, "over")
	add(wApprox, modLessThan, "under")
	add(wDeictic, 0, "today", "tonight")
	add(wDeictic, -1, "yesterday")
	add(wDeictic, 1, "tomorrow")
	add(wRef, refPresent, "now", "currently", "nowadays")
	add(wRef, refPast, "recently", "lately", "once")
	add(wRef, refFuture, "soon", "future")
	add(wSet, uHour, "hourly")
	add(wSet, uDay, "daily", "nightly")
	add(wSet, uWeek, "weekly")
	add(wSet, uMonth, "monthly")
	add(wSet, uYear, "annually", "yearly", "annual")
	add(wFuzzy, 0, "several", "few", "many", "couple", "some", "numerous")
	add(wTZ, 0, "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest", "eet", "eest", "msk", "et", "pt")
	add(wAMPM, 0, "a.m.", "am", "a.m")
	add(wAMPM, 12, "p.m.", "pm", "p.m")
	add(wAgo, -1, "ago", "earlier", "before")
	add(wAgo, 1, "later", "hence", "after")
	add(wHoliday, 1, "christmas")
	add(wHoliday, 2, "thanksgiving")
	add(wHoliday, 3, "easter")
	add(wHoliday, 4, "election")
	add(wCountNoun, 0, "war", "invasion", "conflict", "siege", "offensive", "occupation", "blockade",
		"fighting", "battle", "operation", "strike", "protest", "protests", "standoff", "crisis", "ceasefire", "truce")
}

// pastCues and futureCues set the tense of a sentence for weekdays and
// months without a year. A word ending in -ed counts as past.
var (
	// auxiliaries before a participle: "will be released" is not past.
	auxiliaries = map[string]bool{"be": true, "been": true, "being": true, "is": true, "are": true, "'s": true,
		"’s": true, "'re": true, "’re": true, "to": true, "will": true, "would": true, "can": true, "could": true,
		"may": true, "might": true, "must": true, "should": true, "get": true, "gets": true}
	pastCues   = map[string]bool{}
	futureCues = map[string]bool{}
	// scheduleVerbs in the present tense before a weekday tell of a
	// scheduled event ("talks resume Tuesday"); their past forms differ.
	scheduleVerbs = map[string]bool{}
	// planCues look ahead when "to" follows: "planned to", "set to".
	planCues = map[string]bool{"planned": true, "planning": true, "plans": true, "set": true, "poised": true,
		"preparing": true, "prepared": true, "scheduled": true, "due": true, "expected": true, "hoping": true, "hoped": true}
)

func init() {
	for _, w := range strings.Fields(`said says was were had did told reported announced ago last earlier
		took came went met began fell rose made gave held saw left hit won lost died killed struck
		sent spoke wrote came became ran led paid sold bought brought thought`) {
		pastCues[w] = true
	}
	for _, w := range strings.Fields(`meet meets resume resumes begin begins start starts open opens arrive arrives
		leave leaves visit visits vote votes travel travels return returns fly flies expire expires convene convenes
		heads go goes`) {
		scheduleVerbs[w] = true
	}
	for _, w := range strings.Fields(`will 'll ’ll shall going expected expects expect scheduled plans soon
		plan due upcoming slated intends intend tomorrow`) {
		futureCues[w] = true
	}
}
