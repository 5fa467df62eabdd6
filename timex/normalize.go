package timex

import (
	"strconv"
	"strings"
	"time"

	"sitrep"
)

func itoa(n int) string { return strconv.Itoa(n) }

func pad2(n int) string {
	if n < 10 && n >= 0 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func pad4(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// validDate reports whether y-m-d is a day of the calendar; y 0 means any
// year (February 29 allowed).
func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	if y == 0 {
		if m == 2 {
			return d <= 29
		}
		return d <= daysIn(2001, m)
	}
	return d <= daysIn(y, m)
}

// day is a civil date.
type day struct{ y, m, d int }

func (a day) t() time.Time { return time.Date(a.y, time.Month(a.m), a.d, 12, 0, 0, 0, time.UTC) }

func fromTime(t time.Time) day { return day{t.Year(), int(t.Month()), t.Day()} }

func (a day) add(days int) day { return fromTime(a.t().AddDate(0, 0, days)) }

// weekday returns 1 (Monday) .. 7 (Sunday).
func (a day) weekday() int {
	w := int(a.t().Weekday())
	if w == 0 {
		return 7
	}
	return w
}

func (a day) String() string { return pad4(a.y) + "-" + pad2(a.m) + "-" + pad2(a.d) }

func (a day) ordinal() int { return int(a.t().Unix() / 86400) }

func (a day) week() string {
	y, w := a.t().ISOWeek()
	return pad4(y) + "-W" + pad2(w)
}

// parseDay reads the date at the start of an ISO value: 2022-03-28,
// 2022-03-28T10:00, 19980108 (TimeBank's DCT text).
func parseDay(v string) (day, bool) {
	if len(v) >= 10 && v[4] == '-' && v[7] == '-' {
		y, _ := atoi(v[:4])
		m, _ := atoi(v[5:7])
		d, _ := atoi(v[8:10])
		if y > 0 && validDate(y, m, d) {
			return day{y, m, d}, true
		}
	}
	if len(v) == 8 {
		y, _ := atoi(v[:4])
		m, _ := atoi(v[4:6])
		d, _ := atoi(v[6:8])
		if y > 0 && validDate(y, m, d) {
			return day{y, m, d}, true
		}
	}
	return day{}, false
}

var unitCodes = [...]string{uSecond: "S", uMinute: "M", uHour: "H", uDay: "D", uNight: "D", uWeekend: "WE", uWeek: "W", uMonth: "M", uQuarter: "Q", uHalf: "H", uSeason: "S", uYear: "Y", uDecade: "DE", uCentury: "CE"}

// durationValue writes a TIMEX3 duration: P3W, PT48H, PXY for "years".
func durationValue(n, unit int, fuzzy bool) string {
	c := unitCodes[unit]
	num := itoa(n)
	if fuzzy {
		num = "X"
	}
	switch unit {
	case uSecond, uMinute, uHour:
		return "PT" + num + c
	case uDecade:
		// "decades", "decades-long": some years, as TimeBank writes them
		// (PXY), not a count of decades.
		if fuzzy {
			return "PXY"
		}
		return "P" + itoa(n*10) + "Y"
	case uCentury:
		// "for centuries": TimeBank's century unit is C (PXC).
		if fuzzy {
			return "PXC"
		}
		return "P" + itoa(n*100) + "Y"
	}
	return "P" + num + c
}

// halfValue writes "n and a half units" in the next smaller unit.
func halfValue(n, unit int) string {
	switch unit {
	case uYear:
		return "P" + itoa(n) + "Y6M"
	case uHour:
		return "PT" + itoa(n) + "H30M"
	case uMinute:
		return "PT" + itoa(n) + "M30S"
	case uDay:
		return "P" + itoa(n) + "DT12H"
	case uMonth:
		return "P" + itoa(n) + "M15D"
	case uWeek:
		return "P" + itoa(n*7+3) + "DT12H"
	}
	return durationValue(n, unit, false)
}

// normalizer resolves mentions against the document date and keeps the
// last date mentioned for expressions such as "a year earlier".
type normalizer struct {
	dct    day
	hasDCT bool
	// last is the last absolute DATE value resolved, the reference time of
	// "the quarter" and "a year earlier".
	last string
	// lastQ is the last quarter mentioned, the one "this quarter's
	// loss" is about in a report.
	lastQ     string
	lastQSent int
	// sent is the sentence of the mention being normalized; nineSent the
	// sentence of the last nine-month stretch ("For the nine months, net
	// was ... compared with $48.7 million a year earlier": a year back
	// from nine months is the year before, not the quarter reported),
	// plus one so that the zero value is no sentence.
	sent, nineSent int
	// lastSent is the sentence of last.
	lastSent int
	// starts caches the first days of counted things by noun group.
	starts map[string]start
}

// value returns the TIMEX3 value and precision of m.
func (n *normalizer) value(m *mention) (string, string) {
	switch m.kind {
	case kLit:
		return m.lit, litPrecision(m)
	case kRef:
		return m.lit, "unknown"
	case kDate:
		return n.date(m)
	case kWeekday:
		if !n.hasDCT {
			return n.withTime(m, "XXXX-WXX-"+itoa(m.wd)), "day"
		}
		dir := m.dir
		if !m.hasDir {
			dir = m.tense
		}
		if d, ok := parseDay(n.last); ok && m.anaphor && dir != 0 {
			// "the previous Friday": the Friday before the day last
			// mentioned.
			diff := (m.wd - d.weekday() + 7) % 7
			if dir < 0 {
				diff = -((d.weekday() - m.wd + 7) % 7)
			}
			if diff == 0 {
				diff = 7 * dir
			}
			return n.withTime(m, d.add(diff).String()), "day"
		}
		return n.withTime(m, n.weekday(m.wd, dir, m.hasDir).String()), "day"
	case kRelDay:
		if !n.hasDCT {
			if m.n == 0 && m.pod == 0 && !m.hasTime {
				return refNames[refPresent], "unknown"
			}
			return n.withTime(m, "XXXX-XX-XX"), "unknown"
		}
		return n.withTime(m, n.dct.add(m.n).String()), "day"
	case kRelUnit:
		if !m.hasDir && m.unit == uYear && m.n == -1 && n.nineBack() {
			return pad4(n.dct.y - 1), "year"
		}
		if !m.hasDir && m.unit == uYear && m.n == -1 && len(n.last) == 7 && (n.last[5] == 'Q' || n.last[5] == 'H') {
			// "a year ago" beside the quarter just reported is that
			// quarter a year before.
			return n.refShift(m)
		}
		return n.relUnit(m)
	case kQuarter:
		return n.quarter(m)
	case kSeason:
		return n.season(m)
	case kMonthRel:
		if !n.hasDCT {
			return "XXXX-" + pad2(m.mo), "month"
		}
		y := n.dct.y
		switch {
		case m.dir < 0 && m.mo >= n.dct.m:
			y--
		case m.dir > 0 && m.mo <= n.dct.m:
			y++
		}
		return pad4(y) + "-" + pad2(m.mo), "month"
	case kRefShift:
		if m.unit == uYear && m.n == -1 && !m.anaphor && m.q == 0 && n.nineBack() {
			return pad4(n.dct.y - 1), "year"
		}
		return n.refShift(m)
	case kYearOfRef:
		if len(n.last) == 7 && n.last[4] == '-' && (n.last[5] == 'Q' || n.last[5] == 'H') {
			return pad4(m.y) + n.last[4:], "range"
		}
		if n.hasDCT && m.q == 1 {
			// "the 1988 quarter" with no quarter mentioned yet: the one a
			// report is about. A "period" may be nine months; it stays
			// the year.
			return pad4(m.y) + n.justEnded()[4:], "range"
		}
		return pad4(m.y), "year"
	case kTimeOnly:
		base := "XXXX-XX-XX"
		if n.hasDCT {
			base = n.dct.String()
		}
		if !m.hasTime {
			// "in the morning": a part of the day.
			return n.withTime(m, base), "day"
		}
		return base + "T" + pad2(m.hh) + ":" + pad2(m.mm), "time"
	case kDayCount:
		return "XXXX-XX-XX", "unknown"
	}
	return "XXXX-XX-XX", "unknown"
}

// nineBack reports whether a year back from the current mention is a
// year back from nine months named earlier in its sentence.
func (n *normalizer) nineBack() bool {
	return n.hasDCT && n.sent >= 0 && n.nineSent == n.sent+1
}

func litPrecision(m *mention) string {
	if m.typ == sitrep.TimeDate {
		switch len(m.lit) {
		case 4:
			return "year"
		case 3, 2:
			return "range"
		}
	}
	return ""
}

func (n *normalizer) withTime(m *mention, v string) string {
	switch {
	case m.hasTime:
		return v + "T" + pad2(m.hh) + ":" + pad2(m.mm)
	case m.pod > 0:
		c := podCodes[m.pod-1]
		if c[0] == 'T' {
			return v + c
		}
		return v + "T" + c
	}
	return v
}

// weekday finds the weekday wd nearest the document date in the direction
// dir: back for the past (or no cue), forward for the future. A weekday
// that is the document's own is the document date unless "last" or "next"
// says otherwise.
func (n *normalizer) weekday(wd, dir int, explicit bool) day {
	cur := n.dct.weekday()
	if wd == cur && !(explicit && dir != 0) {
		return n.dct
	}
	if dir > 0 {
		diff := (wd - cur + 7) % 7
		if diff == 0 {
			diff = 7
		}
		return n.dct.add(diff)
	}
	if explicit && dir == 0 {
		// "this Friday": the one in the current week.
		return n.dct.add(wd - cur)
	}
	diff := (cur - wd + 7) % 7
	if diff == 0 {
		diff = 7
	}
	return n.dct.add(-diff)
}

// novemberDay is the day of November of Thanksgiving (holiday 2, the
// fourth Thursday) or of U.S. Election Day (4, the Tuesday after the
// first Monday) in year y.
func novemberDay(y, holiday int) int {
	first := day{y, 11, 1}.weekday()
	if holiday == 4 {
		return 1 + (1-first+7)%7 + 1
	}
	return 1 + (4-first+7)%7 + 21
}

// easter returns the month and day of Easter Sunday in the Gregorian
// calendar (the anonymous Gregorian computus).
func easter(y int) (int, int) {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	mo := (h + l - 7*m + 114) / 31
	return mo, (h+l-7*m+114)%31 + 1
}

func (n *normalizer) date(m *mention) (string, string) {
	y := m.y
	if y == 0 && m.mo > 0 && n.hasDCT {
		switch {
		case m.hasDir:
			y = n.dct.y + m.dir
		default:
			// The closest year, unless the two candidates are both far
			// (about half a year) and the tense can tell them apart.
			var dist int
			y, dist = n.closestYear(m.mo, m.d)
			if m.near != 0 {
				y = n.yearByTense(m.mo, m.d, m.near)
			} else if dist > 120 && m.tense != 0 || dist > 31 && m.tense > 0 {
				// A future cue ("will be named commander for a mission
				// in December") is rarer and surer than a past one, which
				// is mostly the reporting verb, so it decides sooner.
				y = n.yearByTense(m.mo, m.d, m.tense)
			}
		}
	}
	if (m.holiday == 2 || m.holiday == 4) && y > 0 {
		// Thanksgiving: the fourth Thursday of November; Election Day:
		// the Tuesday after the first Monday.
		m.d = novemberDay(y, m.holiday)
		if m.tense != 0 && !m.hasDir && m.y == 0 {
			dd := day{y, 11, m.d}
			if m.tense < 0 && dd.ordinal() > n.dct.ordinal() || m.tense > 0 && dd.ordinal() < n.dct.ordinal() {
				y += m.tense
				m.d = novemberDay(y, m.holiday)
			}
		}
	}
	if m.holiday == 3 && y > 0 {
		m.mo, m.d = easter(y)
		if m.tense != 0 && !m.hasDir && m.y == 0 {
			dd := day{y, m.mo, m.d}
			if m.weekOf {
				// The week is past once it has begun.
				dd = dd.add(-6)
			}
			if m.tense < 0 && dd.ordinal() > n.dct.ordinal() || m.tense > 0 && dd.ordinal() < n.dct.ordinal() {
				y += m.tense
				m.mo, m.d = easter(y)
			}
		}
	}
	if m.mo == 0 && m.d > 0 {
		return n.withTime(m, "XXXX-XX-"+pad2(m.d)), "unknown"
	}
	if m.d > 0 && !validDate(y, m.mo, m.d) {
		// "February 30": kept as written, not turned into a real day.
		return n.withTime(m, "XXXX-"+pad2(m.mo)+"-"+pad2(m.d)), "unknown"
	}
	ys := "XXXX"
	if y > 0 {
		ys = pad4(y)
	}
	switch {
	case m.mo == 0:
		return ys, "year"
	case m.d == 0:
		return ys + "-" + pad2(m.mo), "month"
	}
	if m.weekOf && y > 0 {
		return day{y, m.mo, m.d}.week(), "week"
	}
	p := "day"
	if y == 0 {
		p = "unknown"
	}
	if m.hasTime {
		p = "time"
	}
	return n.withTime(m, ys+"-"+pad2(m.mo)+"-"+pad2(m.d)), p
}

// yearByTense picks the year that puts month mo (day d, 0 for the whole
// month) on or before the document date for the past (tense -1), on or
// after it for the future.
func (n *normalizer) yearByTense(mo, d, tense int) int {
	y := n.dct.y
	cmp := mo*100 + d
	cur := n.dct.m*100 + n.dct.d
	if d == 0 {
		cmp, cur = mo, n.dct.m
	}
	if tense < 0 && cmp > cur {
		return y - 1
	}
	if tense > 0 && cmp < cur {
		return y + 1
	}
	return y
}

// closestYear picks the year that puts month mo (and day d, 0 for the
// whole month) closest to the document date.
func (n *normalizer) closestYear(mo, d int) (int, int) {
	best, bestDist := n.dct.y, 1<<30
	for y := n.dct.y - 1; y <= n.dct.y+1; y++ {
		dd := d
		if dd == 0 {
			dd = 15
		}
		if !validDate(y, mo, dd) {
			dd = daysIn(y, mo)
		}
		dist := day{y, mo, dd}.ordinal() - n.dct.ordinal()
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = y, dist
		}
	}
	return best, bestDist
}

