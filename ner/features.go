package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// featureVersion changes whenever the feature templates change, so that a
// model trained on other features is refused at load time rather than
// giving quiet nonsense.
const featureVersion = 6

// Case and document flags, above the lexicon bits.
const (
	fCapInit     = 1 << (16 + iota) // first letter upper case
	fAllCaps                        // every letter upper case (at least two letters)
	fHasDigit                       // a digit somewhere
	fAllDigit                       // digits and separators only
	fHasHyphen                      // an inner hyphen
	fHasPeriod                      // a period (U.S., Inc.)
	fSentInitial                    // first token of its sentence
	fDocCapMid                      // this word appears capitalised inside a sentence elsewhere in the document
	fDocLower                       // this word appears in lower case elsewhere in the document
	fHeadline                       // the sentence is written in capitals (a headline)
	fLower                          // first letter lower case
	fNonASCII                       // letters outside ASCII
)

// caseBits are the flags that describe the token itself rather than a list.
const caseBits = fCapInit | fAllCaps | fHasDigit | fAllDigit | fHasHyphen | fHasPeriod | fLower | fNonASCII

// tok is one token prepared for feature extraction.
type tok struct {
	word, lower string
	hw, hl, hs  uint64 // hashes of word, lower case and shape
	flags       uint32
}

// Feature template identifiers; each feature's hash starts from one.
const (
	tBias = iota + 1
	tWord
	tLower
	tShape
	tPrefix
	tSuffix
	tPrev1
	tNext1
	tPrev2
	tNext2
	tShapePrev
	tShapeNext
	tBigramPrev
	tBigramNext
	tFlag
	tFlagPrev
	tFlagNext
	tInitial
	tHeadline
	tWordPrevShape
	tShape3
	tRunFirst
	tRunLast
	tRunPos
	tPrevTitleCap
	tPrev2Lower
	tDocCase
	tNextNext
	tPrevLowerShape
	tHist
	tHistShape
)

// maxFeatures bounds the features of one token (the templates above, with
// one feature per set flag bit).
const maxFeatures = 96

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// mix combines a template (or an earlier hash) with a value hash; it is a
// murmur-style finaliser, so that nearby inputs land in distant buckets.
func mix(a, b uint64) uint64 {
	h := a*0x9e3779b97f4a7c15 ^ b
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// canonical maps typographic punctuation to the ASCII that the CoNLL data
// uses, so that "’s", "“" and "—" in 2022 web text look like "'s", "\"" and
// "-" in 1996 Reuters text.
func canonical(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '’', '‘', 'ʼ', '′':
			return '\''
		case '“', '”', '„', '«', '»', '″':
			return '"'
		case '–', '—', '‐', '‑', '−':
			return '-'
		}
		return r
	}, w)
}

// shapeHash returns the hash of the word's collapsed shape: upper case
// letters become X, lower case x, digits d, runs of one class collapse
// ("Zelenskyy" → "Xx", "1,081" → "d,d", "U.S." → "X.X.").
func shapeHash(w string) uint64 {
	h := uint64(fnvOffset)
	var last byte
	n := 0
	for _, r := range w {
		var c byte
		switch {
		case r >= 'a' && r <= 'z':
			c = 'x'
		case r >= 'A' && r <= 'Z':
			c = 'X'
		case r >= '0' && r <= '9':
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		default:
			c = '?'
		}
		if c == last {
			continue
		}
		last = c
		h ^= uint64(c)
		h *= fnvPrime
		n++
		if n > 8 {
			break
		}
	}
	return h
}

// caseFlags computes the flags that depend on the word alone.
func caseFlags(w string) uint32 {
	var f uint32
	letters, upper, digits, others := 0, 0, 0, 0
	for i, r := range w {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case unicode.IsLetter(r):
			letters++
			if r >= utf8.RuneSelf {
				f |= fNonASCII
			}
			if unicode.IsUpper(r) {
				upper++
				if letters == 1 && i == 0 {
					f |= fCapInit
				}
			} else if letters == 1 && i == 0 {
				f |= fLower
			}
		case r == '-':
			if i > 0 && i < len(w)-1 {
				f |= fHasHyphen
			}
			others++
		case r == '.':
			f |= fHasPeriod
			others++
		default:
			others++
		}
	}
	if letters >= 2 && upper == letters {
		f |= fAllCaps
	}
	if digits > 0 {
		f |= fHasDigit
		if letters == 0 {
			f |= fAllDigit
		}
	}
	return f
}

