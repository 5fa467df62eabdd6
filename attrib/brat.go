package attrib

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"sitrep"
)

// Relation is one attribution relation as brat standoff files of PARC and
// PolNeAR hold it: the source, cue and content, each a list of fragments
// (code-point spans) because annotators may cut a part around an
// interruption ("“A,” she said. “B.”").
type Relation struct {
	ID      string
	Source  []sitrep.Span
	Cue     []sitrep.Span
	Content []sitrep.Span
}

// maxAnnLine bounds one line of a .ann file. Spans of whole paragraphs run
// to a few kilobytes; a megabyte means the file is not brat standoff.
const maxAnnLine = 1 << 20

// ReadAnn reads the attribution relations of a brat standoff file. textLen
// is the length of the article in code points: spans beyond it are an
// error. name is the file's name for error messages. Text-bound lines whose
// covered text runs over several lines (a span across paragraphs) are
// accepted: lines that do not begin an annotation are skipped.
func ReadAnn(name string, r io.Reader, textLen int) ([]Relation, error) {
	type tb struct {
		label string
		frags []sitrep.Span
	}
	tbs := map[string]tb{}
	type ev struct {
		id   string
		args [][2]string
		line int
	}
	var events []ev
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxAnnLine)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" {
			continue
		}
		id, rest, ok := strings.Cut(line, "\t")
		if !ok || !annID(id) {
			// The continuation of a span's text, or a note.
			continue
		}
		switch id[0] {
		case 'T':
			head, _, _ := strings.Cut(rest, "\t")
			label, offs, ok := strings.Cut(head, " ")
			if !ok || label == "" {
				return nil, sitrep.Errorf(sitrep.EINVALID, "%s: line %d: text-bound annotation %s has no offsets", name, n, id)
			}
			var frags []sitrep.Span
			for _, f := range strings.Split(offs, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(f), " ")
				s, err1 := strconv.Atoi(a)
				e, err2 := strconv.Atoi(strings.TrimSpace(b))
				if !ok || err1 != nil || err2 != nil {
					return nil, sitrep.Errorf(sitrep.EINVALID, "%s: line %d: %s: bad offsets %q", name, n, id, f)
				}
				if s < 0 || e < s || (textLen >= 0 && e > textLen) {
					return nil, sitrep.Errorf(sitrep.EINVALID, "%s: line %d: %s: span %d-%d outside the text (length %d)", name, n, id, s, e, textLen)
				}
				frags = append(frags, sitrep.Span{Start: s, End: e})
			}
			if _, dup := tbs[id]; dup {
				return nil, sitrep.Errorf(sitrep.EINVALID, "%s: line %d: %s defined twice", name, n, id)
			}
			tbs[id] = tb{label, frags}
		case 'E':
			e := ev{id: id, line: n}
			for _, a := range strings.Fields(rest) {
				role, ref, ok := strings.Cut(a, ":")
				if !ok || ref == "" {
					return nil, sitrep.Errorf(sitrep.EINVALID, "%s: line %d: %s: argument %q is not ROLE:ID", name, n, id, a)
				}
				e.args = append(e.args, [2]string{role, ref})
			}
			events = append(events, e)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: line %d: %s", name, n+1, err)
	}
	var rels []Relation
	for _, e := range events {
		rel := Relation{ID: e.id}
		attribution := false
		for _, a := range e.args {
			t, ok := tbs[a[1]]
			if !ok {
				return nil, sitrep.Errorf(sitrep.EINVALID, "%s: line %d: %s refers to %s, which is not defined", name, e.line, e.id, a[1])
			}
			switch {
			case a[0] == "Source":
				rel.Source = append(rel.Source, t.frags...)
			case a[0] == "Cue":
				rel.Cue = append(rel.Cue, t.frags...)
			case strings.HasPrefix(a[0], "Content"):
				rel.Content = append(rel.Content, t.frags...)
			case strings.HasPrefix(a[0], "Attribution"):
				attribution = true
			}
		}
		if !attribution && len(rel.Cue) == 0 {
			continue
		}
		sortSpans(rel.Source)
		sortSpans(rel.Cue)
		sortSpans(rel.Content)
		rels = append(rels, rel)
	}
	return rels, nil
}

func annID(id string) bool {
	if len(id) < 2 || len(id) > 12 {
		return false
	}
	switch id[0] {
	case 'T', 'E', 'R', 'A', 'M', 'N', '#', '*':
	default:
		return false
	}
	for _, c := range id[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func sortSpans(s []sitrep.Span) {
	sort.Slice(s, func(i, j int) bool {
		if s[i].Start != s[j].Start {
			return s[i].Start < s[j].Start
		}
		return s[i].End < s[j].End
	})
}

// WriteAnn writes relations as brat standoff in PolNeAR's layout: a Source,
// Cue and Content text-bound annotation for each part, an Attribution
// trigger on the cue, and an event linking them. text is the article, for
// the covered text each line repeats.
func WriteAnn(w io.Writer, text string, rels []Relation) error {
	bw := bufio.NewWriter(w)
	runes := []rune(text)
	slice := func(frags []sitrep.Span) string {
		var parts []string
		for _, f := range frags {
			s, e := max(f.Start, 0), min(f.End, len(runes))
			if s > e {
				s = e
			}
			// A span's text is one line in standoff; breaks become spaces.
			parts = append(parts, strings.ReplaceAll(string(runes[s:e]), "\n", " "))
		}
		return strings.Join(parts, " ")
	}
	offs := func(frags []sitrep.Span) string {
		var parts []string
		for _, f := range frags {
			parts = append(parts, fmt.Sprintf("%d %d", f.Start, f.End))
		}
		return strings.Join(parts, ";")
	}
	t := 0
	tline := func(label string, frags []sitrep.Span) string {
		t++
		fmt.Fprintf(bw, "T%d\t%s %s\t%s\n", t, label, offs(frags), slice(frags))
		return fmt.Sprintf("T%d", t)
	}
	for i, r := range rels {
		if len(r.Cue) == 0 {
			continue
		}
		var args []string
		trigger := "Attribution"
		if len(r.Source) == 0 {
			trigger = "Attribution-no-source"
		}
		if len(r.Source) > 0 {
			args = append(args, "Source:"+tline("Source", r.Source))
		}
		args = append(args, "Cue:"+tline("Cue", r.Cue))
		if len(r.Content) > 0 {
			args = append(args, "Content:"+tline("Content", r.Content))
		}
		args = append([]string{trigger + ":" + tline(trigger, r.Cue)}, args...)
		fmt.Fprintf(bw, "E%d\t%s\n", i+1, strings.Join(args, " "))
	}
	return bw.Flush()
}
