// Package htmlpage extracts an article's main text and metadata from an HTML
// page. It is the adapter around go-trafilatura, whose boilerplate removal
// and metadata reading (OpenGraph, JSON-LD, <meta>) are far better than
// anything worth writing again here.
package htmlpage

import (
	"bytes"
	"net/url"
	"strings"
	"time"

	trafilatura "github.com/markusmobius/go-trafilatura"

	"sitrep"
	"sitrep/input"
)

var _ input.HTMLExtractor = Extract

// MinWords is the fewest words a page's main text must have to count as an
// article; the shortest wire briefs have more.
const MinWords = 20

// Extract returns the main text, title, outlet and publication date of the
// page raw, named name in messages. pageURL, when known, helps resolve the
// outlet. A page with no article text is EINVALID.
func Extract(name string, raw []byte, pageURL string) (p input.Page, err error) {
	defer func() {
		// The extractor walks arbitrary markup; a bug there must not take
		// down an ingest of thousands of pages.
		if r := recover(); r != nil {
			err = sitrep.Errorf(sitrep.EINVALID, "%s: the HTML could not be read (%v)", name, r)
		}
	}()
	opts := trafilatura.Options{EnableFallback: true, ExcludeComments: true, IncludeImages: false}
	if pageURL != "" {
		if u, err := url.Parse(pageURL); err == nil {
			opts.OriginalURL = u
		}
	}
	res, err := trafilatura.Extract(bytes.NewReader(raw), opts)
	if err != nil || res == nil || strings.TrimSpace(res.ContentText) == "" {
		return p, sitrep.Errorf(sitrep.EINVALID, "%s: the page holds no article text", name)
	}
	// The fallback extractors return whatever text a page has, menus and
	// forms included; a report has at least a few sentences.
	if n := len(strings.Fields(res.ContentText)); n < MinWords {
		return p, sitrep.Errorf(sitrep.EINVALID, "%s: the page holds no article text (only %d words outside the page furniture)", name, n)
	}
	md := res.Metadata
	p = input.Page{Title: md.Title, Site: md.Sitename, URL: md.URL, Language: md.Language, Text: res.ContentText}
	if p.Site == "" {
		p.Site = md.Hostname
	}
	if !md.Date.IsZero() {
		p.Published = formatDate(md.Date)
	}
	return p, nil
}

func formatDate(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}
