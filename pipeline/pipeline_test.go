package pipeline

import (
	"context"
	"errors"
	"strings"
	"testing"

	"sitrep"
	"sitrep/text"
)

// stage is a configurable test stage.
type stage struct {
	c  sitrep.Contract
	fn func(d *sitrep.Doc) error
}

func (s stage) Contract() sitrep.Contract { return s.c }
func (s stage) Annotate(d *sitrep.Doc) error {
	if s.fn == nil {
		return nil
	}
	return s.fn(d)
}

func TestNewChecksContracts(t *testing.T) {
	ner := stage{c: sitrep.Contract{Name: "ner", Needs: []string{sitrep.LayerTokens}, Sets: []string{sitrep.LayerEntities}}}
	if _, err := New(ner); err == nil || !strings.Contains(err.Error(), `stage "ner" needs "tokens"`) {
		t.Errorf("New(ner before segment) error = %v", err)
	}
	p, err := New(text.Segmenter{}, ner)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.Names(), ","); got != "segment,ner" {
		t.Errorf("Names = %s", got)
	}
	if _, err := New(text.Segmenter{}, text.Segmenter{}); err == nil {
		t.Error("New accepted a stage twice")
	}
}

func TestRunRecoversPanics(t *testing.T) {
	boom := stage{c: sitrep.Contract{Name: "boom"}, fn: func(d *sitrep.Doc) error {
		var m map[string]int
		m["x"] = 1 // a nil-map write: a real panic
		return nil
	}}
	p, err := New(text.Segmenter{}, boom)
	if err != nil {
		t.Fatal(err)
	}
	d := sitrep.NewDoc(sitrep.Document{ID: "doc1"}, "Some text.")
	err = p.Run(d)
	if err == nil || sitrep.ErrorCode(err) != sitrep.EINTERNAL || !strings.Contains(err.Error(), "stage boom") || !strings.Contains(err.Error(), "doc1") {
		t.Errorf("Run error = %v", err)
	}
	if got := strings.Join(d.Done(), ","); got != "segment" {
		t.Errorf("Done = %s, want segment only", got)
	}
}

func TestRunWrapsErrors(t *testing.T) {
	fail := stage{c: sitrep.Contract{Name: "fail"}, fn: func(d *sitrep.Doc) error {
		return sitrep.Errorf(sitrep.EINVALID, "bad thing")
	}}
	p, _ := New(fail)
	err := p.Run(sitrep.NewDoc(sitrep.Document{ID: "d2"}, "x"))
	if sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), "stage fail: document d2: bad thing") {
		t.Errorf("Run error = %v", err)
	}
}

func TestStreamKeepsOrder(t *testing.T) {
	// A stage whose time depends on the document, so workers finish out of
	// order.
	slow := stage{c: sitrep.Contract{Name: "slow", Needs: []string{sitrep.LayerTokens}}, fn: func(d *sitrep.Doc) error {
		if strings.HasPrefix(d.Text, "fail") {
			return errors.New("failed on purpose")
		}
		n := 0
		for i := 0; i < len(d.Text)*2000; i++ {
			n += i
		}
		_ = n
		return nil
	}}
	p, err := New(text.Segmenter{}, slow)
	if err != nil {
		t.Fatal(err)
	}
	in := make(chan *sitrep.Doc)
	out := make(chan Result)
	p.Stream(context.Background(), 4, in, out)
	const n = 50
	go func() {
		for i := range n {
			s := strings.Repeat("word ", (n-i)%7+1)
			if i == 13 {
				s = "fail " + s
			}
			in <- sitrep.NewDoc(sitrep.Document{ID: string(rune('A' + i))}, s)
		}
		close(in)
	}()
	i := 0
	for r := range out {
		if r.Seq != i || r.Doc.Meta.ID != string(rune('A'+i)) {
			t.Fatalf("result %d has seq %d id %s", i, r.Seq, r.Doc.Meta.ID)
		}
		if (r.Err != nil) != (i == 13) {
			t.Errorf("result %d err = %v", i, r.Err)
		}
		i++
	}
	if i != n {
		t.Errorf("got %d results, want %d", i, n)
	}
}

func TestStreamCancel(t *testing.T) {
	p, _ := New(text.Segmenter{})
	ctx, cancel := context.WithCancel(context.Background())
	in := make(chan *sitrep.Doc)
	out := make(chan Result)
	p.Stream(ctx, 2, in, out)
	in <- sitrep.NewDoc(sitrep.Document{}, "one")
	cancel()
	for range out {
	}
}

func BenchmarkPipelineSegment(b *testing.B) {
	raw := strings.Repeat("Kremlin spokesperson Dmitry Peskov confirmed that face-to-face talks with Ukraine will resume in Turkey on Tuesday. ", 500)
	p, _ := New(text.Segmenter{})
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if err := p.Run(sitrep.NewDoc(sitrep.Document{}, raw)); err != nil {
			b.Fatal(err)
		}
	}
}
