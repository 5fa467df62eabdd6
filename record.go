package sitrep

import "strings"

// Span is a half-open range [Start, End) of Unicode code points in a
// document's normalized text, the convention of brat and of the corpora
// sitrep is evaluated on. Text repeats the covered text so that a record can
// be checked by eye; Doc.Span fills it.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text,omitempty"`
}

// Len returns the number of code points the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Overlaps reports whether s and o share at least one code point.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Record is everything sitrep extracted from one document. It is the one
// shape that the CLI prints, the stores keep, the API serves and the exports
// are made from.
type Record struct {
	Schema     string     `json:"schema"`
	Version    string     `json:"extractor_version"`
	Document   Document   `json:"document"`
	Sentences  []Span     `json:"sentences"`
	Tokens     [][2]int   `json:"tokens,omitempty"`
	Entities   []Entity   `json:"entities"`
	Places     []Place    `json:"places"`
	Times      []Time     `json:"times"`
	Quantities []Quantity `json:"quantities"`
	Claims     []Claim    `json:"claims"`
	Events     []Event    `json:"events"`
	// Stages lists the stages that ran, in order, so that an empty list of
	// claims can be told apart from a claims stage that did not run.
	Stages   []string `json:"stages"`
	Warnings []string `json:"warnings,omitempty"`
}

// Document is a document's identity, metadata and normalized text.
type Document struct {
	// ID is stable: a hash of the normalized text and the source.
	ID     string `json:"id"`
	Source string `json:"source,omitempty"`
	URL    string `json:"url,omitempty"`
	Title  string `json:"title,omitempty"`
	// Published is an ISO 8601 date or date-time.
	Published string `json:"published,omitempty"`
	// PublishedInferred is true when Published was estimated from the text;
	// PublishedConfidence (0..1) then says how sure the estimate is and
	// PublishedEvidence shows what it rests on.
	PublishedInferred   bool    `json:"published_inferred,omitempty"`
	PublishedConfidence float64 `json:"published_confidence,omitempty"`
	PublishedEvidence   []Span  `json:"published_evidence,omitempty"`
	Language            string  `json:"language,omitempty"`
	// Input names where the document came from (a file, a URL, a JSONL line).
	Input string `json:"input,omitempty"`
	Text  string `json:"text"`
}

// Entity types, after OntoNotes.
const (
	PER  = "PER"
	ORG  = "ORG"
	GPE  = "GPE"
	LOC  = "LOC"
	NORP = "NORP"
	FAC  = "FAC"
	MISC = "MISC"
)

// Entity is a person, organisation, group, force or place named in the
// document, with all the mentions that refer to it.
type Entity struct {
	ID       string `json:"id"`
	Type     string `json:"type"`
	Name     string `json:"name"`
	Roles    []Role `json:"roles,omitempty"`
	Side     string `json:"side,omitempty"`
	Mentions []Span `json:"mentions"`
	// SideEvidence is the text the side was read from ("Ukrainian" in
	// "Ukrainian forces").
	SideEvidence []Span `json:"side_evidence,omitempty"`
}

// Role is a title or function given to an entity in the text.
type Role struct {
	Title    string `json:"title"`
	Evidence []Span `json:"evidence"`
}

// Place precisions, after ACLED's geo_precision codes (1, 2, 3) plus the
// country level and an explicit unresolved state.
const (
	PrecisionTown       = "town"      // geo_precision 1
	PrecisionNearTown   = "near_town" // geo_precision 2: near a town, or part of a region
	PrecisionRegion     = "region"    // geo_precision 3
	PrecisionCountry    = "country"
	PrecisionUnresolved = "unresolved" // found in the text, not on the map
)

// Place is a toponym and where it was resolved to.
type Place struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	GeoNameID int     `json:"geonames_id,omitempty"`
	Kind      string  `json:"kind"` // country, admin1, city, river, ...
	Country   string  `json:"country,omitempty"`
	Admin1    string  `json:"admin1,omitempty"`
	Lat       float64 `json:"lat,omitempty"`
	Lon       float64 `json:"lon,omitempty"`
	Precision string  `json:"precision"`
	// Relation says how the text places something relative to this place:
	// "in", "near", "outskirts".
	Relation string `json:"relation,omitempty"`
	Mentions []Span `json:"mentions"`
	// Evidence holds the context the resolution used (a region named beside
	// a town, "the country's capital").
	Evidence []Span `json:"evidence,omitempty"`
}

// TIMEX3 types.
const (
	TimeDate     = "DATE"
	TimeTime     = "TIME"
	TimeDuration = "DURATION"
	TimeSet      = "SET"
)

// Time is a TIMEX3 time expression normalized against the document date.
type Time struct {
	ID    string `json:"id"`
	Type  string `json:"type"`
	Value string `json:"value"`
	// Mod is the TIMEX3 mod: APPROX, LESS_THAN, START, END, MID, ...
	Mod string `json:"mod,omitempty"`
	// Precision is the granularity of Value: day, week, month, year, range,
	// time, unknown.
	Precision string `json:"precision,omitempty"`
	// Begin and End bound a range ("from Feb. 24 to March 25").
	Begin    string `json:"begin,omitempty"`
	End      string `json:"end,omitempty"`
	Anchor   string `json:"anchor,omitempty"`
	Mentions []Span `json:"mentions"`
	// Note says what was assumed or doubted ("later than the publication
	// date").
	Note string `json:"note,omitempty"`
}

