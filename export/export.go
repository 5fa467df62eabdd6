// Package export writes stored events, records and reviewed claims in the
// formats analysts' tools read: ACLED's CSV, GeoJSON, JSONL records and
// schema.org ClaimReview JSON-LD. Each writer streams: the caller pages
// through the store and writes each item as it comes.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"sitrep"
)

// Formats.
const (
	ACLED       = "acled-csv"
	GeoJSON     = "geojson"
	JSONL       = "jsonl"
	ClaimReview = "claimreview"
)

// ACLEDColumns are the columns of the CSV, in ACLED's names and order
// (ACLED's columns sitrep cannot fill, such as inter1 or source_scale, are
// left out rather than guessed).
var ACLEDColumns = []string{
	"event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
	"actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "location",
	"latitude", "longitude", "geo_precision", "source", "notes", "fatalities", "tags",
}

// acledTypes maps folded type names to ACLED's labels.
var acledTypes = map[string]string{}

func init() {
	for _, l := range []string{
		"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments",
		"Armed clash", "Government regains territory", "Non-state actor overtakes territory",
		"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
		"Sexual violence", "Attack", "Abduction/forced disappearance",
		"Peaceful protest", "Protest with intervention", "Excessive force against protesters",
		"Violent demonstration", "Mob violence",
		"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established",
		"Looting/property destruction", "Non-violent transfer of territory", "Other",
	} {
		acledTypes[fold(l)] = l
	}
}

// fold reduces a type name to its letters, lower-cased, so that
// "explosions_remote_violence" and "Explosions/Remote violence" agree.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ACLEDType returns ACLED's label for an event type or sub-type, and false
// for sitrep's own kinds (negotiations, displacement...) that ACLED lacks.
func ACLEDType(t string) (string, bool) {
	l, ok := acledTypes[fold(t)]
	return l, ok
}

// GeoPrecision returns ACLED's geo_precision code: 1 for a town, 2 for
// near a town or part of a region, 3 for a region or larger.
func GeoPrecision(p string) (int, bool) {
	switch p {
	case sitrep.PrecisionTown:
		return 1, true
	case sitrep.PrecisionNearTown:
		return 2, true
	case sitrep.PrecisionRegion, sitrep.PrecisionCountry:
		return 3, true
	}
	return 0, false
}

// TimePrecision returns ACLED's time_precision code: 1 for a day, 2 for a
// span of days or a week (and for dates read from the publication date), 3
// for a month or more.
func TimePrecision(p string, guessed bool) int {
	if guessed {
		return 2
	}
	switch p {
	case "day", "time", "":
		return 1
	case "week", "range":
		return 2
	}
	return 3
}

// countries names the countries by ISO code as ACLED spells them; others
// are written as their code.
var countries = map[string]string{
	"UA": "Ukraine", "RU": "Russia", "BY": "Belarus", "PL": "Poland", "MD": "Moldova", "RO": "Romania", "GE": "Georgia",
	"SY": "Syria", "IQ": "Iraq", "IL": "Israel", "PS": "Palestine", "LB": "Lebanon", "YE": "Yemen", "SD": "Sudan",
	"ET": "Ethiopia", "SO": "Somalia", "ML": "Mali", "AF": "Afghanistan", "MM": "Myanmar", "US": "United States",
}

// ACLEDWriter writes events as ACLED CSV rows.
type ACLEDWriter struct {
	w *csv.Writer
	// Skipped counts events left out: a type ACLED lacks, or no
	// coordinates (ACLED requires them).
	Skipped int
	started bool
}

// NewACLED returns a writer of ACLED CSV to w.
func NewACLED(w io.Writer) *ACLEDWriter { return &ACLEDWriter{w: csv.NewWriter(w)} }

