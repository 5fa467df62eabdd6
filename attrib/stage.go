// Package attrib is the attrib stage: attributed claims (who said what, how,
// through what medium and when) and their verification status.
//
// It finds attribution relations after the PARC and PolNeAR conventions: a
// source (the speaker), a cue (the reporting word or phrase, with its
// auxiliaries and negation: "has said", "didn't concede") and a content
// (what was said, with "that" and the quotation marks), in a mode: direct
// (wholly quoted), indirect (reported) or mixed (partly quoted). Cues come
// from a lexicon learned from PolNeAR's training articles (cues.tsv); the
// source and content are read from the shape of the sentence around the cue
// and from the quotations the document holds. Speakers are linked to the
// entities of the ner stage when it ran, pronouns to the most recent
// compatible speaker, titles ("the mayor") to the name they were given.
//
// Every step is a bounded scan over tokens of one sentence or one
// quotation, so the stage runs in time linear in the document.
package attrib

import (
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"sitrep"
	"sitrep/pos"
)

// Speaker values that are not entity IDs.
const (
	// Unattributed is the speaker of the outlet's own assertions.
	Unattributed = "unattributed"
	// Unknown is the speaker of an attribution without a source in the
	// text ("it is expected that", "reportedly").
	Unknown = "unknown"
)

// Modes of a claim.
const (
	ModeDirect   = "direct"
	ModeIndirect = "indirect"
	ModeMixed    = "mixed"
	// ModeOutlet is the mode of the outlet's own assertions: neither
	// quoted nor reported.
	ModeOutlet = "outlet"
)

// Polarities of a claim.
const (
	Asserted = "asserted"
	Denied   = "denied"
	Refused  = "refused"
	Expected = "expected"
)

// maxHedgeReach bounds how many sentences back an outlet's "could not
// verify" looks for the claim it qualifies.
const maxHedgeReach = 12

// DefaultThreshold is the least share of a phrase's occurrences in the
// training articles that were cues for the phrase to be taken as a cue;
// tuned on PolNeAR dev.
const DefaultThreshold = 0.20

// nestedThreshold is the least cue probability of a cue word found inside
// the content of another.
const nestedThreshold = 0.5

// DefaultCueBias is the bias towards starting a cue, tuned on PolNeAR dev.
const DefaultCueBias = 20

// Stage is the attrib stage of the pipeline.
type Stage struct {
	Lexicon *Lexicon
	// Tagger finds cues; without it the lexicon alone does, by Threshold.
	Tagger *Tagger
	// CueBias is added to the tagger's score for starting a cue.
	CueBias float32
	// Threshold is the least cue probability accepted.
	Threshold float64
	// oracle, in tests, replaces cue detection by the given cues (start
	// to end offsets) to measure the rest of the stage alone.
	oracle map[int]int
	// Outlet, when set, keeps the outlet's own checkable assertions as
	// claims with the speaker "unattributed" (on by default).
	Outlet bool
}

var _ sitrep.Stage = (*Stage)(nil)

var (
	defaultLexOnce sync.Once
	defaultLex     *Lexicon
	defaultLexErr  error
)

// DefaultLexicon returns the embedded cue lexicon.
func DefaultLexicon() (*Lexicon, error) {
	defaultLexOnce.Do(func() {
		defaultLex, defaultLexErr = ParseLexicon("attrib/cues.tsv", strings.NewReader(cuesTable), 2)
	})
	return defaultLex, defaultLexErr
}

// New returns the stage with the embedded lexicon. The embedded table is
// part of the build and checked by the tests, so a failure here is a bug.
func New() *Stage {
	lx, err := DefaultLexicon()
	if err != nil {
		panic(err)
	}
	tg, err := DefaultTagger()
	if err != nil {
		panic(err)
	}
	return &Stage{Lexicon: lx, Tagger: tg, Threshold: DefaultThreshold, CueBias: DefaultCueBias, Outlet: true}
}

// Contract implements sitrep.Stage.
func (*Stage) Contract() sitrep.Contract {
	return sitrep.Contract{
		Name:  "attrib",
		Needs: []string{sitrep.LayerTokens, sitrep.LayerSentences, sitrep.LayerEntities, sitrep.LayerTimes},
		Sets:  []string{sitrep.LayerClaims},
	}
}

// Annotate implements sitrep.Stage.
func (s *Stage) Annotate(d *sitrep.Doc) error {
	if len(d.Tokens) == 0 || len(d.Sentences) == 0 {
		return nil
	}
	a := newAnnotator(s, d)
	a.run()
	return nil
}

// rng is a half-open range of token indices.
type rng struct{ a, b int }

func (r rng) empty() bool { return r.b <= r.a }

// quote is one quotation: the tokens from its opening mark to its closing
// mark, inclusive; closed is false when the text never closes it and it
// was cut at the end of its paragraph.
type quote struct {
	rng
	closed bool
}

// rel is a relation while it is being built, in token ranges.
type rel struct {
	cue     rng
	source  []rng
	content []rng
	sent    int
	prob    float64
	lemma   string
	// inherit marks a source taken from a coordinated cue before it ("he
	// said ... but refused to").
	inherit  *rel
	polarity string
	hedges   []rng
	medium   rng
	address  rng
	outlet   bool
	parent   int
	speaker  string
	name     string
	status   string
}

type annotator struct {
	s     *Stage
	d     *sitrep.Doc
	lower []string
	// inQuote[i] is the index+1 of the quotation holding token i, 0 if none.
	inQuote    []int32
	quotes     []quote
	used       []bool // tokens taken by a hedge sentence
	rels       []*rel
	hedgeSents map[int][]rng
	// genderVotes holds, per speaker entity or name, the signs of gender
	// read from the sources resolved so far (see noteGender);
	// entityGender those read around an entity's mentions; pronounSrcs
	// the tokens that are a relation's whole source.
	genderVotes  map[string][3]int
	entityGender map[string][3]int
	pronounSrcs  map[int]bool
	// subjects holds each sentence's first person named (findSubjects).
	subjects []subject
	// persons holds the mentions of person entities outside quotations,
	// in text order (findSubjects).
	persons []subject
	featBuf []uint32
	// Buffers of the cue tagger's decoder.
	vit    [][nTags]float32
	back   [][nTags]int8
	kinds  []int8
	labels []int
	// shapes and bands hold each token's shape and lexicon band while
	// the tagger reads its sentence.
	shapes, bands, stemBands []string
	// posTags holds each token's part of speech likewise; words and
	// posBuf are the part-of-speech tagger's buffers.
	posTags []string
	words   []string
	posBuf  pos.Buffer
	// timesBySent holds the mentions of d.Times by sentence, built on
	// first use.
	timesBySent map[int][]timeRef
}

// timeRef is one mention of a time expression.
type timeRef struct {
	id string
	m  sitrep.Span
}

func newAnnotator(s *Stage, d *sitrep.Doc) *annotator {
	a := &annotator{s: s, d: d, lower: make([]string, len(d.Tokens)), inQuote: make([]int32, len(d.Tokens)),
		used: make([]bool, len(d.Tokens)), hedgeSents: map[int][]rng{},
		genderVotes: map[string][3]int{}, entityGender: map[string][3]int{}}
	for i, t := range d.Tokens {
		if t.Kind == sitrep.TokWord {
			a.lower[i] = lowerWord(d.TokenText(i))
		} else {
			a.lower[i] = d.TokenText(i)
		}
	}
	return a
}

func (a *annotator) run() {
	a.findQuotes()
	a.findOutletHedges()
	for si := range a.d.Sentences {
		a.sentence(si)
	}
	a.interrupted()
	a.nest()
	a.resolveSpeakers()
	a.attachHedges()
	if a.s.Outlet {
		a.outletClaims()
	}
	a.emit()
}

// isDouble reports whether token i is a double quotation mark and which
// way it can face: +1 opening only, -1 closing only, 0 either.
func (a *annotator) isDouble(i int) (bool, int) {
	if a.d.Tokens[i].Kind != sitrep.TokQuote {
		return false, 0
	}
	switch a.lower[i] {
	case "“", "„", "«", "‟":
		return true, 1
	case "”", "»":
		return true, -1
	case "\"", "″", "＂":
		return true, 0
	}
	return false, 0
}

// findQuotes pairs double quotation marks. A quotation left open at the
// end of a paragraph is cut there: news opens each paragraph of a long
// quotation again without closing the one before, and an unbalanced mark
// must not swallow the rest of the document.
func (a *annotator) findQuotes() {
	d := a.d
	open := -1
	para := -1
	closeAt := func(end int, closed bool) {
		if open >= 0 {
			a.quotes = append(a.quotes, quote{rng{open, end}, closed})
			open = -1
		}
	}
	for si, s := range d.Sentences {
		if s.Paragraph != para {
			if open >= 0 {
				closeAt(d.Sentences[si-1].EndTok, false)
			}
			para = s.Paragraph
		}
		for i := s.FirstTok; i < s.EndTok; i++ {
			ok, dir := a.isDouble(i)
			// Two apostrophes stand for a straight double mark in some
			// wire copy (''This isn't tax reform,'' he said).
			width := 1
			if !ok && a.lower[i] == "'" && i+1 < s.EndTok && a.lower[i+1] == "'" && !d.Tokens[i+1].SpaceBefore {
				ok, dir, width = true, 0, 2
			}
			if !ok {
				continue
			}
			switch {
			case open < 0 && dir >= 0:
				// A straight mark glued to the word before it closes a
				// quotation that was never opened: ignore it.
				if dir == 0 && !d.Tokens[i].SpaceBefore && i > s.FirstTok && i+width < len(d.Tokens) && d.Tokens[i+width].SpaceBefore {
					i += width - 1
					continue
				}
				open = i
				i += width - 1
			case open >= 0 && dir <= 0:
				closeAt(i+width, true)
				i += width - 1
			case open >= 0 && dir > 0:
				// Opened again without closing: the first is cut here.
				closeAt(i, false)
				open = i
			}
		}
	}
	if open >= 0 {
		closeAt(d.Sentences[len(d.Sentences)-1].EndTok, false)
	}
	for qi, q := range a.quotes {
		for i := q.a; i < q.b; i++ {
			a.inQuote[i] = int32(qi + 1)
		}
	}
}

