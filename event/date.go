package event

import (
	"strconv"
	"strings"

	"sitrep"
)

// date picks the event's date among the times of its sentence, nearest the
// trigger, inside the claim when it is claimed; a duration ("for almost a
// month") ends at the report's day. Without one the date is the report's
// day, marked inferred, or unknown.
func (a *annotator) date(c *cand, h hit, lo, hi, clo, chi int) {
	e := &c.ev
	d := a.d
	best, bestDist := -1, 0
	var bm mention
	said := false
	cands := within(a.times, clo, chi)
	if len(cands) == 0 && (clo > lo || chi < hi) {
		// No time in what is claimed: the time of the saying bounds it.
		cands, said = within(a.times, lo, hi), true
	}
	for _, m := range cands {
		t := d.Times[m.idx]
		if t.Type == sitrep.TimeSet {
			continue
		}
		if t.Type == sitrep.TimeDuration && e.Type != TypeBattles && e.Type != TypeNegotiations {
			continue
		}
		dist := m.start - h.end
		if dist < 0 {
			dist = (h.start - m.end) + 1 // ties go to the time after the trigger
		}
		if best < 0 || dist < bestDist {
			best, bestDist, bm = m.idx, dist, m
		}
	}
	if best < 0 {
		if a.dct != "" {
			e.DateValue, e.DatePrecision, e.DateInferred = a.dct, "day", true
		} else {
			e.DatePrecision = Unknown
		}
		return
	}
	t := d.Times[best]
	e.Date = t.ID
	e.DateValue, e.DatePrecision = t.Value, t.Precision
	if t.Value == "PRESENT_REF" && a.dct != "" {
		e.DateValue, e.DatePrecision = a.dct, "day"
	}
	if e.DatePrecision == "" {
		e.DatePrecision = precisionOf(t.Value)
	}
	if t.Mod == "APPROX" {
		e.DateMod = "APPROX"
	}
	if said && t.Type != sitrep.TimeDuration {
		e.DateMod = "ON_OR_BEFORE"
	}
	switch {
	case t.Begin != "" && t.End != "":
		e.DateValue, e.DatePrecision = t.Begin+"/"+t.End, "range"
	case t.Type == sitrep.TimeDuration:
		if begin, ok := before(a.dct, t.Value); ok {
			e.DateValue, e.DatePrecision = begin+"/"+a.dct, "range"
		} else {
			e.DateValue, e.DatePrecision = a.dct, Unknown
		}
	}
	if strings.HasPrefix(e.DateValue, "X") {
		e.DatePrecision = Unknown
	}
	if a.anyIn(media, lo, hi, lo, hi) && a.anyIn(showWords, lo, hi, lo, hi) && e.DateMod == "" && t.Type != sitrep.TimeDuration {
		// The date of the footage: the event happened by then.
		e.DateMod = "ON_OR_BEFORE"
	}
	e.Evidence = append(e.Evidence, d.TokenSpan(bm.start, bm.end))
}

func precisionOf(v string) string {
	switch {
	case strings.HasPrefix(v, "X") || v == "":
		return Unknown
	case strings.Contains(v, "W"):
		return "week"
	case strings.Contains(v, "T"):
		return "time"
	case len(v) == 10:
		return "day"
	case len(v) == 7:
		return "month"
	case len(v) == 4:
		return "year"
	}
	return Unknown
}

// before returns the day a duration ("P1M", "P3W", "P10D") before an ISO
// day.
func before(day, dur string) (string, bool) {
	if len(day) != 10 || len(dur) < 3 || dur[0] != 'P' {
		return "", false
	}
	y, err1 := strconv.Atoi(day[:4])
	m, err2 := strconv.Atoi(day[5:7])
	dd, err3 := strconv.Atoi(day[8:10])
	n, err4 := strconv.Atoi(dur[1 : len(dur)-1])
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil || n > 1000 {
		return "", false
	}
	switch dur[len(dur)-1] {
	case 'D':
		dd -= n
	case 'W':
		dd -= 7 * n
	case 'M':
		m -= n
	case 'Y':
		y -= n
	default:
		return "", false
	}
	t := civil(y, m, dd)
	return t, true
}

// civil normalizes a year, month and day that may be out of range into an
// ISO day.
func civil(y, m, d int) string {
	for m < 1 {
		m += 12
		y--
	}
	for m > 12 {
		m -= 12
		y++
	}
	for d < 1 {
		m--
		if m < 1 {
			m, y = 12, y-1
		}
		d += daysIn(y, m)
	}
	for d > daysIn(y, m) {
		d -= daysIn(y, m)
		m++
		if m > 12 {
			m, y = 1, y+1
		}
	}
	return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
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

func pad(v, n int) string {
	s := strconv.Itoa(v)
	for len(s) < n {
		s = "0" + s
	}
	return s
}

// daysApart returns the days between two ISO days, or a large number when
// either is not a day.
func daysApart(x, y string) int {
	// A range is compared by its end.
	if i := strings.LastIndexByte(x, '/'); i >= 0 {
		x = x[i+1:]
	}
	if i := strings.LastIndexByte(y, '/'); i >= 0 {
		y = y[i+1:]
	}
	if len(x) != 10 || len(y) != 10 {
		return 1 << 30
	}
	dx, ok1 := dayNumber(x)
	dy, ok2 := dayNumber(y)
	if !ok1 || !ok2 {
		return 1 << 30
	}
	if dx > dy {
		return dx - dy
	}
	return dy - dx
}

func dayNumber(s string) (int, bool) {
	y, err1 := strconv.Atoi(s[:4])
	m, err2 := strconv.Atoi(s[5:7])
	d, err3 := strconv.Atoi(s[8:10])
	if err1 != nil || err2 != nil || err3 != nil {
		return 0, false
	}
	// Days since a fixed epoch (a proleptic Gregorian day count).
	if m < 3 {
		y--
		m += 12
	}
	return 365*y + y/4 - y/100 + y/400 + (153*(m-3)+2)/5 + d, true
}