func (n *normalizer) relUnit(m *mention) (string, string) {
	off := m.n
	if m.hasDir {
		off = m.dir
	}
	if !n.hasDCT {
		switch m.unit {
		case uYear:
			return "XXXX", "year"
		case uMonth:
			return "XXXX-XX", "month"
		case uWeek, uWeekend:
			return "XXXX-WXX", "week"
		}
		return "XXXX-XX-XX", "unknown"
	}
	t := n.dct
	switch m.unit {
	case uDay, uNight:
		return t.add(off).String(), "day"
	case uWeek:
		return t.add(7 * off).week(), "week"
	case uWeekend:
		// A weekend is named by the ISO week of its Saturday.
		wd := t.weekday()
		sat := t.add(6 - wd) // Saturday of the document's week
		switch {
		case m.hasDir && m.dir < 0 || !m.hasDir && m.tense <= 0:
			if sat.ordinal() > t.ordinal() {
				sat = sat.add(-7)
			}
			if m.hasDir && wd >= 6 {
				sat = sat.add(-7) // "last weekend" said on a Sunday
			}
		case m.hasDir && m.dir > 0:
			sat = sat.add(7)
		}
		return sat.week() + "-WE", "week"
	case uMonth:
		tt := time.Date(t.y, time.Month(t.m)+time.Month(off), 1, 12, 0, 0, 0, time.UTC)
		return pad4(tt.Year()) + "-" + pad2(int(tt.Month())), "month"
	case uQuarter:
		q := (t.m-1)/3 + off
		y := t.y + floorDiv(q, 4)
		return pad4(y) + "-Q" + itoa(mod(q, 4)+1), "range"
	case uHalf:
		return pad4(t.y) + "-H" + itoa((t.m-1)/6+1), "range"
	case uYear:
		return pad4(t.y + off), "year"
	case uDecade, uCentury:
		span := 10
		if m.unit == uCentury {
			span = 100
		}
		if !m.hasDir {
			// "a decade ago" is the year ten years back, not the
			// decade before this one: in 1999 it is 1989, not the 1980s.
			return pad4(t.y + span*off), "year"
		}
		return itoa((t.y + span*off) / span), "range"
	case uHour, uMinute, uSecond:
		return t.String(), "day"
	}
	return "XXXX-XX-XX", "unknown"
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func mod(a, b int) int { return a - floorDiv(a, b)*b }

func (n *normalizer) quarter(m *mention) (string, string) {
	code := "Q"
	if m.unit == uHalf {
		code = "H"
	}
	if m.q == 0 {
		// "the quarter", "the latest quarter", "this quarter".
		if n.lastQ != "" && (!m.hasDir || m.reported) {
			return n.lastQ, "range"
		}
		if !n.hasDCT {
			return "XXXX-QX", "unknown"
		}
		if m.hasDir && m.dir == 0 {
			return pad4(n.dct.y) + "-Q" + itoa((n.dct.m-1)/3+1), "range"
		}
		return n.justEnded(), "range"
	}
	if m.calendar && n.lastQ != "" && n.lastQSent >= n.sent-1 {
		// "the fiscal first quarter ... the quarter ended Sept. 30": the
		// quarter the report named, not the calendar one.
		return n.lastQ, "range"
	}
	y := m.y
	if y == 0 && m.hasDir {
		y = n.dct.y + m.dir
	}
	if y == 0 && m.mo > 0 && n.hasDCT {
		// "the second quarter ended Oct. 31": the year of that day.
		y = n.yearByTense(m.mo, m.d, -1)
	}
	if y == 0 {
		if !n.hasDCT {
			return "XXXX-" + code + itoa(m.q), "range"
		}
		y = n.dct.y
		cur := (n.dct.m-1)/3 + 1
		if code == "H" {
			cur = (n.dct.m-1)/6 + 1
		}
		if m.q > cur && m.tense < 0 {
			y--
		}
	}
	return pad4(y) + "-" + code + itoa(m.q), "range"
}

// justEnded is the quarter before the document's: the one a report
// is about.
func (n *normalizer) justEnded() string {
	q := (n.dct.m - 1) / 3
	if q == 0 {
		return pad4(n.dct.y-1) + "-Q4"
	}
	return pad4(n.dct.y) + "-Q" + itoa(q)
}

func (n *normalizer) season(m *mention) (string, string) {
	c := seasonCodes[m.season]
	if m.y > 0 {
		return pad4(m.y) + "-" + c, "range"
	}
	if !n.hasDCT {
		return "XXXX-" + c, "range"
	}
	// The season's middle month: SP 4, SU 7, FA 10, WI 1 (of the next
	// calendar year for a winter that begins in December).
	mid := [...]int{4, 7, 10, 1}[m.season]
	y := n.dct.y
	dir := m.dir
	if !m.hasDir {
		dir = m.tense
	}
	switch {
	case dir < 0 && mid >= n.dct.m:
		y--
	case dir > 0 && mid <= n.dct.m:
		y++
	}
	return pad4(y) + "-" + c, "range"
}

// refShift moves the time last mentioned (or the document date) by n
// units, keeping its granularity: with 1989-Q3 last mentioned, "a year
// earlier" is 1988-Q3.
func (n *normalizer) refShift(m *mention) (string, string) {
	ref := n.last
	if m.unit == uNone && m.n == 0 {
		// "until then": the time last mentioned at its own granularity.
		if ref != "" && ref[0] >= '0' && ref[0] <= '9' {
			return ref, precisionOf(ref)
		}
		return "XXXX-XX-XX", "unknown"
	}
	if ref != "" && n.hasDCT && !m.anaphor {
		// Only a period within the year before the document is the one
		// being compared, and only one finer than a year: "a year
		// earlier" after "1987" is not 1986.
		ry, _ := atoi(ref[:min(4, len(ref))])
		if len(ref) <= 4 || ry < n.dct.y-1 || ry > n.dct.y {
			ref = ""
		}
	}
	if m.q == 1 && ref != "" {
		// "the year-ago quarter" after a day or a month is its quarter.
		if d, ok := parseDay(ref); ok {
			ref = pad4(d.y) + "-Q" + itoa((d.m-1)/3+1)
		} else if len(ref) == 7 && ref[4] == '-' && ref[5] >= '0' && ref[5] <= '9' {
			if mo, _ := atoi(ref[5:]); mo >= 1 && mo <= 12 {
				ref = ref[:4] + "-Q" + itoa((mo-1)/3+1)
			}
		}
	}
	if (ref == "" || ref[0] < '0' || ref[0] > '9') && m.q == 1 && n.hasDCT {
		// "the year-ago quarter" with no quarter in the text: the one a
		// report is about, the quarter just ended.
		ref = n.justEnded()
	}
	if ref == "" || ref[0] < '0' || ref[0] > '9' {
		if !n.hasDCT {
			return "XXXX", "unknown"
		}
		ref = n.dct.String()
		if m.unit == uYear {
			ref = pad4(n.dct.y)
		}
	}
	y, _ := atoi(ref[:min(4, len(ref))])
	if y < 0 || len(ref) < 4 {
		return "XXXX", "unknown"
	}
	if m.n == 0 {
		if v, ok := truncate(ref, m.unit); ok {
			return v, precisionOf(v)
		}
		if v, ok := truncate(n.dct.String(), m.unit); ok && n.hasDCT {
			// "that day" after "1987": nothing finer was told; the
			// document's own day is the best guess.
			return v, precisionOf(v)
		}
		return "XXXX", "unknown"
	}
	switch m.unit {
	case uYear:
		ny := pad4(y + m.n)
		if m.n < -1 || m.n > 1 || m.anaphor {
			// "the following year" names a year, whatever was last
			// mentioned; "a year earlier" keeps the quarter or day.
			// "three years earlier" keeps only the year.
			return ny, "year"
		}
		return ny + ref[4:], precisionOf(ref)
	case uMonth:
		if len(ref) >= 7 && ref[4] == '-' && ref[5] != 'Q' && ref[5] != 'W' {
			mo, _ := atoi(ref[5:7])
			if mo > 0 {
				tt := time.Date(y, time.Month(mo+m.n), 1, 12, 0, 0, 0, time.UTC)
				return pad4(tt.Year()) + "-" + pad2(int(tt.Month())), "month"
			}
		}
	case uDay, uWeek:
		if d, ok := parseDay(ref); ok {
			k := m.n
			if m.unit == uWeek {
				return d.add(7 * k).week(), "week"
			}
			return d.add(k).String(), "day"
		}
	case uQuarter:
		if len(ref) == 7 && ref[5] == 'Q' {
			q, _ := atoi(ref[6:])
			q = q - 1 + m.n
			return pad4(y+floorDiv(q, 4)) + "-Q" + itoa(mod(q, 4)+1), "range"
		}
	}
	if n.hasDCT {
		mm := *m
		mm.kind = kRelUnit
		mm.hasDir = false
		return n.relUnit(&mm)
	}
	return "XXXX", "unknown"
}

// truncate gives the period of unit u that contains the time ref: the
// year, quarter, month, week or day of it ("that year" after "June
// 1998" is 1998). It reports false when ref is coarser than u.
func truncate(ref string, u int) (string, bool) {
	d, isDay := parseDay(ref)
	month := len(ref) >= 7 && ref[4] == '-' && ref[5] >= '0' && ref[5] <= '9'
	switch u {
	case uYear:
		return ref[:4], true
	case uQuarter:
		if len(ref) == 7 && ref[5] == 'Q' {
			return ref, true
		}
		if month {
			mo, _ := atoi(ref[5:7])
			if mo >= 1 && mo <= 12 {
				return ref[:4] + "-Q" + itoa((mo-1)/3+1), true
			}
		}
	case uMonth:
		if month {
			return ref[:7], true
		}
	case uWeek:
		if isDay {
			return d.week(), true
		}
		if strings.Contains(ref, "-W") {
			return ref, true
		}
	case uDay:
		if isDay {
			return d.String(), true
		}
	}
	return "", false
}

// precisionOf gives the granularity of a date value: a quarter, half or
// season is a range of months, not a month.
func precisionOf(v string) string {
	switch {
	case v == "" || v[0] < '0' || v[0] > '9':
		return "unknown"
	case strings.Contains(v, "-W"):
		return "week"
	case strings.IndexByte(v, 'T') > 0:
		return "time"
	case len(v) == 10:
		return "day"
	case len(v) == 7 && v[5] >= 'A' && v[5] <= 'Z':
		return "range"
	case len(v) == 7:
		return "month"
	case len(v) == 4:
		return "year"
	case len(v) == 2 || len(v) == 3:
		return "range"
	}
	return "unknown"
}
