// Package timeml reads and writes TimeML files in the TempEval-3 format
// (TimeBank, AQUAINT, TE3 platinum) and scores TIMEX3 annotations the way
// the TempEval-3 evaluation does: strict and relaxed span match, type
// accuracy and value F1.
package timeml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"sitrep"
)

// MaxFileBytes bounds a TimeML file; the largest TimeBank file is 60 kB.
const MaxFileBytes = 8 << 20

// Timex is one TIMEX3 annotation with code-point offsets into Doc.Text.
type Timex struct {
	TID   string
	Type  string
	Value string
	Mod   string
	Start int
	End   int
	// Line is the line of the opening tag in the file.
	Line int
}

// Doc is a TimeML document: the raw text of its TEXT element, its creation
// time and the TIMEX3 annotations inside TEXT.
type Doc struct {
	Name    string
	ID      string
	DCT     string
	Text    string
	Timexes []Timex
}

// Parse reads one TimeML file. It returns EINVALID, naming the file and the
// line, for XML that does not parse, unclosed or misnested tags, a missing
// or malformed creation time, a TIMEX3 without a type or with a bad value,
// or a missing TEXT element.
func Parse(name string, data []byte) (*Doc, error) {
	if len(data) > MaxFileBytes {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: file is larger than %d bytes", name, MaxFileBytes)
	}
	if !utf8.Valid(data) {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: line %d: not valid UTF-8", name, invalidLine(data))
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.Entity = xml.HTMLEntity
	doc := &Doc{Name: name}
	var (
		stack    []string
		inText   bool
		seenText bool
		inDCT    bool
		dctLine  int
		open     *Timex // the TIMEX3 being read inside TEXT
		text     strings.Builder
		runes    int
	)
	line := func() int {
		l, _ := dec.InputPos()
		return l
	}
	fail := func(l int, format string, args ...any) error {
		return sitrep.Errorf(sitrep.EINVALID, "%s: line %d: "+format, append([]any{name, l}, args...)...)
	}
	for {
		l := line()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, fail(se.Line, "%s", se.Msg)
			}
			return nil, fail(line(), "%s", err.Error())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := t.Name.Local
			stack = append(stack, n)
			switch {
			case n == "TEXT":
				if seenText {
					return nil, fail(l, "second TEXT element")
				}
				inText, seenText = true, true
			case n == "DCT":
				inDCT, dctLine = true, l
			case n == "DOCID" && doc.ID == "":
				// Read below as character data.
			case n == "TIMEX3":
				tx := Timex{Line: l}
				var fn string
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "tid":
						tx.TID = a.Value
					case "type":
						tx.Type = a.Value
					case "value":
						tx.Value = a.Value
					case "mod":
						tx.Mod = a.Value
					case "functionInDocument":
						fn = a.Value
					}
				}
				if fn == "CREATION_TIME" || inDCT {
					if !ValidValue(tx.Value) || tx.Value == "" {
						return nil, fail(l, "creation time %q is not a TIMEX3 value", tx.Value)
					}
					if doc.DCT == "" {
						doc.DCT = tx.Value
					}
					continue
				}
				if !inText {
					continue
				}
				if open != nil {
					return nil, fail(l, "TIMEX3 %s opens inside TIMEX3 %s", tx.TID, open.TID)
				}
				switch tx.Type {
				case sitrep.TimeDate, sitrep.TimeTime, sitrep.TimeDuration, sitrep.TimeSet:
				default:
					return nil, fail(l, "TIMEX3 %s: type %q is not DATE, TIME, DURATION or SET", tx.TID, tx.Type)
				}
				if !ValidValue(tx.Value) {
					return nil, fail(l, "TIMEX3 %s: value %q is not a TIMEX3 value", tx.TID, tx.Value)
				}
				tx.Start = runes
				open = &tx
			}
		case xml.EndElement:
			n := t.Name.Local
			if len(stack) == 0 || stack[len(stack)-1] != n {
				return nil, fail(l, "</%s> closes nothing open", n)
			}
			stack = stack[:len(stack)-1]
			switch n {
			case "TEXT":
				if open != nil {
					return nil, fail(open.Line, "TIMEX3 %s is not closed inside TEXT", open.TID)
				}
				inText = false
			case "DCT":
				inDCT = false
			case "TIMEX3":
				if open != nil && inText {
					open.End = runes
					doc.Timexes = append(doc.Timexes, *open)
					open = nil
				}
			}
		case xml.CharData:
			if inText {
				text.Write(t)
				runes += utf8.RuneCount(t)
			} else if len(stack) > 0 && stack[len(stack)-1] == "DOCID" {
				doc.ID = strings.TrimSpace(string(t))
			}
		}
	}
	if len(stack) > 0 {
		return nil, fail(line(), "<%s> is not closed at end of file", stack[len(stack)-1])
	}
	if !seenText {
		return nil, fail(1, "no TEXT element")
	}
	if doc.DCT == "" {
		if dctLine == 0 {
			dctLine = 1
		}
		return nil, fail(dctLine, "no creation time (a TIMEX3 with functionInDocument=\"CREATION_TIME\")")
	}
	doc.Text = text.String()
	return doc, nil
}

func invalidLine(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n == 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[n:]
	}
	return line
}

// ValidValue reports whether v is shaped like a TIMEX3 value: ISO 8601
// dates, weeks, times and durations with X for unknown digits, the
// reference values PRESENT_REF, PAST_REF and FUTURE_REF, and the season,
// quarter, half and part-of-day codes. It checks the alphabet and the
// overall shape, not the calendar.
func ValidValue(v string) bool {
	if v == "" || len(v) > 64 {
		return false
	}
	switch v {
	case "PRESENT_REF", "PAST_REF", "FUTURE_REF":
		return true
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= '0' && c <= '9', c >= 'A' && c <= 'Z', c == '-', c == ':', c == '.', c == '+':
		default:
			return false
		}
	}
	c := v[0]
	return c >= '0' && c <= '9' || c == 'X' || c == 'P' || c == 'T' || c == 'F' || c == 'B'
}
