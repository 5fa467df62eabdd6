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
	"sitrep/pos"
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

// Tagger marks the cue phrases of a sentence with an averaged structured
// perceptron (Viterbi over B/I/O labels) over the words around each token,
// the class of the next token and the cue lexicon's probabilities.
type Tagger struct {
	w map[uint32][nTags]float32
	// table is w as an open-addressing table, key and weights side by
	// side so that a lookup touches one cache line: a Go map lookup per
	// feature would make the tagger the slowest part of the pipeline.
	table []slot
	mask  uint32
}

type slot struct {
	key uint32
	w   [nTags]float32
}

// index builds the lookup table from w, at most two thirds full.
func (t *Tagger) index() {
	n := 1
	for n < len(t.w)*3/2+2 {
		n <<= 1
	}
	t.table = make([]slot, n)
	t.mask = uint32(n - 1)
	for h, v := range t.w {
		if h == 0 {
			// 0 marks an empty slot; a feature hashing to 0 is dropped.
			continue
		}
		i := (h * 2654435761) & t.mask
		for t.table[i].key != 0 {
			i = (i + 1) & t.mask
		}
		t.table[i] = slot{h, v}
	}
}

func (t *Tagger) lookup(h uint32) ([nTags]float32, bool) {
	if h == 0 || t.table == nil {
		return [nTags]float32{}, false
	}
	i := (h * 2654435761) & t.mask
	for {
		s := &t.table[i]
		if s.key == h {
			return s.w, true
		}
		if s.key == 0 {
			return [nTags]float32{}, false
		}
		i = (i + 1) & t.mask
	}
}

// Prune keeps the n features with the largest weights (ties by hash, so
// that the result does not depend on map order). Most features of a
// perceptron are seen a few times and weigh next to nothing; dropping them
// keeps the lookup table in cache and costs no accuracy (PolNeAR dev: cue
// exact F1 68.9 with all 397,000 features, 69.2 with 150,000).
func (t *Tagger) Prune(n int) {
	if n <= 0 || len(t.w) <= n {
		return
	}
	type fw struct {
		h uint32
		m float32
	}
	l := make([]fw, 0, len(t.w))
	for h, v := range t.w {
		m := float32(0)
		for _, x := range v {
			m = max(m, x, -x)
		}
		l = append(l, fw{h, m})
	}
	sort.Slice(l, func(i, j int) bool { return l[i].m > l[j].m || l[i].m == l[j].m && l[i].h < l[j].h })
	for _, x := range l[n:] {
		delete(t.w, x.h)
	}
	t.index()
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
	lb := a.bands[i]
	buf = append(buf, fh(1, "", ""), fh(2, w, ""), fh(3, p1, ""), fh(4, n1, ""), fh(5, p2, ""), fh(6, n2, ""),
		fh(7, w, n1), fh(8, p1, w), fh(9, suffix(w, 3), ""), fh(10, a.shapes[i], a.shapeAt(i-1, lo, hi)),
		fh(11, a.nextClass(i+1), ""), fh(14, lb, ""), fh(15, lb, a.nextClass(i+1)))
	if prev >= 0 {
		buf = a.prevFeats(buf, i, prev)
	}
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
		fh(25, a.shapeAt(i+1, lo, hi), a.shapeAt(i+2, lo, hi)), fh(27, st, p1))
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
	buf = append(buf, fh(28, subj, st), fh(29, subj, ""), fh(30, p1, n1), fh3(31, w, n1, n2), fh(32, suffix(w, 4), ""),
		fh(33, st, a.nextClass(i+2)), fh(34, a.quoteDist(i, lo, hi), ""), fh(35, a.quoteDist(i, lo, hi), st),
		fh(39, w, a.nextClass(i+1)), fh(41, n1, n2), fh(42, p2, p1),
		fh(43, a.stemBands[i], ""), fh(44, a.stemBands[i], a.nextClass(i+1)))
	// The frame of the complement: "pledged to", "said he", "found that".
	fr := a.rightFrame(i, hi)
	buf = append(buf, fh(52, fr, ""), fh(53, fr, a.stemBands[i]), fh(54, fr, st), fh(55, fr, subj))
	return a.posFeats(buf, i, lo, hi)
}

