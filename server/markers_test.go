package server

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"sitrep"
)

// TestCellsMatchScan checks that reading a bounding box through the cell
// index gives the same pages as scanning every event.
func TestCellsMatchScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var ms []indexedMarker
	for i := range 5000 {
		e := &sitrep.StoredEvent{Event: sitrep.Event{ID: fmt.Sprint("E", i), Type: []string{"Battles", "Protests"}[i%2]},
			DocumentID: "d", Day: "2022-03-01", PlaceInfo: &sitrep.Place{Name: "p", Lat: -89.5 + rng.Float64()*179, Lon: -179.9 + rng.Float64()*359.8, Precision: sitrep.PrecisionTown}}
		if i%10 == 0 {
			e.PlaceInfo = nil
		}
		im, err := indexEvent(e)
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, im)
	}
	with := indexSnapshot{ms: ms, cells: cellsOf(ms)}
	without := indexSnapshot{ms: ms}
	for range 300 {
		lon, lat := -180+rng.Float64()*350, -90+rng.Float64()*170
		size := rng.Float64() * 30
		b := [4]float64{lon, lat, min(180, lon+size), min(90, lat+size/2)}
		for _, markers := range []bool{true, false} {
			f := &sitrep.EventFilter{BBox: &b, Type: "battles"}
			var x, y bytes.Buffer
			page1(&x, with, f, 3, 20, markers)
			page1(&y, without, f, 3, 20, markers)
			if x.String() != y.String() {
				t.Fatalf("bbox %v: with cells\n%s\nwithout\n%s", b, x.String(), y.String())
			}
		}
	}
}
