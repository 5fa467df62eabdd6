package text

import (
	"strings"
	"unicode/utf8"

	"sitrep"
)

// MaxSentenceTokens bounds a sentence. Text without punctuation (a list, a
// table flattened to text, 5,000 commas) would otherwise become one
// sentence that later stages scan again and again.
const MaxSentenceTokens = 400

// openers are words that, capitalized after an abbreviation such as "U.S."
// or "Feb.", show that a new sentence has begun; a capitalized name there
// ("U.S. Army") more often continues it.
var openers = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the a an he she it they we i you his her its their our this that these
		those there but and or so yet in on at as after before when while however meanwhile earlier later
		also some many most no not if since during one two three what who why how where according
		russian ukrainian officials president`) {
		openers[w] = true
	}
}

// Segment splits the tokens of d into sentences. A sentence ends at . ! ?
// or … followed by white space and a capital, digit, quote or bracket, with
// closing quotes and brackets kept in the sentence they close; at an
// abbreviation only before a sentence opener; at a blank line; at a single
// line break unless the text is hard-wrapped mid-sentence; and after
// MaxSentenceTokens tokens.
func Segment(d *sitrep.Doc) {
	toks := d.Tokens
	sents := make([]sitrep.Sentence, 0, len(toks)/20+1)
	para := 0
	start := 0
	cut := func(end int, newPara bool) {
		if end > start {
			sents = append(sents, sitrep.Sentence{
				Span:      sitrep.Span{Start: toks[start].Start, End: toks[end-1].End},
				FirstTok:  start,
				EndTok:    end,
				Paragraph: para,
			})
		}
		start = end
		if newPara {
			para++
		}
	}
	for i := 0; i < len(toks); i++ {
		if i > start && toks[i].NewlineBefore {
			gap := d.Text[toks[i-1].ByteEnd:toks[i].ByteStart]
			if strings.Count(gap, "\n") >= 2 {
				cut(i, true)
			} else if !hardWrap(d, i) {
				cut(i, true)
			}
		}
		if i-start >= MaxSentenceTokens {
			cut(i, false)
		}
		end, ok := sentenceEnd(d, i)
		if ok {
			i = end - 1
			// A break across a line keeps the paragraph count right.
			cut(end, end < len(toks) && toks[end].NewlineBefore)
		}
	}
	cut(len(toks), false)
	d.Sentences = sents
}

// hardWrap reports whether the line break before token i is inside a
// sentence: the line before ends without closing punctuation and the next
// begins in lower case or continues a list of words.
func hardWrap(d *sitrep.Doc, i int) bool {
	prev := d.TokenText(i - 1)
	r, _ := utf8.DecodeRuneInString(d.TokenText(i))
	if isLower(r) {
		return true
	}
	switch prev {
	case ",", "and", "or", "the", "of", "a", "an", "to", "in", "on":
		return true
	}
	return false
}

// sentenceEnd reports whether token i ends a sentence, and if so the index
// of the first token of the next one (after closing quotes and brackets).
func sentenceEnd(d *sitrep.Doc, i int) (int, bool) {
	t := d.Tokens[i]
	w := d.TokenText(i)
	abbr := 0
	switch {
	case t.Kind == sitrep.TokPunct && (w == "." || w == "!" || w == "?" || w == "…" || strings.HasPrefix(w, "..")):
	case t.Kind == sitrep.TokWord && len(w) > 1 && w[len(w)-1] == '.':
		abbr = abbrOther
		base := strings.ToLower(strings.TrimSuffix(w, "."))
		if c, ok := abbreviations[base]; ok {
			abbr = c
		} else if isInitial(strings.TrimSuffix(w, ".")) {
			abbr = abbrTitle
		}
	default:
		return 0, false
	}
	j := i + 1
	// Closing quotes and brackets stay with the sentence they end.
	for j < len(d.Tokens) && !d.Tokens[j].SpaceBefore && closes(d, j) {
		j++
	}
	for j < len(d.Tokens) && !d.Tokens[j].SpaceBefore {
		// "?!", "!!" and the like.
		nw := d.TokenText(j)
		if nw == "!" || nw == "?" || nw == "." {
			j++
			continue
		}
		break
	}
	if j >= len(d.Tokens) {
		return j, true
	}
	next := d.Tokens[j]
	if !next.SpaceBefore {
		return 0, false
	}
	if next.NewlineBefore {
		return j, true
	}
	nw := d.TokenText(j)
	r, _ := utf8.DecodeRuneInString(nw)
	switch abbr {
	case abbrTitle, abbrNumber:
		return 0, false
	case abbrMonth, abbrOther:
		if !isUpper(r) || !openers[strings.ToLower(nw)] {
			return 0, false
		}
		return j, true
	}
	if isUpper(r) || isDigit(r) || IsOpenQuote(r) || r == '"' || r == '\'' || r == '(' || r == '[' || IsDash(r) {
		return j, true
	}
	return 0, false
}

// closes reports whether token j closes a quotation or bracket.
func closes(d *sitrep.Doc, j int) bool {
	w := d.TokenText(j)
	r, _ := utf8.DecodeRuneInString(w)
	if IsCloseQuote(r) || r == ')' || r == ']' {
		return true
	}
	// A straight quote glued to the punctuation before it closes.
	return r == '"' || r == '\''
}
