package timex

import (
	"strings"
	"sync"

	"sitrep"
)

// Mention kinds: how a recognized expression gets its value.
const (
	kLit       = iota // value fixed by the words alone (durations, sets, 1990)
	kDate             // year, month, day, any of them unknown
	kWeekday          // a weekday resolved by tense or by last/next
	kRelDay           // today, yesterday, tomorrow
	kRelUnit          // last week, next month, this year, two days ago
	kQuarter          // the third quarter (of 1989), the first half
	kSeason           // last summer, the fall of 1998
	kRefShift         // a year earlier: shifts the time last mentioned
	kRef              // PRESENT_REF, PAST_REF, FUTURE_REF
	kTimeOnly         // 5 p.m. (on the document date)
	kDayCount         // the war enters its 35th day
	kMonthRel         // last March, this October
	kYearOfRef        // the 1988 period: the period last mentioned, in 1988
)

// mention is a recognized time expression before normalization.
type mention struct {
	i, j int // tokens [i, j)
	typ  string
	kind int
	mod  int
	lit  string

	y, mo, d int // kDate: 0 when unknown
	wd       int // kWeekday: 1 Monday .. 7 Sunday
	dir      int // -1, 0, +1 for last/this/next
	hasDir   bool
	n        int // kRelUnit, kRefShift, kDayCount: the count
	fuzzy    bool
	unit     int
	pod      int // part of day + 1; 0 none
	hh, mm   int
	hasTime  bool
	q        int // kQuarter: quarter or half number
	season   int
	tense    int // -1 past, +1 future, 0 not known
	// near is the tense of a word right before the expression that
	// fixes its direction whatever the distance ("since March", "the
	// year ended Jan. 31"); 0 when there is none.
	near int
	noun string // kDayCount: what is counted ("war")
	// present marks a day count told in the present tense ("today is the
	// eighth day of Desert Shield"): it is the document date when the
	// first day is not known.
	present bool
	// shift moves a day-precision date by days: "the day before last
	// Tuesday" is -1.
	shift int
	// fiscal marks "fiscal 1989".
	fiscal bool
	// holiday is 2 for Thanksgiving, 3 for Easter and 4 for (U.S.)
	// Election Day, whose days depend on the year.
	holiday int
	// anaphor marks "the following year": it shifts the time last
	// mentioned, whatever its year.
	anaphor bool
	// weekOf marks "the week of March 6": the week of the date.
	weekOf bool
	// reported marks "this quarter": the quarter last mentioned, the one
	// a report is about, before the calendar one.
	reported bool
	// calendar marks a quarter reckoned from the day it ended ("the
	// quarter ended Sept. 30"): a fiscal quarter the report has just
	// named goes before it.
	calendar bool
}

// tok is what the matcher knows about one token.
type tok struct {
	low   string // lower-cased text
	raw   string
	w     word
	kind  int
	num   int  // value of a plain integer token, -1 otherwise
	ndig  int  // digits in a plain integer token
	ord   int  // value of an ordinal number token (35th), 0 otherwise
	upper bool // starts with a capital letter
	space bool // white space before
}

// recognizer holds one document's tokens as the matcher sees them.
type recognizer struct {
	d    *sitrep.Doc
	toks []tok
	// dayFirst resolves ambiguous slashed dates (03/04/2022) day first.
	dayFirst bool
	// n is the number of real tokens; toks has padding more.
	n int
}

// padding is how far past the last token a pattern may look.
const padding = 12

func newRecognizer(d *sitrep.Doc, dayFirst bool) *recognizer {
	r := &recognizer{d: d, dayFirst: dayFirst}
	// Empty tokens after the last one let the patterns look ahead without
	// bounds checks; no pattern matches them.
	r.n = len(d.Tokens)
	need := len(d.Tokens) + padding
	if p, _ := tokPool.Get().(*[]tok); p != nil && cap(*p) >= need {
		r.toks = (*p)[:need]
	} else {
		r.toks = make([]tok, need)
	}
	for i := r.n; i < len(r.toks); i++ {
		r.toks[i] = tok{kind: -1, num: -1}
	}
	// One lower-cased copy of the text (ASCII letters only, so byte
	// offsets hold) gives every token its lower-case form without an
	// allocation per token.
	lower := lowerASCII(d.Text)
	for i, t := range d.Tokens {
		raw := d.Text[t.ByteStart:t.ByteEnd]
		x := tok{raw: raw, kind: t.Kind, num: -1, space: t.SpaceBefore}
		x.upper = len(raw) > 0 && raw[0] >= 'A' && raw[0] <= 'Z'
		x.low = lower[t.ByteStart:t.ByteEnd]
		if t.Kind == sitrep.TokWord || t.Kind == sitrep.TokNumber {
			if w, ok := lexicon[x.low]; ok {
				x.w = w
			}
		}
		if t.Kind == sitrep.TokNumber {
			x.num, x.ndig = atoi(raw)
			if x.num < 0 && len(raw) > 2 {
				suf := x.low[len(x.low)-2:]
				if suf == "st" || suf == "nd" || suf == "rd" || suf == "th" {
					x.ord, _ = atoi(raw[:len(raw)-2])
					if x.ord < 0 {
						x.ord = 0
					}
				}
			}
		}
		r.toks[i] = x
	}
	return r
}

// lowerASCII lower-cases the ASCII letters of s, leaving every other byte
// where it is.
func lowerASCII(s string) string {
	i := 0
	for i < len(s) && !(s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// tokPool keeps token tables between documents: a table is as long as the
// document, and allocating one per document was most of the stage's cost.
var tokPool sync.Pool

// release returns the token table to the pool; r must not be used after.
func (r *recognizer) release() {
	if cap(r.toks) > 1<<20 {
		return // one huge document should not pin its table
	}
	t := r.toks[:0]
	tokPool.Put(&t)
	r.toks = nil
}

// atoi parses a plain run of at most nine digits; -1 for anything else.
func atoi(s string) (int, int) {
	if len(s) == 0 || len(s) > 9 {
		return -1, 0
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return -1, 0
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s)
}

func (r *recognizer) is(i int, words ...string) bool {
	if i < 0 || i >= len(r.toks) {
		return false
	}
	for _, w := range words {
		if r.toks[i].low == w {
			return true
		}
	}
	return false
}

func (r *recognizer) cls(i int, c uint32) bool {
	return i >= 0 && i < len(r.toks) && r.toks[i].w.cls&c != 0
}

// bounds returns the first and end tokens of the sentence holding token i.
func (r *recognizer) bounds(i int) (int, int) {
	s := r.d.SentenceOf(i)
	if s < 0 {
		return 0, len(r.toks)
	}
	return r.d.Sentences[s].FirstTok, r.d.Sentences[s].EndTok
}

// tense finds the tense that governs tokens [i, j): the nearest cue before
// them in the sentence, else the nearest after; future (will, expected,
// scheduled, until) or past (said, -ed). It returns 0 when there is none.
func (r *recognizer) tense(i, j int) int {
	lo, hi := r.bounds(i)
	if r.is(i-1, "until", "till") || r.is(i-1, "as") && r.is(i-2, "soon") {
		// "until Tuesday", "as soon as Tuesday": a deadline ahead, unless
		// the past perfect looks back from it ("until Thursday, they
		// had not called him a suspect").
		for k := j; k < hi && k < j+6; k++ {
			if r.is(k, "had") {
				return -1
			}
		}
		return 1
	}
	// The verb before the expression governs it ("will resume on Tuesday",
	// "he said late Sunday"); one after it is mostly the reporting verb
	// ("... on Tuesday, the Kremlin said") and counts only when there is
	// none before.
	for k := i - 1; k >= lo; k-- {
		if planCues[r.toks[k].low] && r.is(k+1, "to", "a", "an") && !r.is(k-1, "been", "had") ||
			r.is(k, "be") && r.is(k-1, "would", "will") && strings.HasSuffix(r.toks[k+1].low, "ing") {
			// "planned to leave on Thursday", "set to resume Monday",
			// "planned a rally on Saturday", "would be traveling
			// Thursday": a plan looks ahead even when told in the past,
			// unless it is a past perfect ("had been due to expire
			// Friday").
			return 1
		}
		if t := r.cue(k); t != 0 {
			return t
		}
		if scheduleVerbs[r.toks[k].low] && !r.is(k-1, "to") {
			// "Arafat and Netanyahu meet Monday", "talks resume
			// Tuesday": the present tense of a scheduled event.
			return 1
		}
	}
	for k := j; k < hi; k++ {
		if t := r.cue(k); t != 0 {
			return t
		}
	}
	return 0
}

// nearTense returns -1 when a word just before token i puts what follows
// in the past: "since March", "the quarter ended Sept. 30", "in early
// March" after "since".
func (r *recognizer) nearTense(i int) int {
scan:
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		switch r.toks[k].low {
		case "since", "ended":
			return -1
		case "in", "on", "the", "early", "late", "mid", "mid-", "of", "shortly", "after", "before", "end", "beginning", "middle":
		default:
			break scan
		}
	}
	// "Since KKR bought RJR in February": a clause opened by "since"
	// tells of the past.
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		if r.toks[k].kind == sitrep.TokPunct {
			return 0
		}
		if r.toks[k].low == "since" {
			return -1
		}
	}
	return 0
}

// cue returns the tense token k shows: 1 future, -1 past, 0 none.
func (r *recognizer) cue(k int) int {
	t := r.toks[k]
	switch {
	case (t.low == "plan" || t.low == "plans") && !r.is(k+1, "to"),
		t.low == "due" && r.is(k+1, "to") && r.is(k+2, "the", "a", "an", "his", "her", "its", "their", "this"):
		// "vacation plans" is a noun, "due to the storm" a cause: no
		// tense.
		return 0
	case futureCues[t.low]:
		if r.is(k-1, "been", "had", "was", "were") || r.is(k-2, "had", "was", "were") && r.is(k-1, "been") {
			// "had been due to expire", "was expected": past plans.
			return -1
		}
		return 1
	case pastCues[t.low]:
		return -1
	case t.kind == sitrep.TokWord && len(t.low) > 4 && strings.HasSuffix(t.low, "ed") && !t.upper && !(k > 0 && auxiliaries[r.toks[k-1].low]):
		// A capitalized word ending in -ed is mostly a name ("the United
		// States"), not a past verb.
		return -1
	}
	return 0
}

// recognize finds the time expressions of the document in text order.
func (r *recognizer) recognize() []mention {
	// News has about one time expression in 25 tokens.
	out := make([]mention, 0, r.n/25+4)
	for i := 0; i < r.n; {
		if !r.trigger(i) {
			i++
			continue
		}
		m, ok := r.match(i)
		if !ok || m.j <= i || m.j > r.n || m.i < 0 {
			i++
			continue
		}
		out = append(out, m)
		i = m.j
		if m.kind == kDate && m.d > 0 && m.mo > 0 && (r.is(i, "and", "or", "to", "through", "-", "–")) {
			// "April 24 and 25": the second day shares the month.
			if d2, ok := r.dayNum(i + 1); ok && i+2 <= r.n && r.toks[i+1].kind == sitrep.TokNumber && !r.cls(i+2, wUnit|wMonth) &&
				!r.is(i+2, "%", "percent", "million", "billion") && d2 > m.d {
				e := m
				e.i, e.j, e.d = i+1, i+2, d2
				if validDate(0, e.mo, e.d) {
					out = append(out, e)
					i = e.j
				}
			}
		}
	}
	return out
}

