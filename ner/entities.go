package ner

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"sitrep"
)

// mention is a name found in the text, tokens [i, j).
type mention struct {
	i, j  int
	class string // the tagger's CoNLL class
	typ   string // the record's entity type
	group bool   // a demonym with a force noun: "Ukrainian forces"
	title bool   // a title-only mention: "the mayor"
	ent   int    // cluster
}

// role is a title found for a person mention, tokens [i, j).
type role struct{ i, j int }

// institutions are places whose name stands for the body that sits there,
// and which news treats as organisations ("the Kremlin said").
var institutions = map[string]string{
	"kremlin": "RU", "white house": "", "pentagon": "", "downing street": "",
	"elysee": "", "élysée": "", "bankova": "UA", "verkhovna rada": "UA", "duma": "RU",
	"state duma": "RU", "quai d'orsay": "", "foggy bottom": "",
}

// naturalHeads end the names of places that are not political units, which
// the record types LOC rather than GPE.
var naturalHeads = map[string]bool{
	"river": true, "sea": true, "ocean": true, "lake": true, "mountains": true, "mountain": true,
	"mount": true, "valley": true, "gulf": true, "bay": true, "strait": true, "straits": true,
	"peninsula": true, "island": true, "islands": true, "desert": true, "forest": true,
	"coast": true, "plain": true, "plains": true, "basin": true, "delta": true, "cape": true,
	"channel": true, "highlands": true, "reservoir": true, "canal": true,
}

// roleMods are words that may stand inside a title ("Foreign Minister",
// "state media", "press secretary").
var roleMods = map[string]bool{
	"state": true, "foreign": true, "prime": true, "deputy": true, "vice": true, "acting": true,
	"former": true, "chief": true, "top": true, "senior": true, "military": true, "defence": true,
	"defense": true, "interior": true, "press": true, "first": true, "regional": true, "local": true,
	"city": true, "national": true, "general": true, "head": true, "media": true, "government": true,
	"security": true, "human": true, "rights": true, "health": true, "economy": true, "finance": true,
	"justice": true, "emergency": true, "emergencies": true, "armed": true, "forces": true,
	"presidential": true, "'s": true, "council": true, "office": true, "foreign-policy": true,
}

// sideWords give a side to an entity whose name or title starts with them.
var sideWords = map[string]string{
	"ukrainian": "UA", "ukrainians": "UA", "ukraine": "UA", "pro-ukrainian": "UA", "ukraine's": "UA",
	"russian": "RU", "russians": "RU", "russia": "RU", "kremlin": "RU", "pro-russian": "RU",
	"pro-kremlin": "RU", "russia's": "RU", "soviet": "RU",
}

// internationalNames are international organisations: side "UN".
var internationalNames = map[string]bool{
	"united nations": true, "un": true, "u.n.": true, "unhcr": true, "unicef": true, "unesco": true,
	"iaea": true, "osce": true, "icrc": true, "world health organization": true, "red cross": true,
	"international committee of the red cross": true, "international atomic energy agency": true,
	"un security council": true, "united nations security council": true, "security council": true,
	"un human rights office": true, "ohchr": true, "world food programme": true, "wfp": true,
	"international criminal court": true, "icc": true, "un general assembly": true,
	"general assembly": true, "international organization for migration": true, "iom": true,
}

