package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"sitrep"
	"sitrep/schema"
	"sitrep/shared"
)

func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb}
	code = m.Run(context.Background(), args)
	return out.String(), errb.String(), code
}

// runStatus is run with the exit status first, for the eval tests.
func runStatus(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	out, errOut, code := run(t, "", args...)
	return code, out, errOut
}

// runMain is run with no standard input.
func runMain(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	return run(t, "", args...)
}

const fixture = "../../testdata/kupiansk-recaptured.txt"

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.Record))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("record.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("record.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkRecord validates out against the JSON Schema and checks that every
// span in it covers the text it claims to.
func checkRecord(t *testing.T, sch *jsonschema.Schema, out []byte) sitrep.Record {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("record does not match the schema: %v", err)
	}
	var rec sitrep.Record
	if err := json.Unmarshal(out, &rec); err != nil {
		t.Fatal(err)
	}
	runes := []rune(rec.Document.Text)
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			s, okS := v["start"].(json.Number)
			e, okE := v["end"].(json.Number)
			if okS && okE {
				a, _ := s.Int64()
				b, _ := e.Int64()
				if a > b || int(b) > len(runes) {
					t.Errorf("span [%d,%d) outside the text of %d code points", a, b, len(runes))
				} else if txt, ok := v["text"].(string); ok && txt != string(runes[a:b]) {
					t.Errorf("span [%d,%d) says %q but the text there is %q", a, b, txt, string(runes[a:b]))
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(inst)
	return rec
}

func TestExtractFixture(t *testing.T) {
	sch := compileSchema(t)
	out, errOut, code := run(t, "", "extract", fixture, "--published", "2022-03-28", "--source", "The Kharkiv Courier", "--tokens")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rec := checkRecord(t, sch, []byte(out))
	if rec.Schema != "sitrep/1" || rec.Document.Published != "2022-03-28" || rec.Document.Source != "The Kharkiv Courier" {
		t.Errorf("document = %+v", rec.Document)
	}
	if len(rec.Sentences) != 12 {
		t.Errorf("got %d sentences, want 12", len(rec.Sentences))
	}
	if len(rec.Tokens) == 0 {
		t.Error("--tokens gave no tokens")
	}
	want := []string{"segment", "ner", "times", "geo", "attrib", "quant", "event"}
	if strings.Join(rec.Stages, ",") != strings.Join(want, ",") {
		t.Errorf("stages = %v", rec.Stages)
	}
}

// TestExtractExample runs the canonical example from ../shared when it is
// there.
func TestExtractExample(t *testing.T) {
	p := shared.Path("examples", "irpin-liberated.txt")
	if p == "" {
		t.Skip("../shared/examples not present")
	}
	sch := compileSchema(t)
	out, errOut, code := run(t, "", "extract", p, "--published", "2022-03-28", "--source", "The Epoch Times")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rec := checkRecord(t, sch, []byte(out))
	if len(rec.Sentences) != 21 {
		t.Errorf("got %d sentences, want 21", len(rec.Sentences))
	}
	text, _, code := run(t, "", "extract", p, "--published", "2022-03-28", "--format", "text")
	if code != 0 || !strings.Contains(text, "Claims (") || !strings.Contains(text, "published  2022-03-28") {
		t.Errorf("text report:\n%s", text)
	}
}

// TestExtractDeterministic runs the whole pipeline twice over an article
// with many claims, dates, places and figures and compares the bytes.
func TestExtractDeterministic(t *testing.T) {
	out, _, _ := run(t, "", "extract", fixture, "--published", "2022-03-28")
	var rec sitrep.Record
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Claims) < 5 || len(rec.Times) < 4 || len(rec.Places) < 3 || len(rec.Entities) < 5 {
		t.Fatalf("fixture gave %d claims, %d times, %d places, %d entities: too few for a determinism test",
			len(rec.Claims), len(rec.Times), len(rec.Places), len(rec.Entities))
	}
	for _, format := range []string{"json", "jsonl", "text"} {
		a, _, _ := run(t, "", "extract", fixture, "--published", "2022-03-28", "--format", format)
		b, _, _ := run(t, "", "extract", fixture, "--published", "2022-03-28", "--format", format)
		if a != b || a == "" {
			t.Errorf("--format %s: two runs differ", format)
		}
	}
}

func TestExtractStdinAndJSONL(t *testing.T) {
	out, _, code := run(t, "Irpin has been liberated, the mayor said.", "extract", "-", "--format", "jsonl")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, `"input":"standard input"`) {
		t.Errorf("stdin: exit %d, %s", code, out)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "docs.jsonl")
	os.WriteFile(p, []byte(`{"text": "First report.", "source": "A", "date": "2022-03-01"}`+"\n"+`[1]`+"\n"+`{"text": "Second report.", "source": "B"}`+"\n"), 0o644)
	out, errOut, code := run(t, "", "extract", p, "--format", "jsonl")
	if code != 2 || strings.Count(out, "\n") != 2 || !strings.Contains(errOut, "docs.jsonl:2: not a JSON object") {
		t.Errorf("jsonl with a bad line: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := write("big.txt", bytes.Repeat([]byte("Shelling continued overnight. "), 50<<20/30+1))
	noArticle, _ := os.ReadFile("../../htmlpage/testdata/no-article.html")
	tests := []struct {
		name string
		args []string
		want string
		code int
	}{
		{"empty", []string{"extract", write("empty.txt", nil)}, "empty.txt: input is empty", 2},
		{"binary", []string{"extract", write("bin.dat", []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2})}, "bin.dat: input holds NUL bytes", 2},
		{"invalid utf-8", []string{"extract", write("latin1.txt", []byte("Kyiv caf\xe9 shelled"))}, "latin1.txt: input is not valid UTF-8", 2},
		{"50 MB", []string{"extract", big}, "big.txt: input is larger than the limit of 5242880 bytes", 2},
		{"no article", []string{"extract", write("login.html", noArticle)}, "login.html: the page holds no article text", 2},
		{"json not object", []string{"extract", write("one.json", []byte(`"just a string"`))}, "one.json: not a JSON object", 2},
		{"missing file", []string{"extract", filepath.Join(dir, "nope.txt")}, "nope.txt: cannot open: no such file or directory", 2},
		{"directory", []string{"extract", dir}, "is a directory", 2},
		{"unknown flag", []string{"extract", "--bogus", fixture}, "flag provided but not defined: -bogus", 2},
		{"bad published", []string{"extract", fixture, "--published", "last Tuesday"}, "--published: publication date \"last Tuesday\"", 2},
		{"bad format", []string{"extract", fixture, "--format", "xml"}, `--format "xml"`, 2},
		{"two inputs", []string{"extract", fixture, fixture}, "extract reads one input, got 2", 2},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`, 2},
		{"no command", nil, "Usage: sitrep COMMAND", 2},
	}
	for _, tt := range tests {
		out, errOut, code := run(t, "", tt.args...)
		if code != tt.code || !strings.Contains(errOut+out, tt.want) {
			t.Errorf("%s: exit %d, want %d with %q; stderr: %s", tt.name, code, tt.code, tt.want, errOut)
		}
		if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
			t.Errorf("%s: stack trace on stderr: %s", tt.name, errOut)
		}
	}
	// The limit is a flag.
	if _, errOut, code := run(t, "", "extract", fixture, "--max-bytes", "100"); code != 2 || !strings.Contains(errOut, "larger than the limit of 100 bytes") {
		t.Errorf("--max-bytes 100: exit %d: %s", code, errOut)
	}
}

func TestHelp(t *testing.T) {
	for _, c := range commands() {
		_, errOut, code := run(t, "", c.name, "--help")
		if code != 0 || !strings.Contains(errOut+c.name, c.name) {
			t.Errorf("%s --help: exit %d", c.name, code)
		}
	}
	out, _, code := run(t, "", "--help")
	if code != 0 || !strings.Contains(out, "extract") {
		t.Errorf("--help: exit %d: %s", code, out)
	}
}