// trigger reports whether a time expression can start at token i: a cheap
// test that keeps the matcher off most tokens.
func (r *recognizer) trigger(i int) bool {
	t := &r.toks[i]
	if t.w.cls != 0 {
		return true
	}
	switch t.kind {
	case sitrep.TokNumber:
		return true
	case sitrep.TokWord:
		switch t.low {
		case "the", "that", "these", "more", "less", "at", "up", "fiscal", "every", "each", "per", "its", "day", "no", "their", "recent", "year",
			"within", "between", "since", "from", "nearly", "year-earlier", "year-ago", "mid-", "then":
			return true
		}
		return strings.IndexByte(t.low, '-') > 0
	case sitrep.TokQuote:
		return i+1 < len(r.toks) && r.toks[i+1].kind == sitrep.TokNumber
	}
	return false
}

// match tries every pattern at token i and returns the longest match.
func (r *recognizer) match(i int) (mention, bool) {
	// Comparison and approximation prefixes belong to the expression:
	// "almost a month", "more than four decades".
	mod, k := r.prefix(i)
	m, ok := r.core(k)
	if !ok {
		return mention{}, false
	}
	if m.kind == kRelUnit && m.unit == uYear && m.hasDir && m.dir < 0 && r.is(m.j, "'s", "’s") && r.is(m.j+1, "quarter", "period") {
		// "last year's quarter": the quarter being reported, a year back.
		m.kind, m.n, m.q, m.hasDir, m.j = kRefShift, -1, 1, false, m.j+2
	}
	if k > i {
		if m.typ == sitrep.TimeDuration || m.typ == sitrep.TimeTime || m.kind == kDate || m.kind == kRefShift || m.kind == kRelUnit {
			m.i = i
			if m.mod == modNone {
				m.mod = mod
			}
		} else if k > i {
			// A prefix such as "about" before "Friday" is left out.
			m.i = k
		}
	}
	return m, true
}

func (r *recognizer) prefix(i int) (int, int) {
	t := r.toks[i]
	switch {
	case (t.low == "more" || t.low == "less" || t.low == "fewer") && r.is(i+1, "than"):
		if t.low == "more" {
			return modMoreThan, i + 2
		}
		return modLessThan, i + 2
	case t.low == "at" && r.is(i+1, "least"):
		return modEqualOrMore, i + 2
	case t.low == "up" && r.is(i+1, "to"):
		return modEqualOrLess, i + 2
	case t.low == "no" && r.is(i+1, "more") && r.is(i+2, "than"):
		return modEqualOrLess, i + 3
	case t.w.cls&wApprox != 0 && i+1 < len(r.toks):
		n := r.toks[i+1]
		if (t.low == "over" || t.low == "under") && !(n.kind == sitrep.TokNumber || n.w.cls&wNum != 0) {
			// "over the past 20 years" is during them.
			return modNone, i
		}
		if n.kind == sitrep.TokNumber || n.w.cls&(wNum|wFuzzy|wPOD|wMonth|wWeekday|wUnit) != 0 || n.low == "the" {
			if t.low == "some" && n.w.cls&wNum == 0 && n.kind != sitrep.TokNumber {
				return modNone, i
			}
			return modApprox, i + 1
		}
	}
	return modNone, i
}

// core tries the patterns at token i and keeps the longest.
func (r *recognizer) core(i int) (mention, bool) {
	var best mention
	found := false
	try := func(m mention, ok bool) {
		if ok && m.j > i && (!found || m.j > best.j) {
			best, found = m, true
		}
	}
	try(r.edge(i))
	try(r.date(i))
	try(r.relative(i))
	try(r.duration(i))
	try(r.set(i))
	try(r.dayCount(i))
	try(r.clock(i))
	return best, found
}

