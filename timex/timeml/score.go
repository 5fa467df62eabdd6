package timeml

import "sort"

// PRF is a precision, recall and F1, as percentages.
type PRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Counts are the raw counts behind a score, kept so that scores of many
// documents add up.
type Counts struct {
	Gold, System    int
	Strict, Relaxed int // matched pairs
	TypeOK, ValueOK int // among relaxed pairs
}

// Add adds o to c.
func (c *Counts) Add(o Counts) {
	c.Gold += o.Gold
	c.System += o.System
	c.Strict += o.Strict
	c.Relaxed += o.Relaxed
	c.TypeOK += o.TypeOK
	c.ValueOK += o.ValueOK
}

// Score is the TempEval-3 TIMEX3 score, as percentages (0-100).
type Score struct {
	Strict       PRF     `json:"strict"`
	Relaxed      PRF     `json:"relaxed"`
	TypeAccuracy float64 `json:"type_accuracy"`
	ValueAcc     float64 `json:"value_accuracy"`
	ValueF1      float64 `json:"value_f1"`
	TypeF1       float64 `json:"type_f1"`
	Gold         int     `json:"gold"`
	System       int     `json:"system"`
}

// Score turns counts into percentages. Type and value F1 are computed as
// TempEval-3 does: the pairs that match in span and in the attribute,
// over the system's and the gold's counts.
func (c Counts) Score() Score {
	s := Score{Gold: c.Gold, System: c.System}
	s.Strict = prf(c.Strict, c.System, c.Gold)
	s.Relaxed = prf(c.Relaxed, c.System, c.Gold)
	if c.Relaxed > 0 {
		s.TypeAccuracy = pct(c.TypeOK, c.Relaxed)
		s.ValueAcc = pct(c.ValueOK, c.Relaxed)
	}
	s.ValueF1 = prf(c.ValueOK, c.System, c.Gold).F1
	s.TypeF1 = prf(c.TypeOK, c.System, c.Gold).F1
	return s
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

func prf(tp, sys, gold int) PRF {
	p, r := pct(tp, sys), pct(tp, gold)
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{Precision: p, Recall: r, F1: f}
}

// Pair is a gold annotation matched to a system one; either index is -1
// when unmatched.
type Pair struct{ Gold, System int }

// Match pairs gold and system annotations one to one: first the pairs with
// identical spans, then, for the rest, each gold annotation with the
// overlapping system annotation that shares most code points. It returns
// the pairs in gold order followed by unmatched system annotations.
func Match(gold, sys []Timex) []Pair {
	usedS := make([]bool, len(sys))
	gm := make([]int, len(gold))
	for i := range gm {
		gm[i] = -1
	}
	for i, g := range gold {
		for j, s := range sys {
			if !usedS[j] && s.Start == g.Start && s.End == g.End {
				gm[i], usedS[j] = j, true
				break
			}
		}
	}
	for i, g := range gold {
		if gm[i] >= 0 {
			continue
		}
		best, bestOv := -1, 0
		for j, s := range sys {
			if usedS[j] {
				continue
			}
			ov := min(g.End, s.End) - max(g.Start, s.Start)
			if ov > bestOv {
				best, bestOv = j, ov
			}
		}
		if best >= 0 {
			gm[i], usedS[best] = best, true
		}
	}
	var out []Pair
	for i := range gold {
		out = append(out, Pair{i, gm[i]})
	}
	for j := range sys {
		if !usedS[j] {
			out = append(out, Pair{-1, j})
		}
	}
	return out
}

// Compare scores system annotations against gold ones for one document,
// overall and per type (a pair counts under the gold type, an unmatched
// system annotation under its own type).
func Compare(gold, sys []Timex) (Counts, map[string]*Counts) {
	var c Counts
	per := map[string]*Counts{}
	get := func(t string) *Counts {
		if per[t] == nil {
			per[t] = &Counts{}
		}
		return per[t]
	}
	for _, p := range Match(gold, sys) {
		var d Counts
		var typ string
		if p.Gold >= 0 {
			d.Gold = 1
			typ = gold[p.Gold].Type
		}
		if p.System >= 0 {
			d.System = 1
			if typ == "" {
				typ = sys[p.System].Type
			}
		}
		if p.Gold >= 0 && p.System >= 0 {
			g, s := gold[p.Gold], sys[p.System]
			d.Relaxed = 1
			if g.Start == s.Start && g.End == s.End {
				d.Strict = 1
			}
			if g.Type == s.Type {
				d.TypeOK = 1
			}
			if g.Value == s.Value {
				d.ValueOK = 1
			}
		}
		c.Add(d)
		get(typ).Add(d)
	}
	return c, per
}

// Types returns the keys of a per-type map in a fixed order.
func Types(per map[string]*Counts) []string {
	var ts []string
	for t := range per {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return ts
}
