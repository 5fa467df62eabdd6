package attrib

import (
	"unicode"

	"sitrep"
)

// PRF holds the counts of one measure: predictions that match some gold
// item, all predictions, gold items matched by some prediction, all gold
// items. Counts are float64 because an article with k annotators' files
// adds each file's counts with weight 1/k.
type PRF struct {
	PredHit, Pred, GoldHit, Gold float64
}

// Precision returns the share of predictions that match, in percent.
func (c PRF) Precision() float64 { return pct(c.PredHit, c.Pred) }

// Recall returns the share of gold items matched, in percent.
func (c PRF) Recall() float64 { return pct(c.GoldHit, c.Gold) }

// F1 returns the harmonic mean of precision and recall, in percent.
func (c PRF) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func pct(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return 100 * a / b
}

// SpanScore is the exact and overlap score of one part of the relations.
type SpanScore struct {
	Exact, Overlap PRF
}

// Score accumulates PARC/PolNeAR-style scores over articles: source, cue
// and content spans, each exact (same fragments) and overlap (sharing at
// least one word character), and whole relations (all three parts
// overlapping, a missing source matching only a missing source).
type Score struct {
	Source, Cue, Content SpanScore
	Relation             PRF
	Articles             int
	Files                int
}

// Add scores the predicted relations of one article against one
// annotator's gold relations, with the given weight (1/k when the article
// has k annotators, so that each article counts once).
func (s *Score) Add(text []rune, gold, pred []Relation, weight float64) {
	part := func(r Relation, k int) []sitrep.Span {
		switch k {
		case 0:
			return r.Source
		case 1:
			return r.Cue
		}
		return r.Content
	}
	for k, sc := range []*SpanScore{&s.Source, &s.Cue, &s.Content} {
		g := uniqueParts(gold, func(r Relation) []sitrep.Span { return part(r, k) })
		p := uniqueParts(pred, func(r Relation) []sitrep.Span { return part(r, k) })
		addPRF(&sc.Exact, g, p, weight, func(a, b []sitrep.Span) bool { return sameSpans(text, a, b) })
		addPRF(&sc.Overlap, g, p, weight, func(a, b []sitrep.Span) bool { return overlaps(text, a, b) })
	}
	match := func(a, b Relation) bool {
		if !overlaps(text, a.Cue, b.Cue) || !overlaps(text, a.Content, b.Content) {
			return false
		}
		if len(a.Source) == 0 || len(b.Source) == 0 {
			return len(a.Source) == len(b.Source)
		}
		return overlaps(text, a.Source, b.Source)
	}
	s.Relation.Pred += weight * float64(len(pred))
	s.Relation.Gold += weight * float64(len(gold))
	for _, p := range pred {
		for _, g := range gold {
			if match(p, g) {
				s.Relation.PredHit += weight
				break
			}
		}
	}
	for _, g := range gold {
		for _, p := range pred {
			if match(p, g) {
				s.Relation.GoldHit += weight
				break
			}
		}
	}
}

// uniqueParts lists the non-empty parts of the relations, each distinct
// fragment list once: a source shared by two relations is one span.
func uniqueParts(rels []Relation, get func(Relation) []sitrep.Span) [][]sitrep.Span {
	var out [][]sitrep.Span
	seen := map[string]bool{}
	for _, r := range rels {
		p := get(r)
		if len(p) == 0 {
			continue
		}
		key := ""
		for _, f := range p {
			key += string(rune(f.Start)) + string(rune(f.End))
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, p)
	}
	return out
}

func addPRF(c *PRF, gold, pred [][]sitrep.Span, w float64, match func(a, b []sitrep.Span) bool) {
	c.Pred += w * float64(len(pred))
	c.Gold += w * float64(len(gold))
	// Sorted by start, so a sweep keeps this linear in practice.
	for _, p := range pred {
		for _, g := range gold {
			if match(p, g) {
				c.PredHit += w
				break
			}
		}
	}
	for _, g := range gold {
		for _, p := range pred {
			if match(p, g) {
				c.GoldHit += w
				break
			}
		}
	}
}

// sameSpans reports whether two fragment lists cover the same text once
// white space at the edges of each fragment is ignored.
func sameSpans(text []rune, a, b []sitrep.Span) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if trim(text, a[i]) != trim(text, b[i]) {
			return false
		}
	}
	return true
}

func trim(text []rune, s sitrep.Span) sitrep.Span {
	s.Start, s.End = max(s.Start, 0), min(s.End, len(text))
	for s.Start < s.End && unicode.IsSpace(text[s.Start]) {
		s.Start++
	}
	for s.End > s.Start && unicode.IsSpace(text[s.End-1]) {
		s.End--
	}
	s.Text = ""
	return s
}

// overlaps reports whether two fragment lists share a word character: a
// shared token, not merely a shared comma or space.
func overlaps(text []rune, a, b []sitrep.Span) bool {
	for _, x := range a {
		for _, y := range b {
			s, e := max(x.Start, y.Start, 0), min(x.End, y.End, len(text))
			for i := s; i < e; i++ {
				if unicode.IsLetter(text[i]) || unicode.IsDigit(text[i]) {
					return true
				}
			}
		}
	}
	return false
}