// edge matches early/late/mid and "the end of" before a date: "late
// Sunday", "early next year", "mid-October", "the end of November",
// "earlier this month".
func (r *recognizer) edge(i int) (mention, bool) {
	if i >= r.n {
		return mention{}, false
	}
	t := r.toks[i]
	k := i
	mod := modNone
	switch {
	case t.low == "the" && r.cls(i+1, wEdge) && r.is(i+2, "of"):
		mod, k = r.toks[i+1].w.val, i+3
		if r.toks[i+1].low == "early" || r.toks[i+1].low == "late" || r.toks[i+1].low == "later" || r.toks[i+1].low == "earlier" {
			return mention{}, false
		}
	case t.low == "the" && r.cls(i+1, wEdge) && i+2 < len(r.toks):
		// "the late 1970s", "the early 1980s", "the early summer".
		mod, k = r.toks[i+1].w.val, i+2
		if r.cls(k, wSeason) && !r.toks[k].upper {
			sm, ok := r.theRelative(k - 1)
			if !ok || sm.kind != kSeason {
				return mention{}, false
			}
			sm.i, sm.mod = i, mod
			sm.tense = r.tense(i, sm.j)
			return sm, true
		}
		if !(r.toks[k].kind == sitrep.TokNumber) {
			return mention{}, false
		}
	case t.w.cls&wEdge != 0 && (t.low == "early" || t.low == "late" || t.low == "mid" || t.low == "earlier" || t.low == "later"):
		mod, k = t.w.val, i+1
		if r.is(k, "-") {
			k++
		}
		if r.is(k, "in") && r.is(k+1, "the") {
			k += 2
		}
	case strings.HasPrefix(t.low, "mid-") || strings.HasPrefix(t.low, "early-") || strings.HasPrefix(t.low, "late-"):
		// "mid-October", "mid-1990s" are one token.
		rest := t.low[strings.IndexByte(t.low, '-')+1:]
		w, ok := lexicon[rest]
		e := mention{i: i, j: i + 1, typ: sitrep.TimeDate, kind: kDate, mod: lexicon[t.low[:strings.IndexByte(t.low, '-')]].val}
		switch {
		case ok && w.cls&wPOD != 0 && w.val <= podEvening:
			e.typ, e.kind, e.pod = sitrep.TimeTime, kRelDay, w.val+1
			return r.dayAfterPOD(e), true
		case ok && w.cls&wMonth != 0:
			e.mo = w.val
			if y, ok := r.year(i + 1); ok {
				e.y, e.j = y, i+2
			}
			return e, true
		case len(rest) == 5 && rest[4] == 's':
			if n, _ := atoi(rest[:4]); n >= 1000 && n%10 == 0 {
				e.kind, e.lit = kLit, rest[:3]
				return e, true
			}
		case len(rest) == 4:
			if n, _ := atoi(rest); n >= 1000 && n < 2100 {
				e.kind, e.lit = kLit, rest
				return e, true
			}
		}
		return mention{}, false
	default:
		return mention{}, false
	}
	if k >= len(r.toks) {
		return mention{}, false
	}
	if r.cls(k, wPOD) && r.toks[k].w.val <= podEvening && (t.low == "mid" || t.low == "late" || t.low == "early") {
		// "mid afternoon", "late morning": of the document date.
		m := mention{i: i, j: k + 1, typ: sitrep.TimeTime, kind: kRelDay, pod: r.toks[k].w.val + 1, mod: mod}
		return r.dayAfterPOD(m), true
	}
	if r.is(k, "the") && r.is(k+1, "month", "week", "year") && mod != modNone && i < k {
		m := mention{i: i, j: k + 2, typ: sitrep.TimeDate, kind: kRelUnit, unit: r.toks[k+1].w.unit, hasDir: true, mod: mod}
		return m, true
	}
	m, ok := r.date(k)
	if !ok {
		m, ok = r.relative(k)
	}
	if !ok || m.typ == sitrep.TimeDuration || m.kind == kRef {
		return mention{}, false
	}
	m.i = i
	lw := r.toks[i+boolInt(t.low == "the")].low
	if lw == "earlier" || lw == "later" {
		// "earlier this month" is the month; TimeML keeps no mod for it.
		if m.kind == kWeekday {
			// "Earlier Friday": TimeML marks the day alone.
			return mention{}, false
		}
		if m.kind == kRelUnit && m.dir == 0 || m.kind == kRelDay || m.kind == kRefShift && m.anaphor && m.n == 0 {
			m.mod = mod
			return m, true
		}
		return mention{}, false
	}
	if m.kind == kWeekday || m.kind == kRelDay {
		// "late Sunday" is the evening of Sunday: keep the day and the mod.
		m.mod = mod
		return m, true
	}
	m.mod = mod
	return m, true
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// yearSpan reads a year at token i, in digits or spoken ("nineteen
// ninety-four"), and returns it with the token after it.
func (r *recognizer) yearSpan(i int) (int, int, bool) {
	if y, ok := r.year(i); ok {
		return y, i + 1, true
	}
	if i < r.n && (r.toks[i].low == "nineteen" || r.toks[i].low == "twenty") {
		return r.spokenYear(i)
	}
	return 0, 0, false
}

// year reads a four-digit year at token i (1000..2199), or a year written
// as a plain number after a month.
func (r *recognizer) year(i int) (int, bool) {
	if i >= len(r.toks) {
		return 0, false
	}
	t := r.toks[i]
	if t.num >= 1000 && t.num < 2200 && t.ndig == 4 {
		// "1,000 people" is tokenized with the comma inside, so a bare
		// four-digit number here is a year unless a noun of counting
		// follows; the caller decides from context.
		return t.num, true
	}
	return 0, false
}

// nameWord reports a capitalized word at token k that is not a time word
// (month, weekday, holiday, "Fiscal") nor a possessive: mid-sentence it is
// a name, and a year right after it is part of the name.
func (r *recognizer) nameWord(k int) bool {
	t := r.toks[k]
	if t.kind != sitrep.TokWord || !t.upper || t.w.cls != 0 || len(t.raw) < 2 || t.raw[1] < 'a' || t.raw[1] > 'z' {
		return false
	}
	switch t.low {
	case "in", "for", "of", "by", "from", "to", "until", "through", "during", "at", "on", "and", "or", "the", "a", "an", "fiscal", "year", "calendar", "model", "class", "summer", "winter", "spring", "fall", "autumn":
		return false
	}
	return !strings.HasSuffix(t.low, "'s") && !strings.HasSuffix(t.low, "’s")
}

// oldYear reports a year before 1900 told as one: after "in", "since"
// and the like and before a pause ("independence from Spain in 1898."),
// not a count ("in 1500 villages") or an index level ("at 1462.93").
func (r *recognizer) oldYear(i int) bool {
	t := r.toks[i]
	if t.kind != sitrep.TokNumber || t.raw != itoa(t.num) || !r.is(i-1, "in", "since", "until", "before", "after", "from", "by") {
		return false
	}
	return i+1 >= r.n || r.toks[i+1].kind == sitrep.TokPunct && !r.is(i+1, "-", "%") || r.is(i+1, "and", "to")
}

// dayNum reads a day of the month at token i: 24, 24th, twenty-fourth.
func (r *recognizer) dayNum(i int) (int, bool) {
	if i >= len(r.toks) {
		return 0, false
	}
	t := r.toks[i]
	if t.num >= 1 && t.num <= 31 && t.ndig <= 2 {
		return t.num, true
	}
	if t.ord >= 1 && t.ord <= 31 {
		return t.ord, true
	}
	if t.w.cls&wOrd != 0 && t.w.val <= 31 {
		return t.w.val, true
	}
	return 0, false
}

// monthAt reports a month name at token i. "May" and "March" must be
// capitalized, as they are also a verb.
func (r *recognizer) monthAt(i int) (int, bool) {
	if i >= len(r.toks) || r.toks[i].w.cls&wMonth == 0 {
		return 0, false
	}
	t := r.toks[i]
	if !t.upper {
		return 0, false
	}
	if t.low == "may" || len(t.low) <= 4 && !strings.HasSuffix(t.low, ".") && t.low != "june" && t.low != "july" {
		// "May" begins sentences as a modal; accept it before a day or a
		// year or after a preposition.
		if _, ok := r.dayNum(i + 1); ok {
			return t.w.val, true
		}
		if _, ok := r.year(i + 1); ok {
			return t.w.val, true
		}
		if t.low == "may" && r.is(i-1, "in", "since", "until", "by", "early", "late", "mid", "last", "next", "this", "of", "through", "from", "to", "and", "before", "after", "during") {
			return t.w.val, true
		}
		return 0, false
	}
	p := i - 1
	for p > 0 && p > i-3 && r.toks[p].kind == sitrep.TokQuote {
		p-- // the ``March of the Combatant Mothers''
	}
	if r.is(p, "the", "a", "annual") {
		if r.is(i+1, "for", "of") || i+1 < len(r.toks) && r.toks[i+1].upper {
			// "the annual March for Life" is a name.
			return 0, false
		}
	}
	return t.w.val, true
}

// date matches absolute dates and named days: March 24, Feb. 24,
// 24 March 2022, March 24, 2022, 2022-03-24, 24/03/2022, March 2022,
// 1990, the 1990s, Friday, Friday morning, fiscal 1989, Christmas.
func (r *recognizer) date(i int) (mention, bool) {
	if i >= r.n {
		return mention{}, false
	}
	t := r.toks[i]
	m := mention{i: i, j: i + 1, typ: sitrep.TimeDate, kind: kDate}
	if mo, ok := r.monthAt(i); ok {
		m.mo = mo
		k := i + 1
		if d, ok := r.dayNum(k); ok && !(r.is(k+1, "-") || r.cls(k+1, wUnit) || r.is(k+1, "percent", "%", "billion", "million")) {
			m.d, k = d, k+1
			m.j = k
			c := k
			if r.is(c, ",") {
				c++
			}
			if y, ok := r.year(c); ok {
				m.y, m.j = y, c+1
			}
		} else if r.is(k, "of") {
			if y, j, ok := r.yearSpan(k + 1); ok {
				m.y, m.j = y, j
			}
		} else if y, j, ok := r.yearSpan(k); ok {
			m.y, m.j = y, j
		} else if r.is(k, ",") {
			if y, ok := r.year(k + 1); ok {
				m.y, m.j = y, k+2
			}
		} else if r.is(k, "this", "last", "next") && r.is(k+1, "year") {
			m.hasDir, m.dir, m.j = true, lexicon[r.toks[k].low].val, k+2
		}
		if m.y == 0 {
			m.tense = r.tense(i, m.j)
			m.near = r.nearTense(i)
			if lo, _ := r.bounds(i); m.near == 0 && i == lo+1 && r.is(lo, "in") && r.is(m.j, ",") {
				// "In January, American Medical brought in…": a month
				// that opens the sentence takes the tense of its clause.
				for k := m.j + 1; k < m.j+8 && k < r.n; k++ {
					if c := r.cue(k); c != 0 {
						m.near = c
						break
					}
				}
			}
		}
		return m, true
	}
	if t.w.cls&wWeekday != 0 && (t.upper || len(t.low) > 4) && !strings.HasSuffix(t.low, ".") || t.w.cls&wWeekday != 0 && t.upper {
		m.kind, m.wd = kWeekday, t.w.val
		if strings.HasSuffix(t.low, "s") {
			// "Tuesdays" is a set.
			m.kind, m.typ, m.lit = kLit, sitrep.TimeSet, "XXXX-WXX-"+itoa(t.w.val)
			return m, true
		}
		k := i + 1
		if r.is(k, ",") {
			k++
		}
		// "Monday, Oct. 26" is that date.
		if _, ok := r.monthAt(k); ok {
			if _, ok := r.dayNum(k + 1); ok {
				if dm, ok := r.date(k); ok && dm.d > 0 {
					dm.i = i
					return dm, true
				}
			}
		}
		m.tense = r.tense(i, i+1)
		return r.podAfter(m), true
	}
	if d, ok := r.dayNum(i); ok && (t.kind == sitrep.TokNumber || t.w.cls&wOrd != 0) {
		// 24 March 2022, 24th of March.
		k := i + 1
		if r.is(k, "of") {
			k++
		}
		if mo, ok := r.monthAt(k); ok {
			m.d, m.mo, m.j = d, mo, k+1
			if y, ok := r.year(k + 1); ok {
				m.y, m.j = y, k+2
			} else {
				m.tense = r.tense(i, m.j)
			}
			return m, true
		}
	}
	if t.kind == sitrep.TokNumber && t.num < 0 {
		if m, ok := r.numericDate(i); ok {
			return m, true
		}
	}
	if t.ord >= 1 && t.ord <= 31 && r.is(i-1, "the") && r.is(i-2, "on", "since", "until", "by", "from", "before", "after") &&
		(i+1 >= r.n || r.toks[i+1].kind == sitrep.TokPunct) {
		// "on the 24th": the day of an unnamed month stays unknown.
		m.d = t.ord
		m.i = i - 1
		return m, true
	}
	if y, ok := r.year(i); ok {
		// A bare year: 1990, 1990s (the tokenizer leaves "s" apart).
		if r.is(i+1, "s") && !r.toks[i+1].space && y%10 == 0 {
			m.kind, m.lit, m.j = kLit, itoa(y/10), i+2
			return m, true
		}
		if y > 2100 || y < 1900 && !r.oldYear(i) {
			return mention{}, false
		}
		if r.cls(i+1, wUnit) || r.is(i+1, "-") || r.is(i-1, "$", "#", "no.", "number", "route", "flight", "tu") {
			return mention{}, false
		}
		if lo, _ := r.bounds(i); i-1 > lo && r.nameWord(i-1) && !r.toks[i-2].upper {
			// "a joint venture called Orion 1980": a number that ends a
			// name (not in a headline's capitals, "Profit Rose For
			// 1989").
			return mention{}, false
		}
		m.y = y
		return m, true
	}
	if t.kind == sitrep.TokQuote && i+1 < len(r.toks) {
		// '90s
		n := r.toks[i+1]
		if n.num >= 0 && n.ndig == 2 && n.num%10 == 0 && r.is(i+2, "s") {
			m.kind, m.lit, m.j = kLit, "19"+itoa(n.num/10), i+3
			return m, true
		}
	}
	if t.low == "the" && i+1 < len(r.toks) {
		n := r.toks[i+1]
		if y, ok := r.year(i + 1); ok && r.is(i+2, "s") && y%10 == 0 {
			m.kind, m.lit, m.j = kLit, itoa(y/10), i+3
			return m, true
		}
		if n.kind == sitrep.TokQuote {
			if mm, ok := r.date(i + 1); ok && mm.kind == kLit {
				mm.i = i
				return mm, true
			}
		}
	}
	if t.low == "fiscal" {
		if y, ok := r.year(i + 1); ok {
			m.y, m.fiscal, m.j = y, true, i+2
			return m, true
		}
	}
	if t.w.cls&wHoliday != 0 && t.upper {
		switch t.w.val {
		case 1:
			m.mo, m.d = 12, 25
			if r.is(i+1, "day", "eve") {
				if r.is(i+1, "eve") {
					m.d = 24
				}
				m.j = i + 2
			}
			m.tense = r.tense(i, m.j)
			return m, true
		case 2:
			if r.is(i+1, "day") {
				m.j = i + 2
			}
			m.mo, m.holiday = 11, 2
			m.tense = r.tense(i, m.j)
			return m, true
		case 3:
			switch {
			case r.is(i+1, "week"):
				// "as Easter week began": the week that ends on Easter.
				m.weekOf, m.j = true, i+2
			case r.is(i+1, "sunday", "day"):
				m.j = i + 2
			case r.is(i+1, "monday"):
				return mention{}, false
			}
			m.mo, m.holiday = 4, 3
			m.tense = r.tense(i, m.j)
			return m, true
		case 4:
			// "Election Day": the U.S. one, the Tuesday after the first
			// Monday of November; "the election" alone is an event.
			if i+1 >= r.n || r.toks[i+1].raw != "Day" {
				return mention{}, false
			}
			m.j = i + 2
			m.mo, m.holiday = 11, 4
			m.tense = r.tense(i, m.j)
			return m, true
		}
	}
	return mention{}, false
}

// numericDate matches 2022-03-24, 24/03/2022 and 03/24/2022. A slashed date
// is read month first unless the first part is over 12 (then day first)
// or the recognizer is set to read day first; a date that is not in the
// calendar is not a date.
func (r *recognizer) numericDate(i int) (mention, bool) {
	if i >= r.n {
		return mention{}, false
	}
	s := r.toks[i].raw
	m := mention{i: i, j: i + 1, typ: sitrep.TimeDate, kind: kDate}
	if len(s) == 7 && s[4] == '-' && r.is(i+1, "-") && i+2 < r.n && r.toks[i+2].ndig == 2 &&
		!r.toks[i+1].space && !r.toks[i+2].space {
		// The tokenizer leaves 2022-03-24 as "2022-03", "-", "24".
		s = s + "-" + r.toks[i+2].raw
		m.j = i + 3
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, _ := atoi(s[:4])
		mo, _ := atoi(s[5:7])
		d, _ := atoi(s[8:])
		if y > 0 && validDate(y, mo, d) {
			m.y, m.mo, m.d = y, mo, d
			return m, true
		}
		return mention{}, false
	}
	parts := strings.Split(s, "/")
	if len(parts) != 3 && len(parts) != 2 {
		return mention{}, false
	}
	a, _ := atoi(parts[0])
	b, _ := atoi(parts[1])
	y := 0
	if len(parts) == 3 {
		y, _ = atoi(parts[2])
		switch {
		case y >= 0 && len(parts[2]) == 2:
			y += 1900
			if y < 1950 {
				y += 100
			}
		case y >= 1000 && len(parts[2]) == 4:
		default:
			return mention{}, false
		}
	} else {
		return mention{}, false
	}
	mo, d := a, b
	if a > 12 || r.dayFirst && b <= 12 {
		mo, d = b, a
	}
	if !validDate(y, mo, d) {
		return mention{}, false
	}
	m.y, m.mo, m.d = y, mo, d
	return m, true
}

// podAfter extends a weekday or a relative day with a part of day:
// "Friday morning", "yesterday afternoon", "Sunday night".
func (r *recognizer) podAfter(m mention) mention {
	if m.kind == kWeekday && r.is(m.j, "and", "or") && r.cls(m.j+1, wWeekday) && r.cls(m.j+2, wPOD) &&
		r.toks[m.j+2].w.val <= podDaytime && strings.HasSuffix(r.toks[m.j+2].low, "s") {
		// "on Monday and Tuesday nights": Monday nights too.
		m.kind, m.typ = kLit, sitrep.TimeSet
		m.lit = "XXXX-WXX-" + itoa(m.wd) + "T" + podCodes[r.toks[m.j+2].w.val]
		return m
	}
	if r.cls(m.j, wPOD) {
		p := r.toks[m.j].w.val
		if p <= podDaytime {
			m.pod = p + 1
			if m.kind == kWeekday && strings.HasSuffix(r.toks[m.j].low, "s") {
				// "Tuesday nights" recur every week: a set.
				m.kind, m.typ = kLit, sitrep.TimeSet
				m.lit = "XXXX-WXX-" + itoa(m.wd) + "T" + podCodes[p]
				m.pod = 0
				m.j++
				return m
			}
			if m.kind != kWeekday {
				m.typ = sitrep.TimeTime
			}
			m.j++
		}
	}
	return m
}

// dayAfterPOD extends "mid-afternoon" with the day after it:
// "mid-afternoon yesterday".
func (r *recognizer) dayAfterPOD(m mention) mention {
	if r.cls(m.j, wDeictic) {
		m.n = r.toks[m.j].w.val
		m.j++
	} else if r.cls(m.j, wWeekday) && r.toks[m.j].upper {
		m.kind, m.wd, m.tense = kWeekday, r.toks[m.j].w.val, r.tense(m.i, m.j+1)
		m.j++
	}
	return m
}

// relative matches expressions relative to the document date: today,
// tomorrow, now, recently, this week, last year, next Tuesday, last March,
// this summer, the quarter, the latest quarter, third-quarter, a year
// earlier, the past, the future.
func (r *recognizer) relative(i int) (mention, bool) {
	if i >= r.n {
		return mention{}, false
	}
	t := r.toks[i]
	m := mention{i: i, j: i + 1, typ: sitrep.TimeDate}
	switch {
	case t.low == "then" && r.is(i-1, "until", "till", "by"):
		// "will terminate on Nov. 30. Until then, ...": the time last
		// mentioned, as it was told.
		m.kind, m.anaphor = kRefShift, true
		return m, true
	case t.low == "year" && (r.is(i+1, "end") || r.is(i+1, "'s", "’s") && r.is(i+2, "end")):
		m.kind, m.unit, m.mod, m.hasDir = kRelUnit, uYear, modEnd, true
		m.j = i + 2
		if !r.is(i+1, "end") {
			m.j = i + 3
		}
		return m, true
	case t.w.cls&wOrd != 0 && r.is(i+1, "century"), t.ord > 0 && r.is(i+1, "century"):
		n := t.w.val
		if t.ord > 0 {
			n = t.ord
		}
		m.kind, m.lit, m.j = kLit, pad2(n-1), i+2
		return m, true
	case t.low == "nineteen" || t.low == "twenty" && r.cls(i+1, wNum) && !r.is(i+1, "a", "an"):
		// Years spoken as words: "nineteen ninety-six".
		if y, j, ok := r.spokenYear(i); ok {
			m.y, m.j, m.kind = y, j, kDate
			return m, true
		}
		return mention{}, false
	case t.low == "the" && r.is(i+1, "year") && r.is(i+2, "two") && r.is(i+3, "thousand"):
		m.kind, m.y, m.j = kDate, 2000, i+4
		return m, true
	case t.w.cls&wDeictic != 0 && r.generic(i):
		return mention{}, false
	case t.w.cls&wDeictic != 0:
		m.kind, m.n = kRelDay, t.w.val
		if t.low == "tonight" {
			m.pod, m.typ = podNight+1, sitrep.TimeTime
			return m, true
		}
		return r.podAfter(m), true
	case (t.low == "that" || t.low == "the" && r.is(i+1, "same")) && !t.upper:
		// "that year", "later that day", "the same day": the time last
		// mentioned, at the unit's granularity.
		k := i + 1 + boolInt(t.low == "the")
		u := r.toks[k]
		if u.w.cls&wUnit == 0 || u.w.cls&wPlural != 0 || u.upper || r.is(k+1, "-", "'s", "’s") {
			return mention{}, false
		}
		switch u.w.unit {
		case uDay, uWeek, uMonth, uQuarter, uYear:
		default:
			return mention{}, false
		}
		m.kind, m.unit, m.anaphor, m.j = kRefShift, u.w.unit, true, k+1
		return m, true
	case t.low == "these" && r.is(i+1, "days"):
		m.kind, m.lit, m.j = kRef, refNames[refPresent], i+2
		return m, true
	case t.low == "a" && r.is(i+1, "later") && r.is(i+2, "date"):
		m.kind, m.lit, m.j = kRef, refNames[refFuture], i+3
		return m, true
	case t.low == "a" && r.is(i+1, "while") && !r.is(i-1, "once"):
		// "for a while": a stretch of unknown length.
		m.kind, m.typ, m.lit, m.j = kLit, sitrep.TimeDuration, "PXX", i+2
		return m, true
	case t.low == "last" && r.is(i+1, "night"):
		m.kind, m.n, m.pod, m.typ, m.j = kRelDay, -1, podNight+1, sitrep.TimeTime, i+2
		return m, true
	case t.low == "this" && r.cls(i+1, wPOD) && r.toks[i+1].w.val <= podNight:
		m.kind, m.pod, m.typ, m.j = kRelDay, r.toks[i+1].w.val+1, sitrep.TimeTime, i+2
		return m, true
	case t.low == "overnight":
		m.kind, m.pod, m.typ = kRelDay, podNight+1, sitrep.TimeTime
		return m, true
	case t.w.cls&wRef != 0:
		switch t.low {
		case "once":
			return mention{}, false
		case "recently":
			if r.is(i-1, "most") {
				// "were killed, most recently last October": the last of
				// a series, whose own time follows.
				return mention{}, false
			}
		case "future":
			if !r.is(i-1, "the", "near", "distant") || r.is(i-2, "foreseeable") || r.is(i+1, "of") {
				// "the future of our peoples" is a fate, not a time.
				return mention{}, false
			}
		case "now":
			if r.is(i-1, "right") {
				m.i = i - 1
			}
			if lo, _ := r.bounds(i); i == lo && r.is(i+1, ",") {
				// "Now, he says, ...": a sentence opened by "Now" and a
				// comma is mostly the discourse word that turns to the
				// next point, not a time.
				return mention{}, false
			}
		case "soon":
			if r.is(i-1, "as") || r.is(i+1, "after", "as") || r.is(i-1, "was", "were", "had") ||
				r.cue(i+1) < 0 && !r.is(i-1, "will", "would", "may", "might", "could", "should", "to") {
				// "a trickle that soon became a flood", "he was soon
				// released": soon after a past event, not ahead of the
				// document date.
				return mention{}, false
			}
		}
		m.kind, m.lit = kRef, refNames[t.w.val]
		return m, true
	case t.low == "current" || t.low == "recent":
		if r.cls(i+1, wUnit) && r.cls(i+1, wPlural) && t.low == "recent" {
			// "recent years", "recent months": a stretch of the past of
			// unknown length when a present perfect runs through it
			// ("the market has moved ... in recent years"), else some
			// time in the past ("As the yen soared in recent years").
			m.typ, m.kind, m.lit, m.j = sitrep.TimeDuration, kLit, durationValue(0, r.toks[i+1].w.unit, true), i+2
			r.pastOrStretch(&m)
			return m, true
		}
		if t.low == "current" && (r.is(i+1, "quarter", "year", "month", "week", "period")) {
			m.kind, m.unit, m.j = kRelUnit, lexicon[r.toks[i+1].low].unit, i+2
			if r.is(i+1, "period") {
				m.unit = uQuarter
			}
			return m, true
		}
		if r.cls(i+1, wUnit) {
			return mention{}, false
		}
		m.kind = kRef
		m.lit = refNames[refPresent]
		if t.low == "recent" {
			m.lit = refNames[refPast]
		}
		if t.low == "current" && i > 0 && r.is(i-1, "then") {
			// "the then current market price": current at that time.
			m.i, m.lit = i-1, refNames[refPast]
		}
		return m, true
	case t.low == "the":
		return r.theRelative(i)
	case t.w.cls&wDir != 0 && t.low != "present":
		return r.dirRelative(i, i)
	case t.w.cls&wOrd != 0 && t.w.val <= 4 && (r.is(i+1, "quarters") || r.is(i+1, "and", "or") && r.cls(i+2, wOrd) && r.is(i+3, "quarters")) && r.habitual(i):
		// "Sales are usually made in the second and fourth quarters":
		// those quarters of every year.
		m.typ, m.kind, m.lit = sitrep.TimeSet, kLit, "XXXX-Q"+itoa(t.w.val)
		if r.is(i+1, "quarters") {
			m.j = i + 2
		}
		return m, true
	case t.w.cls&wOrd != 0 && t.w.val <= 4 && r.is(i+1, "quarter", "half", "-"):
		return r.quarter(i, i)
	case (t.low == "its" || t.low == "their") && r.cls(i+1, wOrd) && r.is(i+2, "quarter", "half"):
		return r.quarter(i, i+1)
	case t.low == "fiscal" && r.cls(i+1, wOrd) && r.is(i+2, "quarter", "half"):
		return r.quarter(i, i+1)
	case strings.IndexByte(t.low, '-') > 0:
		return r.hyphenated(i)
	case t.w.cls&wNum != 0 && (t.low == "a" || t.low == "one") && r.is(i+1, "year", "month", "week", "day", "decade") && r.cls(i+2, wAgo):
		return r.duration(i) // "a year ago" is read by duration
	}
	return mention{}, false
}

// spokenYear reads "nineteen ninety-six" or "nineteen eighty" at token i.
func (r *recognizer) spokenYear(i int) (int, int, bool) {
	hi := r.toks[i].w.val
	if hi != 19 && hi != 20 || i+1 >= len(r.toks) {
		return 0, 0, false
	}
	t := r.toks[i+1]
	lo := -1
	if h := strings.IndexByte(t.low, '-'); h > 0 {
		a, b := lexicon[t.low[:h]], lexicon[t.low[h+1:]]
		if a.cls&wNum != 0 && b.cls&wNum != 0 && a.val >= 20 && a.val%10 == 0 && b.val < 10 {
			lo = a.val + b.val
		}
	} else if t.w.cls&wNum != 0 && t.w.val >= 10 && t.w.val < 100 && t.low != "a" {
		lo = t.w.val
	}
	if lo < 0 {
		return 0, 0, false
	}
	return hi*100 + lo, i + 2, true
}

// pastOrStretch makes "recent years" (m, a fuzzy duration) the past
// (PAST_REF) unless a present perfect in its sentence makes it the
// stretch up to now: "have suffered kidnappings in recent years" is a
// stretch, "As the yen soared in recent years" and "the takeover boom
// of recent years" a time in the past.
func (r *recognizer) pastOrStretch(m *mention) {
	if !r.is(m.i-1, "of") && r.perfect(m.i) {
		return
	}
	m.typ, m.kind, m.lit = sitrep.TimeDate, kRef, refNames[refPast]
}

// perfect reports a present perfect ("has moved", "have not been") in
// the sentence of token i.
func (r *recognizer) perfect(i int) bool {
	lo, hi := r.bounds(i)
	for k := lo; k < hi; k++ {
		if !r.is(k, "has", "have", "'ve", "’ve") {
			continue
		}
		for p := k + 1; p < hi && p <= k+3; p++ {
			w := r.toks[p].low
			if participles[w] || len(w) > 3 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en")) {
				return true
			}
			if w != "not" && w != "n't" && !strings.HasSuffix(w, "ly") && w != "also" && w != "already" && w != "since" && w != "never" {
				break
			}
		}
	}
	return false
}

