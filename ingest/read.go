// Package ingest moves documents from where they are into a store: it
// reads files, directories, JSONL, HTML pages and feeds (local or by URL)
// into items, and writes extracted records in batches, linking
// near-duplicates to their originals and clustering stories as it goes.
// The ingest command and the queue workers share it.
package ingest

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sitrep"
	"sitrep/feed"
	"sitrep/input"
)

// Reader reads inputs into items.
type Reader struct {
	Options input.Options
	// Timeout bounds one URL fetch.
	Timeout time.Duration
	// NoFetch leaves feed items that hold only a summary as they are.
	NoFetch bool
	// Stdin is read for the input "-".
	Stdin io.Reader
}

// IsURL reports whether an input names a URL rather than a path.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// Read reads each input in order (a directory recursively, in lexical
// order) and calls yield for each item, failed ones included, until yield
// returns false or ctx ends. An input that cannot be read at all is
// yielded as one failed item, and reading goes on with the next.
func (r *Reader) Read(ctx context.Context, inputs []string, yield func(input.Item) bool) error {
	for _, in := range inputs {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var ok bool
		switch {
		case in == "-":
			ok = r.readStream(ctx, "standard input", r.Stdin, yield)
		case IsURL(in):
			ok = r.readURL(ctx, in, yield)
		default:
			ok = r.readPath(ctx, in, yield)
		}
		if !ok {
			return ctx.Err()
		}
	}
	return ctx.Err()
}

func fail(name string, err error) input.Item { return input.Item{Name: name, Err: err} }

func (r *Reader) readPath(ctx context.Context, root string, yield func(input.Item) bool) bool {
	fi, err := os.Stat(root)
	if err != nil {
		return yield(fail(root, sitrep.Errorf(sitrep.EINVALID, "%s: cannot open: %s", root, pathErr(err))))
	}
	if !fi.IsDir() {
		return r.readFile(ctx, root, yield)
	}
	cont := true
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if !yield(fail(path, sitrep.Errorf(sitrep.EINVALID, "%s: cannot read: %s", path, pathErr(err)))) {
				cont = false
				return filepath.SkipAll
			}
			return nil
		}
		if ctx.Err() != nil {
			cont = false
			return filepath.SkipAll
		}
		name := d.Name()
		if path != root && strings.HasPrefix(name, ".") {
			// Hidden files and directories (.git, editor swap files) are
			// not articles.
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		if !r.readFile(ctx, path, yield) {
			cont = false
			return filepath.SkipAll
		}
		return nil
	})
	return cont && err == nil
}

func pathErr(err error) string {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// feedExt are the extensions of feed files.
var feedExt = map[string]bool{".xml": true, ".rss": true, ".atom": true}

func (r *Reader) readFile(ctx context.Context, path string, yield func(input.Item) bool) bool {
	f, err := os.Open(path)
	if err != nil {
		return yield(fail(path, sitrep.Errorf(sitrep.EINVALID, "%s: cannot open: %s", path, pathErr(err))))
	}
	defer f.Close()
	return r.readStream(ctx, path, f, yield)
}

func (r *Reader) readStream(ctx context.Context, name string, rd io.Reader, yield func(input.Item) bool) bool {
	br := bufio.NewReaderSize(rd, 64<<10)
	head, _ := br.Peek(1024)
	if r.Options.Format == input.FormatAuto && feed.IsFeed(head) {
		raw, err := io.ReadAll(io.LimitReader(br, r.maxFeed()+1))
		if err != nil {
			return yield(fail(name, sitrep.Errorf(sitrep.EINVALID, "%s: cannot read: %s", name, err)))
		}
		if int64(len(raw)) > r.maxFeed() {
			return yield(fail(name, sitrep.Errorf(sitrep.EINVALID, "%s: feed is larger than the limit of %d bytes", name, r.maxFeed())))
		}
		return r.readFeed(ctx, name, raw, yield)
	}
	if r.Options.Format == input.FormatAuto && feedExt[strings.ToLower(filepath.Ext(name))] && len(bytes.TrimSpace(head)) > 0 {
		return yield(fail(name, sitrep.Errorf(sitrep.EINVALID, "%s: not an RSS, Atom or JSON feed", name)))
	}
	cont := true
	err := input.Read(name, br, r.Options, func(it input.Item) bool {
		cont = yield(it) && ctx.Err() == nil
		return cont
	})
	if err != nil {
		return yield(fail(name, err))
	}
	return cont
}

// maxFeed bounds a whole feed: it holds many items, each bounded by
// MaxBytes.
func (r *Reader) maxFeed() int64 {
	m := r.Options.MaxBytes
	if m <= 0 {
		m = sitrep.DefaultMaxDocBytes
	}
	return 4 * m
}

func (r *Reader) readFeed(ctx context.Context, name string, raw []byte, yield func(input.Item) bool) bool {
	fr := &feed.Reader{Options: r.Options, Timeout: r.Timeout, NoFetch: r.NoFetch}
	cont := true
	err := fr.Read(ctx, name, raw, func(it input.Item) bool {
		cont = yield(it)
		return cont
	})
	if err != nil && ctx.Err() == nil {
		return yield(fail(name, err))
	}
	return cont
}

func (r *Reader) readURL(ctx context.Context, url string, yield func(input.Item) bool) bool {
	raw, err := feed.Fetch(ctx, nil, r.Timeout, url, r.maxFeed())
	if err != nil {
		return yield(fail(url, err))
	}
	if feed.IsFeed(raw) {
		return r.readFeed(ctx, url, raw, yield)
	}
	opt := r.Options
	if opt.Format == input.FormatAuto {
		opt.Format = input.FormatHTML
	}
	cont := true
	err = input.Read(url, bytes.NewReader(raw), opt, func(it input.Item) bool {
		if it.Meta.URL == "" {
			it.Meta.URL = url
		}
		cont = yield(it)
		return cont
	})
	if err != nil {
		return yield(fail(url, err))
	}
	return cont
}
