// Package timex is the times stage: it finds TIMEX3 time expressions in a
// document and normalizes them against the document creation time (DCT).
//
// Recognition is a matcher over the segmenter's tokens, written after the
// TimeML guidelines and the kinds of rules HeidelTime uses, without regular
// expressions on the hot path. Normalization resolves each expression
// against the DCT: weekdays forward or backward by the tense around them,
// a month and day without a year to the year closest to the DCT, "the
// quarter" and "a year earlier" against the date last mentioned, day counts
// ("the war enters its 35th day") against a start stated in the text or
// given in configuration. Without a DCT, the stage infers one from the text
// when the text allows, and otherwise leaves relative values underspecified
// (XXXX-XX-XX, XXXX-WXX-2).
package timex

import (
	"sort"
	"strings"

	"sitrep"
)

// Anchor is the known start of something whose days are counted ("the war
// enters its 35th day"): Nouns are the words that name it, Start its first
// day (YYYY-MM-DD).
type Anchor struct {
	Nouns []string
	Start string
}

// Stage is the times stage of the pipeline.
type Stage struct {
	// DayFirst reads ambiguous slashed dates (03/04/2022) day first, as
	// British and European outlets write them; the default is month
	// first. A date whose first part is over 12 is read day first either
	// way.
	DayFirst bool
	// Anchors are known starts of day counts, used when the document does
	// not state the start itself.
	Anchors []Anchor
	// TimeML restricts the output to what TimeML annotates: no ranges
	// joined from two dates and no event-anchored spans ("since the war
	// began"). sitrep eval timeml sets it.
	TimeML bool
}

var _ sitrep.Stage = (*Stage)(nil)

// New returns the stage with the default configuration: month-first
// slashed dates and no configured anchors.
func New() *Stage { return &Stage{} }

// Contract implements sitrep.Stage.
func (*Stage) Contract() sitrep.Contract {
	return sitrep.Contract{
		Name:  "times",
		Needs: []string{sitrep.LayerTokens, sitrep.LayerSentences, sitrep.LayerDCT},
		Sets:  []string{sitrep.LayerTimes},
	}
}

// Annotate implements sitrep.Stage. It resolves against d.DCT, or
// d.Meta.Published when d.DCT is empty, and sets d.DCT to the date used.
// With neither, it infers a publication date from the text when it can
// and records it in d.Meta as inferred, with its confidence and evidence.
func (s *Stage) Annotate(d *sitrep.Doc) error {
	r := newRecognizer(d, s.DayFirst)
	ms := r.recognize()
	dct := d.DCT
	if dct == "" {
		dct = d.Meta.Published
	}
	n := &normalizer{}
	if dd, ok := parseDay(dct); ok {
		n.dct, n.hasDCT = dd, true
		d.DCT = dct
	} else if dct == "" {
		if inf, ok := s.infer(r, ms); ok {
			n.dct, n.hasDCT = inf.day, true
			d.DCT = inf.day.String()
			d.Meta.Published = d.DCT
			d.Meta.PublishedInferred = true
			d.Meta.PublishedConfidence = inf.confidence
			d.Meta.PublishedEvidence = inf.evidence
		}
	} else {
		d.Warn("times: document date " + dct + " is not an ISO date; times are left unresolved")
	}
	d.Times = s.build(r, n, ms)
	r.release()
	return nil
}

// Recognize returns the time expressions of d as the stage would record
// them, resolved against dct ("" for none), without touching d.
func (s *Stage) Recognize(d *sitrep.Doc, dct string) []sitrep.Time {
	r := newRecognizer(d, s.DayFirst)
	ms := r.recognize()
	n := &normalizer{}
	if dd, ok := parseDay(dct); ok {
		n.dct, n.hasDCT = dd, true
	}
	out := s.build(r, n, ms)
	r.release()
	return out
}

