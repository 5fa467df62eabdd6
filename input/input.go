// Package input reads the documents a user has: plain text, HTML pages and
// JSON or JSONL records, each bounded in size, each named in every error.
package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"sitrep"
	"sitrep/text"
)

// Input formats.
const (
	FormatAuto  = ""
	FormatText  = "text"
	FormatHTML  = "html"
	FormatJSON  = "json"
	FormatJSONL = "jsonl"
)

// Page is what an HTML extractor finds in a web page.
type Page struct {
	Title     string
	Site      string
	URL       string
	Published string // ISO date or date-time, "" when the page gives none
	Language  string
	Text      string
}

// HTMLExtractor extracts the main text and metadata of an HTML page. The
// adapter that does it (htmlpage) is wired in by the command, so that this
// package needs no third-party code.
type HTMLExtractor func(name string, raw []byte, url string) (Page, error)

// Fields lists, for each record field, the JSON keys to read it from, in
// order of preference.
type Fields struct {
	ID, Text, Title, Source, URL, Published []string
}

// DefaultFields reads sitrep's own names and the common alternatives,
// including those of the corpora in shared/data (description_en, headline,
// twitter_user, date).
func DefaultFields() Fields {
	return Fields{
		ID:        []string{"id", "token_id"},
		Text:      []string{"text", "body", "content", "description_en", "description"},
		Title:     []string{"title", "headline"},
		Source:    []string{"source", "outlet", "publisher", "twitter_user"},
		URL:       []string{"url", "link", "twitter_url"},
		Published: []string{"published", "date", "published_at", "datePublished", "pubDate"},
	}
}

// Options bound and steer reading.
type Options struct {
	// MaxBytes bounds one document (a file, or one JSONL line).
	MaxBytes int64
	// Format forces a format; FormatAuto picks by file extension, then by
	// content.
	Format string
	Fields Fields
	HTML   HTMLExtractor
}

// Item is one document read from an input, or why it could not be read.
type Item struct {
	// Name names the document in messages: a path, "-", or "path:line".
	Name string
	Meta sitrep.Document
	Text string // normalized
	Err  error
}

// Doc returns the item as a document ready for the pipeline, its ID set.
func (it Item) Doc() *sitrep.Doc {
	meta := it.Meta
	meta.ID = sitrep.DocumentID(meta.Source, it.Text)
	return sitrep.NewDoc(meta, it.Text)
}

// Read reads the documents in r, which is named name, and calls yield for
// each, in order, until yield returns false. A document that cannot be read
// is yielded with Err set and reading goes on; Read returns an error only
// when the input as a whole cannot be read.
func Read(name string, r io.Reader, opt Options, yield func(Item) bool) error {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = sitrep.DefaultMaxDocBytes
	}
	if opt.Fields.Text == nil {
		opt.Fields = DefaultFields()
	}
	format := opt.Format
	if format == FormatAuto {
		format = byExtension(name)
	}
	if format == FormatJSONL {
		return readJSONL(name, r, opt, yield)
	}
	raw, err := readBounded(name, r, opt.MaxBytes)
	if err != nil {
		return err
	}
	if format == FormatAuto {
		format = sniff(raw)
	}
	switch format {
	case FormatText:
		yield(textItem(name, raw))
	case FormatHTML:
		yield(htmlItem(name, raw, opt))
	case FormatJSON:
		return readJSON(name, raw, opt, yield)
	default:
		return sitrep.Errorf(sitrep.EINVALID, "%s: unknown input format %q (want text, html, json or jsonl)", name, format)
	}
	return nil
}

func byExtension(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text", ".md":
		return FormatText
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".json":
		return FormatJSON
	case ".jsonl", ".ndjson":
		return FormatJSONL
	}
	return FormatAuto
}

// sniff guesses the format of content with no telling extension.
func sniff(raw []byte) string {
	t := bytes.TrimSpace(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")))
	switch {
	case len(t) == 0:
		return FormatText
	case t[0] == '{' || t[0] == '[':
		if json.Valid(t) {
			return FormatJSON
		}
		if bytes.Contains(t, []byte("}\n{")) || bytes.Contains(t, []byte("}\r\n{")) {
			return FormatJSONL
		}
	case t[0] == '<':
		l := bytes.ToLower(t[:min(len(t), 512)])
		if bytes.Contains(l, []byte("<html")) || bytes.Contains(l, []byte("<!doctype html")) ||
			bytes.Contains(l, []byte("<body")) || bytes.Contains(l, []byte("<head")) {
			return FormatHTML
		}
	}
	return FormatText
}

// readBounded reads all of r, failing with EINVALID past max bytes.
func readBounded(name string, r io.Reader, max int64) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: cannot read: %s", name, errText(err))
	}
	if int64(len(raw)) > max {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: input is larger than the limit of %d bytes (raise it with --max-bytes)", name, max)
	}
	return raw, nil
}

func errText(err error) string {
	var pe interface{ Unwrap() error }
	if errors.As(err, &pe) && pe.Unwrap() != nil {
		return pe.Unwrap().Error()
	}
	return err.Error()
}

func textItem(name string, raw []byte) Item {
	it := Item{Name: name, Meta: sitrep.Document{Input: name}}
	it.Text, it.Err = text.Normalize(name, raw)
	return it
}

