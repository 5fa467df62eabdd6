package sitrep

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// GridCell returns the index cell of a point: one degree of latitude by one
// of longitude. Stores index story items by cell so that the candidates for
// an event are read from the few cells around it.
func GridCell(lat, lon float64) int64 {
	la := int64(math.Floor(lat)) + 90
	lo := int64(math.Floor(lon)) + 180
	la = max(0, min(la, 180))
	lo = ((lo % 360) + 360) % 360
	return la*1000 + lo
}

// Day returns the days since 1970-01-01 of an ISO date.
func Day(t time.Time) int { return int(t.Unix() / 86400) }

// DayString returns the ISO date of a day number.
func DayString(day int) string {
	return time.Unix(int64(day)*86400, 0).UTC().Format("2006-01-02")
}

// DayRange reads a TIMEX3 date value ("2022-03-28", "2022-03", "2022",
// "2022-W12", a date-time) as the days it covers, inclusive. ok is false for
// values that name no calendar span (durations, "XXXX-XX-XX", "PRESENT_REF").
func DayRange(v string) (from, to int, ok bool) {
	v = strings.TrimSpace(v)
	if i := strings.IndexByte(v, 'T'); i == 10 {
		v = v[:10]
	}
	switch {
	case len(v) == 10:
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			return 0, 0, false
		}
		return Day(t), Day(t), true
	case len(v) == 7:
		t, err := time.Parse("2006-01", v)
		if err != nil {
			return 0, 0, false
		}
		return Day(t), Day(t.AddDate(0, 1, -1)), true
	case len(v) == 4:
		t, err := time.Parse("2006", v)
		if err != nil {
			return 0, 0, false
		}
		return Day(t), Day(t.AddDate(1, 0, -1)), true
	case len(v) == 8 && v[4] == '-' && v[5] == 'W':
		y, err1 := strconv.Atoi(v[:4])
		w, err2 := strconv.Atoi(v[6:])
		if err1 != nil || err2 != nil || w < 1 || w > 53 {
			return 0, 0, false
		}
		// ISO week 1 holds January 4th; weeks start on Monday.
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
		start := monday.AddDate(0, 0, 7*(w-1))
		return Day(start), Day(start) + 6, true
	}
	return 0, 0, false
}

