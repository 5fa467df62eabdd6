// Package pos tags part of speech (Penn Treebank tags) and chunks (B-NP,
// I-VP, …) as CoNLL-2003 gives them, for stages whose features want to know
// a verb from a noun without a parser.
//
// Two greedy left-to-right averaged perceptrons over hashed features: the
// part of speech from the words around the token and the two tags before
// it, then the chunk from the parts of speech around it and the chunk
// before. Frequent words that CoNLL-2003 always tags alike take their tag
// from a table without scoring. Greedy decoding is within a few tenths of
// Viterbi for both tasks and costs a fraction of it; the stages that read
// the tags are held to a words-per-second budget.
package pos

import (
	"bytes"
	_ "embed"
	"sync"
	"unicode/utf8"
)

//go:embed model/pos.model
var embeddedModel []byte

var (
	defaultOnce   sync.Once
	defaultTagger *Tagger
	defaultErr    error
)

// Default returns the embedded tagger ("sitrep train pos" writes it),
// loading it on first use.
func Default() (*Tagger, error) {
	defaultOnce.Do(func() {
		defaultTagger, defaultErr = Load("(embedded pos/model/pos.model)", bytes.NewReader(embeddedModel))
	})
	return defaultTagger, defaultErr
}

// Tagger is a trained part-of-speech and chunk tagger. It is read-only and
// safe for concurrent use; each goroutine brings its own Buffer.
type Tagger struct {
	posNames, chunkNames []string
	// dict maps the hash of a frequent unambiguous word to its tag.
	dict         map[uint32]uint8
	posM, chunkM model
	// follows[p][c] reports whether chunk c may follow chunk p: I-X only
	// after B-X or I-X. Row len(chunkNames) is the start of a sentence.
	follows [][]bool
}

// POSNames returns the part-of-speech tags, indexed as Tag returns them.
func (t *Tagger) POSNames() []string { return t.posNames }

// ChunkNames returns the chunk tags, indexed as Tag returns them.
func (t *Tagger) ChunkNames() []string { return t.chunkNames }

// Buffer holds one sentence's working arrays; reuse it across sentences.
type Buffer struct {
	Pos, Chunk []uint8
	toks       []tokHash
	norm       []byte
	scores     []int32
	feats      []uint32
}

// tokHash holds the hashes of one token the features combine.
type tokHash struct {
	word, lower, suf3, suf2, shape uint32
	dict                           int16 // tag from the table, -1 if none
}

// Sentinels for the tokens before and after a sentence.
var (
	padBefore = tokHash{word: 0x9e3779b1, lower: 0x9e3779b1, suf3: 0x9e3779b1, suf2: 0x9e3779b1, shape: 1, dict: -1}
	padAfter  = tokHash{word: 0x85ebca77, lower: 0x85ebca77, suf3: 0x85ebca77, suf2: 0x85ebca77, shape: 2, dict: -1}
)

const pad = 2 // sentinel tokens on each side

// Tag tags one sentence, words as sitrep's tokenizer cuts them (curly
// quotes, dashes and ’ are read as CoNLL writes them). The tags are in
// b.Pos and b.Chunk, indexes into POSNames and ChunkNames, valid until the
// next call with b.
func (t *Tagger) Tag(words []string, b *Buffer) (pos, chunk []uint8) {
	n := len(words)
	b.prepare(t, words)
	b.Pos = resize(b.Pos, n)
	b.Chunk = resize(b.Chunk, n)
	t.tagPOS(b, n, nil)
	t.tagChunks(b, n, nil)
	return b.Pos, b.Chunk
}

// TagPOS tags the parts of speech of one sentence alone, as Tag does;
// the chunk tagger costs as much again.
func (t *Tagger) TagPOS(words []string, b *Buffer) []uint8 {
	n := len(words)
	b.prepare(t, words)
	b.Pos = resize(b.Pos, n)
	t.tagPOS(b, n, nil)
	return b.Pos
}

func resize(s []uint8, n int) []uint8 {
	if cap(s) < n {
		return make([]uint8, n)
	}
	return s[:n]
}

// prepare hashes each token once: the features of five tokens read it.
func (b *Buffer) prepare(t *Tagger, words []string) {
	b.toks = append(b.toks[:0], padBefore, padBefore)
	for _, w := range words {
		b.norm = normalize(b.norm[:0], w)
		th := tokHash{word: hashBytes(b.norm), dict: -1}
		shape := shapeOf(b.norm)
		lowerASCII(b.norm)
		th.lower = hashBytes(b.norm)
		th.suf3 = hashBytes(suffix(b.norm, 3)) ^ 0x3000
		th.suf2 = hashBytes(suffix(b.norm, 2)) ^ 0x2000
		th.shape = shape
		if t != nil {
			if p, ok := t.dict[th.word]; ok {
				th.dict = int16(p)
			}
		}
		b.toks = append(b.toks, th)
	}
	b.toks = append(b.toks, padAfter, padAfter)
}

