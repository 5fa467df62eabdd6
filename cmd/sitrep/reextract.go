package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"sitrep"
)

func runReextract(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("reextract", "--db DB [--queue nats://HOST:4222] [flags]",
		"Run the pipeline again over stored documents, from their stored text (nothing is downloaded),\n"+
			"replacing their records and updating the stories. With --queue, queue one job per document\n"+
			"for the workers instead of extracting here.")
	var qf queueFlags
	qf.register(fs)
	dbURL := dbFlag(fs)
	source := fs.String("source", "", "only documents from this outlet")
	from := fs.String("from", "", "only documents published on or after this date (YYYY-MM-DD)")
	to := fs.String("to", "", "only documents published on or before this date (YYYY-MM-DD)")
	stale := fs.Bool("stale", false, "only records made by another version of the extractors than this one ("+sitrep.Version+")")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fs.Usage()
		return sitrep.Errorf(sitrep.EINVALID, "reextract takes no arguments, got %q", strings.Join(pos, " "))
	}
	log := slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, err := openStore(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer st.Close()
	var q sitrep.Queue
	if qf.url != "" {
		nq, err := qf.open(ctx, log)
		if err != nil {
			return err
		}
		defer nq.Close()
		q = nq
	}
	var p interface{ Run(*sitrep.Doc) error }
	rep, ok := st.(sitrep.RecordReplacer)
	if q == nil {
		if !ok {
			return sitrep.Errorf(sitrep.EINVALID, "reextract: the %s store cannot replace records yet", storeKind(*dbURL))
		}
		if p, err = newPipeline(); err != nil {
			return err
		}
	}
	f := sitrep.DocumentFilter{Source: *source, From: *from, To: *to, Limit: 500}
	var done, skipped, failed int
	for {
		docs, next, err := st.FindDocuments(ctx, f)
		if err != nil {
			return err
		}
		for _, sd := range docs {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			var rec *sitrep.Record
			if *stale || q == nil {
				if rec, err = st.FindRecord(ctx, sd.ID); err != nil {
					return err
				}
				if *stale && rec.Version == sitrep.Version {
					skipped++
					continue
				}
			}
			if q != nil {
				if err := q.Publish(ctx, sitrep.Job{Kind: sitrep.JobReextract, Document: sitrep.Document{ID: sd.ID}}); err != nil {
					return err
				}
				done++
				continue
			}
			d := storedDocOf(rec)
			if err := p.Run(d); err != nil {
				failed++
				m.warn(err)
				continue
			}
			nr := d.Record(false)
			if err := rep.ReplaceRecord(ctx, &nr); err != nil {
				return err
			}
			done++
		}
		if next == "" {
			break
		}
		f.Cursor = next
	}
	if q == nil {
		if err := clusterStories(ctx, st); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "re-extracted %d, skipped %d (current), failed %d\n", done, skipped, failed)
	} else {
		fmt.Fprintf(m.Stdout, "queued %d, skipped %d (current)\n", done, skipped)
	}
	if failed > 0 {
		return sitrep.Errorf(sitrep.EINTERNAL, "%d documents could not be re-extracted (see above)", failed)
	}
	return nil
}

func storeKind(db string) string {
	if strings.HasPrefix(db, "postgres") {
		return "PostgreSQL"
	}
	return "SQLite"
}