func (a *annotator) word(i int) bool { return a.d.Tokens[i].Kind == sitrep.TokWord }

func (a *annotator) capitalized(i int) bool {
	if !a.word(i) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(a.d.TokenText(i))
	return unicode.IsUpper(r)
}

// findOutletHedges finds sentences in which the outlet says it could not
// verify something ("can not verify the accuracy of the claim", "could not
// independently confirm"). Their tokens are kept out of cue detection: the
// outlet is not attributing there, it is qualifying.
func (a *annotator) findOutletHedges() {
	for si, s := range a.d.Sentences {
		if a.inQuote[s.FirstTok] != 0 {
			continue
		}
		for i := s.FirstTok; i < s.EndTok; i++ {
			if !verifyWords[a.lower[i]] {
				continue
			}
			neg := -1
			for k := i - 1; k >= s.FirstTok && k >= i-5; k-- {
				w := a.lower[k]
				if w == "not" || w == "n't" || w == "cannot" || w == "unable" || w == "no" || w == "impossible" {
					neg = k
				}
			}
			if neg < 0 {
				continue
			}
			// The hedge runs from the modal before the negation ("can
			// not", "could not", "was unable to") to the end of the clause.
			start := neg
			for k := neg - 1; k >= s.FirstTok && k >= neg-3; k-- {
				w := a.lower[k]
				if w == "can" || w == "could" || w == "was" || w == "were" || w == "is" || w == "has" || w == "have" ||
					w == "had" || w == "been" || w == "be" || w == "are" || w == "did" || w == "does" || w == "do" {
					start = k
				} else {
					break
				}
			}
			end := i + 1
			for end < s.EndTok {
				w := a.lower[end]
				if w == "." || w == ";" || w == "," || w == "but" || w == "and" || w == "“" || w == "\"" {
					break
				}
				end++
			}
			a.hedgeSents[si] = append(a.hedgeSents[si], rng{start, end})
			for k := start; k < end; k++ {
				a.used[k] = true
			}
			i = end
		}
	}
}

// matchCue returns the longest cue phrase starting at token i and its
// probability, or an empty range.
func (a *annotator) matchCue(i, end int) (rng, float64, string) {
	lx := a.s.Lexicon
	n := lx.maxLen[a.lower[i]]
	if n == 0 {
		return rng{}, 0, ""
	}
	n = min(n, end-i)
	for ; n >= 1; n-- {
		var p string
		if n == 1 {
			p = a.lower[i]
		} else {
			p = strings.Join(a.lower[i:i+n], " ")
		}
		if prob, ok := lx.entries[p]; ok {
			if cp, ok := lx.ctx[p+"|"+a.nextClass(i+n)]; ok {
				prob = cp
			}
			if prob >= a.s.Threshold {
				return rng{i, i + n}, prob, p
			}
		}
	}
	return rng{}, 0, ""
}

func (a *annotator) nextClass(j int) string {
	if j >= len(a.lower) {
		return "p"
	}
	w := a.lower[j]
	switch {
	case w == "that":
		return "t"
	case a.d.Tokens[j].Kind == sitrep.TokQuote || w == ":":
		return "q"
	case a.d.Tokens[j].Kind == sitrep.TokPunct || a.d.Tokens[j].Kind == sitrep.TokDash:
		return "p"
	case a.capitalized(j):
		return "c"
	}
	return "w"
}

// sentence finds the relations whose cue lies in sentence si.
func (a *annotator) sentence(si int) {
	s := a.d.Sentences[si]
	var cues []*rel
	var tagged []rng
	if a.s.Tagger != nil && a.s.oracle == nil {
		tagged = a.tagSentence(a.s.Tagger, s.FirstTok, s.EndTok)
	}
	for i := s.FirstTok; i < s.EndTok; i++ {
		if a.used[i] {
			continue
		}
		var c rng
		var p float64
		var lemma string
		if a.s.Tagger != nil && a.s.oracle == nil {
			for len(tagged) > 0 && tagged[0].a < i {
				tagged = tagged[1:]
			}
			if len(tagged) == 0 || tagged[0].a != i {
				// A cue inside another's content: PolNeAR marks none
				// (each token belongs to one attribution), so the tagger
				// learned to skip them; the lexicon's surest cues are
				// kept as nested claims ("Officials said Smith told them
				// …").
				if len(cues) > 0 {
					if m, mp, ml := a.matchCue(i, s.EndTok); !m.empty() && mp >= nestedThreshold {
						c, p, lemma = m, mp, ml
					}
				}
			}
			if len(tagged) > 0 && tagged[0].a == i {
				c = tagged[0]
				// "reportedly" is a cue of its own; the verb after it is
				// the content's ("Officials reportedly evacuated").
				if hedgeWords[a.lower[c.a]] {
					c.b = c.a + 1
				}
				lemma = phrase(a.d, c.a, c.b)
				p, _ = a.s.Lexicon.entries[lemma]
			}
		} else if a.s.oracle != nil {
			if e, ok := a.s.oracle[a.d.Tokens[i].Start]; ok {
				j := a.d.TokenAt(e)
				c, p, lemma = rng{i, max(j, i+1)}, 1, phrase(a.d, i, max(j, i+1))
			}
		} else {
			c, p, lemma = a.matchCue(i, s.EndTok)
		}
		if c.empty() {
			continue
		}
		i = c.b - 1
		if a.s.oracle != nil {
			cues = append(cues, &rel{cue: c, prob: p, lemma: lemma, sent: si, parent: -1, polarity: Asserted})
			continue
		}
		// Auxiliaries, negation and adverbs before the verb belong to the
		// cue ("has repeatedly said", "didn't concede").
		for c.a-1 >= s.FirstTok && !a.used[c.a-1] && (auxiliaries[a.lower[c.a-1]] || cueModifiers[a.lower[c.a-1]] || a.adverb(c.a-1)) &&
			(len(cues) == 0 || c.a-1 >= cues[len(cues)-1].cue.b) && a.lower[c.a] != "according" {
			c.a--
		}
		// A possessive opens no cue: "Trump’s claim" has the cue "claim";
		// "’s" for "is" or "has" does ("he’s claiming", "she’s called
		// for").
		if c.b-c.a > 1 && apostropheS(a.lower[c.a]) && !verbForm(a.lower[c.a+1]) {
			c.a++
		}
		// The preposition that governs what is talked about belongs to
		// the cue, as PolNeAR marks it ("spoke about", "called for",
		// "critical of"), except after a verb of saying ("said of").
		if c.b < s.EndTok && c.b-c.a < 4 && a.takesPrep(c.b-1, c.b) {
			c.b++
			i = c.b - 1
		}
		// A cue that stops on an adverb ("openly" in "openly admires
		// Putin"): the verb after it is the cue's head.
		if a.adverb(c.b-1) && !hedgeWords[a.lower[c.b-1]] && c.b < s.EndTok && a.word(c.b) && !a.capitalized(c.b) && !functionWords[a.lower[c.b]] && !a.used[c.b] {
			c.b++
			i = c.b - 1
			lemma = phrase(a.d, c.a, c.b)
			p = a.s.Lexicon.entries[lemma]
		}
		// "Said Ellis: “…”": the verb opens the sentence, the name
		// after it is no part of the cue.
		if c.b-c.a > 1 && c.a == s.FirstTok && a.capitalized(c.a) && verbFirst[a.lower[c.a]] {
			c.b = c.a + 1
			i = c.b - 1
			lemma = a.lower[c.a]
			p = a.s.Lexicon.entries[lemma]
		}
		cues = append(cues, &rel{cue: c, prob: p, lemma: lemma, sent: si, parent: -1, polarity: Asserted})
	}
	if len(cues) == 0 {
		if r := a.colonQuote(si); r != nil {
			a.rels = append(a.rels, r)
		} else if r := a.dashName(si); r != nil {
			a.rels = append(a.rels, r)
		}
		return
	}
	// A transcript's turn ("PENCE: Well, Hillary Clinton thinks …") or a
	// reader's signature ("” ― Sonya Herridge “During the debate Trump
	// said …") holds cue words of its own: those are nested in it.
	taken := func(x rng) bool {
		for _, r := range cues {
			if r.cue.a < x.b && x.a < r.cue.b {
				return true
			}
		}
		return false
	}
	saidFirst := cues[0].cue.a == s.FirstTok && verbFirst[a.lower[s.FirstTok]]
	if r := a.leadTurn(si); r != nil && !taken(r.cue) && !saidFirst {
		a.rels = append(a.rels, r)
	}
	if r := a.dashName(si); r != nil && !taken(r.cue) && !taken(r.source[0]) {
		a.rels = append(a.rels, r)
	}
	for k, r := range cues {
		lo, hi := s.FirstTok, s.EndTok
		if k > 0 {
			lo = max(lo, cues[k-1].cue.b)
			// "Mr. Obama, who understood that …, told": the cue before
			// stands in a relative clause of this one's subject, which is
			// read past it.
			if a.relativeClause(cues[k-1], r) {
				lo = s.FirstTok
			}
			if p := cues[k-1]; p.lemma == "according to" && len(p.source) > 0 && p.source[0].b <= r.cue.a {
				lo = max(lo, p.source[0].b)
			}
			// "Clinton plans to visit on Sunday, according to an aide.":
			// the whole clause is the content, the cue before nested in it.
			if r.lemma == "according to" && r.cue.a-1 > lo && a.lower[r.cue.a-1] == "," {
				lo = s.FirstTok
			}
		}
		// "According to Yahoo News, Clinton's spokesman said …": what
		// follows an opening "according to X," is its content, the next
		// cue nested in it.
		if k+1 < len(cues) && !(r.lemma == "according to" && r.cue.a == s.FirstTok) {
			// The first later cue whose clause opens apart ends the
			// content ("has said about 20 people have indicated …, but he
			// refuses").
			for m := k + 1; m < len(cues); m++ {
				if h := a.cutBefore(cues[m], r.cue.b, hi); h < hi {
					hi = h
					break
				}
			}
		}
		a.frame(r, lo, hi)
		if a.bareOrder(r) {
			continue
		}
		// "…,” she said in the Oval Office, emphasizing it was time": a
		// participle after a comma shares the source of the cue before.
		if k > 0 && len(cues[k-1].source) > 0 && a.participleAfterComma(r, lo) {
			r.source = cues[k-1].source
			r.inherit = cues[k-1]
		} else if k > 0 && len(r.source) == 0 && a.coordinated(cues[k-1], r) {
			r.source = cues[k-1].source
			r.inherit = cues[k-1]
		}
		// "It is apparent that …": an expletive "it" is no speaker.
		if len(r.source) == 1 && r.source[0].b-r.source[0].a == 1 && a.lower[r.source[0].a] == "it" && expletiveCue(strings.Fields(r.lemma)) {
			r.source = nil
		}
		// "Cruz exhorted Republicans to … and said he was": the second
		// verb of the sentence's subject, the first no cue.
		if len(r.source) == 0 && a.afterAnd(r, lo) {
			if who := a.relativeOpening(s.FirstTok, r.cue.a); !who.empty() {
				r.source = []rng{who}
			} else if subj := a.subject(s.FirstTok, r.cue.a); !subj.empty() {
				r.source = []rng{subj}
			}
		}
		a.rels = append(a.rels, r)
	}
}

