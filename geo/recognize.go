package geo

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"sitrep"
	"sitrep/gazetteer"
)

// maxNameTokens bounds a toponym's length in tokens ("Sant Julià de
// Lòria" is 4, "Bosnia and Herzegovina" 3; hyphens and periods count).
const maxNameTokens = 8

// Mention is a toponym found in the text, before resolution.
type Mention struct {
	// Tok0, Tok1 are the tokens [Tok0, Tok1) of the name; Start, End its
	// code-point span.
	Tok0, Tok1 int
	Start, End int
	// Cands are the gazetteer places the name may be, most trusted and
	// populous first.
	Cands []gazetteer.Candidate
	// Natural is the kind of natural feature the text makes of the name
	// ("river" for "Irpin River"), "" when none; Cands then hold the
	// feature's own entries if the gazetteer has any.
	Natural string
	// Strong is set when the context says it is a place ("in X", "X,
	// Country"); such mentions pass the common-word filter.
	Strong bool
	// Capital is set for "the capital", "the country's capital" and
	// "Ukraine's capital": CapitalOf is then the country code, or "" for
	// the document's focus.
	Capital   bool
	CapitalOf string
	// Entity marks a span that the ner stage typed GPE, LOC or FAC.
	Entity bool
	// Demonym marks an adjectival toponym ("Russian", "Ukrainians"): it
	// names a country as a side, not a place where something happened.
	Demonym bool
}

