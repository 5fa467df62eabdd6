package attrib

import (
	"strings"

	"sitrep"
)

// resolveSpeakers names the speaker of each relation: the entity of the ner
// stage whose mention the source covers, else a name read from the source
// itself; a pronoun takes the most recent compatible speaker before it, a
// bare title ("the mayor of the town") the person the text gives that
// title to.
func (a *annotator) resolveSpeakers() {
	// Names given with a title anywhere in the sources ("the mayor of
	// Irpin, Oleksandr Markushyn"), for bare titles to resolve to.
	titled := map[string]string{}
	titledEnt := map[string]string{}
	for _, r := range a.rels {
		if len(r.source) == 0 {
			continue
		}
		name := a.nameIn(r.source)
		if name == "" {
			continue
		}
		if e := a.entityAt(r.source); e != nil {
			titledEnt[name] = e.ID
		}
		for _, s := range r.source {
			for i := s.a; i < s.b; i++ {
				if titleWords[a.lower[i]] && !a.capitalizedName(i) {
					if _, ok := titled[a.lower[i]]; !ok {
						titled[a.lower[i]] = name
					}
				}
			}
		}
	}
	var prev []*rel
	push := func(r *rel) {
		prev = append(prev, r)
		a.noteGender(r)
	}
	// full maps a surname to the longest name seen ending in it.
	full := map[string]string{}
	for _, r := range a.rels {
		if r.outlet || r.speaker != "" {
			continue
		}
		if len(r.source) == 0 {
			r.speaker = Unknown
			continue
		}
		if r.inherit != nil {
			// Resolved with the relation it shares its source with.
			r.speaker, r.name = r.inherit.speaker, r.inherit.name
			push(r)
			continue
		}
		src := r.source[0]
		if src.b-src.a == 1 && relativeSources[a.lower[src.a]] {
			// "Stumpf, who said": the noun phrase before the pronoun.
			k := src.a
			if k-1 >= 0 && a.lower[k-1] == "," {
				k--
			}
			ante := rng{max(k-6, a.d.Sentences[r.sent].FirstTok), k}
			for j := k - 1; j >= ante.a; j-- {
				if a.d.Tokens[j].Kind != sitrep.TokWord && a.lower[j] != "." {
					ante.a = j + 1
					break
				}
			}
			if !ante.empty() {
				if e := a.entityAt([]rng{ante}); e != nil {
					r.speaker, r.name = e.ID, e.Name
				} else if name := a.nameIn([]rng{ante}); name != "" {
					r.name = a.fullName(name, full)
				}
			}
			if r.name == "" {
				r.name = a.d.Slice(a.d.Tokens[src.a].Start, a.d.Tokens[src.a].End)
			}
			push(r)
			continue
		}
		if src.b-src.a == 1 && pronouns[a.lower[src.a]] {
			person := personPronouns[a.lower[src.a]]
			want := pronounGender(a.lower[src.a])
			found := false
			if person {
				// A person named as a sentence's subject since the last
				// speaker may be the one meant ("Hillary Clinton plans to
				// …. She’ll present …").
				if e := a.subjectBefore(src.a, prev, want); e != nil {
					r.speaker, r.name = e.ID, e.Name
					found = true
				}
			}
			for k := len(prev) - 1; k >= 0 && k >= len(prev)-maxPronounReach && !found; k-- {
				p := prev[k]
				if p.speaker == Unknown || p.speaker == Unattributed || a.unresolvedPronoun(p) {
					continue
				}
				if a.lower[src.a] == "it" && a.isPerson(p) {
					continue
				}
				// A claim reported inside another's content ("Earnest said
				// Obama has called for …. He said …") is not the one the
				// next pronoun continues.
				if person && (p.parent >= 0 || !a.heOrShe(p, want)) {
					continue
				}
				r.speaker, r.name = p.speaker, p.name
				found = true
			}
			if !found {
				r.name = a.d.Slice(a.d.Tokens[src.a].Start, a.d.Tokens[src.b-1].End)
			}
			push(r)
			continue
		}
		if e := a.entityAt(a.headPart(r.source)); e != nil {
			r.speaker, r.name = e.ID, e.Name
		} else if name := a.nameIn(a.headPart(r.source)); name != "" {
			r.name = a.fullName(name, full)
		} else {
			// A bare title: the name the text gives that title to.
			for _, s := range r.source {
				for i := s.b - 1; i >= s.a && r.name == ""; i-- {
					if n, ok := titled[a.lower[i]]; ok {
						r.name = a.fullName(n, full)
						if id, ok := titledEnt[n]; ok {
							r.speaker = id
						}
					}
				}
			}
			if r.name == "" {
				r.name = a.d.Slice(a.d.Tokens[src.a].Start, a.d.Tokens[r.source[len(r.source)-1].b-1].End)
			}
			if r.speaker == "" {
				if e := a.entityByName(r.name); e != nil {
					r.speaker = e.ID
				}
			}
		}
		if r.name != "" {
			if i := strings.LastIndexByte(r.name, ' '); i > 0 && len(r.name) > len(full[r.name[i+1:]]) {
				full[r.name[i+1:]] = r.name
			}
		}
		push(r)
	}
}

