package ingest

import (
	"context"
	"strings"
	"testing"

	"sitrep"
	"sitrep/input"
)

func readString(t testing.TB, name, content string, opt input.Options) []input.Item {
	t.Helper()
	r := &Reader{Options: opt, Stdin: strings.NewReader(content), NoFetch: true}
	var items []input.Item
	// "-" reads the content; the name picks the format as a file's would.
	ok := r.readStream(context.Background(), name, strings.NewReader(content), func(it input.Item) bool {
		items = append(items, it)
		return true
	})
	if !ok {
		t.Fatalf("readStream(%s) stopped", name)
	}
	return items
}

func TestReadJSONL(t *testing.T) {
	items := readString(t, "x.jsonl", `{"text": "one", "source": "A"}
not json
{"body": "two"}

{"text": 3}
`, input.Options{})
	if len(items) != 4 {
		t.Fatalf("%d items, want 4", len(items))
	}
	if items[0].Err != nil || items[0].Text != "one" || items[0].Meta.Source != "A" || items[2].Err != nil || items[2].Text != "two" {
		t.Errorf("good lines = %+v, %+v", items[0], items[2])
	}
	if items[1].Err == nil || !strings.Contains(items[1].Err.Error(), "x.jsonl:2") {
		t.Errorf("bad line = %v, want an error naming line 2", items[1].Err)
	}
}

func TestReadFeedBySniffing(t *testing.T) {
	items := readString(t, "news.txt", `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>a</title><description>the body text</description></item></channel></rss>`, input.Options{})
	if len(items) != 1 || items[0].Err != nil || items[0].Meta.Source != "T" || items[0].Text != "the body text" {
		t.Errorf("items = %+v", items)
	}
}

func FuzzReadJSONL(f *testing.F) {
	f.Add(`{"text": "Irpin retaken", "source": "Reuters", "published": "2022-03-28"}` + "\n" + `[1]` + "\n")
	f.Add(`{"description_en": "x", "date": "March 3, 2022"}`)
	f.Add("{\"text\": \"a\"}\r\n{\"text\": \"b\"}{\"text\": \"c\"}\n\xff\xfe")
	f.Add(`{"text": "` + strings.Repeat("long ", 100) + `"}`)
	f.Fuzz(func(t *testing.T, content string) {
		opt := input.Options{MaxBytes: 256}
		items := readString(t, "fuzz.jsonl", content, opt)
		for _, it := range items {
			if it.Err != nil {
				if c := sitrep.ErrorCode(it.Err); c != sitrep.EINVALID {
					t.Errorf("item error %v has code %s, want EINVALID", it.Err, c)
				}
				if !strings.Contains(it.Err.Error(), "fuzz.jsonl") {
					t.Errorf("item error %q does not name the input", it.Err)
				}
				continue
			}
			if it.Text == "" {
				t.Errorf("item %s without error has no text", it.Name)
			}
		}
	})
}
