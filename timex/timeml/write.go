package timeml

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// Write writes doc as a TimeML file in the TempEval-3 layout: DOCID, the
// creation time as TIMEX3 t0, and TEXT with the given TIMEX3 annotations
// (overlapping ones after the first are left out, as TimeML does not nest
// them).
func Write(w io.Writer, doc *Doc, timexes []Timex) error {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" ?>\n<TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd\">\n\n")
	fmt.Fprintf(&b, "<DOCID>%s</DOCID>\n\n", escape(doc.ID))
	fmt.Fprintf(&b, "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"%s\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">%s</TIMEX3></DCT>\n\n", escape(doc.DCT), escape(doc.DCT))
	b.WriteString("<TEXT>")
	tx := append([]Timex(nil), timexes...)
	sort.SliceStable(tx, func(i, j int) bool { return tx[i].Start < tx[j].Start })
	pos := 0 // code points written
	text := doc.Text
	byteAt := 0
	advance := func(to int) {
		// Writes text up to code point to.
		start := byteAt
		for pos < to && byteAt < len(text) {
			_, n := utf8.DecodeRuneInString(text[byteAt:])
			byteAt += n
			pos++
		}
		b.WriteString(escape(text[start:byteAt]))
	}
	for _, t := range tx {
		if t.Start < pos || t.End <= t.Start {
			continue
		}
		advance(t.Start)
		fmt.Fprintf(&b, "<TIMEX3 tid=\"%s\" type=\"%s\" value=\"%s\"", escape(t.TID), escape(t.Type), escape(t.Value))
		if t.Mod != "" {
			fmt.Fprintf(&b, " mod=\"%s\"", escape(t.Mod))
		}
		b.WriteString(">")
		advance(t.End)
		b.WriteString("</TIMEX3>")
	}
	advance(utf8.RuneCountInString(text) + 1)
	b.WriteString("</TEXT>\n\n</TimeML>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func escape(s string) string {
	if !strings.ContainsAny(s, "<>&\"") {
		return s
	}
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;")
	return r.Replace(s)
}