// ItemsOf returns the story items of a record: one per event and one per
// attributed claim. dupOf is the document the record duplicates, "" for an
// original. An event with no date of its own is placed in the three days up
// to publication, marked DateGuessed; an item with no date at all gets
// DayFrom > DayTo and so joins no other.
func ItemsOf(rec *Record, dupOf string) []StoryItem {
	doc := rec.Document
	root := doc.ID
	if dupOf != "" {
		root = dupOf
	}
	pubFrom, pubTo, pubOK := DayRange(doc.Published)
	places := map[string]*Place{}
	for i := range rec.Places {
		places[rec.Places[i].ID] = &rec.Places[i]
	}
	times := map[string]*Time{}
	for i := range rec.Times {
		times[rec.Times[i].ID] = &rec.Times[i]
	}
	entities := map[string]*Entity{}
	for i := range rec.Entities {
		entities[rec.Entities[i].ID] = &rec.Entities[i]
	}
	var items []StoryItem
	for _, ev := range rec.Events {
		it := StoryItem{Kind: StoryEvent, DocID: doc.ID, ItemID: ev.ID, Source: doc.Source, Root: root,
			Type: ev.Type, SubType: ev.SubType, Status: ev.Status, Cell: -1, Text: ev.Trigger.Text,
			Precision: ev.PlacePrecision}
		if p := places[ev.Place]; p != nil {
			it.Place = p.Name
			it.PlaceKey = foldKey(p.Name)
			if it.Precision == "" {
				it.Precision = p.Precision
			}
			if p.Precision != PrecisionUnresolved && (p.Lat != 0 || p.Lon != 0) {
				it.Lat, it.Lon, it.HasCoord = p.Lat, p.Lon, true
				it.Cell = GridCell(p.Lat, p.Lon)
			}
		}
		v := ev.DateValue
		if t := times[ev.Date]; t != nil && v == "" {
			v = t.Value
		}
		from, to, ok := DayRange(v)
		if t := times[ev.Date]; t != nil && t.Begin != "" && t.End != "" {
			if f, _, ok1 := DayRange(t.Begin); ok1 {
				if _, e, ok2 := DayRange(t.End); ok2 && e >= f {
					from, to, ok = f, e, true
				}
			}
		}
		switch {
		case ok:
			it.DayFrom, it.DayTo = from, to
		case pubOK:
			it.DayFrom, it.DayTo, it.DateGuessed = pubFrom-2, pubTo, true
		default:
			it.DayFrom, it.DayTo = 1, 0
		}
		for _, a := range append([]*Actor{ev.Actor1, ev.Actor2}, actorPtrs(ev.Associated)...) {
			if a == nil {
				continue
			}
			k := strings.ToUpper(a.Side)
			if k == "" {
				k = foldKey(a.Name)
			}
			if k != "" && !containsString(it.Actors, k) {
				it.Actors = append(it.Actors, k)
			}
		}
		if ev.Fatalities != nil && ev.Fatalities.Best != nil {
			f := *ev.Fatalities.Best
			it.Fatalities = &f
		}
		if ev.Fatalities != nil && ev.Fatalities.Quantity != "" {
			id := ev.Fatalities.Quantity
			it.Figures = figuresOf(rec, times, func(q *Quantity) bool { return q.ID == id })
		}
		items = append(items, it)
	}
	for _, c := range rec.Claims {
		name := c.SpeakerName
		if name == "" {
			if e := entities[c.Speaker]; e != nil {
				name = e.Name
			}
		}
		if name == "" || c.Speaker == "unattributed" {
			// The outlet's own voice is not a claim another outlet can
			// repeat; it joins no story.
			continue
		}
		it := StoryItem{Kind: StoryClaim, DocID: doc.ID, ItemID: c.ID, Source: doc.Source, Root: root,
			Type: StoryClaim, Status: c.Polarity, Cell: -1, Speaker: foldKey(name),
			Content: c.Said(), Text: c.Said()}
		if pubOK {
			it.DayFrom, it.DayTo = pubFrom, pubTo
		} else {
			it.DayFrom, it.DayTo = 1, 0
		}
		it.Figures = figuresOf(rec, times, func(q *Quantity) bool { return q.Claim == c.ID })
		items = append(items, it)
	}
	return items
}

// figuresOf returns the counts of a claim that have a measure and an as-of
// date of one day, each as the interval its qualifier allows: "at least
// 1,000" does not disagree with "1,081", nor "about 1,100" with it.
func figuresOf(rec *Record, times map[string]*Time, keep func(*Quantity) bool) []StoryFigure {
	var out []StoryFigure
	for i := range rec.Quantities {
		q := &rec.Quantities[i]
		if q.Measure == "" || !keep(q) {
			continue
		}
		t := times[q.AsOf]
		if t == nil {
			continue
		}
		from, to, ok := DayRange(t.Value)
		if !ok || from != to {
			continue
		}
		v := q.Value
		lo, hi, open := v, v, false
		switch q.Qualifier {
		case QualAtLeast, QualMoreThan:
			open = true
		case QualAtMost, QualLessThan:
			lo = 0
		case QualApprox:
			lo, hi = 0.9*v, 1.1*v
		}
		if q.Low != nil {
			lo = *q.Low
		}
		if q.High != nil {
			hi, open = *q.High, false
		}
		out = append(out, StoryFigure{Measure: strings.ToLower(q.Measure), Unit: strings.ToLower(q.Unit),
			Value: v, Low: lo, High: hi, Open: open, Day: from})
	}
	return out
}

func actorPtrs(as []Actor) []*Actor {
	out := make([]*Actor, len(as))
	for i := range as {
		out[i] = &as[i]
	}
	return out
}

func containsString(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// foldKey lower-cases a name and collapses its spaces and punctuation, so
// that "Kyiv Oblast" and "kyiv  oblast" are one key.
func foldKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			space = true
		}
	}
	return b.String()
}
