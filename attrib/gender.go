package attrib

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep"
)

// Grammatical gender of a speaker, as far as the text shows it: the
// honorifics and gendered titles given to the name ("Ms. Lind", "the
// spokeswoman") and the first personal pronoun after a mention of it in
// its own sentence ("Koval said his government …"). A name with no such
// sign, or with signs both ways, is unknown and agrees with any pronoun.
const (
	genderUnknown byte = iota
	genderMale
	genderFemale
)

var (
	maleWords = set(`mr. mr sir he his him himself spokesman chairman congressman businessman
		king prince father son husband brother uncle nephew lord widower man boy grandfather actor`)
	femaleWords = set(`mrs. mrs ms. ms miss madam lady she her hers herself spokeswoman chairwoman
		congresswoman businesswoman queen princess mother daughter wife sister aunt niece widow woman girl
		grandmother actress`)
	// firstPronouns are the pronouns the local rule reads after a mention.
	firstPronouns = set(`he his himself she her hers herself`)
)

// pronounGender is the gender a personal pronoun asks of its antecedent.
func pronounGender(w string) byte {
	switch w {
	case "he", "him", "his", "himself":
		return genderMale
	case "she", "her", "hers", "herself":
		return genderFemale
	}
	return genderUnknown
}

func wordGender(w string) byte {
	switch {
	case maleWords[w]:
		return genderMale
	case femaleWords[w]:
		return genderFemale
	}
	return genderUnknown
}

// noteGender adds what a resolved relation's source shows of its
// speaker's gender. Sources that are themselves pronouns are not read:
// they would confirm whatever the resolution chose.
func (a *annotator) noteGender(q *rel) {
	key := speakerKey(q)
	if key == "" || len(q.source) == 0 || q.outlet {
		return
	}
	s := q.source[0]
	if s.b-s.a == 1 && (pronouns[a.lower[s.a]] || relativeSources[a.lower[s.a]]) {
		return
	}
	v := a.genderVotes[key]
	for _, s := range q.source {
		for i := s.a; i < s.b; i++ {
			v[wordGender(a.lower[i])]++
		}
	}
	v[a.pronounAfter(q.source[len(q.source)-1].b)]++
	a.genderVotes[key] = v
}

func speakerKey(q *rel) string {
	if q.speaker != "" {
		return q.speaker
	}
	return q.name
}

// genderOf returns the gender the text shows for speaker p: the sources
// of the relations resolved so far to the same speaker (by entity, else by
// name) and the mentions of its entity.
func (a *annotator) genderOf(p *rel) byte {
	key := speakerKey(p)
	if key == "" {
		return genderUnknown
	}
	votes := a.genderVotes[key]
	if p.speaker != "" {
		ev, ok := a.entityGender[p.speaker]
		if !ok {
			ev = a.mentionGender(p.speaker)
			a.entityGender[p.speaker] = ev
		}
		for k := range votes {
			votes[k] += ev[k]
		}
	}
	// A stray pronoun that belongs to someone else ("Trump reached the
	// end of his speech" read for a woman) must not undo a clear majority.
	switch m, f := votes[genderMale], votes[genderFemale]; {
	case m > 0 && m >= 3*f:
		return genderMale
	case f > 0 && f >= 3*m:
		return genderFemale
	}
	return genderUnknown
}

// agrees reports whether a speaker of gender g can be meant by a pronoun
// asking for want: unknown on either side agrees with anything.
func agrees(g, want byte) bool {
	return want == genderUnknown || g == genderUnknown || g == want
}

// entityAgrees reports whether entity e can be meant by a pronoun asking
// for gender want.
func (a *annotator) entityAgrees(e *sitrep.Entity, want byte) bool {
	return agrees(a.genderOf(&rel{speaker: e.ID, name: e.Name}), want)
}

// heOrShe reports whether speaker p can be meant by "he" or "she" asking
// for gender want: a single person, named or titled, of no other gender.
func (a *annotator) heOrShe(p *rel, want byte) bool {
	return a.personLike(p) && !a.pluralSource(p) && a.namedOrTitled(p) && agrees(a.genderOf(p), want)
}