// posFeats appends the part-of-speech features of token i: its tag and its
// neighbours', the bigrams around it. Also tried (docs/attrib.md): the
// chunk, the head of the verb group and the tag before it; they did not
// add to these, and chunking would double the tagger's cost.
func (a *annotator) posFeats(buf []uint32, i, lo, hi int) []uint32 {
	p, pm1, pp1 := a.posAt(i, lo, hi), a.posAt(i-1, lo, hi), a.posAt(i+1, lo, hi)
	return append(buf, fh(60, p, ""), fh(61, pm1, p), fh(62, p, pp1), fh(64, pm1, ""), fh(65, pp1, ""))
}

// rightFrame sorts what opens the complement of token i within the next
// four tokens: a "that" clause, a quotation or colon, "to" and a verb
// ("pledged to cut"), a pronoun subject ("said he would"), a preposition
// of topic ("spoke about"), the end of the sentence, or none of these.
func (a *annotator) rightFrame(i, hi int) string {
	for k := i + 1; k < hi && k <= i+4; k++ {
		w := a.lower[k]
		switch {
		case w == "that":
			return "that"
		case a.d.Tokens[k].Kind == sitrep.TokQuote || w == ":":
			return "quote"
		case w == "to" && k+1 < hi && a.word(k+1) && !a.capitalized(k+1) && !functionWords[a.lower[k+1]]:
			return "to"
		case w == "he" || w == "she" || w == "they" || w == "we" || w == "i" || w == "it":
			return "pron"
		case w == "about" || w == "of" || w == "for" || w == "on":
			return "prep"
		case w == "." || w == ";" || w == "?" || w == "!":
			return "end"
		}
	}
	return "-"
}

// prevFeats appends the features that read the label of the token before
// i; prev < 0 in feats leaves them out, for the decoder to add per label.
func (a *annotator) prevFeats(buf []uint32, i, prev int) []uint32 {
	pl := labelNames[prev]
	return append(buf, fh(12, pl, ""), fh(13, pl, a.lower[i]), fh(16, pl, a.bands[i]), fh(26, pl, a.shapes[i]))
}

// quoteDist sorts where the nearest quotation mark of the sentence lies:
// just before the token ("“…,” he said"), just after it, further, none.
func (a *annotator) quoteDist(i, lo, hi int) string {
	for k := 1; k <= 4; k++ {
		if i-k >= lo && a.d.Tokens[i-k].Kind == sitrep.TokQuote {
			return quoteLeft[k]
		}
		if i+k < hi && a.d.Tokens[i+k].Kind == sitrep.TokQuote {
			return quoteRight[k]
		}
	}
	return "-"
}

var (
	quoteLeft  = [5]string{"", "L1", "L2", "L3", "L4"}
	quoteRight = [5]string{"", "R1", "R2", "R3", "R4"}
)

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

