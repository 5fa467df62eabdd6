// Package feed reads RSS, Atom and JSON feeds (through gofeed) as
// documents: one per item, with the item's full text where the feed has it
// and, where it holds only a summary, the text of the item's page, fetched
// with a bounded timeout and read by the same HTML reader as any page.
package feed

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"sitrep"
	"sitrep/input"
	"sitrep/text"
)

// Reader reads feeds.
type Reader struct {
	// Options are the reader options for item pages (HTML extractor, size
	// bound).
	Options input.Options
	// Client fetches item pages; nil means one with Timeout.
	Client *http.Client
	// Timeout bounds the fetch of one page.
	Timeout time.Duration
	// MinWords is the least number of words an item's own text must have
	// to be taken as the article; shorter is a summary, and the page is
	// fetched. Zero means DefaultMinWords.
	MinWords int
	// NoFetch takes summaries as they are (tests, offline use).
	NoFetch bool
}

// DefaultMinWords: a feed summary is a sentence or two; an article
// rarely has fewer than 120 words.
const DefaultMinWords = 120

// IsFeed reports whether raw looks like an RSS or Atom feed rather than a
// web page.
func IsFeed(raw []byte) bool {
	t := bytes.TrimSpace(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")))
	head := bytes.ToLower(t[:min(len(t), 1024)])
	if bytes.Contains(head, []byte("<html")) {
		return false
	}
	return bytes.Contains(head, []byte("<rss")) || bytes.Contains(head, []byte("<feed")) || bytes.Contains(head, []byte("<rdf:rdf"))
}

// Read parses the feed raw, named name, and yields one item per entry, in
// feed order, until yield returns false. A feed that cannot be parsed is
// EINVALID; an entry that cannot be read is yielded with Err set.
func (r *Reader) Read(ctx context.Context, name string, raw []byte, yield func(input.Item) bool) error {
	f, err := parse(raw)
	if err == nil && f.FeedType == "json" && !bytes.Contains(raw, []byte("jsonfeed.org/version")) {
		// gofeed takes any JSON object for a JSON feed; one that does not
		// say it is one is some other JSON.
		err = fmt.Errorf("JSON without a jsonfeed.org version")
	}
	if err != nil {
		return sitrep.Errorf(sitrep.EINVALID, "%s: not an RSS, Atom or JSON feed: %s", name, firstLine(err.Error()))
	}
	for i, it := range f.Items {
		if it == nil {
			continue
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if !yield(r.item(ctx, name, i, f, it)) {
			return nil
		}
	}
	return nil
}

// parse runs gofeed, turning a panic on hostile input into an error.
func parse(raw []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("parser failed: %v", p)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(raw))
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

func (r *Reader) item(ctx context.Context, name string, i int, f *gofeed.Feed, it *gofeed.Item) input.Item {
	iname := fmt.Sprintf("%s: item %d", name, i+1)
	if t := strings.TrimSpace(it.Title); t != "" {
		iname = fmt.Sprintf("%s: item %d (%s)", name, i+1, clip(t, 60))
	}
	meta := sitrep.Document{Title: strings.TrimSpace(it.Title), URL: strings.TrimSpace(it.Link), Source: strings.TrimSpace(f.Title), Input: iname}
	if it.PublishedParsed != nil {
		meta.Published = it.PublishedParsed.UTC().Format(time.RFC3339)
	} else if it.UpdatedParsed != nil {
		meta.Published = it.UpdatedParsed.UTC().Format(time.RFC3339)
	}
	body := htmlText(it.Content)
	if len(strings.Fields(body)) < len(strings.Fields(htmlText(it.Description))) {
		body = htmlText(it.Description)
	}
	minWords := r.MinWords
	if minWords <= 0 {
		minWords = DefaultMinWords
	}
	if len(strings.Fields(body)) < minWords && meta.URL != "" && !r.NoFetch {
		return r.page(ctx, iname, meta)
	}
	res := input.Item{Name: iname, Meta: meta}
	if strings.TrimSpace(body) == "" {
		res.Err = sitrep.Errorf(sitrep.EINVALID, "%s: the item has no text and no link", iname)
		return res
	}
	res.Text, res.Err = text.Normalize(iname, []byte(body))
	return res
}

// page fetches and reads the item's page.
func (r *Reader) page(ctx context.Context, name string, meta sitrep.Document) input.Item {
	res := input.Item{Name: name, Meta: meta}
	raw, err := Fetch(ctx, r.Client, r.Timeout, meta.URL, r.Options.MaxBytes)
	if err != nil {
		res.Err = fmt.Errorf("%s: %w", name, err)
		return res
	}
	opt := r.Options
	opt.Format = input.FormatHTML
	var got input.Item
	err = input.Read(meta.URL, bytes.NewReader(raw), opt, func(it input.Item) bool { got = it; return false })
	if err != nil {
		res.Err = fmt.Errorf("%s: %w", name, err)
		return res
	}
	if got.Err != nil {
		res.Err = fmt.Errorf("%s: %w", name, got.Err)
		return res
	}
	res.Text = got.Text
	// The feed's metadata is the outlet's own; the page's fills gaps.
	if res.Meta.Title == "" {
		res.Meta.Title = got.Meta.Title
	}
	if res.Meta.Source == "" {
		res.Meta.Source = got.Meta.Source
	}
	if res.Meta.Published == "" {
		res.Meta.Published = got.Meta.Published
	}
	res.Meta.Language = got.Meta.Language
	return res
}

// DefaultTimeout bounds one fetch.
const DefaultTimeout = 15 * time.Second

// Fetch gets url with a bounded time and size. A URL that does not answer
// in time is EUNAVAILABLE; a status other than 200 or a body over maxBytes
// is EINVALID.
func Fetch(ctx context.Context, client *http.Client, timeout time.Duration, url string, maxBytes int64) ([]byte, error) {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if maxBytes <= 0 {
		maxBytes = sitrep.DefaultMaxDocBytes
	}
	if client == nil {
		client = &http.Client{Timeout: timeout}
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: not a URL sitrep can fetch: %s", url, err)
	}
	req.Header.Set("User-Agent", "sitrep/"+sitrep.Version+" (news analysis)")
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, sitrep.Errorf(sitrep.EUNAVAILABLE, "%s: no answer within %s", url, timeout)
		}
		return nil, sitrep.Errorf(sitrep.EUNAVAILABLE, "%s: %s", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: HTTP status %s", url, resp.Status)
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err != nil {
		if ctx.Err() != nil {
			return nil, sitrep.Errorf(sitrep.EUNAVAILABLE, "%s: no complete answer within %s", url, timeout)
		}
		return nil, sitrep.Errorf(sitrep.EUNAVAILABLE, "%s: %s", url, err)
	}
	if int64(len(raw)) > maxBytes {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: larger than the limit of %d bytes (raise it with --max-bytes)", url, maxBytes)
	}
	return raw, nil
}

// htmlText turns an HTML fragment (a feed's content or description) into
// text, with a blank line for each block element so that paragraphs stay
// paragraphs.
func htmlText(s string) string {
	if !strings.Contains(s, "<") {
		return html.UnescapeString(s)
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(b.String())
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				skip++
			case "p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote":
				b.WriteString("\n\n")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				if skip > 0 {
					skip--
				}
			case "p", "div", "li", "h1", "h2", "h3", "h4", "blockquote":
				b.WriteString("\n\n")
			}
		}
	}
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
