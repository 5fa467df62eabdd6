// Package web holds the embedded web UI: one HTML page, plain JavaScript
// modules, a style sheet, the vendored Leaflet files and the offline world
// basemap. Assets are gzipped once at start and served with a content hash
// in their URL, so browsers cache them for good and reload them when they
// change.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"path"
	"strings"
	"sync"
)

//go:embed index.html static
var files embed.FS

// Asset is one file ready to serve.
type Asset struct {
	Body []byte
	// Gzip is Body gzipped, nil when that does not make it smaller.
	Gzip []byte
	Type string
	ETag string
}

var (
	once    sync.Once
	assets  map[string]*Asset
	index   *Asset
	version string
)

func load() {
	assets = map[string]*Asset{}
	h := sha256.New()
	fs.WalkDir(files, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		h.Write([]byte(p))
		h.Write(body)
		assets["/"+p] = newAsset(p, body)
		return nil
	})
	version = hex.EncodeToString(h.Sum(nil))[:12]
	page, _ := files.ReadFile("index.html")
	index = newAsset("index.html", bytes.ReplaceAll(page, []byte("__V__"), []byte(version)))
}

func newAsset(name string, body []byte) *Asset {
	typ := mime.TypeByExtension(path.Ext(name))
	switch {
	case strings.HasSuffix(name, ".geojson"):
		typ = "application/geo+json"
	case strings.HasSuffix(name, ".js"), strings.HasSuffix(name, ".mjs"):
		typ = "text/javascript; charset=utf-8"
	case typ == "" || strings.HasPrefix(name, "static/vendor/LICENSE"):
		typ = "text/plain; charset=utf-8"
	}
	sum := sha256.Sum256(body)
	a := &Asset{Body: body, Type: typ, ETag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	if !strings.HasPrefix(typ, "image/png") {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		if buf.Len() < len(body) {
			a.Gzip = buf.Bytes()
		}
	}
	return a
}

// Lookup returns the asset at a URL path such as "/static/app.js", nil if
// there is none.
func Lookup(urlPath string) *Asset {
	once.Do(load)
	return assets[urlPath]
}

// Index returns the UI's page, its asset URLs carrying Version.
func Index() *Asset {
	once.Do(load)
	return index
}

// Version is the content hash of all assets, used in their URLs.
func Version() string {
	once.Do(load)
	return version
}

// Paths lists the assets' URL paths.
func Paths() []string {
	once.Do(load)
	out := make([]string, 0, len(assets))
	for p := range assets {
		out = append(out, p)
	}
	return out
}
