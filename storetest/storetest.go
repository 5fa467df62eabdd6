package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"sitrep"
	"sitrep/story"
)

// Opener returns a new, empty store; the suite closes it.
type Opener func(t *testing.T) sitrep.Store

// Run runs the conformance suite against stores made by open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, sitrep.Store)
	}{
		{"PutIdempotent", testPutIdempotent},
		{"FindDocumentsPaged", testFindDocumentsPaged},
		{"FindClaimsAndEvents", testFindClaimsAndEvents},
		{"Search", testSearch},
		{"NearDuplicates", testNearDuplicates},
		{"Stories", testStories},
		{"Clustering", testClustering},
		{"Reviews", testReviews},
		{"Tokens", testTokens},
		{"BadInput", testBadInput},
		{"ReplaceRecord", testReplaceRecord},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			tt.fn(t, s)
		})
	}
}

func mustPut(t *testing.T, s sitrep.Store, rec *sitrep.Record, opt sitrep.PutOptions) sitrep.PutResult {
	t.Helper()
	res, err := s.PutRecord(context.Background(), rec, opt)
	if err != nil {
		t.Fatalf("PutRecord(%s): %v", rec.Document.ID, err)
	}
	return res
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := sitrep.ErrorCode(err); got != code {
		t.Errorf("%s: error %v (code %q), want code %q", what, err, got, code)
	}
}