func isCap(s string) bool {
	// "#Kherson": a hashtag of a name is the name
	if len(s) > 1 && s[0] == '#' {
		s = s[1:]
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}

// tokKey returns the lower-case key of token i.
func tokKey(d *sitrep.Doc, buf []byte, i int) []byte {
	return gazetteer.AppendKey(buf[:0], d.TokenText(i))
}

// recognizer holds the per-document scratch space.
type recognizer struct {
	g     *gazetteer.Gazetteer
	d     *sitrep.Doc
	key   []byte
	best  []byte
	first []bool
	// tagged is set when the ner stage found entities in the document;
	// ent marks the tokens inside one.
	tagged bool
	ent    []uint8
	// v matches spelling variants of names of Cyrillic-writing countries.
	v    *variantIndex
	vbuf []byte
	// person holds the one-word names seen as the end of a longer
	// capitalized name ("Tom Jones"): alone later ("Jones said") they are
	// the same person, not a town.
	person map[string]bool
}

// Recognize finds the toponyms of d from the gazetteer, the ner stage's
// GPE/LOC/FAC entities when present, and the phrases that name a capital.
// Mentions come in text order and do not overlap.
func Recognize(g *gazetteer.Gazetteer, d *sitrep.Doc) []Mention {
	r := &recognizer{g: g, d: d, key: make([]byte, 0, 64), best: make([]byte, 0, 64), person: map[string]bool{}, v: variants(g)}
	r.first = make([]bool, len(d.Tokens))
	for _, s := range d.Sentences {
		if s.FirstTok < len(r.first) {
			r.first[s.FirstTok] = true
			// a sentence may open with a quote
			if j := s.FirstTok; j+1 < len(d.Tokens) && d.Tokens[j].Kind == sitrep.TokQuote {
				r.first[j+1] = true
			}
		}
	}
	if len(d.Sentences) == 0 && len(d.Tokens) > 0 {
		r.first[0] = true
	}
	blocked := r.entityBlocks()
	r.tagged, r.ent = blocked != nil, blocked
	var ms []Mention
	for i := 0; i < len(d.Tokens); i++ {
		if blocked != nil && blocked[i] == 1 {
			// a person or organisation entity starts here: it may still
			// be a town the tagger took for a name, or hold one
			// ("Kharkiv National University")
			j := i + 1
			for j < len(d.Tokens) && blocked[j] == 4 {
				j++
			}
			ms = append(ms, r.insideName(i, j)...)
			i = j - 1
			continue
		}
		if blocked != nil && blocked[i] == 4 {
			continue
		}
		if blocked != nil && blocked[i] == 2 {
			// a GPE/LOC/FAC entity starts here
			j := i
			for j < len(d.Tokens) && blocked[j] == 3 || j == i {
				j++
			}
			m := r.entityMention(i, j)
			ms = append(ms, m)
			i = max(j, m.Tok1) - 1
			continue
		}
		m, ok := r.at(i)
		if !ok {
			continue
		}
		ms = append(ms, m)
		i = m.Tok1 - 1
	}
	if len(r.person) > 0 {
		kept := ms[:0]
		for _, m := range ms {
			if m.Tok1 == m.Tok0+1 && !m.Strong && !m.Demonym && !m.Entity && r.person[string(tokKey(d, r.best, m.Tok0))] {
				continue
			}
			kept = append(kept, m)
		}
		ms = kept
	}
	for k := range ms {
		r.addVariants(&ms[k])
	}
	r.districts(ms)
	ms = r.capitals(ms)
	sort.SliceStable(ms, func(a, b int) bool { return ms[a].Start < ms[b].Start })
	return ms
}

// entityBlocks marks tokens covered by the ner stage's entities: 1 at the
// start and 4 inside a person, organisation or group (not a place as a
// whole: "Washington Post"), 2 at the start and 3 inside a GPE, LOC or FAC
// span. It is nil when the ner stage found nothing.
func (r *recognizer) entityBlocks() []uint8 {
	if len(r.d.Entities) == 0 {
		return nil
	}
	b := make([]uint8, len(r.d.Tokens))
	for _, e := range r.d.Entities {
		for _, sp := range e.Mentions {
			i, j := r.d.TokenAt(sp.Start), r.d.TokenAt(sp.End)
			if i >= j || i >= len(b) {
				continue
			}
			switch e.Type {
			case sitrep.GPE, sitrep.LOC, sitrep.FAC:
				b[i] = 2
				for k := i + 1; k < j && k < len(b); k++ {
					b[k] = 3
				}
			case sitrep.PER, sitrep.ORG:
				b[i] = 1
				for k := i + 1; k < j && k < len(b); k++ {
					b[k] = 4
				}
			}
		}
	}
	return b
}

// entityMention makes a mention of the ner span [i, j): the whole span
// when the gazetteer knows it; the name before a region word ("Kharkiv
// Oblast"); the longest tail after a lower-case word or "of" ("the city of
// Kyiv"); the name a facility is named after ("Kherson Airport", "Mykolaiv
// Oncology Hospital": the town, not a namesake "Hospital"); else any
// longer tail.
func (r *recognizer) entityMention(i, j int) Mention {
	d := r.d
	// "Kyiv Oblast" when the tagger took only "Kyiv": the region word
	// joins, as it does for a name found without the tagger.
	// A lower-case "region" is as often the area around a town ("the
	// Lyman region") and is left to the events stage.
	if j < len(d.Tokens) && d.Tokens[j].Kind == sitrep.TokWord && isCap(d.TokenText(j)) && regionWords[string(tokKey(d, r.best, j))] && !regionWords[string(tokKey(d, r.best, j-1))] && !r.inEntity(j) {
		j++
	}
	m := Mention{Tok0: i, Tok1: j, Start: d.Tokens[i].Start, End: d.Tokens[j-1].End, Entity: true, Strong: true}
	if c := r.lookup(i, j); len(c) > 0 {
		m.Cands = c
		if j == i+1 {
			// A common word the tagger took for a place ("the Police
			// station") needs a locative context like any other.
			k := string(tokKey(d, r.best, i))
			if commonWords[k] || facilityHeads[k] {
				m.Strong = false
				r.context(&m)
				if !m.Strong {
					m.Cands = nil
				}
				return m
			}
		}
		r.context(&m)
		return m
	}
	if j-i >= 2 && regionWords[string(tokKey(d, r.best, j-1))] {
		if c := r.lookup(i, j-1); len(c) > 0 {
			m.Cands = c
			r.context(&m)
			return m
		}
	}
	// "the city of Kyiv", "destroyed in Kyiv"
	for a := max(i+1, j-maxNameTokens); a < j && !(a == j-1 && loneTail(d.TokenText(a))); a++ {
		pk := string(tokKey(d, r.best, a-1))
		if pk != "of" && pk != "in" && isCap(d.TokenText(a-1)) {
			continue
		}
		if c := r.lookup(a, j); len(c) > 0 && r.placeName(a, j, c) {
			m.Cands = c
			r.context(&m)
			return m
		}
	}
	if sub, ok := r.namedAfter(i, j); ok {
		sub.Entity = true
		return sub
	}
	for a := max(i+1, j-maxNameTokens); a < j && !(a == j-1 && loneTail(d.TokenText(a))); a++ {
		if c := r.lookup(a, j); len(c) > 0 && r.placeName(a, j, c) {
			m.Cands = c
			break
		}
	}
	if len(m.Cands) == 0 {
		// "Svyatohirsk" for the gazetteer's "Svyatogorsk"
		b := j
		if j-i >= 2 && regionWords[string(tokKey(d, r.best, j-1))] {
			b = j - 1
		}
		m.Cands = r.variantCands(i, b)
	}
	r.context(&m)
	return m
}

// loneTail reports whether the last word of a longer name is no name of
// its own: a common word, a compass point, a region word or a feature
// word. "South China Sea" is not Seattle, an alternate name of which in
// GeoNames is "Sea".
func loneTail(w string) bool {
	k := gazetteer.Key(w)
	return commonWords[k] || before[k] || compass[k] || regionWords[k] || naturalHeads[k] != ""
}

// variantCands returns the places whose name is a spelling variant of
// tokens [a, b) (see variantKey).
func (r *recognizer) variantCands(a, b int) []gazetteer.Candidate {
	r.key = r.key[:0]
	for k := a; k < b; k++ {
		r.key = gazetteer.AppendKey(r.key, r.d.TokenText(k))
	}
	var out []gazetteer.Candidate
	r.vbuf = r.vbuf[:0]
	out = r.v.lookupVariants(out, r.key, r.vbuf)
	return out
}

// variantAt recognizes at token i a name the gazetteer knows only in
// another spelling, when the context says it is a place: "in Svyatohirsk",
// "through Lyubotin", "Marinka, Donetsk Oblast". Up to three capitalized
// words, the longest first.
func (r *recognizer) variantAt(i int) (Mention, bool) {
	d := r.d
	w := d.TokenText(i)
	if !isCap(w) || isAllCaps(w) {
		return Mention{}, false
	}
	j := i
	for j < len(d.Tokens) && j < i+3 && d.Tokens[j].Kind == sitrep.TokWord && isCap(d.TokenText(j)) && (j == i || !r.first[j]) {
		j++
	}
	// "of" and "to" are too weak here: "the son of X", "according to X";
	// but "the village of X" is a place.
	if i > 0 {
		if pk := string(tokKey(d, r.best, i-1)); pk == "to" || pk == "of" && (i < 2 || !settlementWords[string(tokKey(d, r.best, i-2))]) {
			return Mention{}, false
		}
	}
	for b := j; b > i; b-- {
		m := Mention{Tok0: i, Tok1: b, Start: d.Tokens[i].Start, End: d.Tokens[b-1].End}
		r.context(&m)
		if !m.Strong {
			continue
		}
		if b < len(d.Tokens) && d.Tokens[b].Kind == sitrep.TokWord && isCap(d.TokenText(b)) && !regionWords[string(tokKey(d, r.best, b))] {
			continue // part of a longer name
		}
		r.best = r.best[:0]
		for k := i; k < b; k++ {
			r.best = gazetteer.AppendKey(r.best, d.TokenText(k))
		}
		key := string(r.best)
		if commonWords[key] || months[key] || firstNames[key] || personNames[key] || facilityHeads[key] || before[key] {
			continue
		}
		if c := r.variantCands(i, b); len(c) > 0 {
			m.Cands = c
			return m, true
		}
	}
	return Mention{}, false
}

// addVariants adds to a name that a place of a Cyrillic-writing country
// bears the places that bear it in another spelling: "Trostyanets" is a
// town in Vinnytsia Oblast and, as "Trostianets", one in Sumy Oblast.
func (r *recognizer) addVariants(m *Mention) {
	if len(m.Cands) == 0 || m.Natural != "" || m.Demonym || m.Capital {
		return
	}
	cyr := false
	for _, c := range m.Cands {
		cyr = cyr || cyrillicCountries[r.g.Places[c.Place].Country]
	}
	if !cyr {
		return
	}
	b := m.Tok1
	if b-m.Tok0 >= 2 && regionWords[string(tokKey(r.d, r.best, b-1))] {
		b--
	}
	r.key = r.key[:0]
	for k := m.Tok0; k < b; k++ {
		r.key = gazetteer.AppendKey(r.key, r.d.TokenText(k))
	}
	// Only in the countries the name already has: a Ukrainian name's
	// Russian spelling is a Russian town's too, and the name as written
	// says which country's form it is.
	n := len(m.Cands)
	r.vbuf = r.vbuf[:0]
	all := r.v.lookupVariants(m.Cands, r.key, r.vbuf)
	kept := all[:n]
	for _, c := range all[n:] {
		cc := r.g.Places[c.Place].Country
		for _, e := range all[:n] {
			if r.g.Places[e.Place].Country == cc {
				kept = append(kept, c)
				break
			}
		}
	}
	m.Cands = kept
}

// lookup returns the candidates of the name of tokens [a, b).
func (r *recognizer) lookup(a, b int) []gazetteer.Candidate {
	r.key = r.key[:0]
	for k := a; k < b; k++ {
		r.key = gazetteer.AppendKey(r.key, r.d.TokenText(k))
	}
	return r.g.Lookup(nil, r.key)
}

// placeName reports whether tokens [a, b), whose candidates are c, can
// name a place found inside a longer name: capitalized, not a common word,
// a given name or a facility word, and more than a village's alternate
// name.
func (r *recognizer) placeName(a, b int, c []gazetteer.Candidate) bool {
	if !r.plainName(a, b) {
		return false
	}
	m := Mention{Cands: c}
	return r.trusted(&m) && r.notTiny(&m)
}

// plainName reports whether tokens [a, b) may be a place's name at all:
// capitalized, no short acronym, no common word, given name or facility
// word.
func (r *recognizer) plainName(a, b int) bool {
	d := r.d
	if !isCap(d.TokenText(a)) || isAllCaps(d.TokenText(a)) && b == a+1 {
		return false
	}
	r.best = r.best[:0]
	for k := a; k < b; k++ {
		r.best = gazetteer.AppendKey(r.best, d.TokenText(k))
	}
	key := string(r.best)
	return !(commonWords[key] || months[key] || firstNames[key] || personNames[key] || facilityHeads[key] || before[key] || connectors[key])
}

// namedAfter finds, in the name [i, j) of an organisation, a building or
// an office, the place it is named after and so stands in: "Kharkiv
// National University", "Okhtyrka City Council", "Melitopol Mayor",
// "Faculty of Economics of Kharkiv". The place comes first and a facility
// word follows inside the name (or right after it: "Kyiv TV tower"), or
// it follows "of" at the end. An outlet or a team named after a place
// ("Washington Post", "Kyiv Independent") has no facility word and stays
// no place.
func (r *recognizer) namedAfter(i, j int) (Mention, bool) {
	d := r.d
	facility := func(a, b int) bool {
		for k := a; k < b && k < len(d.Tokens) && k < a+maxNameTokens; k++ {
			if facilityHeads[string(tokKey(d, r.best, k))] {
				return true
			}
		}
		return false
	}
	for a := i; a < j; a++ {
		ofBefore := a > i && string(tokKey(d, r.best, a-1)) == "of"
		if a > i && !ofBefore {
			continue
		}
		for b := min(j, a+maxNameTokens); b > a; b-- {
			c := r.lookup(a, b)
			ok := len(c) > 0 && r.placeName(a, b, c)
			if len(c) == 0 {
				// "Sviatohirsk Cave Monastery" for the gazetteer's
				// Svyatogorsk
				c = r.variantCands(a, b)
				ok = len(c) > 0 && r.plainName(a, b)
			}
			if !ok {
				continue
			}
			after := facility(b, j+1) // "Kyiv TV tower", "Mariupol Drama theatre"
			if a == i && b < j && after || ofBefore && (b == j || after) {
				m := Mention{Tok0: a, Tok1: b, Start: d.Tokens[a].Start, End: d.Tokens[b-1].End, Cands: c, Strong: true}
				return m, true
			}
			break
		}
	}
	return Mention{}, false
}

// insideName returns the places of a person or organisation entity
// [i, j): the whole name when it is a town's and the context or the
// town's size says so (taggers trained on other news often take an
// unfamiliar town for a name: "troops moving through Volnovakha"), else
// the place a facility is named after.
func (r *recognizer) insideName(i, j int) []Mention {
	d := r.d
	if j-i > maxNameTokens {
		// a long span is some tagger's run-on; only the place a facility
		// is named after is looked for, in bounded windows
		if m, ok := r.namedAfter(i, j); ok {
			return []Mention{m}
		}
		return nil
	}
	// "Donetsk Oblast" taken for a person: the region
	if j-i >= 2 && regionWords[string(tokKey(d, r.best, j-1))] && !regionWords[string(tokKey(d, r.best, j-2))] {
		if c := r.lookup(i, j-1); len(c) > 0 && r.placeName(i, j-1, c) {
			return []Mention{{Tok0: i, Tok1: j, Start: d.Tokens[i].Start, End: d.Tokens[j-1].End, Cands: c, Strong: true}}
		}
	}
	if c := r.lookup(i, j); len(c) > 0 && r.placeName(i, j, c) {
		m := Mention{Tok0: i, Tok1: j, Start: d.Tokens[i].Start, End: d.Tokens[j-1].End, Cands: c}
		r.context(&m)
		// A capitalized word right before or after makes it part of a
		// longer name the tagger cut ("Mr Lyman").
		prevCap := i > 0 && !r.first[i] && d.Tokens[i-1].Kind == sitrep.TokWord && isCap(d.TokenText(i-1)) && !before[string(tokKey(d, r.best, i-1))]
		// One word alone: a person's surname or an organisation's name
		// may be a village's; only a locative context or a town of some
		// size makes it the place.
		if !prevCap && (m.Strong || j-i >= 2 || r.sizable(c, 10000)) {
			return []Mention{m}
		}
	}
	if m, ok := r.namedAfter(i, j); ok {
		return []Mention{m}
	}
	if j-i <= 3 {
		if m, ok := r.variantAt(i); ok && m.Tok1 == j {
			return []Mention{m}
		}
	}
	// "Residences Kramatorsk, Donetsk Oblast": a name that ends the span
	// and is placed in a region or country right after it.
	for a := i + 1; a < j; a++ {
		if c := r.lookup(a, j); len(c) > 0 && r.placeName(a, j, c) {
			m := Mention{Tok0: a, Tok1: j, Start: d.Tokens[a].Start, End: d.Tokens[j-1].End, Cands: c}
			r.context(&m)
			if m.Strong {
				return []Mention{m}
			}
			break
		}
	}
	return nil
}

// sizable reports whether the most trusted and populous candidate of c
// is a town of at least n people, or a region or country.
func (r *recognizer) sizable(c []gazetteer.Candidate, n int) bool {
	if len(c) == 0 {
		return false
	}
	p := &r.g.Places[c[0].Place]
	return p.Kind != gazetteer.KindCity || p.Population >= n
}

// at tries a toponym starting at token i.
func (r *recognizer) at(i int) (Mention, bool) {
	d := r.d
	t := d.Tokens[i]
	if t.Kind != sitrep.TokWord {
		return Mention{}, false
	}
	w := d.TokenText(i)
	if !isCap(w) {
		return r.lowerAt(i)
	}
	// An all-caps code ("US", "UK") matches only written in capitals.
	if isAllCaps(w) {
		if c := r.g.Lookup(nil, append([]byte("="), w...)); len(c) > 0 {
			return Mention{Tok0: i, Tok1: i + 1, Start: t.Start, End: t.End, Cands: c}, true
		}
	}
	if cc, ok := r.g.Demonym(w); ok {
		if ci, ok := r.g.Country(cc); ok {
			return Mention{Tok0: i, Tok1: i + 1, Start: t.Start, End: t.End, Demonym: true,
				Cands: []gazetteer.Candidate{{Place: ci, Source: gazetteer.SourceName}}}, true
		}
	}
	// Longest window [i, j) whose key is a gazetteer name.
	end := -1
	var cands []gazetteer.Candidate
	r.key = r.key[:0]
	for j := i; j < len(d.Tokens) && j < i+maxNameTokens; j++ {
		tj := d.Tokens[j]
		if j > i && r.first[j] {
			break
		}
		tw := d.TokenText(j)
		switch tj.Kind {
		case sitrep.TokWord:
		case sitrep.TokDash:
			if tj.SpaceBefore {
				goto done
			}
		case sitrep.TokPunct:
			if tw != "." || tj.SpaceBefore {
				goto done
			}
		default:
			goto done
		}
		r.key = gazetteer.AppendKey(r.key, tw)
		if tj.Kind == sitrep.TokWord && (isCap(tw) || j == i) {
			if c := r.g.Lookup(cands[:0], r.key); len(c) > 0 {
				cands = c
				end = j + 1
				continue
			}
		}
		if tj.Kind == sitrep.TokWord && !isCap(tw) && !connectors[string(tokKey(d, r.best, j))] {
			break
		}
	}
done:
	if end < 0 {
		// "Zzyzx River": a natural feature the gazetteer does not know
		// stays in the record, unresolved.
		if i+1 < len(d.Tokens) && !isAllCaps(w) && d.Tokens[i+1].Kind == sitrep.TokWord && !before[string(tokKey(d, r.best, i))] {
			nw := d.TokenText(i + 1)
			if nat := naturalHeads[string(tokKey(d, r.best, i+1))]; nat != "" && isCap(nw) && nat != "mountain" {
				return Mention{Tok0: i, Tok1: i + 2, Start: t.Start, End: d.Tokens[i+1].End, Natural: nat, Strong: true}, true
			}
		}
		return r.variantAt(i)
	}
	m := Mention{Tok0: i, Tok1: end, Start: t.Start, End: d.Tokens[end-1].End, Cands: cands}
	if end == i+1 {
		k := string(tokKey(d, r.best, i))
		// Function words ("The", "But") are alternate names of big cities.
		if before[k] || connectors[k] {
			return Mention{}, false
		}
		// Months before a day are dates ("March 24").
		if months[k] && end < len(d.Tokens) && d.Tokens[end].Kind == sitrep.TokNumber {
			return Mention{}, false
		}
		// Short capitals are acronyms ("TASS", "NATO"), not towns.
		if isAllCaps(w) && len(w) <= 5 {
			return Mention{}, false
		}
	}
	if !r.accept(&m) {
		return Mention{}, false
	}
	// "Kan." and "W.Va.": the period belongs to the abbreviation.
	if m.Tok1 < len(d.Tokens) && m.End-m.Start <= 5 && d.TokenText(m.Tok1) == "." && !d.Tokens[m.Tok1].SpaceBefore && m.Natural == "" {
		for _, c := range m.Cands {
			if c.Source == gazetteer.SourceAlias && r.g.Places[c.Place].Kind == gazetteer.KindAdmin1 {
				m.Tok1++
				m.End = d.Tokens[m.Tok1-1].End
				break
			}
		}
	}
	return m, true
}

// accept applies the context rules to a gazetteer match and extends it
// with what follows ("River", "Oblast").
func (r *recognizer) accept(m *Mention) bool {
	d := r.d
	i, j := m.Tok0, m.Tok1
	// Part of a longer capitalized name: "Chiquita Raquel Henry".
	if i > 0 && !r.first[i] && d.Tokens[i-1].Kind == sitrep.TokWord {
		pw := d.TokenText(i - 1)
		if isCap(pw) && !before[string(tokKey(d, r.best, i-1))] {
			if j == i+1 {
				r.person[string(tokKey(d, r.best, i))] = true
			}
			return false
		}
	}
	if i > 0 && r.first[i-1] && d.Tokens[i-1].Kind == sitrep.TokWord {
		pw := d.TokenText(i - 1)
		if isCap(pw) && !before[string(tokKey(d, r.best, i-1))] && len(pw) > 1 {
			// "Raquel Henry" at the start of a sentence; but "Police
			// in X" never reaches here
			if !r.isPlaceWord(i - 1) {
				return false
			}
		}
	}
	// What follows.
	if j < len(d.Tokens) && d.Tokens[j].Kind == sitrep.TokWord {
		nk := string(tokKey(d, r.best, j))
		nw := d.TokenText(j)
		switch {
		case naturalHeads[nk] != "":
			m.Natural = naturalHeads[nk]
			m.Tok1 = j + 1
			m.End = d.Tokens[j].End
			m.Cands = r.naturalCands(m)
			m.Strong = true
			return true
		case regionWords[nk] && !regionWords[string(tokKey(d, r.best, j-1))]:
			// "Donetsk region": keep the name, the resolver prefers the
			// region; the word joins the span.
			m.Tok1 = j + 1
			m.End = d.Tokens[j].End
			m.Strong = true
			return true
		case streetHeads[nk] && isCap(nw):
			return false
		case (nw == "'s" || nw == "’s") && saintWords[string(tokKey(d, r.best, i))] && !r.bigCity(m):
			// "St. Mary's", "St. Michael's": a church, school or hospital
			// named after a saint, not the small town or parish of that
			// name ("St. Louis's suburbs" are the city's).
			return false
		}
		// "Ohio Department of Transportation", "Gainesville Police": an
		// organisation named after a place still names the place.
		if isCap(nw) && !r.first[j] && !r.isPlaceWord(j) && !orgHeads[nk] {
			// "Henry Ford", "Kyiv Independent": a longer name goes on
			if !r.bigPlace(m) {
				return false
			}
		}
	}
	r.context(m)
	r.best = r.best[:0]
	for k := m.Tok0; k < m.Tok1; k++ {
		r.best = gazetteer.AppendKey(r.best, d.TokenText(k))
	}
	key := string(r.best)
	if commonWords[key] && !m.Strong || months[key] {
		return false
	}
	// "Michael" or "Mary Smith": a first name is a person's.
	if firstNames[key] && (!m.Strong || m.Tok1 < len(d.Tokens) && isCap(d.TokenText(m.Tok1))) {
		return false
	}
	if personNames[key] && !m.Strong && !r.bigPlace(m) {
		return false
	}
	// At the start of a sentence every word is capitalized: when the ner
	// stage ran and left the word out of every entity, a lone word there
	// ("Train with equipment moving south", "Crater from a strike") is a
	// word, unless it names a big place.
	// A dateline ("Horenka, drone footage") or a place word after
	// ("Borodyanka village council") still makes it a place.
	if !m.Strong && m.Tok1 == m.Tok0+1 && r.opens(m.Tok0) && r.tagged && !r.inEntity(m.Tok0) && !r.bigPlace(m) && !r.placeAfter(m.Tok1) {
		return false
	}
	// A small town's alternate name alone is too weak a sign.
	if !m.Strong && !r.trusted(m) {
		return false
	}
	// Villages under 1,000 people are kept for resolution, but their
	// names alone are mostly something else.
	if !m.Strong && !r.notTiny(m) {
		return false
	}
	return true
}

// isPlaceWord reports whether token i alone is a capitalized gazetteer name.
func (r *recognizer) isPlaceWord(i int) bool {
	w := r.d.TokenText(i)
	if !isCap(w) {
		return false
	}
	k := tokKey(r.d, r.best, i)
	return !commonWords[string(k)] && r.g.Has(k)
}

// bigCity reports whether the mention names a city of 100,000 people or
// more (by any of its names: "St. Paul" is Saint Paul's alternate).
func (r *recognizer) bigCity(m *Mention) bool {
	for _, c := range m.Cands {
		p := &r.g.Places[c.Place]
		if p.Kind == gazetteer.KindCity && p.Population >= 100000 {
			return true
		}
	}
	return false
}

// bigPlace reports whether one of m's candidates is a country, a region or
// a town of 100,000 people named by its own name.
func (r *recognizer) bigPlace(m *Mention) bool {
	for _, c := range m.Cands {
		p := &r.g.Places[c.Place]
		if c.Source == gazetteer.SourceAlternate {
			continue
		}
		if p.Kind != gazetteer.KindCity || p.Population >= 100000 {
			return true
		}
	}
	return false
}

// notTiny reports whether one of m's candidates is more than a village
// under 1,000 people that is no administrative seat.
func (r *recognizer) notTiny(m *Mention) bool {
	for _, c := range m.Cands {
		p := &r.g.Places[c.Place]
		if p.Kind != gazetteer.KindCity || p.Population >= 1000 || p.Feature != "" {
			return true
		}
	}
	return false
}

// trusted reports whether m names something by more than a small town's
// alternate name.
func (r *recognizer) trusted(m *Mention) bool {
	for _, c := range m.Cands {
		p := &r.g.Places[c.Place]
		if c.Source != gazetteer.SourceAlternate || p.Kind != gazetteer.KindCity && p.Kind != gazetteer.KindAdmin2 || p.Kind == gazetteer.KindCity && p.Population >= 50000 {
			return true
		}
	}
	return false
}

// context sets Strong when the words around m make it a place: a locative
// preposition before, or ", Region" / ", Country" after.
func (r *recognizer) context(m *Mention) {
	d := r.d
	if m.Tok0 > 0 && d.Tokens[m.Tok0-1].Kind == sitrep.TokWord {
		if locativeBefore[string(tokKey(d, r.best, m.Tok0-1))] {
			m.Strong = true
		}
	}
	j := m.Tok1
	if j+1 < len(d.Tokens) && d.TokenText(j) == "," && d.Tokens[j+1].Kind == sitrep.TokWord && isCap(d.TokenText(j+1)) {
		k := tokKey(d, r.best, j+1)
		for _, c := range r.g.Lookup(nil, k) {
			if k := r.g.Places[c.Place].Kind; k == gazetteer.KindAdmin1 || k == gazetteer.KindCountry {
				m.Strong = true
				break
			}
		}
	}
}

// naturalCands looks "Irpin River" up as a whole; only a feature of the
// right kind counts, never the town.
func (r *recognizer) naturalCands(m *Mention) []gazetteer.Candidate {
	r.key = r.key[:0]
	for k := m.Tok0; k < m.Tok1; k++ {
		r.key = gazetteer.AppendKey(r.key, r.d.TokenText(k))
	}
	var out []gazetteer.Candidate
	for _, c := range r.g.Lookup(nil, r.key) {
		if r.g.Places[c.Place].Kind.String() == m.Natural {
			out = append(out, c)
		}
	}
	return out
}

// capitals finds "the capital", "the country's capital", "the nation's
// capital" and "Ukraine's capital". A capital named right after ("the
// capital, Kyiv", "the capital Kyiv") is left to the name itself.
func (r *recognizer) capitals(ms []Mention) []Mention {
	d := r.d
	n := len(ms)
	for k := 1; k < len(d.Tokens); k++ {
		if d.Tokens[k].Kind != sitrep.TokWord || string(tokKey(d, r.best, k)) != "capital" {
			continue
		}
		if k+1 < len(d.Tokens) {
			nk := string(tokKey(d, r.best, k+1))
			if nk == "city" && k+2 < len(d.Tokens) {
				nk = string(tokKey(d, r.best, k+2))
			}
			if r.isPlaceWord(k+1) || (k+2 < len(d.Tokens) && r.isPlaceWord(k+2) && d.TokenText(k+1) == ",") {
				continue
			}
		}
		m := Mention{Tok1: k + 1, End: d.Tokens[k].End, Capital: true, Strong: true}
		p := k - 1
		pk := string(tokKey(d, r.best, p))
		switch {
		case pk == "the":
			m.Tok0 = p
		case pk == "s" && p > 0:
			q := p - 1
			qk := string(tokKey(d, r.best, q))
			switch {
			case qk == "country" || qk == "nation":
				m.Tok0 = q
				if q > 0 && string(tokKey(d, r.best, q-1)) == "the" {
					m.Tok0 = q - 1
				}
			default:
				// "Ukraine's capital": the mention before names the country
				found := false
				for x := n - 1; x >= 0; x-- {
					if ms[x].Tok1 == q+1 {
						for _, c := range ms[x].Cands {
							if pl := &r.g.Places[c.Place]; pl.Kind == gazetteer.KindCountry {
								m.CapitalOf = pl.Country
								found = true
								break
							}
						}
						if found {
							m.Tok0 = ms[x].Tok0
						}
						break
					}
				}
				if !found {
					continue
				}
			}
		default:
			continue
		}
		m.Start = d.Tokens[m.Tok0].Start
		ms = append(ms, m)
	}
	return ms
}

// lowerAt recognizes a city's name written in lower case right after a
// locative ("russian forces in melitopol"), as hurried posts write it: a
// city of 50,000 people or more by its own name ("human" is an old name
// of Uman), never a common word.
func (r *recognizer) lowerAt(i int) (Mention, bool) {
	d := r.d
	if i == 0 || d.Tokens[i-1].Kind != sitrep.TokWord || !lowerLocatives[string(tokKey(d, r.best, i-1))] {
		return Mention{}, false
	}
	w := d.TokenText(i)
	if len(w) < 5 {
		return Mention{}, false
	}
	k := tokKey(d, r.key, i)
	if ks := string(k); commonWords[ks] || months[ks] || before[ks] || connectors[ks] || firstNames[ks] || facilityHeads[ks] {
		return Mention{}, false
	}
	for _, c := range r.g.Lookup(nil, k) {
		p := &r.g.Places[c.Place]
		if (c.Source == gazetteer.SourceName || c.Source == gazetteer.SourceAlias) && p.Kind == gazetteer.KindCity && p.Population >= 50000 {
			t := d.Tokens[i]
			return Mention{Tok0: i, Tok1: i + 1, Start: t.Start, End: t.End, Cands: r.g.Lookup(nil, k), Strong: true}, true
		}
	}
	return Mention{}, false
}

// lowerLocatives before a lower-case word make it a place name.
var lowerLocatives = set("in", "near", "at", "through", "outside", "into", "towards", "toward")

// inEntity reports whether token i is inside an entity of the ner stage.
func (r *recognizer) inEntity(i int) bool {
	return i < len(r.ent) && r.ent[i] != 0
}

// opens reports whether token i opens its sentence, after nothing but
// numbers and punctuation ("05/05/2022 Train with equipment").
func (r *recognizer) opens(i int) bool {
	for k := i; k >= 0 && i-k < 12; k-- {
		if r.first[k] {
			return true
		}
		if k < i && r.d.Tokens[k].Kind == sitrep.TokWord {
			return false
		}
	}
	return false
}

// placeAfter reports whether token j, right after a name, makes the name
// a place: a comma (a dateline), a settlement word or a facility word.
func (r *recognizer) placeAfter(j int) bool {
	if j >= len(r.d.Tokens) {
		return false
	}
	if r.d.TokenText(j) == "," {
		return true
	}
	k := string(tokKey(r.d, r.best, j))
	return settlementWords[k] || facilityHeads[k] || regionWords[k]
}

// settlementWords after a name say what kind of place it is.
var settlementWords = set("village", "town", "city", "settlement", "hamlet", "suburb", "outskirts")

// districtWords name the parts of a city.
var districtWords = set("district", "microdistrict", "neighbourhood", "neighborhood", "quarter", "borough")

// districts handles "X district of Y" and "X district, Y, Region", where X
// names a part of the city Y ("Vostochny district of Mariupol"): X keeps
// only the candidates near Y, and with none it stays unresolved rather
// than a far namesake ("Vostochny" in Stavropol Krai). Districts of a
// region ("Izium district, Kharkiv Oblast") are left alone.
func (r *recognizer) districts(ms []Mention) {
	d := r.d
	for k := 0; k+1 < len(ms); k++ {
		m, next := &ms[k], &ms[k+1]
		if len(m.Cands) == 0 || m.Natural != "" {
			continue
		}
		var city *Mention
		switch j := m.Tok1; {
		case j+1 < len(d.Tokens) && districtWords[string(tokKey(d, r.best, j))] && string(tokKey(d, r.best, j+1)) == "of" && next.Tok0 == j+2:
			city = next
		case j < len(d.Tokens) && m.Tok1-m.Tok0 >= 2 && districtWords[string(tokKey(d, r.best, j-1))] && string(tokKey(d, r.best, j)) == "of" && next.Tok0 == j+1:
			city = next // the district word inside the name
		case districtWords[string(tokKey(d, r.best, m.Tok1-1))] && m.Tok1-m.Tok0 >= 2 && commaBetween(d, m.Tok1, next.Tok0) &&
			k+2 < len(ms) && commaBetween(d, next.Tok1, ms[k+2].Tok0) && r.regionOnly(&ms[k+2]):
			city = next
		}
		if city == nil || len(city.Cands) == 0 || !r.isCity(city) {
			continue
		}
		kept := m.Cands[:0]
		for _, c := range m.Cands {
			p := &r.g.Places[c.Place]
			for ci, cc := range city.Cands {
				q := &r.g.Places[cc.Place]
				if ci < coherenceCands && q.Kind == gazetteer.KindCity && p.HasCoord && q.HasCoord && km(p.Lat, p.Lon, q.Lat, q.Lon) < 30 {
					kept = append(kept, c)
					break
				}
			}
		}
		m.Cands = kept
	}
}

// isCity reports whether m's most trusted candidate is a town.
func (r *recognizer) isCity(m *Mention) bool {
	return len(m.Cands) > 0 && r.g.Places[m.Cands[0].Place].Kind == gazetteer.KindCity
}

// regionOnly reports whether m names a first-level region ("Donetsk
// Oblast").
func (r *recognizer) regionOnly(m *Mention) bool {
	if m.Tok1-m.Tok0 >= 2 && regionWords[string(tokKey(r.d, r.best, m.Tok1-1))] {
		return true
	}
	for _, c := range m.Cands {
		if r.g.Places[c.Place].Kind == gazetteer.KindAdmin1 {
			return true
		}
	}
	return false
}
