package text

import (
	"strings"
	"unicode/utf8"

	"sitrep"
)

// Abbreviation classes decide whether a period belongs to the word before it
// and whether it can end a sentence.
const (
	abbrTitle  = 1 + iota // Mr. Gen. Lt. Col.: never ends a sentence
	abbrMonth             // Feb. Sept.: ends one only before a sentence opener
	abbrOther             // etc. Inc. Corp.: ends one before a sentence opener
	abbrNumber            // No. (only before a digit)
)

var abbreviations = map[string]int{}

func init() {
	for _, w := range strings.Fields(`mr mrs ms messrs dr gen lt col sgt maj capt cpl pvt adm cmdr cdr brig
		gov sen rep pres prof rev fr st mt ft hon amb supt insp det lieut sec atty gen. maj.gen
		rt cmdt lt.gen lt.col`) {
		abbreviations[w] = abbrTitle
	}
	for _, w := range strings.Fields(`jan feb mar apr jun jul aug sep sept oct nov dec
		mon tue tues wed thu thur thurs fri sat sun`) {
		abbreviations[w] = abbrMonth
	}
	for _, w := range strings.Fields(`etc inc corp ltd co jr sr dept est approx fig al univ ave blvd rd
		vs cf viz ca govt intl natl assn bros pp vol ed eds`) {
		abbreviations[w] = abbrOther
	}
	abbreviations["no"] = abbrNumber
	abbreviations["nos"] = abbrNumber
}

// clitics split off a word after an apostrophe, as the Penn Treebank and
// CoNLL do: "Ukraine’s" is "Ukraine" + "’s".
var clitics = map[string]bool{"s": true, "re": true, "ve": true, "ll": true, "d": true, "m": true}

// Tokenize splits the normalized text of d into tokens with code-point and
// byte offsets.
func Tokenize(d *sitrep.Doc) {
	s := d.Text
	toks := make([]sitrep.Token, 0, len(s)/5+1)
	runes := 0 // code points before byte position last
	last := 0
	space, newline := false, false
	emit := func(start, end, kind int) {
		rs := runes + utf8.RuneCountInString(s[last:start])
		re := rs + utf8.RuneCountInString(s[start:end])
		toks = append(toks, sitrep.Token{Start: rs, End: re, ByteStart: start, ByteEnd: end, Kind: kind,
			SpaceBefore: space, NewlineBefore: newline})
		runes, last = re, end
		space, newline = false, false
	}
	for i := 0; i < len(s); {
		r, size := decode(s, i)
		switch {
		case IsSpace(r):
			space = true
			if r == '\n' {
				newline = true
			}
			i += size
		case isLetter(r):
			i = scanWord(s, i, emit)
		case isDigit(r):
			i = scanNumber(s, i, emit)
		case IsQuote(r):
			emit(i, i+size, sitrep.TokQuote)
			i += size
		case IsDash(r):
			j := i + size
			// "--" stands in for an em dash in plain text.
			for j < len(s) && s[j] == '-' && r == '-' {
				j++
			}
			emit(i, j, sitrep.TokDash)
			i = j
		case r == '.' || r == '…':
			j := i + size
			for r == '.' && j < len(s) && s[j] == '.' {
				j++
			}
			emit(i, j, sitrep.TokPunct)
			i = j
		case r == '@' || r == '#':
			j := i + size
			for j < len(s) {
				r2, n := decode(s, j)
				if !isLetter(r2) && !isDigit(r2) && r2 != '_' {
					break
				}
				j += n
			}
			if j == i+size {
				emit(i, j, sitrep.TokSymbol)
			} else {
				emit(i, j, sitrep.TokWord)
			}
			i = j
		case strings.ContainsRune(",;:!?()[]{}/\\", r):
			emit(i, i+size, sitrep.TokPunct)
			i += size
		default:
			emit(i, i+size, sitrep.TokSymbol)
			i += size
		}
	}
	d.Tokens = toks
}