// participles are irregular past participles not ending in -ed or -en.
var participles = map[string]bool{"been": true, "had": true, "done": true, "made": true, "won": true, "lost": true,
	"held": true, "paid": true, "said": true, "told": true, "brought": true, "bought": true, "built": true, "sold": true,
	"kept": true, "left": true, "met": true, "become": true, "come": true, "run": true, "grown": true, "fought": true,
	"found": true, "put": true, "set": true, "cut": true, "led": true, "spent": true, "sent": true, "struck": true}

// nextDay reports a day named at token i+3, after "the day before" at i:
// a weekday, a date with its day or a holiday, with no time of day.
func (r *recognizer) nextDay(i int) bool {
	if i+3 >= r.n {
		return false
	}
	m, ok := r.core(i + 3)
	return ok && (m.kind == kWeekday || m.kind == kDate && m.d > 0 || m.holiday > 0) && m.pod == 0 && !m.hasTime && m.typ == sitrep.TimeDate
}

// habitual reports an adverb of habit in the sentence of token i
// ("usually", "normally"): what it tells recurs.
func (r *recognizer) habitual(i int) bool {
	lo, hi := r.bounds(i)
	for k := lo; k < hi; k++ {
		if r.is(k, "usually", "normally", "typically", "generally", "traditionally", "customarily") {
			return true
		}
	}
	return false
}

