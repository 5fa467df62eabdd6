package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitrep"
)

func TestReviewCommand(t *testing.T) {
	db := storeIrpin(t)
	ctx := context.Background()

	// The claim storeIrpin reviewed: its target is in the audit trail.
	code, out, errs := runCmd(t, "review", "list", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("review list = %d %s", code, errs)
	}
	var first sitrep.Review
	if err := json.Unmarshal([]byte(strings.Split(out, "\n")[0]), &first); err != nil || first.Reviewer != "ana" || first.NewStatus != sitrep.StatusConfirmed {
		t.Fatalf("review list --json = %v %q", err, out)
	}
	claim := first.Target

	// A second analyst overturns it, stating what she saw it as.
	code, out, errs = runCmd(t, "review", "claim", claim, "--db", db, "--status", "false", "--old-status", "confirmed",
		"--reviewer", "ben", "--note", "  The video is from 2014.  ")
	if code != 0 || !strings.Contains(out, "confirmed -> false") || !strings.Contains(out, "by ben") {
		t.Fatalf("review claim = %d %q %s", code, out, errs)
	}
	// Someone who saw it as confirmed is refused: it changed since.
	code, _, errs = runCmd(t, "review", "claim", claim, "--db", db, "--status", "misleading", "--old-status", "confirmed", "--reviewer", "cy")
	if code == 0 || !strings.Contains(errs, "is false now") {
		t.Errorf("stale review = %d %s, want a conflict", code, errs)
	}

	// A story, by ID.
	st := openDB(t, db)
	stories, _, err := st.FindStories(ctx, sitrep.StoryFilter{Limit: 1})
	st.Close()
	if err != nil || len(stories) == 0 {
		t.Fatalf("stories: %v %d", err, len(stories))
	}
	code, out, errs = runCmd(t, "review", "story", stories[0].ID, "--db", db, "--status", "contested", "--reviewer", "ben", "--json")
	var rev sitrep.Review
	if code != 0 || json.Unmarshal([]byte(out), &rev) != nil || rev.Kind != sitrep.ReviewStory || rev.NewStatus != "contested" {
		t.Fatalf("review story = %d %q %s", code, out, errs)
	}

	// The audit trail, filtered, in a table: the note on one line, trimmed.
	code, out, _ = runCmd(t, "review", "list", "--db", db, "--by", "ben", "--kind", "claim")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 || !strings.Contains(lines[1], "The video is from 2014.") || !strings.Contains(lines[1], "confirmed") {
		t.Errorf("review list --by ben --kind claim = %d\n%s", code, out)
	}
	st = openDB(t, db)
	defer st.Close()
	all, _, err := st.Reviews(ctx, sitrep.ReviewFilter{})
	if err != nil || len(all) != 3 || all[1].Note != "The video is from 2014." {
		t.Errorf("audit trail = %v %+v", err, all)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"review"}, ""},
		{[]string{"review", "event", "x", "--status", "false"}, "want claim, story or list"},
		{[]string{"review", "claim", claim, "--reviewer", "ben"}, "--status is missing"},
		{[]string{"review", "claim", claim, "--status", "fake", "--reviewer", "ben"}, `--status "fake"`},
		{[]string{"review", "claim", claim, "--status", "false", "--old-status", "sure", "--reviewer", "ben"}, `--old-status "sure"`},
		{[]string{"review", "claim", "C1", "--status", "false", "--reviewer", "ben"}, "want DOCUMENT/CLAIM"},
		{[]string{"review", "claim", claim, "extra", "--status", "false", "--reviewer", "ben"}, "takes one"},
		{[]string{"review", "claim", claim, "--status", "false", "--reviewer", " "}, "needs a name"},
		{[]string{"review", "claim", claim, "--status", "false", "--reviewer", "ben", "--note", strings.Repeat("é", 4001)}, "longer than 4000"},
		{[]string{"review", "claim", "dnope/C1", "--status", "false", "--reviewer", "ben", "--db", db}, "not found"},
		{[]string{"review", "story", "snope", "--status", "false", "--reviewer", "ben", "--db", db}, "not found"},
		{[]string{"review", "list", "x"}, "takes no arguments"},
		{[]string{"review", "list", "--kind", "event"}, `--kind "event"`},
		{[]string{"review", "list", "--limit", "0"}, "--limit 0"},
	} {
		code, _, errs := runCmd(t, c.args...)
		if code == 0 || !strings.Contains(errs, c.want) {
			t.Errorf("sitrep %v = %d %q, want a failure saying %q", c.args, code, errs, c.want)
		}
	}
	// Bad usage is refused before the default database is opened.
	if _, err := os.Stat("sitrep.db"); err == nil {
		t.Errorf("bad usage of review created sitrep.db in the working directory")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(db), "sitrep.db")); err == nil {
		t.Errorf("a sitrep.db appeared beside the test database")
	}
}
