package story_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"sitrep"
	"sitrep/storetest"
	"sitrep/story"
)

// cluster puts the records in a fresh index, as ingest would, clusters
// them, and returns the index.
func cluster(t testing.TB, recs []*sitrep.Record, dupOf map[string]string) *story.MemIndex {
	t.Helper()
	ix := story.NewMemIndex()
	for _, r := range recs {
		ix.Add(sitrep.ItemsOf(r, dupOf[r.Document.ID])...)
	}
	if _, err := story.New(ix).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	return ix
}

// storyOf returns the story of a record's first event.
func storyOf(t *testing.T, ix *story.MemIndex, rec *sitrep.Record, kind string) *sitrep.Story {
	t.Helper()
	for _, s := range ix.Stories() {
		ms, _ := ix.StoryItems(context.Background(), s.ID)
		for _, m := range ms {
			if m.DocID == rec.Document.ID && m.Kind == kind {
				return s
			}
		}
	}
	t.Fatalf("no %s story holds %s", kind, rec.Document.ID)
	return nil
}

func TestTwoOutletsOneStory(t *testing.T) {
	a := storetest.Irpin("Reuters", "Ukrainian forces have retaken Irpin, said Oleksandr Markushyn: Irpin has been liberated.").Record()
	b := storetest.Irpin("AP", "The mayor said Kyiv's troops retaken control; Oleksandr Markushyn: Irpin has been liberated, he said.").Record()
	ix := cluster(t, []*sitrep.Record{a, b}, nil)
	s := storyOf(t, ix, a, sitrep.StoryEvent)
	if s != storyOf(t, ix, b, sitrep.StoryEvent) {
		t.Fatalf("the two reports are in different stories")
	}
	if s.Sources != 2 || s.Status != sitrep.StatusCorroborated || !slices.Equal(s.Outlets, []string{"AP", "Reuters"}) || s.Documents != 2 {
		t.Errorf("story = sources %d status %s outlets %v documents %d, want 2 corroborated", s.Sources, s.Status, s.Outlets, s.Documents)
	}
	if s.Place != "Irpin" || s.From != "2022-03-28" || s.Title == "" {
		t.Errorf("story = place %q from %q title %q", s.Place, s.From, s.Title)
	}
	// The mayor's claim, reported by both, is one claim story too.
	c := storyOf(t, ix, a, sitrep.StoryClaim)
	if c != storyOf(t, ix, b, sitrep.StoryClaim) || c.Sources != 2 {
		t.Errorf("the mayor's claim is not one story with two sources: %+v", c)
	}
}

func TestSyndicatedCountsOnce(t *testing.T) {
	text := "Ukrainian forces have retaken Irpin, said Oleksandr Markushyn: Irpin has been liberated."
	a := storetest.Irpin("Reuters", text).Record()
	b := storetest.Irpin("Yahoo News", text).Record()
	ix := cluster(t, []*sitrep.Record{a, b}, map[string]string{b.Document.ID: a.Document.ID})
	s := storyOf(t, ix, a, sitrep.StoryEvent)
	if s != storyOf(t, ix, b, sitrep.StoryEvent) {
		t.Fatalf("the copy is in another story")
	}
	if s.Sources != 1 || s.Status != sitrep.StatusUnverified || s.Documents != 2 || len(s.Outlets) != 2 {
		t.Errorf("story = sources %d status %s documents %d outlets %v, want 1 source, unverified, 2 documents", s.Sources, s.Status, s.Documents, s.Outlets)
	}
}

func TestCapturedVsRetakenContested(t *testing.T) {
	a := storetest.Irpin("Reuters", "Ukrainian forces have retaken Irpin.").Record()
	r := storetest.Irpin("TASS", "Russian forces captured Irpin.")
	r.Trigger, r.SubType, r.Sides = "captured", "Non-state actor overtakes territory", []string{"RU", "UA"}
	r.Speaker, r.Claim = "", ""
	b := r.Record()
	ix := cluster(t, []*sitrep.Record{a, b}, nil)
	s := storyOf(t, ix, a, sitrep.StoryEvent)
	if s != storyOf(t, ix, b, sitrep.StoryEvent) {
		t.Fatalf("captured and retaken for the same town and day are in different stories")
	}
	if s.Status != sitrep.StatusContested || len(s.Contradictions) != 1 || s.Contradictions[0].Kind != sitrep.ContraTerritory {
		t.Errorf("story = %s %+v, want contested by territory", s.Status, s.Contradictions)
	}
}