// build normalizes the mentions in text order and turns them into records.
func (s *Stage) build(r *recognizer, n *normalizer, ms []mention) []sitrep.Time {
	d := r.d
	out := make([]sitrep.Time, 0, len(ms))
	// ids maps each mention to its index in out; every mention becomes one
	// time, so it is the identity, kept explicit for the joins below.
	ids := make([]int, len(ms))
	for k := range ids {
		ids[k] = k
	}
	for k := range ms {
		m := &ms[k]
		t := sitrep.Time{Type: m.typ, Mod: modNames[m.mod]}
		sent := d.SentenceOf(m.i)
		n.sent = sent
		switch {
		case m.kind == kDayCount:
			s.dayCount(r, n, ms, ids, out, m, &t)
		case m.kind == kTimeOnly:
			t.Value, t.Precision = n.value(m)
			if day, ok := s.timeDay(r, n, ms, k, sent); ok {
				t.Value = day + t.Value[strings.IndexByte(t.Value, 'T'):]
			}
		case m.kind == kRefShift && m.q == 1 && r.is(m.j-1, "period") && n.nineSent > 0 && n.nineSent-1 >= sent-1 && n.nineSent-1 >= n.lastQSent:
			// "For the nine months, net was ... In the year-earlier
			// period, ...": the nine months a year back, a stretch.
			t.Type, t.Value = sitrep.TimeDuration, "P9M"
		default:
			t.Value, t.Precision = n.value(m)
		}
		if m.shift != 0 && len(t.Value) == 10 {
			// "the day before last Tuesday": a day from the one named.
			if dd, ok := parseDay(t.Value); ok {
				t.Value = dd.add(m.shift).String()
			}
		}
		// Some dates are not the time the text goes on from: the day that
		// closes a quarter ("the fiscal-first quarter ended Sept. 30": a
		// year earlier is that quarter a year back, not the day), and a
		// quarter told of with "a" ("After a flat second quarter, ..."),
		// an aside, not the period the report compares.
		aside := m.kind == kDate && m.i > 0 && r.is(m.i-1, "ended", "ending") && len(n.last) == 7 && n.last[5] == 'Q' ||
			m.kind == kQuarter && r.is(m.j-1, "quarter", "half") && (r.is(m.i, "a", "an") || m.i > 0 && r.is(m.i-1, "a", "an") ||
				m.i > 1 && r.is(m.i-2, "a", "an") && r.toks[m.i-1].kind == sitrep.TokWord && !r.toks[m.i-1].upper)
		if t.Value != "" && t.Type == sitrep.TimeDate && t.Value[0] >= '0' && t.Value[0] <= '9' && m.kind != kRefShift && (m.kind != kRelUnit || m.hasDir) && !aside {
			n.last, n.lastSent = t.Value, sent
			if len(t.Value) == 7 && t.Value[5] == 'Q' && (m.kind == kQuarter || m.kind == kRelUnit) {
				// The quarter a report is about: named ("the fiscal
				// first quarter") or relative ("last quarter"), not
				// reckoned a year back ("the 1988 period").
				n.lastQ, n.lastQSent = t.Value, sent
			}
			if i := strings.IndexByte(t.Value, 'T'); i > 0 {
				n.last = t.Value[:i]
			}
		}
		if t.Type == sitrep.TimeDuration && t.Value == "P9M" {
			n.nineSent = sent + 1
		}
		if t.Precision == "" {
			switch m.typ {
			case sitrep.TimeDate:
				t.Precision = precisionOf(t.Value)
			case sitrep.TimeTime:
				t.Precision = "time"
			case sitrep.TimeDuration, sitrep.TimeSet:
				t.Precision = "unknown"
			}
		}
		t.Mentions = []sitrep.Span{d.TokenSpan(m.i, m.j)}
		out = append(out, t)
	}
	if !s.TimeML {
		extra := append(s.ranges(r, n, ms, ids, out), s.since(r, n, ms, ids)...)
		sort.SliceStable(extra, func(a, b int) bool { return extra[a].Mentions[0].Start < extra[b].Mentions[0].Start })
		out = merge(out, extra)
	}
	for i := range out {
		out[i].ID = "t" + itoa(i+1)
	}
	// Anchors were recorded as indexes; turn them into IDs.
	for i := range out {
		if strings.HasPrefix(out[i].Anchor, "#") {
			k, _ := atoi(out[i].Anchor[1:])
			if k >= 0 && k < len(out) {
				out[i].Anchor = out[k].ID
			} else {
				out[i].Anchor = ""
			}
		}
	}
	return out
}

