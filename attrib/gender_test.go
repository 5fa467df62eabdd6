package attrib

import (
	"strings"
	"testing"

	"sitrep"
)

// TestPronounGender checks that "she" skips a more recent speaker the text
// shows to be a man, and that a name without any sign of gender still
// takes either pronoun.
func TestPronounGender(t *testing.T) {
	d := mustDoc(t, "Foreign Minister Anna Lind met the defence minister, Petro Koval, in Vilnius on Monday. "+
		"Ms. Lind said the talks had gone well. "+
		"Koval said his government expected the ceasefire to hold through the winter. "+
		"She said the next round of talks would take place in Geneva. "+
		"He said the prisoners would be exchanged within a week.\n\n"+
		"Commander Taras Hnatiuk said the river crossing was under fire. "+
		"She said the bridge could not be repaired before spring.")
	annotate(t, d)
	for _, tc := range []struct{ cue, content, speaker string }{
		{"said", "next round of talks", "Ms. Lind"},
		{"said", "prisoners would be exchanged", "Koval"},
		// Nothing in the text gives Hnatiuk's gender: "she" may be him.
		{"said", "bridge could not be repaired", "Taras Hnatiuk"},
	} {
		c := find(t, d, tc.cue, tc.content)
		if !strings.Contains(c.SpeakerName, strings.TrimPrefix(tc.speaker, "Ms. ")) && c.SpeakerName != tc.speaker {
			t.Errorf("%q: speaker %q, want %q", c.Content.Text, c.SpeakerName, tc.speaker)
		}
	}
}

func TestGenderEvidence(t *testing.T) {
	d := mustDoc(t, "Spokeswoman Maria Hren told reporters her office had no comment. "+
		"Mr. Dolan said the report was false, and she denied it too.")
	kr := func(s string) sitrep.Span {
		r := len([]rune(d.Text[:strings.Index(d.Text, s)]))
		return d.Span(r, r+len([]rune(s)))
	}
	d.Entities = []sitrep.Entity{
		{ID: "e1", Type: sitrep.PER, Name: "Maria Hren", Mentions: []sitrep.Span{kr("Maria Hren")}},
		{ID: "e2", Type: sitrep.PER, Name: "Dolan", Mentions: []sitrep.Span{kr("Dolan")}},
	}
	annotate(t, d)
	c := find(t, d, "denied", "")
	if c.Speaker != "e1" {
		t.Errorf("denied: speaker %q (%s), want e1: Mr. Dolan is a man, the spokeswoman a woman", c.Speaker, c.SpeakerName)
	}
}

// TestPronounSubjects checks the persons a pronoun may mean besides the
// speakers: a sentence's subject, and a person named earlier in the
// pronoun's own sentence, but not one behind a preposition.
func TestPronounSubjects(t *testing.T) {
	d := mustDoc(t, "A spokesman for the ministry said the convoy had been delayed. "+
		"Defence Minister Oleksii Bondar visited the front on Monday. "+
		"Asked about Ivan Petrov, he said the general had been dismissed. "+
		"After police detained Viktor Hral for six hours, he admitted that the funds had been moved.\n\n"+
		"Local prosecutors said the case was closed. He said he would appeal.")
	ent := func(id, name string) sitrep.Entity {
		r := len([]rune(d.Text[:strings.Index(d.Text, name)]))
		return sitrep.Entity{ID: id, Type: sitrep.PER, Name: name, Mentions: []sitrep.Span{d.Span(r, r+len([]rune(name)))}}
	}
	d.Entities = []sitrep.Entity{ent("e1", "Oleksii Bondar"), ent("e2", "Ivan Petrov"), ent("e3", "Viktor Hral")}
	annotate(t, d)
	if c := find(t, d, "said", "general had been dismissed"); c.Speaker != "e1" {
		t.Errorf("%q: speaker %q (%s), want e1, the subject of the sentence before", c.Content.Text, c.Speaker, c.SpeakerName)
	}
	if c := find(t, d, "admitted", "funds"); c.Speaker != "e3" {
		t.Errorf("%q: speaker %q (%s), want e3, named before the pronoun in its sentence", c.Content.Text, c.Speaker, c.SpeakerName)
	}
	// "He" is not the prosecutors; the nearest man before them is Hral.
	if c := find(t, d, "said", "would appeal"); c.Speaker != "e3" {
		t.Errorf("%q: speaker %q (%s), want e3: a plural noun is no he", c.Content.Text, c.Speaker, c.SpeakerName)
	}
}