// pluralSeasons are seasons told of as several (season index + 1);
// "springs" and "falls" are mostly other nouns.
var pluralSeasons = map[string]int{"summers": 2, "autumns": 3, "winters": 4}

// decadeWords are the decades spoken as words, by their digit.
var decadeWords = map[string]int{"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
	"seventies": 7, "eighties": 8, "nineties": 9}

// theRelative reads expressions that begin with "the".
func (r *recognizer) theRelative(i int) (mention, bool) {
	if i >= r.n {
		return mention{}, false
	}
	m := mention{i: i, j: i + 2, typ: sitrep.TimeDate}
	n := r.toks[min(i+1, len(r.toks)-1)]
	switch {
	case i+1 >= len(r.toks):
		return mention{}, false
	case n.low == "past" && !r.cls(i+2, wUnit|wNum|wFuzzy) && r.toks[min(i+2, len(r.toks)-1)].kind != sitrep.TokNumber:
		m.kind, m.lit = kRef, refNames[refPast]
		return m, true
	case n.low == "future" && !r.is(i+2, "of"):
		m.kind, m.lit = kRef, refNames[refFuture]
		return m, true
	case (n.low == "near" || n.low == "short") && r.is(i+2, "term"):
		// "in the near term", "in the short term".
		m.kind, m.lit, m.j = kRef, refNames[refFuture], i+3
		return m, true
	case n.low == "week" && r.is(i+2, "of"):
		// "the week of March 6": the ISO week of that day.
		dm, ok := r.date(i + 3)
		if !ok || dm.kind != kDate || dm.d == 0 {
			return mention{}, false
		}
		dm.i, dm.weekOf = i, true
		return dm, true
	case n.low == "day" && r.is(i+2, "before", "after") && r.nextDay(i):
		// "the day before last Tuesday('s hearing)", "the day after
		// Christmas": the day next to a day named.
		m2, _ := r.core(i + 3)
		m2.i, m2.shift = i, 1
		if r.is(i+2, "before") {
			m2.shift = -1
		}
		return m2, true
	case (n.low == "past" || n.low == "last") && i+3 < r.n && r.cls(i+2, wNum) && pluralSeasons[r.toks[i+3].low] > 0:
		// "violence for the past three summers": every summer, a set.
		m.typ, m.kind, m.j = sitrep.TimeSet, kLit, i+4
		m.lit = "XXXX-" + seasonCodes[pluralSeasons[r.toks[i+3].low]-1]
		return m, true
	case n.low == "present" && !r.cls(i+2, wUnit):
		m.kind, m.lit = kRef, refNames[refPresent]
		return m, true
	case n.w.cls&wPOD != 0 && !strings.HasSuffix(n.low, "s") && n.w.val < podNight && r.is(i-1, "in", "during") && !r.is(i+2, "of", "-") &&
		!(i >= 2 && r.toks[i-2].kind == sitrep.TokNumber):
		// "Dealers placed heavy buy orders in the morning": the part of
		// the day the story is telling, like a clock time with no day.
		m.typ, m.kind, m.pod = sitrep.TimeTime, kTimeOnly, n.w.val+1
		return m, true
	case n.w.cls&wUnit != 0 && n.w.cls&wPlural != 0 && n.w.unit >= uDay && n.w.unit != uWeekend &&
		(r.is(i+2, "ahead") || r.is(i-1, "over") || r.is(i+2, "that") && r.is(i+3, "followed")):
		// "the weeks ahead", "over the years", "in the years that
		// followed": a stretch of unknown length.
		m.kind, m.typ, m.lit = kLit, sitrep.TimeDuration, durationValue(0, n.w.unit, true)
		if r.is(i+2, "ahead") {
			m.j = i + 3
		}
		return m, true
	case n.low == "weekend":
		// "the weekend": the one just past, or the next by the tense.
		m.kind, m.unit, m.tense = kRelUnit, uWeekend, r.tense(i, i+2)
		return m, true
	case n.low == "latest" && (r.is(i+2, "year") || r.is(i+2, "fiscal") && r.is(i+3, "year")):
		// "sales in the latest fiscal year": the last full year.
		m.kind, m.unit, m.dir, m.hasDir, m.j = kRelUnit, uYear, -1, true, i+3+boolInt(r.is(i+2, "fiscal"))
		return m, true
	case n.low == "quarter" || n.low == "latest" && r.is(i+2, "quarter", "period") || n.low == "year-earlier" || n.low == "year-ago" ||
		(n.low == "same" || n.low == "corresponding" || n.low == "comparable") && r.is(i+2, "period", "quarter"):
		return r.quarterRef(i)
	case n.w.cls&wDir != 0 && n.low != "present" && n.low != "current" && !(n.low == "last" && r.is(i+2, "half")):
		m2, ok := r.dirRelative(i, i+1)
		return m2, ok
	case n.w.cls&wOrd != 0 && n.w.val <= 4 && r.is(i+2, "quarter", "half") || n.w.cls&wOrd != 0 && r.is(i+2, "-"):
		return r.quarter(i, i+1)
	case strings.IndexByte(n.low, '-') > 0:
		// "the third-quarter loss", "the two-week visit": TimeML leaves
		// the article to the noun.
		return r.hyphenated(i + 1)
	case decadeWords[n.low] > 0:
		// "the nineties": the decade of the twentieth century.
		m.kind, m.lit = kLit, itoa(190+decadeWords[n.low])
		return m, true
	case n.low == "day" && r.is(i-1, "in") && r.is(i-2, "later", "earlier"):
		// "later in the day": the document's day.
		m.kind = kRelDay
		return m, true
	case n.low == "near" && r.is(i+2, "future", "term"):
		m.kind, m.lit, m.j = kRef, refNames[refFuture], i+3
		return m, true
	case n.low == "current" && r.is(i+2, "fiscal") && r.is(i+3, "year"):
		m.kind, m.unit, m.j, m.hasDir = kRelUnit, uYear, i+4, true
		return m, true
	case n.low == "current" && r.is(i+2, "year", "quarter", "month", "week"):
		m.kind, m.unit, m.j, m.hasDir = kRelUnit, r.toks[i+2].w.unit, i+3, true
		if m.unit == uQuarter {
			m.kind = kQuarter
		}
		return m, true
	case n.low == "year" || n.low == "fiscal" && r.is(i+2, "year") || n.low == "full" && r.is(i+2, "year"):
		m.j = i + 2
		if n.low != "year" {
			m.j = i + 3
		}
		if r.is(m.j, "'s", "’s", "-", "before", "after", "earlier", "ago", "in", "to") ||
			r.is(m.j, "of") && !r.cls(m.j+1, wNum) && !(r.is(i-1, "for") && r.is(m.j+1, "$", "#", "€", "£")) {
			// "the year of the dragon" is no time, but "a high for the
			// year of $42.875" is this year's.
			return mention{}, false
		}
		if r.is(m.j, "ended", "ending") || r.is(i-1, "during", "over", "through", "throughout") {
			// "the year ended March 31" is a twelve-month period, not
			// the calendar year; "throughout the year" its whole length.
			// "For the year" reports the year itself.
			m.typ, m.kind, m.lit = sitrep.TimeDuration, kLit, "P1Y"
			return m, true
		}
		m.kind, m.unit, m.hasDir = kRelUnit, uYear, true
		return m, true
	case n.low == "last" && r.is(i+2, "half") && r.is(i+3, "of"):
		m2, ok := r.quarter(i, i+1)
		return m2, ok
	case n.low == "fiscal" && r.cls(i+2, wOrd) && r.is(i+3, "quarter", "half"):
		return r.quarter(i, i+2)
	case n.num >= 1900 && n.num < 2100 && n.ndig == 4 && r.cls(i+2, wOrd) && r.is(i+3, "quarter", "half"):
		m2, ok := r.quarter(i, i+2)
		m2.y = n.num
		return m2, ok
	case n.num >= 1900 && n.num < 2100 && n.ndig == 4 && r.is(i+2, "period", "quarter"):
		m.kind, m.y, m.j, m.q = kYearOfRef, n.num, i+3, boolInt(r.is(i+2, "quarter"))
		return m, true
	case n.w.cls&wSeason != 0:
		// "the fall of 1998", "the summer".
		m.kind, m.season = kSeason, n.w.val
		if r.is(i+2, "of") {
			if y, j, ok := r.yearSpan(i + 3); ok {
				m.y, m.j = y, j
			}
		}
		m.tense = r.tense(i, m.j)
		return m, true
	}
	return mention{}, false
}

// genericNouns after "today's" make it the present age, not a day:
// "today's youth", "in today's world".
var genericNouns = map[string]bool{"world": true, "youth": true, "society": true, "generation": true,
	"generations": true, "children": true, "kids": true, "young": true, "economy": true, "standards": true,
	"technology": true, "culture": true, "market": true, "markets": true}

// generic reports whether today or tomorrow at token i is the present or
// future age rather than a day: "today's youth", "many of today's
// computers", "the people of tomorrow".
func (r *recognizer) generic(i int) bool {
	t := r.toks[i]
	if lo, _ := r.bounds(i); t.upper && i > lo && r.toks[i-1].upper && r.toks[i-1].kind == sitrep.TokWord {
		// "VOA Today", "USA Today": a name.
		return true
	}
	if t.low == "yesterday" {
		return false
	}
	if r.is(i+1, "'s", "’s") {
		return genericNouns[r.toks[i+2].low] || r.is(i-1, "of") && r.is(i-2, "many", "most", "some", "all")
	}
	return t.low == "tomorrow" && r.is(i-1, "of") && (i+1 >= r.n || r.toks[i+1].kind == sitrep.TokPunct)
}

// yearBack reads "last year", "a year ago", "a year earlier" or "of last
// year" at token k and returns the token after it.
func (r *recognizer) yearBack(k int) (int, bool) {
	if r.is(k, "of") {
		k++
	}
	switch {
	case r.is(k, "last") && r.is(k+1, "year"):
		return k + 2, true
	case r.is(k, "a", "one") && r.is(k+1, "year") && r.is(k+2, "ago", "earlier", "before"):
		return k + 3, true
	}
	return 0, false
}