// Write writes one event.
func (a *ACLEDWriter) Write(e *sitrep.StoredEvent) error {
	if !a.started {
		a.started = true
		if err := a.w.Write(ACLEDColumns); err != nil {
			return err
		}
	}
	typ, ok := ACLEDType(e.Type)
	geo, geoOK := 0, false
	if e.PlaceInfo != nil && (e.PlaceInfo.Lat != 0 || e.PlaceInfo.Lon != 0) {
		prec := e.PlacePrecision
		if prec == "" {
			prec = e.PlaceInfo.Precision
		}
		geo, geoOK = GeoPrecision(prec)
	}
	if !ok || !geoOK || e.Day == "" {
		a.Skipped++
		return nil
	}
	sub, _ := ACLEDType(e.SubType)
	p := e.PlaceInfo
	country := countries[p.Country]
	if country == "" {
		country = p.Country
	}
	var fat float64
	if f := e.Fatalities; f != nil {
		switch {
		case f.Best != nil:
			fat = *f.Best
		case f.Low != nil:
			fat = *f.Low
		}
	}
	var notes []string
	for _, s := range e.Evidence {
		if s.Text != "" {
			notes = append(notes, s.Text)
		}
	}
	if len(notes) == 0 && e.Trigger.Text != "" {
		notes = append(notes, e.Trigger.Text)
	}
	tags := []string{"sitrep_status=" + e.Status}
	if e.Story != "" {
		tags = append(tags, "sitrep_story="+e.Story, "sitrep_story_status="+e.StoryStatus)
	}
	guessed := e.DateValue == "" && e.Date == ""
	docID := e.DocumentID
	if len(docID) > 10 {
		docID = docID[:10]
	}
	return a.w.Write([]string{
		"SR" + docID + "-" + e.ID, e.Day, e.Day[:4], strconv.Itoa(TimePrecision(e.DatePrecision, guessed)), typ, sub,
		actorName(e.Actor1), assoc(e.Associated), actorName(e.Actor2), "", country, p.Admin1, p.Name,
		strconv.FormatFloat(p.Lat, 'f', 4, 64), strconv.FormatFloat(p.Lon, 'f', 4, 64), strconv.Itoa(geo),
		e.Source, strings.Join(notes, " | "), strconv.FormatFloat(fat, 'f', -1, 64), strings.Join(tags, "; "),
	})
}

func actorName(a *sitrep.Actor) string {
	if a == nil {
		return ""
	}
	return a.Name
}

func assoc(as []sitrep.Actor) string {
	var names []string
	for _, a := range as {
		names = append(names, a.Name)
	}
	return strings.Join(names, "; ")
}

// Close flushes the CSV; with no event written it still writes the header.
func (a *ACLEDWriter) Close() error {
	if !a.started {
		a.started = true
		a.w.Write(ACLEDColumns)
	}
	a.w.Flush()
	return a.w.Error()
}

// GeoJSONWriter writes events with coordinates as a FeatureCollection.
type GeoJSONWriter struct {
	w       *bufio.Writer
	n       int
	Skipped int
}

// NewGeoJSON returns a GeoJSON writer to w.
func NewGeoJSON(w io.Writer) *GeoJSONWriter {
	g := &GeoJSONWriter{w: bufio.NewWriter(w)}
	g.w.WriteString(`{"type":"FeatureCollection","features":[`)
	return g
}

type feature struct {
	Type     string         `json:"type"`
	ID       string         `json:"id"`
	Geometry geometry       `json:"geometry"`
	Props    map[string]any `json:"properties"`
}

type geometry struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

// Write writes one event; one without coordinates is skipped.
func (g *GeoJSONWriter) Write(e *sitrep.StoredEvent) error {
	if e.PlaceInfo == nil || (e.PlaceInfo.Lat == 0 && e.PlaceInfo.Lon == 0) || e.PlaceInfo.Precision == sitrep.PrecisionUnresolved {
		g.Skipped++
		return nil
	}
	props := map[string]any{
		"document": e.DocumentID, "event": e.ID, "type": e.Type, "sub_type": e.SubType, "status": e.Status,
		"place": e.PlaceInfo.Name, "place_precision": e.PlacePrecision, "date": e.Day, "date_precision": e.DatePrecision,
		"source": e.Source, "url": e.URL, "story": e.Story, "story_status": e.StoryStatus,
	}
	if f := e.Fatalities; f != nil && f.Best != nil {
		props["fatalities"] = *f.Best
	}
	if e.Trigger.Text != "" {
		props["evidence"] = e.Trigger.Text
	}
	b, err := json.Marshal(feature{Type: "Feature", ID: e.DocumentID + "/" + e.ID,
		Geometry: geometry{Type: "Point", Coordinates: [2]float64{e.PlaceInfo.Lon, e.PlaceInfo.Lat}}, Props: props})
	if err != nil {
		return err
	}
	if g.n > 0 {
		g.w.WriteByte(',')
	}
	g.w.WriteByte('\n')
	g.n++
	_, err = g.w.Write(b)
	return err
}

