// Package event is the event stage: what happened, typed after ACLED (see
// taxonomy.go), with its actors and their sides, place, date, fatalities,
// status, the claims that assert it and the text it rests on.
//
// Detection reads the words of each sentence (trigger words and phrases,
// lexicon.go) and their structure: a passive "by" names the agent, what
// follows the trigger its target, a modal or a later date makes it planned,
// "trying to" ongoing, a negation or a denying claim denied, a claim or a
// hedge claimed. Arguments come from the layers the other stages wrote
// (entities, places, times, figures, claims); when a layer is empty the
// event is kept with that part marked unknown. Mentions of one event across
// sentences (a lead and the quote it summarises) are merged.
package event

import (
	"sitrep/text"
	"slices"
	"sort"
	"strconv"

	"sitrep"
)

// Stage is the event stage of the pipeline. The zero value is ready to use.
type Stage struct{}

var _ sitrep.Stage = (*Stage)(nil)

// New returns the stage.
func New() *Stage { return &Stage{} }

// Contract implements sitrep.Stage.
func (*Stage) Contract() sitrep.Contract {
	return sitrep.Contract{
		Name:  "event",
		Needs: []string{sitrep.LayerEntities, sitrep.LayerPlaces, sitrep.LayerTimes, sitrep.LayerQuantities, sitrep.LayerClaims},
		Sets:  []string{sitrep.LayerEvents},
	}
}

// Annotate implements sitrep.Stage. It appends the events of d to d.Events
// in the order of their first trigger, with IDs V1, V2, ...
func (*Stage) Annotate(d *sitrep.Doc) error {
	a := newAnnotator(d)
	var all []*cand
	for si := range d.Sentences {
		all = append(all, a.sentence(si)...)
	}
	all = a.merge(all)
	n := len(d.Events)
	for _, c := range all {
		n++
		c.ev.ID = "V" + strconv.Itoa(n)
		d.Events = append(d.Events, c.ev)
	}
	return nil
}

// cand is an event being built, with what merging needs to know.
type cand struct {
	ev            sitrep.Event
	strength      int
	inferredActor bool // Actor2 was inferred from Actor1's side
	place         *sitrep.Place
	// Sets of the evidence and claims already held, made on the first
	// merge, so that merging many mentions stays linear.
	seenEv     map[[2]int]bool
	seenClaims map[string]bool
}

// mention is a span of tokens [start, end) that refers to item idx of a
// layer.
type mention struct{ start, end, idx int }

type annotator struct {
	d      *sitrep.Doc
	low    []string
	places []mention // sorted by start
	times  []mention
	ents   []mention
	quants []mention
	// claimOrder lists the claims by the start of their content.
	claimOrder []int
	dct        string
	// The parties of the sentence last asked for: every event of a
	// sentence reads them.
	cacheLo, cacheHi int
	cacheViolent     bool
	cache            []actorMention
}

func newAnnotator(d *sitrep.Doc) *annotator {
	a := &annotator{d: d, low: make([]string, len(d.Tokens))}
	for i := range d.Tokens {
		a.low[i] = lower(d.TokenText(i))
	}
	a.places = a.index(len(d.Places), func(i int) []sitrep.Span { return d.Places[i].Mentions })
	a.times = a.index(len(d.Times), func(i int) []sitrep.Span { return d.Times[i].Mentions })
	a.ents = a.index(len(d.Entities), func(i int) []sitrep.Span { return d.Entities[i].Mentions })
	a.quants = a.index(len(d.Quantities), func(i int) []sitrep.Span {
		if len(d.Quantities[i].Evidence) == 0 {
			return nil
		}
		return d.Quantities[i].Evidence[:1]
	})
	a.claimOrder = make([]int, len(d.Claims))
	for i := range a.claimOrder {
		a.claimOrder[i] = i
	}
	sort.SliceStable(a.claimOrder, func(i, j int) bool {
		return d.Claims[a.claimOrder[i]].Content.Start < d.Claims[a.claimOrder[j]].Content.Start
	})
	dct := d.DCT
	if dct == "" {
		dct = d.Meta.Published
	}
	if len(dct) >= 10 {
		a.dct = dct[:10]
	}
	return a
}

