// Package quant is the quant stage: numbers that count something, with what
// they count, what happened to it, how exact they are, the date they hold
// at and who gives them.
//
// A figure is a number (digits with separators, a decimal with a scale word,
// number words, "dozens of", a range) that counts a noun ("1,081
// civilians") or is tied to a measure ("killed", "fled"). Measurements
// (km, days, percent), ordinals, dates, times and identifiers (T-64,
// 9M544) are not figures. A negation that counts ("no one was killed")
// gives a figure of zero.
//
// Conventions: a qualifier is kept as written (Qualifier) and as bounds:
// "nearly 3.8 million" is approximately 3.8 million with High 3.8 million,
// "at least 5" has Low 5, "between 10 and 15" Low 10 and High 15. Value is
// the lower end of a range and of a vague plural ("hundreds of" is Value
// 200, Low 200, High 999), as ACLED codes fatalities conservatively.
package quant

import (
	"sitrep/text"
	"sort"
	"strconv"
	"strings"

	"sitrep"
)

// Stage is the quant stage of the pipeline. The zero value is ready to use.
type Stage struct{}

var _ sitrep.Stage = (*Stage)(nil)

// New returns the stage.
func New() *Stage { return &Stage{} }

// Contract implements sitrep.Stage.
func (*Stage) Contract() sitrep.Contract {
	return sitrep.Contract{
		Name:  "quant",
		Needs: []string{sitrep.LayerTokens, sitrep.LayerSentences, sitrep.LayerTimes, sitrep.LayerClaims},
		Sets:  []string{sitrep.LayerQuantities},
	}
}

// Annotate implements sitrep.Stage. It appends the figures of d to
// d.Quantities, in text order, with IDs Q1, Q2, ...
func (*Stage) Annotate(d *sitrep.Doc) error {
	a := newAnnotator(d)
	for si := range d.Sentences {
		a.sentence(si)
	}
	return nil
}

type annotator struct {
	d   *sitrep.Doc
	low []string
	// inTime marks tokens covered by a time expression: their numbers are
	// dates, not counts.
	inTime []bool
	// asOf maps the first token of a time mention introduced by "as of" to
	// the time's ID.
	asOf       map[int]string
	next       int
	claimOrder []int
}

func newAnnotator(d *sitrep.Doc) *annotator {
	a := &annotator{d: d, low: make([]string, len(d.Tokens)), inTime: make([]bool, len(d.Tokens))}
	for i := range d.Tokens {
		a.low[i] = lower(d.TokenText(i))
	}
	for _, t := range d.Times {
		for _, m := range t.Mentions {
			first := d.TokenAt(m.Start)
			j := first
			for ; j < len(d.Tokens) && d.Tokens[j].Start < m.End; j++ {
				a.inTime[j] = true
			}
			if first < j && a.introducesAsOf(first) {
				if a.asOf == nil {
					a.asOf = map[int]string{}
				}
				if _, ok := a.asOf[first]; !ok {
					a.asOf[first] = t.ID
				}
			}
		}
	}
	a.next = len(d.Quantities) + 1
	a.claimOrder = make([]int, len(d.Claims))
	for i := range a.claimOrder {
		a.claimOrder[i] = i
	}
	sort.SliceStable(a.claimOrder, func(i, j int) bool {
		return d.Claims[a.claimOrder[i]].Content.Start < d.Claims[a.claimOrder[j]].Content.Start
	})
	return a
}

// introducesAsOf reports whether the time mention starting at token i is an
// as-of date: "as of March 25", "as at", or a mention that begins so.
func (a *annotator) introducesAsOf(i int) bool {
	if i+1 < len(a.low) && a.low[i] == "as" && (a.low[i+1] == "of" || a.low[i+1] == "at") {
		return true
	}
	return i >= 2 && a.low[i-2] == "as" && (a.low[i-1] == "of" || a.low[i-1] == "at")
}

// core is a number read from the text.
type core struct {
	start, end int // tokens
	value      float64
	low, high  float64 // for vague plurals; 0 when not set
	vague      bool
	scaled     bool    // a scale word was applied
	scale      float64 // the last scale word's factor
	word       bool    // written in words
}