// mentionGender reads the words around each mention of an entity.
func (a *annotator) mentionGender(id string) [3]int {
	var votes [3]int
	if e := a.entityByID(id); e != nil {
		for _, m := range e.Mentions {
			t := a.d.TokenAt(m.Start)
			if t >= len(a.lower) {
				continue
			}
			// "Ms. Lind", "spokeswoman Maria Zakharova": a gendered word
			// at most two tokens before the name, in its sentence.
			first := 0
			if si := a.d.SentenceOf(t); si >= 0 {
				first = a.d.Sentences[si].FirstTok
			}
			for k := t - 1; k >= first && k >= t-2; k-- {
				votes[wordGender(a.lower[k])]++
			}
			votes[a.pronounAfter(a.d.TokenAt(m.End-1)+1)]++
		}
	}
	return votes
}

// pronounAfter returns the gender of the first personal pronoun from token
// i to the end of its sentence, outside quotations, that can refer back to
// the name just before i ("Koval said his government", "Clinton said she
// would"). It reads nothing when a capitalized word that could be another
// person's name comes first, after a possessive name ("under Warren’s
// questioning he admitted": he is someone else), or when the first pronoun
// is an object ("McConnell met with her": never the subject itself).
func (a *annotator) pronounAfter(i int) byte {
	if i <= 0 || i >= len(a.lower) {
		return genderUnknown
	}
	si := a.d.SentenceOf(i - 1)
	if si < 0 {
		return genderUnknown
	}
	if w := a.lower[i]; apostropheS(w) || w == "’" || w == "'" {
		return genderUnknown
	}
	end := a.d.Sentences[si].EndTok
	for k := i; k < end; k++ {
		if a.inQuote[k] != 0 {
			continue
		}
		switch w := a.lower[k]; {
		case w == "him":
			return genderUnknown
		case w == "her" && !a.possessiveHer(k):
			return genderUnknown
		case firstPronouns[w] && !a.pronounSource(k):
			return pronounGender(w)
		}
		if a.d.Tokens[k].Kind == sitrep.TokWord && a.capitalized(k) {
			return genderUnknown
		}
	}
	return genderUnknown
}

// possessiveHer reports whether "her" at k modifies a noun ("her first
// year") rather than standing as an object ("met with her and").
func (a *annotator) possessiveHer(k int) bool {
	return k+1 < len(a.lower) && a.word(k+1) && !functionWords[a.lower[k+1]] && !pronouns[a.lower[k+1]]
}

// pronounSource reports whether token k is by itself the source of a
// relation: the pronoun being resolved, not a sign of the name's gender
// ("Dolan said the report was false, and she denied it").
func (a *annotator) pronounSource(k int) bool {
	if a.pronounSrcs == nil {
		a.pronounSrcs = map[int]bool{}
		for _, q := range a.rels {
			if len(q.source) == 1 && q.source[0].b == q.source[0].a+1 {
				a.pronounSrcs[q.source[0].a] = true
			}
		}
	}
	return a.pronounSrcs[k]
}

// subjectBefore returns the person entity named first in one of the
// sentences before token t (its own included, up to maxSubjectReach back)
// when that sentence comes after the last speaker in prev and agrees with
// the gender wanted; nil otherwise, and the pronoun takes a speaker.
func (a *annotator) subjectBefore(t int, prev []*rel, want byte) *sitrep.Entity {
	if len(a.d.Entities) == 0 {
		return nil
	}
	if a.subjects == nil {
		a.findSubjects()
	}
	// The last speaker the pronoun could mean: a campaign or a ministry
	// speaking since does not hide the woman named before it.
	lastSpeaker := -1
	for k := len(prev) - 1; k >= 0 && k >= len(prev)-maxPronounReach; k-- {
		p := prev[k]
		if len(p.source) == 0 || p.speaker == Unknown || p.speaker == Unattributed || !a.heOrShe(p, want) {
			continue
		}
		lastSpeaker = p.source[0].a
		break
	}
	si := a.d.SentenceOf(t)
	if e := a.personInClause(t, si, lastSpeaker, prev, want); e != nil {
		return e
	}
	for s := si; s >= 0 && s > si-maxSubjectReach; s-- {
		sub := a.subjects[s]
		if sub.ent < 0 || sub.tok >= t {
			continue
		}
		if sub.tok <= lastSpeaker {
			return nil
		}
		if e := &a.d.Entities[sub.ent]; a.entityAgrees(e, want) {
			return e
		}
	}
	return nil
}

