package text

import (
	"strings"
	"unicode"
)

// IsSpace reports whether r separates tokens: ASCII and Unicode white space,
// including the non-breaking and thin spaces of typeset news, and the
// zero-width space.
func IsSpace(r rune) bool {
	if r < 0x80 {
		return r == ' ' || r == '\n' || r == '\t' || r == '\v' || r == '\f' || r == '\r'
	}
	return r == '\u00a0' || r == '\u200b' || r == '\u2060' || r == '\ufeff' || unicode.IsSpace(r) || unicode.Is(unicode.Zs, r)
}

// IsQuote reports whether r is a quotation mark or apostrophe of any style.
func IsQuote(r rune) bool {
	switch r {
	case '"', '\'', '`', '“', '”', '„', '‟', '‘', '’', '‚', '‛', '«', '»', '‹', '›', '″', '＂':
		return true
	}
	return false
}

// IsOpenQuote reports whether r can only open a quotation.
func IsOpenQuote(r rune) bool {
	switch r {
	case '“', '„', '‟', '‘', '‚', '‛', '«', '‹':
		return true
	}
	return false
}

// IsCloseQuote reports whether r can only close a quotation (the right
// single quote is also the apostrophe, so it counts only when no letter
// follows it).
func IsCloseQuote(r rune) bool {
	switch r {
	case '”', '’', '»', '›':
		return true
	}
	return false
}

// IsDash reports whether r is a hyphen or dash of any width.
func IsDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−', '⸺', '⸻':
		return true
	}
	return false
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

func isLetter(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

func isUpper(r rune) bool {
	if r < 0x80 {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r)
}

func isLower(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z'
	}
	return unicode.IsLower(r)
}

// Fold lower-cases a token and straightens its apostrophes, so that the
// stages' lexicons need one spelling ("Russia’s" is "russia's").
func Fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			ascii = false
			break
		}
	}
	w = strings.ToLower(w)
	if !ascii && strings.Contains(w, "’") {
		w = strings.ReplaceAll(w, "’", "'")
	}
	return w
}