// timeDay finds the day of a clock time that names none ("at 10 p.m."):
// the day in a parenthesis or weekday right after it ("10:35 a.m. (0735
// GMT) Friday"), else the day mentioned in the same or the previous
// sentence, the one a story is telling. It reports false to leave the
// document date.
func (s *Stage) timeDay(r *recognizer, n *normalizer, ms []mention, k, sent int) (string, bool) {
	if k+1 < len(ms) {
		next := &ms[k+1]
		gap := true
		for i := ms[k].j; i < next.i; i++ {
			t := r.toks[i]
			if !(t.kind == sitrep.TokPunct || t.kind == sitrep.TokNumber || t.w.cls&wTZ != 0) || next.i-ms[k].j > 5 {
				gap = false
				break
			}
		}
		if gap && (next.kind == kWeekday || next.kind == kDate && next.d > 0 || next.kind == kTimeOnly) {
			if v, _ := n.value(next); len(v) >= 10 {
				if _, ok := parseDay(v[:10]); ok {
					return v[:10], true
				}
			}
		}
	}
	if _, ok := parseDay(n.last); ok && sent >= 0 && n.lastSent >= sent-1 && n.lastSent <= sent {
		return n.last, true
	}
	return "", false
}

// countGroups puts the nouns of one count together: the 35th day of the
// invasion is the 35th day of the war.
var countGroups = map[string]string{
	"war": "war", "invasion": "war", "conflict": "war", "offensive": "war", "fighting": "war",
	"occupation": "war", "operation": "war",
}

// onsetCues are words that tell that a date in their neighbourhood is when
// something began.
var onsetCues = map[string]bool{"invasion": true, "invaded": true, "began": true, "begun": true,
	"started": true, "launched": true, "outbreak": true, "start": true, "beginning": true, "invade": true}

func group(noun string) string {
	if g, ok := countGroups[noun]; ok {
		return g
	}
	return noun
}

// countStart finds the first day of the counted noun: a day-precision date
// near an onset cue ("ordered a full-scale invasion of Ukraine on Feb.
// 24"), the earliest such, or else a configured anchor. It returns the
// date, the index of the mention that states it (-1 for configuration) and
// whether one was found.
func (s *Stage) countStart(r *recognizer, n *normalizer, ms []mention, noun string) (day, int, bool) {
	g := group(noun)
	// Remembered per document, so that many counts cost one search each.
	if c, ok := n.starts[g]; ok {
		return c.d, c.k, c.ok
	}
	d, k, ok := s.findStart(r, n, ms, g)
	if n.starts == nil {
		n.starts = map[string]start{}
	}
	n.starts[g] = start{d, k, ok}
	return d, k, ok
}

// start is a remembered result of countStart.
type start struct {
	d  day
	k  int
	ok bool
}

func (s *Stage) findStart(r *recognizer, n *normalizer, ms []mention, g string) (day, int, bool) {
	best, bestK := day{}, -1
	for k := range ms {
		m := &ms[k]
		if m.kind != kDate || m.d == 0 || m.mo == 0 {
			continue
		}
		v, _ := n.value(m)
		dd, ok := parseDay(v)
		if !ok {
			continue
		}
		lo, hi := r.bounds(m.i)
		near := false
		for c := max(lo, m.i-8); c < min(hi, m.j+4); c++ {
			t := r.toks[c].low
			if onsetCues[t] && (group(t) == g || t != "invasion") || group(t) == g && g != t && onsetCues[t] {
				near = true
				break
			}
		}
		if !near {
			continue
		}
		if bestK < 0 || dd.ordinal() < best.ordinal() {
			best, bestK = dd, k
		}
	}
	if bestK >= 0 {
		return best, bestK, true
	}
	for _, a := range s.Anchors {
		for _, w := range a.Nouns {
			if group(strings.ToLower(w)) == g {
				if dd, ok := parseDay(a.Start); ok {
					return dd, -1, true
				}
			}
		}
	}
	return day{}, -1, false
}