func TestFiguresAndDenial(t *testing.T) {
	mk := func(src, text string, killed float64, status string) *sitrep.Record {
		r := storetest.Report{Source: src, Published: "2022-03-09", Text: text, Trigger: "strike", Type: "Explosions/Remote violence",
			SubType: "Air/drone strike", Place: "Mariupol", Lat: 47.1, Lon: 37.55, Date: "2022-03-09", Fatalities: storetest.Float(killed), Status: status}
		return r.Record()
	}
	a := mk("Reuters", "An air strike hit the maternity hospital; 3 killed.", 3, "")
	b := mk("BBC", "The strike on the hospital killed 17, officials said.", 17, "")
	c := mk("Guardian", "A strike on the hospital killed 3.", 3, "")
	ix := cluster(t, []*sitrep.Record{a, b, c}, nil)
	s := storyOf(t, ix, a, sitrep.StoryEvent)
	if s.Status != sitrep.StatusContested || s.Sources != 3 {
		t.Fatalf("story = %s with %d sources, want contested with 3", s.Status, s.Sources)
	}
	kinds := []string{}
	for _, c := range s.Contradictions {
		kinds = append(kinds, c.Kind)
	}
	if !slices.Equal(kinds, []string{sitrep.ContraFigures, sitrep.ContraFigures}) {
		t.Errorf("contradictions = %+v, want two of figures (3 vs 17 twice)", s.Contradictions)
	}
	d := mk("RIA", "Moscow denied any strike on the hospital.", 0, sitrep.EventDenied)
	d.Events[0].Fatalities = nil
	ix = cluster(t, []*sitrep.Record{a, c, d}, nil)
	s = storyOf(t, ix, a, sitrep.StoryEvent)
	if s.Status != sitrep.StatusContested || len(s.Contradictions) != 1 || s.Contradictions[0].Kind != sitrep.ContraDenial {
		t.Errorf("story with a denial = %s %+v, want contested by denial", s.Status, s.Contradictions)
	}
	// A denial alone contradicts no one.
	ix = cluster(t, []*sitrep.Record{d}, nil)
	if s := storyOf(t, ix, d, sitrep.StoryEvent); s.Status != sitrep.StatusUnverified {
		t.Errorf("a lone denial = %s %+v, want unverified", s.Status, s.Contradictions)
	}
}

func TestNotTheSameEvent(t *testing.T) {
	base := storetest.Irpin("Reuters", "Ukrainian forces have retaken Irpin.")
	base.Speaker, base.Claim = "", ""
	tests := []struct {
		name string
		edit func(r *storetest.Report)
	}{
		{"another town 60 km away", func(r *storetest.Report) { r.Place, r.Lat, r.Lon = "Brovary", 50.51, 30.79+0.4 }},
		{"a week later", func(r *storetest.Report) { r.Date, r.Published = "2022-04-04", "2022-04-04" }},
		{"another type", func(r *storetest.Report) { r.Type = "Protests" }},
		{"other actors", func(r *storetest.Report) { r.Sides = []string{"BY"} }},
		{"a month-long date", func(r *storetest.Report) { r.Date = "2022" }},
	}
	for _, tt := range tests {
		o := base
		o.Source, o.Text = "AP", "Something else happened at another place."
		tt.edit(&o)
		a, b := base.Record(), o.Record()
		ix := cluster(t, []*sitrep.Record{a, b}, nil)
		if storyOf(t, ix, a, sitrep.StoryEvent) == storyOf(t, ix, b, sitrep.StoryEvent) {
			t.Errorf("%s: joined one story", tt.name)
		}
	}
}

func TestPrecisionWidensTheMatch(t *testing.T) {
	// 40 km apart: too far for two towns, near enough for a region-level
	// report.
	a := storetest.Report{Source: "Reuters", Text: "Shelling in Bucha.", Trigger: "Shelling", Type: "Explosions/Remote violence",
		Place: "Bucha", Lat: 50.55, Lon: 30.21, Date: "2022-03-10"}
	b := a
	b.Source, b.Text, b.Place, b.Lat, b.Lon = "AP", "Shelling in the Kyiv region.", "Kyiv Oblast", 50.45, 30.75
	if ix := cluster(t, []*sitrep.Record{a.Record(), b.Record()}, nil); len(ix.Stories()) != 2 {
		t.Errorf("two towns 40 km apart: %d stories, want 2", len(ix.Stories()))
	}
	b.Precision = sitrep.PrecisionRegion
	if ix := cluster(t, []*sitrep.Record{a.Record(), b.Record()}, nil); len(ix.Stories()) != 1 {
		t.Errorf("a town and its region: %d stories, want 1", len(ix.Stories()))
	}
}