func (a *annotator) sentence(si int) {
	s := a.d.Sentences[si]
	var figs []sitrep.Quantity
	for i := s.FirstTok; i < s.EndTok; {
		q, end, ok := a.figure(i, s.FirstTok, s.EndTok)
		if !ok {
			i++
			continue
		}
		figs = append(figs, q)
		i = end
	}
	if len(figs) == 0 {
		return
	}
	asOf := ""
	for j := s.FirstTok; j < s.EndTok && a.asOf != nil; j++ {
		if id, ok := a.asOf[j]; ok {
			asOf = id
			break
		}
	}
	for k := range figs {
		q := &figs[k]
		q.ID = "Q" + strconv.Itoa(a.next)
		a.next++
		q.AsOf = asOf
		a.source(q)
		a.d.Quantities = append(a.d.Quantities, *q)
	}
}

// source fills the claim and speaker whose content holds the figure: the
// innermost such claim.
func (a *annotator) source(q *sitrep.Quantity) {
	ev := q.Evidence[0]
	best := -1
	cl := a.d.Claims
	// Claims by the start of their content; a bounded look back keeps a
	// document of many claims linear.
	k := sort.Search(len(a.claimOrder), func(i int) bool { return cl[a.claimOrder[i]].Content.Start > ev.Start })
	for i := k - 1; i >= 0 && i >= k-64; i-- {
		ci := a.claimOrder[i]
		if c := cl[ci]; c.Content.Contains(ev) && (best < 0 || c.Content.Len() < cl[best].Content.Len()) {
			best = ci
		}
	}
	if best < 0 {
		return
	}
	c := a.d.Claims[best]
	q.Claim = c.ID
	if c.Speaker != "unattributed" {
		q.Source = c.Speaker
	}
}

// figure reads a figure starting at token i, within the sentence [lo, hi).
// It returns the figure, the token after it, and whether there was one.
func (a *annotator) figure(i, lo, hi int) (sitrep.Quantity, int, bool) {
	var q sitrep.Quantity
	if z, end, ok := a.zero(i, hi); ok {
		return z, end, true
	}
	c, ok := a.core(i, hi)
	if !ok {
		return q, 0, false
	}
	start, end := c.start, c.end
	q.Value = c.value
	q.Qualifier = sitrep.QualExact
	if c.vague {
		q.Qualifier = sitrep.QualApprox
		q.Low, q.High = ptr(c.low), ptr(c.high)
	}
	// A range: "10 to 15", "10-15", "between 10 and 15".
	between := i-1 >= lo && (a.low[i-1] == "between" || a.low[i-1] == "from")
	if end+1 < hi && (a.low[end] == "to" || a.low[end] == "-" || a.low[end] == "–" || a.low[end] == "—" || between && a.low[end] == "and") {
		if c2, ok := a.core(end+1, hi); ok && !c.vague && !c2.vague {
			lowV := c.value
			if !c.scaled && c2.scaled && lowV*c2.scale <= c2.value {
				lowV *= c2.scale
			}
			if lowV <= c2.value {
				q.Value, q.Qualifier = lowV, sitrep.QualRange
				q.Low, q.High = ptr(lowV), ptr(c2.value)
				end = c2.end
				if between {
					start = i - 1
				}
			}
		}
	}
	// A qualifier before the number (or before "between").
	if q.Qualifier != sitrep.QualRange {
		if qs, ok := a.qualifier(start, lo); ok {
			q.Qualifier = qs.qual
			if qs.low && q.Low == nil {
				q.Low = ptr(q.Value)
			}
			if qs.high && q.High == nil {
				q.High = ptr(q.Value)
			}
			start -= len(qs.words)
		}
	}
	// The noun counted, after the number.
	unit, measure, uEnd, ok := a.unit(end, hi, c)
	if !ok {
		return q, 0, false
	}
	mStart, mEnd := -1, -1
	if measure == "" {
		window := 10
		if unit == "" {
			// Without a noun the measure must be close: "12 were killed".
			window = 4
		}
		measure, mStart, mEnd = a.measure(start, max(uEnd, end), lo, hi, window)
	}
	if unit == "" && measure == "" {
		return q, 0, false
	}
	// A year-like number counts only a known kind of person ("2000
	// soldiers"); otherwise it is a date the times stage missed.
	if !c.word && !c.scaled && c.end == c.start+1 && yearLike(a.low[c.start]) && !personUnits[unit] {
		return q, 0, false
	}
	q.Unit, q.Measure = unit, measure
	q.Evidence = []sitrep.Span{a.d.TokenSpan(start, max(uEnd, end))}
	if mStart >= 0 && (mEnd <= start || mStart >= max(uEnd, end)) {
		q.Evidence = append(q.Evidence, a.d.TokenSpan(mStart, mEnd))
	}
	return q, max(uEnd, end), true
}

