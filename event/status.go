package event

import (
	"strings"

	"sitrep"
)

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
	planned, ongoing, later := false, false, false
	for k := start; k < min(hi, h.end+3); k++ {
		w := a.low[k]
		if futureWords[w] || (w == "to" && k+1 < hi && (a.low[k+1] == "be" || a.low[k+1] == "resume" || a.low[k+1] == "begin" || a.low[k+1] == "hold")) {
			planned = true
		}
		if w == "leaving" || w == "heading" {
			planned = true
		}
		if ongoingWords[w] && k < h.start || ongoingAfter[w] && k >= h.end {
			ongoing = true
		}
		if (w == "been" && k+1 < hi && strings.HasSuffix(a.low[k+1], "ing")) && k < h.start {
			ongoing = true
		}
	}
	if len(e.DateValue) >= 10 && !e.DateInferred && a.dct != "" && e.DateValue[0] >= '0' && e.DateValue[0] <= '9' && e.DateValue[:10] > a.dct && !strings.Contains(e.DateValue, "/") {
		later = true
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
			// "Putin ordered an invasion": the cue is the act itself.
			claimed = claim.Speaker != "unattributed" && claim.Speaker != "" && !actionCues[claim.CueLemma]
		}
	}
	switch {
	case denied && !ongoing:
		e.Status = sitrep.EventDenied
	case planned:
		e.Status = sitrep.EventPlanned
	case ongoing:
		e.Status = sitrep.EventOngoing
	case later:
		// A date after the report's, with nothing saying it is under
		// way: it is to come.
		e.Status = sitrep.EventPlanned
	case claimed || hedged:
		e.Status = sitrep.EventClaimed
	default:
		e.Status = sitrep.EventOccurred
	}
}