// prepareDoc turns the sentences of one document into tokens with their
// hashes and flags, including the document-level flags: how a word is
// written elsewhere in the document tells a sentence-initial or headline
// name ("TASS", "Peskov said") from a common word that happens to be
// capitalised there.
func prepareDoc(lex *lexicon, sents [][]string) [][]tok {
	out := make([][]tok, len(sents))
	seen := make(map[string]uint8, 64)
	const (
		seenCapMid = 1
		seenLower  = 2
	)
	for si, s := range sents {
		ts := make([]tok, len(s))
		letters, upper := 0, 0
		for i, w := range s {
			w = canonical(w)
			lw := strings.ToLower(w)
			cf := caseFlags(w)
			f := cf | lex.flags(cf, lw)
			ts[i] = tok{word: w, lower: lw, hw: hashString(w), hl: hashString(lw), hs: shapeHash(w), flags: f}
			if f&(fCapInit|fLower) != 0 {
				letters++
				if f&fAllCaps != 0 || (f&fCapInit != 0 && len(w) == 1) {
					upper++
				}
			}
			if f&fLower != 0 {
				seen[lw] |= seenLower
			} else if f&fCapInit != 0 && f&fAllCaps == 0 && i > 0 && !afterOpener(s, i) {
				seen[lw] |= seenCapMid
			}
		}
		headline := letters >= 2 && upper*10 >= letters*8
		if len(ts) > 0 {
			ts[0].flags |= fSentInitial
		}
		if headline {
			for i := range ts {
				ts[i].flags |= fHeadline
			}
		}
		out[si] = ts
	}
	for _, ts := range out {
		for i := range ts {
			v := seen[ts[i].lower]
			if v&seenCapMid != 0 {
				ts[i].flags |= fDocCapMid
			}
			if v&seenLower != 0 {
				ts[i].flags |= fDocLower
			}
		}
	}
	return out
}

// afterOpener reports whether token i follows something after which any word
// is capitalised (a quote, a colon, a dash), so its capital says nothing.
func afterOpener(s []string, i int) bool {
	p := s[i-1]
	return p == "\"" || p == ":" || p == "-" || p == "(" || p == "“" || p == "—" || p == "--"
}

// runBounds returns the first and last token of the run of capitalised
// tokens holding i (joined by "of", "and", "'s" or "-" inside names such as
// "Bank of England" only when capitalised words follow), or (i, i).
func runBounds(ts []tok, i int) (int, int) {
	isCap := func(j int) bool { return ts[j].flags&(fCapInit|fAllCaps) != 0 }
	if !isCap(i) {
		return i, i
	}
	a, b := i, i
	for a > 0 && isCap(a-1) {
		a--
	}
	for b < len(ts)-1 && isCap(b+1) {
		b++
	}
	return a, b
}

