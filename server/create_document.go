package server

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"sitrep"
	"sitrep/server/response"
)

// ingestBody is the JSON form of an ingest: a text with its metadata, a URL
// to fetch, or a JSON document in any of the field names sitrep reads.
type ingestBody struct {
	Text      string          `json:"text"`
	URL       string          `json:"url"`
	Document  json.RawMessage `json:"document"`
	Title     string          `json:"title"`
	Source    string          `json:"source"`
	Published string          `json:"published"`
	Format    string          `json:"format"`
}

// createDocument extracts and stores a document: a JSON body as above, or a
// text/plain or text/html body with metadata in the query.
func (s *Server) createDocument(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Ingest == nil {
		s.problem(w, r, http.StatusNotImplemented, sitrep.EUNAVAILABLE, "", "this server was started without an ingester")
		return
	}
	q := newQuery(r, "title", "source", "url", "published")
	req := IngestRequest{Name: "request body", Meta: sitrep.Document{Title: q.str("title"), Source: q.str("source"),
		URL: q.str("url"), Published: q.date("published")}}
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "text/plain", "text/html":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			s.fail(w, r, jsonError(err))
			return
		}
		if len(strings.TrimSpace(string(body))) == 0 {
			s.fail(w, r, badParam("body", "empty; want the text of a document"))
			return
		}
		req.Body = body
		req.Format = "text"
		if mt == "text/html" {
			req.Format = "html"
		}
	case "application/json", "":
		var b ingestBody
		if err := decodeJSON(r, &b); err != nil {
			s.fail(w, r, err)
			return
		}
		if err := s.ingestJSON(r, &b, &req); err != nil {
			s.fail(w, r, err)
			return
		}
	default:
		s.fail(w, r, &paramError{Param: "Content-Type", Msg: "\"" + mt + "\": want application/json, text/plain or text/html", Status: http.StatusUnsupportedMediaType})
		return
	}
	res, err := s.cfg.Ingest.Ingest(r.Context(), req)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.agg.invalidate()
	var ids []string
	for _, x := range res {
		if x.New && x.ID != "" {
			ids = append(ids, x.ID)
		}
	}
	if err := s.markers.addDocuments(r.Context(), ids); err != nil {
		s.log.Warn("marker index: adding documents", "err", err)
		s.markers.invalidate()
	}
	status := http.StatusOK
	for _, x := range res {
		if x.New {
			status = http.StatusCreated
		}
	}
	if len(res) == 1 && res[0].Error != "" {
		s.problem(w, r, http.StatusUnprocessableEntity, sitrep.EINVALID, "body", res[0].Error)
		return
	}
	if len(res) == 1 && res[0].ID != "" {
		w.Header().Set("Location", "/api/documents/"+res[0].ID)
	}
	response.JSON(w, status, map[string]any{"items": res})
}

// ingestJSON checks a JSON ingest body and fills req from it.
func (s *Server) ingestJSON(r *http.Request, b *ingestBody, req *IngestRequest) error {
	n := 0
	for _, set := range []bool{b.Text != "", b.URL != "" && b.Text == "", len(b.Document) > 0} {
		if set {
			n++
		}
	}
	if n == 0 {
		return badParam("body", "give one of text, url or document")
	}
	if n > 1 {
		return badParam("body", "give only one of text, url (alone) or document")
	}
	if b.Title != "" {
		req.Meta.Title = b.Title
	}
	if b.Source != "" {
		req.Meta.Source = b.Source
	}
	if b.Published != "" {
		req.Meta.Published = b.Published
	}
	switch {
	case len(b.Document) > 0:
		if t := strings.TrimSpace(string(b.Document)); !strings.HasPrefix(t, "{") {
			return badParam("document", "want a JSON object")
		}
		req.Body, req.Format, req.Name = b.Document, "json", "document"
	case b.Text != "":
		if b.Format != "" && b.Format != "text" && b.Format != "html" {
			return badParam("format", "%q: want text or html", b.Format)
		}
		req.Body, req.Format, req.Name = []byte(b.Text), "text", "text"
		if b.Format == "html" {
			req.Format = "html"
		}
		if b.URL != "" {
			req.Meta.URL = b.URL
		}
	default:
		u, err := url.Parse(b.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return badParam("url", "%q is not an http or https URL", b.URL)
		}
		raw, ct, err := s.cfg.FetchURL(r.Context(), u.String(), sitrep.DefaultMaxDocBytes)
		if err != nil {
			return err
		}
		req.Body, req.Name, req.Meta.URL = raw, u.String(), u.String()
		req.Format = "html"
		if mt, _, _ := mime.ParseMediaType(ct); mt == "text/plain" {
			req.Format = "text"
		}
	}
	return nil
}
