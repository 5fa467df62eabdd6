package event

import (
	"sitrep"
)

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
	if !(ex.DateValue == ey.DateValue || ex.DateInferred || ey.DateInferred || (ex.Status == sitrep.EventPlanned || ex.Status == sitrep.EventOngoing) && daysApart(ex.DateValue, ey.DateValue) <= 7) {
		return false
	}
	if ex.Actor1 != nil && ey.Actor1 != nil && ex.Actor1.Side != ey.Actor1.Side && ex.Type != TypeNegotiations {
		return false
	}
	return true
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
	if x.place == nil || y.place != nil && mergeRank(ey.PlacePrecision) > mergeRank(ex.PlacePrecision) {
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
	if x.seenEv == nil {
		x.seenEv, x.seenClaims = map[[2]int]bool{}, map[string]bool{}
		for _, s := range ex.Evidence {
			x.seenEv[[2]int{s.Start, s.End}] = true
		}
		for _, id := range ex.Claims {
			x.seenClaims[id] = true
		}
	}
	for _, id := range ey.Claims {
		if !x.seenClaims[id] {
			x.seenClaims[id] = true
			ex.Claims = append(ex.Claims, id)
		}
	}
	for _, s := range ey.Evidence {
		if k := [2]int{s.Start, s.End}; !x.seenEv[k] {
			x.seenEv[k] = true
			ex.Evidence = append(ex.Evidence, s)
		}
	}
}