// headPart cuts a relative clause off a source: the speaker of "Dr. Connie
// Mariano, who was the physician of President Bill Clinton," is Mariano.
func (a *annotator) headPart(src []rng) []rng {
	s := src[0]
	for i := s.a + 1; i+1 < s.b; i++ {
		if a.lower[i] != "," {
			continue
		}
		if relativeSources[a.lower[i+1]] {
			return []rng{{s.a, i}}
		}
		// "Hillary Clinton, a longtime member of the Senate Armed
		// Services Committee,": a name, then a description of it in
		// lower case; not "the mayor of Irpin, Oleksandr Markushyn".
		if !a.capitalized(i+1) && a.capitalized(i-1) {
			return []rng{{s.a, i}}
		}
		break
	}
	return src
}

// maxPronounReach bounds how many speakers back a pronoun looks.
const maxPronounReach = 40

// personLike reports whether a speaker can be "he" or "she": a person
// entity, or a name or title that is not an organisation's.
func (a *annotator) personLike(p *rel) bool {
	if e := a.entityByID(p.speaker); e != nil {
		return e.Type == sitrep.PER && !partyLabel(e.Name)
	}
	if len(p.source) == 0 {
		return false
	}
	s := p.source[0]
	for i := s.a; i < s.b; i++ {
		switch a.lower[i] {
		case "government", "ministry", "office", "kremlin", "nations", "agency", "department", "army", "forces",
			"military", "council", "committee", "campaign", "party", "administration", "police", "company",
			"organization", "organisation", "group", "report", "study", "poll", "survey", "statement", "data":
			if i == s.b-1 {
				return false
			}
		}
	}
	return true
}

// capitalizedName reports whether token i is a capitalized word inside a
// name rather than a title word standing alone.
func (a *annotator) capitalizedName(i int) bool {
	return a.capitalized(i) && i+1 < len(a.lower) && a.capitalized(i+1) && !titleWords[a.lower[i+1]]
}

// nameIn returns the last run of capitalized words in the source that is
// not a title ("Kremlin spokesperson Dmitry Peskov" → "Dmitry Peskov"), or
// "".
func (a *annotator) nameIn(src []rng) string {
	for k := len(src) - 1; k >= 0; k-- {
		s := src[k]
		// A party label in brackets is not part of the name: "Rep. Gwen
		// Moore (D-Wis.)".
		if a.lower[s.b-1] == ")" {
			for j := s.b - 2; j > s.a; j-- {
				if a.lower[j] == "(" {
					s.b = j
					break
				}
			}
		}
		end := -1
		// A name ends the noun phrase; "the mayor of Irpin" names a
		// place, not the speaker.
		if !a.capitalized(s.b - 1) {
			return ""
		}
		for i := s.b - 1; i >= s.a; i-- {
			if a.capitalized(i) && !titleWords[a.lower[i]] && a.lower[i] != "the" {
				if end < 0 {
					end = i + 1
				}
				continue
			}
			if end >= 0 {
				if a.lower[i] == "of" || a.lower[i] == "in" || a.lower[i] == "from" {
					return ""
				}
				return a.d.Slice(a.d.Tokens[i+1].Start, a.d.Tokens[end-1].End)
			}
		}
		if end >= 0 {
			return a.d.Slice(a.d.Tokens[s.a].Start, a.d.Tokens[end-1].End)
		}
	}
	return ""
}

