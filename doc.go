package sitrep

// Token kinds.
const (
	TokWord   = iota // letters, with inner hyphens, apostrophes or abbreviation periods
	TokNumber        // digits with separators and decimals, ordinals (35th)
	TokPunct         // . , ; : ! ? ( ) ...
	TokQuote         // " “ ” ‘ ’ ' « »
	TokDash          // - – — between words
	TokSymbol        // % $ € # @ and anything else
)

// Token is one token of the normalized text. Start and End are code-point
// offsets (the record's convention); ByteStart and ByteEnd index the Go
// string, so stages can slice the text without converting.
type Token struct {
	Start, End         int
	ByteStart, ByteEnd int
	Kind               int
	// SpaceBefore reports whitespace between this token and the previous
	// one; NewlineBefore that the whitespace held a line break.
	SpaceBefore   bool
	NewlineBefore bool
}

// Sentence is a run of tokens [FirstTok, EndTok) covering Span.
type Sentence struct {
	Span
	FirstTok, EndTok int
	// Paragraph numbers the paragraph (block of text between blank lines or,
	// in one-paragraph-per-line text, between lines) the sentence is in.
	Paragraph int
}

// Doc is one document being annotated: the normalized text and everything the
// stages have found in it so far. Stages read the layers that earlier stages
// wrote and append to their own; none reaches into another stage.
type Doc struct {
	Meta Document // Meta.Text is the normalized text, the same as Text
	Text string

	Sentences []Sentence
	Tokens    []Token

	Entities   []Entity
	Places     []Place
	Times      []Time
	Quantities []Quantity
	Claims     []Claim
	Events     []Event

	// DCT is the document creation time the times stage resolved against,
	// "" when unknown.
	DCT      string
	Warnings []string

	// runeToByte maps a code-point offset to a byte offset; nil when the
	// text is ASCII and the two are equal.
	runeToByte []int32
	done       []string
}

// NewDoc returns a Doc over already normalized text and builds the offset
// map between bytes and code points.
func NewDoc(meta Document, text string) *Doc {
	d := &Doc{Meta: meta, Text: text}
	d.Meta.Text = text
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		m := make([]int32, 0, len(text)+1)
		for i := range text {
			m = append(m, int32(i))
		}
		m = append(m, int32(len(text)))
		d.runeToByte = m
	}
	return d
}

// RuneLen returns the length of the text in code points.
func (d *Doc) RuneLen() int {
	if d.runeToByte == nil {
		return len(d.Text)
	}
	return len(d.runeToByte) - 1
}

// ByteOffset converts a code-point offset into a byte offset, clamping to
// the text.
func (d *Doc) ByteOffset(r int) int {
	if r < 0 {
		return 0
	}
	if d.runeToByte == nil {
		if r > len(d.Text) {
			return len(d.Text)
		}
		return r
	}
	if r >= len(d.runeToByte) {
		return len(d.Text)
	}
	return int(d.runeToByte[r])
}

// RuneOffset converts a byte offset (at a code point boundary) into a
// code-point offset.
func (d *Doc) RuneOffset(b int) int {
	if d.runeToByte == nil {
		return b
	}
	lo, hi := 0, len(d.runeToByte)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if int(d.runeToByte[mid]) < b {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Slice returns the text covered by the code-point range [start, end).
func (d *Doc) Slice(start, end int) string {
	return d.Text[d.ByteOffset(start):d.ByteOffset(end)]
}

// Span returns the span [start, end) with its text filled in.
func (d *Doc) Span(start, end int) Span {
	return Span{Start: start, End: end, Text: d.Slice(start, end)}
}

// TokenText returns the text of token i.
func (d *Doc) TokenText(i int) string {
	t := d.Tokens[i]
	return d.Text[t.ByteStart:t.ByteEnd]
}

// TokenSpan returns the span covering tokens [i, j).
func (d *Doc) TokenSpan(i, j int) Span {
	return d.Span(d.Tokens[i].Start, d.Tokens[j-1].End)
}

// SentenceOf returns the index of the sentence holding token i, or -1.
func (d *Doc) SentenceOf(i int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		mid := (lo + hi) / 2
		if d.Sentences[mid].EndTok <= i {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(d.Sentences) && d.Sentences[lo].FirstTok <= i {
		return lo
	}
	return -1
}

// TokenAt returns the index of the token that starts at or covers the
// code-point offset r, or the first token after r; len(d.Tokens) if none.
func (d *Doc) TokenAt(r int) int {
	lo, hi := 0, len(d.Tokens)
	for lo < hi {
		mid := (lo + hi) / 2
		if d.Tokens[mid].End <= r {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Warn records a problem that did not stop extraction, for the record's
// warnings.
func (d *Doc) Warn(msg string) { d.Warnings = append(d.Warnings, msg) }

// MarkDone records that the named stage ran; the pipeline calls it.
func (d *Doc) MarkDone(stage string) { d.done = append(d.done, stage) }

// Done lists the stages that ran, in order.
func (d *Doc) Done() []string { return d.done }

// Record returns the document's record. Tokens are included only when
// withTokens is set: they are many, and most readers want the rest.
func (d *Doc) Record(withTokens bool) Record {
	r := Record{
		Schema:     Schema,
		Version:    Version,
		Document:   d.Meta,
		Sentences:  make([]Span, len(d.Sentences)),
		Entities:   nonNil(d.Entities),
		Places:     nonNil(d.Places),
		Times:      nonNil(d.Times),
		Quantities: nonNil(d.Quantities),
		Claims:     nonNil(d.Claims),
		Events:     nonNil(d.Events),
		Stages:     nonNil(d.done),
		Warnings:   d.Warnings,
	}
	r.Document.Text = d.Text
	for i, s := range d.Sentences {
		r.Sentences[i] = Span{Start: s.Start, End: s.End}
	}
	if withTokens {
		r.Tokens = make([][2]int, len(d.Tokens))
		for i, t := range d.Tokens {
			r.Tokens[i] = [2]int{t.Start, t.End}
		}
	}
	return r
}

// nonNil turns a nil slice into an empty one so that the JSON shows [] and
// the schema can require every list.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
