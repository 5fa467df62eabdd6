package sitrep

import (
	"context"
	"time"
)

// Store keeps records, the stories that join them across documents, the
// analysts' reviews and the API tokens. Two adapters implement it (sqlite/
// and postgres/) and pass one conformance suite (storetest/); the ingest
// command, the HTTP server and the queue workers are all written against
// this interface alone.
//
// Every method is safe for concurrent use. Errors carry a code: ENOTFOUND for
// a missing document, claim, story or token; EINVALID for a bad filter,
// status or cursor; ECONFLICT when a review's expected old status no longer
// holds; EUNAVAILABLE when the database does not answer.
//
// Lists are paged by keyset: a filter's Limit bounds the page (0 means
// DefaultLimit, more than MaxLimit is cut to MaxLimit) and Cursor continues
// after the previous page; each Find returns the cursor of the next page, ""
// after the last one. Pages are in insertion order, so a cursor stays valid
// while documents arrive.
type Store interface {
	// PutRecord stores a record: its document, full-text index, claims and
	// events, in one transaction. It is idempotent: a document whose ID is
	// already stored is left as it is and PutResult.New is false. opt links
	// a near-duplicate to the document it copies and keeps the document's
	// MinHash bands for later near-duplicate look-ups.
	PutRecord(ctx context.Context, rec *Record, opt PutOptions) (PutResult, error)
	// PutRecords stores several records in one transaction, each as
	// PutRecord would; results are in the order of recs. A batch is all or
	// nothing: a crash leaves either all of it or none.
	PutRecords(ctx context.Context, recs []*Record, opts []PutOptions) ([]PutResult, error)
	// HasDocument reports whether a document with this ID is stored.
	HasDocument(ctx context.Context, id string) (bool, error)
	// FindDocument returns the stored document with the given ID, without
	// its extracted items. Returns ENOTFOUND if none exists.
	FindDocument(ctx context.Context, id string) (*StoredDocument, error)
	// FindDocuments lists stored documents matching f.
	FindDocuments(ctx context.Context, f DocumentFilter) ([]*StoredDocument, string, error)
	// FindRecord returns the full record of a stored document, as it was
	// put. Returns ENOTFOUND if none exists.
	FindRecord(ctx context.Context, id string) (*Record, error)
	// FindClaims lists stored claims matching f.
	FindClaims(ctx context.Context, f ClaimFilter) ([]*StoredClaim, string, error)
	// FindEvents lists stored events matching f.
	FindEvents(ctx context.Context, f EventFilter) ([]*StoredEvent, string, error)
	// FindStory returns a story with its members. Returns ENOTFOUND if none
	// exists.
	FindStory(ctx context.Context, id string) (*Story, error)
	// FindStories lists stories matching f, without their members.
	FindStories(ctx context.Context, f StoryFilter) ([]*Story, string, error)
	// Search runs a full-text query over documents (title and text) and
	// claims (speaker and content), best match first.
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)

	// NearDuplicates returns the stored documents that share at least one
	// MinHash band with bands, with their signatures so that the caller can
	// estimate the similarity: originals only (a near-duplicate's bands are
	// not indexed, as its original stands for it), the oldest first, at
	// most a few hundred. The cost depends on the matches, not on the
	// number of stored documents.
	NearDuplicates(ctx context.Context, bands []uint64) ([]DuplicateCandidate, error)

	// StoryCandidates returns the story items that could be the same event
	// or claim as one in w: the cost depends on the items in w's cells and
	// days, not on the size of the store.
	StoryCandidates(ctx context.Context, w StoryWindow) ([]StoryItem, error)
	// StoryItems returns the members of a story.
	StoryItems(ctx context.Context, story string) ([]StoryItem, error)
	// PendingItems returns up to limit items that belong to no story yet,
	// in the order they were stored. An ingest killed between storing a
	// record and clustering it resumes from here.
	PendingItems(ctx context.Context, limit int) ([]StoryItem, error)
	// PutStories applies the story package's decisions in one transaction:
	// items move to their stories, stories are written, emptied stories
	// are removed. A story an analyst reviewed keeps its reviewed status.
	PutStories(ctx context.Context, u StoryUpdate) error

	// Review sets the status of a claim or a story and records who did it,
	// when, the old and new status and why, in the same transaction. When
	// r.OldStatus is set it must equal the current status (else ECONFLICT),
	// so that two analysts do not overwrite each other unknowingly. It
	// returns the review as stored, with its ID, time and old status.
	Review(ctx context.Context, r Review) (*Review, error)
	// Reviews lists the audit trail, oldest first.
	Reviews(ctx context.Context, f ReviewFilter) ([]*Review, string, error)

	// CreateToken makes an API token named name and returns its secret,
	// which is shown once: only its SHA-256 hash is stored.
	CreateToken(ctx context.Context, name string, scopes []string) (secret string, tok *APIToken, err error)
	// Authenticate returns the live token whose secret this is, and notes
	// its use. Returns ENOTFOUND for an unknown or revoked secret.
	Authenticate(ctx context.Context, secret string) (*APIToken, error)
	// RevokeToken revokes a token by ID. Returns ENOTFOUND if none exists.
	RevokeToken(ctx context.Context, id string) error
	// Tokens lists the tokens, revoked ones included, without secrets.
	Tokens(ctx context.Context) ([]*APIToken, error)

	// Stats counts what is stored.
	Stats(ctx context.Context) (StoreStats, error)
	// SchemaVersion returns the schema version the database is at.
	SchemaVersion(ctx context.Context) (int, error)
	// Close releases the database.
	Close() error
}

