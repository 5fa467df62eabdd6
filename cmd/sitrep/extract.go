package main

import (
	"context"
	"encoding/json"
	"io"

	"sitrep"
	"sitrep/input"
	"sitrep/report"
)

func runExtract(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("extract", "[flags] [FILE|-]",
		"Extract the record of a document (plain text, HTML, JSON, or JSONL with one document per line)\nand print it. With no FILE, or with -, read standard input.")
	var df docFlags
	df.register(fs)
	format := fs.String("format", "json", "output: json (indented), jsonl (one record per line) or text (a report for a person)")
	tokens := fs.Bool("tokens", false, "include the token offsets in JSON output")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		fs.Usage()
		return sitrep.Errorf(sitrep.EINVALID, "extract reads one input, got %d (use sitrep ingest for many)", len(pos))
	}
	switch *format {
	case "json", "jsonl", "text":
	default:
		return sitrep.Errorf(sitrep.EINVALID, "--format %q: want json, jsonl or text", *format)
	}
	opt, err := df.options()
	if err != nil {
		return err
	}
	name := "-"
	if len(pos) == 1 {
		name = pos[0]
	}
	var r io.Reader = m.Stdin
	if f, err := m.openInput(name); err != nil {
		return err
	} else if f != nil {
		defer f.Close()
		r = f
	} else {
		name = "standard input"
	}
	p, err := newPipeline()
	if err != nil {
		return err
	}
	var firstErr error
	count := 0
	readErr := input.Read(name, r, opt, func(it input.Item) bool {
		if ctx.Err() != nil {
			return false
		}
		if it.Err != nil {
			// One bad line of a JSONL file is reported; the others go on.
			if firstErr == nil {
				firstErr = it.Err
			}
			m.warn(it.Err)
			return true
		}
		df.apply(&it)
		d := it.Doc()
		if err := p.Run(d); err != nil {
			if firstErr == nil {
				firstErr = err
			}
			m.warn(err)
			return true
		}
		count++
		if err := writeRecord(m.Stdout, *format, d.Record(*tokens)); err != nil {
			firstErr = err
			return false
		}
		return true
	})
	if readErr != nil {
		return readErr
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if firstErr != nil && count == 0 {
		return firstErr
	}
	if firstErr != nil {
		// Some documents were printed; the status still says not all were.
		return &sitrep.Error{Code: sitrep.EINVALID, Message: "some documents could not be read (see above)"}
	}
	return nil
}

func (m *Main) warn(err error) {
	m.Stderr.Write([]byte("sitrep: " + err.Error() + "\n"))
}

func writeRecord(w io.Writer, format string, rec sitrep.Record) error {
	switch format {
	case "text":
		return report.WriteText(w, rec)
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(rec)
	default:
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(rec)
	}
}
