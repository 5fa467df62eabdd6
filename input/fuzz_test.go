package input

import (
	"bytes"
	"testing"
)

func fuzzRead(t *testing.T, name string, raw []byte, format string) {
	err := Read(name, bytes.NewReader(raw), Options{Format: format, MaxBytes: 1 << 16, HTML: fakeHTML}, func(it Item) bool {
		if it.Err == nil && it.Text == "" {
			t.Fatalf("%s: item with neither text nor error", it.Name)
		}
		return true
	})
	_ = err // an error is a fine answer; a panic or a hang is not
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"text": "a", "date": "2022-03-28"}` + "\n[1]\nnull\n{\"text\": 5}\n"))
	f.Add([]byte(`{"description_en": "x", "headline": "y"}`))
	f.Add([]byte("\n\n{\"text\": \"\\u0000\"}"))
	f.Fuzz(func(t *testing.T, raw []byte) { fuzzRead(t, "fuzz.jsonl", raw, FormatJSONL) })
}

func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`[{"text": "a"}, {"text": "b"}]`))
	f.Add([]byte(`{"text": "a"} {"text": "b"}`))
	f.Add([]byte(`{"text": {"nested": true}}`))
	f.Fuzz(func(t *testing.T, raw []byte) { fuzzRead(t, "fuzz.json", raw, FormatJSON) })
}

func FuzzReadAuto(f *testing.F) {
	f.Add([]byte("<html><body><p>x</p></body></html>"))
	f.Add([]byte("Plain text."))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, raw []byte) { fuzzRead(t, "fuzz", raw, FormatAuto) })
}
