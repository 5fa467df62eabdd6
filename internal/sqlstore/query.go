package sqlstore

import (
	"strings"
	"unicode"
)

// Words returns the searchable words of a user's query: runs of letters
// and digits, at most 32 of them, so that no query syntax of either
// database can be injected and no query is unbounded.
func Words(q string) []string {
	f := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(f) > 32 {
		f = f[:32]
	}
	return f
}