// personInClause returns the person named last before token t in its own
// sentence, after the last speaker and outside quotations and the
// contents of earlier relations, when the gender agrees: "Mr. Trump's RT
// appearance, in which he said …".
func (a *annotator) personInClause(t, si, lastSpeaker int, prev []*rel, want byte) *sitrep.Entity {
	first := a.d.Sentences[si].FirstTok
	// The mentions before t, nearest first.
	end, _ := slices.BinarySearchFunc(a.persons, t, func(m subject, t int) int { return cmp.Compare(m.tok, t) })
	for k := end - 1; k >= 0; k-- {
		m := a.persons[k]
		if m.tok < first || m.tok <= lastSpeaker {
			return nil
		}
		if a.inContent(m.tok, prev) || a.objectOfPreposition(m.tok) {
			continue
		}
		if e := &a.d.Entities[m.ent]; a.entityAgrees(e, want) {
			return e
		}
	}
	return nil
}

// inContent reports whether token i lies in the content of one of the
// last relations of prev.
func (a *annotator) inContent(i int, prev []*rel) bool {
	for k := len(prev) - 1; k >= 0 && k >= len(prev)-maxPronounReach; k-- {
		for _, c := range prev[k].content {
			if i >= c.a && i < c.b {
				return true
			}
		}
	}
	return false
}

// maxSubjectReach bounds how many sentences back a pronoun looks for a
// subject that is not a speaker.
const maxSubjectReach = 3

// subject is a mention of the person entity ent at token tok.
type subject struct{ ent, tok int }

// findSubjects sets, for each sentence, the first person entity mentioned
// in it outside quotations where a subject stands: at the start of the
// sentence or of the clause after an opening phrase, behind nothing but
// titles and names ("Libertarian presidential candidate Gary Johnson’s
// doctor", "In a speech in Fort Pierce, Clinton laid out her proposals").
func (a *annotator) findSubjects() {
	a.subjects = make([]subject, len(a.d.Sentences))
	for i := range a.subjects {
		a.subjects[i] = subject{-1, -1}
	}
	for ei, e := range a.d.Entities {
		if e.Type != sitrep.PER || partyLabel(e.Name) {
			continue
		}
		for _, m := range e.Mentions {
			t := a.d.TokenAt(m.Start)
			if t >= len(a.lower) || a.inQuote[t] != 0 {
				continue
			}
			a.persons = append(a.persons, subject{ei, t})
			si := a.d.SentenceOf(t)
			if si < 0 || !a.opensClause(t, a.d.Sentences[si].FirstTok) {
				continue
			}
			if cur := a.subjects[si]; cur.ent < 0 || t < cur.tok {
				a.subjects[si] = subject{ei, t}
			}
		}
	}
	slices.SortFunc(a.persons, func(x, y subject) int { return cmp.Compare(x.tok, y.tok) })
}

// opensClause reports whether only titles, names and their modifiers
// stand between the start of the sentence and token t, or between the
// comma that closes an opening phrase ("During a town hall, Tina
// Houchins …") and t; not after any comma ("investigating his wife,
// Democratic nominee Hillary Clinton,": an apposition).
func (a *annotator) opensClause(t, first int) bool {
	for k := t - 1; k >= first; k-- {
		w := a.lower[k]
		switch {
		case w == ",":
			f := a.lower[first]
			return phraseOpeners[f] || strings.HasSuffix(f, "ing") && !a.capitalizedName(first)
		case a.capitalized(k) || titleWords[w] || subjectModifiers[w] || apostropheS(w) || w == "-" || w == ".":
		default:
			return false
		}
	}
	return true
}

