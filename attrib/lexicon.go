package attrib

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep"
)

// cuesTable is the cue lexicon learned from PolNeAR's training articles by
// "sitrep train attribution": each line a cue phrase (lower-case tokens
// joined by spaces), how often annotators marked it as a cue, and how often
// it occurs at all. It holds phrases and counts, no text of the corpus.
//
//go:embed cues.tsv
var cuesTable string

// Lexicon maps cue phrases to how likely each is to be a cue.
type Lexicon struct {
	entries map[string]float64
	// maxLen is the longest phrase in tokens, per first word.
	maxLen map[string]int
	// stems holds, per stem of a word (see stem), the share of its
	// occurrences that annotators marked inside a cue: it reaches the
	// inflections and the phrases the lexicon lacks ("pledges" when only
	// "pledged" was marked twice).
	stems map[string]float64
	// tails holds, per last word of a cue and the preposition after it
	// ("refer to", "known as"), the share of cues that took the
	// preposition in.
	tails map[string]float64
	// ctx holds the probability of a phrase given the class of the token
	// after it (see nextClass), where that was seen often enough.
	ctx map[string]float64
}

// minContext is the least number of occurrences of a phrase in a context
// for the context's own probability to be used.
const minContext = 8

// maxCueTokens bounds a cue phrase; longer annotated cues are too rare to
// learn from.
const maxCueTokens = 5

// ParseLexicon reads a lexicon table. minCount drops phrases seen as a cue
// fewer times.
func ParseLexicon(name string, r io.Reader, minCount int) (*Lexicon, error) {
	lx := &Lexicon{entries: map[string]float64{}, maxLen: map[string]int{}, ctx: map[string]float64{}, stems: map[string]float64{}, tails: map[string]float64{}}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: line %d: want 3 tab-separated fields, got %d", name, n, len(f))
		}
		cue, err1 := strconv.Atoi(f[1])
		occ, err2 := strconv.Atoi(f[2])
		if err1 != nil || err2 != nil || cue < 0 || occ < cue || occ == 0 {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: line %d: bad counts %q %q", name, n, f[1], f[2])
		}
		if t, ok := strings.CutPrefix(f[0], tailMark); ok && strings.Count(t, " ") == 1 && !strings.HasPrefix(t, " ") {
			if occ >= minTailOcc {
				lx.tails[t] = float64(cue) / float64(occ)
			}
			continue
		}
		if cue < minCount {
			continue
		}
		if st, ok := strings.CutPrefix(f[0], stemMark); ok && st != "" && !strings.Contains(st, " ") {
			if occ >= minStemOcc {
				lx.stems[st] = float64(cue) / float64(occ)
			}
			continue
		}
		if base, ctx, ok := strings.Cut(f[0], "|"); ok {
			if occ >= minContext {
				lx.ctx[base+"|"+ctx] = float64(cue) / float64(occ)
			}
			continue
		}
		words := strings.Fields(f[0])
		if len(words) == 0 || len(words) > maxCueTokens {
			continue
		}
		// A cue that ends in a day or a preposition ("said friday", "said
		// of") ends there by accident: the verb alone is the cue.
		if last := words[len(words)-1]; len(words) > 1 && trailing[last] {
			continue
		}
		lx.entries[f[0]] = float64(cue) / float64(occ)
		if len(words) > lx.maxLen[words[0]] {
			lx.maxLen[words[0]] = len(words)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: %s", name, err)
	}
	return lx, nil
}

// stemMark opens a table row that counts a stem, not a phrase: "~insist"
// (the tokenizer makes "~" a token of its own, so no phrase starts so).
const stemMark = "~"

// minStemOcc is the least number of occurrences of a stem for its share to
// be used.
const minStemOcc = 3

// tailMark opens a table row that counts, for a cue's last word and a
// preposition, how often the preposition was taken into the cue ("+refer
// to": times in the cue, times after the cue or in it).
const tailMark = "+"

// minTailOcc is the least number of cues ending so for the share to be
// used.
const minTailOcc = 4

// tailPreps are the prepositions whose place in or out of a cue the table
// learns.
var tailPreps = set(`to as on against in at about of for with by from over into`)

var trailing = set(`monday tuesday wednesday thursday friday saturday sunday`)

// Prob returns the share of the phrase's occurrences that were cues, and
// whether the phrase is in the lexicon.
func (lx *Lexicon) Prob(phrase string) (float64, bool) {
	p, ok := lx.entries[phrase]
	return p, ok
}

// Count is one phrase's counts while learning.
type Count struct {
	Cue, Occ int
}

// Learner counts cue phrases and their occurrences over annotated articles.
type Learner struct {
	Counts map[string]*Count
	docs   []*sitrep.Doc
}

// NewLearner returns an empty learner.
func NewLearner() *Learner { return &Learner{Counts: map[string]*Count{}} }