func testPutIdempotent(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	rec := Irpin("Reuters", "Ukrainian forces have retaken Irpin, said Oleksandr Markushyn: Irpin has been liberated.").Record()
	if res := mustPut(t, s, rec, sitrep.PutOptions{}); !res.New || res.ID != rec.Document.ID {
		t.Fatalf("first PutRecord = %+v, want new", res)
	}
	if res := mustPut(t, s, rec, sitrep.PutOptions{}); res.New {
		t.Errorf("second PutRecord = %+v, want not new", res)
	}
	// A batch holding a stored record and the same new one twice stores
	// the new one once.
	other := Irpin("AP", "Irpin was retaken on Monday, said Oleksandr Markushyn: Irpin has been liberated.").Record()
	res, err := s.PutRecords(ctx, []*sitrep.Record{rec, other, other}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].New || !res[1].New || res[2].New {
		t.Errorf("PutRecords new = %v %v %v, want false true false", res[0].New, res[1].New, res[2].New)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 2 || st.Events != 2 || st.Claims != 2 || st.Pending != 4 {
		t.Errorf("Stats = %+v, want 2 documents, 2 events, 2 claims, 4 pending", st)
	}
	ok, err := s.HasDocument(ctx, rec.Document.ID)
	if err != nil || !ok {
		t.Errorf("HasDocument = %v, %v", ok, err)
	}
	got, err := s.FindRecord(ctx, rec.Document.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Document.Text != rec.Document.Text || len(got.Events) != 1 || got.Events[0].Trigger.Text != "retaken" {
		t.Errorf("FindRecord = %+v, want the record put", got.Document)
	}
	d, err := s.FindDocument(ctx, rec.Document.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Source != "Reuters" || d.Events != 1 || d.Claims != 1 || d.Ingested.IsZero() {
		t.Errorf("FindDocument = %+v", d)
	}
	_, err = s.FindDocument(ctx, "nope")
	wantCode(t, "FindDocument(nope)", err, sitrep.ENOTFOUND)
	_, err = s.FindRecord(ctx, "nope")
	wantCode(t, "FindRecord(nope)", err, sitrep.ENOTFOUND)
	if v, err := s.SchemaVersion(ctx); err != nil || v < 1 {
		t.Errorf("SchemaVersion = %d, %v", v, err)
	}
}

func testFindDocumentsPaged(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	var want []string
	for i := range 7 {
		src := []string{"Reuters", "AP"}[i%2]
		rec := Report{Source: src, Published: fmt.Sprintf("2022-03-%02d", 10+i), Text: fmt.Sprintf("Report number %d from the front.", i)}.Record()
		mustPut(t, s, rec, sitrep.PutOptions{})
		want = append(want, rec.Document.ID)
	}
	var got []string
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 5 {
			t.Fatal("FindDocuments does not end")
		}
		docs, next, err := s.FindDocuments(ctx, sitrep.DocumentFilter{Limit: 3, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) > 3 {
			t.Fatalf("page of %d, limit 3", len(docs))
		}
		for _, d := range docs {
			got = append(got, d.ID)
		}
		if next == "" {
			break
		}
		cursor = next
	}
	if !slices.Equal(got, want) {
		t.Errorf("paged documents = %v, want %v", got, want)
	}
	docs, _, err := s.FindDocuments(ctx, sitrep.DocumentFilter{Source: "AP", From: "2022-03-12", To: "2022-03-15"})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Published != "2022-03-13" || docs[1].Published != "2022-03-15" {
		t.Errorf("FindDocuments(AP, 12-15 March) = %d documents, want the 13th and the 15th", len(docs))
	}
}

func testFindClaimsAndEvents(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	a := Irpin("Reuters", "Ukrainian forces have retaken Irpin, said Oleksandr Markushyn: Irpin has been liberated.").Record()
	b := Report{Source: "AP", Published: "2022-03-02", Text: "Russian forces shelled Kharkiv, said the mayor Ihor Terekhov: the city is under fire.",
		Trigger: "shelled", Type: "Explosions/Remote violence", SubType: "Shelling/artillery/missile attack",
		Place: "Kharkiv", Lat: 49.99, Lon: 36.23, Date: "2022-03-01", Sides: []string{"RU"},
		Speaker: "Ihor Terekhov", Claim: "the city is under fire"}.Record()
	mustPut(t, s, a, sitrep.PutOptions{})
	mustPut(t, s, b, sitrep.PutOptions{})

	claims, _, err := s.FindClaims(ctx, sitrep.ClaimFilter{Speaker: "ihor terekhov"})
	if err != nil {
		t.Fatal(err)
	}
	if len(claims) != 1 || claims[0].Content.Text != "the city is under fire" || claims[0].DocumentID != b.Document.ID || claims[0].Source != "AP" {
		t.Errorf("FindClaims(speaker) = %+v", claims)
	}
	evs, _, err := s.FindEvents(ctx, sitrep.EventFilter{BBox: &[4]float64{29, 50, 31, 51}})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].DocumentID != a.Document.ID || evs[0].PlaceInfo == nil || evs[0].PlaceInfo.Name != "Irpin" || evs[0].Day != "2022-03-28" {
		t.Errorf("FindEvents(bbox around Irpin) = %+v", evs)
	}
	for _, tc := range []struct {
		f    sitrep.EventFilter
		want int
	}{
		{sitrep.EventFilter{}, 2},
		{sitrep.EventFilter{Type: "battles"}, 1},
		{sitrep.EventFilter{From: "2022-03-02", To: "2022-03-30"}, 1},
		{sitrep.EventFilter{To: "2022-03-01"}, 1},
		{sitrep.EventFilter{Place: "kharkiv"}, 1},
		{sitrep.EventFilter{Source: "Reuters"}, 1},
		{sitrep.EventFilter{Source: "TASS"}, 0},
	} {
		evs, _, err := s.FindEvents(ctx, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != tc.want {
			t.Errorf("FindEvents(%+v) = %d events, want %d", tc.f, len(evs), tc.want)
		}
	}
}

func testSearch(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	a := Irpin("Reuters", "Ukrainian forces have retaken Irpin, said Oleksandr Markushyn: Irpin has been liberated.").Record()
	b := Report{Source: "AP", Published: "2022-03-02", Text: "Negotiators met in Istanbul for talks; the mayor said nothing about Irpin.",
		Speaker: "Vladimir Medinsky", Claim: "talks"}.Record()
	mustPut(t, s, a, sitrep.PutOptions{})
	mustPut(t, s, b, sitrep.PutOptions{})
	hits, err := s.Search(ctx, sitrep.SearchQuery{Query: "liberated", Kind: sitrep.SearchDocuments})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].DocumentID != a.Document.ID || !strings.Contains(hits[0].Snippet, "liberated") {
		t.Errorf("Search(liberated) = %+v, want the Reuters document", hits)
	}
	hits, err = s.Search(ctx, sitrep.SearchQuery{Query: "Istanbul talks"})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].DocumentID != b.Document.ID {
		t.Errorf("Search(Istanbul talks) = %+v, want the AP document only", hits)
	}
	hits, err = s.Search(ctx, sitrep.SearchQuery{Query: "Markushyn liberated", Kind: sitrep.SearchClaims})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].ClaimID != "C1" || hits[0].DocumentID != a.Document.ID {
		t.Errorf("Search(claims: Markushyn liberated) = %+v", hits)
	}
	hits, err = s.Search(ctx, sitrep.SearchQuery{Query: "irpin", Limit: 1, Offset: 1, Kind: sitrep.SearchDocuments})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 {
		t.Errorf("Search(irpin, second page of one) = %d hits, want 1", len(hits))
	}
	// Query syntax is taken as words, never as operators.
	if _, err := s.Search(ctx, sitrep.SearchQuery{Query: `"Irpin" OR NEAR(* -`}); err != nil {
		t.Errorf("Search with operator characters: %v", err)
	}
	_, err = s.Search(ctx, sitrep.SearchQuery{Query: "  ** "})
	wantCode(t, "Search(no words)", err, sitrep.EINVALID)
}