func suffix(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	return b[len(b)-n:]
}

// normalize writes w as CoNLL-2003 would spell it: double quotes of any
// kind as ", a lone single quote as ', the right single quotation mark of
// "’s" and "n’t" as ', dashes as -.
func normalize(dst []byte, w string) []byte {
	if r, size := utf8.DecodeRuneInString(w); size == len(w) {
		switch r {
		case '“', '”', '„', '«', '»', '″':
			return append(dst, '"')
		case '‘', '’', '‚', '‹', '›', '`':
			return append(dst, '\'')
		case '–', '—', '―', '‒', '−':
			return append(dst, '-')
		}
	}
	for i := 0; i < len(w); i++ {
		if w[i] == 0xe2 && i+2 < len(w) && w[i+1] == 0x80 && (w[i+2] == 0x99 || w[i+2] == 0x98) {
			dst = append(dst, '\'')
			i += 2
			continue
		}
		dst = append(dst, w[i])
	}
	return dst
}

func lowerASCII(b []byte) {
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
}

// shapeOf sorts a word by case, digits, hyphens and length, as bits.
func shapeOf(w []byte) uint32 {
	var s uint32 = 1 << 12
	upper, lower, digit := 0, 0, 0
	for i, c := range w {
		switch {
		case 'A' <= c && c <= 'Z':
			upper++
			if i == 0 {
				s |= 1
			}
		case 'a' <= c && c <= 'z':
			lower++
		case '0' <= c && c <= '9':
			digit++
		case c == '-':
			s |= 2
		case c == '.':
			s |= 4
		case c >= 0x80:
			s |= 8
		}
	}
	if upper > 0 && lower == 0 {
		s |= 16
	}
	if digit > 0 {
		s |= 32
		if digit == len(w) {
			s |= 64
		}
	}
	if lower+upper+digit == 0 {
		s |= 128
	}
	switch {
	case len(w) <= 2:
		s |= 256
	case len(w) <= 5:
		s |= 512
	}
	return s
}