func TestMergeOnBridge(t *testing.T) {
	// A and C are 30 km apart at region precision on either side; B, placed
	// between them, matches both, so the two stories become one.
	mk := func(src string, lon float64) *sitrep.Record {
		return storetest.Report{Source: src, Text: "Fighting in the region " + src, Trigger: "Fighting", Type: "Battles",
			Place: "Somewhere " + src, Lat: 48.0, Lon: lon, Precision: sitrep.PrecisionTown, Date: "2022-05-01"}.Record()
	}
	a, c, b := mk("A", 37.0), mk("C", 37.4), mk("B", 37.2)
	ix := cluster(t, []*sitrep.Record{a, c}, nil)
	if len(ix.Stories()) != 2 {
		t.Fatalf("A and C: %d stories, want 2", len(ix.Stories()))
	}
	ix.Add(sitrep.ItemsOf(b, "")...)
	if _, err := story.New(ix).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	// Towns 15 km apart match (10 + 10 km), so B joins both.
	if n := len(ix.Stories()); n != 1 {
		t.Fatalf("after B: %d stories, want 1", n)
	}
	if s := ix.Stories()[0]; s.Sources != 3 || s.Documents != 3 {
		t.Errorf("merged story = %+v", s)
	}
}

func TestMergeKeepsReviewedStory(t *testing.T) {
	mk := func(src string, lon float64) *sitrep.Record {
		return storetest.Report{Source: src, Text: "Fighting " + src, Trigger: "Fighting", Type: "Battles",
			Place: "Somewhere " + src, Lat: 48.0, Lon: lon, Date: "2022-05-01"}.Record()
	}
	a, c, b := mk("A", 37.0), mk("C", 37.4), mk("B", 37.2)
	ix := cluster(t, []*sitrep.Record{a, c}, nil)
	reviewed := storyOf(t, ix, c, sitrep.StoryEvent).ID
	if reviewed < storyOf(t, ix, a, sitrep.StoryEvent).ID {
		// Make the reviewed story the one a plain merge would drop.
		a, c = c, a
		reviewed = storyOf(t, ix, c, sitrep.StoryEvent).ID
	}
	ix.Review(reviewed, sitrep.StatusFalse)
	ix.Add(sitrep.ItemsOf(b, "")...)
	if _, err := story.New(ix).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := ix.Stories(); len(got) != 1 || got[0].ID != reviewed || got[0].Status != sitrep.StatusFalse || !got[0].Reviewed {
		t.Errorf("after the merge: %+v, want the reviewed story %s kept with its status", got[0], reviewed)
	}
}

func TestDeterministic(t *testing.T) {
	var recs []*sitrep.Record
	for i := range 30 {
		recs = append(recs, storetest.Report{Source: fmt.Sprint("outlet", i%4), Text: fmt.Sprint("report ", i), Trigger: "report",
			Type: "Battles", Place: fmt.Sprint("P", i%3), Lat: 48 + float64(i%3), Lon: 37, Date: fmt.Sprintf("2022-05-%02d", 1+i%5)}.Record())
	}
	a, b := cluster(t, recs, nil).Stories(), cluster(t, recs, nil).Stories()
	if len(a) != len(b) {
		t.Fatalf("runs differ")
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Sources != b[i].Sources || a[i].Title != b[i].Title {
			t.Errorf("story %d differs between runs: %+v vs %+v", i, a[i], b[i])
		}
	}
}

// TestBatchSameAsOneByOne checks that clustering a run's items in one
// batch decides exactly as placing them one transaction at a time.
func TestBatchSameAsOneByOne(t *testing.T) {
	var recs []*sitrep.Record
	for i := range 60 {
		recs = append(recs, storetest.Report{Source: fmt.Sprint("outlet", i%5), Text: fmt.Sprint("report ", i), Trigger: "report",
			Type: "Battles", Place: fmt.Sprint("P", i%4), Lat: 48 + 0.5*float64(i%4), Lon: 37, Date: fmt.Sprintf("2022-05-%02d", 1+(i*7)%19),
			Published: fmt.Sprintf("2022-05-%02d", 1+(i*5)%23), Speaker: fmt.Sprint("speaker ", i%3), Claim: "report"}.Record())
	}
	batched := cluster(t, recs, nil)
	single := story.NewMemIndex()
	for _, r := range recs {
		single.Add(sitrep.ItemsOf(r, "")...)
	}
	c := story.New(single)
	for {
		items, _ := single.PendingItems(context.Background(), 1)
		if len(items) == 0 {
			break
		}
		if err := c.Add(context.Background(), &items[0]); err != nil {
			t.Fatal(err)
		}
	}
	a, b := batched.Stories(), single.Stories()
	if len(a) != len(b) || len(a) < 3 || len(a) > 100 {
		t.Fatalf("batched %d stories, one by one %d (want equal, and some merged)", len(a), len(b))
	}
	for i := range a {
		ma, _ := batched.StoryItems(context.Background(), a[i].ID)
		mb, _ := single.StoryItems(context.Background(), b[i].ID)
		if a[i].ID != b[i].ID || a[i].Sources != b[i].Sources || a[i].Status != b[i].Status || len(ma) != len(mb) {
			t.Errorf("story %d: batched %s (%d sources, %d members), one by one %s (%d, %d)", i, a[i].ID, a[i].Sources, len(ma), b[i].ID, b[i].Sources, len(mb))
		}
	}
}