// relativeClause reports whether the cue prev stands in a relative clause
// between commas whose subject is also r's: "X, who understood that …,
// told": prev's source is the pronoun after the first comma, r follows the
// second.
func (a *annotator) relativeClause(prev, r *rel) bool {
	if len(prev.source) != 1 {
		return false
	}
	w := prev.source[0]
	if w.b-w.a != 1 || !relativeSources[a.lower[w.a]] || w.a < 1 || a.lower[w.a-1] != "," {
		return false
	}
	i := r.cue.a - 1
	for i > prev.cue.b && (auxiliaries[a.lower[i]] || a.adverb(i)) {
		i--
	}
	return i > prev.cue.b && a.lower[i] == ","
}

// afterAnd reports whether the cue of r follows "and" or "but" (past
// auxiliaries and adverbs) and has no content before it: a verb
// coordinated with an earlier one.
func (a *annotator) afterAnd(r *rel, lo int) bool {
	i := r.cue.a - 1
	for i > lo && (auxiliaries[a.lower[i]] || a.adverb(i)) {
		i--
	}
	if i <= lo || !(a.lower[i] == "and" || a.lower[i] == "but") || a.lower[i-1] == "," {
		return false
	}
	for _, c := range r.content {
		if c.a < r.cue.a {
			return false
		}
	}
	return len(r.content) > 0
}

// takesPrep reports whether the preposition at j joins the cue that ends
// with token last: as annotators did in PolNeAR train after that word
// ("referring to" 47 of 50, "known as" 24 of 25, "said on" 0 of 58), else
// for the prepositions that govern a topic, except after a verb of saying.
func (a *annotator) takesPrep(last, j int) bool {
	x := a.lower[j]
	if !tailPreps[x] {
		return false
	}
	if share, ok := a.s.Lexicon.tails[a.lower[last]+" "+x]; ok {
		return share >= tailShare
	}
	return cuePreps[x] && !plainSay[a.lower[last]]
}

// tailShare is the least share of cues taking a preposition in for it to
// join the cue.
const tailShare = 0.5

// expletiveCue reports whether a cue is an adjective of evidence after
// "be" ("is apparent", "was not clear"): with "it" before it, no one
// speaks.
func expletiveCue(words []string) bool {
	if len(words) == 0 {
		return false
	}
	switch words[len(words)-1] {
	case "apparent", "clear", "unclear", "obvious", "evident", "likely", "unlikely", "possible", "certain", "true":
		return true
	}
	return false
}

// raising reports whether a cue's words hold "seem" or "appear" and no
// verb after "to": PolNeAR train gives those a source in 3 of 166 cues.
func raising(words []string) bool {
	// "appeared to suggest", "appears set to veto": the verb after "to"
	// is the cue's head, and it has its subject.
	for _, w := range words {
		if w == "to" {
			return false
		}
	}
	for _, w := range words {
		switch w {
		case "seem", "seems", "seemed", "appear", "appears", "appeared":
			return true
		}
	}
	return false
}

// participleAfterComma reports whether the cue of r is a participle in
// -ing right after a comma (past adverbs): "…, adding that".
func (a *annotator) participleAfterComma(r *rel, lo int) bool {
	if !strings.HasSuffix(a.lower[r.cue.a], "ing") || a.capitalized(r.cue.a) || a.lower[r.cue.a] == "according" {
		return false
	}
	i := r.cue.a - 1
	for i > lo && a.adverb(i) {
		i--
	}
	// "Blige sings to Clinton before asking her": after a preposition
	// of time, the same.
	return i >= lo && (a.lower[i] == "," || a.lower[i] == "before" || a.lower[i] == "after" || a.lower[i] == "while" || a.lower[i] == "without")
}

// relativeOpening returns the relative pronoun that opens the clause of
// the cue at c ("…, who have taken to the streets and called for"): the
// first word after the last comma before c.
func (a *annotator) relativeOpening(lo, c int) rng {
	for j := c - 1; j > lo && c-j <= 30; j-- {
		if a.lower[j] == "," || a.d.Tokens[j].Kind == sitrep.TokQuote {
			if relativeSources[a.lower[j+1]] {
				return rng{j + 1, j + 2}
			}
			return rng{}
		}
	}
	return rng{}
}