// buildEntities types, extends and clusters the tagger's mentions and
// returns the document's entities in order of first mention, numbered after
// the first `already` entities.
func buildEntities(d *sitrep.Doc, lex *lexicon, places Places, toks [][]tok, ms []mention, already int) []sitrep.Entity {
	n := len(d.Tokens)
	lower := make([]string, n)
	flags := make([]uint32, n)
	done := make([]bool, n)
	for si, s := range d.Sentences {
		for k, t := range toks[si] {
			if x := s.FirstTok + k; x < n {
				lower[x], flags[x], done[x] = t.lower, t.flags, true
			}
		}
	}
	for t := range n {
		if !done[t] { // a token outside every sentence
			w := canonical(d.TokenText(t))
			lower[t] = strings.ToLower(w)
			cf := caseFlags(w)
			flags[t] = cf | lex.flags(cf, lower[t])
		}
	}
	sentOf := make([]int, n)
	for si, s := range d.Sentences {
		for t := s.FirstTok; t < s.EndTok && t < n; t++ {
			sentOf[t] = si
		}
	}
	text := func(i, j int) string { return d.Slice(d.Tokens[i].Start, d.Tokens[j-1].End) }
	lowText := func(i, j int) string { return strings.ToLower(canonical(text(i, j))) }

	// Type each mention for the record.
	for k := range ms {
		m := &ms[k]
		switch m.class {
		case "PER":
			m.typ = sitrep.PER
		case "ORG":
			m.typ = sitrep.ORG
		case "LOC":
			key := strings.Join(lower[m.i:m.j], " ")
			political, known := false, false
			if places != nil {
				political, known = places.IsPolitical(text(m.i, m.j))
			}
			if _, ok := institutions[strings.TrimPrefix(key, "the ")]; ok {
				m.typ = sitrep.ORG
			} else if known {
				m.typ = sitrep.LOC
				if political {
					m.typ = sitrep.GPE
				}
			} else if naturalHeads[lower[m.j-1]] {
				m.typ = sitrep.LOC
			} else {
				m.typ = sitrep.GPE
			}
		default:
			m.typ = sitrep.MISC
		}
		if m.j-m.i == 1 && flags[m.i]&lexDemonym != 0 && m.typ != sitrep.PER {
			m.typ = sitrep.NORP
		}
	}
	// "Mr. Putin" is a mention of Putin: the courtesy title is not part of
	// the name.
	for k := range ms {
		m := &ms[k]
		for m.typ == sitrep.PER && m.j-m.i > 1 && lex.words[strings.TrimSuffix(lower[m.i], ".")]&lexPersonPre != 0 {
			m.i++
		}
	}
	covered := make([]bool, n)
	for _, m := range ms {
		for t := m.i; t < m.j; t++ {
			covered[t] = true
		}
	}
	// Demonyms are nationalities wherever they stand, whether or not the
	// tagger (trained on text that calls them MISC) marked them.
	for t := range n {
		if !covered[t] && flags[t]&lexDemonym != 0 && flags[t]&fCapInit != 0 {
			ms = append(ms, mention{i: t, j: t + 1, class: "MISC", typ: sitrep.NORP})
			covered[t] = true
		}
	}
	// "Ukrainian forces", "Russian soldiers": a nationality with a force noun
	// is an armed group.
	for k := range ms {
		m := &ms[k]
		if m.typ == sitrep.NORP && m.j < n && !covered[m.j] && flags[m.j]&lexForce != 0 && flags[m.j]&fLower != 0 &&
			sentOf[m.j] == sentOf[m.i] {
			covered[m.j] = true
			m.j++
			m.group = true
		}
	}
	// A surname the text has given in full names the same person when it
	// stands alone, even where the tagger, meeting it for the first time,
	// called it something else.
	surnames := map[string]bool{}
	for _, m := range ms {
		if m.typ == sitrep.PER && m.j-m.i > 1 {
			surnames[lower[m.j-1]] = true
		}
	}
	for k := range ms {
		m := &ms[k]
		if m.j-m.i == 1 && m.typ != sitrep.PER && surnames[lower[m.i]] {
			m.typ = sitrep.PER
		}
	}
	for t := range n {
		if !covered[t] && flags[t]&fCapInit != 0 && surnames[lower[t]] {
			ms = append(ms, mention{i: t, j: t + 1, class: "PER", typ: sitrep.PER})
			covered[t] = true
		}
	}
	sort.Slice(ms, func(a, b int) bool { return ms[a].i < ms[b].i })

	inMention := make([]int, n) // 1 + index of the mention covering a token
	for k, m := range ms {
		for t := m.i; t < m.j; t++ {
			inMention[t] = k + 1
		}
	}
	isTitle := func(t int) bool { return flags[t]&lexTitle != 0 }
	isMod := func(t int) bool {
		if isTitle(t) || flags[t]&lexDemonym != 0 || roleMods[lower[t]] {
			return true
		}
		if k := inMention[t]; k > 0 && ms[k-1].typ != sitrep.PER {
			return true
		}
		return false
	}

	// Roles: a title before the name ("Kremlin spokesperson Dmitry Peskov"),
	// or in apposition before or after it ("the mayor of Irpin, Oleksandr
	// Markushyn"; "Dmytro Kuleba, Ukraine's foreign minister,").
	roles := make([][]role, len(ms))
	var roleSpans []role
	for k, m := range ms {
		if m.typ != sitrep.PER {
			continue
		}
		si := sentOf[m.i]
		first, end := d.Sentences[si].FirstTok, d.Sentences[si].EndTok
		if t := m.i - 1; t >= first && isTitle(t) {
			a := t
			for a-1 >= first && isMod(a-1) && (inMention[a-1] == 0 || ms[inMention[a-1]-1].typ != sitrep.PER) {
				a--
			}
			for a < t && lower[a] == "'s" {
				a++
			}
			roles[k] = append(roles[k], role{a, m.i})
		}
		if t := m.i - 1; t-1 >= first && lower[t] == "," {
			a := t
			before := func(x int) bool {
				if k := inMention[x]; k > 0 {
					return ms[k-1].typ != sitrep.PER
				}
				switch lower[x] {
				case "of", "for":
					return true
				case "the":
					return !isTitle(x + 1) // "of the town", not the determiner before the title
				}
				return isMod(x) || flags[x]&fCapInit != 0
			}
			for a-1 >= first && t-a < 10 && before(a-1) {
				a--
			}
			p := -1
			for x := a; x < t; x++ {
				if isTitle(x) {
					p = x
					break
				}
			}
			if p >= 0 {
				for p-1 >= a && isMod(p-1) {
					p--
				}
				roles[k] = append(roles[k], role{p, t})
			}
		}
		if t := m.j; t+1 < end && lower[t] == "," {
			a := t + 1
			if lower[a] == "the" || lower[a] == "a" || lower[a] == "an" {
				a++
			}
			b := a
			for b < end && b-a < 10 && (isMod(b) || (flags[b]&fCapInit != 0 && inMention[b] == 0) ||
				((lower[b] == "of" || lower[b] == "for" || lower[b] == "to" || lower[b] == "the") && b > a)) {
				if k2 := inMention[b]; k2 > 0 && ms[k2-1].typ == sitrep.PER {
					break
				}
				b++
			}
			for b > a && (lower[b-1] == "of" || lower[b-1] == "for" || lower[b-1] == "to" || lower[b-1] == "the" || lower[b-1] == "'s") {
				b--
			}
			hasTitle := false
			for x := a; x < b; x++ {
				hasTitle = hasTitle || isTitle(x)
			}
			if hasTitle && (b == end || lower[b] == "," || lower[b] == "." || lower[b] == ")" || lower[b] == ";" || flags[b]&fLower != 0) {
				roles[k] = append(roles[k], role{a, b})
			}
		}
		roleSpans = append(roleSpans, roles[k]...)
	}

	// Title-only mentions: "the mayor", "the president".
	inRole := make([]bool, n)
	for _, r := range roleSpans {
		for t := r.i; t < r.j; t++ {
			inRole[t] = true
		}
	}
	for t := 0; t+1 < n; t++ {
		if lower[t] != "the" || inRole[t+1] || inMention[t+1] != 0 {
			continue
		}
		j := t + 1
		// "the mayor", "the regional governor", "the Ukrainian president".
		for j < n && j-t <= 3 && (isTitle(j) || roleMods[lower[j]] || flags[j]&lexDemonym != 0) && !inRole[j] &&
			(inMention[j] == 0 || ms[inMention[j]-1].typ == sitrep.NORP && ms[inMention[j]-1].j-ms[inMention[j]-1].i == 1) {
			j++
		}
		if j == t+1 || (j < n && flags[j]&fCapInit != 0 && inMention[j] != 0 && ms[inMention[j]-1].typ == sitrep.PER) {
			continue // "the President Zelenskyy" is a title before a name
		}
		if lex.words[lower[j-1]]&lexTitle == 0 || !personTitle(lower[j-1]) {
			continue
		}
		ms = append(ms, mention{i: t, j: j, typ: sitrep.PER, title: true})
		roles = append(roles, nil)
	}

	// Cluster.
	clusterOf := make([]int, len(ms))
	for k := range clusterOf {
		clusterOf[k] = -1
	}
	type cluster struct {
		typ     string
		members []int
		last    string // lower-case last token of the longest name, for persons
	}
	var cs []cluster
	keyOf := func(m mention) string { return strings.TrimPrefix(lowText(m.i, m.j), "the ") }
	byKey := map[string]int{}
	// Full names first, so that surnames and titles have something to join.
	for k, m := range ms {
		if m.title || (m.typ == sitrep.PER && m.j-m.i == 1) {
			continue
		}
		key := m.typ + "|" + keyOf(m)
		if c, ok := byKey[key]; ok {
			clusterOf[k] = c
			cs[c].members = append(cs[c].members, k)
			continue
		}
		byKey[key] = len(cs)
		clusterOf[k] = len(cs)
		cs = append(cs, cluster{typ: m.typ, members: []int{k}, last: lower[m.j-1]})
	}
	// Acronyms join the name they abbreviate: UN, United Nations.
	byInitials := map[string]int{}
	for c := range cs {
		f := ms[cs[c].members[0]]
		if f.j-f.i > 1 {
			if _, ok := byInitials[initials(lower[f.i:f.j])]; !ok {
				byInitials[initials(lower[f.i:f.j])] = c
			}
		}
	}
	for k, m := range ms {
		if m.j-m.i != 1 || flags[m.i]&fAllCaps == 0 || clusterOf[k] < 0 {
			continue
		}
		old := clusterOf[k]
		c, ok := byInitials[strings.ReplaceAll(lower[m.i], ".", "")]
		if !ok || c == old || len(cs[old].members) == 0 || (cs[c].typ != m.typ && cs[c].typ != sitrep.ORG && m.typ != sitrep.ORG) {
			continue
		}
		for _, x := range cs[old].members {
			clusterOf[x] = c
		}
		cs[c].members = append(cs[c].members, cs[old].members...)
		cs[old].members = nil
	}
	// nearest returns the candidate cluster with a mention nearest before
	// token position at, or failing that nearest after it, or -1. Candidate
	// lists are bounded, so that a pathological document stays linear.
	nearest := func(at int, cands []int) int {
		best, bestDist := -1, 0
		for _, c := range cands {
			mem := cs[c].members
			// Members are in text order: binary search the last one before at.
			x := sort.Search(len(mem), func(q int) bool { return ms[mem[q]].i >= at })
			for _, q := range []int{x - 1, x} {
				if q < 0 || q >= len(mem) {
					continue
				}
				dist := at - ms[mem[q]].i
				if dist < 0 {
					dist = -dist + n // a following mention only when no earlier one fits
				}
				if best < 0 || dist < bestDist {
					best, bestDist = c, dist
				}
			}
		}
		return best
	}
	const maxCands = 16
	// A surname alone joins the person whose full name ends (or starts) with
	// it.
	bySurname := map[string][]int{}
	for c := range cs {
		if cs[c].typ != sitrep.PER || len(cs[c].members) == 0 {
			continue
		}
		for _, w := range []string{cs[c].last, firstToken(ms, lower, cs[c].members)} {
			if w != "" && len(bySurname[w]) < maxCands {
				bySurname[w] = append(bySurname[w], c)
			}
		}
	}
	for c := range cs {
		sort.Slice(cs[c].members, func(a, b int) bool { return ms[cs[c].members[a]].i < ms[cs[c].members[b]].i })
	}
	type pending struct{ k, c int }
	var joins []pending
	for k, m := range ms {
		if m.typ != sitrep.PER || m.title || clusterOf[k] >= 0 {
			continue
		}
		if c := nearest(m.i, bySurname[lower[m.i]]); c >= 0 {
			joins = append(joins, pending{k, c})
			clusterOf[k] = c
			continue
		}
		key := m.typ + "|" + keyOf(m)
		if c, ok := byKey[key]; ok {
			clusterOf[k] = c
			cs[c].members = append(cs[c].members, k)
			continue
		}
		byKey[key] = len(cs)
		clusterOf[k] = len(cs)
		cs = append(cs, cluster{typ: m.typ, members: []int{k}, last: lower[m.i]})
	}
	for _, p := range joins {
		cs[p.c].members = append(cs[p.c].members, p.k)
	}
	for c := range cs {
		sort.Slice(cs[c].members, func(a, b int) bool { return ms[cs[c].members[a]].i < ms[cs[c].members[b]].i })
	}
	// Title-only mentions join the nearest person given that title.
	byTitle := map[string][]int{}
	for c := range cs {
		if cs[c].typ != sitrep.PER {
			continue
		}
		for _, x := range cs[c].members {
			for _, r := range roles[x] {
				// The head of the title: "adviser to the president" is an
				// adviser, "mayor of Irpin" a mayor.
				head := ""
				for t := r.i; t < r.j; t++ {
					if lower[t] == "of" || lower[t] == "to" || lower[t] == "for" {
						break
					}
					if flags[t]&lexTitle != 0 {
						head = lower[t]
					}
				}
				if l := byTitle[head]; head != "" && len(l) < maxCands && !slices.Contains(l, c) {
					byTitle[head] = append(l, c)
				}
			}
		}
	}
	joins = joins[:0]
	for k, m := range ms {
		if !m.title {
			continue
		}
		if c := nearest(m.i, byTitle[lower[m.j-1]]); c >= 0 {
			clusterOf[k] = c
			joins = append(joins, pending{k, c})
		}
	}
	for _, p := range joins {
		cs[p.c].members = append(cs[p.c].members, p.k)
	}

	// Entities in order of first mention.
	var out []sitrep.Entity
	type built struct {
		first int
		e     sitrep.Entity
	}
	var bs []built
	for _, c := range cs {
		if len(c.members) == 0 {
			continue
		}
		mem := slices.Clone(c.members)
		sort.Slice(mem, func(a, b int) bool { return ms[mem[a]].i < ms[mem[b]].i })
		mem = slices.CompactFunc(mem, func(a, b int) bool { return ms[a].i == ms[b].i && ms[a].j == ms[b].j })
		e := sitrep.Entity{Type: c.typ}
		name, nameLen := "", 0
		for _, x := range mem {
			m := ms[x]
			e.Mentions = append(e.Mentions, d.TokenSpan(m.i, m.j))
			if !m.title && m.j-m.i > nameLen {
				name, nameLen = text(m.i, m.j), m.j-m.i
			}
			for _, r := range roles[x] {
				title := text(r.i, r.j)
				if !slices.ContainsFunc(e.Roles, func(o sitrep.Role) bool { return strings.EqualFold(o.Title, title) }) {
					e.Roles = append(e.Roles, sitrep.Role{Title: title, Evidence: []sitrep.Span{d.TokenSpan(r.i, r.j)}})
				}
			}
		}
		e.Name = name
		if c.typ == sitrep.NORP && ms[mem[0]].group {
			e.Name = text(ms[mem[0]].i, ms[mem[0]].j)
		}
		side, ev := sideOf(d, places, lower, flags, ms, mem, roles, inMention)
		if side != "" {
			e.Side = side
			e.SideEvidence = []sitrep.Span{ev}
		}
		bs = append(bs, built{first: ms[mem[0]].i, e: e})
	}
	sort.SliceStable(bs, func(a, b int) bool { return bs[a].first < bs[b].first })
	for k, b := range bs {
		b.e.ID = "e" + strconv.Itoa(already+k+1)
		out = append(out, b.e)
	}
	return out
}

