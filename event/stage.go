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
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

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
	dct    string
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
	if len(hits) == 0 {
		return nil
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
	if !other {
		for _, h := range hits {
			if h.strength == strPresence && a.military(lo, hi) {
				chosen = append(chosen, h)
				other = true
				break
			}
		}
	}
	if !other {
		// Troops or hardware named with nothing happening to them:
		// military presence ("Chechen fighters in Mariupol").
		for k := lo; k < hi; k++ {
			if personnelWords[a.low[k]] || equipmentWords[a.low[k]] {
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
		if i > lo && (a.low[i-1] == "the" || a.low[i-1] == "temporarily" || a.low[i-1] == "russian-") {
			return "", false
		}
		if j < hi {
			switch a.low[j] {
			case "territories", "territory", "areas", "area", "regions", "region", "city", "town", "part", "parts", "zone":
				return "", false
			}
		}
		return c.sub, true
	case "attack":
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
		if a.anyIn(civilianWords, j, j+5, lo, hi) {
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
	case "prisoner":
		return SubArmedClash, true
	}
	return c.sub, true
}

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
func (a *annotator) military(lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if sideWords[a.low[k]] != "" || equipmentWords[a.low[k]] || personnelWords[a.low[k]] || forceNouns[a.low[k]] {
			return true
		}
	}
	return len(within(a.ents, lo, hi)) > 0
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
	for ci := range d.Claims {
		cl := &d.Claims[ci]
		if cl.Content.Contains(e.Trigger) {
			e.Claims = append(e.Claims, cl.ID)
			if claim == nil || cl.Content.Len() < claim.Content.Len() {
				claim = cl
			}
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
	a.place(c, h, lo, hi, clo, chi)
	a.date(c, h, lo, hi, clo, chi)
	a.fatalities(c, h, lo, hi)
	a.status(c, h, lo, hi, claim)
	return c
}

// actorMention is a party named in a sentence.
type actorMention struct {
	start, end int
	actor      sitrep.Actor
	civilian   bool
}

var adjectives = map[string]bool{"russian": true, "ukrainian": true, "belarusian": true, "belarussian": true,
	"belerusian": true, "chechen": true, "pro-russian": true, "russia-backed": true, "ukrainians": false}

// stateNames name a side in non-violent events ("talks with Ukraine").
var stateNames = map[string]string{SideRU: "Russia", SideUA: "Ukraine", SideBY: "Belarus"}

// mentions lists the parties named in tokens [lo, hi): entities from the
// ner stage and side words, merged where they overlap, and civilians.
func (a *annotator) mentions(lo, hi int, violent bool) []actorMention {
	if a.cache != nil && a.cacheLo == lo && a.cacheHi == hi && a.cacheViolent == violent {
		return slices.Clone(a.cache)
	}
	d := a.d
	var out []actorMention
	// Tokens covered by an entity mention; mentions come sorted, so the
	// furthest end so far is enough.
	coverEnd := make(map[int]int)
	covered := func(k int) bool {
		for s := k; s >= lo && s > k-8; s-- {
			if e, ok := coverEnd[s]; ok && k < e {
				return true
			}
		}
		return false
	}
	for _, m := range within(a.ents, lo, hi) {
		ent := d.Entities[m.idx]
		side := ent.Side
		if side == "" {
			side = sideWords[strings.ToLower(ent.Name)]
		}
		switch ent.Type {
		case sitrep.PER, sitrep.ORG, sitrep.NORP:
		case sitrep.GPE:
			if side == "" {
				continue // a town is a place, not a party
			}
		default:
			continue
		}
		end := min(m.end, hi)
		name := ent.Name
		if ent.Type == sitrep.NORP || ent.Type == sitrep.GPE {
			// "Ukrainian forces": extend the adjective by its noun.
			k := end
			if k < hi && a.low[k] == "'s" {
				k++
			}
			if k < hi && forceNouns[a.low[k]] {
				end = k + 1
				name = d.Slice(d.Tokens[m.start].Start, d.Tokens[end-1].End)
			} else if ent.Type == sitrep.NORP && side != "" {
				name = sideName(side, violent)
			}
		}
		out = append(out, actorMention{start: m.start, end: end, actor: sitrep.Actor{Entity: ent.ID, Name: name, Side: side,
			Evidence: []sitrep.Span{d.TokenSpan(m.start, end)}}})
		if end > coverEnd[m.start] {
			coverEnd[m.start] = end
		}
	}
	for k := lo; k < hi; k++ {
		w := a.low[k]
		if side := sideWords[w]; side != "" && !covered(k) && !a.isPlace(k, lo) {
			end := k + 1
			j := end
			if j < hi && a.low[j] == "'s" {
				j++
			}
			for j < hi && j < end+2 && (a.low[j] == "state" || a.low[j] == "armed" || a.low[j] == "military" && j+1 < hi && forceNouns[a.low[j+1]]) {
				j++
			}
			name := ""
			if j < hi && forceNouns[a.low[j]] {
				end = j + 1
				name = d.Slice(d.Tokens[k].Start, d.Tokens[end-1].End)
			} else if adjectives[w] {
				name = sideName(side, violent)
			} else {
				name = d.TokenText(k)
			}
			out = append(out, actorMention{start: k, end: end, actor: sitrep.Actor{Name: name, Side: side,
				Evidence: []sitrep.Span{d.TokenSpan(k, end)}}})
			k = end - 1
			continue
		}
		if civilianWords[w] && !covered(k) && !(k > lo && civilianWords[a.low[k-1]]) {
			out = append(out, actorMention{start: k, end: k + 1, civilian: true,
				actor: sitrep.Actor{Name: "Civilians", Evidence: []sitrep.Span{d.TokenSpan(k, k+1)}}})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	a.cacheLo, a.cacheHi, a.cacheViolent, a.cache = lo, hi, violent, out
	return slices.Clone(out)
}

// isPlace reports whether token k is a place named after a locative
// preposition ("killed in Ukraine"): a place, not a party.
func (a *annotator) isPlace(k, lo int) bool {
	if k == lo || !placePreps[a.low[k-1]] || a.low[k-1] == "of" || a.low[k-1] == "from" {
		return false
	}
	return len(within(a.places, k, k+1)) > 0
}

func sideName(side string, violent bool) string {
	if violent {
		if n := forceNames[side]; n != "" {
			return n
		}
	}
	if n := stateNames[side]; n != "" {
		return n
	}
	return side
}

// actors picks Actor1 (who acts) and Actor2 (who is acted on): the agent of
// a passive ("retaken by Ukrainian forces"), else the party before the
// trigger; the target after it; civilians when they are hit. Territory that
// changes hands names the side that lost it even when the text does not.
func (a *annotator) actors(c *cand, h hit, lo, hi int, claim *sitrep.Claim) {
	e := &c.ev
	violent := Violent(e.Type) || e.Type == TypeCasualtyReport
	ms := a.mentions(lo, hi, violent)
	if claim != nil {
		// The parties of a claimed event are named in what is claimed;
		// the speaker is not one of them.
		kept := ms[:0]
		for _, m := range ms {
			sp := a.d.TokenSpan(m.start, m.end)
			if claim.Content.Contains(sp) {
				kept = append(kept, m)
			}
		}
		ms = kept
	}
	var a1, a2 *actorMention
	// Passive: "by" after the trigger names the agent, as does "because
	// of".
	for k := h.end; k < hi && k < h.end+7; k++ {
		if a.low[k] == ";" {
			break
		}
		if a.low[k] != "by" && !(a.low[k] == "of" && a.low[k-1] == "because") {
			continue
		}
		for i := range ms {
			if ms[i].start > k && ms[i].start <= k+3 && !ms[i].civilian {
				a1 = &ms[i]
				break
			}
		}
		break
	}
	canCiv := !violent
	if a1 == nil {
		best := -1
		for i := range ms {
			m := &ms[i]
			if m.end <= h.start && h.start-m.end <= 12 && (canCiv || !m.civilian) {
				best = i
			}
		}
		if best >= 0 {
			a1 = &ms[best]
		}
	}
	for i := range ms {
		m := &ms[i]
		if m == a1 || m.start < h.end || m.start-h.end > 10 {
			continue
		}
		if a1 != nil && (m.actor.Side == a1.actor.Side && !m.civilian || a1.civilian && m.civilian) {
			continue
		}
		a2 = m
		break
	}
	if a2 == nil {
		// The subject of a passive, or civilians hit anywhere in the
		// sentence.
		for i := range ms {
			m := &ms[i]
			if m == a1 {
				continue
			}
			if m.end <= h.start && a1 != nil && a1.start > h.start && m.actor.Side != a1.actor.Side {
				a2 = m
			}
			if a2 == nil && m.civilian && violent {
				a2 = m
			}
		}
	}
	if a1 != nil {
		e.Actor1 = ptrActor(a1.actor)
	}
	if a2 != nil {
		e.Actor2 = ptrActor(a2.actor)
	}
	if e.Actor1 == nil && claim != nil && claim.Speaker != "" && claim.Speaker != "unattributed" &&
		(e.Type == TypeNegotiations || e.Type == TypeStatement || e.SubType == SubRegains) {
		// "Irpin has been liberated", says its mayor: his side retook it;
		// a spokesman announcing talks speaks for a party to them.
		for _, ent := range a.d.Entities {
			if ent.ID == claim.Speaker {
				act := sitrep.Actor{Entity: ent.ID, Name: ent.Name, Side: ent.Side, Evidence: claim.Source}
				if e.SubType == SubRegains {
					if ent.Side == "" {
						break
					}
					act = sitrep.Actor{Name: forceNames[ent.Side], Side: ent.Side, Evidence: claim.Source}
				}
				e.Actor1 = &act
				break
			}
		}
	}
	if (e.SubType == SubRegains || e.SubType == SubOvertakes) && e.Actor1 != nil && e.Actor2 != nil && e.Actor1.Side == e.Actor2.Side {
		e.Actor2 = nil // a territory changes hands between sides
	}
	if (e.SubType == SubRegains || e.SubType == SubOvertakes) && e.Actor1 != nil && e.Actor2 == nil {
		if opp := opposite[e.Actor1.Side]; opp != "" {
			// The side that held it before: the word "liberated" or
			// "captured" is the evidence.
			e.Actor2 = &sitrep.Actor{Name: forceNames[opp], Side: opp, Evidence: []sitrep.Span{e.Trigger}}
			c.inferredActor = true
		}
	}
}

func ptrActor(a sitrep.Actor) *sitrep.Actor { return &a }

// place picks the event's place among the places of its sentence: the most
// specific, introduced by a locative preposition, nearest the trigger,
// inside the claim when the event is claimed. Without one, the last place
// named before it in the same paragraph, or in the title of a short text.
func (a *annotator) place(c *cand, h hit, lo, hi, clo, chi int) {
	e := &c.ev
	e.PlacePrecision = Unknown
	d := a.d
	preps := placePreps
	if e.Type == TypeNegotiations || e.Type == TypeStatement {
		preps = map[string]bool{"in": true, "at": true, "for": true, "to": true}
	}
	best, bestScore := -1, math.Inf(-1)
	for _, m := range within(a.places, lo, hi) {
		p := d.Places[m.idx]
		score := 0.0
		switch p.Precision {
		case sitrep.PrecisionTown, sitrep.PrecisionNearTown:
			score = 3
		case sitrep.PrecisionRegion:
			score = 2
		case sitrep.PrecisionCountry:
			score = 1
		}
		prep := m.start > lo && preps[a.low[m.start-1]] || m.start > lo+1 && a.low[m.start-1] == "the" && preps[a.low[m.start-2]]
		if prep {
			score += 2
		} else if (e.Type == TypeNegotiations || e.Type == TypeStatement) && p.Precision == sitrep.PrecisionCountry {
			continue // "talks with Ukraine": a party, not a place
		}
		if m.start > lo && (a.low[m.start-1] == "with" || a.low[m.start-1] == "against") {
			continue
		}
		if m.start >= clo && m.start < chi {
			score += 1
		}
		dist := m.start - h.end
		if dist < 0 {
			dist = h.start - m.end
		}
		score -= float64(max(dist, 0)) / 15
		if score > bestScore {
			best, bestScore = m.idx, score
		}
	}
	var from []mention
	if best < 0 {
		// The last place before the sentence in its paragraph, or the
		// title's in a short text (an incident title and description).
		para := d.Sentences[a.d.SentenceOf(lo)].Paragraph
		first := lo
		for si := d.SentenceOf(lo) - 1; si >= 0 && d.Sentences[si].Paragraph == para; si-- {
			first = d.Sentences[si].FirstTok
		}
		from = within(a.places, first, lo)
		if len(from) == 0 && len(d.Tokens) <= 120 {
			from = within(a.places, 0, len(d.Tokens))
		}
		for _, m := range from {
			p := d.Places[m.idx]
			if best < 0 || rank(p.Precision) > rank(d.Places[best].Precision) {
				best = m.idx
			}
		}
	}
	if best < 0 {
		return
	}
	p := &d.Places[best]
	c.place = p
	e.Place = p.ID
	e.PlacePrecision = p.Precision
	if e.PlacePrecision == "" {
		e.PlacePrecision = sitrep.PrecisionUnresolved
	}
	// "near Kyiv", "on the outskirts of", "NW of Irpin": near the town.
	for _, m := range within(a.places, lo, hi) {
		if m.idx != best {
			continue
		}
		near := p.Relation == "near" || p.Relation == "outskirts"
		for k := max(lo, m.start-4); k < m.start; k++ {
			if nearWords[a.low[k]] {
				near = true
			}
		}
		if near && (p.Precision == sitrep.PrecisionTown || p.Precision == "") {
			e.PlacePrecision = sitrep.PrecisionNearTown
		}
		e.Evidence = append(e.Evidence, a.d.TokenSpan(m.start, m.end))
		break
	}
}

func rank(precision string) int {
	switch precision {
	case sitrep.PrecisionTown:
		return 4
	case sitrep.PrecisionNearTown:
		return 3
	case sitrep.PrecisionRegion:
		return 2
	case sitrep.PrecisionCountry:
		return 1
	}
	return 0
}

// date picks the event's date among the times of its sentence, nearest the
// trigger, inside the claim when it is claimed; a duration ("for almost a
// month") ends at the report's day. Without one the date is the report's
// day, marked inferred, or unknown.
func (a *annotator) date(c *cand, h hit, lo, hi, clo, chi int) {
	e := &c.ev
	d := a.d
	best, bestDist := -1, 0
	var bm mention
	for _, m := range within(a.times, clo, chi) {
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
	if e.DatePrecision == "" {
		e.DatePrecision = precisionOf(t.Value)
	}
	if t.Mod == "APPROX" {
		e.DateMod = "APPROX"
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
	if a.anyIn(media, lo, hi, lo, hi) && e.DateMod == "" && t.Type != sitrep.TimeDuration {
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

// fatalities takes the deaths of a violent event or a casualty report from
// the figures of its sentence: the largest count of killed.
func (a *annotator) fatalities(c *cand, h hit, lo, hi int) {
	e := &c.ev
	if !Violent(e.Type) && e.Type != TypeCasualtyReport {
		return
	}
	var best *sitrep.Quantity
	for _, m := range within(a.quants, lo, hi) {
		q := &a.d.Quantities[m.idx]
		if q.Measure != "killed" {
			continue
		}
		if best == nil || q.Value > best.Value {
			best = q
		}
	}
	if best == nil {
		return
	}
	f := &sitrep.Fatalities{Quantity: best.ID, Low: best.Low, High: best.High}
	v := best.Value
	f.Best = &v
	if f.Low == nil && best.Qualifier == sitrep.QualExact {
		f.Low, f.High = &v, &v
	}
	e.Fatalities = f
	e.Evidence = append(e.Evidence, best.Evidence...)
}

// status says whether the event occurred, is claimed, planned, denied or
// ongoing.
func (a *annotator) status(c *cand, h hit, lo, hi int, claim *sitrep.Claim) {
	e := &c.ev
	// The clause before the trigger, and just after it ("talks will
	// resume").
	start := h.start
	for start > lo && h.start-start < 8 && a.low[start-1] != ";" && a.low[start-1] != "," {
		start--
	}
	planned, ongoing := false, false
	for k := start; k < min(hi, h.end+3); k++ {
		w := a.low[k]
		if futureWords[w] || (w == "to" && k+1 < hi && (a.low[k+1] == "be" || a.low[k+1] == "resume" || a.low[k+1] == "begin" || a.low[k+1] == "hold")) {
			planned = true
		}
		if w == "leaving" || w == "heading" {
			planned = true
		}
		if ongoingWords[w] && k < h.start {
			ongoing = true
		}
		if (w == "been" && k+1 < hi && strings.HasSuffix(a.low[k+1], "ing")) && k < h.start {
			ongoing = true
		}
	}
	if e.DateValue != "" && !e.DateInferred && a.dct != "" && len(e.DateValue) >= 10 && e.DateValue[:10] > a.dct && !strings.Contains(e.DateValue, "/") {
		planned = true
	}
	hedged := false
	for k := lo; k < hi; k++ {
		if hedgeWords[a.low[k]] {
			hedged = true
		}
		if len(a.d.Claims) == 0 && sayWords[a.low[k]] {
			hedged = true
		}
	}
	claimed := false
	denied := h.negated
	if claim != nil {
		switch claim.Polarity {
		case "denied":
			denied = true
		default:
			claimed = claim.Speaker != "unattributed" && claim.Speaker != ""
		}
	}
	switch {
	case denied && !ongoing:
		e.Status = sitrep.EventDenied
	case planned:
		e.Status = sitrep.EventPlanned
	case ongoing:
		e.Status = sitrep.EventOngoing
	case claimed || hedged:
		e.Status = sitrep.EventClaimed
	default:
		e.Status = sitrep.EventOccurred
	}
}

// merge joins the mentions of one event: same sub-type, compatible place
// and date, compatible status. Each candidate is compared with a bounded
// number of earlier ones, so merging stays linear.
func (a *annotator) merge(cs []*cand) []*cand {
	const window = 8
	var out []*cand
	byKey := map[string][]int{}
	for _, c := range cs {
		key := c.ev.SubType
		merged := false
		list := byKey[key]
		for k := len(list) - 1; k >= 0 && k >= len(list)-window; k-- {
			o := out[list[k]]
			if a.compatible(o, c) {
				a.absorb(o, c)
				merged = true
				break
			}
		}
		if !merged {
			byKey[key] = append(byKey[key], len(out))
			out = append(out, c)
		}
	}
	return out
}

func family(status string) string {
	if status == sitrep.EventClaimed {
		return sitrep.EventOccurred
	}
	return status
}

func (a *annotator) compatible(x, y *cand) bool {
	ex, ey := &x.ev, &y.ev
	if family(ex.Status) != family(ey.Status) {
		return false
	}
	if ex.Fatalities != nil && ey.Fatalities != nil && *ex.Fatalities.Best != *ey.Fatalities.Best {
		return false
	}
	if ex.Type == TypeCasualtyReport || ex.Type == TypeStatement {
		return false // each figure and each statement is its own
	}
	if !placesCompatible(x.place, y.place) {
		return false
	}
	if !(ex.DateValue == ey.DateValue || ex.DateInferred || ey.DateInferred || ex.Status == sitrep.EventPlanned && daysApart(ex.DateValue, ey.DateValue) <= 7) {
		return false
	}
	if ex.Actor1 != nil && ey.Actor1 != nil && ex.Actor1.Side != ey.Actor1.Side && ex.Type != TypeNegotiations {
		return false
	}
	return true
}

// daysApart returns the days between two ISO days, or a large number when
// either is not a day.
func daysApart(x, y string) int {
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

// placesCompatible reports whether two places can be where one event
// happened: the same, one unknown, one a country or region holding the
// other, or towns within 30 km (Irpin on the edge of Kyiv).
func placesCompatible(p, q *sitrep.Place) bool {
	if p == nil || q == nil || p.ID == q.ID {
		return true
	}
	if p.Precision == sitrep.PrecisionCountry || q.Precision == sitrep.PrecisionCountry {
		return p.Country != "" && p.Country == q.Country
	}
	if p.Precision == sitrep.PrecisionRegion || q.Precision == sitrep.PrecisionRegion {
		return p.Admin1 != "" && p.Admin1 == q.Admin1
	}
	if p.Lat == 0 && p.Lon == 0 || q.Lat == 0 && q.Lon == 0 {
		return false
	}
	return Haversine(p.Lat, p.Lon, q.Lat, q.Lon) <= 30
}

// absorb merges y into x.
func (a *annotator) absorb(x, y *cand) {
	ex, ey := &x.ev, &y.ev
	if ex.Actor1 == nil {
		ex.Actor1 = ey.Actor1
	}
	if ex.Actor2 == nil || x.inferredActor && ey.Actor2 != nil && !y.inferredActor {
		ex.Actor2 = ey.Actor2
		x.inferredActor = y.inferredActor
	}
	if x.place == nil || y.place != nil && rank(y.place.Precision) > rank(x.place.Precision) {
		x.place = y.place
		ex.Place, ex.PlacePrecision = ey.Place, ey.PlacePrecision
	}
	if ex.DateInferred && !ey.DateInferred {
		ex.Date, ex.DateValue, ex.DatePrecision, ex.DateMod, ex.DateInferred = ey.Date, ey.DateValue, ey.DatePrecision, ey.DateMod, false
	}
	if ex.Fatalities == nil {
		ex.Fatalities = ey.Fatalities
	}
	if ex.Status == sitrep.EventOccurred && ey.Status == sitrep.EventClaimed && len(ex.Claims) == 0 {
		ex.Status = sitrep.EventClaimed
	}
	for _, id := range ey.Claims {
		if !contains(ex.Claims, id) {
			ex.Claims = append(ex.Claims, id)
		}
	}
	for _, s := range ey.Evidence {
		dup := false
		for _, t := range ex.Evidence {
			if s.Start == t.Start && s.End == t.End {
				dup = true
				break
			}
		}
		if !dup {
			ex.Evidence = append(ex.Evidence, s)
		}
	}
}

func contains(ss []string, s string) bool {
	for _, t := range ss {
		if t == s {
			return true
		}
	}
	return false
}

// Haversine returns the great-circle distance in km between two points.
func Haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// lower lower-cases a token and straightens its apostrophes, so that the
// lexicons need one spelling ("russia’s" is "russia's").
func lower(w string) string {
	w = strings.ToLower(w)
	if strings.Contains(w, "’") {
		w = strings.ReplaceAll(w, "’", "'")
	}
	return w
}
