package event

import (
	"math"
	"strings"

	"sitrep"
)

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
		if a.demonym(m, p) {
			continue // "Russian troops": who, not where
		}
		score := 0.0
		switch p.Precision {
		case sitrep.PrecisionTown, sitrep.PrecisionNearTown:
			score = 3
		case sitrep.PrecisionRegion:
			score = 2
		case sitrep.PrecisionCountry:
			score = 1
		}
		// The preposition may stand before "the" and words that say who
		// holds the place: "in the", "to Russia-occupied Mariupol".
		pi := m.start - 1
		for pi > lo && pi >= m.start-3 && (a.low[pi] == "the" || holderWord(a.low[pi])) {
			pi--
		}
		prep := pi >= lo && pi < m.start && preps[a.low[pi]] ||
			m.start == h.end && e.Type != TypeNegotiations && e.Type != TypeStatement
		if m.end < hi && a.low[m.end] == "'s" && p.Precision == sitrep.PrecisionCountry {
			continue // "Russia's Defence Ministry", "Russia's military actions": a party
		}
		if prep && pi >= lo && pi < m.start {
			kw := a.low[pi]
			if a.low[m.start-1] == "the" {
				kw = "the" // "in the Donetsk region": weaker than "in Donetsk"
			}
			switch kw {
			case "in", "at":
				score += 2.5 // the strongest locatives
			case "of":
				if pi > lo && settlementWords[a.low[pi-1]] {
					score += 2.5 // "the village of Olyshivka"
				} else {
					score++
				}
			case "to":
				score++
			default:
				score += 2
			}
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
	best = a.container(best, lo, hi)
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
			if a.demonym(m, p) {
				continue
			}
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

// container checks the place chosen against the place the text puts it
// in right after it ("Gorky Park, Kharkiv", "Lukyanivka, Kyiv oblast",
// "Pokrovske in the south of Mariupol"): when the two cannot hold each
// other, the first was resolved to a namesake elsewhere or is a part of the
// second that the gazetteer does not know, and the second is where it
// happened.
func (a *annotator) container(best, lo, hi int) int {
	if best < 0 {
		return best
	}
	d := a.d
	ms := within(a.places, lo, hi)
	for k, m := range ms {
		if m.idx != best || k+1 >= len(ms) {
			continue
		}
		n := ms[k+1]
		gap := n.start - m.end
		if gap < 1 || gap > 6 || n.idx == best {
			continue
		}
		// "A, B", "A in B", "A in the south of B"
		joined := gap == 1 && (a.low[m.end] == "," || a.low[m.end] == "in") ||
			a.low[m.end] == "in" && a.low[n.start-1] == "of"
		if !joined {
			continue
		}
		p, q := &d.Places[best], &d.Places[n.idx]
		if q.Precision == sitrep.PrecisionUnresolved || q.Precision == sitrep.PrecisionCountry || q.Relation == "side" {
			continue
		}
		if !holds(q, p) {
			return n.idx
		}
	}
	return best
}

// holds reports whether place q, named as what holds p, can: the same
// country and first-level region (a town's name is often its region's:
// "Okhtyrka, Sumy"), or towns within 30 km. An unresolved p is held by
// nothing known.
func holds(q, p *sitrep.Place) bool {
	if p.Precision == sitrep.PrecisionUnresolved || p.Country != q.Country {
		return false
	}
	if p.Admin1 != "" && p.Admin1 == q.Admin1 {
		return true
	}
	return q.Precision != sitrep.PrecisionRegion && (p.Lat != 0 || p.Lon != 0) && Haversine(p.Lat, p.Lon, q.Lat, q.Lon) <= 30
}

// holderWord reports whether w says who holds or held a place
// ("Russian-occupied", "occupied", "liberated").
func holderWord(w string) bool {
	return strings.HasSuffix(w, "-occupied") || strings.HasSuffix(w, "-controlled") || strings.HasSuffix(w, "-held") ||
		w == "occupied" || w == "liberated" || w == "besieged" || w == "embattled"
}

// demonym reports whether a place mention is an adjective of origin
// ("Russian", "Ukrainian"), which the geo stage may resolve to a country
// but which names who acts, not where.
func (a *annotator) demonym(m mention, p sitrep.Place) bool {
	if m.end-m.start != 1 {
		return false
	}
	w := a.low[m.start]
	if strings.EqualFold(w, p.Name) {
		return false
	}
	if adjectives[w] || strings.HasSuffix(w, "-controlled") || strings.HasSuffix(w, "-occupied") {
		return true
	}
	for _, suf := range []string{"ian", "ians", "ese", "ish", "ean", "ans"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
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

// mergeRank orders place precisions for merging: a town the gazetteer
// could not place still says more than a country.
func mergeRank(precision string) int {
	if precision == sitrep.PrecisionUnresolved {
		return 3
	}
	return 2 * rank(precision)
}

// placesCompatible reports whether two places can be where one event
// happened: the same, one unknown, one a country or region holding the
// other, or towns within 30 km (Irpin on the edge of Kyiv).
func placesCompatible(p, q *sitrep.Place) bool {
	if p == nil || q == nil || p.ID == q.ID {
		return true
	}
	if p.Precision == sitrep.PrecisionUnresolved || q.Precision == sitrep.PrecisionUnresolved {
		return true // not on the map: nothing says it is elsewhere
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

// Haversine returns the great-circle distance in km between two points.
func Haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}