// verbForm reports whether w looks like a participle: "’s" before it is
// "is" or "has", not a possessive.
func verbForm(w string) bool {
	return w == "been" || w == "said" || w == "told" || len(w) > 4 && (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en"))
}

// bareOrder reports whether r is an order that reports no speech: "Putin
// ordered the invasion" is an act, not an attribution; "the judge ordered
// that the records be released" and an order quoted are.
func (a *annotator) bareOrder(r *rel) bool {
	f := strings.Fields(r.lemma)
	if len(f) == 0 {
		return false
	}
	switch f[len(f)-1] {
	case "order", "orders", "ordered", "ordering":
	default:
		return false
	}
	if len(r.content) == 0 {
		return true
	}
	c := r.content[0]
	return !a.opensContent(c.a) && !(c.b < len(a.lower) && a.inQuote[c.a] != 0) && c.a > r.cue.a
}

// cutBefore returns where the content of a cue ends when another cue (next)
// follows it in the sentence: before the next one's clause when the two
// are coordinated ("said X but refused to", "said X, adding Y", "X, he
// said"), else at hi (the next cue is inside the content: a nested
// attribution).
func (a *annotator) cutBefore(next *rel, from, hi int) int {
	i := next.cue.a
	// Step back over the next cue's own subject and auxiliaries.
	j := i
	for j-1 >= from && j-i < 8 && a.word(j-1) && !leftStop[a.lower[j-1]] && a.lower[j-1] != "and" {
		j--
	}
	if j-1 >= from {
		w := a.lower[j-1]
		if w == "," || w == "but" || w == "and" || w == ";" || w == "while" || w == "—" || w == "–" || a.closingQuote(j-1) || subordinators[w] {
			k := j - 1
			for k-1 >= from && (a.lower[k-1] == "," || a.lower[k-1] == "”" || a.lower[k-1] == "\"") && a.lower[k] != "," {
				k--
			}
			return k
		}
	}
	return hi
}

// coordinated reports whether cue r shares its subject with the cue before
// it ("he said there was no breakthrough but refused to disclose details").
func (a *annotator) coordinated(prev, r *rel) bool {
	if len(prev.source) == 0 {
		return false
	}
	i := r.cue.a - 1
	for i > prev.cue.b && auxiliaries[a.lower[i]] {
		i--
	}
	return i > prev.cue.b && (a.lower[i] == "but" || a.lower[i] == "and")
}

// trimPunct trims white space, commas, dashes and a final period from the
// ends of a range; a period inside a closing quotation stays with it.
func (a *annotator) trimPunct(r rng) rng {
	for r.a < r.b {
		w := a.lower[r.a]
		if w == "," || w == ":" || w == ";" || w == "—" || w == "–" || w == "-" || w == "." {
			r.a++
			continue
		}
		break
	}
	for r.b > r.a {
		w := a.lower[r.b-1]
		if w == "," || w == ":" || w == ";" || w == "—" || w == "–" || w == "-" || w == "." || w == "(" {
			r.b--
			continue
		}
		break
	}
	return r
}

// frame reads the source and content of cue r from the sentence tokens
// [lo, hi) around it.
func (a *annotator) frame(r *rel, lo, hi int) {
	c := r.cue
	lemma := r.lemma
	first := strings.Fields(lemma)
	head := first[len(first)-1]
	for _, w := range first {
		if negations[w] {
			r.polarity = Denied
		}
	}
	for _, w := range first {
		switch {
		case denyCues[w]:
			r.polarity = Denied
		case refuseCues[w]:
			r.polarity = Refused
		case expectCues[w]:
			r.polarity = Expected
		}
	}
	// "reportedly", "allegedly": the outlet passes on what someone it
	// does not name says; the sentence around the word is the content.
	if hedgeWords[head] && len(first) == 1 {
		if before := a.trimPunct(rng{lo, c.a}); !before.empty() {
			r.content = append(r.content, before)
		}
		if after := a.trimPunct(rng{c.b, hi}); !after.empty() {
			r.content = append(r.content, after)
		}
		return
	}
	// "refused to disclose details": the cue takes the verb of speaking.
	if refuseCues[head] && c.b+1 < hi && a.lower[c.b] == "to" && refusedObjects[a.lower[c.b+1]] {
		r.cue.b = c.b + 2
		c = r.cue
		r.polarity = Refused
	}
	// "Said Ellis: “…”" / "Added the senator, “…”".
	if c.a == lo && c.b-c.a == 1 && a.capitalized(c.a) && verbFirst[a.lower[c.a]] {
		k := c.b
		for k < hi && k-c.b < 12 && a.lower[k] != ":" && a.lower[k] != "," && a.d.Tokens[k].Kind != sitrep.TokQuote {
			k++
		}
		if k > c.b && k < hi && (a.lower[k] == ":" || a.lower[k] == ",") {
			r.source = []rng{{c.b, k}}
			if cont := a.trimPunct(rng{k + 1, hi}); !cont.empty() {
				r.content = []rng{a.extendQuote(cont)}
			} else if q := a.nextQuote(r.sent); q != nil {
				r.content = []rng{q.rng}
			}
			return
		}
	}
	if lemma == "according to" {
		a.accordingTo(r, lo, hi)
		return
	}
	// Passive with an agent: "was described by Russia's government as".
	byIn := a.lower[c.b-1] == "by"
	// "echoed statements by Trump": "by" after the verb's object names
	// whose the object is, not an agent.
	objectBy := c.b-c.a > 1 && strings.HasSuffix(a.lower[c.b-1], "s") && strings.HasSuffix(a.lower[c.a], "ed")
	if byIn || c.b+1 < hi && a.lower[c.b] == "by" && !objectBy {
		from := c.b + 1
		if byIn {
			from = c.b
		}
		src := a.scanRight(from, hi, true)
		// "started off by emphasizing": a gerund after "by" is a manner,
		// not an agent.
		if !src.empty() && !(strings.HasSuffix(a.lower[src.a], "ing") && !a.capitalized(src.a)) {
			r.source = []rng{src}
			k := src.b
			if k < hi && a.lower[k] == "as" {
				k++
			}
			if cont := a.trimPunct(rng{k, hi}); !cont.empty() {
				r.content = []rng{a.extendQuote(cont)}
			}
			return
		}
	}
	// A passive without an agent ("X is expected to win", "it is
	// considered a threat") or "seems", "appears" ("Republicans seem
	// confident they …"): no source; the subject and the rest are the
	// content, as PolNeAR marks it.
	if a.passive(c) || raising(first) {
		if subj := a.leftSource(c.a, lo); !subj.empty() {
			r.content = append(r.content, subj)
		}
		if rest := a.trimPunct(rng{c.b, hi}); !rest.empty() {
			r.content = append(r.content, rest)
		}
		return
	}
	// What follows the cue, past a time, a medium or an addressee.
	after := a.skipTail(r, c.b, hi)
	rest := a.trimPunct(rng{after, hi})
	// "…, said Batchelder." / "…, noted NBC’s Dante Chinni.": a name that
	// ends the sentence right after the cue is its source, whatever the
	// words before the comma look like.
	if c.a-1 > lo && (a.lower[c.a-1] == "," || a.closingQuote(c.a-1)) && !rest.empty() {
		if src := a.extendApposition(a.scanRight(rest.a, hi, false), hi); a.endName(src, hi) {
			r.source = []rng{src}
			a.contentBefore(r, lo, c.a-1)
			a.skipTail(r, src.b, hi)
			return
		}
	}
	// A quotation right before the cue, or a comma: the content is before
	// ("“…,” he said." / "…, the mayor claimed.").
	left := a.leftSource(c.a, lo)
	boundary := left.a
	if left.empty() {
		boundary = c.a
	}
	before := boundary - 1
	for before >= lo && auxiliaries[a.lower[before]] {
		before--
	}
	postposed := before >= lo && (a.lower[before] == "," || a.closingQuote(before)) && before > lo
	// "Back in Virginia, Mr. Clarke said, he decided to …": a short
	// attribution between commas inside the sentence it reports; the
	// content is on both sides (another cue after it is nested in it).
	if end := a.d.Sentences[r.sent].EndTok; !left.empty() && left.b-left.a <= 6 && postposed && a.lower[before] == "," && c.b < end && a.lower[c.b] == "," && a.inQuote[c.a] == 0 {
		first, second := a.trimPunct(rng{lo, before}), a.trimPunct(rng{c.b + 1, end})
		if !first.empty() && !second.empty() && a.inQuote[first.a] == 0 && a.inQuote[second.a] == 0 {
			r.source = []rng{left}
			r.content = []rng{first, second}
			return
		}
	}
	// After a quotation the words past the cue are a tail ("Melanie said
	// to the TV", "he told CNBC in August") unless a content begins.
	// "“…,” said Caddell.": one name after the cue is its source, not a tail.
	nameAfter := left.empty() && rest.b-rest.a == 1 && a.capitalized(rest.a) && !timeWords[a.lower[rest.a]] && !isDay(a.lower[rest.a])
	if postposed && !nameAfter && (rest.empty() || a.tailOnly(rest) || !left.empty() && a.closingQuote(before) && !a.opensContent(rest.a)) {
		if !left.empty() {
			r.source = []rng{left}
		}
		a.contentBefore(r, lo, before)
		return
	}
	// "Derek Mitchell, who served as ambassador, said …": the subject
	// and what stands between commas after it.
	if left.empty() && c.a-1 > lo && a.lower[c.a-1] == "," && !a.closingQuote(c.a-2) {
		if src := a.commaSubject(lo, c.a); !src.empty() {
			left = src
		}
	}
	// Inverted: "…, said the mayor of Irpin."
	if left.empty() && (c.a-1 >= lo && (a.lower[c.a-1] == "," || a.closingQuote(c.a-1))) && !rest.empty() {
		src := a.scanRight(c.b, hi, false)
		src = a.extendApposition(src, hi)
		// The noun phrase must end the sentence, or a tail must follow
		// it: else what follows the cue is its content ("…, said it would
		// tell an American story").
		tmp := &rel{cue: r.cue, lemma: r.lemma}
		tailOK := a.trimPunct(rng{a.skipTail(tmp, src.b, hi), hi}).empty()
		if !src.empty() && src.b-src.a <= 24 && (tailOK || a.closingQuote(c.a-1)) && (a.capitalized(src.a) || a.lower[src.a] == "the" || a.lower[src.a] == "a" || a.lower[src.a] == "an" || a.lower[src.a] == "one" || a.lower[src.a] == "another") {
			r.source = []rng{src}
			a.contentBefore(r, lo, c.a-1)
			a.skipTail(r, src.b, hi)
			return
		}
	}
	// "…, saying that" / "started off by emphasizing": the subject of the
	// sentence speaks, whatever stands before the comma.
	if h := a.lower[c.b-1]; strings.HasSuffix(h, "ing") && c.a-1 > lo && (a.lower[c.a-1] == "," || a.lower[c.a-1] == "by") {
		if subj := a.subject(a.d.Sentences[r.sent].FirstTok, c.a); !subj.empty() {
			left = subj
		}
	}
	if !left.empty() {
		r.source = []rng{left}
	} else if strings.HasSuffix(a.lower[c.a], "ing") && c.a-1 > lo && a.lower[c.a-1] == "," {
		// "…, saying that": the subject of the sentence speaks.
		if subj := a.subject(a.d.Sentences[r.sent].FirstTok, c.a); !subj.empty() {
			r.source = []rng{subj}
		}
	}
	if !rest.empty() {
		r.content = []rng{a.extendQuote(rest)}
		return
	}
	// "“How many times …?” Clinton said.": the sentence ends with the
	// quotation, the attribution is a sentence of its own.
	if len(r.content) == 0 && !left.empty() && rest.empty() && a.d.Sentences[r.sent].FirstTok == lo && lo > 0 && a.closingQuote(lo-1) {
		if q := a.inQuote[lo-1]; q != 0 {
			r.content = []rng{a.quotes[q-1].rng}
			return
		}
	}
	// "X said:" with the quotation in the next sentence.
	if q := a.nextQuote(r.sent); q != nil && (a.lower[hi-1] == ":" || a.lower[c.b-1] == ":" || (c.b < len(a.lower) && a.lower[c.b] == ":")) {
		r.content = []rng{q.rng}
	}
}

// endName reports whether src is a short name that ends the sentence
// ([lo, hi) is the sentence): capitalized words, perhaps after a
// determiner or a number ("9/11 widow Terry Strada"), the last one
// capitalized or a bracketed label or an apposition.
func (a *annotator) endName(src rng, hi int) bool {
	if src.empty() || src.b-src.a > 24 || timeWords[a.lower[src.a]] || isDay(a.lower[src.a]) {
		return false
	}
	if !a.trimPunct(rng{src.b, hi}).empty() {
		return false
	}
	first := a.lower[src.a]
	if !(a.capitalized(src.a) || first == "the" || first == "a" || first == "an" || a.d.Tokens[src.a].Kind == sitrep.TokNumber) {
		return false
	}
	for i := src.a; i < src.b; i++ {
		if a.capitalized(i) && !functionWords[a.lower[i]] {
			return true
		}
	}
	return false
}

// passive reports whether the cue is a form of "be" and a past
// participle ("is expected", "was widely considered").
func (a *annotator) passive(c rng) bool {
	if c.b-c.a < 2 {
		return false
	}
	be := false
	for i := c.a; i < c.b-1; i++ {
		switch a.lower[i] {
		case "is", "was", "are", "were", "be", "been", "being", "’s", "'s":
			be = true
		}
	}
	last := a.lower[c.b-1]
	if feelings[last] {
		return false
	}
	return be && (strings.HasSuffix(last, "ed") || strings.HasSuffix(last, "en") || last == "thought" || last == "said" || last == "told" || last == "known" || last == "seen")
}

// opensContent reports whether token i begins a content: "that", a
// quotation, a colon.
func (a *annotator) opensContent(i int) bool {
	w := a.lower[i]
	if w == "that" || w == ":" {
		return true
	}
	q := a.inQuote[i]
	return q != 0 && a.quotes[q-1].a == i
}

// closingQuote reports whether token i closes a quotation, or is a comma
// right after one.
func (a *annotator) closingQuote(i int) bool {
	// A cue at the very start of the text has no token before it: the
	// content before such a cue is empty (",claim A").
	if i < 0 || i >= len(a.inQuote) {
		return false
	}
	q := a.inQuote[i]
	if q == 0 {
		return false
	}
	return a.quotes[q-1].b-1 == i && a.quotes[q-1].closed
}

// contentBefore sets the content of r to the clause before token end: the
// sentence from lo, or from the opening of the quotation it ends in.
func (a *annotator) contentBefore(r *rel, lo, end int) {
	e := end
	if a.lower[end] == "," && end > lo && a.closingQuote(end-1) {
		e = end
	}
	if a.closingQuote(end) {
		e = end + 1
	}
	start := lo
	if q := a.inQuote[max(e-1, 0)]; q != 0 && a.closingQuote(e-1) {
		start = a.quotes[q-1].a
	}
	cont := rng{start, e}
	if !a.closingQuote(e - 1) {
		cont = a.trimPunct(cont)
	} else {
		t := a.trimPunct(rng{cont.a, cont.a + 1})
		if t.empty() {
			cont.a++
		}
	}
	if !cont.empty() {
		r.content = []rng{cont}
	}
}

// extendQuote extends a content that opens a quotation running past the
// sentence to the end of the quotation.
func (a *annotator) extendQuote(c rng) rng {
	if q := a.inQuote[c.a]; q != 0 && a.quotes[q-1].a == c.a && a.quotes[q-1].b > c.b {
		c.b = a.quotes[q-1].b
	}
	return c
}

// nextQuote returns the quotation that opens the sentence after si, if any.
func (a *annotator) nextQuote(si int) *quote {
	if si+1 >= len(a.d.Sentences) {
		return nil
	}
	f := a.d.Sentences[si+1].FirstTok
	if q := a.inQuote[f]; q != 0 && a.quotes[q-1].a == f {
		return &a.quotes[q-1]
	}
	return nil
}

// leftSource reads the source leftwards from the cue starting at token c.
func (a *annotator) leftSource(c, lo int) rng {
	i := c - 1
	for i >= lo && (auxiliaries[a.lower[i]] || a.adverb(i) || a.lower[i] == "together" || a.lower[i] == "almost") {
		i--
	}
	// "Stumpf, who said he was sorry": PolNeAR marks the relative pronoun
	// as the source; the speaker is resolved to what it refers to.
	if i >= lo && relativeSources[a.lower[i]] {
		return rng{i, i + 1}
	}
	// "… and called for": a verb coordinated with one before; its subject
	// is that one's (see afterAnd).
	if i >= lo && (a.lower[i] == "and" || a.lower[i] == "but") {
		return rng{}
	}
	// "who in 2010 said": a time between the pronoun and the cue.
	for j := i; j >= lo && i-j <= 3; j-- {
		w := a.lower[j]
		if relativeSources[w] && j < i {
			return rng{j, j + 1}
		}
		if !(timeWords[w] || isDay(w) || a.d.Tokens[j].Kind == sitrep.TokNumber || w == "in" || w == "on" || w == "last" || w == "this" || w == "earlier") {
			break
		}
	}
	end := i + 1
	closed, stopWord := false, false
	for i >= lo && end-i <= 24 {
		w := a.lower[i]
		t := a.d.Tokens[i]
		// A party label in brackets belongs to the name: "Rep. Gwen Moore
		// (D-Wis.) said".
		if w == ")" {
			k := i - 1
			for k > lo && i-k < 8 && a.lower[k] != "(" && a.lower[k] != ")" {
				k--
			}
			if k > lo && a.lower[k] == "(" && a.word(k-1) {
				i = k - 1
				continue
			}
		}
		if t.Kind == sitrep.TokQuote || (t.Kind == sitrep.TokPunct && w != "." && w != "/") || t.Kind == sitrep.TokDash {
			// An apposition: "the mayor of Irpin, Oleksandr Markushyn,".
			if w == "," && i == end-1 && i > lo {
				// The comma closing an apposition or a participle before
				// the cue ("the mayor of Irpin, Oleksandr Markushyn,
				// said").
				end = i
				closed = true
				i--
				continue
			}
			if w == "," && i > lo && a.appositive(i, lo, end) {
				i--
				continue
			}
			if w == "," && closed {
				// "Trump, speaking to veterans, said": the name before
				// the commas; "Ban Ki-moon, the secretary general,
				// vowed" and "Sanders, who lost, said": the name with
				// its apposition or relative clause, as PolNeAR marks.
				if k := a.nameBefore(i, lo); k >= 0 {
					if x := a.lower[i+1]; strings.HasSuffix(x, "ing") && !a.capitalized(i+1) {
						return rng{k, i}
					}
					return rng{k, end}
				}
			}
			break
		}
		if end-i > 14 && !closed {
			break
		}
		if leftStop[w] {
			stopWord = true
			break
		}
		if w == "and" && !(i > lo && (a.capitalized(i-1) || strings.HasSuffix(a.lower[i-1], "s")) && a.word(i-1)) {
			break
		}
		i--
	}
	if closed && (stopWord || i >= lo && a.lower[i] == "and") {
		// The loop stopped inside what the commas enclose ("Derek
		// Mitchell, who served as ambassador, said"): find the comma
		// that opens it and the name before that.
		for k := end - 1; k > lo && end-k <= 40; k-- {
			if a.d.Tokens[k].Kind == sitrep.TokQuote || a.lower[k] == ";" || a.lower[k] == ":" {
				break
			}
			if a.lower[k] != "," {
				continue
			}
			if n := a.nameBefore(k, lo); n >= 0 {
				if x := a.lower[k+1]; strings.HasSuffix(x, "ing") && !a.capitalized(k+1) {
					return rng{n, k}
				}
				return rng{n, end}
			}
			// "Donna Sampson Rawlings, 59, of Ashton, Md., who watched
			// …, said": a relative clause after a longer noun phrase that
			// opens the sentence.
			if relativeSources[a.lower[k+1]] && k-lo <= 20 && (a.capitalized(lo) && !functionWords[a.lower[lo]] || a.lower[lo] == "the") {
				return rng{lo, end}
			}
			break
		}
	}
	if closed && end-(i+1) > 14 {
		return rng{}
	}
	src := a.trimPunct(rng{i + 1, end})
	if !src.empty() {
		src = a.dropOpener(src)
	}
	// A time between the subject and the cue is not part of the source
	// ("the Supreme Court this month rejected").
	for src.b-src.a > 1 {
		w := a.lower[src.b-1]
		if !(timeWords[w] || isDay(w)) {
			break
		}
		k := src.b - 1
		if k-1 > src.a && (a.lower[k-1] == "on" || a.lower[k-1] == "this" || a.lower[k-1] == "last" || a.lower[k-1] == "next" || a.lower[k-1] == "early" || a.lower[k-1] == "late") {
			k--
		}
		src.b = k
	}
	if src.b-src.a == 1 {
		switch a.lower[src.a] {
		case "the", "a", "an", "this", "these", "those", "its", "his", "her", "their":
			return rng{}
		}
	}
	// One lower-case word that is neither a pronoun nor a noun of people
	// is the tail of a clause, not a speaker.
	if src.b-src.a == 1 && !a.capitalized(src.a) && !pronouns[a.lower[src.a]] && (len(a.lower[src.a]) <= 3 || strings.HasSuffix(a.lower[src.a], "ly")) {
		return rng{}
	}
	return src
}

// dropOpener cuts an adverbial that opens a source read leftwards ("In a
// Bloomberg interview Trump", "A few days ago in an interview he"): the
// speaker is the last pronoun or capitalized name.
func (a *annotator) dropOpener(src rng) rng {
	w := a.lower[src.a]
	if !(mediumPreps[w] || w == "during" || w == "at" || w == "after" || w == "last" || w == "this" || w == "a" && a.lower[min(src.a+1, src.b-1)] == "few" || w == "earlier" || w == "later" || w == "for" || w == "with" || w == "from") {
		return src
	}
	if pronouns[a.lower[src.b-1]] {
		return rng{src.b - 1, src.b}
	}
	k := src.b
	for k-1 > src.a && a.capitalized(k-1) {
		k--
	}
	if k < src.b && k > src.a {
		return rng{k, src.b}
	}
	return src
}

// subject returns the name or pronoun that opens the sentence at i, if it
// opens with one.
func (a *annotator) subject(i, end int) rng {
	// Past an opening phrase: "On Monday night, Clinton …".
	if w := a.lower[i]; functionWords[w] && !pronouns[w] && w != "the" {
		for k := i + 1; k < end && k-i <= 10; k++ {
			if a.lower[k] == "," {
				if k+1 < end {
					return a.subject(k+1, end)
				}
				break
			}
			if a.d.Tokens[k].Kind != sitrep.TokWord && a.d.Tokens[k].Kind != sitrep.TokNumber {
				break
			}
		}
		return rng{}
	}
	if pronouns[a.lower[i]] {
		return rng{i, i + 1}
	}
	j := i
	if a.lower[j] == "the" {
		j++
	}
	k := j
	for k < end && k-j < 6 && a.capitalized(k) {
		k++
	}
	if k == j || k >= end || a.lower[k] == "," && a.capitalized(k-1) && k == j+1 && false {
		return rng{}
	}
	return rng{i, k}
}

// nameBefore returns the start of the capitalized name that ends right
// before the comma at i, or -1.
func (a *annotator) nameBefore(i, lo int) int {
	k := i
	// A party label in brackets: "Sen. Bernie Sanders (Vt.), who …".
	if k-1 > lo && a.lower[k-1] == ")" {
		j := k - 2
		for j > lo && k-j < 8 && a.lower[j] != "(" && a.lower[j] != ")" {
			j--
		}
		if j > lo && a.lower[j] == "(" && a.capitalized(j-1) {
			k, i = j, j
		}
	}
	for k-1 >= lo && i-k < 6 && (a.capitalized(k-1) || a.lower[k-1] == "jr." || a.lower[k-1] == "ii" || a.lower[k-1] == "iii") {
		k--
	}
	if k == i {
		return -1
	}
	return k
}

// adverb reports whether token i is a lower-case adverb in -ly, which
// stands between a source and its cue ("egregiously described").
func (a *annotator) adverb(i int) bool {
	w := a.lower[i]
	return len(w) > 4 && strings.HasSuffix(w, "ly") && a.word(i) && !a.capitalized(i)
}

// commaSubject reads the subject of a cue that follows a comma: from the
// sentence start, past an opening connective, to the comma, when the
// sentence opens with a name or a determiner and has another comma
// before (the apposition's).
func (a *annotator) commaSubject(lo, cue int) rng {
	i := lo
	for i < cue && (a.d.Tokens[i].Kind == sitrep.TokQuote || a.lower[i] == "however" || a.lower[i] == "but" || a.lower[i] == "and" ||
		a.lower[i] == "meanwhile" || a.lower[i] == "still" || a.lower[i] == "," || a.lower[i] == "yet" || a.lower[i] == "now") {
		i++
	}
	if cue-i > 30 || cue-i < 3 {
		return rng{}
	}
	if !(a.capitalized(i) && !functionWords[a.lower[i]]) && a.lower[i] != "the" {
		return rng{}
	}
	commas := 0
	for k := i; k < cue-1; k++ {
		w := a.lower[k]
		if w == "," {
			commas++
		}
		if a.d.Tokens[k].Kind == sitrep.TokQuote || w == ";" || w == ":" || leftStop[w] && w != "who" && w != "which" {
			return rng{}
		}
	}
	if commas == 0 {
		return rng{}
	}
	return rng{i, cue}
}

// appositive reports whether the comma at i joins two noun phrases that
// name one speaker: a capitalized name or a title on either side.
func (a *annotator) appositive(i, lo, end int) bool {
	if i+1 >= end {
		return false
	}
	// The right part must be short and start with a name or determiner.
	if end-i > 6 {
		return false
	}
	n := a.lower[i+1]
	if !(a.capitalized(i+1) || n == "the" || n == "a" || n == "an" || n == "his" || n == "her" || n == "its" || n == "their") {
		return false
	}
	hasTitle := false
	k := i - 1
	for ; k >= lo && k >= i-7; k-- {
		if titleWords[a.lower[k]] {
			hasTitle = true
		}
		if a.lower[k] == "," || leftStop[a.lower[k]] || a.d.Tokens[k].Kind == sitrep.TokQuote {
			break
		}
	}
	// The noun phrase before the comma must be short and whole.
	if k >= lo && k < i-7 {
		return false
	}
	if k >= lo && a.lower[k] != "," && a.d.Tokens[k].Kind != sitrep.TokQuote && !leftStop[a.lower[k]] {
		return false
	}
	if o := a.lower[k+1]; mediumPreps[o] || o == "back" || o == "earlier" || o == "later" || o == "then" || o == "there" || o == "during" || o == "at" || o == "after" || o == "last" || o == "for" || o == "this" || o == "next" {
		return false
	}
	// Both sides name someone: a capitalized word or a title on each.
	leftName := false
	for j := k + 1; j < i; j++ {
		if timeWords[a.lower[j]] {
			return false
		}
		if titleWords[a.lower[j]] || a.capitalized(j) && !(j == lo && functionWords[a.lower[j]]) {
			leftName = true
		}
	}
	rightName := false
	for k := i + 1; k < end; k++ {
		if titleWords[a.lower[k]] {
			hasTitle = true
		}
		if titleWords[a.lower[k]] || a.capitalized(k) {
			rightName = true
		}
	}
	return hasTitle && leftName && rightName
}

// scanRight reads a noun phrase rightwards from token i ("said the mayor",
// "according to the United Nations").
func (a *annotator) scanRight(i, hi int, stopAs bool) rng {
	j := i
	for j < hi && j-i < 12 {
		w := a.lower[j]
		t := a.d.Tokens[j]
		if t.Kind != sitrep.TokWord && t.Kind != sitrep.TokNumber && !apostropheS(w) {
			if t.Kind == sitrep.TokQuote && (w == "’" || w == "'") {
				j++
				continue
			}
			break
		}
		if j > i && (rightStop[w] || (stopAs && w == "as")) {
			break
		}
		if strings.HasPrefix(w, "’") || strings.HasPrefix(w, "'") {
			j++
			continue
		}
		j++
	}
	return rng{i, j}
}

// extendApposition extends a source read rightwards over a party label in
// brackets and an apposition that ends the sentence ("said Rep. Jim
// Clyburn (D-S.C.), the assistant leader of the Democratic caucus.").
func (a *annotator) extendApposition(src rng, hi int) rng {
	if src.empty() {
		return src
	}
	k := src.b
	if k < hi && a.lower[k] == "(" {
		j := k + 1
		for j < hi && j-k < 8 && a.lower[j] != ")" {
			j++
		}
		if j < hi && a.lower[j] == ")" {
			k = j + 1
		}
	}
	src.b = k
	if k < hi && a.lower[k] == "," {
		j := k + 1
		for j < hi && j-k < 14 && a.d.Tokens[j].Kind != sitrep.TokQuote {
			j++
		}
		end := a.trimPunct(rng{k, j})
		if j >= hi-1 && !end.empty() && (a.lower[k+1] == "the" || a.lower[k+1] == "a" || a.lower[k+1] == "an" || titleWords[a.lower[k+1]] || a.lower[k+1] == "who") {
			src.b = end.b
		}
	}
	return src
}

// skipTail skips, after token i, the time, medium and addressee of a cue
// and records the medium and addressee; it returns where the content may
// begin.
func (a *annotator) skipTail(r *rel, i, hi int) int {
	start := i
	for iter := 0; i < hi && iter < 6; iter++ {
		w := a.lower[i]
		switch {
		case w == ",":
			// A comma after a tail closes it only if the tail was not
			// empty.
			if i == start {
				return i
			}
			i++
		case isDay(w) || w == "late" || w == "early" || w == "earlier" || w == "later" || w == "today" ||
			w == "yesterday" || w == "tonight" || w == "last" || w == "this":
			j := i + 1
			for j < hi && j-i < 3 && (isDay(a.lower[j]) || a.lower[j] == "week" || a.lower[j] == "month" ||
				a.lower[j] == "night" || a.lower[j] == "morning" || a.lower[j] == "evening" || a.lower[j] == "afternoon" ||
				a.lower[j] == "year") {
				j++
			}
			if j == i+1 && !isDay(w) && w != "today" && w != "yesterday" && w != "tonight" && w != "earlier" && w != "later" {
				return i
			}
			i = j
		case mediumPreps[w]:
			j, ok := a.mediumPhrase(r, i, hi)
			if !ok {
				return i
			}
			i = j
		case w == "to" && !r.medium.empty() && r.medium.b == i:
			j := a.scanRight(i+1, hi, true)
			if j.empty() {
				return i
			}
			if r.address.empty() {
				r.address = j
			}
			i = j.b
		case addresseeCues[strings.Fields(r.lemma)[len(strings.Fields(r.lemma))-1]] && i == r.cue.b && r.address.empty():
			j := a.addressee(i, hi)
			if j.empty() {
				return i
			}
			r.address = j
			i = j.b
		default:
			return i
		}
	}
	return i
}

func isDay(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
		return true
	}
	return false
}