// index turns the mentions of a layer into token ranges sorted by start.
func (a *annotator) index(n int, spans func(int) []sitrep.Span) []mention {
	var ms []mention
	for i := 0; i < n; i++ {
		for _, s := range spans(i) {
			st := a.d.TokenAt(s.Start)
			en := st
			for en < len(a.d.Tokens) && a.d.Tokens[en].Start < s.End {
				en++
			}
			if en > st {
				ms = append(ms, mention{st, en, i})
			}
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
	return ms
}

// maxClaimsBack bounds how many claims starting before a span are tried
// as holding it, so that a document of many claims stays linear.
const maxClaimsBack = 64

// claimsHolding returns the indexes of the claims whose content holds s,
// in document order of their content.
func (a *annotator) claimsHolding(s sitrep.Span) []int {
	cl := a.d.Claims
	k := sort.Search(len(a.claimOrder), func(i int) bool { return cl[a.claimOrder[i]].Content.Start > s.Start })
	var out []int
	for i := k - 1; i >= 0 && i >= k-maxClaimsBack; i-- {
		if ci := a.claimOrder[i]; cl[ci].Content.Contains(s) {
			out = append(out, ci)
		}
	}
	slices.Reverse(out)
	return out
}

// claimSaidBy returns the claim whose saying the trigger of a statement
// is: the claim whose medium holds it, else the one whose cue is nearest
// to it in its sentence.
func (a *annotator) claimSaidBy(trig sitrep.Span, s sitrep.Sentence) *sitrep.Claim {
	var best *sitrep.Claim
	bestDist := -1
	for i := range a.d.Claims {
		cl := &a.d.Claims[i]
		if cl.Parent != "" || cl.Cue.Len() == 0 {
			continue
		}
		if cl.Medium != nil && cl.Medium.Contains(trig) {
			return cl
		}
		if cl.Cue.Start < s.Start || cl.Cue.End > s.End {
			continue
		}
		dist := max(trig.Start-cl.Cue.End, cl.Cue.Start-trig.End, 0)
		if best == nil || dist < bestDist {
			best, bestDist = cl, dist
		}
	}
	return best
}

// within returns the mentions that start in tokens [lo, hi).
func within(ms []mention, lo, hi int) []mention {
	i := sort.Search(len(ms), func(k int) bool { return ms[k].start >= lo })
	j := i
	for j < len(ms) && ms[j].start < hi {
		j++
	}
	return ms[i:j]
}

// hit is a cue found in a sentence.
type hit struct {
	start, end int
	sub        string
	strength   int
	negated    bool
}

// sentence finds the events of sentence si.
func (a *annotator) sentence(si int) []*cand {
	s := a.d.Sentences[si]
	lo, hi := s.FirstTok, s.EndTok
	var hits []hit
	for i := lo; i < hi; i++ {
		list := cues[a.low[i]]
		for _, c := range list {
			n := len(c.words)
			if i+n > hi {
				continue
			}
			ok := true
			for k := 1; k < n; k++ {
				if a.low[i+k] != c.words[k] {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			sub, ok := a.resolve(c, i, i+n, lo, hi)
			if !ok {
				continue
			}
			hits = append(hits, hit{start: i, end: i + n, sub: sub, strength: c.strength, negated: a.negated(i, lo)})
			i += n - 1
			break
		}
	}
	hits = a.protests(hits, lo, hi)
	// Pick the hits that make events: every distinct violent or
	// non-violent primary; consequences, damage and presence only when
	// nothing stronger happened.
	var chosen []hit
	seen := map[string]bool{}
	violent := false
	for _, h := range hits {
		if h.strength == strPrimary && Violent(TypeOf(h.sub)) {
			violent = true
		}
	}
	consequence := false
	for _, h := range hits {
		if h.strength == strConsequence && !h.negated {
			consequence = true
		}
	}
	other := false
	for _, h := range hits {
		switch {
		case h.strength == strPrimary:
		case h.strength == strConsequence && !violent && !h.negated:
			if h.sub == SubAttack {
				h.sub = a.consequenceSub(lo, hi)
			}
		case h.strength == strDamage && !violent && !consequence:
		default:
			continue
		}
		if !seen[h.sub] {
			seen[h.sub] = true
			chosen = append(chosen, h)
			other = true
		}
	}
	short := hi-lo <= 16 // a headline or a caption
	// Weapons supplied are not troops or hardware at a scene.
	supplied := a.anyIn(supplyWords, lo, hi, lo, hi)
	if !other {
		for _, h := range hits {
			if h.strength == strPresence && !supplied && (short || !presenceNouns[a.low[h.start]]) && a.military(lo, hi) {
				chosen = append(chosen, h)
				other = true
				break
			}
		}
	}
	if !other && short && !supplied {
		// Troops or hardware named with nothing happening to them, in a
		// caption: military presence ("Chechen fighters in Mariupol").
		for k := lo; k < hi; k++ {
			if k+1 < hi && media[a.low[k+1]] {
				continue // "drone footage": a camera, not hardware at the scene
			}
			if personnelWords[a.low[k]] || equipmentWords[a.low[k]] || forceNouns[a.low[k]] && k > lo && sideWords[a.low[k-1]] != "" {
				chosen = append(chosen, hit{start: k, end: k + 1, sub: SubChangeActivity, strength: strPresence})
				other = true
				break
			}
		}
	}
	if len(chosen) == 0 {
		for _, h := range hits {
			if h.strength == 0 {
				chosen = append(chosen, h)
				break
			}
		}
	}
	var out []*cand
	for _, h := range chosen {
		out = append(out, a.build(h, si))
	}
	return out
}

// resolve checks a cue against its context and returns the sub-type it
// signals there.
func (a *annotator) resolve(c cue, i, j, lo, hi int) (string, bool) {
	if t := TypeOf(c.sub); (t == TypeExplosions || c.sub == SubDisruptedWeapons) && a.anyIn(supplyWords, i-6, i, lo, hi) {
		return "", false // weapons delivered, not used
	}
	switch c.rule {
	case "capture":
		if a.anyIn(media, i-3, j+3, lo, hi) {
			return "", false // "footage captured by a journalist"
		}
		// "captured two tanks"; or, in a passive, "Russian soldier
		// captured", "was captured by".
		passive := i > lo && beForms[a.low[i-1]] || j >= hi || a.low[j] == "by" || a.d.Tokens[j].Kind == sitrep.TokPunct
		if a.objectIs(j, hi, personnelWords) || a.objectIs(j, hi, equipmentWords) || passive && (a.subjectIs(i, lo, personnelWords) || a.subjectIs(i, lo, equipmentWords)) {
			return SubArmedClash, true
		}
		return c.sub, true
	case "take":
		k := j
		if k < hi && a.low[k] == "the" {
			k++
		}
		if k >= hi {
			return "", false
		}
		t := a.d.Tokens[k]
		first := a.d.Text[t.ByteStart]
		if t.Kind == sitrep.TokWord && first >= 'A' && first <= 'Z' && !months[a.low[k]] {
			return c.sub, true
		}
		if len(within(a.places, k, k+1)) > 0 {
			return c.sub, true
		}
		return "", false
	case "occupied":
		if i > lo && (a.low[i-1] == "the" || a.low[i-1] == "temporarily" || a.low[i-1] == "russian-" || a.low[i-1] == "in" || a.low[i-1] == "of") {
			return "", false
		}
		if j < hi && a.d.Tokens[j].Kind == sitrep.TokWord && isCapital(a.d.TokenText(j)) {
			return "", false // "occupied Kherson": an adjective
		}
		if j < hi {
			switch a.low[j] {
			case "territories", "territory", "areas", "area", "regions", "region", "city", "town", "part", "parts", "zone":
				return "", false
			}
		}
		return c.sub, true
	case "attack":
		if j < hi && (aircraftWords[a.low[j]] || equipmentWords[a.low[j]]) && c.words[0] == "attack" {
			return "", false // "attack helicopter": a kind of hardware
		}
		for k := lo; k < hi; k++ {
			for _, c2 := range cues[a.low[k]] {
				if c2.strength == strPrimary && TypeOf(c2.sub) == TypeExplosions && len(c2.words) == 1 {
					return "", false // the weapon says more than "attack"
				}
			}
		}
		if a.objectIs(j, hi, buildingWords) || j+1 < hi && (a.low[j] == "on" || a.low[j] == "at") && a.objectIs(j+1, hi, buildingWords) {
			return SubShelling, true // fire at buildings: remote violence
		}
		if a.anyIn(civilianWords, i-4, j+5, lo, hi) {
			return SubAttack, true
		}
		return SubArmedClash, true
	case "downed":
		// A manned aircraft brought down is a battle; a missile or drone
		// intercepted is disrupted weapons use.
		if a.anyIn(aircraftWords, i-3, j+3, lo, hi) {
			return SubArmedClash, true
		}
		return SubDisruptedWeapons, true
	case "protest":
		return SubPeacefulProtest, true
	case "liberation":
		// "the liberation of Kherson", not "a liberation mission".
		if j < hi && a.low[j] == "of" || i > lo && a.low[i-1] == "the" {
			return c.sub, true
		}
		return "", false
	case "prisoner":
		return SubArmedClash, true
	case "invasion":
		// "Putin ordered an invasion" is news; "Russia's invasion of
		// Ukraine" is the background of every report since.
		for k := max(lo, i-5); k < min(hi, j+3); k++ {
			switch a.low[k] {
			case "ordered", "launched", "began", "begun", "started", "launch", "order", "begin", "start", "announced":
				return c.sub, true
			}
		}
		return "", false
	case "verb":
		// "did not shell the town", "a shell exploded"; not "counting
		// every shell".
		if i > lo {
			switch a.low[i-1] {
			case "every", "each", "any", "no":
				return "", false
			}
		}
		return c.sub, true
	case "caption":
		// "hit", "impact" are often figurative in running prose ("will hit
		// hard at his ability"); in a caption they are damage.
		if hi-lo > 16 || i > lo && determiners[a.low[i-1]] {
			return "", false // "the impact this action will have"
		}
		return c.sub, true
	}
	return c.sub, true
}

var determiners = map[string]bool{"the": true, "an": true, "its": true, "their": true, "his": true, "her": true, "our": true, "this": true, "that": true}

var beForms = map[string]bool{"was": true, "were": true, "been": true, "being": true, "is": true, "are": true, "be": true}

var months = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true, "november": true, "december": true}

// protests turns weapons used on a protest into its intervention: "shooting
// to disperse the rally" is a protest with intervention, not a clash.
func (a *annotator) protests(hits []hit, lo, hi int) []hit {
	p := -1
	for k, h := range hits {
		if h.sub == SubPeacefulProtest {
			p = k
			break
		}
	}
	if p < 0 {
		return hits
	}
	sub := SubPeacefulProtest
	out := hits[:0:0]
	for _, h := range hits {
		if h.sub == SubPeacefulProtest {
			continue
		}
		if Violent(TypeOf(h.sub)) || h.sub == SubArrests {
			if h.strength == strConsequence {
				sub = SubExcessiveForce
			} else if sub != SubExcessiveForce {
				sub = SubProtestIntervene
			}
			continue
		}
		out = append(out, h)
	}
	for k := lo; k < hi; k++ {
		switch a.low[k] {
		case "disperse", "dispersed", "dispersing", "detained", "arrested", "tear", "stun":
			if sub == SubPeacefulProtest {
				sub = SubProtestIntervene
			}
		}
	}
	h := hits[p]
	h.sub = sub
	return append([]hit{h}, out...)
}

// consequenceSub types a sentence whose only news is that people died or
// were hurt: soldiers dying is a battle, a toll for a period or a country
// is a casualty report, and civilians killed otherwise an attack on them.
func (a *annotator) consequenceSub(lo, hi int) string {
	civ := a.anyIn(civilianWords, lo, hi, lo, hi)
	mil := a.anyIn(personnelWords, lo, hi, lo, hi) || a.anyIn(forceNouns, lo, hi, lo, hi)
	for k := lo; k < hi; k++ {
		switch a.low[k] {
		case "toll", "total", "since", "overall", "tally":
			return SubCasualtyFigure
		}
	}
	for _, m := range within(a.quants, lo, hi) {
		q := a.d.Quantities[m.idx]
		if q.Measure == "killed" || q.Measure == "injured" || q.Measure == "casualties" {
			if q.AsOf != "" || q.Value >= 100 {
				return SubCasualtyFigure
			}
		}
	}
	if mil && !civ {
		return SubArmedClash
	}
	return SubAttack
}

// military reports whether a sentence is about armed forces: a side is
// named, or military hardware.
func isCapital(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

func (a *annotator) military(lo, hi int) bool {
	if hi-lo <= 16 {
		// A caption names a side or a unit and little else.
		for k := lo; k < hi; k++ {
			if sideWords[a.low[k]] != "" {
				return true
			}
		}
		if len(within(a.ents, lo, hi)) > 0 {
			return true
		}
	}
	for k := lo; k < hi; k++ {
		if equipmentWords[a.low[k]] || personnelWords[a.low[k]] || forceNouns[a.low[k]] && a.low[k] != "government" && a.low[k] != "officials" && a.low[k] != "authorities" {
			return true
		}
	}
	return false
}

func (a *annotator) anyIn(set map[string]bool, i, j, lo, hi int) bool {
	for k := max(i, lo); k < min(j, hi); k++ {
		if set[a.low[k]] {
			return true
		}
	}
	return false
}

// objectIs reports whether the noun after token j (past articles, sides and
// adjectives) is in set.
func (a *annotator) objectIs(j, hi int, set map[string]bool) bool {
	for k := j; k < hi && k < j+4; k++ {
		if set[a.low[k]] {
			return true
		}
		if a.low[k] == "by" || a.low[k] == "," || a.low[k] == "in" {
			return false
		}
	}
	return false
}

// subjectIs reports whether a noun in set stands just before token i
// ("Russian soldier captured").
func (a *annotator) subjectIs(i, lo int, set map[string]bool) bool {
	for k := i - 1; k >= lo && k >= i-3; k-- {
		if set[a.low[k]] {
			return true
		}
	}
	return false
}

// negated reports whether a negation stands just before token i in its
// clause ("did not capture", "denied shelling").
func (a *annotator) negated(i, lo int) bool {
	for k := i - 1; k >= lo && k >= i-3; k-- {
		w := a.low[k]
		if w == "," || w == ";" {
			return false
		}
		if negWords[w] {
			return true
		}
	}
	return false
}

// build fills an event's arguments from the sentence around its trigger.
func (a *annotator) build(h hit, si int) *cand {
	d := a.d
	s := d.Sentences[si]
	lo, hi := s.FirstTok, s.EndTok
	c := &cand{strength: h.strength}
	e := &c.ev
	e.SubType = h.sub
	e.Type = TypeOf(h.sub)
	e.Trigger = d.TokenSpan(h.start, h.end)
	e.Evidence = []sitrep.Span{d.Span(s.Start, s.End)}

	// The claims whose content holds the trigger.
	var claim *sitrep.Claim
	for _, ci := range a.claimsHolding(e.Trigger) {
		cl := &d.Claims[ci]
		e.Claims = append(e.Claims, cl.ID)
		if claim == nil || cl.Content.Len() < claim.Content.Len() {
			claim = cl
		}
	}
	// Arguments inside the claim's content are preferred: the time and
	// place outside it are more often those of the saying.
	clo, chi := lo, hi
	if claim != nil {
		clo = max(lo, d.TokenAt(claim.Content.Start))
		chi = min(hi, d.TokenAt(claim.Content.End))
	}

	a.actors(c, h, lo, hi, claim)
	if e.Type == TypeStatement && claim == nil {
		// "…,” he said late Sunday in a video address": the address is
		// the saying of a claim, not something claimed; its speaker is
		// the one who addresses.
		if cl := a.claimSaidBy(e.Trigger, s); cl != nil {
			e.Claims = append(e.Claims, cl.ID)
			if e.Actor1 == nil {
				e.Actor1 = a.speaker(cl)
			}
		}
	}
	a.place(c, h, lo, hi, clo, chi)
	a.date(c, h, lo, hi, clo, chi)
	a.fatalities(c, h, lo, hi)
	a.status(c, h, lo, hi, claim)
	return c
}

// lower is text.Fold: the stages' lexicons share one spelling.
func lower(w string) string { return text.Fold(w) }
