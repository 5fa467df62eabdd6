package main

import (
	"flag"
	"os"
	"strings"

	"sitrep"
	"sitrep/htmlpage"
	"sitrep/input"
)

// docFlags are the flags every command that reads documents shares: the
// metadata to supply or override, the input format and bounds, and the JSON
// field names.
type docFlags struct {
	published, source, url, title string
	format                        string
	maxBytes                      int64
	fields                        map[string]*string
}

func (f *docFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.published, "published", "", "publication date (YYYY-MM-DD or RFC 3339) for documents, overriding what they say")
	fs.StringVar(&f.source, "source", "", "outlet name for documents, overriding what they say")
	fs.StringVar(&f.url, "url", "", "URL for documents, overriding what they say")
	fs.StringVar(&f.title, "title", "", "title for documents, overriding what they say")
	fs.StringVar(&f.format, "input-format", "", "input format: text, html, json or jsonl (default: by extension, then by content)")
	fs.Int64Var(&f.maxBytes, "max-bytes", sitrep.DefaultMaxDocBytes, "largest document (or JSONL line) read, in bytes")
	def := input.DefaultFields()
	f.fields = map[string]*string{}
	for _, kv := range []struct {
		name string
		keys []string
	}{{"id", def.ID}, {"text", def.Text}, {"title", def.Title}, {"source", def.Source}, {"url", def.URL}, {"published", def.Published}} {
		f.fields[kv.name] = fs.String(kv.name+"-field", strings.Join(kv.keys, ","), "JSON keys holding the document's "+kv.name+", in order of preference")
	}
}

// options returns the reader options after checking the flags.
func (f *docFlags) options() (input.Options, error) {
	switch f.format {
	case "", input.FormatText, input.FormatHTML, input.FormatJSON, input.FormatJSONL:
	default:
		return input.Options{}, sitrep.Errorf(sitrep.EINVALID, "--input-format %q: want text, html, json or jsonl", f.format)
	}
	if f.maxBytes <= 0 {
		return input.Options{}, sitrep.Errorf(sitrep.EINVALID, "--max-bytes %d: must be positive", f.maxBytes)
	}
	if f.published != "" {
		v, err := input.ParseDate(f.published)
		if err != nil {
			return input.Options{}, sitrep.Errorf(sitrep.EINVALID, "--published: %s", err)
		}
		f.published = v
	}
	split := func(name string) []string {
		var out []string
		for _, k := range strings.Split(*f.fields[name], ",") {
			if k = strings.TrimSpace(k); k != "" {
				out = append(out, k)
			}
		}
		return out
	}
	return input.Options{
		MaxBytes: f.maxBytes,
		Format:   f.format,
		HTML:     htmlpage.Extract,
		Fields: input.Fields{ID: split("id"), Text: split("text"), Title: split("title"),
			Source: split("source"), URL: split("url"), Published: split("published")},
	}, nil
}

// apply puts the metadata flags on a document read from an input.
func (f *docFlags) apply(it *input.Item) {
	if f.published != "" {
		it.Meta.Published = f.published
	}
	if f.source != "" {
		it.Meta.Source = f.source
	}
	if f.url != "" {
		it.Meta.URL = f.url
	}
	if f.title != "" {
		it.Meta.Title = f.title
	}
}

// openInput opens a named input: "-" is standard input.
func (m *Main) openInput(name string) (*os.File, error) {
	if name == "-" {
		return nil, nil
	}
	fi, err := os.Stat(name)
	if err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: cannot open: %s", name, errText(err))
	}
	if fi.IsDir() {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: is a directory (sitrep extract reads one file; use sitrep ingest for directories)", name)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: cannot open: %s", name, errText(err))
	}
	return f, nil
}

// errText returns the innermost message of an os error: "no such file or
// directory" rather than the path again.
func errText(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}