// mediumPhrase reads "in a video post on Telegram", "on Twitter", "in a
// statement" at token i and records it as r's medium.
func (a *annotator) mediumPhrase(r *rel, i, hi int) (int, bool) {
	j := i + 1
	found := false
	for j < hi && j-i <= 7 {
		w := a.lower[j]
		if !a.word(j) && w != "’s" {
			break
		}
		if j > i+1 && (w == "that" || w == "to" || w == "about" || w == "as" || w == "which") {
			break
		}
		if mediumNouns[w] || (j == i+1 && a.lower[i] == "on" && platforms[w]) {
			found = true
		}
		j++
		if found && !(j < hi && (a.lower[j] == "on" || mediumNouns[a.lower[j]] || platforms[a.lower[j]])) {
			// "a video post" then "on Telegram".
			if j < hi && a.lower[j] != "on" {
				break
			}
		}
	}
	if !found {
		return i, false
	}
	if r.medium.empty() {
		m := rng{i + 1, j}
		if a.lower[i] == "on" && platforms[a.lower[i+1]] {
			m = rng{i + 1, j}
		}
		r.medium = m
	}
	return j, true
}

// addressee reads the object of "told" ("told Russian state media TASS",
// "told reporters that").
func (a *annotator) addressee(i, hi int) rng {
	j := i
	for j < hi && j-i < 8 {
		w := a.lower[j]
		if !a.word(j) && w != "’s" {
			break
		}
		if w == "that" || w == "to" || w == "in" || w == "on" || w == "he" || w == "she" || w == "they" || w == "it" ||
			w == "the" && j > i || w == "there" || w == "if" || w == "whether" || w == "about" || w == "of" && j == i {
			break
		}
		j++
		// "told him", "told reporters": an object pronoun or a plain noun
		// ends the addressee.
		if j-i == 1 && (w == "him" || w == "her" || w == "them" || w == "us" || w == "me" || w == "reporters" || w == "journalists") {
			break
		}
	}
	return rng{i, j}
}

