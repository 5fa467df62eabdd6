package sitrep_test

import (
	"errors"
	"fmt"
	"testing"

	"sitrep"
)

func TestErrorCode(t *testing.T) {
	base := sitrep.Errorf(sitrep.ENOTFOUND, "document %s not found", "abc")
	wrapped := fmt.Errorf("sqlite: find document: %w", base)
	tests := []struct {
		err  error
		want string
	}{
		{nil, ""},
		{base, sitrep.ENOTFOUND},
		{wrapped, sitrep.ENOTFOUND},
		{errors.New("disk on fire"), sitrep.EINTERNAL},
	}
	for _, tt := range tests {
		if got := sitrep.ErrorCode(tt.err); got != tt.want {
			t.Errorf("ErrorCode(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
	e := &sitrep.Error{Code: sitrep.EINVALID, Op: "read feed", Message: "feed.xml: not XML", Err: errors.New("EOF")}
	if got := e.Error(); got != "read feed: feed.xml: not XML: EOF" {
		t.Errorf("Error() = %q", got)
	}
}

func TestDocumentID(t *testing.T) {
	a := sitrep.DocumentID("Reuters", "Irpin has been liberated.")
	if a != sitrep.DocumentID("Reuters", "Irpin has been liberated.") || len(a) != 24 {
		t.Errorf("DocumentID not stable: %q", a)
	}
	if a == sitrep.DocumentID("AP", "Irpin has been liberated.") {
		t.Error("DocumentID ignores the source")
	}
	// The separator keeps "ab"+"c" apart from "a"+"bc".
	if sitrep.DocumentID("ab", "c") == sitrep.DocumentID("a", "bc") {
		t.Error("DocumentID confuses source and text boundaries")
	}
}

func TestDocSpansAndRecord(t *testing.T) {
	d := sitrep.NewDoc(sitrep.Document{ID: "x"}, "“Київ” is Kyiv.")
	sp := d.Span(1, 5)
	if sp.Text != "Київ" || sp.Len() != 4 {
		t.Errorf("Span(1,5) = %+v", sp)
	}
	if !d.Span(0, 6).Contains(sp) || !sp.Overlaps(d.Span(4, 8)) || sp.Overlaps(d.Span(5, 8)) {
		t.Error("Contains/Overlaps wrong")
	}
	rec := d.Record(false)
	if rec.Schema != sitrep.Schema || rec.Entities == nil || rec.Claims == nil || rec.Stages == nil || rec.Tokens != nil {
		t.Errorf("Record = %+v: lists must be empty, not nil; tokens absent", rec)
	}
	if rec.Document.Text != d.Text {
		t.Error("Record lost the text")
	}
}

func TestClaimSaid(t *testing.T) {
	d := sitrep.NewDoc(sitrep.Document{ID: "d"}, "“A town is free,” the mayor said. “We will defend it.”")
	c := sitrep.Claim{Content: d.Span(0, 54)}
	if got := c.Said(); got != c.Content.Text || got == "" {
		t.Errorf("one part: Said() = %q, want the content %q", got, c.Content.Text)
	}
	c.ContentParts = []sitrep.Span{d.Span(0, 17), d.Span(34, 54)}
	if got, want := c.Said(), "“A town is free,” … “We will defend it.”"; got != want {
		t.Errorf("Said() = %q, want %q (the attribution between the parts is not the speaker's)", got, want)
	}
}