// fullName returns the longest name seen before that ends with the same
// word as name ("Markushyn" → "Oleksandr Markushyn"): the first mention is
// usually the full one.
func (a *annotator) fullName(name string, full map[string]string) string {
	if strings.Contains(name, " ") {
		return name
	}
	if f, ok := full[name]; ok {
		return f
	}
	return name
}

// entityAt returns the entity with a mention inside the source, preferring
// the mention that ends last (the head of the noun phrase).
func (a *annotator) entityAt(src []rng) *sitrep.Entity {
	if len(a.d.Entities) == 0 {
		return nil
	}
	lo := a.d.Tokens[src[0].a].Start
	hi := a.d.Tokens[src[len(src)-1].b-1].End
	var best *sitrep.Entity
	bestEnd := -1
	for i := range a.d.Entities {
		e := &a.d.Entities[i]
		for _, m := range e.Mentions {
			if m.Start >= lo && m.End <= hi && m.End > bestEnd && a.headMention(src, m) {
				best, bestEnd = e, m.End
			}
		}
	}
	return best
}

// headMention reports whether an entity mention inside a source can be the
// speaker: no preposition stands between it and the start of its noun
// phrase (the source's start or the comma of an apposition). "Irpin" in
// "the mayor of Irpin" and "Ukrainian" in "footage captured by a Ukrainian
// journalist" are not speakers.
func (a *annotator) headMention(src []rng, m sitrep.Span) bool {
	t := a.d.TokenAt(m.Start)
	for _, s := range src {
		if t < s.a || t >= s.b {
			continue
		}
		for k := t - 1; k >= s.a; k-- {
			w := a.lower[k]
			if w == "," || w == "(" {
				return true
			}
			switch w {
			case "by", "of", "on", "in", "from", "for", "with", "at", "to", "about", "against", "over", "after":
				return false
			}
		}
		return true
	}
	return false
}

// entityByID returns the ner stage's entity with the given ID, or nil.
func (a *annotator) entityByID(id string) *sitrep.Entity {
	for i := range a.d.Entities {
		if a.d.Entities[i].ID == id {
			return &a.d.Entities[i]
		}
	}
	return nil
}

// entityByName returns the entity with the given name, or one with a role
// of that title.
func (a *annotator) entityByName(name string) *sitrep.Entity {
	for i := range a.d.Entities {
		if a.d.Entities[i].Name == name {
			return &a.d.Entities[i]
		}
	}
	return nil
}

// Relations turns claims into brat relations for scoring and for --out:
// the outlet's own assertions are not attributions and are left out, and
// so are claims nested in another's content, since PolNeAR gives each token
// to one attribution only.
func Relations(claims []sitrep.Claim) []Relation {
	var out []Relation
	for _, c := range claims {
		if c.Mode == ModeOutlet || c.Cue.Len() == 0 || c.Parent != "" {
			continue
		}
		r := Relation{ID: c.ID, Cue: []sitrep.Span{c.Cue}}
		r.Source = append(r.Source, c.Source...)
		if len(c.ContentParts) > 0 {
			r.Content = append(r.Content, c.ContentParts...)
		} else if c.Content.Len() > 0 {
			r.Content = []sitrep.Span{c.Content}
		}
		out = append(out, r)
	}
	return out
}
