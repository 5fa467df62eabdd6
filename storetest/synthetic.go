package storetest

import (
	"fmt"
	"math/rand/v2"

	"sitrep"
)

// synthTypes are the event types synthetic records draw from.
var synthTypes = []string{"Battles", "Explosions/Remote violence", "Violence against civilians", "Strategic developments"}

// Synthetic returns records holding events events in all, perRecord to a
// record, as a corpus growing over time would: about perDay events a day
// from day 0 on, at random places over a 10° by 20° region, so that the
// neighbourhood of the newest document is as busy in a large store as in a
// small one. The same arguments give the same records.
func Synthetic(events, perRecord, perDay int, seed uint64) []*sitrep.Record {
	rng := rand.New(rand.NewPCG(seed, 0x5173))
	var recs []*sitrep.Record
	for n := 0; n < events; {
		k := min(perRecord, events-n)
		day := n / perDay
		recs = append(recs, SyntheticRecord(rng, len(recs), day, k))
		n += k
	}
	return recs
}

// LastDay is the day of the newest events Synthetic makes.
func LastDay(events, perDay int) int { return (events - 1) / perDay }

// SyntheticRecord returns one record of k events on day (days from
// 2020-01-01), at random places, numbered i.
func SyntheticRecord(rng *rand.Rand, i, day, k int) *sitrep.Record {
	src := fmt.Sprintf("outlet%02d", rng.IntN(40))
	text := fmt.Sprintf("Synthetic report %d from %s on day %d.", i, src, day)
	date := sitrep.DayString(18262 + day)
	rec := &sitrep.Record{Schema: sitrep.Schema, Version: sitrep.Version,
		Document: sitrep.Document{ID: sitrep.DocumentID(src, text), Source: src, Published: date, Text: text},
		Entities: []sitrep.Entity{}, Quantities: []sitrep.Quantity{}, Claims: []sitrep.Claim{}, Stages: []string{"synthetic"}}
	for j := range k {
		pid, tid := fmt.Sprint("P", j), fmt.Sprint("D", j)
		lat, lon := 44+rng.Float64()*10, 20+rng.Float64()*20
		rec.Places = append(rec.Places, sitrep.Place{ID: pid, Name: fmt.Sprintf("town-%.2f-%.2f", lat, lon), Kind: "city",
			Lat: lat, Lon: lon, Precision: sitrep.PrecisionTown})
		rec.Times = append(rec.Times, sitrep.Time{ID: tid, Type: sitrep.TimeDate, Value: date, Precision: "day"})
		side := []string{"UA", "RU"}[rng.IntN(2)]
		rec.Events = append(rec.Events, sitrep.Event{ID: fmt.Sprint("E", j), Type: synthTypes[rng.IntN(len(synthTypes))],
			Place: pid, PlacePrecision: sitrep.PrecisionTown, Date: tid, DateValue: date, DatePrecision: "day",
			Actor1: &sitrep.Actor{Name: side + " forces", Side: side}, Status: sitrep.EventOccurred})
	}
	return rec
}