// Add counts the cues of one annotator's relations over a tokenized
// article. Call Finish after the last article to count occurrences.
func (l *Learner) Add(d *sitrep.Doc, rels []Relation) {
	for _, r := range rels {
		if len(r.Cue) != 1 {
			continue
		}
		i, j := d.TokenAt(r.Cue[0].Start), d.TokenAt(r.Cue[0].End)
		if j <= i || j-i > maxCueTokens {
			continue
		}
		key := phrase(d, i, j)
		c := l.Counts[key]
		if c == nil {
			c = &Count{}
			l.Counts[key] = c
		}
		c.Cue++
		// The preposition after the cue was left out of it; the one that
		// ends it was taken in.
		if j < len(d.Tokens) && d.Tokens[j-1].Kind == sitrep.TokWord && tailPreps[lowerWord(d.TokenText(j))] {
			l.count(tailMark+lowerWord(d.TokenText(j-1))+" "+lowerWord(d.TokenText(j)), false)
		}
		if j-i >= 2 && d.Tokens[j-2].Kind == sitrep.TokWord && tailPreps[lowerWord(d.TokenText(j-1))] {
			l.count(tailMark+lowerWord(d.TokenText(j-2))+" "+lowerWord(d.TokenText(j-1)), true)
		}
		for k := i; k < j; k++ {
			if d.Tokens[k].Kind != sitrep.TokWord {
				continue
			}
			sk := stemMark + stem(lowerWord(d.TokenText(k)))
			if l.Counts[sk] == nil {
				l.Counts[sk] = &Count{}
			}
			l.Counts[sk].Cue++
		}
		ck := key + "|" + nextClass(d, j)
		if l.Counts[ck] == nil {
			l.Counts[ck] = &Count{}
		}
		l.Counts[ck].Cue++
	}
	l.docs = append(l.docs, d)
}

// count adds one case to a row counted while reading the cues (not in
// Finish): taken or left out.
func (l *Learner) count(key string, taken bool) {
	c := l.Counts[key]
	if c == nil {
		c = &Count{}
		l.Counts[key] = c
	}
	c.Occ++
	if taken {
		c.Cue++
	}
}

// Finish counts how often each cue phrase occurs at all in the articles
// added.
func (l *Learner) Finish() {
	for _, d := range l.docs {
		for i := range d.Tokens {
			if d.Tokens[i].Kind == sitrep.TokWord {
				if c := l.Counts[stemMark+stem(lowerWord(d.TokenText(i)))]; c != nil {
					c.Occ++
				}
			}
			for n := 1; n <= maxCueTokens && i+n <= len(d.Tokens); n++ {
				p := phrase(d, i, i+n)
				if c := l.Counts[p]; c != nil {
					c.Occ++
					if c := l.Counts[p+"|"+nextClass(d, i+n)]; c != nil {
						c.Occ++
					}
				}
			}
		}
	}
	l.docs = nil
}

// Write writes the learned table, phrases seen as cues at least minCount
// times, sorted by phrase.
func (l *Learner) Write(w io.Writer, minCount int) error {
	keys := make([]string, 0, len(l.Counts))
	for k, c := range l.Counts {
		if c.Cue >= minCount && c.Occ >= c.Cue || strings.HasPrefix(k, tailMark) && c.Occ >= minTailOcc {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# cue phrase\ttimes annotated as a cue\ttimes seen (PolNeAR train)\n")
	for _, k := range keys {
		fmt.Fprintf(bw, "%s\t%d\t%d\n", k, l.Counts[k].Cue, l.Counts[k].Occ)
	}
	return bw.Flush()
}

// nextClass sorts the token after a cue into what tells a reporting verb
// from another use of the same word: "that", a quotation mark or colon, a
// comma or period, a capitalized word, another word.
func nextClass(d *sitrep.Doc, j int) string {
	if j >= len(d.Tokens) {
		return "p"
	}
	w := d.TokenText(j)
	switch {
	case w == "that":
		return "t"
	case d.Tokens[j].Kind == sitrep.TokQuote || w == ":":
		return "q"
	case d.Tokens[j].Kind == sitrep.TokPunct || d.Tokens[j].Kind == sitrep.TokDash:
		return "p"
	}
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return "c"
	}
	return "w"
}

// phrase returns tokens [i, j) lower-cased and joined by spaces, with curly
// apostrophes made straight so that "didn’t" and "didn't" are one phrase.
func phrase(d *sitrep.Doc, i, j int) string {
	if j == i+1 {
		return lowerWord(d.TokenText(i))
	}
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i {
			b.WriteByte(' ')
		}
		b.WriteString(lowerWord(d.TokenText(k)))
	}
	return b.String()
}

// lowerWord lower-cases a token, without allocating when it is already
// lower-case ASCII.
func lowerWord(w string) string {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return strings.ReplaceAll(strings.ToLower(w), "’", "'")
		}
	}
	return w
}