// quarterRef reads "the quarter", "the latest quarter", "the year-earlier
// quarter", "the same period": quarters given by the text around them.
func (r *recognizer) quarterRef(i int) (mention, bool) {
	if i >= r.n {
		return mention{}, false
	}
	m := mention{i: i, typ: sitrep.TimeDate, kind: kQuarter, unit: uQuarter}
	k := i + 1
	switch r.toks[k].low {
	case "quarter":
		m.j = k + 1
		m.dir = 0
		m.hasDir = false
		if e, ok := r.yearBack(m.j); ok {
			// "the quarter a year ago"
			m.kind, m.n, m.unit, m.q, m.j = kRefShift, -1, uYear, 1, e
		} else if r.is(m.j, "ended", "ending") {
			// "the quarter ended July 31" ran from May to July: the
			// calendar quarter of its middle month.
			if dm, ok := r.date(m.j + 1); ok && dm.kind == kDate && dm.mo > 0 && dm.d > 0 {
				mid := dm.mo - 1
				if dm.d < 15 {
					mid--
				}
				if mid >= 1 {
					m.q = (mid-1)/3 + 1
					m.y = dm.y
					m.tense = -1
					m.calendar = true
				}
			}
		}
		return m, true
	case "same", "corresponding", "comparable":
		// "the same period last year", "the comparable quarter a year
		// earlier": the quarter being reported, a year back.
		if !r.is(k+1, "period", "quarter") {
			return mention{}, false
		}
		e, ok := r.yearBack(k + 2)
		if !ok {
			return mention{}, false
		}
		m.kind, m.n, m.unit, m.q, m.j = kRefShift, -1, uYear, 1, e
		return m, true
	case "latest":
		m.j = k + 2
		if r.is(k+1, "period") {
			// "Sales in the latest period": the period the report is
			// about, the quarter last named, like "the quarter".
			return m, true
		}
		m.dir, m.hasDir = -1, true
		return m, true
	case "year-earlier", "year-ago":
		if r.cls(k+1, wOrd) && r.is(k+2, "quarter", "half") {
			m2, ok := r.quarter(i, k+1)
			if ok {
				m2.hasDir, m2.dir = true, -1
			}
			return m2, ok
		}
		if r.is(k+1, "quarter", "period") {
			m.kind, m.n, m.unit, m.j, m.q = kRefShift, -1, uYear, k+2, 1
			return m, true
		}
		if dm, ok := r.duration(k + 1); ok && dm.typ == sitrep.TimeDuration && dm.kind == kLit && r.is(i, "the") {
			// "the year-earlier nine months": the stretch, a year back.
			dm.i = i
			return dm, true
		}
		m.kind, m.n, m.unit, m.j = kRefShift, -1, uYear, k+1
		return m, true
	}
	return mention{}, false
}

// quarter reads "third quarter", "the first half (of 1989)", "the first
// nine months" is a duration read elsewhere.
func (r *recognizer) quarter(i, k int) (mention, bool) {
	if k+1 >= r.n {
		return mention{}, false
	}
	q := r.toks[k].w.val
	m := mention{i: i, typ: sitrep.TimeDate, kind: kQuarter, q: q}
	if r.toks[k].low == "last" {
		m.q = 2 // "the last half"
	}
	u := r.toks[k+1].low
	if u == "-" {
		return mention{}, false
	}
	switch u {
	case "quarter":
		m.unit = uQuarter
	case "half":
		if q > 2 {
			return mention{}, false
		}
		m.unit = uHalf
	default:
		return mention{}, false
	}
	m.j = k + 2
	if r.is(m.j, "of") || r.is(m.j, "in") {
		c := m.j + 1
		if r.is(c, "fiscal") {
			c++
		}
		if y, ok := r.year(c); ok {
			m.y, m.j = y, c+1
		} else if r.is(c, "the") && r.is(c+1, "year") {
			m.j = c + 2
		} else if r.is(c, "this", "last", "next") && r.is(c+1, "year") {
			m.dir, m.hasDir, m.j = lexicon[r.toks[c].low].val, true, c+2
		} else if dm, ok := r.date(c); ok && dm.kind == kLit && len(dm.lit) == 3 && m.unit == uHalf {
			// "the last half of the '80s": the decade, early or late.
			dm.i, dm.mod = i, modStart
			if m.q == 2 {
				dm.mod = modEnd
			}
			return dm, true
		}
	}
	m.tense = r.tense(i, m.j)
	if m.y == 0 && !m.hasDir && r.is(m.j, "ended") {
		// "the second quarter ended Oct. 31" is in the year of that day,
		// which is past for "ended": told on Oct. 27, 1989, it is 1988.
		if dm, ok := r.date(m.j + 1); ok && dm.kind == kDate && dm.mo > 0 && dm.d > 0 && dm.y == 0 {
			m.mo, m.d = dm.mo, dm.d
		}
	}
	return m, true
}

// dirRelative reads last/this/next/past/coming + unit, weekday, month,
// season or part of day, starting at token k (i is where the mention
// starts, before any "the").
func (r *recognizer) dirRelative(i, k int) (mention, bool) {
	if k+1 >= r.n {
		return mention{}, false
	}
	if r.is(k, "this") && r.is(k+1, "coming") && r.cls(k+2, wWeekday) {
		// "this coming Sunday" is the next one.
		k++
	}
	d := r.toks[k]
	dir := d.w.val
	m := mention{i: i, j: k + 2, typ: sitrep.TimeDate, dir: dir, hasDir: true}
	if k+1 >= len(r.toks) {
		return mention{}, false
	}
	n := r.toks[k+1]
	if n.upper && n.w.cls&(wUnit|wPOD) != 0 {
		// "This Week" is a television programme.
		return mention{}, false
	}
	switch {
	case n.w.cls&wUnit != 0 && n.w.cls&wPlural != 0 && (d.low == "coming" || d.low == "past") && n.w.unit >= uDay:
		m.kind, m.typ, m.lit = kLit, sitrep.TimeDuration, durationValue(0, n.w.unit, true)
		if d.low == "past" && i == k {
			// "sell programs in past years": like "recent years".
			r.pastOrStretch(&m)
		}
		return m, true
	case n.w.cls&wUnit != 0 && n.w.cls&wPlural == 0:
		m.kind, m.unit = kRelUnit, n.w.unit
		if n.w.unit < uDay {
			return mention{}, false
		}
		if n.w.unit == uNight {
			if dir == 0 {
				m.kind, m.pod, m.typ = kRelDay, podNight+1, sitrep.TimeTime
				return m, true
			}
			return mention{}, false
		}
		if (d.low == "following" || d.low == "previous" || d.low == "preceding" || d.low == "prior" || d.low == "next" && n.w.unit == uDay) && i < k &&
			n.w.unit >= uDay && n.w.unit != uWeekend && n.w.unit != uNight && !r.is(k+2, "-") {
			// "the following year": the year after the one last
			// mentioned.
			m.kind, m.n, m.unit, m.anaphor = kRefShift, 1, n.w.unit, true
			if d.low != "following" {
				m.n = -1
			}
			return m, true
		}
		if d.low == "past" && i < k && n.w.unit == uYear && !r.is(k+2, "-") {
			// "over the past year": TimeBank marks the year before the
			// document's, a date, not the stretch P1Y ("the past decade"
			// and "the past two years" stay stretches).
			m.kind, m.dir = kRelUnit, -1
			return m, true
		}
		if d.low == "past" || d.low == "previous" || d.low == "coming" || d.low == "following" || d.low == "preceding" {
			if i < k || d.low == "past" || d.low == "coming" {
				// "the past year", "the coming week": a stretch of time.
				m.kind, m.typ, m.lit = kLit, sitrep.TimeDuration, durationValue(1, n.w.unit, false)
				return m, true
			}
		}
		if d.low == "last" && i < k && n.w.unit == uDecade && r.is(i-1, "in") {
			// "lost to inflation in the last decade": the decade before
			// this one, a date ("over the past decade" stays a stretch).
			m.kind, m.dir = kRelUnit, -1
			return m, true
		}
		if d.low == "last" && i < k {
			// "the last week" in TimeBank is mostly the stretch.
			m.kind, m.typ, m.lit = kLit, sitrep.TimeDuration, durationValue(1, n.w.unit, false)
			return m, true
		}
		if n.w.unit == uYear && r.is(k+2, "'s", "’s") && r.cls(k+3, wOrd) && r.is(k+4, "quarter", "half") {
			m2, ok := r.quarter(i, k+3)
			m2.hasDir, m2.dir = true, dir
			return m2, ok
		}
		if n.w.unit == uQuarter && (d.low == "this" || d.low == "current") {
			m.kind = kQuarter
			m.hasDir, m.dir = true, 0
			// "This quarter's loss" in a report is the quarter it
			// reports; "the current quarter" is the one under way, and
			// so is "this quarter" told in the future ("will grow this
			// quarter").
			m.reported = d.low == "this" && r.tense(i, k+2) <= 0
			return m, true
		}
		return m, true
	case n.w.cls&wWeekday != 0:
		if e := k + 2 + boolInt(r.is(k+2, ",")); r.cls(e, wMonth) && r.toks[e].upper {
			// "this coming Sunday, March eighth" is that date.
			if dm, ok := r.date(e); ok && dm.kind == kDate && dm.d > 0 {
				dm.i = i
				return dm, true
			}
		}
		m.kind, m.wd = kWeekday, n.w.val
		// "the previous Friday", "the following Monday": from the day
		// last mentioned, not from the document date.
		m.anaphor = i < k && (d.low == "following" || d.low == "previous" || d.low == "preceding" || d.low == "prior")
		return r.podAfter(m), true
	case n.w.cls&wMonth != 0 && n.upper:
		m.kind, m.mo = kMonthRel, n.w.val
		if dd, ok := r.dayNum(k + 2); ok && r.toks[k+2].kind == sitrep.TokNumber {
			m.kind, m.d, m.j, m.tense, m.hasDir = kDate, dd, k+3, dir, false
		}
		return m, true
	case n.w.cls&wHoliday != 0 && n.upper:
		h, ok := r.date(k + 1)
		if !ok {
			return mention{}, false
		}
		h.i, h.tense = i, dir
		return h, true
	case n.w.cls&wSeason != 0:
		m.kind, m.season = kSeason, n.w.val
		return m, true
	case n.w.cls&wPOD != 0 && n.w.val <= podNight:
		if i < k && (d.low == "next" || d.low == "following") && n.w.val < podNight {
			// "appeared in court the next morning": the day after the one
			// last mentioned.
			m.kind, m.n, m.unit, m.anaphor = kRefShift, 1, uDay, true
			return m, true
		}
		if dir == -1 && n.w.val == podNight {
			m.kind, m.n, m.pod, m.typ = kRelDay, -1, podNight+1, sitrep.TimeTime
			return m, true
		}
		if dir == 0 {
			m.kind, m.pod, m.typ = kRelDay, n.w.val+1, sitrep.TimeTime
			return m, true
		}
	case n.w.cls&(wNum|wFuzzy) != 0 || n.kind == sitrep.TokNumber:
		// "the past two months", "the next 10 years", "last three years".
		dm, ok := r.duration(k + 1)
		if ok && dm.typ == sitrep.TimeDuration && dm.kind == kLit {
			dm.i = i
			return dm, true
		}
	}
	return mention{}, false
}

