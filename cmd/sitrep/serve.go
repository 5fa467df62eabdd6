package main

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"sync"
	"time"

	"sitrep"
	"sitrep/dedup"
	"sitrep/htmlpage"
	"sitrep/ingest"
	"sitrep/input"
	"sitrep/pipeline"
	"sitrep/server"
	"sitrep/story"
)

func runServe(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("serve", "[flags]",
		"Serve the JSON API under /api/ and the web UI (map, timeline, claims, articles, stories, review)\non the store. Writes need an API token (sitrep token create NAME).")
	db := dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	private := fs.Bool("private", false, "close reads to callers without a token or a reviewer session")
	writeRate := fs.Float64("write-rate", 5, "writes per second allowed to one token or address")
	writeBurst := fs.Int("write-burst", 20, "burst of writes allowed to one token or address")
	secure := fs.Bool("secure-cookies", false, "mark the session cookie Secure (when served behind HTTPS)")
	grace := fs.Duration("grace", 15*time.Second, "how long shutdown waits for requests in flight")
	logJSON := fs.Bool("log-json", false, "write logs as JSON lines instead of text")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fs.Usage()
		return sitrep.Errorf(sitrep.EINVALID, "serve takes no arguments, got %q", pos[0])
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := newPipeline()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return sitrep.Errorf(sitrep.EINVALID, "--addr %s: %s", *addr, err)
	}
	var h slog.Handler = slog.NewTextHandler(m.Stderr, nil)
	if *logJSON {
		h = slog.NewJSONHandler(m.Stderr, nil)
	}
	srv := server.New(server.Config{Store: st, Ingest: newIngester(st, p), Logger: slog.New(h),
		PrivateReads: *private, WriteRate: *writeRate, WriteBurst: *writeBurst, SecureCookies: *secure})
	return srv.Run(ctx, ln, *grace)
}

// ingester runs the pipeline on documents posted to the API and stores
// their records.
type ingester struct {
	st sitrep.Store
	mu sync.Mutex // the pipeline's stages are not promised to be safe for concurrent use
	p  *pipeline.Pipeline
	// storeMu serializes storing and clustering.
	storeMu sync.Mutex
}

func newIngester(st sitrep.Store, p *pipeline.Pipeline) *ingester {
	return &ingester{st: st, p: p}
}

// Ingest implements server.Ingester.
func (g *ingester) Ingest(ctx context.Context, req server.IngestRequest) ([]server.IngestResult, error) {
	opt := input.Options{MaxBytes: sitrep.DefaultMaxDocBytes, Format: req.Format, Fields: input.DefaultFields(), HTML: htmlpage.Extract}
	var out []server.IngestResult
	var recs []*sitrep.Record
	err := input.Read(req.Name, bytes.NewReader(req.Body), opt, func(it input.Item) bool {
		if it.Err != nil {
			out = append(out, server.IngestResult{Name: it.Name, Error: it.Err.Error()})
			recs = append(recs, nil)
			return true
		}
		for _, kv := range []struct {
			dst *string
			v   string
		}{{&it.Meta.Source, req.Meta.Source},
			{&it.Meta.URL, req.Meta.URL}, {&it.Meta.Title, req.Meta.Title}, {&it.Meta.Published, req.Meta.Published}} {
			if kv.v != "" {
				*kv.dst = kv.v
			}
		}
		if it.Meta.Published != "" {
			if v, err := input.ParseDate(it.Meta.Published); err == nil {
				it.Meta.Published = v
			} else {
				out = append(out, server.IngestResult{Name: it.Name, Error: "published: " + err.Error()})
				recs = append(recs, nil)
				return true
			}
		}
		d := it.Doc()
		g.mu.Lock()
		err := g.p.Run(d)
		g.mu.Unlock()
		if err != nil {
			out = append(out, server.IngestResult{Name: it.Name, Error: err.Error()})
			recs = append(recs, nil)
			return true
		}
		rec := d.Record(false)
		out = append(out, server.IngestResult{Name: it.Name, ID: rec.Document.ID, Claims: len(rec.Claims), Events: len(rec.Events)})
		recs = append(recs, &rec)
		return true
	})
	if err != nil {
		return nil, err
	}
	g.storeMu.Lock()
	defer g.storeMu.Unlock()
	for i, rec := range recs {
		if rec == nil {
			continue
		}
		opt, err := ingest.NearDuplicate(ctx, g.st, rec, dedup.Threshold)
		if err != nil {
			return nil, err
		}
		res, err := g.st.PutRecord(ctx, rec, opt)
		if err != nil {
			return nil, err
		}
		out[i].New, out[i].DuplicateOf = res.New, res.DuplicateOf
	}
	// Only one clustering run may go on at a time per store; storeMu
	// serializes this server's.
	if _, err := story.New(g.st).Run(ctx); err != nil {
		return out, err
	}
	return out, nil
}
