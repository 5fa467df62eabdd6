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

// testReplaceRecord: a re-extracted record takes the place of the old one;
// its old items leave their stories, which are recomputed or removed, and
// its new ones are clustered.
func testReplaceRecord(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	rep, ok := s.(sitrep.RecordReplacer)
	if !ok {
		t.Fatalf("%T does not implement sitrep.RecordReplacer", s)
	}
	textA := "Ukrainian forces have retaken Irpin, said Oleksandr Markushyn: Irpin has been liberated. " +
		"Shelling hit Bucha the day before, said Anatoliy Fedoruk: the water station was destroyed."
	a := Irpin("Reuters", textA).Record()
	copyOf := Irpin("Yahoo", textA).Record()
	b := Irpin("AP", "Irpin was retaken by Kyiv's troops, said Oleksandr Markushyn: Irpin has been liberated.").Record()
	lone := Report{Source: "Kyiv Independent", Published: "2022-04-10", Text: "Fighting broke out in Kharkiv.", Trigger: "Fighting",
		Type: "Battles", Place: "Kharkiv", Lat: 49.99, Lon: 36.23, Date: "2022-04-10"}.Record()
	mustPut(t, s, a, sitrep.PutOptions{})
	mustPut(t, s, copyOf, sitrep.PutOptions{DuplicateOf: a.Document.ID, Similarity: 1})
	mustPut(t, s, b, sitrep.PutOptions{})
	mustPut(t, s, lone, sitrep.PutOptions{})
	c := story.New(s)
	if _, err := c.Run(ctx); err != nil {
		t.Fatal(err)
	}
	evs, _, err := s.FindEvents(ctx, sitrep.EventFilter{DocumentID: b.Document.ID})
	if err != nil || len(evs) != 1 {
		t.Fatalf("FindEvents(b) = %v, %v", evs, err)
	}
	irpin := evs[0].Story
	if st, err := s.FindStory(ctx, irpin); err != nil || st.Documents != 3 || st.Sources != 2 {
		t.Fatalf("Irpin story before = %+v, %v; want 3 documents from 2 sources", st, err)
	}
	evs, _, _ = s.FindEvents(ctx, sitrep.EventFilter{DocumentID: lone.Document.ID})
	if len(evs) != 1 || evs[0].Story == "" {
		t.Fatalf("FindEvents(lone) = %+v", evs)
	}
	loneStory := evs[0].Story
	// An analyst confirmed the Irpin story; the review goes with it.
	if _, err := s.Review(ctx, sitrep.Review{Kind: sitrep.ReviewStory, Target: irpin, Reviewer: "ana", NewStatus: sitrep.StatusConfirmed}); err != nil {
		t.Fatal(err)
	}
	before, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	order := docOrder(t, s)

	// The re-extraction finds the shelling of Bucha and Fedoruk's claim
	// instead of the recapture of Irpin; its items reuse the old IDs.
	shelling := func(source string) *sitrep.Record {
		return Report{Source: source, Published: "2022-03-28", Title: "Irpin retaken", Text: textA, Trigger: "Shelling",
			Type: "Explosions/Remote violence", SubType: "Shelling/artillery/missile attack", Place: "Bucha", Lat: 50.54, Lon: 30.21,
			Date: "2022-03-27", Speaker: "Anatoliy Fedoruk", Claim: "the water station was destroyed"}.Record()
	}
	newA, newCopy := shelling("Reuters"), shelling("Yahoo")
	if newA.Document.ID != a.Document.ID || newCopy.Document.ID != copyOf.Document.ID {
		t.Fatal("the replacements must have the stored documents' IDs")
	}
	quiet := Report{Source: "Kyiv Independent", Published: "2022-04-10", Text: lone.Document.Text}.Record()
	for _, r := range []*sitrep.Record{newA, newCopy, quiet} {
		if err := rep.ReplaceRecord(ctx, r); err != nil {
			t.Fatalf("ReplaceRecord(%s): %v", r.Document.Source, err)
		}
	}
	// Before clustering: the old items have left their stories and the new
	// ones are pending.
	// The Irpin story was started by Reuters' E1, whose ID the new E1 of
	// the same document would start its own story with: it is renamed.
	evs, _, _ = s.FindEvents(ctx, sitrep.EventFilter{DocumentID: b.Document.ID})
	if len(evs) != 1 || evs[0].Story == "" || evs[0].Story == irpin {
		t.Fatalf("AP's event after the replacement = %+v; want it in a renamed story", evs)
	}
	irpin = evs[0].Story
	st, err := s.FindStory(ctx, irpin)
	if err != nil {
		t.Fatalf("the Irpin story, still reported by AP, was removed: %v", err)
	}
	if !st.Reviewed || st.Status != sitrep.StatusConfirmed || st.Computed != sitrep.StatusUnverified {
		t.Errorf("renamed Irpin story: reviewed %v, status %s, computed %s; want the review kept and the status recomputed", st.Reviewed, st.Status, st.Computed)
	}
	if st.Documents != 1 || st.Sources != 1 || len(st.Members) != 1 || st.Members[0].DocID != b.Document.ID {
		t.Errorf("Irpin story after the replacement = %d documents, %d sources, members %v; want AP's alone", st.Documents, st.Sources, memberKeys(st))
	}
	_, err = s.FindStory(ctx, loneStory)
	wantCode(t, "FindStory(story left empty)", err, sitrep.ENOTFOUND)
	pending, err := s.PendingItems(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 4 {
		t.Errorf("pending after the replacement = %d, want 4 (two events, two claims)", len(pending))
	}
	for _, it := range pending {
		if it.DocID == copyOf.Document.ID && it.Root != a.Document.ID {
			t.Errorf("the near-duplicate's new item %s has root %s, want %s", it.Key(), it.Root, a.Document.ID)
		}
	}

	if _, err := c.Run(ctx); err != nil {
		t.Fatal(err)
	}
	after := replaceSnapshot(t, s, a, b, copyOf, lone)
	if strings.Contains(after, "retaken@"+a.Document.ID) || strings.Contains(after, "liberated@"+a.Document.ID) {
		t.Errorf("an old item of the replaced document is still in a story:\n%s", after)
	}
	if !strings.Contains(after, "Shelling@"+a.Document.ID) || !strings.Contains(after, "water station was destroyed@"+a.Document.ID) {
		t.Errorf("the new items of the replaced document are not in stories:\n%s", after)
	}
	evs, _, _ = s.FindEvents(ctx, sitrep.EventFilter{DocumentID: a.Document.ID})
	if len(evs) != 1 || evs[0].Trigger.Text != "Shelling" || evs[0].Story == "" || evs[0].Story == irpin {
		t.Errorf("events of the replaced document = %+v (Irpin story %s)", *evs[0], irpin)
	} else if bucha, err := s.FindStory(ctx, evs[0].Story); err != nil || bucha.Documents != 2 || bucha.Sources != 1 {
		t.Errorf("Bucha story = %+v, %v; want the Reuters document and its copy, one source", bucha, err)
	}
	stats, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != before.Documents || stats.Duplicates != before.Duplicates || stats.Pending != 0 ||
		stats.Events != before.Events-1 || stats.Claims != before.Claims {
		t.Errorf("Stats after = %+v, before %+v; want the same documents, one event fewer (Kharkiv), nothing pending", stats, before)
	}
	if got := docOrder(t, s); !slices.Equal(got, order) {
		t.Errorf("document order after = %v, want %v", got, order)
	}
	if d, err := s.FindDocument(ctx, copyOf.Document.ID); err != nil || d.DuplicateOf != a.Document.ID || d.Claims != 1 || d.Events != 1 {
		t.Errorf("the near-duplicate after its replacement = %+v, %v", d, err)
	}
	if got, err := s.FindRecord(ctx, a.Document.ID); err != nil || len(got.Events) != 1 || got.Events[0].Trigger.Text != "Shelling" {
		t.Errorf("FindRecord after the replacement = %+v, %v", got, err)
	}
	hits := claimHits(t, s, "water station destroyed")
	if !slices.Contains(hits, a.Document.ID) || !slices.Contains(hits, copyOf.Document.ID) {
		t.Errorf("Search(water station destroyed) = %v, want the replaced claims", hits)
	}
	hits = claimHits(t, s, "Markushyn liberated")
	if slices.Contains(hits, a.Document.ID) || slices.Contains(hits, copyOf.Document.ID) || !slices.Contains(hits, b.Document.ID) {
		t.Errorf("Search(Markushyn liberated) = %v, want AP's claim only", hits)
	}

	// Replacing with the same record again changes nothing once clustered,
	// an analyst's review of an unchanged claim included.
	if _, err := s.Review(ctx, sitrep.Review{Kind: sitrep.ReviewClaim, Target: a.Document.ID + "/C1", Reviewer: "ana", NewStatus: sitrep.StatusFalse}); err != nil {
		t.Fatal(err)
	}
	after = replaceSnapshot(t, s, a, b, copyOf, lone)
	stats, _ = s.Stats(ctx)
	if err := rep.ReplaceRecord(ctx, newA); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if again := replaceSnapshot(t, s, a, b, copyOf, lone); again != after {
		t.Errorf("a second replacement changed the store:\nfirst:\n%s\nsecond:\n%s", after, again)
	}
	if st2, _ := s.Stats(ctx); st2 != stats {
		t.Errorf("Stats after a second replacement = %+v, want %+v", st2, stats)
	}
	if cls, _, err := s.FindClaims(ctx, sitrep.ClaimFilter{DocumentID: a.Document.ID}); err != nil || len(cls) != 1 || !cls[0].Reviewed || cls[0].Status != sitrep.StatusFalse {
		t.Errorf("the reviewed, unchanged claim after a second replacement = %+v, %v", cls, err)
	}

	missing := Report{Source: "Nowhere", Text: "Never stored."}.Record()
	wantCode(t, "ReplaceRecord(a document not stored)", rep.ReplaceRecord(ctx, missing), sitrep.ENOTFOUND)
	other := shelling("Reuters")
	other.Document.Text += " And more."
	wantCode(t, "ReplaceRecord(another text)", rep.ReplaceRecord(ctx, other), sitrep.EINVALID)
	wantCode(t, "ReplaceRecord(nil)", rep.ReplaceRecord(ctx, nil), sitrep.EINVALID)
	if again := replaceSnapshot(t, s, a, b, copyOf, lone); again != after {
		t.Errorf("a refused replacement changed the store:\n%s", again)
	}
}

func docOrder(t *testing.T, s sitrep.Store) []string {
	t.Helper()
	docs, _, err := s.FindDocuments(context.Background(), sitrep.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	return ids
}

func memberKeys(st *sitrep.Story) []string {
	var out []string
	for _, m := range st.Members {
		out = append(out, m.Key())
	}
	return out
}

func claimHits(t *testing.T, s sitrep.Store, q string) []string {
	t.Helper()
	hits, err := s.Search(context.Background(), sitrep.SearchQuery{Query: q, Kind: sitrep.SearchClaims})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.DocumentID)
	}
	return ids
}

