package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"sitrep"
)

// maxReviewNote is the longest note, in characters, as the API allows.
const maxReviewNote = 4000

func runReview(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("review", "claim DOCUMENT/CLAIM --status STATUS [--note TEXT] | story ID --status STATUS [--note TEXT] | list",
		"Set the status of a claim or a story as an analyst would in the web UI, or list the audit trail.\n"+
			"Each review is kept with who made it, when, the status before and the note; the stories and\n"+
			"exports show the reviewed status from then on. Statuses: "+strings.Join(sitrep.ReviewStatuses, ", ")+".\n"+
			"A claim is named by its document ID and claim ID as the records and the API give them (d…/c3).")
	db := dbFlag(fs)
	status := fs.String("status", "", "the new status (claim and story)")
	note := fs.String("note", "", "why: the evidence that decided it (up to 4000 characters)")
	reviewer := fs.String("reviewer", os.Getenv("USER"), "who reviews, as the audit trail names them")
	oldStatus := fs.String("old-status", "", "refuse the review unless the status is still this (someone else may have changed it)")
	kind := fs.String("kind", "", "list: only reviews of claims or of stories")
	target := fs.String("target", "", "list: only reviews of this claim (DOCUMENT/CLAIM) or story")
	by := fs.String("by", "", "list: only reviews by this reviewer")
	limit := fs.Int("limit", 100, "list: at most this many reviews")
	jsonOut := fs.Bool("json", false, "print JSON: the review made, or one review per line")
	verb, rest, err := parseVerb(fs, args)
	if err != nil {
		return err
	}
	var rev sitrep.Review
	var filter sitrep.ReviewFilter
	// Everything is checked before a database is opened (or, for SQLite,
	// made): a mistyped command leaves no empty database behind.
	switch verb {
	case sitrep.ReviewClaim, sitrep.ReviewStory:
		if len(rest) != 1 {
			fs.Usage()
			return sitrep.Errorf(sitrep.EINVALID, "review %s takes one %s, got %d arguments", verb, map[string]string{sitrep.ReviewClaim: "DOCUMENT/CLAIM", sitrep.ReviewStory: "story ID"}[verb], len(rest))
		}
		rev = sitrep.Review{Kind: verb, Target: rest[0], Reviewer: strings.TrimSpace(*reviewer),
			NewStatus: *status, OldStatus: *oldStatus, Note: strings.TrimSpace(*note)}
		if err := checkReview(rev); err != nil {
			return err
		}
	case "list":
		if len(rest) != 0 {
			fs.Usage()
			return sitrep.Errorf(sitrep.EINVALID, "review list takes no arguments, got %q", strings.Join(rest, " "))
		}
		if *kind != "" && *kind != sitrep.ReviewClaim && *kind != sitrep.ReviewStory {
			return sitrep.Errorf(sitrep.EINVALID, "--kind %q: want %s or %s", *kind, sitrep.ReviewClaim, sitrep.ReviewStory)
		}
		if *limit < 1 || *limit > sitrep.MaxLimit {
			return sitrep.Errorf(sitrep.EINVALID, "--limit %d: want 1 to %d", *limit, sitrep.MaxLimit)
		}
		filter = sitrep.ReviewFilter{Kind: *kind, Target: *target, Reviewer: *by, Limit: *limit}
	default:
		fs.Usage()
		return sitrep.Errorf(sitrep.EINVALID, "review %q: want claim, story or list", verb)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if verb == "list" {
		return listReviews(ctx, m, st, filter, *jsonOut)
	}
	done, err := st.Review(ctx, rev)
	if err != nil {
		return err
	}
	if *jsonOut {
		return json.NewEncoder(m.Stdout).Encode(done)
	}
	fmt.Fprintf(m.Stdout, "%s %s: %s -> %s (review %d by %s at %s)\n", done.Kind, done.Target, done.OldStatus, done.NewStatus,
		done.ID, done.Reviewer, done.At.Format(time.RFC3339))
	return nil
}

// checkReview refuses what the store or the API would: an unknown status,
// no reviewer, a claim not named DOCUMENT/CLAIM, a note too long.
func checkReview(r sitrep.Review) error {
	valid := func(flag, s string) error {
		if slices.Contains(sitrep.ReviewStatuses, s) {
			return nil
		}
		return sitrep.Errorf(sitrep.EINVALID, "%s %q: want one of %s", flag, s, strings.Join(sitrep.ReviewStatuses, ", "))
	}
	if r.NewStatus == "" {
		return sitrep.Errorf(sitrep.EINVALID, "review %s %s: --status is missing (one of %s)", r.Kind, r.Target, strings.Join(sitrep.ReviewStatuses, ", "))
	}
	if err := valid("--status", r.NewStatus); err != nil {
		return err
	}
	if r.OldStatus != "" {
		if err := valid("--old-status", r.OldStatus); err != nil {
			return err
		}
	}
	if r.Reviewer == "" {
		return sitrep.Errorf(sitrep.EINVALID, "review: --reviewer is empty and $USER is not set: the audit trail needs a name")
	}
	if r.Kind == sitrep.ReviewClaim {
		if doc, claim, ok := strings.Cut(r.Target, "/"); !ok || doc == "" || claim == "" {
			return sitrep.Errorf(sitrep.EINVALID, "review claim %q: want DOCUMENT/CLAIM, as in the records (d1a2b3…/c3)", r.Target)
		}
	}
	if !utf8.ValidString(r.Note) {
		return sitrep.Errorf(sitrep.EINVALID, "--note: not valid UTF-8")
	}
	if n := utf8.RuneCountInString(r.Note); n > maxReviewNote {
		return sitrep.Errorf(sitrep.EINVALID, "--note: %d characters, longer than %d", n, maxReviewNote)
	}
	return nil
}

func listReviews(ctx context.Context, m *Main, st sitrep.Store, f sitrep.ReviewFilter, asJSON bool) error {
	revs, _, err := st.Reviews(ctx, f)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(m.Stdout)
		for _, r := range revs {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tAT\tREVIEWER\tKIND\tTARGET\tOLD\tNEW\tNOTE")
	for _, r := range revs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.At.Format(time.RFC3339), r.Reviewer, r.Kind, r.Target,
			r.OldStatus, r.NewStatus, cell(r.Note, 60))
	}
	return tw.Flush()
}

// cell puts s on one line of at most n characters, for a table.
func cell(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
