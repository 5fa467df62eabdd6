package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"

	"sitrep"
)

func runDeadletter(ctx context.Context, m *Main, args []string) error {
	about := "List the jobs that failed for good, with why, or queue them again.\n\n" +
		"  sitrep deadletter list --queue nats://HOST:4222 [--json] [--limit N]\n" +
		"  sitrep deadletter replay --queue nats://HOST:4222 (--all | ID...)"
	if len(args) == 0 || (args[0] != "list" && args[0] != "replay") {
		fmt.Fprintf(m.Stderr, "Usage: sitrep deadletter list|replay [flags]\n\n%s\n", about)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errUsage
	}
	verb := args[0]
	fs := m.newFlagSet("deadletter "+verb, "[flags]", about)
	var qf queueFlags
	qf.register(fs)
	jsonOut := fs.Bool("json", false, "list: print one JSON object per line")
	limit := fs.Int("limit", 1000, "list: at most this many")
	all := fs.Bool("all", false, "replay: every dead letter")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	var ids []uint64
	for _, p := range pos {
		id, err := strconv.ParseUint(p, 10, 64)
		if err != nil || verb != "replay" {
			return sitrep.Errorf(sitrep.EINVALID, "deadletter %s: %q is not a dead letter ID", verb, p)
		}
		ids = append(ids, id)
	}
	if verb == "replay" && len(ids) == 0 && !*all {
		return sitrep.Errorf(sitrep.EINVALID, "deadletter replay: name the dead letters to replay, or --all")
	}
	if *limit < 1 {
		return sitrep.Errorf(sitrep.EINVALID, "--limit %d: must be positive", *limit)
	}
	q, err := qf.open(ctx, slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: slog.LevelError})))
	if err != nil {
		return err
	}
	defer q.Close()
	if verb == "replay" {
		n, err := q.Replay(ctx, ids)
		fmt.Fprintf(m.Stdout, "replayed %d\n", n)
		return err
	}
	dl, err := q.DeadLetters(ctx, *limit)
	if err != nil {
		return err
	}
	if *jsonOut {
		enc := json.NewEncoder(m.Stdout)
		enc.SetEscapeHTML(false)
		for _, d := range dl {
			if err := enc.Encode(d); err != nil {
				return err
			}
		}
		return nil
	}
	writeDeadLetters(m.Stdout, dl)
	return nil
}

func writeDeadLetters(w io.Writer, dl []sitrep.DeadLetter) {
	if len(dl) == 0 {
		fmt.Fprintln(w, "no dead letters")
		return
	}
	fmt.Fprintf(w, "%-6s %-20s %-10s %5s %9s  %s\n", "id", "when", "document", "tries", "bytes", "reason")
	for _, d := range dl {
		doc := "-"
		if d.Job != nil {
			doc = d.Job.Document.ID
			if d.Job.Kind == sitrep.JobReextract {
				doc += " (re)"
			}
		}
		reason := d.Reason
		if i := strings.Index(reason, " | "); i >= 0 {
			reason = reason[:i] // a panic's stack trace follows
		}
		fmt.Fprintf(w, "%-6d %-20s %-10s %5d %9d  %s\n", d.ID, d.At.UTC().Format("2006-01-02 15:04:05"), doc, d.Deliveries, d.Size, reason)
	}
}