func htmlItem(name string, raw []byte, opt Options) Item {
	it := Item{Name: name, Meta: sitrep.Document{Input: name}}
	if opt.HTML == nil {
		it.Err = sitrep.Errorf(sitrep.EINVALID, "%s: HTML input is not supported by this build", name)
		return it
	}
	if !bytes.Contains(raw, []byte("<")) {
		it.Err = sitrep.Errorf(sitrep.EINVALID, "%s: not an HTML page", name)
		return it
	}
	p, err := opt.HTML(name, raw, "")
	if err != nil {
		it.Err = err
		return it
	}
	it.Text, it.Err = text.Normalize(name, []byte(p.Text))
	if it.Err != nil {
		it.Err = sitrep.Errorf(sitrep.EINVALID, "%s: the page holds no article text", name)
	}
	it.Meta.Title, it.Meta.Source, it.Meta.URL, it.Meta.Language = p.Title, p.Site, p.URL, p.Language
	it.Meta.Published = p.Published
	return it
}

func readJSON(name string, raw []byte, opt Options, yield func(Item) bool) error {
	t := bytes.TrimSpace(raw)
	if len(t) > 0 && t[0] == '[' {
		var arr []json.RawMessage
		if err := json.Unmarshal(t, &arr); err != nil {
			return sitrep.Errorf(sitrep.EINVALID, "%s: not a JSON array of objects: %s", name, jsonErr(err))
		}
		for i, m := range arr {
			if !yield(jsonItem(fmt.Sprintf("%s[%d]", name, i), m, opt)) {
				return nil
			}
		}
		return nil
	}
	yield(jsonItem(name, t, opt))
	return nil
}

// readJSONL reads one document per line; a line that is too long or not a
// JSON object is yielded as a failed item and the rest are still read.
func readJSONL(name string, r io.Reader, opt Options, yield func(Item) bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, tooLong, err := readLine(br, opt.MaxBytes)
		if err != nil && err != io.EOF {
			return sitrep.Errorf(sitrep.EINVALID, "%s: cannot read line %d: %s", name, n, errText(err))
		}
		lname := fmt.Sprintf("%s:%d", name, n)
		switch {
		case tooLong:
			if !yield(Item{Name: lname, Err: sitrep.Errorf(sitrep.EINVALID, "%s: line is larger than the limit of %d bytes (raise it with --max-bytes)", lname, opt.MaxBytes)}) {
				return nil
			}
		case len(bytes.TrimSpace(line)) > 0:
			if !yield(jsonItem(lname, line, opt)) {
				return nil
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine reads one line of at most max bytes; a longer line is consumed
// and reported as too long rather than held in memory.
func readLine(br *bufio.Reader, max int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, isPrefix, e := br.ReadLine()
		if !tooLong {
			if int64(len(line)+len(chunk)) > max {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if e != nil {
			return line, tooLong, e
		}
		if !isPrefix {
			return line, tooLong, nil
		}
	}
}

func jsonItem(name string, raw []byte, opt Options) Item {
	it := Item{Name: name, Meta: sitrep.Document{Input: name}}
	var obj map[string]any
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&obj); err != nil || obj == nil {
		if err == nil || isTypeError(err) {
			it.Err = sitrep.Errorf(sitrep.EINVALID, "%s: not a JSON object", name)
		} else {
			it.Err = sitrep.Errorf(sitrep.EINVALID, "%s: not a JSON object: %s", name, jsonErr(err))
		}
		return it
	}
	if d.More() {
		it.Err = sitrep.Errorf(sitrep.EINVALID, "%s: more than one JSON value (use .jsonl or --input-format jsonl for one document per line)", name)
		return it
	}
	body, key := field(obj, opt.Fields.Text)
	if key == "" {
		it.Err = sitrep.Errorf(sitrep.EINVALID, "%s: no text field (looked for %s; name another with --text-field)", name, strings.Join(opt.Fields.Text, ", "))
		return it
	}
	it.Meta.Title, _ = field(obj, opt.Fields.Title)
	it.Meta.Source, _ = field(obj, opt.Fields.Source)
	it.Meta.URL, _ = field(obj, opt.Fields.URL)
	if p, _ := field(obj, opt.Fields.Published); p != "" {
		if v, err := ParseDate(p); err == nil {
			it.Meta.Published = v
		} else {
			it.Err = sitrep.Errorf(sitrep.EINVALID, "%s: %s", name, err)
			return it
		}
	}
	it.Text, it.Err = text.Normalize(name+" "+key, []byte(body))
	return it
}

func isTypeError(err error) bool {
	var te *json.UnmarshalTypeError
	return errors.As(err, &te)
}

func jsonErr(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s at byte %d", se.Error(), se.Offset)
	}
	return err.Error()
}

// field returns the first of keys present in obj as a string, and the key.
func field(obj map[string]any, keys []string) (string, string) {
	for _, k := range keys {
		v, ok := obj[k]
		if !ok || v == nil {
			continue
		}
		switch v := v.(type) {
		case string:
			return v, k
		case json.Number:
			return v.String(), k
		}
	}
	return "", ""
}

// dateLayouts are the forms of publication dates that feeds, pages and
// JSON exports use.
var dateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02",
	time.RFC1123Z, time.RFC1123, "January 2, 2006", "2 January 2006", "Jan 2, 2006",
}

// ParseDate parses a publication date in one of the usual forms and returns
// it as an ISO 8601 date, or a date-time where a time is given.
func ParseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		t, err := time.Parse(l, s)
		if err != nil {
			continue
		}
		if strings.Contains(l, "15") {
			if strings.Contains(l, "07") || strings.Contains(l, "MST") {
				return t.Format(time.RFC3339), nil
			}
			return t.Format("2006-01-02T15:04:05"), nil
		}
		return t.Format("2006-01-02"), nil
	}
	return "", fmt.Errorf("publication date %q is not a date sitrep reads (use YYYY-MM-DD or an RFC 3339 date-time)", s)
}