// Page bounds.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
)

// PutOptions steer how one record is stored.
type PutOptions struct {
	// DuplicateOf is the ID of a stored document this one is a syndicated
	// copy or a near-duplicate of; "" for an original. Stories count a
	// document and its duplicates as one source.
	DuplicateOf string
	// Similarity is the estimated Jaccard similarity to DuplicateOf.
	Similarity float64
	// Signature is the document's MinHash signature and Bands its LSH band
	// keys, kept so that later documents can be checked against it.
	Signature []uint64
	Bands     []uint64
}

// PutResult says what PutRecord did.
type PutResult struct {
	ID string
	// New is false when the document was already stored.
	New bool
	// DuplicateOf repeats the stored link for a near-duplicate.
	DuplicateOf string
}

// StoredDocument is a document as stored, with what the store knows of it.
type StoredDocument struct {
	Document
	DuplicateOf string    `json:"duplicate_of,omitempty"`
	Similarity  float64   `json:"similarity,omitempty"`
	Ingested    time.Time `json:"ingested"`
	Claims      int       `json:"claims"`
	Events      int       `json:"events"`
}

// DocumentFilter selects documents. Empty fields match everything.
type DocumentFilter struct {
	Source string
	// From and To bound the publication date, inclusive, as ISO dates.
	From, To string
	// Originals leaves out near-duplicates.
	Originals bool
	Limit     int
	Cursor    string
}

// StoredClaim is a claim with the document it came from and its review.
type StoredClaim struct {
	Claim
	DocumentID string `json:"document_id"`
	Source     string `json:"source,omitempty"`
	URL        string `json:"url,omitempty"`
	Published  string `json:"published,omitempty"`
	Story      string `json:"story,omitempty"`
	// Extracted is the status the extractor gave; Status (in Claim) is the
	// current one, which an analyst's review may have changed.
	Extracted string `json:"extracted_status"`
	Reviewed  bool   `json:"reviewed"`
}

// ClaimFilter selects claims. Empty fields match everything.
type ClaimFilter struct {
	DocumentID string
	Speaker    string // speaker name, case-insensitive
	Status     string
	Source     string
	Story      string
	From, To   string // publication date of the document
	Reviewed   bool   // only claims an analyst reviewed
	Limit      int
	Cursor     string
}

// StoredEvent is an event with its document, resolved place and story.
type StoredEvent struct {
	Event
	DocumentID string `json:"document_id"`
	Source     string `json:"source,omitempty"`
	URL        string `json:"url,omitempty"`
	Published  string `json:"published,omitempty"`
	// PlaceInfo is the record's place the event happened at, if resolved.
	PlaceInfo   *Place `json:"place_info,omitempty"`
	Story       string `json:"story,omitempty"`
	StoryStatus string `json:"story_status,omitempty"`
	// Day is the first day of the event's date as the stories read it
	// (the publication date where the event has none).
	Day string `json:"day,omitempty"`
}