// hyphenated reads one hyphenated token: third-quarter, two-year, 30-year,
// year-earlier, first-half, mid-October (read by edge).
func (r *recognizer) hyphenated(i int) (mention, bool) {
	if i >= r.n {
		return mention{}, false
	}
	t := r.toks[i]
	h := strings.IndexByte(t.low, '-')
	a, b := t.low[:h], t.low[h+1:]
	m := mention{i: i, j: i + 1, typ: sitrep.TimeDate}
	wa, wb := lexicon[a], lexicon[b]
	switch {
	case wa.cls&wOrd != 0 && (b == "quarter" || b == "half" && wa.val <= 2):
		m.kind, m.q, m.unit = kQuarter, wa.val, uQuarter
		if b == "half" {
			m.unit = uHalf
		}
		m.tense = r.tense(i, i+1)
		return m, true
	case a == "fiscal" && wb.cls&wOrd != 0 && wb.val <= 4 && r.is(i+1, "quarter", "half"):
		// "the fiscal-first quarter ended Sept. 30".
		m.kind, m.q, m.unit, m.j = kQuarter, wb.val, uQuarter, i+2
		if r.is(i+1, "half") {
			m.unit = uHalf
		}
		if r.is(i-1, "the") {
			m.i = i - 1
		}
		m.tense = r.tense(m.i, m.j)
		return m, true
	case a == "year" && (b == "earlier" || b == "ago"):
		m.kind, m.n, m.unit = kRefShift, -1, uYear
		if r.is(i+1, "quarter", "period") {
			m.j, m.q = i+2, 1
		}
		return m, true
	case (a == "post" || a == "pre") && len(b) == 4:
		// "post-1959 politics": the year it counts from.
		if y, _ := atoi(b); y >= 1000 && y < 2200 {
			m.kind, m.y = kDate, y
			return m, true
		}
		return mention{}, false
	case a == "year" && b == "end":
		if r.is(i-1, "since") {
			// "the change since year-end": a point in the past, the
			// close of the year before.
			m.kind, m.mo, m.d, m.near = kDate, 12, 31, -1
			return m, true
		}
		m.kind, m.unit, m.mod = kRelUnit, uYear, modEnd
		return m, true
	}
	if b == "long" && wa.cls&wUnit != 0 && wa.unit >= uHour {
		// "decades-long", "day-long" (but "52-year-old" is an age).
		m.kind, m.typ = kLit, sitrep.TimeDuration
		m.lit = durationValue(1, wa.unit, wa.cls&wPlural != 0)
		return m, true
	}
	if wa.cls&wFuzzy != 0 && wb.cls&wUnit != 0 && wb.unit >= uDay && wb.cls&wPlural == 0 {
		m.kind, m.typ, m.lit = kLit, sitrep.TimeDuration, durationValue(0, wb.unit, true)
		return m, true
	}
	// "two-year", "30-year", "16-hour": an adjective of duration.
	n := -1
	if wa.cls&wNum != 0 && a != "a" && a != "an" {
		n = wa.val
	} else if v, _ := atoi(a); v > 0 {
		n = v
	}
	unit := wb.unit
	if wb.cls&wUnit == 0 {
		// "twenty-four-hour"
		if h2 := strings.IndexByte(b, '-'); h2 > 0 {
			w1, w2 := lexicon[b[:h2]], lexicon[b[h2+1:]]
			if wa.cls&wNum != 0 && w1.cls&wNum != 0 && w2.cls&wUnit != 0 && wa.val >= 20 && w1.val < 10 {
				n, unit = wa.val+w1.val, w2.unit
			} else {
				return mention{}, false
			}
		} else {
			if wa.cls&wNum != 0 && wb.cls&wNum != 0 && wa.val >= 20 && wb.val < 10 && r.cls(i+1, wUnit) {
				// "twenty-four hours"
				n, unit = wa.val+wb.val, r.toks[i+1].w.unit
				m.j = i + 2
				m.kind, m.typ, m.lit = kLit, sitrep.TimeDuration, durationValue(n, unit, false)
				return m, true
			}
			return mention{}, false
		}
	}
	if n <= 0 || unit == uNone || unit == uHalf || unit == uNight || unit == uWeekend || unit == uQuarter && strings.HasSuffix(b, "s") {
		return mention{}, false
	}
	m.kind, m.typ, m.lit = kLit, sitrep.TimeDuration, durationValue(n, unit, false)
	if r.is(i+1, "period", "span", "stretch") {
		m.j = i + 2
	}
	return m, true
}

// number reads a count at token i: 3, three, twenty four, a, a few,
// several, 1 1/2 is not read. It returns the value (0 and fuzzy for
// several), the token after it and whether it found one.
func (r *recognizer) number(i int) (int, bool, int, bool) {
	if i >= len(r.toks) {
		return 0, false, i, false
	}
	t := r.toks[i]
	switch {
	case t.kind == sitrep.TokNumber && t.num >= 0:
		return t.num, false, i + 1, true
	case t.kind == sitrep.TokNumber:
		// 1,000 or 2.5
		return 0, false, i, false
	case t.low == "a" && r.is(i+1, "few", "couple"):
		k := i + 2
		if r.is(k, "of") {
			k++
		}
		if r.is(i+1, "couple") {
			return 2, false, k, true
		}
		return 0, true, k, true
	case t.low == "a" && r.is(i+1, "half", "dozen"):
		if r.is(i+1, "dozen") {
			return 12, false, i + 2, true
		}
		return 0, false, i, false
	case t.w.cls&wFuzzy != 0:
		k := i + 1
		if r.is(k, "of") {
			k++
		}
		if t.low == "couple" {
			// "the next couple of years"
			return 2, false, k, true
		}
		return 0, true, k, true
	case t.w.cls&wNum != 0:
		v := t.w.val
		k := i + 1
		if v >= 20 && v%10 == 0 && r.cls(k, wNum) && r.toks[k].w.val < 10 && r.toks[k].w.val > 0 {
			v += r.toks[k].w.val
			k++
		}
		if r.is(k, "hundred") && v < 10 {
			v *= 100
			k++
		}
		if r.is(k, "and") && r.is(k+1, "a") && r.is(k+2, "half") {
			return v, false, k, true
		}
		return v, false, k, true
	case strings.IndexByte(t.low, '-') > 0:
		h := strings.IndexByte(t.low, '-')
		wa, wb := lexicon[t.low[:h]], lexicon[t.low[h+1:]]
		if wa.cls&wNum != 0 && wb.cls&wNum != 0 && wa.val >= 20 && wb.val < 10 {
			return wa.val + wb.val, false, i + 1, true
		}
	}
	return 0, false, i, false
}

// duration matches counts of units: three weeks, 48 hours, a few days,
// the nine months, the first nine months, two days ago (a date), a year
// earlier (a date relative to the last one mentioned), several years,
// years (alone, after "for").
func (r *recognizer) duration(i int) (mention, bool) {
	if i >= r.n {
		return mention{}, false
	}
	m := mention{i: i, typ: sitrep.TimeDuration, kind: kLit}
	if r.is(i, "one") && r.is(i+1, "day") && i > 0 && r.is(i-1, "will", "would", "could", "might", "may", "can", "shall", "should", "he", "she", "they", "we", "i", "you") {
		// "Islam will one day be...", "the hope he one day follow...":
		// some day in the future, not a stretch of 24 hours.
		m.typ, m.kind, m.lit, m.j = sitrep.TimeDate, kRef, refNames[refFuture], i+2
		return m, true
	}
	k := i
	the := false
	if r.is(k, "the") {
		the = true
		k++
		if r.is(k, "first", "last", "past", "next", "previous", "latest", "final", "coming") {
			k++
		}
	}
	if t := r.toks[k]; t.kind == sitrep.TokNumber && t.num > 0 && r.is(k+1, "-") && r.cls(k+2, wUnit) &&
		!r.toks[k+1].space && !r.toks[k+2].space {
		// "16-hour", "30-year": the tokenizer splits a number from the
		// unit it is joined to.
		u := r.toks[k+2].w.unit
		if u == uNight {
			u = uDay
		}
		if u != uHalf && u != uWeekend && u != uQuarter {
			m.i = k
			if the && k > i {
				m.i = k
			}
			m.j, m.lit = k+3, durationValue(t.num, u, false)
			if r.is(m.j, "-") && r.is(m.j+1, "old", "long") {
				m.j += 2
			}
			return m, true
		}
	}
	n, fuzzy, c, ok := r.number(k)
	if ok && !fuzzy && n > 0 && n < 10 && r.is(c, "thousand") && r.is(c+1, "years") {
		// "for more than two thousand years": millennia (TimeML's L).
		m.j, m.lit = c+2, "P"+itoa(n)+"L"
		return m, true
	}
	rangeMod := false
	if ok && !fuzzy && r.is(c, "to", "or") {
		// "two to three weeks": at least the lower count.
		if n2, f2, c2, ok2 := r.number(c + 1); ok2 && !f2 && n2 > n && r.cls(c2, wUnit) {
			if u := r.toks[c2].w.unit; r.is(k-1, "between") && k == i && u >= uDay && u <= uYear && u != uNight && u != uWeekend && u != uQuarter {
				// "between two to six days": each bound is a duration
				// of its own, the first taking the unit of the second.
				m.j, m.lit = c, durationValue(n, u, false)
				return m, true
			}
			c, rangeMod = c2, true
		}
	}
	if !ok {
		// "for years", "for decades": a plural unit alone.
		t := r.toks[k]
		if !the && k == i && t.w.cls&wUnit != 0 && t.w.cls&wPlural != 0 && r.is(i-1, "for", "within", "in", "over") && t.w.unit >= uDay {
			m.j = i + 1
			m.lit = durationValue(0, t.w.unit, true)
			if r.cls(m.j, wAgo) && r.is(m.j, "ago") {
				m.typ, m.kind, m.lit = sitrep.TimeDate, kRef, refNames[refPast]
				m.j++
			}
			return m, true
		}
		return mention{}, false
	}
	half := false
	if c < len(r.toks) && r.toks[c].raw == "1/2" && !fuzzy {
		half = true
		c++
	}
	if r.is(c, "more", "additional", "full", "straight", "consecutive", "trading") && !half {
		c++
	}
	if c >= len(r.toks) || r.toks[c].w.cls&wUnit == 0 {
		return mention{}, false
	}
	u := r.toks[c]
	if u.w.unit == uHalf || u.w.unit == uNight && n == 0 {
		return mention{}, false
	}
	if (r.toks[k].low == "a" || r.toks[k].low == "an") && !fuzzy && n == 1 {
		if u.w.cls&wPlural != 0 {
			return mention{}, false
		}
	}
	unit := u.w.unit
	if unit == uNight {
		unit = uDay
	}
	if n == 1 && !fuzzy && k == i && r.is(c+1, "or") && r.is(c+2, "two") && r.is(i-1, "in", "within") && !r.cls(c+3, wAgo) {
		// "You may, in a year or two, save more lives": some time ahead,
		// not a stretch of one year.
		m.typ, m.kind, m.lit, m.j = sitrep.TimeDate, kRef, refNames[refFuture], c+3
		return m, true
	}
	if u.upper && !r.toks[k].upper || r.is(c+1, "old") || unit == uSecond && (r.toks[k].low == "a" || r.toks[k].low == "an") {
		// "60 Minutes" is a programme, "52 years old" an age, "a second"
		// mostly an ordinal.
		return mention{}, false
	}
	if unit == uWeekend || unit == uQuarter && n == 1 && r.is(c+1, "of") {
		// "more than a quarter of the market" is a fraction.
		return mention{}, false
	}
	if unit == uQuarter && n == 2 && !fuzzy && the && r.is(k-1, "first", "last") {
		// "the first two quarters of 1990": the first half.
		q := 1
		if r.is(k-1, "last") {
			q = 2
		}
		h := mention{i: i, j: c + 1, typ: sitrep.TimeDate, kind: kQuarter, q: q, unit: uHalf}
		if r.is(c+1, "of") {
			if y, ok := r.year(c + 2); ok {
				h.y, h.j = y, c+3
			}
		}
		h.tense = r.tense(h.i, h.j)
		return h, true
	}
	m.j = c + 1
	m.n, m.fuzzy, m.unit = n, fuzzy, unit
	if rangeMod {
		m.mod = modEqualOrMore
	}
	m.lit = durationValue(n, unit, fuzzy)
	if half {
		m.lit = halfValue(n, unit)
	}
	if r.is(m.j, "and") && r.is(m.j+1, "a") && r.is(m.j+2, "half") {
		m.j += 3
		m.lit = halfValue(n, unit)
	}
	// "two days ago", "a year earlier", "three weeks later": a date.
	if r.cls(m.j, wAgo) && !the {
		a := r.toks[m.j]
		if a.low == "before" || a.low == "after" {
			// "two days before the vote" is anchored on an event.
			return m, true
		}
		if a.low != "ago" && unit < uMonth {
			// "three days later" counts from an event, not from the
			// document date: TimeML marks the duration.
			return m, true
		}
		m.j++
		m.typ = sitrep.TimeDate
		m.n = n * a.w.ago
		if fuzzy {
			m.kind, m.lit = kRef, refNames[refPast]
			if a.w.ago > 0 {
				m.lit = refNames[refFuture]
			}
			return m, true
		}
		if a.low == "ago" {
			m.kind = kRelUnit
		} else {
			m.kind = kRefShift
		}
		return m, true
	}
	if r.is(m.j, "from") && r.is(m.j+1, "now") && !the {
		m.j += 2
		m.typ, m.kind = sitrep.TimeDate, kRelUnit
		return m, true
	}
	if r.toks[k].low == "a" && !the && r.is(i-1, "once", "twice", "times", "per") {
		// "twice a day": a frequency.
		m.typ = sitrep.TimeSet
		m.lit = durationValue(1, unit, false)
		return m, true
	}
	if !the && !fuzzy && n > 1 && r.is(m.j, "a", "per") && r.cls(m.j+1, wUnit) && r.toks[m.j+1].w.unit > unit && r.toks[m.j+1].w.cls&wPlural == 0 {
		// "24 hours a day, seven days a week": around the clock, a
		// rate, neither a stretch nor a time.
		return mention{}, false
	}
	if r.toks[k].low == "a" && !the && (isCountBefore(r, i) || i >= 2 && r.cls(i-1, wUnit) && r.cls(i-1, wPlural) && (r.toks[i-2].kind == sitrep.TokNumber || r.cls(i-2, wNum))) {
		// "$5 million a year" is a rate, which TimeML leaves alone.
		return mention{}, false
	}
	if u.w.unit >= uHour && u.w.unit <= uCentury && r.is(m.j, "-") {
		return mention{}, false
	}
	return m, true
}

