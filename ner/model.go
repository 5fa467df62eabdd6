package ner

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io"
	"math"

	"sitrep"
)

// Why this model. The tagger is a structured (Collins) perceptron with
// averaged weights, decoded with Viterbi over BILOU tags:
//   - Accuracy: on CoNLL-2003 a perceptron with rich features is within a
//     point or two of a CRF with the same features (Ratinov & Roth 2009 reach
//     90.8 on the test set with one); the features matter far more than the
//     learner, and averaging gives most of a CRF's regularisation for free.
//   - Speed: tagging is a sum of small integer rows per feature and a
//     17×17 Viterbi per token, with no exponentials or normalisation; the
//     whole tagger runs at several hundred thousand tokens per second.
//   - Training: a few passes of simple updates, seconds per epoch on one
//     core, no gradient or line search to tune.
//   - Size: features are hashed into a fixed table, so there is no feature
//     dictionary to store; weights are quantised to int16 and stored sparsely.
// BILOU (rather than BIO) gives every position of a name its own weights
// (the last word of "Bank of England" is not like its middle), which is worth
// about half a point of F1 in the literature, and hard transition constraints
// keep every output well formed.

// Entity classes of the CoNLL corpus, in label order.
var classes = [...]string{"PER", "ORG", "LOC", "MISC"}

// Labels: 0 is O; class c has B, I, L, U at 1+4c ... 4+4c.
const (
	nClasses = 4 // len(classes)
	nLabels  = 1 + 4*nClasses
	labB     = 0
	labI     = 1
	labL     = 2
	labU     = 3
)

func label(class, part int) uint8 { return uint8(1 + 4*class + part) }

// labelClass returns the class of label l, -1 for O.
func labelClass(l uint8) int {
	if l == 0 {
		return -1
	}
	return int(l-1) / 4
}

func labelPart(l uint8) int { return int(l-1) % 4 }

// allowed[p][c] reports whether label c may follow label p under BILOU;
// row nLabels is the start of a sentence.
var allowed [nLabels + 1][nLabels]bool

// prevs[c] lists the labels that label c may follow.
var prevs [nLabels][]uint8

// canEnd reports whether a sentence may end with the label.
var canEnd [nLabels]bool

func init() {
	opens := func(c uint8) bool { return c == 0 || labelPart(c) == labB || labelPart(c) == labU }
	for p := 0; p <= nLabels; p++ {
		for c := uint8(0); c < nLabels; c++ {
			switch {
			case p == nLabels || p == 0:
				allowed[p][c] = opens(c)
			case labelPart(uint8(p)) == labB || labelPart(uint8(p)) == labI:
				allowed[p][c] = c != 0 && labelClass(c) == labelClass(uint8(p)) && (labelPart(c) == labI || labelPart(c) == labL)
			default: // L or U
				allowed[p][c] = opens(c)
			}
		}
	}
	for c := range nLabels {
		for p := range nLabels {
			if allowed[p][c] {
				prevs[c] = append(prevs[c], uint8(p))
			}
		}
	}
	for c := uint8(0); c < nLabels; c++ {
		canEnd[c] = c == 0 || labelPart(c) == labL || labelPart(c) == labU
	}
}

// Model is a trained tagger. It is read-only after loading and safe for
// concurrent use.
type Model struct {
	bits uint8
	mask uint64
	// The hash table is sparse (the perceptron updates a feature only when
	// it errs), so it is kept as an index from bucket to row and the
	// non-zero rows: a tenth of the dense table's memory, and fewer cache
	// misses when tagging. Row 0 is all zero.
	index []uint32 // 1<<bits entries
	rows  []int16  // rows of nLabels
	trans []int32  // (nLabels+1) rows of nLabels; row nLabels is the start
	lex   *lexicon
}

const (
	modelMagic   = "SITREP-NER\x00\x02"
	maxModelBits = 24
	// maxModelBytes bounds a model file, so that a corrupt or hostile file
	// cannot make the loader work without limit.
	maxModelBytes = 64 << 20
)