// subjectModifiers may stand before a name at the start of a clause.
var subjectModifiers = set(`the a an former then presidential candidate nominee hopeful rival opponent incumbent
	lawmaker activist republican democratic libertarian party campaign state federal regional local
	top senior chief new longtime veteran retired`)

// phraseOpeners start a phrase or clause that a comma closes before the
// subject: "In a speech in Fort Pierce, Clinton …", "Asked about it, he …".
var phraseOpeners = set(`in on at during after before since while when as despite following with without
	for from by under through like unlike although though because if once until upon amid asked speaking
	earlier later meanwhile still yet now then instead also but and so last this in`)

// objectOfPreposition reports whether the name at token t stands behind a
// preposition ("Campaigning against Mitt Romney, he …", "People like
// Scott, he said"), unless it is a possessor ("upon Mr. Trump's RT
// appearance, in which he said").
func (a *annotator) objectOfPreposition(t int) bool {
	k := t - 1
	for k >= 0 && titleWords[a.lower[k]] {
		k--
	}
	if k < 0 || !prepositions[a.lower[k]] {
		return false
	}
	for e := t + 1; e < len(a.lower) && e <= t+4; e++ {
		if apostropheS(a.lower[e]) {
			return false
		} else if !a.capitalized(e) {
			break
		}
	}
	return true
}

// prepositions put the name after them out of a subject's place.
var prepositions = set(`of in at by with from for to on about against among between under over into onto
	upon after before during without like unlike than via toward towards behind beside near including`)

// pluralSource reports whether a speaker's source ends in a plural common
// noun ("prosecutors", "administration officials"), which "he" or "she"
// cannot mean.
func (a *annotator) pluralSource(p *rel) bool {
	if len(p.source) == 0 || p.speaker != "" && p.speaker != Unknown {
		return false
	}
	h := a.headPart(p.source)
	t := h[len(h)-1].b - 1
	w := a.lower[t]
	if a.capitalized(t) || !a.word(t) {
		return false
	}
	return w == "people" || w == "men" || w == "women" || w == "children" ||
		len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// namedOrTitled reports whether a speaker is someone "he" or "she" can
// mean: an entity, a name, or a title ("the mayor"); not a noun phrase
// the frame took for a source ("a reader", "some", "his rallying cry").
func (a *annotator) namedOrTitled(p *rel) bool {
	if p.speaker != "" && p.speaker != Unknown && p.speaker != Unattributed {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(p.name); unicode.IsUpper(r) {
		return true
	}
	for _, s := range p.source {
		for i := s.a; i < s.b; i++ {
			if titleWords[a.lower[i]] || maleWords[a.lower[i]] || femaleWords[a.lower[i]] {
				return true
			}
		}
	}
	return false
}

// unresolvedPronoun reports whether a relation's source is a lone pronoun
// that found no one: its name is the pronoun itself, nobody to point to.
func (a *annotator) unresolvedPronoun(p *rel) bool {
	if p.speaker != "" || len(p.source) != 1 || p.source[0].b-p.source[0].a != 1 {
		return false
	}
	w := a.lower[p.source[0].a]
	return pronouns[w] || relativeSources[w]
}

// isPerson reports whether a speaker is certainly a person, whom "it"
// cannot mean: a person entity, or one a "he" or "she" was resolved to.
func (a *annotator) isPerson(p *rel) bool {
	if len(p.source) == 1 && p.source[0].b-p.source[0].a == 1 && personPronouns[a.lower[p.source[0].a]] {
		return true
	}
	e := a.entityByID(p.speaker)
	return e != nil && e.Type == sitrep.PER
}

// partyLabel reports whether a name is a party and state label the ner
// stage may take for a person ("R-Ky", "D-Wis.").
func partyLabel(name string) bool {
	return len(name) >= 3 && len(name) <= 8 && strings.ContainsRune("RDI", rune(name[0])) && name[1] == '-'
}

// apostropheS reports whether a token is the clitic "’s" (typed either way).
func apostropheS(w string) bool { return w == "’s" || w == "'s" }