// extract appends the feature buckets of token i of the sentence ts to dst.
func extract(dst []uint32, ts []tok, i int, mask uint64) []uint32 {
	add := func(tpl, v uint64) {
		dst = append(dst, uint32(mix(tpl, v)&mask))
	}
	t := &ts[i]
	const none = 0x5bd1e995
	prev := func(k int) *tok {
		if i-k >= 0 {
			return &ts[i-k]
		}
		return nil
	}
	next := func(k int) *tok {
		if i+k < len(ts) {
			return &ts[i+k]
		}
		return nil
	}
	lowerOf := func(x *tok, edge uint64) uint64 {
		if x == nil {
			return edge
		}
		return x.hl
	}
	shapeOf := func(x *tok, edge uint64) uint64 {
		if x == nil {
			return edge
		}
		return x.hs
	}
	p1, p2, n1, n2 := prev(1), prev(2), next(1), next(2)

	add(tBias, 0)
	add(tWord, t.hw)
	add(tLower, t.hl)
	add(tShape, t.hs)
	// Prefixes and suffixes of up to four bytes of the lower-case form: the
	// endings carry much of what makes "Markushyn" or "Shmyhal" a surname.
	lw := t.lower
	for n := 1; n <= 4 && n <= len(lw); n++ {
		add(tPrefix, mix(uint64(n), hashString(lw[:n])))
		add(tSuffix, mix(uint64(n), hashString(lw[len(lw)-n:])))
	}
	add(tPrev1, lowerOf(p1, none))
	add(tNext1, lowerOf(n1, none))
	add(tPrev2, lowerOf(p2, none))
	add(tNext2, lowerOf(n2, none))
	add(tShapePrev, mix(shapeOf(p1, none), t.hs))
	add(tShapeNext, mix(t.hs, shapeOf(n1, none)))
	add(tBigramPrev, mix(lowerOf(p1, none), t.hl))
	add(tBigramNext, mix(t.hl, lowerOf(n1, none)))
	add(tShape3, mix(mix(shapeOf(p1, none), t.hs), shapeOf(n1, none)))
	add(tWordPrevShape, mix(lowerOf(p1, none), t.hs))
	add(tPrevLowerShape, mix(t.hl, shapeOf(p1, none)))
	add(tPrev2Lower, mix(lowerOf(p2, none), lowerOf(p1, none)))
	add(tNextNext, mix(lowerOf(n1, none), lowerOf(n2, none)))

	for b := uint32(1); b != 0 && b <= t.flags; b <<= 1 {
		if t.flags&b != 0 {
			add(tFlag, uint64(b))
		}
	}
	const lexMask = 1<<16 - 1
	if p1 != nil {
		for f, b := p1.flags&(lexMask|caseBits), uint32(1); b != 0 && b <= f; b <<= 1 {
			if f&b != 0 {
				add(tFlagPrev, uint64(b))
			}
		}
		// "President Zelenskyy", "spokesperson Dmitry": a title before a
		// capitalised word.
		if p1.flags&(lexTitle|lexPersonPre) != 0 && t.flags&fCapInit != 0 {
			add(tPrevTitleCap, uint64(t.flags&(lexGiven|fSentInitial)))
		}
	}
	if n1 != nil {
		for f, b := n1.flags&(lexMask|caseBits), uint32(1); b != 0 && b <= f; b <<= 1 {
			if f&b != 0 {
				add(tFlagNext, uint64(b))
			}
		}
	}
	// Case in context: a sentence-initial or headline capital counts for
	// little unless the word is also capitalised elsewhere.
	dc := uint64(t.flags & (fCapInit | fAllCaps | fSentInitial | fDocCapMid | fDocLower | fHeadline))
	add(tInitial, dc)
	add(tDocCase, mix(dc, t.hs))
	if t.flags&fHeadline != 0 {
		add(tHeadline, t.hl)
	}
	if a, b := runBounds(ts, i); a != b || t.flags&(fCapInit|fAllCaps) != 0 {
		add(tRunFirst, ts[a].hl)
		add(tRunLast, ts[b].hl)
		pos := uint64(0)
		switch {
		case a == b:
			pos = 1
		case i == a:
			pos = 2
		case i == b:
			pos = 3
		default:
			pos = 4
		}
		n := b - a + 1
		if n > 4 {
			n = 4
		}
		add(tRunPos, pos*8+uint64(n))
	}
	return dst
}

// history is what the tagger has said so far in a document about each
// capitalised word: how often it was outside a name (index 0) or inside a
// name of each class. Names are usually introduced in full and unambiguous
// context first ("Kremlin spokesperson Dmitry Peskov") and repeated later in
// poorer context ("Peskov said"), so this carries the first decision over
// (Ratinov & Roth's "prediction history").
type history map[string]*[nClasses + 1]uint16

// histFeatures appends the history features of token t.
func histFeatures(dst []uint32, h history, t *tok, mask uint64) []uint32 {
	if t.flags&(fCapInit|fAllCaps) == 0 {
		return dst
	}
	v := h[t.lower]
	if v == nil {
		return dst
	}
	maj, total := 0, 0
	for c, x := range v {
		total += int(x)
		if x > v[maj] {
			maj = c
		}
	}
	u := uint64(0)
	if int(v[maj]) == total {
		u = 1
	}
	dst = append(dst, uint32(mix(tHist, uint64(maj)*2+u)&mask))
	dst = append(dst, uint32(mix(tHistShape, mix(uint64(maj)*2+u, t.hs))&mask))
	return dst
}

// record adds a tagged sentence to the history.
func (h history) record(ts []tok, labels []uint8) {
	for i := range ts {
		t := &ts[i]
		if t.flags&(fCapInit|fAllCaps) == 0 {
			continue
		}
		v := h[t.lower]
		if v == nil {
			v = new([nClasses + 1]uint16)
			h[t.lower] = v
		}
		c := labelClass(labels[i]) + 1
		if v[c] < 1<<15 {
			v[c]++
		}
	}
}

// tagOrder returns the order in which to tag a document's sentences: the
// body first, then headlines (sentences in capitals), so that the history
// of what the body said helps with the headlines, where case tells nothing.
func tagOrder(sents [][]tok) []int {
	order := make([]int, 0, len(sents))
	for i, ts := range sents {
		if len(ts) == 0 || ts[0].flags&fHeadline == 0 {
			order = append(order, i)
		}
	}
	for i, ts := range sents {
		if len(ts) > 0 && ts[0].flags&fHeadline != 0 {
			order = append(order, i)
		}
	}
	return order
}