func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// scanWord reads a word starting at i: letters and digits, joined by inner
// hyphens and apostrophes, with the period of a known abbreviation or of
// dotted initials (U.S., p.m.) attached. URLs are kept whole.
func scanWord(s string, i int, emit func(start, end, kind int)) int {
	if j := scanURL(s, i); j > i {
		emit(i, j, sitrep.TokWord)
		return j
	}
	start := i
	// Dotted initials: U.S. U.N. p.m. e.g.
	if j := scanInitials(s, i); j > i {
		emit(i, j, sitrep.TokWord)
		return j
	}
	for i < len(s) {
		r, n := decode(s, i)
		if isLetter(r) || isDigit(r) {
			i += n
			continue
		}
		if i+n < len(s) {
			next, _ := decode(s, i+n)
			if isHyphen(r) && (isLetter(next) || isDigit(next)) {
				i += n
				continue
			}
			if isApostrophe(r) && isLetter(next) {
				// A clitic is split off; an apostrophe inside a name
				// (O’Brien, D’Alema) is kept.
				k := i + n
				for k < len(s) {
					r2, n2 := decode(s, k)
					if !isLetter(r2) {
						break
					}
					k += n2
				}
				suffix := strings.ToLower(s[i+n : k])
				if clitics[suffix] {
					emit(start, i, sitrep.TokWord)
					emit(i, k, sitrep.TokWord)
					return k
				}
				if suffix == "t" && i-start > 1 && (s[i-1] == 'n' || s[i-1] == 'N') {
					emit(start, i-1, sitrep.TokWord)
					emit(i-1, k, sitrep.TokWord)
					return k
				}
				i = k
				continue
			}
		}
		break
	}
	// The period of an abbreviation or an initial belongs to the word.
	if i < len(s) && s[i] == '.' && (i+1 >= len(s) || s[i+1] != '.') {
		w := s[start:i]
		cls := abbreviations[strings.ToLower(w)]
		if cls == abbrNumber && !digitFollows(s, i+1) {
			cls = 0
		}
		if cls != 0 || isInitial(w) {
			i++
		}
	}
	emit(start, i, sitrep.TokWord)
	return i
}

func isInitial(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && isUpper(r)
}

func digitFollows(s string, i int) bool {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i < len(s) && isDigit(rune(s[i]))
}

// scanInitials matches single letters each followed by a period, at least
// two of them: "U.S.", "p.m.", "e.g.".
func scanInitials(s string, i int) int {
	j, count := i, 0
	for j < len(s) {
		r, n := decode(s, j)
		if !isLetter(r) || j+n >= len(s) || s[j+n] != '.' {
			break
		}
		j += n + 1
		count++
	}
	if count >= 2 {
		return j
	}
	return i
}

func scanURL(s string, i int) int {
	rest := s[i:]
	if !(strings.HasPrefix(rest, "http://") || strings.HasPrefix(rest, "https://") || strings.HasPrefix(rest, "www.")) {
		return i
	}
	j := i
	for j < len(s) {
		r, n := decode(s, j)
		if IsSpace(r) || r == '"' || r == '“' || r == '”' || r == '<' || r == '>' {
			break
		}
		j += n
	}
	// Trailing sentence punctuation is not part of the address.
	for j > i && strings.ContainsRune(".,;:!?)’'", rune(s[j-1])) {
		j--
	}
	return j
}

// scanNumber reads digits with thousands separators and decimals (1,081;
// 3.8), times (05:45), slashed and ISO dates (24/03/2022, 2022-03-24) and
// ordinals (35th).
func scanNumber(s string, i int, emit func(start, end, kind int)) int {
	start := i
	for i < len(s) {
		c := s[i]
		if isDigit(rune(c)) {
			i++
			continue
		}
		if i+1 < len(s) && isDigit(rune(s[i+1])) {
			switch {
			case c == ',' || c == '.' || c == ':' || c == '/':
				i++
				continue
			case c == '-' && isoDatePrefix(s[start:i]):
				// 2022-03-24, but not a range such as 10-15.
				i++
				continue
			}
		}
		break
	}
	if i+2 <= len(s) {
		suf := strings.ToLower(s[i:min(i+2, len(s))])
		if suf == "st" || suf == "nd" || suf == "rd" || suf == "th" {
			if i+2 == len(s) || !isLetter(rune(s[i+2])) && s[i+2] < utf8.RuneSelf {
				i += 2
			}
		}
	}
	emit(start, i, sitrep.TokNumber)
	return i
}

// isoDatePrefix reports whether s is "YYYY" or "YYYY-MM", the part of an ISO
// date before a hyphen.
func isoDatePrefix(s string) bool {
	if len(s) != 4 && len(s) != 7 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i == 4 {
			if s[i] != '-' {
				return false
			}
		} else if !isDigit(rune(s[i])) {
			return false
		}
	}
	return true
}