func testNearDuplicates(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	a := Report{Source: "Reuters", Text: "Original wire story."}.Record()
	b := Report{Source: "Yahoo", Text: "Original wire story, syndicated."}.Record()
	mustPut(t, s, a, sitrep.PutOptions{Signature: []uint64{1, 2, 3, 1 << 63}, Bands: []uint64{10, 20, 1 << 63}})
	res := mustPut(t, s, b, sitrep.PutOptions{DuplicateOf: a.Document.ID, Similarity: 0.9, Signature: []uint64{1, 2, 4, 5}, Bands: []uint64{10, 30}})
	if res.DuplicateOf != a.Document.ID {
		t.Errorf("PutRecord(duplicate) = %+v", res)
	}
	cands, err := s.NearDuplicates(ctx, []uint64{1 << 63, 99})
	if err != nil {
		t.Fatal(err)
	}
	if len(cands) != 1 || cands[0].ID != a.Document.ID || !slices.Equal(cands[0].Signature, []uint64{1, 2, 3, 1 << 63}) {
		t.Errorf("NearDuplicates(high band) = %+v", cands)
	}
	// Only originals are indexed: the copy's own band finds nothing.
	cands, err = s.NearDuplicates(ctx, []uint64{10, 30})
	if err != nil {
		t.Fatal(err)
	}
	if len(cands) != 1 || cands[0].ID != a.Document.ID {
		t.Errorf("NearDuplicates(10, 30) = %+v, want the original only", cands)
	}
	docs, _, err := s.FindDocuments(ctx, sitrep.DocumentFilter{Originals: true})
	if err != nil || len(docs) != 1 {
		t.Errorf("FindDocuments(originals) = %d, %v, want 1", len(docs), err)
	}
}