func yearLike(s string) bool {
	if len(s) != 4 {
		return false
	}
	v, err := strconv.Atoi(s)
	return err == nil && v >= 1900 && v <= 2100
}

func ptr(v float64) *float64 { return &v }

// core reads a number at token i: digits, digits with a scale ("3.8
// million", "3.8m"), number words ("two dozen", "twenty-five", "a
// hundred"), or a vague plural ("hundreds of", "tens of thousands of").
func (a *annotator) core(i, hi int) (core, bool) {
	c := core{start: i}
	d := a.d
	t := d.Tokens[i]
	w := a.low[i]
	if a.inTime[i] {
		return c, false
	}
	switch {
	case t.Kind == sitrep.TokNumber:
		if strings.ContainsAny(w, ":/-") || strings.HasSuffix(w, "st") || strings.HasSuffix(w, "nd") ||
			strings.HasSuffix(w, "rd") || strings.HasSuffix(w, "th") {
			return c, false
		}
		// Glued to a word before it: part of a name (9M544 reads 9 + M544,
		// "No.5").
		if i > 0 && !t.SpaceBefore && (d.Tokens[i-1].Kind == sitrep.TokWord || d.Tokens[i-1].Kind == sitrep.TokNumber || a.low[i-1] == "#" || a.low[i-1] == "$" || a.low[i-1] == "€" || a.low[i-1] == "£" || a.low[i-1] == "₴") {
			return c, false
		}
		if i > 0 && (a.low[i-1] == "no." || a.low[i-1] == "number" || months[a.low[i-1]]) {
			return c, false
		}
		v, ok := ParseNumber(w)
		if !ok {
			return c, false
		}
		c.value, c.end = v, i+1
		if c.end < len(d.Tokens) && !d.Tokens[c.end].SpaceBefore && d.Tokens[c.end].Kind == sitrep.TokWord {
			// "3.8m", "20k": a scale glued on; anything else glued on
			// ("9M544") makes it an identifier.
			f, ok := scales[a.low[c.end]]
			if !ok || a.low[c.end] == "hundred" || a.low[c.end] == "dozen" {
				return c, false
			}
			c.value *= f
			c.scaled, c.scale = true, f
			c.end++
		}
		if c.end < len(d.Tokens) && !d.Tokens[c.end].SpaceBefore && (a.low[c.end] == "%" || d.Tokens[c.end].Kind == sitrep.TokNumber) {
			return c, false
		}
	case t.Kind == sitrep.TokWord:
		if v, ok := WordValue(w); ok {
			if i > 0 && determiners[a.low[i-1]] {
				return c, false
			}
			c.value, c.end, c.word = v, i+1, true
			break
		}
		if f, ok := vague[w]; ok {
			// "hundreds of", "tens of thousands of".
			low, high := 2*f, 10*f-1
			if w == "dozens" {
				low, high = 24, 99
			}
			j := i + 1
			if j+1 < hi && a.low[j] == "of" {
				if g, ok := vague[a.low[j+1]]; ok && g > f {
					low, high = 2*f*g, 10*f*g-1
					if f == 10 {
						low, high = 20*g, 100*g-1
					}
					j += 2
				}
			}
			if f == 10 && j == i+1 {
				return c, false // "tens" alone is not a figure
			}
			if j >= hi || !(a.low[j] == "of" || personUnits[a.low[j]] || measureWords[a.low[j]] != "") {
				return c, false // "millions equipment", "hundreds said"
			}
			c.value, c.low, c.high, c.vague, c.word, c.end = low, low, high, true, true, j
			return c, true
		}
		if (w == "a" || w == "an") && i+1 < hi {
			if _, ok := scales[a.low[i+1]]; ok && d.Tokens[i+1].Kind == sitrep.TokWord && len(a.low[i+1]) > 3 {
				c.value, c.end, c.word = 1, i+1, true
				break
			}
		}
		return c, false
	default:
		return c, false
	}
	// Scale words: "3.8 million", "two hundred thousand", "two dozen",
	// "one hundred and twenty".
	total, cur := 0.0, c.value
	for c.end < hi {
		w := a.low[c.end]
		if f, ok := scales[w]; ok && d.Tokens[c.end].Kind == sitrep.TokWord && len(w) > 3 {
			cur *= f
			c.scaled, c.scale = true, f
			c.end++
			if f >= 1000 {
				total += cur
				cur = 0
			}
			continue
		}
		if c.word && c.scaled {
			k := c.end
			if w == "and" && k+1 < hi {
				k++
			}
			if v, ok := WordValue(a.low[k]); ok && v < 100 {
				cur += v
				c.end = k + 1
				continue
			}
		}
		break
	}
	c.value = total + cur
	if c.value > MaxValue {
		return c, false
	}
	return c, true
}

