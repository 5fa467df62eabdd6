// Package text holds sitrep's text layer: normalization of raw input,
// tokenization and sentence segmentation with exact offsets.
package text

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"sitrep"
)

// Normalize turns raw input into the text that every offset in a record
// refers to: valid UTF-8 in NFC, line breaks as "\n", control characters
// other than tab and newline dropped, a byte-order mark removed and the
// whole trimmed. Curly quotes, dashes and non-breaking spaces are kept as
// they are: they are part of what the outlet printed, and the tokenizer
// understands them. name is the input's name for error messages.
func Normalize(name string, raw []byte) (string, error) {
	if len(raw) == 0 {
		return "", sitrep.Errorf(sitrep.EINVALID, "%s: input is empty", name)
	}
	if bytes.IndexByte(raw, 0) >= 0 {
		return "", sitrep.Errorf(sitrep.EINVALID, "%s: input holds NUL bytes: it looks like binary data, not text", name)
	}
	if !utf8.Valid(raw) {
		off := invalidAt(raw)
		return "", sitrep.Errorf(sitrep.EINVALID, "%s: input is not valid UTF-8 (first bad byte at offset %d); convert it to UTF-8 first", name, off)
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	var b strings.Builder
	b.Grow(len(raw))
	controls := 0
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < 0x80 {
			switch {
			case c == '\r':
				b.WriteByte('\n')
				if i+1 < len(raw) && raw[i+1] == '\n' {
					i++
				}
			case c == '\n' || c == '\t' || c >= 0x20 && c != 0x7f:
				b.WriteByte(c)
			default:
				controls++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		// C1 controls and the line/paragraph separators some CMSs emit.
		switch {
		case r >= 0x80 && r < 0xa0:
			controls++
		case r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		default:
			b.Write(raw[i : i+size])
		}
		i += size
	}
	if controls > 0 && controls*10 > len(raw) {
		return "", sitrep.Errorf(sitrep.EINVALID, "%s: input is mostly control characters: it looks like binary data, not text", name)
	}
	s := strings.TrimSpace(b.String())
	if s == "" {
		return "", sitrep.Errorf(sitrep.EINVALID, "%s: input holds no text, only white space", name)
	}
	// norm's quick check makes this nearly free on text that is already NFC,
	// which is almost all news text.
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return s, nil
}

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}