// isCountBefore reports a number or currency amount just before token i
// ("$5 a year", "10 times a day").
func isCountBefore(r *recognizer, i int) bool {
	if i == 0 {
		return false
	}
	p := r.toks[i-1]
	return p.kind == sitrep.TokNumber || p.low == "million" || p.low == "billion" || p.low == "dollars" || p.low == "times"
}

// set matches frequencies: daily, weekly, every day, each year, every
// Thursday, per month.
func (r *recognizer) set(i int) (mention, bool) {
	if i >= r.n {
		return mention{}, false
	}
	t := r.toks[i]
	m := mention{i: i, j: i + 1, typ: sitrep.TimeSet, kind: kLit}
	switch {
	case t.w.cls&wSet != 0:
		if t.low == "annual" || r.is(i-1, "%", "percent") {
			// "rise 8% annually": a growth rate, which TimeML leaves
			// alone like "$5 million a year".
			return mention{}, false
		}
		m.lit = durationValue(1, t.w.unit, false)
		return m, true
	case t.low == "per" && !r.is(i-1, "once", "twice", "times"):
		// "15 million instructions per second", "$5 per hour": a rate,
		// which TimeML leaves alone like "$5 million a year".
		return mention{}, false
	case t.low == "every" || t.low == "each" || t.low == "per":
		k := i + 1
		if r.is(k, "other") {
			k++
		}
		if r.cls(k, wWeekday) {
			m.lit, m.j = "XXXX-WXX-"+itoa(r.toks[k].w.val), k+1
			return m, true
		}
		if mo, ok := r.monthAt(k); ok && t.low != "per" {
			m.lit, m.j = "XXXX-"+pad2(mo), k+1
			return m, true
		}
		n, fuzzy, c, ok := r.number(k)
		if ok && !fuzzy && r.cls(c, wUnit) {
			m.lit, m.j = durationValue(n, r.toks[c].w.unit, false), c+1
			return m, true
		}
		if r.cls(k, wUnit) && r.toks[k].w.unit >= uSecond {
			u := r.toks[k].w.unit
			if u == uNight {
				u = uDay
			}
			n := 1
			if r.is(i+1, "other") {
				n = 2
			}
			m.lit, m.j = durationValue(n, u, false), k+1
			return m, true
		}
	}
	return mention{}, false
}

// dayCount matches "the war enters its 35th day", "on the 35th day of the
// invasion", "day 35 of the war": the n-th day of something counted from
// its first day.
func (r *recognizer) dayCount(i int) (mention, bool) {
	if i >= r.n {
		return mention{}, false
	}
	t := r.toks[i]
	m := mention{i: i, typ: sitrep.TimeDate, kind: kDayCount}
	ordAt := func(k int) int {
		if k >= len(r.toks) {
			return 0
		}
		if r.toks[k].ord > 0 {
			return r.toks[k].ord
		}
		if r.toks[k].w.cls&wOrd != 0 && r.toks[k].low != "second" || r.toks[k].low == "second" {
			return r.toks[k].w.val
		}
		return 0
	}
	k := i
	if t.low == "its" || t.low == "the" || t.low == "their" {
		k++
	}
	if n := ordAt(k); n > 0 && r.is(k+1, "day") {
		m.n, m.j = n, k+2
		// The counted thing: "... of the war", or "the war enters its".
		if r.is(m.j, "of") && r.is(m.j+1, "the") && r.cls(m.j+2, wCountNoun) {
			m.noun, m.j = r.toks[m.j+2].low, m.j+3
		} else if r.is(m.j, "of") && r.cls(m.j+1, wCountNoun) {
			m.noun, m.j = r.toks[m.j+1].low, m.j+2
		} else if r.is(m.j, "of") && r.is(m.j+1, "a", "an") && r.cls(m.j+2, wCountNoun) {
			// "the second day of an offensive": an offensive not named
			// before; the span stays the day.
			m.noun = r.toks[m.j+2].low
		} else {
			lo, _ := r.bounds(i)
			for b := i - 1; b >= lo && b >= i-6; b-- {
				if r.cls(b, wCountNoun) {
					m.noun = r.toks[b].low
					break
				}
			}
		}
		m.present = k > i && r.is(i-1, "is", "'s", "’s")
		if m.noun == "" {
			if !m.present || !r.is(m.j, "of") {
				return mention{}, false
			}
			// "today is the eighth day of ``Desert Shield''": some named
			// thing, counted to the document date.
		}
		return m, true
	}
	if t.low == "day" && i+1 < len(r.toks) && r.toks[i+1].num > 0 && r.is(i+2, "of") {
		c := i + 3
		if r.is(c, "the") {
			c++
		}
		if r.cls(c, wCountNoun) {
			m.n, m.noun, m.j = r.toks[i+1].num, r.toks[c].low, c+1
			return m, true
		}
	}
	return mention{}, false
}

// clock matches clock times: 5 p.m., 10:35 a.m., noon, midnight, 17:00,
// with a time zone ("EST", "local time") and a day after them ("5 p.m.
// Wednesday", "noon Thursday", "5 p.m. EST Nov. 9").
func (r *recognizer) clock(i int) (mention, bool) {
	if i >= r.n {
		return mention{}, false
	}
	t := r.toks[i]
	m := mention{i: i, typ: sitrep.TimeTime, kind: kTimeOnly, hasTime: true}
	k := i
	switch {
	case t.w.cls&wPOD != 0 && (t.w.val == podNoon || t.w.val == podMidnight) && !r.is(i-1, "high"):
		if t.w.val == podNoon {
			m.hh = 12
		} else {
			m.hh = 24
		}
		k = i + 1
	case t.kind == sitrep.TokNumber:
		h, mm, ok := clockDigits(t.raw)
		if !ok {
			return mention{}, false
		}
		k = i + 1
		if r.cls(k, wAMPM) {
			if h < 1 || h > 12 {
				return mention{}, false
			}
			if h == 12 {
				h = 0
			}
			h += r.toks[k].w.val
			k++
		} else if r.is(k, "o'clock") {
			k++
		} else if r.is(k, "in") && r.is(k+1, "the") && r.cls(k+2, wPOD) && h >= 1 && h <= 12 && mm == 0 &&
			strings.IndexByte(t.raw, ':') < 0 && r.toks[k+2].w.val <= podNight {
			// "4 in the morning", "8 in the evening".
			if p := r.toks[k+2].w.val; p != podMorning && h < 12 {
				h += 12
			}
			k += 3
		} else if strings.IndexByte(t.raw, ':') < 0 || r.is(k, "%") {
			return mention{}, false
		} else if !(r.is(k, "local", "gmt", "utc", "hours", "hrs", "h") || r.is(i-1, "at", "by", "until", "from", "before", "after", "around")) {
			return mention{}, false
		}
		m.hh, m.mm = h, mm
	default:
		return mention{}, false
	}
	if r.cls(k, wTZ) {
		k++
	} else if r.is(k, "local") && r.is(k+1, "time") {
		k += 2
	}
	m.j = k
	c := k
	if r.is(c, ",") {
		c++
	}
	if r.is(c, "on") {
		c++
	}
	// A day after the time: "10 p.m. Wednesday", "noon Thursday", "5 p.m.
	// EST Nov. 9", "midnight Friday".
	if dm, ok := r.date(c); ok && (dm.kind == kDate && dm.d > 0 || dm.kind == kWeekday) {
		dm.i, dm.hh, dm.mm, dm.hasTime, dm.pod = i, m.hh, m.mm, true, 0
		if dm.kind == kWeekday {
			dm.tense = r.tense(i, dm.j)
		}
		dm.typ = sitrep.TimeTime
		return dm, true
	}
	if dm, ok := r.relative(c); ok && dm.kind == kRelDay {
		dm.i, dm.hh, dm.mm, dm.hasTime, dm.pod = i, m.hh, m.mm, true, 0
		dm.typ = sitrep.TimeTime
		return dm, true
	}
	return m, true
}

// clockDigits reads 5, 10:35 or 17:00.
func clockDigits(s string) (int, int, bool) {
	h, mm := 0, 0
	c := strings.IndexByte(s, ':')
	if c < 0 {
		v, n := atoi(s)
		if v < 0 || n > 2 || v > 24 {
			return 0, 0, false
		}
		return v, 0, true
	}
	h, n := atoi(s[:c])
	mm, n2 := atoi(s[c+1:])
	if h < 0 || mm < 0 || n > 2 || n2 != 2 || h > 24 || mm > 59 {
		return 0, 0, false
	}
	return h, mm, true
}