// qualifier returns the qualifier that ends just before token i.
func (a *annotator) qualifier(i, lo int) (qualifier, bool) {
	for _, q := range qualifiers {
		n := len(q.words)
		if i-n < lo {
			continue
		}
		ok := true
		for k, w := range q.words {
			if a.low[i-n+k] != w {
				ok = false
				break
			}
		}
		if ok {
			return q, true
		}
	}
	return qualifier{}, false
}

// unit reads what the figure counts, after token i. It returns the unit,
// a measure when the counted word names one ("deaths"), the token after
// the unit, and false when the noun makes the number a measurement.
func (a *annotator) unit(i, hi int, c core) (string, string, int, bool) {
	j := i
	if j < hi && a.low[j] == "of" && (c.vague || c.scaled) {
		j++
		if j < hi && a.low[j] == "the" {
			j++
		}
	} else if j < hi && a.low[j] == "of" {
		if c.word {
			return "", "", i, false // "one of many", "two of them"
		}
		return "", "", i, true
	}
	for k := 0; k < 4 && j < hi; k++ {
		t := a.d.Tokens[j]
		w := a.low[j]
		if t.Kind != sitrep.TokWord {
			return "", "", i, !(t.Kind == sitrep.TokSymbol && (w == "%" || w == "°"))
		}
		if nonCount[w] {
			return "", "", i, false
		}
		if months[w] && !c.vague && c.value >= 1 && c.value <= 31 && c.value == float64(int(c.value)) {
			return "", "", i, false
		}
		if u, ok := measureNouns[w]; ok {
			// "civilian deaths" counts civilians.
			if j > i && a.low[j-1] == "civilian" {
				u = "civilians"
			}
			return u, measureWords[w], j + 1, true
		}
		if m, ok := measureWords[w]; ok {
			// "two deceased civilians", "12 wounded soldiers": the
			// measure stands before the noun.
			if j+1 < hi && personUnits[a.low[j+1]] {
				return a.low[j+1], m, j + 2, true
			}
			return "", "", i, true
		}
		if stops[w] {
			return "", "", i, true
		}
		first := a.d.Text[t.ByteStart]
		if modifiers[w] || first >= 'A' && first <= 'Z' && (sideWord(w) || j+1 < hi && a.low[j+1] == "'s") {
			if a.low[j] == "of" && j == i {
				return "", "", i, true
			}
			j++
			if j < hi && a.low[j] == "'s" {
				j++
			}
			continue
		}
		if first >= 'A' && first <= 'Z' && j > i {
			// A proper noun after modifiers: "two Su-25": count the thing.
			return w, "", j + 1, true
		}
		if first >= 'A' && first <= 'Z' {
			return "", "", i, true
		}
		if hyphenNonCount(w) {
			return "", "", i, false // "2,485 sq-mile"
		}
		// The head of a compound: "two major debt ratings agencies",
		// "95 multiple rocket launcher systems".
		end := j + 1
		for end < hi && end < j+4 && a.nounish(end) {
			end++
		}
		return a.low[end-1], "", end, true
	}
	return "", "", i, true
}