// tailOnly reports whether the tokens of r hold nothing but a tail already
// consumed (a stray word or two).
func (a *annotator) tailOnly(r rng) bool { return r.b-r.a <= 1 }

// accordingTo frames "according to X, …" and "…, according to X."
func (a *annotator) accordingTo(r *rel, lo, hi int) {
	src := a.scanRight(r.cue.b, hi, false)
	if src.empty() {
		return
	}
	// The source runs to the comma or the end: "according to the United
	// Nations refugee agency".
	k := src.b
	for k < hi && k-src.a < 14 && a.lower[k] != "," && a.lower[k] != "." && a.d.Tokens[k].Kind != sitrep.TokQuote {
		if a.lower[k] == "that" || a.lower[k] == "which" {
			break
		}
		k++
	}
	if k < hi && a.lower[k] == "," || k >= hi || a.lower[k] == "." {
		src.b = k
	}
	r.source = []rng{a.trimPunct(src)}
	if r.cue.a-1 > lo {
		a.contentBefore(r, lo, r.cue.a-1)
		return
	}
	if cont := a.trimPunct(rng{src.b, hi}); !cont.empty() {
		r.content = []rng{cont}
	}
}

// dashName finds a quotation signed with a dash: "“…” ― Sonya Herridge".
func (a *annotator) dashName(si int) *rel {
	s := a.d.Sentences[si]
	for i := s.FirstTok; i+1 < s.EndTok; i++ {
		if a.d.Tokens[i].Kind != sitrep.TokDash || i == 0 || a.d.Tokens[i-1].Kind != sitrep.TokQuote || !a.capitalized(i+1) {
			continue
		}
		j := i + 1
		for j < s.EndTok && j-i <= 4 && a.capitalized(j) {
			j++
		}
		var cont rng
		if a.closingQuote(i - 1) {
			cont = a.quotes[a.inQuote[i-1]-1].rng
		} else {
			// A quotation the marks do not pair ("”Mr. Trump … shame.”
			// ― Name", the opening mark typed the wrong way): back to
			// the quotation mark that opens the paragraph's sentence.
			par := s.Paragraph
			k := si
			for k > 0 && si-k < 12 && a.d.Sentences[k-1].Paragraph == par {
				k--
			}
			start := a.d.Sentences[k].FirstTok
			if start >= i-1 || a.d.Tokens[start].Kind != sitrep.TokQuote {
				continue
			}
			cont = rng{start, i}
		}
		return &rel{cue: rng{i, i + 1}, lemma: a.lower[i], source: []rng{{i + 1, j}}, content: []rng{cont},
			sent: si, parent: -1, polarity: Asserted, prob: 0.5}
	}
	return nil
}