// replaceSnapshot lists every story with its figures and members (as
// "text@document"), and the documents' items, one per line, sorted.
func replaceSnapshot(t *testing.T, s sitrep.Store, recs ...*sitrep.Record) string {
	t.Helper()
	ctx := context.Background()
	var lines []string
	stories, _, err := s.FindStories(ctx, sitrep.StoryFilter{Limit: sitrep.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range stories {
		full, err := s.FindStory(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		var ms []string
		for _, m := range full.Members {
			ms = append(ms, m.Text+"@"+m.DocID)
		}
		slices.Sort(ms)
		lines = append(lines, fmt.Sprintf("story %s %s %s sources=%d documents=%d status=%s from=%s to=%s: %s",
			st.ID, st.Kind, st.Type, st.Sources, st.Documents, st.Status, st.From, st.To, strings.Join(ms, " | ")))
	}
	for _, r := range recs {
		evs, _, err := s.FindEvents(ctx, sitrep.EventFilter{DocumentID: r.Document.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			lines = append(lines, fmt.Sprintf("event %s/%s %s in %s", e.DocumentID, e.ID, e.Trigger.Text, e.Story))
		}
		cls, _, err := s.FindClaims(ctx, sitrep.ClaimFilter{DocumentID: r.Document.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cls {
			lines = append(lines, fmt.Sprintf("claim %s/%s %s in %s", c.DocumentID, c.ID, c.Content.Text, c.Story))
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
