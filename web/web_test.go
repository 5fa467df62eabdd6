package web

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

type world struct {
	Features []struct {
		Properties struct{ ISO3, Name string } `json:"properties"`
		Geometry   struct {
			Type        string
			Coordinates [][][][2]float64
		} `json:"geometry"`
	} `json:"features"`
}

func inRing(lon, lat float64, ring [][2]float64) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		xi, yi, xj, yj := ring[i][0], ring[i][1], ring[j][0], ring[j][1]
		if (yi > lat) != (yj > lat) && lon < (xj-xi)*(lat-yi)/(yj-yi)+xi {
			in = !in
		}
	}
	return in
}

// TestBasemapCrimea checks that the basemap draws Crimea as part of Ukraine
// and of no other country.
func TestBasemapCrimea(t *testing.T) {
	a := Lookup("/static/world.geojson")
	if a == nil {
		t.Fatal("no /static/world.geojson")
	}
	var w world
	if err := json.Unmarshal(a.Body, &w); err != nil {
		t.Fatal(err)
	}
	if len(w.Features) < 200 {
		t.Fatalf("%d countries, want the world", len(w.Features))
	}
	points := map[string][2]float64{"Simferopol": {34.10, 44.95}, "Sevastopol": {33.52, 44.60}, "Kerch": {36.47, 45.35},
		"Kyiv": {30.52, 50.45}, "Moscow": {37.62, 55.75}}
	want := map[string]string{"Simferopol": "UKR", "Sevastopol": "UKR", "Kerch": "UKR", "Kyiv": "UKR", "Moscow": "RUS"}
	for name, p := range points {
		var in []string
		for _, f := range w.Features {
			for _, poly := range f.Geometry.Coordinates {
				if inRing(p[0], p[1], poly[0]) {
					in = append(in, f.Properties.ISO3)
					break
				}
			}
		}
		if len(in) != 1 || in[0] != want[name] {
			t.Errorf("%s (%v) lies in %v, want only %s", name, p, in, want[name])
		}
	}
}

// TestIndexAssets checks that every asset the page names is embedded and
// that the page carries the assets' version.
func TestIndexAssets(t *testing.T) {
	page := string(Index().Body)
	refs := regexp.MustCompile(`(?:src|href)="(/static/[^"?]+)\?v=([0-9a-f]+)"`).FindAllStringSubmatch(page, -1)
	if len(refs) < 5 {
		t.Fatalf("page names %d versioned assets", len(refs))
	}
	for _, m := range refs {
		if Lookup(m[1]) == nil {
			t.Errorf("page names %s, which is not embedded", m[1])
		}
		if m[2] != Version() {
			t.Errorf("%s carries version %s, want %s", m[1], m[2], Version())
		}
	}
	if strings.Contains(page, "__V__") {
		t.Error("page still holds the version placeholder")
	}
	for _, p := range Paths() {
		if strings.HasSuffix(p, ".js") && Lookup(p).Type != "text/javascript; charset=utf-8" {
			t.Errorf("%s served as %s", p, Lookup(p).Type)
		}
	}
}
