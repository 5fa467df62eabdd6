package input

import (
	"bytes"

	"strings"
	"testing"

	"sitrep"
)

// fakeHTML stands in for the trafilatura adapter, which has tests of its
// own; this package only has to route pages to it and keep what it returns.
func fakeHTML(name string, raw []byte, url string) (Page, error) {
	if !bytes.Contains(raw, []byte("<p>")) {
		return Page{}, sitrep.Errorf(sitrep.EINVALID, "%s: the page holds no article text", name)
	}
	return Page{Title: "T", Site: "S", Published: "2022-03-28", Text: "Body text."}, nil
}

func readAll(t *testing.T, name, in string, opt Options) ([]Item, error) {
	t.Helper()
	if opt.HTML == nil {
		opt.HTML = fakeHTML
	}
	var items []Item
	err := Read(name, strings.NewReader(in), opt, func(it Item) bool {
		items = append(items, it)
		return true
	})
	return items, err
}

func TestReadText(t *testing.T) {
	items, err := readAll(t, "a.txt", "  Irpin has been liberated.\r\n", Options{})
	if err != nil || len(items) != 1 || items[0].Err != nil {
		t.Fatalf("Read = %v, %v", items, err)
	}
	if items[0].Text != "Irpin has been liberated." || items[0].Meta.Input != "a.txt" {
		t.Errorf("item = %+v", items[0])
	}
	d := items[0].Doc()
	if d.Meta.ID != sitrep.DocumentID("", "Irpin has been liberated.") || len(d.Meta.ID) != 24 {
		t.Errorf("Doc ID = %q", d.Meta.ID)
	}
}

func TestReadJSONL(t *testing.T) {
	in := `{"id": "x1", "source": "whitehouse", "date": "2022-09-23", "title": "Statement", "url": "https://e.org/1", "text": "The United States will never recognize it."}
[1, 2, 3]
not json at all

{"headline": "Missiles hit Kyiv", "description_en": "Russian forces fired missiles.", "twitter_user": "BBCNews", "date": "2022-02-24"}
{"title": "no text here"}
{"text": "Bad date.", "date": "yesterday-ish"}
`
	items, err := readAll(t, "c.jsonl", in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 6 {
		t.Fatalf("got %d items, want 6 (blank line skipped)", len(items))
	}
	first := items[0]
	if first.Err != nil || first.Meta.Source != "whitehouse" || first.Meta.Published != "2022-09-23" || first.Meta.Title != "Statement" || first.Meta.URL != "https://e.org/1" {
		t.Errorf("line 1 = %+v", first)
	}
	for i, want := range map[int]string{1: "c.jsonl:2: not a JSON object", 2: "c.jsonl:3: not a JSON object", 4: "c.jsonl:6: no text field", 5: "c.jsonl:7: publication date"} {
		if items[i].Err == nil || !strings.Contains(items[i].Err.Error(), want) {
			t.Errorf("item %d error = %v, want %q", i, items[i].Err, want)
		}
	}
	w := items[3]
	if w.Err != nil || w.Meta.Title != "Missiles hit Kyiv" || w.Meta.Source != "BBCNews" || w.Text != "Russian forces fired missiles." {
		t.Errorf("warline-style line = %+v", w)
	}
}

func TestReadJSONFieldFlags(t *testing.T) {
	opt := Options{Fields: DefaultFields()}
	opt.Fields.Text = []string{"body_en"}
	items, err := readAll(t, "d.json", `{"body_en": "Talks resumed.", "text": "ignored"}`, opt)
	if err != nil || len(items) != 1 || items[0].Text != "Talks resumed." {
		t.Fatalf("Read = %+v, %v", items, err)
	}
	items, err = readAll(t, "e.json", `[{"text": "One."}, {"text": "Two."}, 7]`, Options{})
	if err != nil || len(items) != 3 || items[1].Text != "Two." || items[2].Err == nil {
		t.Fatalf("array = %+v, %v", items, err)
	}
	if _, err := readAll(t, "f.json", `[{"text": "One."}`, Options{}); err == nil || !strings.Contains(err.Error(), "f.json") {
		t.Errorf("truncated array error = %v", err)
	}
}

func TestReadHTML(t *testing.T) {
	items, err := readAll(t, "p.html", "<html><body><p>x</p></body></html>", Options{})
	if err != nil || len(items) != 1 || items[0].Err != nil || items[0].Meta.Title != "T" || items[0].Meta.Source != "S" || items[0].Meta.Published != "2022-03-28" {
		t.Fatalf("Read = %+v, %v", items, err)
	}
	items, _ = readAll(t, "q.html", "<html><body><nav>menu</nav></body></html>", Options{})
	if items[0].Err == nil || !strings.Contains(items[0].Err.Error(), "q.html: the page holds no article text") {
		t.Errorf("no-article error = %v", items[0].Err)
	}
}

func TestSniff(t *testing.T) {
	tests := map[string]string{
		"<!DOCTYPE html><html><body><p>x</p>":  FormatHTML,
		`{"text": "a"}`:                        FormatJSON,
		"{\"text\": \"a\"}\n{\"text\": \"b\"}": FormatJSONL,
		"Plain <b>news</b> text":               FormatText,
		"{not json":                            FormatText,
	}
	for in, want := range tests {
		if got := sniff([]byte(in)); got != want {
			t.Errorf("sniff(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestSizeLimit(t *testing.T) {
	big := strings.Repeat("word ", 300)
	_, err := readAll(t, "big.txt", big, Options{MaxBytes: 1000})
	if err == nil || !strings.Contains(err.Error(), "big.txt: input is larger than the limit of 1000 bytes") || sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("error = %v", err)
	}
	items, err := readAll(t, "big.jsonl", `{"text": "`+big+`"}`+"\n"+`{"text": "small"}`, Options{MaxBytes: 1000})
	if err != nil || len(items) != 2 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), "big.jsonl:1: line is larger") || items[1].Text != "small" {
		t.Errorf("jsonl = %+v, %v", items, err)
	}
}

func TestParseDate(t *testing.T) {
	tests := map[string]string{
		"2022-03-28":                      "2022-03-28",
		"2022-03-28T09:15:00+03:00":       "2022-03-28T09:15:00+03:00",
		"2022-03-28T09:15:00":             "2022-03-28T09:15:00",
		"March 28, 2022":                  "2022-03-28",
		"28 March 2022":                   "2022-03-28",
		"Mon, 28 Mar 2022 09:15:00 +0300": "2022-03-28T09:15:00+03:00",
	}
	for in, want := range tests {
		if got, err := ParseDate(in); err != nil || got != want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"2022-02-30", "tomorrow", "", "28/03/2022"} {
		if _, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) succeeded, want an error", in)
		}
	}
}