func testStories(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	a := Irpin("Reuters", "Ukrainian forces have retaken Irpin, said Oleksandr Markushyn: Irpin has been liberated.").Record()
	far := Report{Source: "AP", Published: "2022-03-28", Text: "Fighting retaken in Lviv.", Trigger: "retaken", Type: "Battles",
		Place: "Lviv", Lat: 49.84, Lon: 24.03, Date: "2022-03-28"}.Record()
	mustPut(t, s, a, sitrep.PutOptions{})
	mustPut(t, s, far, sitrep.PutOptions{})
	pending, err := s.PendingItems(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 3 {
		t.Fatalf("PendingItems = %d, want 3 (two events, one claim)", len(pending))
	}
	var ev sitrep.StoryItem
	for _, it := range pending {
		if it.Kind == sitrep.StoryEvent && it.DocID == a.Document.ID {
			ev = it
		}
	}
	if ev.Cell != sitrep.GridCell(50.52, 30.25) || ev.DayFrom != ev.DayTo || !slices.Equal(ev.Actors, []string{"UA", "RU"}) {
		t.Errorf("pending event item = %+v", ev)
	}
	var assign []sitrep.Assignment
	for _, it := range pending {
		assign = append(assign, sitrep.Assignment{Kind: it.Kind, DocID: it.DocID, ItemID: it.ItemID, Story: "s-" + it.DocID[:6] + it.ItemID})
	}
	story := &sitrep.Story{ID: "s-" + a.Document.ID[:6] + "E1", Kind: sitrep.StoryEvent, Type: "Battles", Title: "retaken", Place: "Irpin",
		Status: sitrep.StatusUnverified, Computed: sitrep.StatusUnverified, Sources: 1, Outlets: []string{"Reuters"}, Documents: 1}
	if err := s.PutStories(ctx, sitrep.StoryUpdate{Assign: assign, Stories: []*sitrep.Story{story}}); err != nil {
		t.Fatal(err)
	}
	if pending, _ := s.PendingItems(ctx, 10); len(pending) != 0 {
		t.Errorf("PendingItems after assignment = %d, want 0", len(pending))
	}
	cands, err := s.StoryCandidates(ctx, sitrep.StoryWindow{Kind: sitrep.StoryEvent, Type: "battles",
		Cells: []int64{sitrep.GridCell(50.52, 30.25)}, DayFrom: ev.DayFrom, DayTo: ev.DayTo})
	if err != nil {
		t.Fatal(err)
	}
	if len(cands) != 1 || cands[0].DocID != a.Document.ID || cands[0].Story != story.ID {
		t.Errorf("StoryCandidates(Irpin cell) = %+v", cands)
	}
	cands, _ = s.StoryCandidates(ctx, sitrep.StoryWindow{Kind: sitrep.StoryEvent, Type: "Battles",
		Cells: []int64{sitrep.GridCell(50.52, 30.25)}, DayFrom: ev.DayTo + 1, DayTo: ev.DayTo + 3})
	if len(cands) != 0 {
		t.Errorf("StoryCandidates(later days) = %d, want 0", len(cands))
	}
	cands, _ = s.StoryCandidates(ctx, sitrep.StoryWindow{Kind: sitrep.StoryClaim, Type: sitrep.StoryClaim,
		Speaker: "oleksandr markushyn", DayFrom: ev.DayFrom, DayTo: ev.DayTo})
	if len(cands) != 1 || cands[0].Kind != sitrep.StoryClaim {
		t.Errorf("StoryCandidates(speaker) = %+v", cands)
	}
	got, err := s.FindStory(ctx, story.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Place != "Irpin" || len(got.Members) != 1 || got.Members[0].Story != story.ID || !slices.Equal(got.Outlets, []string{"Reuters"}) {
		t.Errorf("FindStory = %+v", got)
	}
	// A reviewed story keeps the analyst's status when clustering rewrites it.
	if _, err := s.Review(ctx, sitrep.Review{Kind: sitrep.ReviewStory, Target: story.ID, Reviewer: "ana", NewStatus: sitrep.StatusConfirmed}); err != nil {
		t.Fatal(err)
	}
	story.Computed, story.Status, story.Sources = sitrep.StatusCorroborated, sitrep.StatusCorroborated, 2
	if err := s.PutStories(ctx, sitrep.StoryUpdate{Stories: []*sitrep.Story{story}}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.FindStory(ctx, story.ID)
	if got.Status != sitrep.StatusConfirmed || got.Computed != sitrep.StatusCorroborated || !got.Reviewed || got.Sources != 2 {
		t.Errorf("reviewed story after re-clustering = status %s computed %s reviewed %v sources %d", got.Status, got.Computed, got.Reviewed, got.Sources)
	}
	list, _, err := s.FindStories(ctx, sitrep.StoryFilter{MinSources: 2})
	if err != nil || len(list) != 1 {
		t.Errorf("FindStories(min 2 sources) = %d, %v", len(list), err)
	}
	evs, _, _ := s.FindEvents(ctx, sitrep.EventFilter{StoryStatus: sitrep.StatusConfirmed})
	if len(evs) != 1 || evs[0].Story != story.ID {
		t.Errorf("FindEvents(story confirmed) = %+v", evs)
	}
	// Remove deletes only a story that no item is in.
	if err := s.PutStories(ctx, sitrep.StoryUpdate{Remove: []string{story.ID}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindStory(ctx, story.ID); err != nil {
		t.Errorf("a story with members was removed: %v", err)
	}
	_, err = s.FindStory(ctx, "nope")
	wantCode(t, "FindStory(nope)", err, sitrep.ENOTFOUND)
}

func testReviews(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	a := Irpin("Reuters", "Ukrainian forces have retaken Irpin, said Oleksandr Markushyn: Irpin has been liberated.").Record()
	mustPut(t, s, a, sitrep.PutOptions{})
	target := a.Document.ID + "/C1"
	r, err := s.Review(ctx, sitrep.Review{Kind: sitrep.ReviewClaim, Target: target, Reviewer: "ana", NewStatus: sitrep.StatusConfirmed, Note: "video geolocated"})
	if err != nil {
		t.Fatal(err)
	}
	if r.ID == 0 || r.OldStatus != sitrep.StatusUnverified || r.At.IsZero() {
		t.Errorf("Review = %+v", r)
	}
	_, err = s.Review(ctx, sitrep.Review{Kind: sitrep.ReviewClaim, Target: target, Reviewer: "bo", OldStatus: sitrep.StatusUnverified, NewStatus: sitrep.StatusFalse})
	wantCode(t, "Review with a stale old status", err, sitrep.ECONFLICT)
	if _, err := s.Review(ctx, sitrep.Review{Kind: sitrep.ReviewClaim, Target: target, Reviewer: "bo", OldStatus: sitrep.StatusConfirmed, NewStatus: sitrep.StatusMisleading, Note: "old video"}); err != nil {
		t.Fatal(err)
	}
	claims, _, err := s.FindClaims(ctx, sitrep.ClaimFilter{Reviewed: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(claims) != 1 || claims[0].Status != sitrep.StatusMisleading || claims[0].Extracted != sitrep.StatusUnverified || !claims[0].Reviewed {
		t.Errorf("FindClaims(reviewed) = %+v", claims)
	}
	trail, _, err := s.Reviews(ctx, sitrep.ReviewFilter{Target: target})
	if err != nil {
		t.Fatal(err)
	}
	if len(trail) != 2 || trail[0].Reviewer != "ana" || trail[1].OldStatus != sitrep.StatusConfirmed || trail[1].NewStatus != sitrep.StatusMisleading || trail[1].Note != "old video" {
		t.Errorf("Reviews = %+v", trail)
	}
	_, err = s.Review(ctx, sitrep.Review{Kind: sitrep.ReviewClaim, Target: a.Document.ID + "/C9", Reviewer: "ana", NewStatus: sitrep.StatusFalse})
	wantCode(t, "Review(missing claim)", err, sitrep.ENOTFOUND)
	_, err = s.Review(ctx, sitrep.Review{Kind: sitrep.ReviewClaim, Target: target, Reviewer: "ana", NewStatus: "maybe"})
	wantCode(t, "Review(bad status)", err, sitrep.EINVALID)
	_, err = s.Review(ctx, sitrep.Review{Kind: sitrep.ReviewClaim, Target: target, NewStatus: sitrep.StatusFalse})
	wantCode(t, "Review(no reviewer)", err, sitrep.EINVALID)
}

func testTokens(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	secret, tok, err := s.CreateToken(ctx, "newsroom", []string{"read"})
	if err != nil {
		t.Fatal(err)
	}
	if len(secret) < 32 || tok.ID == "" || strings.Contains(secret, tok.ID) {
		t.Errorf("CreateToken = %q, %+v", secret, tok)
	}
	got, err := s.Authenticate(ctx, secret)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != tok.ID || got.Name != "newsroom" || got.LastUsed == nil || !slices.Equal(got.Scopes, []string{"read"}) {
		t.Errorf("Authenticate = %+v", got)
	}
	_, err = s.Authenticate(ctx, secret+"x")
	wantCode(t, "Authenticate(wrong secret)", err, sitrep.ENOTFOUND)
	if err := s.RevokeToken(ctx, tok.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.Authenticate(ctx, secret)
	wantCode(t, "Authenticate(revoked)", err, sitrep.ENOTFOUND)
	wantCode(t, "RevokeToken(nope)", s.RevokeToken(ctx, "nope"), sitrep.ENOTFOUND)
	toks, err := s.Tokens(ctx)
	if err != nil || len(toks) != 1 || toks[0].Revoked == nil {
		t.Errorf("Tokens = %+v, %v", toks, err)
	}
}

func testBadInput(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	_, _, err := s.FindDocuments(ctx, sitrep.DocumentFilter{Cursor: "abc"})
	wantCode(t, "FindDocuments(bad cursor)", err, sitrep.EINVALID)
	_, _, err = s.FindEvents(ctx, sitrep.EventFilter{From: "March"})
	wantCode(t, "FindEvents(bad date)", err, sitrep.EINVALID)
	_, _, err = s.FindEvents(ctx, sitrep.EventFilter{BBox: &[4]float64{31, 50, 29, 51}})
	wantCode(t, "FindEvents(inverted bbox)", err, sitrep.EINVALID)
	_, err = s.PutRecord(ctx, &sitrep.Record{}, sitrep.PutOptions{})
	wantCode(t, "PutRecord(no ID)", err, sitrep.EINVALID)
	_, err = s.Search(ctx, sitrep.SearchQuery{Query: "x", Kind: "event"})
	wantCode(t, "Search(bad kind)", err, sitrep.EINVALID)
}

// testClustering runs the story clustering over the store: two outlets
// reporting one event make one corroborated story with two sources, a
// syndicated copy adds no source, and "captured" against "retaken" for the
// same town and day is contested.
func testClustering(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	text := "Ukrainian forces have retaken Irpin, said Oleksandr Markushyn: Irpin has been liberated."
	a := Irpin("Reuters", text).Record()
	copyOf := Irpin("Yahoo", text).Record()
	b := Irpin("AP", "Irpin was retaken by Kyiv's troops, said Oleksandr Markushyn: Irpin has been liberated.").Record()
	mustPut(t, s, a, sitrep.PutOptions{})
	mustPut(t, s, copyOf, sitrep.PutOptions{DuplicateOf: a.Document.ID, Similarity: 1})
	mustPut(t, s, b, sitrep.PutOptions{})
	c := story.New(s)
	if n, err := c.Run(ctx); err != nil || n != 6 {
		t.Fatalf("Run = %d, %v, want 6 items placed", n, err)
	}
	stories, _, err := s.FindStories(ctx, sitrep.StoryFilter{Kind: sitrep.StoryEvent})
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) != 1 || stories[0].Sources != 2 || stories[0].Documents != 3 || stories[0].Status != sitrep.StatusCorroborated {
		t.Fatalf("event stories = %+v, want one corroborated by 2 sources in 3 documents", stories)
	}
	id := stories[0].ID
	claims, _, _ := s.FindStories(ctx, sitrep.StoryFilter{Kind: sitrep.StoryClaim, MinSources: 2})
	if len(claims) != 1 {
		t.Errorf("claim stories with 2 sources = %d, want 1", len(claims))
	}

	r := Irpin("TASS", "Russian forces captured Irpin.")
	r.Trigger, r.SubType, r.Speaker, r.Claim = "captured", "Non-state actor overtakes territory", "", ""
	mustPut(t, s, r.Record(), sitrep.PutOptions{})
	if _, err := c.Run(ctx); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindStory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != sitrep.StatusContested || got.Sources != 3 || len(got.Members) != 4 ||
		len(got.Contradictions) != 1 || got.Contradictions[0].Kind != sitrep.ContraTerritory {
		t.Errorf("story after the TASS report = %s, %d sources, %d members, %+v; want contested by territory", got.Status, got.Sources, len(got.Members), got.Contradictions)
	}
	if st, _ := s.Stats(ctx); st.Pending != 0 {
		t.Errorf("%d items still pending", st.Pending)
	}

	// Two stories 30 km apart, the one a plain merge would drop reviewed;
	// a report between them joins both, and the reviewed story survives.
	mk := func(src string, lon float64) *sitrep.Record {
		return Report{Source: src, Published: "2022-05-01", Text: "Fighting near " + src, Trigger: "Fighting", Type: "Battles",
			Place: "Somewhere " + src, Lat: 48.0, Lon: lon, Date: "2022-05-01"}.Record()
	}
	west, east := mk("West", 37.0), mk("East", 37.4)
	mustPut(t, s, west, sitrep.PutOptions{})
	mustPut(t, s, east, sitrep.PutOptions{})
	if _, err := c.Run(ctx); err != nil {
		t.Fatal(err)
	}
	idOf := func(rec *sitrep.Record) string {
		evs, _, err := s.FindEvents(ctx, sitrep.EventFilter{DocumentID: rec.Document.ID})
		if err != nil || len(evs) != 1 {
			t.Fatalf("FindEvents(%s) = %v, %v", rec.Document.ID, evs, err)
		}
		return evs[0].Story
	}
	keep := max(idOf(west), idOf(east))
	if _, err := s.Review(ctx, sitrep.Review{Kind: sitrep.ReviewStory, Target: keep, Reviewer: "ana", NewStatus: sitrep.StatusConfirmed}); err != nil {
		t.Fatal(err)
	}
	mid := mk("Middle", 37.2)
	mustPut(t, s, mid, sitrep.PutOptions{})
	if _, err := c.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if got := idOf(mid); got != keep || idOf(west) != keep || idOf(east) != keep {
		t.Errorf("after the merge the events are in %s, %s, %s; want all in the reviewed %s", idOf(west), got, idOf(east), keep)
	}
	if st, err := s.FindStory(ctx, keep); err != nil || st.Status != sitrep.StatusConfirmed || len(st.Members) != 3 {
		t.Errorf("reviewed story after the merge = %+v, %v", st, err)
	}
}