// EventFilter selects events. Empty fields match everything.
type EventFilter struct {
	DocumentID string
	Type       string // event type, case-insensitive
	Source     string
	Story      string
	// StoryStatus selects by the status of the event's story.
	StoryStatus string
	// From and To bound the event's day, inclusive, as ISO dates.
	From, To string
	// BBox is min lon, min lat, max lon, max lat; nil for anywhere.
	BBox *[4]float64
	// Place matches the place name, case-insensitive.
	Place  string
	Limit  int
	Cursor string
}

// Story kinds.
const (
	StoryEvent = "event"
	StoryClaim = "claim"
)

// Contradiction kinds, the reasons a story is contested.
const (
	ContraTerritory = "territory" // captured vs retaken for the same place and time
	ContraFigures   = "figures"   // figures that disagree for the same measure and day
	ContraDenial    = "denial"    // a source denies it
)

// Story is one real-world event or claim that several documents report.
type Story struct {
	ID    string  `json:"id"`
	Kind  string  `json:"kind"`
	Type  string  `json:"type,omitempty"`
	Title string  `json:"title"`
	Place string  `json:"place,omitempty"`
	Lat   float64 `json:"lat,omitempty"`
	Lon   float64 `json:"lon,omitempty"`
	// From and To are the ISO days the story's members cover.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Status is the current status: the analyst's where reviewed, else the
	// computed one (corroborated, contested or unverified).
	Status   string `json:"status"`
	Computed string `json:"computed_status"`
	Reviewed bool   `json:"reviewed"`
	// Sources counts independent sources: distinct outlets, a document
	// and its near-duplicates counted once.
	Sources   int      `json:"sources"`
	Outlets   []string `json:"outlets"`
	Documents int      `json:"documents"`
	// Contradictions explain a contested status.
	Contradictions []Contradiction `json:"contradictions,omitempty"`
	Updated        time.Time       `json:"updated"`
	Members        []StoryItem     `json:"members,omitempty"`
}

// Contradiction is one reason a story is contested.
type Contradiction struct {
	Kind string `json:"kind"`
	Note string `json:"note"`
	// Items names the members that disagree, as "document/item".
	Items []string `json:"items"`
}

// StoryFilter selects stories. Empty fields match everything.
type StoryFilter struct {
	Kind       string
	Status     string
	Type       string
	MinSources int
	Limit      int
	Cursor     string
}

// StoryItem is an event or a claim as the story clustering sees it: the
// fields it matches on, flattened, with the indexing keys the stores use to
// find candidates near it. ItemsOf makes them from a record.
type StoryItem struct {
	Kind   string `json:"kind"`
	DocID  string `json:"doc"`
	ItemID string `json:"item"`
	Story  string `json:"story,omitempty"`
	// Source is the document's outlet; Root the document it duplicates,
	// else its own ID.
	Source string `json:"source,omitempty"`
	Root   string `json:"root"`
	// Type and SubType are the event's; a claim's Type is "claim".
	Type    string `json:"type"`
	SubType string `json:"sub_type,omitempty"`
	// Status is the event's status or the claim's polarity.
	Status string `json:"status,omitempty"`
	Place  string `json:"place,omitempty"`
	// PlaceKey is the lower-cased place name; events with no coordinates
	// are matched on it alone.
	PlaceKey  string  `json:"place_key,omitempty"`
	Lat       float64 `json:"lat,omitempty"`
	Lon       float64 `json:"lon,omitempty"`
	HasCoord  bool    `json:"has_coord,omitempty"`
	Precision string  `json:"precision,omitempty"`
	// Cell is the GridCell of Lat/Lon, -1 without coordinates.
	Cell int64 `json:"cell"`
	// DayFrom and DayTo are days since 1970-01-01, inclusive; DateGuessed
	// is set when they come from the publication date.
	DayFrom     int  `json:"day_from"`
	DayTo       int  `json:"day_to"`
	DateGuessed bool `json:"date_guessed,omitempty"`
	// Actors are the parties' sides or, without a side, lower-cased names.
	Actors     []string `json:"actors,omitempty"`
	Fatalities *float64 `json:"fatalities,omitempty"`
	// Figures are the counts a claim gives ("1,081 civilians killed as of
	// March 25"), so that two outlets quoting one source with different
	// numbers for the same measure and day are seen to disagree.
	Figures []StoryFigure `json:"figures,omitempty"`
	// Speaker is the claim's speaker, lower-cased; Content its content.
	Speaker string `json:"speaker,omitempty"`
	Content string `json:"content,omitempty"`
	// Text is a short text for a person: the trigger or the claim.
	Text string `json:"text,omitempty"`
	// Seq is the item's place in the order of storing, as a store read it
	// (0 when not read from one); it is not part of the item.
	Seq int64 `json:"-"`
}