// colonQuote finds "Source: “quotation”" with no cue word, and the
// speaker's name that opens each turn of a transcript ("PENCE: Well, …").
func (a *annotator) colonQuote(si int) *rel {
	s := a.d.Sentences[si]
	for i := s.FirstTok + 1; i+1 < s.EndTok && i-s.FirstTok <= 8; i++ {
		if a.lower[i] != ":" {
			continue
		}
		q := a.inQuote[i+1]
		if q == 0 || a.quotes[q-1].a != i+1 || a.inQuote[i] != 0 {
			return a.turn(si, i)
		}
		src := a.leftSource(i, s.FirstTok)
		if src.empty() || !a.capitalized(src.a) && !pronouns[a.lower[src.a]] {
			return nil
		}
		return &rel{cue: rng{i, i + 1}, lemma: ":", source: []rng{src}, content: []rng{a.quotes[q-1].rng},
			sent: si, parent: -1, polarity: Asserted, prob: 0.5}
	}
	return nil
}

// leadTurn finds a transcript's turn that opens sentence si ("PENCE: …",
// "“WALLACE: …").
func (a *annotator) leadTurn(si int) *rel {
	s := a.d.Sentences[si]
	i := s.FirstTok
	if i < s.EndTok && a.d.Tokens[i].Kind == sitrep.TokQuote {
		i++
	}
	for k := i + 1; k < s.EndTok && k <= i+3; k++ {
		if a.lower[k] == ":" {
			return a.turn(si, k)
		}
	}
	return nil
}

// turn reads "NAME: words" at the start of a sentence: a transcript's turn
// or a headline's attribution ("Pence: Flowers Won’t Be at Debate").
func (a *annotator) turn(si, colon int) *rel {
	s := a.d.Sentences[si]
	i := s.FirstTok
	if a.d.Tokens[i].Kind == sitrep.TokQuote {
		i++
	}
	if colon-i < 1 || colon-i > 3 {
		return nil
	}
	for k := i; k < colon; k++ {
		// A function word after the first ("Stealth Over Health:", "The
		// Gap Goes On:") makes a title, not a name.
		if !a.capitalized(k) || k > i && functionWords[a.lower[k]] {
			return nil
		}
	}
	// "Correction:", "The Latest:": a label of the page, no speaker.
	if pageLabels[phrase(a.d, i, colon)] {
		return nil
	}
	end := s.EndTok
	if q := a.inQuote[s.FirstTok]; q != 0 && a.quotes[q-1].a == s.FirstTok {
		end = max(end, a.quotes[q-1].b)
	}
	cont := a.trimPunct(rng{colon + 1, end})
	if cont.empty() {
		return nil
	}
	return &rel{cue: rng{colon, colon + 1}, lemma: ":", source: []rng{{i, colon}}, content: []rng{cont},
		sent: si, parent: -1, polarity: Asserted, prob: 0.5}
}

// interrupted joins a quotation interrupted by its attribution: "“A,” she
// said. “B.”" is one relation whose content has two parts, when the
// second quotation opens the next sentence and has no cue of its own.
func (a *annotator) interrupted() {
	// outside[si] counts the sentences up to si that hold a cue outside
	// quotation marks, so that each check below is a subtraction.
	outside := make([]int, len(a.d.Sentences)+1)
	for _, o := range a.rels {
		if a.inQuote[o.cue.a] == 0 {
			outside[o.sent+1] = 1
		}
	}
	for i := 1; i < len(outside); i++ {
		outside[i] += outside[i-1]
	}
	for _, r := range a.rels {
		if len(r.content) != 1 || len(r.source) == 0 {
			continue
		}
		c := r.content[0]
		if !(c.b <= r.cue.a && a.inQuote[c.a] != 0) {
			continue
		}
		// The relation must end its sentence.
		s := a.d.Sentences[r.sent]
		q := a.nextQuote(r.sent)
		if q == nil || a.d.Sentences[r.sent+1].Paragraph != s.Paragraph && !q.closed {
			continue
		}
		// The next quotation must not carry an attribution of its own
		// outside its marks.
		if last := a.d.SentenceOf(q.b - 1); last > r.sent && outside[last+1]-outside[r.sent+1] > 0 {
			continue
		}
		r.content = append(r.content, q.rng)
	}
}

// nest links a relation whose cue lies inside another's content to it, and
// drops relations inside a direct quotation whose source is the quoted
// speaker's "I" or "we" or missing: those are the speaker's own words.
func (a *annotator) nest() {
	var keep []*rel
	for _, r := range a.rels {
		drop := false
		// A quotation the text never closes may be a stray mark: what
		// follows it is not taken for quoted words.
		if q := a.inQuote[r.cue.a]; q != 0 && a.quotes[q-1].closed && r.lemma != ":" && !a.closingQuote(r.cue.a) {
			// Inside a quotation only a named third party or "he",
			// "she", "they" reports: "I think", "we expect" are the
			// speaker's own words.
			if len(r.source) == 0 {
				drop = true
			} else if w := a.lower[r.source[0].a]; !(w == "he" || w == "she" || w == "they" || a.nameIn(r.source) != "") {
				drop = true
			}
		}
		if !drop {
			keep = append(keep, r)
		}
	}
	a.rels = keep
	// owner[t] is the index+1 of the relation whose content holds token
	// t; contents are bounded by a sentence or a quotation, so filling it
	// is linear in the text.
	owner := make([]int32, len(a.d.Tokens))
	for i, r := range a.rels {
		for _, c := range r.content {
			for t := c.a; t < c.b; t++ {
				if owner[t] == 0 || a.rels[owner[t]-1].cue.a < r.cue.a {
					owner[t] = int32(i + 1)
				}
			}
		}
	}
	for i, r := range a.rels {
		if o := owner[r.cue.a]; o != 0 && int(o-1) != i {
			r.parent = int(o - 1)
		}
	}
}

