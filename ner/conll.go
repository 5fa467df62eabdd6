package ner

import (
	"bufio"
	"io"
	"sort"
	"strings"

	"sitrep"
)

// CoNLLDoc is one document of a CoNLL-2003 file: sentences of tokens with
// their gold tags, and the original lines so that predictions can be
// written beside them.
type CoNLLDoc struct {
	Words [][]string
	Tags  [][]string
	Lines [][]string
}

// maxCoNLLLine bounds one line of a CoNLL file.
const maxCoNLLLine = 1 << 16

// ReadCoNLL reads a CoNLL-2003 file: one token a line with the word first
// and the NER tag last (IOB1 or IOB2, classes PER, ORG, LOC, MISC), blank
// lines between sentences and -DOCSTART- lines between documents. A file
// with no -DOCSTART- is one document. A malformed line is an EINVALID error
// naming the file and the line.
func ReadCoNLL(name string, r io.Reader) ([]CoNLLDoc, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxCoNLLLine)
	var docs []CoNLLDoc
	var cur CoNLLDoc
	var words, tags, lines []string
	endSent := func() {
		if len(words) > 0 {
			cur.Words = append(cur.Words, words)
			cur.Tags = append(cur.Tags, tags)
			cur.Lines = append(cur.Lines, lines)
			words, tags, lines = nil, nil, nil
		}
	}
	endDoc := func() {
		endSent()
		if len(cur.Words) > 0 {
			docs = append(docs, cur)
		}
		cur = CoNLLDoc{}
	}
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			endSent()
			continue
		}
		f := strings.Fields(line)
		if f[0] == "-DOCSTART-" {
			endDoc()
			continue
		}
		if len(f) < 2 {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: line %d: want a word and a tag separated by white space, got %q", name, n, clip(line))
		}
		tag := f[len(f)-1]
		if !validTag(tag) {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: line %d: tag %q is not O or B-/I- with PER, ORG, LOC or MISC", name, n, clip(tag))
		}
		words = append(words, f[0])
		tags = append(tags, tag)
		lines = append(lines, line)
	}
	if err := sc.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: line %d: longer than %d bytes", name, n+1, maxCoNLLLine)
		}
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: line %d: %s", name, n+1, err)
	}
	endDoc()
	return docs, nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

func validTag(t string) bool {
	if t == "O" {
		return true
	}
	if len(t) < 3 || (t[0] != 'B' && t[0] != 'I') || t[1] != '-' {
		return false
	}
	return classIndex(t[2:]) >= 0
}

func classIndex(c string) int {
	for i, x := range classes {
		if x == c {
			return i
		}
	}
	return -1
}

// chunk is a phrase [start, end) of one class within a sentence.
type chunk struct {
	start, end int
	class      string
}

// chunks reads the phrases of a tag sequence the way conlleval does: a
// phrase starts at B-, at I- after O, or at I- of another class, so IOB1
// and IOB2 are read alike.
func chunks(tags []string) []chunk {
	var out []chunk
	open := -1
	cls := ""
	for i, t := range tags {
		c, begin := "", false
		if t != "O" && len(t) > 2 {
			c = t[2:]
			begin = t[0] == 'B' || c != cls || open < 0
		}
		if open >= 0 && (c == "" || begin) {
			out = append(out, chunk{open, i, cls})
			open, cls = -1, ""
		}
		if c != "" && begin {
			open, cls = i, c
		}
	}
	if open >= 0 {
		out = append(out, chunk{open, len(tags), cls})
	}
	return out
}

// Counts are conlleval's phrase counts for one class or overall.
type Counts struct {
	Gold, Predicted, Correct int
}

// Precision, Recall and F1 are percentages (0-100).
func (c Counts) Precision() float64 { return pct(c.Correct, c.Predicted) }
func (c Counts) Recall() float64    { return pct(c.Correct, c.Gold) }
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// Score holds conlleval's phrase-level counts, overall and per class.
type Score struct {
	Tokens  int
	Overall Counts
	PerType map[string]Counts
}

// Add scores one sentence's predicted tags against its gold tags.
func (s *Score) Add(gold, pred []string) {
	if s.PerType == nil {
		s.PerType = map[string]Counts{}
	}
	s.Tokens += len(gold)
	g, p := chunks(gold), chunks(pred)
	set := make(map[chunk]bool, len(g))
	for _, c := range g {
		set[c] = true
		x := s.PerType[c.class]
		x.Gold++
		s.PerType[c.class] = x
		s.Overall.Gold++
	}
	for _, c := range p {
		x := s.PerType[c.class]
		x.Predicted++
		s.Overall.Predicted++
		if set[c] {
			x.Correct++
			s.Overall.Correct++
		}
		s.PerType[c.class] = x
	}
}

// Types returns the classes scored, sorted.
func (s *Score) Types() []string {
	var ts []string
	for t := range s.PerType {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return ts
}

// Evaluate tags every document with m and scores it against the gold tags.
// It returns the score and the predicted tags, in the shape of docs.
func Evaluate(m *Model, docs []CoNLLDoc) (Score, [][][]string) {
	var s Score
	pred := make([][][]string, len(docs))
	for i, d := range docs {
		pred[i] = m.Tag(d.Words)
		for j := range d.Words {
			s.Add(d.Tags[j], pred[i][j])
		}
	}
	return s, pred
}
