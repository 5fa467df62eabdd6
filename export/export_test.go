package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"sitrep"
	"sitrep/storetest"
)

func irpinEvent() *sitrep.StoredEvent {
	rec := storetest.Irpin("Reuters", "Ukrainian forces have retaken Irpin, said Oleksandr Markushyn: Irpin has been liberated.")
	rec.Fatalities = storetest.Float(3)
	r := rec.Record()
	return &sitrep.StoredEvent{Event: r.Events[0], DocumentID: r.Document.ID, Source: "Reuters", URL: r.Document.URL,
		PlaceInfo: &r.Places[0], Story: "s1", StoryStatus: sitrep.StatusCorroborated, Day: "2022-03-28"}
}

func TestACLED(t *testing.T) {
	var buf bytes.Buffer
	w := NewACLED(&buf)
	ev := irpinEvent()
	talks := *ev
	talks.Type = "negotiations"
	noPlace := *ev
	noPlace.PlaceInfo = nil
	for _, e := range []*sitrep.StoredEvent{ev, &talks, &noPlace} {
		if err := w.Write(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || w.Skipped != 2 {
		t.Fatalf("rows = %d, skipped = %d, want header + 1 row and 2 skipped", len(rows), w.Skipped)
	}
	got := map[string]string{}
	for i, c := range rows[0] {
		got[c] = rows[1][i]
	}
	want := map[string]string{
		"event_date": "2022-03-28", "year": "2022", "time_precision": "1", "event_type": "Battles",
		"sub_event_type": "Government regains territory", "actor1": "UA forces", "actor2": "RU forces",
		"country": "Ukraine", "admin1": "Kyiv Oblast", "location": "Irpin", "latitude": "50.5200", "longitude": "30.2500",
		"geo_precision": "1", "source": "Reuters", "notes": "retaken", "fatalities": "3",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("column %s = %q, want %q", k, got[k], v)
		}
	}
	if !strings.Contains(got["tags"], "sitrep_story_status=corroborated") {
		t.Errorf("tags = %q", got["tags"])
	}
}

func TestCodes(t *testing.T) {
	for in, want := range map[string]string{"explosions_remote_violence": "Explosions/Remote violence", "BATTLES": "Battles",
		"government regains territory": "Government regains territory"} {
		if got, ok := ACLEDType(in); !ok || got != want {
			t.Errorf("ACLEDType(%q) = %q, %v, want %q", in, got, ok, want)
		}
	}
	if _, ok := ACLEDType("displacement"); ok {
		t.Errorf("ACLEDType(displacement) should not be an ACLED type")
	}
	for p, want := range map[string]int{sitrep.PrecisionTown: 1, sitrep.PrecisionNearTown: 2, sitrep.PrecisionRegion: 3} {
		if got, _ := GeoPrecision(p); got != want {
			t.Errorf("GeoPrecision(%s) = %d, want %d", p, got, want)
		}
	}
	if TimePrecision("day", false) != 1 || TimePrecision("week", false) != 2 || TimePrecision("month", false) != 3 || TimePrecision("day", true) != 2 {
		t.Errorf("TimePrecision codes wrong")
	}
}

func TestGeoJSON(t *testing.T) {
	var buf bytes.Buffer
	w := NewGeoJSON(&buf)
	ev := irpinEvent()
	none := *ev
	none.PlaceInfo = nil
	w.Write(ev)
	w.Write(&none)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		Features []struct {
			Geometry struct {
				Type        string
				Coordinates []float64
			}
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.String())
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 1 || w.Skipped != 1 {
		t.Fatalf("collection = %+v", fc)
	}
	f := fc.Features[0]
	if f.Geometry.Coordinates[0] != 30.25 || f.Geometry.Coordinates[1] != 50.52 || f.Properties["place"] != "Irpin" {
		t.Errorf("feature = %+v (GeoJSON is lon, lat)", f)
	}
}

func TestClaimReview(t *testing.T) {
	rec := storetest.Irpin("Reuters", "Ukrainian forces have retaken Irpin, said Oleksandr Markushyn: Irpin has been liberated.").Record()
	cl := &sitrep.StoredClaim{Claim: rec.Claims[0], DocumentID: rec.Document.ID, Source: "Reuters", URL: rec.Document.URL, Published: "2022-03-28"}
	r := &sitrep.Review{Kind: sitrep.ReviewClaim, Reviewer: "ana", NewStatus: sitrep.StatusConfirmed, Note: "geolocated",
		At: time.Date(2022, 3, 30, 9, 0, 0, 0, time.UTC)}
	var buf bytes.Buffer
	w := NewClaimReview(&buf, "Verification desk")
	if err := w.Write(cl, r); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.String())
	}
	if len(out) != 1 {
		t.Fatalf("%d reviews, want 1", len(out))
	}
	c := out[0]
	rating := c["reviewRating"].(map[string]any)
	item := c["itemReviewed"].(map[string]any)
	if c["@type"] != "ClaimReview" || c["@context"] != "https://schema.org" || c["claimReviewed"] != "Irpin has been liberated" ||
		c["datePublished"] != "2022-03-30" || rating["ratingValue"] != 5.0 || rating["alternateName"] != "True" ||
		item["author"].(map[string]any)["name"] != "Oleksandr Markushyn" || c["reviewBody"] != "geolocated" {
		t.Errorf("ClaimReview = %s", buf.String())
	}
	if err := w.Write(cl, nil); err == nil {
		t.Errorf("a claim with no review was written")
	}
}