// attachHedges links the outlet's hedges to the claims they qualify and
// sets each claim's verification status.
func (a *annotator) attachHedges() {
	for _, r := range a.rels {
		r.status = sitrep.StatusUnverified
		// "claimed" rather than "confirmed": the outlet's word keeps its
		// distance.
		head := strings.Fields(r.lemma)
		if h := head[len(head)-1]; h == "claimed" || h == "claims" || h == "claim" || h == "alleged" || h == "alleges" || h == "reportedly" || h == "allegedly" || h == "purportedly" {
			r.hedges = append(r.hedges, r.cue)
		}
		for _, c := range append(append([]rng{}, r.content...), r.cue) {
			for i := c.a; i < c.b; i++ {
				if hedgeWords[a.lower[i]] && a.inQuote[i] == 0 && !(i >= r.cue.a && i < r.cue.b) {
					r.hedges = append(r.hedges, rng{i, i + 1})
				}
			}
		}
	}
	bySent := map[int][]*rel{}
	for _, r := range a.rels {
		bySent[r.sent] = append(bySent[r.sent], r)
	}
	// The last relation of a sentence is the one whose cue comes last.
	for _, rs := range bySent {
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].cue.a > rs[j].cue.a })
	}
	// A sentence of the outlet saying it could not verify qualifies the
	// claims of the same sentence, else the claims of the most recent
	// speaker before it within the three paragraphs before.
	for si := range a.d.Sentences {
		hs := a.hedgeSents[si]
		if len(hs) == 0 {
			continue
		}
		targets := append([]*rel{}, bySent[si]...)
		if len(targets) == 0 {
			para := a.d.Sentences[si].Paragraph
			var last *rel
			var window []*rel
			for k := si - 1; k >= 0 && k >= si-maxHedgeReach && a.d.Sentences[k].Paragraph >= para-3; k-- {
				for _, r := range bySent[k] {
					if r.outlet {
						continue
					}
					if last == nil {
						last = r
					}
					window = append(window, r)
				}
			}
			for _, r := range window {
				if sameSpeaker(r, last) {
					targets = append(targets, r)
				}
			}
		}
		for _, r := range targets {
			r.hedges = append(r.hedges, hs...)
			r.status = sitrep.StatusOutletUnableToVerify
		}
	}
}

func sameSpeaker(r, o *rel) bool {
	if r == o {
		return true
	}
	if r.speaker != "" && r.speaker == o.speaker {
		return true
	}
	return r.name != "" && r.name == o.name
}

// outletClaims keeps the outlet's own checkable assertions: sentences
// outside quotations, with no attribution, that report an event or give a
// figure. This is deliberately narrow; background and analysis are left
// out.
func (a *annotator) outletClaims() {
	has := map[int]bool{}
	for _, r := range a.rels {
		has[r.sent] = true
		for _, c := range r.content {
			if si := a.d.SentenceOf(c.a); si >= 0 {
				for k := si; k < len(a.d.Sentences) && a.d.Sentences[k].FirstTok < c.b; k++ {
					has[k] = true
				}
			}
		}
	}
	for si, s := range a.d.Sentences {
		if has[si] || len(a.hedgeSents[si]) > 0 || s.EndTok-s.FirstTok < 5 {
			continue
		}
		if a.lower[s.EndTok-1] == "?" {
			continue
		}
		quoted, event, hedge := false, false, -1
		for i := s.FirstTok; i < s.EndTok; i++ {
			if a.inQuote[i] != 0 && a.quotes[a.inQuote[i]-1].b-a.quotes[a.inQuote[i]-1].a > 4 {
				quoted = true
			}
			if eventVerbs[a.lower[i]] {
				event = true
			}
			if hedgeWords[a.lower[i]] {
				hedge = i
			}
		}
		if quoted || !event {
			continue
		}
		r := &rel{cue: rng{s.FirstTok, s.FirstTok}, content: []rng{a.trimPunct(rng{s.FirstTok, s.EndTok})}, sent: si,
			parent: -1, polarity: Asserted, outlet: true, speaker: Unattributed, status: sitrep.StatusUnverified}
		if hedge >= 0 {
			// "reportedly", "allegedly": the outlet passes on a claim
			// whose source it does not name.
			r.outlet = false
			r.speaker = Unknown
			r.cue = rng{hedge, hedge + 1}
			r.lemma = a.lower[hedge]
			r.hedges = []rng{r.cue}
		}
		a.rels = append(a.rels, r)
	}
}

// emit writes the relations into d.Claims in text order.
func (a *annotator) emit() {
	d := a.d
	a.dropEmpty()
	order := make([]int, len(a.rels))
	for i := range order {
		order[i] = i
	}
	key := func(r *rel) int {
		if r.outlet && len(r.content) > 0 {
			return d.Tokens[r.content[0].a].Start
		}
		return d.Tokens[min(r.cue.a, len(d.Tokens)-1)].Start
	}
	sort.SliceStable(order, func(i, j int) bool { return key(a.rels[order[i]]) < key(a.rels[order[j]]) })
	ids := make([]string, len(a.rels))
	for n, i := range order {
		ids[i] = "c" + strconv.Itoa(n+1)
	}
	for _, i := range order {
		r := a.rels[i]
		c := sitrep.Claim{ID: ids[i], Speaker: r.speaker, SpeakerName: r.name, Polarity: r.polarity, Status: r.status,
			CueLemma: r.lemma}
		if r.outlet {
			st := d.Tokens[r.content[0].a].Start
			c.Cue = sitrep.Span{Start: st, End: st}
		} else {
			c.Cue = d.TokenSpan(r.cue.a, r.cue.b)
		}
		for _, s := range r.source {
			if !s.empty() {
				c.Source = append(c.Source, d.TokenSpan(s.a, s.b))
			}
		}
		for _, p := range r.content {
			if !p.empty() {
				c.ContentParts = append(c.ContentParts, d.TokenSpan(p.a, p.b))
			}
		}
		if n := len(c.ContentParts); n > 0 {
			c.Content = d.Span(c.ContentParts[0].Start, c.ContentParts[n-1].End)
			if n == 1 {
				c.ContentParts = nil
			}
		}
		c.Mode = a.mode(r)
		if !r.medium.empty() {
			sp := d.TokenSpan(r.medium.a, r.medium.b)
			c.Medium = &sp
		}
		if !r.address.empty() {
			sp := d.TokenSpan(r.address.a, r.address.b)
			c.Addressee = &sp
		}
		seen := map[rng]bool{}
		for _, h := range r.hedges {
			if !h.empty() && !seen[h] {
				seen[h] = true
				c.Hedges = append(c.Hedges, d.TokenSpan(h.a, h.b))
			}
		}
		if r.parent >= 0 {
			c.Parent = ids[r.parent]
		}
		c.When = a.when(r)
		d.Claims = append(d.Claims, c)
	}
}

// dropEmpty removes the relations left with no content once their parts
// were cut ("claiming full control of" whose object the source took): a
// claim must show what was said. A claim nested in a dropped one is kept
// as a claim of its own.
func (a *annotator) dropEmpty() {
	idx := make([]int, len(a.rels))
	var kept []*rel
	for i, r := range a.rels {
		idx[i] = -1
		for _, p := range r.content {
			if !p.empty() {
				idx[i] = len(kept)
				kept = append(kept, r)
				break
			}
		}
	}
	if len(kept) == len(a.rels) {
		return
	}
	for _, r := range kept {
		if r.parent >= 0 {
			r.parent = idx[r.parent]
		}
	}
	a.rels = kept
}

// mode tells direct from indirect and mixed quotation.
func (a *annotator) mode(r *rel) string {
	if r.outlet {
		return ModeOutlet
	}
	if len(r.content) == 0 {
		return ModeIndirect
	}
	all, some := true, false
	for _, p := range r.content {
		for i := p.a; i < p.b; i++ {
			if a.inQuote[i] != 0 {
				some = true
			} else if a.word(i) {
				all = false
			}
		}
	}
	switch {
	case all && some:
		return ModeDirect
	case some:
		return ModeMixed
	}
	return ModeIndirect
}

// when returns the ID of the time expression said of the statement: one in
// the sentence of the cue that lies outside the content.
func (a *annotator) when(r *rel) string {
	if r.outlet || len(a.d.Times) == 0 {
		return ""
	}
	if a.timesBySent == nil {
		a.timesBySent = map[int][]timeRef{}
		for _, t := range a.d.Times {
			for _, m := range t.Mentions {
				if si := a.d.SentenceOf(a.d.TokenAt(m.Start)); si >= 0 {
					a.timesBySent[si] = append(a.timesBySent[si], timeRef{t.ID, m})
				}
			}
		}
	}
	// The time of the statement stands between the source and the cue
	// ("Peskov on Monday said"), or after the cue up to its content ("said
	// Tuesday that") or to the end of the sentence when the content came
	// before ("he said late Sunday"); a time inside the source or a
	// content is something else's.
	s := a.d.Sentences[r.sent]
	from, to := r.cue.a, s.EndTok
	for _, src := range r.source {
		if src.b <= r.cue.a {
			from = src.b
		}
	}
	for _, p := range r.content {
		if p.a >= r.cue.b && p.a < to {
			to = p.a
		}
	}
	lo, hi := a.d.Tokens[from].Start, a.d.Tokens[max(to-1, from)].End
	best, bestDist := "", 1<<30
	cue := a.d.Tokens[r.cue.a].Start
	for _, tr := range a.timesBySent[r.sent] {
		m := tr.m
		if m.Start < lo || m.End > hi {
			continue
		}
		dist := m.Start - cue
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = tr.id, dist
		}
	}
	return best
}
