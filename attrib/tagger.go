package attrib

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"io"
	"math"
	"sort"
	"sync"

	"sitrep"
)

// cueModel is the cue tagger learned from PolNeAR's training articles by
// "sitrep train attribution": hashed features and their weights for the
// labels O, B and I, gzipped. It holds no text of the corpus.
//
//go:embed cuetagger.bin.gz
var cueModel []byte

// Cue tag labels.
const (
	tagO = iota // outside a cue
	tagB        // first token of a cue
	tagI        // inside a cue
	nTags
)

// Tagger marks the cue phrases of a sentence with an averaged perceptron
// over the words around each token, the class of the next token and the
// cue lexicon's probabilities.
type Tagger struct {
	w map[uint32][nTags]float32
	// keys and vals are w as an open-addressing table: a Go map lookup
	// per feature would make the tagger the slowest part of the pipeline.
	keys []uint32
	vals [][nTags]float32
	mask uint32
}

// index builds the lookup table from w.
func (t *Tagger) index() {
	n := 1
	for n < 2*len(t.w)+2 {
		n <<= 1
	}
	t.keys = make([]uint32, n)
	t.vals = make([][nTags]float32, n)
	t.mask = uint32(n - 1)
	for h, v := range t.w {
		if h == 0 {
			// 0 marks an empty slot; a feature hashing to 0 is dropped.
			continue
		}
		i := (h * 2654435761) & t.mask
		for t.keys[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.keys[i], t.vals[i] = h, v
	}
}

func (t *Tagger) lookup(h uint32) ([nTags]float32, bool) {
	if h == 0 || t.keys == nil {
		return [nTags]float32{}, false
	}
	i := (h * 2654435761) & t.mask
	for {
		k := t.keys[i]
		if k == h {
			return t.vals[i], true
		}
		if k == 0 {
			return [nTags]float32{}, false
		}
		i = (i + 1) & t.mask
	}
}

var (
	defaultTaggerOnce sync.Once
	defaultTagger     *Tagger
	defaultTaggerErr  error
)

// DefaultTagger returns the embedded cue tagger.
func DefaultTagger() (*Tagger, error) {
	defaultTaggerOnce.Do(func() {
		defaultTagger, defaultTaggerErr = ReadTagger("attrib/cuetagger.bin.gz", bytes.NewReader(cueModel))
	})
	return defaultTagger, defaultTaggerErr
}

// ReadTagger reads a tagger model: gzip of a count and a scale, then for
// each feature its hash and one int16 weight per label (weight times
// scale).
func ReadTagger(name string, r io.Reader) (*Tagger, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: %s", name, err)
	}
	br := bufio.NewReader(zr)
	var n uint32
	if err := binary.Read(br, binary.LittleEndian, &n); err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: %s", name, err)
	}
	if n > 1<<24 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: %d features is more than a model may have", name, n)
	}
	var scale float32
	if err := binary.Read(br, binary.LittleEndian, &scale); err != nil || !(scale > 0) {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: bad scale", name)
	}
	t := &Tagger{w: make(map[uint32][nTags]float32, n)}
	var rec [4 + 2*nTags]byte
	for i := uint32(0); i < n; i++ {
		if _, err := io.ReadFull(br, rec[:]); err != nil {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: feature %d: %s", name, i, err)
		}
		h := binary.LittleEndian.Uint32(rec[:4])
		var w [nTags]float32
		for k := 0; k < nTags; k++ {
			w[k] = float32(int16(binary.LittleEndian.Uint16(rec[4+2*k:]))) / scale
		}
		t.w[h] = w
	}
	t.index()
	return t, nil
}