// Encode writes the model in its binary form: a header (magic, hash bits,
// label count, feature version, lexicon fingerprint), the transitions as
// little-endian int16, the number of non-zero weights and each as the
// uvarint distance from the previous one's index and an int16, and a CRC-32
// of all of it. The perceptron leaves most of the hash table at zero (it
// only updates features on its mistakes), so this sparse form is a few
// hundred kilobytes where the dense table is tens of megabytes, and it
// loads in milliseconds: no decompression, one pass over the entries.
func (m *Model) Encode(w io.Writer) error {
	var buf bytes.Buffer
	buf.WriteString(modelMagic)
	buf.WriteByte(m.bits)
	buf.WriteByte(nLabels)
	binary.Write(&buf, binary.LittleEndian, uint32(featureVersion))
	binary.Write(&buf, binary.LittleEndian, m.lex.fingerprint)
	for _, t := range m.trans {
		binary.Write(&buf, binary.LittleEndian, int16(t))
	}
	nz := 0
	for _, v := range m.rows {
		if v != 0 {
			nz++
		}
	}
	binary.Write(&buf, binary.LittleEndian, uint32(nz))
	var tmp [binary.MaxVarintLen64 + 2]byte
	last := -1
	for b, r := range m.index {
		if r == 0 {
			continue
		}
		for l, v := range m.rows[int(r)*nLabels : int(r+1)*nLabels] {
			if v == 0 {
				continue
			}
			i := b*nLabels + l
			n := binary.PutUvarint(tmp[:], uint64(i-last))
			binary.LittleEndian.PutUint16(tmp[n:], uint16(v))
			buf.Write(tmp[:n+2])
			last = i
		}
	}
	binary.Write(&buf, binary.LittleEndian, crc32.ChecksumIEEE(buf.Bytes()))
	_, err := w.Write(buf.Bytes())
	return err
}

// needsGazetteer reports whether the model file data was trained with
// gazetteer features, from the fingerprint in its header: true unless it
// matches the word lists alone. A file too short to say is left to Load to
// refuse.
func needsGazetteer(data []byte) bool {
	p := len(modelMagic) + 2 + 4
	if len(data) < p+8 || string(data[:len(modelMagic)]) != modelMagic {
		return false
	}
	return binary.LittleEndian.Uint64(data[p:]) != newLexicon(nil).fingerprint
}