// personTitle reports whether a title word names a person's office (so
// that "the mayor" may be a mention of one), not an adjective or rank word
// that never stands alone.
func personTitle(w string) bool {
	switch w {
	case "foreign", "defence", "defense", "interior", "finance", "economy", "justice", "health",
		"presidential", "ministerial", "acting", "interim", "former", "high", "opposition", "rebel",
		"general", "major", "head", "chief", "official", "officer", "lord", "lady", "sir", "dame", "dr":
		return false
	}
	return true
}

func initials(ws []string) string {
	var b strings.Builder
	for _, w := range ws {
		switch w {
		case "of", "the", "and", "for", "'s", "&":
			continue
		}
		if w != "" {
			b.WriteByte(w[0])
		}
	}
	return b.String()
}

func firstToken(ms []mention, lower []string, mem []int) string {
	best, n := "", 0
	for _, x := range mem {
		if ms[x].j-ms[x].i > n {
			best, n = lower[ms[x].i], ms[x].j-ms[x].i
		}
	}
	if n < 2 {
		return ""
	}
	return best
}

// sideOf finds the side of an entity from its own names ("Ukrainian
// forces", "the Kremlin", "United Nations"), its titles ("Kremlin
// spokesperson") or a nationality just before a mention ("Russian state
// media TASS"), and the span that says so.
func sideOf(d *sitrep.Doc, places Places, lower []string, flags []uint32, ms []mention, mem []int, roles [][]role, inMention []int) (string, sitrep.Span) {
	for _, x := range mem {
		m := ms[x]
		if m.title {
			continue
		}
		key := strings.TrimPrefix(strings.Join(lower[m.i:m.j], " "), "the ")
		if internationalNames[key] || strings.HasPrefix(key, "united nations ") || strings.HasPrefix(key, "un ") {
			return "UN", d.TokenSpan(m.i, m.j)
		}
		if s := institutions[key]; s != "" {
			return s, d.TokenSpan(m.i, m.j)
		}
		if s := sideWords[lower[m.i]]; s != "" {
			return s, d.TokenSpan(m.i, m.i+1)
		}
		if m.typ == sitrep.ORG {
			// "Armed Forces of Ukraine", "State Emergency Service of Ukraine":
			// one side named inside an organisation's name.
			side, at := "", -1
			for t := m.i + 1; t < m.j; t++ {
				if s := sideWords[lower[t]]; s != "" && (side == "" || s == side) {
					side, at = s, t
				} else if s != "" {
					side = "-"
				}
			}
			if side != "" && side != "-" {
				return side, d.TokenSpan(at, at+1)
			}
		}
		for _, r := range roles[x] {
			for t := r.i; t < r.j; t++ {
				if s := sideWords[lower[t]]; s != "" {
					return s, d.TokenSpan(t, t+1)
				}
			}
			// "mayor of Irpin": the side of the place of office.
			for t := r.i + 1; t+1 < r.j; t++ {
				if lower[t] == "of" && flags[t+1]&fCapInit != 0 {
					if s := placeSide(places, d.TokenText(t+1), lower[t+1]); s != "" {
						return s, d.TokenSpan(t+1, t+2)
					}
				}
			}
		}
		if m.typ == sitrep.ORG || m.typ == sitrep.PER {
			// Up to two lower-case words between a nationality and the name.
			for t, k := m.i-1, 0; t >= 0 && k < 3; t, k = t-1, k+1 {
				if s := sideWords[lower[t]]; s != "" && flags[t]&fCapInit != 0 {
					return s, d.TokenSpan(t, t+1)
				}
				if flags[t]&fLower == 0 || inMention[t] != 0 {
					break
				}
			}
		}
	}
	return "", sitrep.Span{}
}