// nounish reports whether token k can continue a noun phrase: a lower-case
// word that is not a function word, a measure, a verb form in -ed or -ing,
// or a unit of measurement.
func (a *annotator) nounish(k int) bool {
	t := a.d.Tokens[k]
	w := a.low[k]
	if t.Kind != sitrep.TokWord || !t.SpaceBefore || stops[w] || nonCount[w] || measureWords[w] != "" {
		return false
	}
	if c := a.d.Text[t.ByteStart]; c < 'a' || c > 'z' {
		return false
	}
	if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ly") || w == "shot" || w == "hit" {
		return false
	}
	return true
}

func hyphenNonCount(w string) bool {
	if i := strings.LastIndexByte(w, '-'); i >= 0 {
		return nonCount[w[i+1:]]
	}
	return false
}

func sideWord(w string) bool {
	switch w {
	case "russian", "ukrainian", "belarusian", "chechen", "russia", "ukraine", "dpr", "lpr", "dnr", "lnr":
		return true
	}
	return false
}

// measure finds what happened to the counted thing: a measure word just
// before the figure ("killing at least 12") or within the clause after it
// ("1,081 civilians were killed").
func (a *annotator) measure(start, end, lo, hi, window int) (string, int, int) {
	for k := start - 1; k >= lo && k >= start-2; k-- {
		if m, ok := measureWords[a.low[k]]; ok && a.low[k] != "toll" {
			return m, k, k + 1
		}
		if a.low[k] == "the" || a.low[k] == "a" {
			continue
		}
		if k < start-1 {
			break
		}
	}
	// "the death toll rose to 50".
	for k := start - 1; k >= lo && k >= start-5; k-- {
		if a.low[k] == "toll" {
			return MeasureKilled, k, k + 1
		}
	}
	for k := end; k < hi && k < end+window; k++ {
		w := a.low[k]
		switch w {
		case ";", ":", "but", "while", "whereas", "although", "(", ")":
			return "", -1, -1
		}
		if w == "including" || w == "among" {
			// "5,000 people, including 210 children, were killed": the
			// aside has figures of its own.
			for k+1 < hi && k < end+window && a.low[k+1] != "," {
				k++
			}
			continue
		}
		if a.d.Tokens[k].Kind == sitrep.TokNumber {
			return "", -1, -1
		}
		if m, ok := measureWords[w]; ok {
			if w == "toll" {
				continue
			}
			// "taken prisoner", "lost their lives".
			return m, k, k + 1
		}
		if w == "prisoner" || w == "captive" {
			return MeasureCaptured, k, k + 1
		}
		if w == "lives" && k > end && a.low[k-1] == "their" {
			return MeasureKilled, k, k + 1
		}
	}
	return "", -1, -1
}

// zero reads a figure of zero from a negation that counts: "no one was
// killed", "nobody was hurt", "no civilians were killed", "no casualties".
func (a *annotator) zero(i, hi int) (sitrep.Quantity, int, bool) {
	var q sitrep.Quantity
	w := a.low[i]
	end, unit := 0, ""
	switch {
	case w == "nobody" || w == "none":
		end, unit = i+1, "people"
	case w == "no" && i+1 < hi && a.low[i+1] == "one":
		end, unit = i+2, "people"
	case w == "no" && i+1 < hi:
		j := i + 1
		for j < hi && j < i+3 && modifiers[a.low[j]] && a.low[j] != "of" {
			j++
		}
		if j >= hi {
			return q, 0, false
		}
		n := a.low[j]
		if u, ok := measureNouns[n]; ok {
			q.Value, q.Qualifier, q.Unit, q.Measure = 0, sitrep.QualExact, u, measureWords[n]
			if a.low[j-1] == "civilian" {
				q.Unit = "civilians"
			}
			q.Evidence = []sitrep.Span{a.d.TokenSpan(i, j+1)}
			return q, j + 1, true
		}
		if !personUnits[n] {
			return q, 0, false
		}
		end, unit = j+1, n
	default:
		return q, 0, false
	}
	m, ms, me := a.measure(end, end, i, hi, 6)
	if m == "" {
		return q, 0, false
	}
	q.Value, q.Qualifier, q.Unit, q.Measure = 0, sitrep.QualExact, unit, m
	q.Evidence = []sitrep.Span{a.d.TokenSpan(i, end), a.d.TokenSpan(ms, me)}
	return q, end, true
}

// lower is text.Fold: the stages' lexicons share one spelling.
func lower(w string) string { return text.Fold(w) }