// Load reads a model written by Encode. name says where it came from in
// errors. A model trained with other features, labels or word lists, a
// truncated or corrupt file, or one whose checksum fails is refused with
// EINVALID. gaz must be the gazetteer the model was trained with, or nil.
func Load(name string, r io.Reader, gaz Gazetteer) (*Model, error) {
	bad := func(format string, args ...any) error {
		return sitrep.Errorf(sitrep.EINVALID, "ner model %s: "+format, append([]any{name}, args...)...)
	}
	data, err := io.ReadAll(io.LimitReader(r, maxModelBytes+1))
	if err != nil {
		return nil, bad("read: %s", err)
	}
	if len(data) > maxModelBytes {
		return nil, bad("larger than %d bytes", maxModelBytes)
	}
	nt := (nLabels + 1) * nLabels
	hdr := len(modelMagic) + 2 + 4 + 8
	if len(data) < hdr+2*nt+4+4 || string(data[:len(modelMagic)]) != modelMagic {
		return nil, bad("not a sitrep NER model (rebuild it with: sitrep train ner)")
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, bad("checksum mismatch: the file is corrupt (rebuild it with: sitrep train ner)")
	}
	p := len(modelMagic)
	bits, labels := data[p], data[p+1]
	fv := binary.LittleEndian.Uint32(data[p+2:])
	fp := binary.LittleEndian.Uint64(data[p+6:])
	if labels != nLabels {
		return nil, bad("has %d labels, this build uses %d", labels, nLabels)
	}
	if fv != featureVersion {
		return nil, bad("was trained with feature version %d, this build uses %d; retrain with: sitrep train ner", fv, featureVersion)
	}
	if bits < 8 || bits > maxModelBits {
		return nil, bad("hash table of 2^%d rows is out of range", bits)
	}
	lex := newLexicon(gaz)
	if fp != lex.fingerprint {
		plain := newLexicon(nil).fingerprint
		switch {
		case gaz == nil:
			return nil, bad("needs the gazetteer it was trained with (its place-name features), and none was given, or was trained with other word lists; load it with that gazetteer (ner/gazfeat) or retrain with: sitrep train ner")
		case fp == plain:
			return nil, bad("was trained without a gazetteer, and %q was given; load it without one or retrain with: sitrep train ner", gaz.Name())
		}
		return nil, bad("was trained with other word lists or another gazetteer than %q (has the gazetteer's data changed?); retrain with: sitrep train ner", gaz.Name())
	}
	nw := (1 << bits) * nLabels
	m := &Model{bits: bits, mask: 1<<bits - 1, lex: lex, trans: make([]int32, nt),
		index: make([]uint32, 1<<bits)}
	p = hdr
	for i := range m.trans {
		m.trans[i] = int32(int16(binary.LittleEndian.Uint16(body[p:])))
		p += 2
	}
	nz := int(binary.LittleEndian.Uint32(body[p:]))
	p += 4
	if nz > nw || nz > len(body)-p {
		return nil, bad("claims %d weights, more than fit", nz)
	}
	// Two passes: the first checks the entries and counts the rows, so the
	// second fills a table allocated once.
	start, nrows := p, 0
	for pass := range 2 {
		p = start
		idx, lastRow := -1, -1
		for range nz {
			d, n := binary.Uvarint(body[p:])
			if n <= 0 || d == 0 || d > uint64(nw) || p+n+2 > len(body) {
				return nil, bad("corrupt weight entry at byte %d", p)
			}
			idx += int(d)
			if idx >= nw {
				return nil, bad("weight index %d out of range", idx)
			}
			if pass == 0 {
				if idx/nLabels != lastRow {
					nrows++
					lastRow = idx / nLabels
				}
			} else {
				m.set(idx/nLabels, idx%nLabels, int16(binary.LittleEndian.Uint16(body[p+n:])))
			}
			p += n + 2
		}
		if pass == 0 {
			m.rows = make([]int16, nLabels, (nrows+1)*nLabels)
		}
	}
	if p != len(body) {
		return nil, bad("%d bytes left over after the weights", len(body)-p)
	}
	return m, nil
}

// quantize turns float weights into a Model, scaling so that the largest
// weight or transition fills int16.
func quantize(bits uint8, lex *lexicon, w []float32, trans []float32) *Model {
	var mx float64
	for _, v := range w {
		mx = math.Max(mx, math.Abs(float64(v)))
	}
	for _, v := range trans {
		mx = math.Max(mx, math.Abs(float64(v)))
	}
	scale := 1.0
	if mx > 0 {
		scale = 32000 / mx
	}
	m := &Model{bits: bits, mask: 1<<bits - 1, lex: lex, trans: make([]int32, len(trans)),
		index: make([]uint32, 1<<bits), rows: make([]int16, nLabels)}
	for i, v := range w {
		if q := int16(math.Round(float64(v) * scale)); q != 0 {
			m.set(i/nLabels, i%nLabels, q)
		}
	}
	for i, v := range trans {
		m.trans[i] = int32(int16(math.Round(float64(v) * scale)))
	}
	return m
}

// set sets the weight of label l in hash bucket b, adding a row for the
// bucket if it has none.
func (m *Model) set(b, l int, v int16) {
	r := m.index[b]
	if r == 0 {
		r = uint32(len(m.rows) / nLabels)
		m.index[b] = r
		m.rows = append(m.rows, make([]int16, nLabels)...)
	}
	m.rows[int(r)*nLabels+l] = v
}

// scratch holds a sentence's per-token scores and Viterbi tables.
type scratch struct {
	feats []uint32
	score []int32 // n × nLabels emission scores
	best  []int32 // n × nLabels Viterbi scores
	back  []uint8 // n × nLabels back pointers
}

