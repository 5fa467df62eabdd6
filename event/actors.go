package event

import (
	"slices"
	"sort"
	"strings"

	"sitrep"
)

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
			if side == "" || a.isPlace(m.start, lo) {
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
	if e.Actor1 == nil && claim != nil &&
		(e.Type == TypeNegotiations || e.Type == TypeStatement || e.SubType == SubRegains || actionCues[claim.CueLemma]) {
		// "Irpin has been liberated", says its mayor: his side retook it;
		// a spokesman announcing talks speaks for a party to them.
		if act := a.speaker(claim); act != nil {
			if e.SubType != SubRegains {
				e.Actor1 = act
			} else if act.Side != "" {
				e.Actor1 = &sitrep.Actor{Name: forceNames[act.Side], Side: act.Side, Evidence: claim.Source}
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

// actionCues are claim cues that are acts, not words: the speaker of
// "Putin ordered an invasion" is its actor.
var actionCues = map[string]bool{"order": true, "ordered": true, "launch": true, "launched": true, "announce": true, "announced": true, "declare": true, "declared": true}

func ptrActor(a sitrep.Actor) *sitrep.Actor { return &a }

// speaker is the actor who makes the claim, or nil for the outlet's own
// voice and speakers that are no entity.
func (a *annotator) speaker(claim *sitrep.Claim) *sitrep.Actor {
	if claim.Speaker == "" || claim.Speaker == "unattributed" {
		return nil
	}
	for _, ent := range a.d.Entities {
		if ent.ID == claim.Speaker {
			return &sitrep.Actor{Entity: ent.ID, Name: ent.Name, Side: ent.Side, Evidence: claim.Source}
		}
	}
	return nil
}
