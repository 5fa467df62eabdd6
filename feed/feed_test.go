package feed

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"sitrep"
	"sitrep/htmlpage"
	"sitrep/input"
)

var article = strings.Repeat("Ukrainian forces have retaken the town of Irpin, the mayor said on Monday in a video posted on Telegram. ", 12)

func rss(items ...string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Kyiv Desk</title><link>https://kyivdesk.example/</link>` +
		strings.Join(items, "") + `</channel></rss>`
}

func item(title, link, desc, content string) string {
	s := "<item><title>" + title + "</title><link>" + link + "</link><pubDate>Mon, 28 Mar 2022 10:15:00 +0000</pubDate><description><![CDATA[" + desc + "]]></description>"
	if content != "" {
		s += "<content:encoded><![CDATA[" + content + "]]></content:encoded>"
	}
	return s + "</item>"
}

func readAll(t *testing.T, r *Reader, raw string) []input.Item {
	t.Helper()
	var out []input.Item
	if err := r.Read(context.Background(), "desk.xml", []byte(raw), func(it input.Item) bool { out = append(out, it); return true }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestFullContent(t *testing.T) {
	items := readAll(t, &Reader{}, rss(item("Irpin retaken", "https://kyivdesk.example/irpin", "Short summary.", "<p>"+article+"</p><script>bad()</script>")))
	if len(items) != 1 || items[0].Err != nil {
		t.Fatalf("items = %+v", items)
	}
	it := items[0]
	if it.Meta.Source != "Kyiv Desk" || it.Meta.Title != "Irpin retaken" || it.Meta.Published != "2022-03-28T10:15:00Z" || it.Meta.URL != "https://kyivdesk.example/irpin" {
		t.Errorf("meta = %+v", it.Meta)
	}
	if !strings.HasPrefix(it.Text, "Ukrainian forces have retaken") || strings.Contains(it.Text, "bad()") {
		t.Errorf("text = %.80q", it.Text)
	}
}

func TestSummaryFetchesPage(t *testing.T) {
	page := `<!doctype html><html><head><title>Irpin retaken</title></head><body><nav>Home | World</nav><article><h1>Irpin retaken</h1><p>` +
		article + `</p><p>` + article + `</p></article><footer>Contact us</footer></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/irpin":
			fmt.Fprint(w, page)
		case "/slow":
			time.Sleep(2 * time.Second)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	r := &Reader{Options: input.Options{HTML: htmlpage.Extract}, Timeout: 300 * time.Millisecond}
	items := readAll(t, r, rss(
		item("Irpin retaken", srv.URL+"/irpin", "Ukraine says it retook Irpin.", ""),
		item("Slow", srv.URL+"/slow", "A summary.", ""),
		item("Gone", srv.URL+"/gone", "A summary.", ""),
	))
	if len(items) != 3 {
		t.Fatalf("%d items, want 3", len(items))
	}
	if items[0].Err != nil || !strings.Contains(items[0].Text, "retaken the town of Irpin") || len(strings.Fields(items[0].Text)) < 200 {
		t.Errorf("page item = %v, %.100q", items[0].Err, items[0].Text)
	}
	if sitrep.ErrorCode(items[1].Err) != sitrep.EUNAVAILABLE || !strings.Contains(items[1].Err.Error(), "no answer within") {
		t.Errorf("slow page = %v, want EUNAVAILABLE after the timeout", items[1].Err)
	}
	if items[2].Err == nil || !strings.Contains(items[2].Err.Error(), "404") {
		t.Errorf("missing page = %v, want the HTTP status", items[2].Err)
	}
}

func TestNotAFeed(t *testing.T) {
	for _, raw := range []string{"just some text", `{"no": "feed"}`, "<html><body>page</body></html>", ""} {
		err := (&Reader{}).Read(context.Background(), "x.xml", []byte(raw), func(input.Item) bool { return true })
		if sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), "x.xml: not an RSS, Atom or JSON feed") {
			t.Errorf("Read(%q) = %v, want EINVALID naming the input", raw, err)
		}
	}
}

func TestAtom(t *testing.T) {
	atom := `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Front Wire</title>
<entry><title>Strike on Kharkiv</title><link href="https://frontwire.example/k"/><updated>2022-03-01T08:00:00Z</updated>
<content type="html">&lt;p&gt;` + article + `&lt;/p&gt;</content></entry></feed>`
	items := readAll(t, &Reader{NoFetch: true}, atom)
	if len(items) != 1 || items[0].Err != nil || items[0].Meta.Source != "Front Wire" || items[0].Meta.Published != "2022-03-01T08:00:00Z" {
		t.Fatalf("atom items = %+v", items)
	}
	if !IsFeed([]byte(atom)) || IsFeed([]byte("<html><body><rss>")) {
		t.Errorf("IsFeed wrong")
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(rss(item("t", "https://x.example/", "<p>summary</p>", "<p>body &amp; more</p>"))))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><entry><title>y</title><content>z</content></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","title":"j","items":[{"id":"1","content_text":"hello"}]}`))
	f.Add([]byte(`<rss><channel><item><description><![CDATA[<div><b>x</div>]]></description></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		r := &Reader{NoFetch: true}
		err := r.Read(context.Background(), "fuzz.xml", raw, func(it input.Item) bool {
			if it.Err == nil && strings.TrimSpace(it.Text) == "" {
				t.Errorf("item without error has no text")
			}
			return true
		})
		if err != nil && sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("Read error %v is not EINVALID", err)
		}
	})
}