// Figure qualifiers.
const (
	QualExact    = "exact"
	QualApprox   = "approximately"
	QualAtLeast  = "at_least"
	QualAtMost   = "at_most"
	QualMoreThan = "more_than"
	QualLessThan = "less_than"
	QualRange    = "range"
)

// Quantity is a number that counts something.
type Quantity struct {
	ID        string   `json:"id"`
	Value     float64  `json:"value"`
	Low       *float64 `json:"low,omitempty"`
	High      *float64 `json:"high,omitempty"`
	Qualifier string   `json:"qualifier"`
	// Unit is what is counted ("civilians", "people"); Measure what
	// happened to them ("killed", "fled").
	Unit    string `json:"unit,omitempty"`
	Measure string `json:"measure,omitempty"`
	// AsOf is the ID of the Time the figure holds at; Source the ID of the
	// entity that gives it.
	AsOf     string `json:"as_of,omitempty"`
	Source   string `json:"source,omitempty"`
	Claim    string `json:"claim,omitempty"`
	Evidence []Span `json:"evidence"`
}

// Claim verification statuses.
const (
	StatusUnverified           = "unverified"
	StatusOutletUnableToVerify = "outlet-unable-to-verify"
	StatusCorroborated         = "corroborated"
	StatusContested            = "contested"
	StatusConfirmed            = "confirmed"
	StatusFalse                = "false"
	StatusMisleading           = "misleading"
)

// Claim is an attributed statement: who said what, how and whether anyone
// could check it.
type Claim struct {
	ID string `json:"id"`
	// Speaker is the ID of the entity speaking, or "unattributed" for the
	// outlet's own voice.
	Speaker     string `json:"speaker"`
	SpeakerName string `json:"speaker_name,omitempty"`
	Source      []Span `json:"source,omitempty"`
	Cue         Span   `json:"cue"`
	CueLemma    string `json:"cue_lemma,omitempty"`
	Content     Span   `json:"content"`
	// ContentParts are the pieces of a content interrupted by its
	// attribution ("“A,” she said. “B.”"); Content then spans them all.
	ContentParts []Span `json:"content_parts,omitempty"`
	Mode         string `json:"mode"` // direct, indirect, mixed
	Medium       *Span  `json:"medium,omitempty"`
	Addressee    *Span  `json:"addressee,omitempty"`
	// When is the ID of the Time at which the statement was made.
	When     string `json:"when,omitempty"`
	Polarity string `json:"polarity"` // asserted, denied, refused, expected
	Status   string `json:"status"`
	Hedges   []Span `json:"hedges,omitempty"`
	Parent   string `json:"parent,omitempty"` // a claim inside another
}

// Said is the text of what the claim says: the content, or its parts
// joined by " … " when its attribution interrupts it, so that the
// attribution's words ("she said") are not taken for the speaker's.
func (c *Claim) Said() string {
	if len(c.ContentParts) < 2 {
		return c.Content.Text
	}
	parts := make([]string, len(c.ContentParts))
	for i, p := range c.ContentParts {
		parts[i] = p.Text
	}
	return strings.Join(parts, " … ")
}

// Event statuses.
const (
	EventOccurred = "occurred"
	EventClaimed  = "claimed"
	EventPlanned  = "planned"
	EventDenied   = "denied"
	EventOngoing  = "ongoing"
)

// Actor is a party to an event.
type Actor struct {
	Entity   string `json:"entity,omitempty"`
	Name     string `json:"name"`
	Side     string `json:"side,omitempty"`
	Evidence []Span `json:"evidence,omitempty"`
}

// Fatalities is a count of deaths with its uncertainty.
type Fatalities struct {
	Low      *float64 `json:"low,omitempty"`
	Best     *float64 `json:"best,omitempty"`
	High     *float64 `json:"high,omitempty"`
	Quantity string   `json:"quantity,omitempty"`
}

// Event is something that happened, or is said to have happened.
type Event struct {
	ID         string  `json:"id"`
	Type       string  `json:"type"`
	SubType    string  `json:"sub_type"`
	Actor1     *Actor  `json:"actor1,omitempty"`
	Actor2     *Actor  `json:"actor2,omitempty"`
	Associated []Actor `json:"associated,omitempty"`
	// Place is the ID of a Place, with the precision the event has there
	// (an event "near Kyiv" is near_town even if Kyiv is resolved exactly).
	Place          string `json:"place,omitempty"`
	PlacePrecision string `json:"place_precision"`
	// Date is the ID of a Time; DateValue its value and DatePrecision its
	// granularity, repeated so that exports need no join.
	Date          string `json:"date,omitempty"`
	DateValue     string `json:"date_value,omitempty"`
	DatePrecision string `json:"date_precision"`
	// DateMod qualifies DateValue as TIMEX3 does: ON_OR_BEFORE when the date
	// is that of the footage or report that shows the event, APPROX when
	// the date is approximate.
	DateMod string `json:"date_mod,omitempty"`
	// DateInferred is true when the text states no date for the event and
	// DateValue is the day of the report.
	DateInferred bool        `json:"date_inferred,omitempty"`
	Fatalities   *Fatalities `json:"fatalities,omitempty"`
	Status       string      `json:"status"`
	Claims       []string    `json:"claims,omitempty"`
	Trigger      Span        `json:"trigger"`
	Evidence     []Span      `json:"evidence"`
}