// tagSentence labels one prepared sentence into out.
func (m *Model) tagSentence(ts []tok, h history, sc *scratch, out []uint8) {
	n := len(ts)
	if n == 0 {
		return
	}
	if cap(sc.score) < n*nLabels {
		sc.score = make([]int32, n*nLabels)
		sc.best = make([]int32, n*nLabels)
		sc.back = make([]uint8, n*nLabels)
	}
	score := sc.score[:n*nLabels]
	for i := range ts {
		sc.feats = extract(sc.feats[:0], ts, i, m.mask)
		sc.feats = histFeatures(sc.feats, h, &ts[i], m.mask)
		var s [nLabels]int32
		for _, f := range sc.feats {
			r := m.index[f]
			if r == 0 {
				continue
			}
			row := (*[nLabels]int16)(m.rows[int(r)*nLabels:])
			for l := range nLabels {
				s[l] += int32(row[l])
			}
		}
		copy(score[i*nLabels:], s[:])
	}
	viterbi(score, m.trans, n, sc.best[:n*nLabels], sc.back[:n*nLabels], out, negInf)
	h.record(ts, out)
}

const negInf = math.MinInt32 / 4

// viterbi finds the best allowed label sequence for emission scores and
// transition weights: int32 at inference (quantized weights), float32 in
// training. neg marks an impossible state; it must lie far below any
// reachable score.
func viterbi[T int32 | float32](score []T, trans []T, n int, best []T, back []uint8, out []uint8, neg T) {
	for c := range nLabels {
		if allowed[nLabels][c] {
			best[c] = score[c] + trans[nLabels*nLabels+c]
		} else {
			best[c] = neg
		}
	}
	for i := 1; i < n; i++ {
		prev := best[(i-1)*nLabels : i*nLabels]
		for c := range nLabels {
			bv, bp := neg, 0
			for _, p := range prevs[c] {
				if prev[p] == neg {
					continue
				}
				v := prev[p] + trans[int(p)*nLabels+c]
				if v > bv {
					bv, bp = v, int(p)
				}
			}
			if bv == neg {
				best[i*nLabels+c] = neg
			} else {
				best[i*nLabels+c] = bv + score[i*nLabels+c]
			}
			back[i*nLabels+c] = uint8(bp)
		}
	}
	bv, bc := neg, 0
	for c := range nLabels {
		if canEnd[c] && best[(n-1)*nLabels+c] > bv {
			bv, bc = best[(n-1)*nLabels+c], c
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = uint8(bc)
		bc = int(back[i*nLabels+bc])
	}
}

// Tag labels the sentences of one document with CoNLL classes in IOB2
// form ("B-PER", "I-PER", "O"). Sentences are lists of tokens; document-level
// features look across all of them.
func (m *Model) Tag(sents [][]string) [][]string {
	labs := m.tagDoc(sents)
	out := make([][]string, len(labs))
	for i, ls := range labs {
		out[i] = iob2(ls)
	}
	return out
}

func (m *Model) tagDoc(sents [][]string) [][]uint8 {
	labels, _ := m.tagPrepared(sents)
	return labels
}

// tagPrepared labels a document's sentences and returns the prepared
// tokens too, for the stage to reuse.
func (m *Model) tagPrepared(sents [][]string) ([][]uint8, [][]tok) {
	docs := prepareDoc(m.lex, sents)
	out := make([][]uint8, len(sents))
	var sc scratch
	h := history{}
	for _, i := range tagOrder(docs) {
		ts := docs[i]
		out[i] = make([]uint8, len(ts))
		m.tagSentence(ts, h, &sc, out[i])
	}
	return out, docs
}

// iobTags are the IOB2 tags of the BILOU labels.
var iobTags = func() [nLabels]string {
	var t [nLabels]string
	t[0] = "O"
	for l := uint8(1); l < nLabels; l++ {
		if p := labelPart(l); p == labB || p == labU {
			t[l] = "B-" + classes[labelClass(l)]
		} else {
			t[l] = "I-" + classes[labelClass(l)]
		}
	}
	return t
}()

// iob2 writes BILOU labels as IOB2 tags.
func iob2(ls []uint8) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = iobTags[l]
	}
	return out
}
