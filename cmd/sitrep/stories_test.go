package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"sitrep"
)

// The three cases for stories, through the real stages and SQLite:
// two outlets' reports of one event are one story with two sources, a
// syndicated copy counts once, and "captured" against "retaken" for the
// same town and day contests it; so do two counts of one measure and day
// that cannot both be right.
func TestIngestStoriesAcrossOutlets(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	retook := "Ukrainian forces retook the town of Irpin on Monday, the mayor said. Oleksandr Markushyn said in a video on Telegram that Irpin has been liberated and that troops were clearing the streets."
	line := func(id, source, text string) string {
		return `{"id": ` + quote(id) + `, "source": ` + quote(source) + `, "published": "2022-03-28", "text": ` + quote(text) + `}`
	}
	ingest := func(name string, lines ...string) {
		t.Helper()
		p := filepath.Join(dir, name+".jsonl")
		writeFile(t, p, strings.Join(lines, "\n")+"\n")
		if code, out, errOut := runCmd(t, "ingest", "--db", db, p); code != 0 {
			t.Fatalf("ingest %s: status %d\n%s%s", name, code, out, errOut)
		}
	}
	irpin := func() *sitrep.Story {
		t.Helper()
		st := openDB(t, db)
		defer st.Close()
		stories, _, err := st.FindStories(context.Background(), sitrep.StoryFilter{Kind: sitrep.StoryEvent})
		if err != nil {
			t.Fatal(err)
		}
		var found *sitrep.Story
		for _, s := range stories {
			if s.Place == "Irpin" {
				if found != nil {
					t.Fatalf("two event stories at Irpin: %q and %q", found.Title, s.Title)
				}
				found = s
			}
		}
		if found == nil {
			t.Fatalf("no event story at Irpin among %d", len(stories))
		}
		return found
	}

	ingest("first",
		line("r1", "Reuters", retook),
		line("r1y", "Yahoo News", "(Reuters) - "+retook),
		line("a1", "AP", "Kyiv's troops have recaptured Irpin, a town northwest of the capital, on Monday, according to its mayor. Russian units withdrew after weeks of fighting, Oleksandr Markushyn said."))
	if s := irpin(); s.Sources != 2 || s.Status != sitrep.StatusCorroborated || s.Documents != 3 {
		t.Errorf("Irpin story: %d sources, %d documents, %s; want 2 sources (the copy counted once), 3 documents, corroborated",
			s.Sources, s.Documents, s.Status)
	}

	ingest("second", line("t1", "TASS", "Russian forces captured the town of Irpin on Monday, Russia's defence ministry said in a statement, claiming full control of the town northwest of Kyiv."))
	s := irpin()
	if s.Status != sitrep.StatusContested || len(s.Contradictions) == 0 || s.Contradictions[0].Kind != sitrep.ContraTerritory {
		t.Errorf("captured against retaken: status %s, contradictions %+v; want contested (territory)", s.Status, s.Contradictions)
	}

	ingest("third",
		line("u1", "Reuters", "The United Nations said that as of March 25, 1,081 civilians were killed in Ukraine since the invasion began."),
		line("u2", "AP", "The United Nations said on Monday that as of March 25, 1,119 civilians had been killed in Ukraine."))
	st := openDB(t, db)
	defer st.Close()
	claims, _, err := st.FindStories(context.Background(), sitrep.StoryFilter{Kind: sitrep.StoryClaim, Status: sitrep.StatusContested})
	if err != nil {
		t.Fatal(err)
	}
	var figures bool
	for _, c := range claims {
		for _, x := range c.Contradictions {
			figures = figures || x.Kind == sitrep.ContraFigures && strings.Contains(x.Note, "1081") && strings.Contains(x.Note, "1119")
		}
	}
	if !figures {
		t.Errorf("the UN's two counts for March 25 do not contest a claim story: %+v", claims)
	}
}
