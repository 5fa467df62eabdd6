package gazetteer

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldTable maps the Latin letters with diacritics (U+00C0..U+024F) to their
// lower-case base letters, so that "Irpiń", "İrpin" and "Irpin" share a key.
var foldTable [0x250 - 0xC0]string

func init() {
	special := map[rune]string{
		'ß': "ss", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d",
		'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ı': "i", 'þ': "th", 'Þ': "th",
		'ð': "d", 'Ð': "d", 'ħ': "h", 'Ħ': "h", 'ŧ': "t", 'Ŧ': "t", 'ƒ': "f",
	}
	for r := rune(0xC0); r < 0x250; r++ {
		if s, ok := special[r]; ok {
			foldTable[r-0xC0] = s
			continue
		}
		if s, ok := special[unicode.ToLower(r)]; ok {
			foldTable[r-0xC0] = s
			continue
		}
		var out []rune
		for _, c := range norm.NFD.String(string(r)) {
			if unicode.Is(unicode.Mn, c) {
				continue
			}
			out = append(out, unicode.ToLower(c))
		}
		foldTable[r-0xC0] = string(out)
	}
}

// Key returns the lookup key of a name: lower case, Latin diacritics
// removed, apostrophes dropped, and every run of spaces, hyphens, periods
// and other punctuation turned into one space. Cyrillic and other scripts
// are only lower-cased. Key("Irpin’") == Key("IRPIN") == "irpin" and
// Key("St. Louis") == "st louis".
func Key(s string) string { return string(AppendKey(nil, s)) }

// AppendKey appends the key of s to dst; it lets the recognizer build keys
// of growing token windows without allocating.
func AppendKey(dst []byte, s string) []byte {
	space := len(dst) > 0 && dst[len(dst)-1] != ' '
	pending := space
	emit := func(b []byte, str string) []byte {
		if pending && space {
			b = append(b, ' ')
		}
		pending = false
		space = true
		return append(b, str...)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				if pending && space {
					dst = append(dst, ' ')
				}
				pending = false
				space = true
				dst = append(dst, c)
			case 'A' <= c && c <= 'Z':
				if pending && space {
					dst = append(dst, ' ')
				}
				pending = false
				space = true
				dst = append(dst, c+'a'-'A')
			case c == '\'' || c == '`':
				// dropped: "Irpin'" and "Irpin" are one name
			default:
				pending = true
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '’' || r == 'ʼ' || r == '‘' || r == 'ʹ' || r == 'ʻ' || r == '′':
		case 0xC0 <= r && r < 0x250:
			f := foldTable[r-0xC0]
			if f == "" || f == "×" || f == "÷" {
				pending = true
				continue
			}
			dst = emit(dst, f)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			var buf [4]byte
			m := utf8.EncodeRune(buf[:], unicode.ToLower(r))
			if pending && space {
				dst = append(dst, ' ')
			}
			pending = false
			space = true
			dst = append(dst, buf[:m]...)
		case unicode.Is(unicode.Mn, r):
		default:
			pending = true
		}
	}
	return dst
}