// unFigure is one outlet's report of the UN's count of civilians killed as
// of 2022-03-25, worded its own way.
func unFigure(source, content, qualifier string, value float64, low, high *float64) *sitrep.Record {
	return &sitrep.Record{
		Document: sitrep.Document{ID: "d-" + source, Source: source, Published: "2022-03-28"},
		Entities: []sitrep.Entity{{ID: "e1", Name: "United Nations", Type: "ORG"}},
		Times:    []sitrep.Time{{ID: "t1", Type: "DATE", Value: "2022-03-25"}},
		Claims: []sitrep.Claim{{ID: "c1", Speaker: "e1", SpeakerName: "United Nations",
			Content: sitrep.Span{Text: content}, Mode: "indirect", Polarity: "asserted", Status: sitrep.StatusUnverified}},
		Quantities: []sitrep.Quantity{{ID: "Q1", Value: value, Low: low, High: high, Qualifier: qualifier,
			Unit: "civilians", Measure: "killed", AsOf: "t1", Source: "e1", Claim: "c1"}},
	}
}

func TestFiguresThatDisagree(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	a := unFigure("Reuters", "1,081 civilians were killed in Ukraine as of March 25", sitrep.QualExact, 1081, nil, nil)
	cases := []struct {
		name      string
		b         *sitrep.Record
		contested bool
	}{
		{"another count", unFigure("AP", "as of Friday its monitors had recorded 1,119 civilian deaths among civilians killed", sitrep.QualExact, 1119, nil, nil), true},
		{"the same count", unFigure("AP", "the death toll of civilians stood at 1,081 on Friday", sitrep.QualExact, 1081, nil, nil), false},
		{"a lower bound it meets", unFigure("AP", "at least 1,000 civilians have been killed", sitrep.QualAtLeast, 1000, f(1000), nil), false},
		{"a lower bound it misses", unFigure("AP", "more than 1,500 civilians have been killed", sitrep.QualMoreThan, 1500, f(1500), nil), true},
		{"a rounding of it", unFigure("AP", "about 1,100 civilians have been killed", sitrep.QualApprox, 1100, nil, nil), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ix := cluster(t, []*sitrep.Record{a, c.b}, nil)
			s := storyOf(t, ix, a, sitrep.StoryClaim)
			if s != storyOf(t, ix, c.b, sitrep.StoryClaim) {
				t.Fatalf("the two counts of one measure and day are in different stories")
			}
			contested := false
			for _, x := range s.Contradictions {
				if x.Kind == sitrep.ContraFigures {
					contested = true
				}
			}
			if contested != c.contested || (s.Status == sitrep.StatusContested) != c.contested {
				t.Errorf("status %s contradictions %+v, want contested=%v", s.Status, s.Contradictions, c.contested)
			}
		})
	}
	// One outlet's copy of the other is its own account, not a second one.
	b := unFigure("AP", "1,119 civilians were killed in Ukraine as of March 25", sitrep.QualExact, 1119, nil, nil)
	ix := cluster(t, []*sitrep.Record{a, b}, map[string]string{b.Document.ID: a.Document.ID})
	if s := storyOf(t, ix, a, sitrep.StoryClaim); s.Status == sitrep.StatusContested {
		t.Errorf("a copy disagreeing with its original contests the story: %+v", s.Contradictions)
	}
	// A count for another day is another figure.
	c := unFigure("AP", "1,119 civilians were killed in Ukraine as of March 26", sitrep.QualExact, 1119, nil, nil)
	c.Times[0].Value = "2022-03-26"
	ix = cluster(t, []*sitrep.Record{a, c}, nil)
	if storyOf(t, ix, a, sitrep.StoryClaim) == storyOf(t, ix, c, sitrep.StoryClaim) {
		t.Errorf("counts for two days joined one story")
	}
}