// Write writes the model, features sorted by hash so that the file is the
// same for the same weights. Weights are scaled so that the largest is
// the largest int16; those that round to zero are dropped.
func (t *Tagger) Write(w io.Writer) error {
	var top float64
	for _, v := range t.w {
		for _, x := range v {
			top = max(top, math.Abs(float64(x)))
		}
	}
	if top == 0 {
		top = 1
	}
	scale := float32(math.MaxInt16 / top)
	keys := make([]uint32, 0, len(t.w))
	for h, v := range t.w {
		if quantize(v, scale) != [nTags]int16{} {
			keys = append(keys, h)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	binary.Write(bw, binary.LittleEndian, uint32(len(keys)))
	binary.Write(bw, binary.LittleEndian, scale)
	var rec [4 + 2*nTags]byte
	for _, h := range keys {
		binary.LittleEndian.PutUint32(rec[:4], h)
		q := quantize(t.w[h], scale)
		for k := 0; k < nTags; k++ {
			binary.LittleEndian.PutUint16(rec[4+2*k:], uint16(q[k]))
		}
		bw.Write(rec[:])
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

func quantize(v [nTags]float32, scale float32) [nTags]int16 {
	var q [nTags]int16
	for k, x := range v {
		f := math.Round(float64(x * scale))
		q[k] = int16(max(min(f, math.MaxInt16), math.MinInt16))
	}
	return q
}

// feats computes the feature hashes of token i given the label of the token
// before it. buf is reused.
func (a *annotator) feats(buf []uint32, i, lo, hi, prev int, sentQuote bool) []uint32 {
	buf = buf[:0]
	w := a.lower[i]
	p1, p2, n1, n2 := "<s>", "<s>", "</s>", "</s>"
	if i-1 >= lo {
		p1 = a.lower[i-1]
	}
	if i-2 >= lo {
		p2 = a.lower[i-2]
	}
	if i+1 < hi {
		n1 = a.lower[i+1]
	}
	if i+2 < hi {
		n2 = a.lower[i+2]
	}
	pl := labelNames[prev]
	lb := a.lexBucket(i, hi)
	buf = append(buf, fh(1, "", ""), fh(2, w, ""), fh(3, p1, ""), fh(4, n1, ""), fh(5, p2, ""), fh(6, n2, ""),
		fh(7, w, n1), fh(8, p1, w), fh(9, suffix(w, 3), ""), fh(10, a.shape(i), a.shapeAt(i-1, lo, hi)),
		fh(11, a.nextClass(i+1), ""), fh(12, pl, ""), fh(13, pl, w), fh(14, lb, ""),
		fh(15, lb, a.nextClass(i+1)), fh(16, pl, lb))
	if q := a.inQuote[i]; q != 0 && a.quotes[q-1].closed {
		buf = append(buf, fh(17, "q", ""))
	} else if sentQuote {
		buf = append(buf, fh(17, "sq", ""))
	}
	if i == lo {
		buf = append(buf, fh(18, "first", ""))
	}
	if hi-i <= 2 {
		buf = append(buf, fh(18, "last", w))
	}
	for k := i + 1; k < hi && k <= i+3; k++ {
		if a.lower[k] == "that" {
			buf = append(buf, fh(19, "that", ""))
			break
		}
	}
	st := stem(w)
	buf = append(buf, fh(20, a.shapeAt(i-1, lo, hi), w), fh(21, suffix(w, 2), a.nextClass(i+1)),
		fh(22, st, ""), fh(23, st, a.nextClass(i+1)), fh(24, a.shapeAt(i-1, lo, hi), a.shapeAt(i-2, lo, hi)),
		fh(25, a.shapeAt(i+1, lo, hi), a.shapeAt(i+2, lo, hi)), fh(26, pl, a.shape(i)), fh(27, st, p1))
	// The word before the verb group (past auxiliaries and adverbs): its
	// subject, often.
	j := i - 1
	for j >= lo && (auxiliaries[a.lower[j]] || a.adverb(j)) {
		j--
	}
	subj := a.shapeAt(j, lo, hi)
	if j >= lo && (pronouns[a.lower[j]] || a.d.Tokens[j].Kind != sitrep.TokWord) {
		subj = a.lower[j]
	}
	buf = append(buf, fh(28, subj, st), fh(29, subj, ""), fh(30, p1, n1), fh(31, w, n1+" "+n2), fh(32, suffix(w, 4), ""),
		fh(33, st, a.nextClass(i+2)), fh(34, a.quoteDist(i, lo, hi), ""), fh(35, a.quoteDist(i, lo, hi), st))
	return buf
}

// quoteDist sorts where the nearest quotation mark of the sentence lies:
// just before the token ("“…,” he said"), just after it, further, none.
func (a *annotator) quoteDist(i, lo, hi int) string {
	for k := 1; k <= 4; k++ {
		if i-k >= lo && a.d.Tokens[i-k].Kind == sitrep.TokQuote {
			return "L" + string(rune('0'+k))
		}
		if i+k < hi && a.d.Tokens[i+k].Kind == sitrep.TokQuote {
			return "R" + string(rune('0'+k))
		}
	}
	return "-"
}

var labelNames = [nTags]string{"O", "B", "I"}

// fh hashes a feature template and its values (FNV-1a).
func fh(id byte, a, b string) uint32 {
	h := uint32(2166136261)
	h = (h ^ uint32(id)) * 16777619
	for i := 0; i < len(a); i++ {
		h = (h ^ uint32(a[i])) * 16777619
	}
	h = (h ^ 0xff) * 16777619
	for i := 0; i < len(b); i++ {
		h = (h ^ uint32(b[i])) * 16777619
	}
	return h
}

// stem strips the commonest inflections, so that "insists", "insisted"
// and "insisting" share a feature.
func stem(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s", "d"} {
		if len(w) > len(suf)+3 && w[len(w)-len(suf):] == suf {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

func suffix(w string, n int) string {
	if len(w) <= n {
		return w
	}
	return w[len(w)-n:]
}

// shape sorts a token: capitalized word, lower-case word, number, quote,
// punctuation.
func (a *annotator) shape(i int) string {
	t := a.d.Tokens[i]
	switch t.Kind {
	case sitrep.TokWord:
		if a.capitalized(i) {
			if pronouns[a.lower[i]] {
				return "P"
			}
			return "X"
		}
		if pronouns[a.lower[i]] {
			return "p"
		}
		return "x"
	case sitrep.TokNumber:
		return "d"
	case sitrep.TokQuote:
		if a.closingQuote(i) {
			return "Q"
		}
		return "q"
	}
	return a.lower[i]
}

func (a *annotator) shapeAt(i, lo, hi int) string {
	if i < lo || i >= hi {
		return "|"
	}
	return a.shape(i)
}

// lexBucket sorts the cue lexicon's probability for the longest phrase at
// token i into a few bands.
func (a *annotator) lexBucket(i, hi int) string {
	lx := a.s.Lexicon
	n := min(lx.maxLen[a.lower[i]], hi-i)
	best := -1.0
	for ; n >= 1; n-- {
		var p string
		if n == 1 {
			p = a.lower[i]
		} else {
			p = phraseOf(a.lower[i : i+n])
		}
		if prob, ok := lx.entries[p]; ok {
			best = prob
			break
		}
	}
	switch {
	case best < 0:
		return "none"
	case best < 0.05:
		return "b0"
	case best < 0.15:
		return "b1"
	case best < 0.3:
		return "b2"
	case best < 0.5:
		return "b3"
	case best < 0.75:
		return "b4"
	}
	return "b5"
}

func phraseOf(ws []string) string {
	n := len(ws) - 1
	for _, w := range ws {
		n += len(w)
	}
	b := make([]byte, 0, n)
	for k, w := range ws {
		if k > 0 {
			b = append(b, ' ')
		}
		b = append(b, w...)
	}
	return string(b)
}

// score adds the weights of the features for each label.
func (t *Tagger) score(fs []uint32) [nTags]float32 {
	var s [nTags]float32
	for _, f := range fs {
		if w, ok := t.lookup(f); ok {
			for k := range s {
				s[k] += w[k]
			}
		}
	}
	return s
}

// best returns the highest-scoring label allowed after prev: a cue's
// inside only follows its start or inside.
func best(s [nTags]float32, prev int) int {
	b := tagO
	for k := 1; k < nTags; k++ {
		if k == tagI && prev == tagO {
			continue
		}
		if s[k] > s[b] {
			b = k
		}
	}
	return b
}

// tagSentence returns the cue ranges the tagger finds in [lo, hi).
func (a *annotator) tagSentence(t *Tagger, lo, hi int) []rng {
	sentQuote := false
	for i := lo; i < hi; i++ {
		if a.d.Tokens[i].Kind == sitrep.TokQuote {
			sentQuote = true
			break
		}
	}
	var out []rng
	prev := tagO
	buf := a.featBuf
	for i := lo; i < hi; i++ {
		// A cue starts on a word the lexicon knows, or on an auxiliary
		// or adverb before one; elsewhere only a cue already begun can
		// go on. This skips most tokens without scoring them.
		if prev == tagO && !a.candidate(i, hi) {
			continue
		}
		buf = a.feats(buf, i, lo, hi, prev, sentQuote)
		sc := t.score(buf)
		// The bias trades precision for recall: the perceptron leans
		// towards "no cue", the commonest label.
		sc[tagB] += a.s.CueBias
		l := best(sc, prev)
		switch l {
		case tagB:
			out = append(out, rng{i, i + 1})
		case tagI:
			out[len(out)-1].b = i + 1
		}
		prev = l
	}
	a.featBuf = buf
	return out
}

// candidate reports whether a cue may start at token i: a word the
// lexicon knows, or a lower-case word that is not a determiner,
// preposition or pronoun; a colon or a dash.
func (a *annotator) candidate(i, hi int) bool {
	switch a.d.Tokens[i].Kind {
	case sitrep.TokWord:
	case sitrep.TokDash:
		return true
	case sitrep.TokPunct:
		return a.lower[i] == ":"
	default:
		return false
	}
	w := a.lower[i]
	if a.s.Lexicon.maxLen[w] > 0 {
		return true
	}
	return !a.capitalized(i) && !functionWords[w]
}

// functionWords never start a cue.
var functionWords = set(`the a an of in to and or for on at by with from as this that these those it its
	he she they we i you him her them us me his their our my your who which what where when there here
	than then but if so not no nor too very just about into over after before under between through
	during without within against among up down out off more most some any all each every both other
	such only own same also`)

// TaggerTrainer trains a Tagger with the averaged perceptron.
type TaggerTrainer struct {
	w, total map[uint32]*[nTags]float32
	stamp    map[uint32]int
	step     int
	lx       *Lexicon
}

// NewTaggerTrainer returns a trainer whose features read the given lexicon.
func NewTaggerTrainer(lx *Lexicon) *TaggerTrainer {
	return &TaggerTrainer{w: map[uint32]*[nTags]float32{}, total: map[uint32]*[nTags]float32{},
		stamp: map[uint32]int{}, lx: lx}
}

// Example is one tokenized article with the gold label of each token.
type Example struct {
	Doc  *sitrep.Doc
	Tags []int
}

// NewExample labels the tokens of d from one annotator's relations.
func NewExample(d *sitrep.Doc, rels []Relation) Example {
	tags := make([]int, len(d.Tokens))
	for _, r := range rels {
		if len(r.Cue) == 0 {
			continue
		}
		i, j := d.TokenAt(r.Cue[0].Start), d.TokenAt(r.Cue[0].End)
		for k := i; k < j && k < len(tags); k++ {
			if k == i {
				tags[k] = tagB
			} else {
				tags[k] = tagI
			}
		}
	}
	return Example{Doc: d, Tags: tags}
}

// Epoch runs one pass over the examples and returns the number of tokens
// tagged wrong.
func (tr *TaggerTrainer) Epoch(exs []Example) int {
	errs := 0
	st := &Stage{Lexicon: tr.lx}
	for _, ex := range exs {
		a := newAnnotator(st, ex.Doc)
		a.findQuotes()
		for _, s := range ex.Doc.Sentences {
			sentQuote := false
			for i := s.FirstTok; i < s.EndTok; i++ {
				if ex.Doc.Tokens[i].Kind == sitrep.TokQuote {
					sentQuote = true
				}
			}
			prev := tagO
			for i := s.FirstTok; i < s.EndTok; i++ {
				if prev == tagO && !a.candidate(i, s.EndTok) {
					prev = ex.Tags[i]
					if prev == tagI {
						prev = tagB
					}
					continue
				}
				tr.step++
				a.featBuf = a.feats(a.featBuf, i, s.FirstTok, s.EndTok, prev, sentQuote)
				var sc [nTags]float32
				for _, f := range a.featBuf {
					if w := tr.w[f]; w != nil {
						for k := range sc {
							sc[k] += w[k]
						}
					}
				}
				got := best(sc, prev)
				want := ex.Tags[i]
				if want == tagI && prev == tagO {
					want = tagB
				}
				if got != want {
					errs++
					for _, f := range a.featBuf {
						tr.update(f, want, 1)
						tr.update(f, got, -1)
					}
				}
				// Train on the gold history, as in the usual greedy
				// perceptron tagger.
				prev = want
			}
		}
	}
	return errs
}

func (tr *TaggerTrainer) update(f uint32, label int, v float32) {
	w := tr.w[f]
	if w == nil {
		w = &[nTags]float32{}
		tr.w[f] = w
		tr.total[f] = &[nTags]float32{}
		tr.stamp[f] = tr.step
	}
	t := tr.total[f]
	// Lazy averaging: add the weights held since the last update.
	d := float32(tr.step - tr.stamp[f])
	for k := range t {
		t[k] += d * w[k]
	}
	tr.stamp[f] = tr.step
	w[label] += v
}

// Tagger returns the averaged weights.
func (tr *TaggerTrainer) Tagger() *Tagger {
	t := &Tagger{w: make(map[uint32][nTags]float32, len(tr.w))}
	for f, w := range tr.w {
		tot := tr.total[f]
		d := float32(tr.step - tr.stamp[f])
		var avg [nTags]float32
		for k := range avg {
			avg[k] = (tot[k] + d*w[k]) / float32(tr.step)
		}
		t.w[f] = avg
	}
	t.index()
	return t
}
