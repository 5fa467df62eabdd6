package timex

import (
	"sitrep"
)

// inference is an estimated document date.
type inference struct {
	day        day
	confidence float64
	evidence   []sitrep.Span
}

// maxInferDays bounds how long after the latest date it mentions a
// document is assumed to have been written.
const maxInferDays = 21

// infer estimates the document date from the text: the latest past date it
// states is a lower bound, weekdays said in the past ("late Sunday") and
// the future ("on Tuesday") must fall within a week of it, and a day count
// with a known start ("enters its 35th day") points at it. The year of a
// date written without one comes from the years the text states, else from
// the configured anchors; with no year at all, nothing is inferred.
func (s *Stage) infer(r *recognizer, ms []mention) (inference, bool) {
	years := map[int]int{}
	bestYear, bestCount := 0, 0
	for k := range ms {
		m := &ms[k]
		if m.kind == kDate && m.y > 0 && m.mo > 0 {
			years[m.y]++
			if c := years[m.y]; c > bestCount || c == bestCount && m.y > bestYear {
				bestYear, bestCount = m.y, c
			}
		}
	}
	if bestYear == 0 {
		for _, a := range s.Anchors {
			if dd, ok := parseDay(a.Start); ok && dd.y > bestYear {
				bestYear = dd.y
			}
		}
	}
	if bestYear == 0 {
		return inference{}, false
	}
	// Dates without a year take the one nearest the middle of that year.
	n := &normalizer{dct: day{bestYear, 7, 2}, hasDCT: true}
	var (
		lower    day
		lowerK   = -1
		weekdays []int
		counts   []int
	)
	for k := range ms {
		m := &ms[k]
		switch m.kind {
		case kDate:
			if m.mo == 0 || m.d == 0 || m.fiscal {
				continue
			}
			v, _ := n.value(m)
			dd, ok := parseDay(v)
			if !ok || r.tense(m.i, m.j) > 0 {
				continue
			}
			if lowerK < 0 || dd.ordinal() > lower.ordinal() {
				lower, lowerK = dd, k
			}
		case kWeekday:
			if !m.hasDir || m.dir != 0 {
				weekdays = append(weekdays, k)
			}
		case kDayCount:
			counts = append(counts, k)
		}
	}
	countDays := make([]day, 0, len(counts))
	countK := counts[:0:0]
	for _, k := range counts {
		if ms[k].noun == "" {
			// "the eighth day of ``Desert Shield''": nothing known to count from.
			continue
		}
		if start, _, ok := s.countStart(r, n, ms, ms[k].noun); ok {
			countDays = append(countDays, start.add(ms[k].n-1))
			countK = append(countK, k)
		}
	}
	if lowerK < 0 {
		if len(countDays) == 0 {
			return inference{}, false
		}
		lower = countDays[0].add(-maxInferDays / 3)
	}
	cost := func(c day) float64 {
		total := 0.5 * float64(c.ordinal()-lower.ordinal())
		cw := c.weekday()
		for _, k := range weekdays {
			m := &ms[k]
			dir := m.tense
			if m.hasDir {
				dir = m.dir
			}
			if dir > 0 {
				gap := (m.wd - cw + 7) % 7
				if gap == 0 {
					gap = 3
				}
				total += float64(gap)
			} else {
				gap := (cw - m.wd + 7) % 7
				if gap == 0 {
					gap = 2
				}
				total += float64(gap)
			}
		}
		for _, cd := range countDays {
			diff := cd.ordinal() - c.ordinal()
			if diff < 0 {
				diff = -diff
			}
			total += float64(diff)
		}
		return total
	}
	best, bestCost, second := lower, cost(lower), 1e18
	for i := 1; i <= maxInferDays; i++ {
		c := lower.add(i)
		v := cost(c)
		if v < bestCost {
			best, second, bestCost = c, bestCost, v
		} else if v < second {
			second = v
		}
	}
	conf := 0.3
	if lowerK < 0 {
		conf = 0.2
	}
	conf += 0.15 * float64(min(len(weekdays), 3))
	if len(countDays) > 0 {
		conf += 0.15
	}
	if second-bestCost < 1 {
		conf -= 0.15
	}
	conf = max(0.1, min(0.9, conf))
	var ev []sitrep.Span
	add := func(k int) { ev = append(ev, r.d.TokenSpan(ms[k].i, ms[k].j)) }
	if lowerK >= 0 {
		add(lowerK)
	}
	for _, k := range weekdays {
		add(k)
	}
	for _, k := range countK {
		add(k)
	}
	return inference{day: best, confidence: float64(int(conf*100+0.5)) / 100, evidence: ev}, true
}