// dayCount resolves the n-th day of a counted thing and notes where it
// disagrees with the document date.
func (s *Stage) dayCount(r *recognizer, n *normalizer, ms []mention, ids []int, out []sitrep.Time, m *mention, t *sitrep.Time) {
	var start day
	k, ok := -1, false
	if m.noun != "" {
		start, k, ok = s.countStart(r, n, ms, m.noun)
	}
	what := "day " + itoa(m.n) + " of the " + m.noun
	if m.noun == "" {
		what = "day " + itoa(m.n)
	}
	if !ok {
		if m.present && n.hasDCT {
			// "It's the second day of an offensive": told in the present,
			// the day is the document's.
			t.Value, t.Precision = n.dct.String(), "day"
			t.Note = what + ", told in the present tense: the document date"
			return
		}
		t.Value, t.Precision = "XXXX-XX-XX", "unknown"
		t.Note = what + ": its first day is not known"
		return
	}
	v := start.add(m.n - 1)
	t.Value, t.Precision = v.String(), "day"
	src := "configured start"
	if k >= 0 {
		src = "start stated in the text"
		if ids[k] >= 0 {
			t.Anchor = "#" + itoa(ids[k])
		}
	}
	t.Note = "day " + itoa(m.n) + " of the " + m.noun + " counted from " + start.String() + " (" + src + ")"
	if n.hasDCT {
		switch diff := v.ordinal() - n.dct.ordinal(); {
		case diff > 0:
			t.Note += "; later than the document date " + n.dct.String() + " by " + plural(diff, "day")
		case diff < 0:
			t.Note += "; earlier than the document date " + n.dct.String() + " by " + plural(-diff, "day")
		}
	}
}

func plural(n int, w string) string {
	if n == 1 {
		return "1 " + w
	}
	return itoa(n) + " " + w + "s"
}

// ranges joins "from X to Y", "between X and Y" and "March 1 to 5" into
// one range time; the two dates stay in the record as their own times.
// It returns the ranges only.
func (s *Stage) ranges(r *recognizer, n *normalizer, ms []mention, ids []int, out []sitrep.Time) []sitrep.Time {
	var res []sitrep.Time
	for k := range ms {
		m := &ms[k]
		if ids[k] < 0 || m.typ != sitrep.TimeDate {
			continue
		}
		first := r.is(m.i-1, "from", "between")
		if !first {
			continue
		}
		conj := "to"
		if r.is(m.i-1, "between") {
			conj = "and"
		}
		c := m.j
		if !(r.is(c, conj) || conj == "to" && r.is(c, "until", "through", "till", "-", "–")) {
			continue
		}
		begin := out[ids[k]]
		var end sitrep.Time
		endTok := -1
		if k+1 < len(ms) && ms[k+1].i == c+1 && ids[k+1] >= 0 && ms[k+1].typ == sitrep.TimeDate {
			end, endTok = out[ids[k+1]], ms[k+1].j
		} else if dn, ok := r.dayNum(c + 1); ok && m.kind == kDate && m.d > 0 && r.toks[c+1].kind == sitrep.TokNumber {
			// "between March 1 and 5": the second day takes the first's
			// month and year.
			e := *m
			e.d, e.i, e.j = dn, c+1, c+2
			if r.is(c+2, ",") {
				if y, ok := r.year(c + 3); ok && e.y == 0 {
					e.y = y
				}
			}
			e.i = m.i
			end.Value, _ = n.value(&e)
			endTok = c + 2
		}
		if endTok < 0 || end.Value == "" {
			continue
		}
		res = append(res, sitrep.Time{
			Type: sitrep.TimeDate, Value: begin.Value + "/" + end.Value, Precision: "range",
			Begin: begin.Value, End: end.Value,
			Mentions: []sitrep.Span{r.d.TokenSpan(m.i-1, endTok)},
		})
	}
	return res
}