// Close ends the collection and flushes.
func (g *GeoJSONWriter) Close() error {
	g.w.WriteString("\n]}\n")
	return g.w.Flush()
}

// WriteRecord writes one record as a line of JSON.
func WriteRecord(w io.Writer, rec *sitrep.Record) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(rec)
}

// Ratings maps review statuses to ClaimReview ratings (1 worst, 5 best)
// and their names.
var Ratings = map[string]struct {
	Value int
	Name  string
}{
	sitrep.StatusFalse:                {1, "False"},
	sitrep.StatusMisleading:           {2, "Misleading"},
	sitrep.StatusContested:            {3, "Contested"},
	sitrep.StatusUnverified:           {3, "Unverified"},
	sitrep.StatusOutletUnableToVerify: {3, "Unverified"},
	sitrep.StatusCorroborated:         {4, "Corroborated"},
	sitrep.StatusConfirmed:            {5, "True"},
}

// ClaimReviewWriter writes reviewed claims as a JSON-LD array of
// schema.org ClaimReview objects.
type ClaimReviewWriter struct {
	w *bufio.Writer
	n int
	// Org is the reviewing organisation named as the author.
	Org string
}

// NewClaimReview returns a ClaimReview writer to w for the organisation
// org.
func NewClaimReview(w io.Writer, org string) *ClaimReviewWriter {
	c := &ClaimReviewWriter{w: bufio.NewWriter(w), Org: org}
	c.w.WriteByte('[')
	return c
}

// Write writes one claim with its latest review.
func (c *ClaimReviewWriter) Write(cl *sitrep.StoredClaim, r *sitrep.Review) error {
	if r == nil {
		return fmt.Errorf("claimreview: claim %s/%s has no review", cl.DocumentID, cl.ID)
	}
	rating, ok := Ratings[r.NewStatus]
	if !ok {
		return fmt.Errorf("claimreview: claim %s/%s: status %q has no rating", cl.DocumentID, cl.ID, r.NewStatus)
	}
	author := map[string]any{"@type": "Person", "name": cl.SpeakerName}
	if cl.SpeakerName == "" {
		author = map[string]any{"@type": "Organization", "name": cl.Source}
	}
	appearance := map[string]any{"@type": "CreativeWork"}
	if cl.URL != "" {
		appearance["url"] = cl.URL
	}
	if cl.Source != "" {
		appearance["publisher"] = map[string]any{"@type": "Organization", "name": cl.Source}
	}
	item := map[string]any{"@type": "Claim", "author": author, "appearance": appearance}
	if cl.Published != "" {
		item["datePublished"] = cl.Published
	}
	rv := map[string]any{
		"@context":      "https://schema.org",
		"@type":         "ClaimReview",
		"identifier":    cl.DocumentID + "/" + cl.ID,
		"datePublished": r.At.UTC().Format("2006-01-02"),
		"author":        map[string]any{"@type": "Organization", "name": c.Org},
		"claimReviewed": cl.Said(),
		"itemReviewed":  item,
		"reviewRating": map[string]any{"@type": "Rating", "ratingValue": rating.Value, "bestRating": 5, "worstRating": 1,
			"alternateName": rating.Name},
	}
	if r.Note != "" {
		rv["reviewBody"] = r.Note
	}
	b, err := json.MarshalIndent(rv, "  ", "  ")
	if err != nil {
		return err
	}
	if c.n > 0 {
		c.w.WriteByte(',')
	}
	c.w.WriteString("\n  ")
	c.n++
	_, err = c.w.Write(b)
	return err
}

// Close ends the array and flushes.
func (c *ClaimReviewWriter) Close() error {
	c.w.WriteString("\n]\n")
	return c.w.Flush()
}