// StoryFigure is one count a claim gives: what is counted (Unit, lower
// case), what happened to them (Measure), the value or its range, and the
// day it holds at (days since 1970-01-01). Figures without a day of their
// own are not kept: "as of" is what makes two counts comparable.
type StoryFigure struct {
	Measure string  `json:"measure"`
	Unit    string  `json:"unit,omitempty"`
	Value   float64 `json:"value"`
	Low     float64 `json:"low"`
	High    float64 `json:"high"`
	// Open says the figure has no upper bound ("at least 1,000"); JSON has
	// no infinity to put in High.
	Open bool `json:"open,omitempty"`
	Day  int  `json:"day"`
}

// Key names the item across the store: "kind:document/item".
func (it StoryItem) Key() string { return it.Kind + ":" + it.DocID + "/" + it.ItemID }

// StoryWindow asks for the candidates near one item: items of Kind and
// Type in one of Cells (or with PlaceKey, or by Speaker for claims) whose
// days overlap [DayFrom, DayTo].
type StoryWindow struct {
	Kind     string
	Type     string
	Cells    []int64
	PlaceKey string
	Speaker  string
	DayFrom  int
	DayTo    int
}

// StoryUpdate is what one clustering step changed.
type StoryUpdate struct {
	// Assign moves items to stories.
	Assign []Assignment
	// Stories are written whole (without members).
	Stories []*Story
	// Remove deletes stories merged into others.
	Remove []string
}

// Assignment puts one item in a story.
type Assignment struct {
	Kind, DocID, ItemID string
	Story               string
}

// DuplicateCandidate is a stored document that shares a MinHash band.
type DuplicateCandidate struct {
	ID          string
	Source      string
	DuplicateOf string
	Signature   []uint64
}

// Search kinds.
const (
	SearchDocuments = "document"
	SearchClaims    = "claim"
)

// SearchQuery is a full-text query. Query is words, all of which must
// appear (in any form the index stems to); quotes and operators are taken
// as words.
type SearchQuery struct {
	Query  string
	Kind   string // SearchDocuments, SearchClaims or "" for both
	Limit  int
	Offset int
}

// SearchHit is one match.
type SearchHit struct {
	Kind       string  `json:"kind"`
	DocumentID string  `json:"document_id"`
	ClaimID    string  `json:"claim_id,omitempty"`
	Title      string  `json:"title,omitempty"`
	Snippet    string  `json:"snippet"`
	Score      float64 `json:"score"`
}

// Review targets.
const (
	ReviewClaim = "claim"
	ReviewStory = "story"
)

// Review is one analyst decision, as kept in the audit trail.
type Review struct {
	ID   int64  `json:"id"`
	Kind string `json:"kind"` // ReviewClaim or ReviewStory
	// Target is a story ID, or "document/claim" for a claim.
	Target    string    `json:"target"`
	Reviewer  string    `json:"reviewer"`
	At        time.Time `json:"at"`
	OldStatus string    `json:"old_status"`
	NewStatus string    `json:"new_status"`
	Note      string    `json:"note,omitempty"`
}

// ReviewFilter selects reviews.
type ReviewFilter struct {
	Kind     string
	Target   string
	Reviewer string
	Limit    int
	Cursor   string
}

// ReviewStatuses are the statuses an analyst may give.
var ReviewStatuses = []string{
	StatusUnverified, StatusOutletUnableToVerify, StatusCorroborated, StatusContested,
	StatusConfirmed, StatusFalse, StatusMisleading,
}

// APIToken is an API token; the secret itself is never stored.
type APIToken struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	Scopes   []string   `json:"scopes,omitempty"`
	Created  time.Time  `json:"created"`
	LastUsed *time.Time `json:"last_used,omitempty"`
	Revoked  *time.Time `json:"revoked,omitempty"`
}

// StoreStats counts what is stored.
type StoreStats struct {
	Documents  int `json:"documents"`
	Duplicates int `json:"duplicates"`
	Claims     int `json:"claims"`
	Events     int `json:"events"`
	Stories    int `json:"stories"`
	Pending    int `json:"pending"`
	Reviews    int `json:"reviews"`
}