// since records "since the war began" as the stretch from the war's first
// day to the document date.
func (s *Stage) since(r *recognizer, n *normalizer, ms []mention, ids []int) []sitrep.Time {
	var res []sitrep.Time
	for i := 0; i+3 < len(r.toks); i++ {
		if r.toks[i].low != "since" || !r.is(i+1, "the") || !r.cls(i+2, wCountNoun) || !r.is(i+3, "began", "started", "begun", "broke") {
			continue
		}
		noun := r.toks[i+2].low
		t := sitrep.Time{Type: sitrep.TimeDuration, Value: "PXD", Precision: "range",
			Mentions: []sitrep.Span{r.d.TokenSpan(i, i+4)}}
		if start, k, ok := s.countStart(r, n, ms, noun); ok {
			t.Begin = start.String()
			if k >= 0 && ids[k] >= 0 {
				t.Anchor = "#" + itoa(ids[k])
			}
			if n.hasDCT && n.dct.ordinal() >= start.ordinal() {
				t.End = n.dct.String()
				t.Value = "P" + itoa(n.dct.ordinal()-start.ordinal()) + "D"
			}
			t.Note = "from the start of the " + noun + " to the document date"
		} else {
			t.Note = "the start of the " + noun + " is not known"
		}
		res = append(res, t)
	}
	return res
}

// merge adds extra times to out, keeping text order (by start, longer
// first). Anchor indexes in both are renumbered.
func merge(out, extra []sitrep.Time) []sitrep.Time {
	if len(extra) == 0 {
		return out
	}
	all := make([]sitrep.Time, 0, len(out)+len(extra))
	pos := make([]int, len(out)) // new index of each old one
	i, j := 0, 0
	for i < len(out) || j < len(extra) {
		takeExtra := j < len(extra) && (i >= len(out) || extra[j].Mentions[0].Start < out[i].Mentions[0].Start ||
			extra[j].Mentions[0].Start == out[i].Mentions[0].Start && extra[j].Mentions[0].End > out[i].Mentions[0].End)
		if takeExtra {
			all = append(all, extra[j])
			j++
		} else {
			pos[i] = len(all)
			all = append(all, out[i])
			i++
		}
	}
	for k := range all {
		if strings.HasPrefix(all[k].Anchor, "#") {
			old, _ := atoi(all[k].Anchor[1:])
			if old >= 0 && old < len(pos) {
				all[k].Anchor = "#" + itoa(pos[old])
			}
		}
	}
	return all
}

// ParseAnchors reads anchors written as "war,invasion=2022-02-24;siege=2022-03-01":
// the nouns that name a counted thing, "=", its first day; anchors
// separated by ";". It returns EINVALID naming what is wrong.
func ParseAnchors(s string) ([]Anchor, error) {
	var out []Anchor
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		eq := strings.IndexByte(part, '=')
		if eq <= 0 {
			return nil, sitrep.Errorf(sitrep.EINVALID, "anchor %q: want NOUN[,NOUN...]=YYYY-MM-DD", part)
		}
		start := strings.TrimSpace(part[eq+1:])
		if _, ok := parseDay(start); !ok || len(start) != 10 {
			return nil, sitrep.Errorf(sitrep.EINVALID, "anchor %q: %q is not a date (YYYY-MM-DD)", part, start)
		}
		var nouns []string
		for _, n := range strings.Split(part[:eq], ",") {
			if n = strings.ToLower(strings.TrimSpace(n)); n != "" {
				nouns = append(nouns, n)
			}
		}
		if len(nouns) == 0 {
			return nil, sitrep.Errorf(sitrep.EINVALID, "anchor %q: no noun before =", part)
		}
		out = append(out, Anchor{Nouns: nouns, Start: start})
	}
	return out, nil
}