func fh3(id byte, a, b, c string) uint32 {
	h := fh(id, a, b)
	h = (h ^ 0xfe) * 16777619
	for i := 0; i < len(c); i++ {
		h = (h ^ uint32(c[i])) * 16777619
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
	return a.shapes[i]
}

// prepare computes the shape, the lexicon band and the part of speech of
// each token of [lo, hi) once: the features of five tokens read each.
func (a *annotator) prepare(lo, hi int) {
	a.tagPOS(lo, hi)
	if len(a.shapes) != len(a.lower) {
		a.shapes = make([]string, len(a.lower))
		a.bands = make([]string, len(a.lower))
		a.stemBands = make([]string, len(a.lower))
	}
	for i := lo; i < hi; i++ {
		a.shapes[i] = a.shape(i)
		a.bands[i] = a.lexBucket(i, hi)
		a.stemBands[i] = a.stemBucket(i)
	}
}

// tagPOS tags the parts of speech of [lo, hi).
func (a *annotator) tagPOS(lo, hi int) {
	pt := posTagger()
	if len(a.posTags) != len(a.lower) {
		a.posTags = make([]string, len(a.lower))
	}
	a.words = a.words[:0]
	for i := lo; i < hi; i++ {
		a.words = append(a.words, a.d.TokenText(i))
	}
	names := pt.POSNames()
	for k, p := range pt.TagPOS(a.words, &a.posBuf) {
		a.posTags[lo+k] = names[p]
	}
}

// posTagger returns the embedded part-of-speech tagger (pos.Default loads
// it once); the binary is broken without it, as without the cue model.
func posTagger() *pos.Tagger {
	t, err := pos.Default()
	if err != nil {
		panic(err)
	}
	return t
}

func (a *annotator) posAt(i, lo, hi int) string {
	if i < lo || i >= hi {
		return "|"
	}
	return a.posTags[i]
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

// stemBucket sorts the share of the token's stem marked inside cues in
// PolNeAR train into bands.
func (a *annotator) stemBucket(i int) string {
	if a.d.Tokens[i].Kind != sitrep.TokWord {
		return "-"
	}
	p, ok := a.s.Lexicon.stems[stem(a.lower[i])]
	switch {
	case !ok:
		return "s-"
	case p < 0.02:
		return "s0"
	case p < 0.08:
		return "s1"
	case p < 0.2:
		return "s2"
	case p < 0.4:
		return "s3"
	case p < 0.7:
		return "s4"
	}
	return "s5"
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

// maxRun bounds how far past the last token that may start a cue a cue
// may go on (PolNeAR's cues rarely run over a few function words:
// "did not immediately respond to").
const maxRun = 4

// scoredTokens marks the tokens of [lo, hi) the decoder scores: those a cue
// may start on and the few after them a cue may run over. Elsewhere the
// label is O and costs nothing, which keeps the tagger fast.
func (a *annotator) scoredTokens(lo, hi int, buf []int8) []int8 {
	buf = buf[:0]
	last := -maxRun - 1
	for i := lo; i < hi; i++ {
		switch {
		case a.candidate(i, hi):
			last = i
			buf = append(buf, 2)
		case i-last <= maxRun:
			buf = append(buf, 1)
		default:
			buf = append(buf, 0)
		}
	}
	return buf
}

// emissions holds, for one token, the score of each label after each
// label of the token before.
type emissions [nTags][nTags]float32

var negInf = float32(math.Inf(-1))

// decode returns the best label sequence of [lo, hi) under the scores
// score gives each feature list: a cue is B I*, starts only on a
// candidate token (kind 2) and runs only over scored ones (kind 1). bias
// is added to the score of B.
func (a *annotator) decode(lo, hi int, kinds []int8, sentQuote bool, bias float32, score func([]uint32) [nTags]float32, labels []int) []int {
	n := hi - lo
	labels = labels[:0]
	if cap(a.vit) < n {
		a.vit = make([][nTags]float32, n)
		a.back = make([][nTags]int8, n)
	}
	vit, back := a.vit[:n], a.back[:n]
	a.prepare(lo, hi)
	prev := [nTags]float32{0, negInf, negInf}
	for k := 0; k < n; k++ {
		i := lo + k
		if kinds[k] == 0 || (kinds[k] == 1 && prev[tagB] == negInf && prev[tagI] == negInf) {
			// Only O: from the best state before.
			bp, bs := 0, prev[0]
			for p := 1; p < nTags; p++ {
				if prev[p] > bs {
					bp, bs = p, prev[p]
				}
			}
			vit[k] = [nTags]float32{bs, negInf, negInf}
			back[k] = [nTags]int8{int8(bp), 0, 0}
			prev = vit[k]
			continue
		}
		a.featBuf = a.feats(a.featBuf, i, lo, hi, -1, sentQuote)
		st := score(a.featBuf)
		var cur [nTags]float32
		var bk [nTags]int8
		for l := range cur {
			cur[l] = negInf
		}
		for p := 0; p < nTags; p++ {
			if prev[p] == negInf {
				continue
			}
			a.featBuf = a.prevFeats(a.featBuf[:0], i, p)
			dy := score(a.featBuf)
			for l := 0; l < nTags; l++ {
				if l == tagB && kinds[k] != 2 || l == tagI && p == tagO {
					continue
				}
				v := prev[p] + st[l] + dy[l]
				if l == tagB {
					v += bias
				}
				if v > cur[l] {
					cur[l], bk[l] = v, int8(p)
				}
			}
		}
		vit[k], back[k] = cur, bk
		prev = cur
	}
	labels = append(labels, make([]int, n)...)
	l := 0
	for p := 1; p < nTags; p++ {
		if prev[p] > prev[l] {
			l = p
		}
	}
	for k := n - 1; k >= 0; k-- {
		labels[k] = l
		l = int(back[k][l])
	}
	return labels
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
	a.kinds = a.scoredTokens(lo, hi, a.kinds)
	a.labels = a.decode(lo, hi, a.kinds, sentQuote, a.s.CueBias, t.score, a.labels)
	var out []rng
	for k, l := range a.labels {
		switch l {
		case tagB:
			out = append(out, rng{lo + k, lo + k + 1})
		case tagI:
			out[len(out)-1].b = lo + k + 1
		}
	}
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

// NewExamples labels the tokens of d from the relations of its
// annotators' files: one example per file, except that an article several
// annotators marked gives one example of the cues that head at least half
// as many relations, over all its files, as it has files, so that it
// weighs as much as any other article (PolNeAR train has 16 articles with
// five or six files each) and a cue one annotator alone marked does not
// teach the tagger against the others. Votes are relations, not files: a
// cue that heads two relations of one file (two contents) counts twice;
// counting files instead gave the same dev cue exact within the noise of
// the training order (71.0 against 71.4, mean of three orders).
func NewExamples(d *sitrep.Doc, files [][]Relation) []Example {
	if len(files) <= 1 {
		var out []Example
		for _, rels := range files {
			out = append(out, NewExample(d, rels))
		}
		return out
	}
	n := map[sitrep.Span]int{}
	for _, rels := range files {
		for _, r := range rels {
			if len(r.Cue) > 0 {
				n[r.Cue[0]]++
			}
		}
	}
	var keep []Relation
	taken := map[sitrep.Span]bool{}
	for _, rels := range files {
		for _, r := range rels {
			if len(r.Cue) > 0 && 2*n[r.Cue[0]] >= len(files) && !taken[r.Cue[0]] {
				taken[r.Cue[0]] = true
				keep = append(keep, r)
			}
		}
	}
	return []Example{NewExample(d, keep)}
}

// Epoch runs one pass of the structured perceptron over the examples and
// returns the number of tokens tagged wrong.
func (tr *TaggerTrainer) Epoch(exs []Example) int {
	errs := 0
	st := &Stage{Lexicon: tr.lx}
	score := func(fs []uint32) [nTags]float32 {
		var sc [nTags]float32
		for _, f := range fs {
			if w := tr.w[f]; w != nil {
				for k := range sc {
					sc[k] += w[k]
				}
			}
		}
		return sc
	}
	var gold []int
	for _, ex := range exs {
		a := newAnnotator(st, ex.Doc)
		a.findQuotes()
		for _, s := range ex.Doc.Sentences {
			lo, hi := s.FirstTok, s.EndTok
			sentQuote := false
			for i := lo; i < hi; i++ {
				if ex.Doc.Tokens[i].Kind == sitrep.TokQuote {
					sentQuote = true
				}
			}
			a.kinds = a.scoredTokens(lo, hi, a.kinds)
			// The gold labels the decoder can produce: a cue starting
			// where none may start is left out, one running too far is
			// cut.
			gold = gold[:0]
			prev := tagO
			for k := 0; k < hi-lo; k++ {
				g := ex.Tags[lo+k]
				switch {
				case a.kinds[k] == 0:
					g = tagO
				case g == tagI && prev == tagO || g == tagB:
					if a.kinds[k] == 2 {
						g = tagB
					} else {
						g = tagO
					}
				}
				gold = append(gold, g)
				prev = g
			}
			tr.step++
			a.labels = a.decode(lo, hi, a.kinds, sentQuote, 0, score, a.labels)
			for k := 0; k < hi-lo; k++ {
				gp, pp := tagO, tagO
				if k > 0 {
					gp, pp = gold[k-1], a.labels[k-1]
				}
				g, p := gold[k], a.labels[k]
				if g == p && gp == pp {
					continue
				}
				i := lo + k
				if g != p {
					errs++
					a.featBuf = a.feats(a.featBuf, i, lo, hi, -1, sentQuote)
					for _, f := range a.featBuf {
						tr.update(f, g, 1)
						tr.update(f, p, -1)
					}
				}
				for _, f := range a.prevFeats(a.featBuf[:0], i, gp) {
					tr.update(f, g, 1)
				}
				for _, f := range a.prevFeats(a.featBuf[:0], i, pp) {
					tr.update(f, p, -1)
				}
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