// hashBytes is FNV-1a.
func hashBytes(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

// mix combines a feature template and its values into one nonzero hash.
func mix(id uint32, a, b uint32) uint32 {
	h := id*0x9e3779b1 ^ a
	h *= 0x85ebca6b
	h ^= h >> 15
	h ^= b
	h *= 0xc2b2ae35
	h ^= h >> 13
	if h == 0 {
		h = 1
	}
	return h
}

// posFeats appends the features of token i (0-based) given the two tags
// before it (len(posNames) and len+1 stand for the sentence start).
func posFeats(buf []uint32, toks []tokHash, i int, t1, t2 uint32) []uint32 {
	c := &toks[i+pad]
	p1, n1, n2 := &toks[i+pad-1], &toks[i+pad+1], &toks[i+pad+2]
	return append(buf,
		mix(1, 0, 0),
		mix(3, c.lower, 0),
		mix(4, c.suf3, 0),
		mix(5, c.suf2, 0),
		mix(6, c.shape, 0),
		mix(7, t1, 0),
		mix(8, t1, t2),
		mix(9, t1, c.lower),
		mix(10, p1.lower, 0),
		mix(13, n1.lower, 0),
		mix(15, n2.lower, 0),
		mix(16, p1.shape, n1.shape),
	)
}

// chunkFeats appends the features of token i given the part-of-speech tags
// of the sentence and the chunk before it.
func chunkFeats(buf []uint32, toks []tokHash, ptag func(int) uint32, i int, c1 uint32) []uint32 {
	c := &toks[i+pad]
	p, pm1, pm2, pp1, pp2 := ptag(i), ptag(i-1), ptag(i-2), ptag(i+1), ptag(i+2)
	return append(buf,
		mix(101, 0, 0),
		mix(102, c.lower, 0),
		mix(103, p, 0),
		mix(104, pm1, 0),
		mix(105, pp1, 0),
		mix(106, pm2, 0),
		mix(107, pp2, 0),
		mix(108, pm1, p),
		mix(109, p, pp1),
		mix(110, c1, 0),
		mix(111, c1, p),
		mix(112, c1, mix(0, pm1, p)),
		mix(113, c.lower, p),
		mix(114, pm1, mix(0, p, pp1)),
		mix(115, toks[i+pad-1].lower, p),
	)
}

// tagPOS tags the n tokens of b with the part-of-speech model; learn, when
// not nil, is called with each token's features, its index and the
// prediction, and returns the tag to carry on with (training).
func (t *Tagger) tagPOS(b *Buffer, n int, learn func(fs []uint32, i int, pred uint8) uint8) {
	np := uint32(len(t.posNames))
	t1, t2 := np, np+1
	for i := 0; i < n; i++ {
		var tag uint8
		if d := b.toks[i+pad].dict; d >= 0 {
			tag = uint8(d)
		} else {
			b.feats = posFeats(b.feats[:0], b.toks, i, t1, t2)
			b.scores = t.posM.score(b.feats, b.scores)
			tag = argmax(b.scores, nil)
			if learn != nil {
				tag = learn(b.feats, i, tag)
			}
		}
		b.Pos[i] = tag
		t2, t1 = t1, uint32(tag)
	}
}

func (t *Tagger) tagChunks(b *Buffer, n int, learn func(fs []uint32, i int, pred uint8) uint8) {
	np := uint32(len(t.posNames))
	ptag := func(i int) uint32 {
		switch {
		case i < 0:
			return np
		case i >= n:
			return np + 1
		}
		return uint32(b.Pos[i])
	}
	prev := len(t.chunkNames)
	for i := 0; i < n; i++ {
		b.feats = chunkFeats(b.feats[:0], b.toks, ptag, i, uint32(prev))
		b.scores = t.chunkM.score(b.feats, b.scores)
		tag := argmax(b.scores, t.follows[prev])
		if learn != nil {
			tag = learn(b.feats, i, tag)
		}
		b.Chunk[i] = tag
		prev = int(tag)
	}
}

// argmax returns the best class, among the allowed ones if allowed is not
// nil (ties to the lowest index, so that the result is deterministic).
func argmax(s []int32, allowed []bool) uint8 {
	best := -1
	for c, v := range s {
		if allowed != nil && !allowed[c] {
			continue
		}
		if best < 0 || v > s[best] {
			best = c
		}
	}
	return uint8(max(best, 0))
}

// model is one perceptron's weights: an open-addressing table of feature
// hashes, each pointing at the few classes it has a weight for. Most
// features weigh on two or three of the 45 tags; storing only those keeps
// the model small enough to stay in cache.
type model struct {
	nClasses int
	slots    []slot
	mask     uint32
	dense    []int16
	// live, while training, holds the weights instead of the table.
	live *trainer
}

// slot is one feature: its hash and its weights. A feature with a few
// weights (most of them) holds them in the slot, so that a lookup touches
// one cache line (32 bytes a slot); one with more holds a row of all the
// classes' weights in dense[off:]: the bias and the features of the tags
// before, read for every token, weigh on most classes, and adding a row in
// order is twice as fast as adding class by class.
type slot struct {
	key uint32
	n   uint8 // count of nonzero weights; above inline, they are in dense
	cls [inline]uint8
	w   [inline]int16
	off uint32
}

const inline = 7

type ent struct {
	class uint8
	w     int16
}

func (m *model) score(fs []uint32, s []int32) []int32 {
	if cap(s) < m.nClasses {
		s = make([]int32, m.nClasses)
	}
	s = s[:m.nClasses]
	clear(s)
	if m.live != nil {
		for _, f := range fs {
			if r := m.live.rows[f]; r != nil {
				for k, w := range r.w {
					s[k] += int32(w)
				}
			}
		}
		return s
	}
	if len(m.slots) == 0 {
		return s
	}
	for _, f := range fs {
		i := (f * 2654435761) & m.mask
		for {
			sl := &m.slots[i]
			if sl.key == f {
				if sl.n <= inline {
					for k := range sl.n {
						s[sl.cls[k]] += int32(sl.w[k])
					}
				} else {
					row := m.dense[sl.off : sl.off+uint32(len(s))]
					for k := range s {
						s[k] += int32(row[k])
					}
				}
				break
			}
			if sl.key == 0 {
				break
			}
			i = (i + 1) & m.mask
		}
	}
	return s
}

// build fills the table from features sorted by key.
func (m *model) build(keys []uint32, rows [][]ent) {
	n := 1
	for n < len(keys)*3/2+2 {
		n <<= 1
	}
	m.slots = make([]slot, n)
	m.mask = uint32(n - 1)
	m.dense = m.dense[:0]
	for k, key := range keys {
		i := (key * 2654435761) & m.mask
		for m.slots[i].key != 0 {
			i = (i + 1) & m.mask
		}
		sl := slot{key: key, n: uint8(len(rows[k]))}
		if len(rows[k]) <= inline {
			for j, e := range rows[k] {
				sl.cls[j], sl.w[j] = e.class, e.w
			}
		} else {
			sl.off = uint32(len(m.dense))
			m.dense = append(m.dense, make([]int16, m.nClasses)...)
			for _, e := range rows[k] {
				m.dense[int(sl.off)+int(e.class)] = e.w
			}
		}
		m.slots[i] = sl
	}
}
