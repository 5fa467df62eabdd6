package pos

import (
	"bufio"
	"cmp"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"sitrep"
)

// Sentence is one sentence of a CoNLL-2003 file: each token with its
// part-of-speech and chunk tags.
type Sentence struct {
	Words, Pos, Chunk []string
}

// ReadCoNLL reads a CoNLL-2003 file (token, part of speech, chunk, named
// entity a line; blank lines between sentences; -DOCSTART- lines between
// documents).
func ReadCoNLL(name string, r io.Reader) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<16)
	var out []Sentence
	var cur Sentence
	end := func() {
		if len(cur.Words) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	n := 0
	for sc.Scan() {
		n++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			end()
			continue
		}
		if f[0] == "-DOCSTART-" {
			end()
			continue
		}
		if len(f) < 3 {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: line %d: want a word, a part of speech and a chunk tag, got %d fields", name, n, len(f))
		}
		cur.Words = append(cur.Words, f[0])
		cur.Pos = append(cur.Pos, f[1])
		cur.Chunk = append(cur.Chunk, f[2])
	}
	if err := sc.Err(); err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: line %d: %s", name, n+1, err)
	}
	end()
	return out, nil
}

// TrainOptions are the settings of Train.
type TrainOptions struct {
	Epochs int
	Seed   uint64 // of the sentence order
	// MaxFeatures keeps the heaviest features of each model (0: all).
	MaxFeatures int
	// MinWeight drops a feature's weight for a class below this share of
	// the model's largest weight.
	MinWeight float64
	Dev       []Sentence
	Progress  func(epoch, posErrs, chunkErrs int)
}

// Score is the share of tokens tagged right, in percent.
type Score struct {
	POS, Chunk float64
	Tokens     int
}

// Evaluate tags the sentences and scores the tags against theirs.
func (t *Tagger) Evaluate(sents []Sentence) Score {
	var b Buffer
	okP, okC, n := 0, 0, 0
	for _, s := range sents {
		p, c := t.Tag(s.Words, &b)
		for i := range s.Words {
			n++
			if t.posNames[p[i]] == s.Pos[i] {
				okP++
			}
			if t.chunkNames[c[i]] == s.Chunk[i] {
				okC++
			}
		}
	}
	if n == 0 {
		return Score{}
	}
	return Score{POS: 100 * float64(okP) / float64(n), Chunk: 100 * float64(okC) / float64(n), Tokens: n}
}

// Dictionary thresholds: a word seen this often with one tag this large a
// share of the time takes that tag without scoring.
const (
	dictMinCount = 10
	dictMinShare = 0.95
)

// Train trains a tagger on the sentences. The result depends only on the
// data and the options.
func Train(sents []Sentence, opt TrainOptions) (*Tagger, error) {
	if len(sents) == 0 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "train pos: no sentences")
	}
	t := &Tagger{posNames: tagSet(sents, func(s Sentence) []string { return s.Pos }),
		chunkNames: tagSet(sents, func(s Sentence) []string { return s.Chunk })}
	if len(t.posNames) > 250 || len(t.chunkNames) > 250 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "train pos: %d part-of-speech and %d chunk tags: at most 250 each", len(t.posNames), len(t.chunkNames))
	}
	t.setFollows()
	posIdx, chunkIdx := index(t.posNames), index(t.chunkNames)
	t.dict = buildDict(sents, posIdx)

	// Gold tags as indexes, and the sentences hashed once.
	type prepared struct {
		toks       []tokHash
		pos, chunk []uint8
	}
	var b Buffer
	data := make([]prepared, len(sents))
	for k, s := range sents {
		b.prepare(t, s.Words)
		p := prepared{toks: slices.Clone(b.toks)}
		for i := range s.Words {
			p.pos = append(p.pos, posIdx[s.Pos[i]])
			p.chunk = append(p.chunk, chunkIdx[s.Chunk[i]])
		}
		data[k] = p
	}
	pt, ct := newTrainer(len(t.posNames)), newTrainer(len(t.chunkNames))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
	epochs := max(opt.Epochs, 1)
	for ep := 1; ep <= epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		posErrs, chunkErrs := 0, 0
		for _, k := range order {
			d := &data[k]
			n := len(d.pos)
			b.toks = d.toks
			b.Pos, b.Chunk = resize(b.Pos, n), resize(b.Chunk, n)
			pt.step++
			pt.scoreFn(t, &t.posM)
			t.tagPOS(&b, n, func(fs []uint32, i int, pred uint8) uint8 {
				if g := d.pos[i]; g != pred {
					posErrs++
					pt.update(fs, g, pred)
				}
				return pred
			})
			ct.step++
			ct.scoreFn(t, &t.chunkM)
			t.tagChunks(&b, n, func(fs []uint32, i int, pred uint8) uint8 {
				if g := d.chunk[i]; g != pred {
					chunkErrs++
					ct.update(fs, g, pred)
				}
				return pred
			})
		}
		if opt.Progress != nil {
			opt.Progress(ep, posErrs, chunkErrs)
		}
	}
	t.posM = pt.final(opt)
	t.chunkM = ct.final(opt)
	// Round-trip through the encoding so that the tagger returned is the
	// one a reader of the file gets.
	var buf strings.Builder
	if err := t.Encode(&buf); err != nil {
		return nil, err
	}
	return Load("(trained)", strings.NewReader(buf.String()))
}

func tagSet(sents []Sentence, col func(Sentence) []string) []string {
	seen := map[string]bool{}
	for _, s := range sents {
		for _, t := range col(s) {
			seen[t] = true
		}
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

func index(names []string) map[string]uint8 {
	m := make(map[string]uint8, len(names))
	for i, n := range names {
		m[n] = uint8(i)
	}
	return m
}

func (t *Tagger) setFollows() {
	nc := len(t.chunkNames)
	t.follows = make([][]bool, nc+1)
	for p := 0; p <= nc; p++ {
		t.follows[p] = make([]bool, nc)
		for c, name := range t.chunkNames {
			typ, inside := strings.CutPrefix(name, "I-")
			ok := !inside
			if inside && p < nc {
				prev := t.chunkNames[p]
				ok = prev == "B-"+typ || prev == "I-"+typ
			}
			t.follows[p][c] = ok
		}
	}
}

func buildDict(sents []Sentence, posIdx map[string]uint8) map[uint32]uint8 {
	counts := map[uint32]map[uint8]int{}
	var norm []byte
	for _, s := range sents {
		for i, w := range s.Words {
			norm = normalize(norm[:0], w)
			h := hashBytes(norm)
			if counts[h] == nil {
				counts[h] = map[uint8]int{}
			}
			counts[h][posIdx[s.Pos[i]]]++
		}
	}
	dict := map[uint32]uint8{}
	for h, c := range counts {
		total, best, bestN := 0, uint8(0), -1
		for tag, n := range c {
			total += n
			if n > bestN || n == bestN && tag < best {
				best, bestN = tag, n
			}
		}
		if total >= dictMinCount && float64(bestN) >= dictMinShare*float64(total) {
			dict[h] = best
		}
	}
	return dict
}

// trainer is one averaged perceptron being trained.
type trainer struct {
	n    int
	rows map[uint32]*trow
	step int
}

type trow struct {
	w, total []float32
	stamp    int
}

func newTrainer(n int) *trainer { return &trainer{n: n, rows: map[uint32]*trow{}} }

// scoreFn points the tagger's model at the trainer's current weights, so
// that training decodes with the same code as tagging.
func (tr *trainer) scoreFn(t *Tagger, m *model) {
	m.nClasses = tr.n
	m.live = tr
}

func (tr *trainer) update(fs []uint32, gold, pred uint8) {
	for _, f := range fs {
		r := tr.rows[f]
		if r == nil {
			r = &trow{w: make([]float32, tr.n), total: make([]float32, tr.n), stamp: tr.step}
			tr.rows[f] = r
		}
		d := float32(tr.step - r.stamp)
		if d != 0 {
			for k, w := range r.w {
				r.total[k] += d * w
			}
			r.stamp = tr.step
		}
		r.w[gold]++
		r.w[pred]--
	}
}

// final averages the weights, prunes and quantizes them.
func (tr *trainer) final(opt TrainOptions) model {
	type feat struct {
		key uint32
		avg []float32
		top float32
	}
	feats := make([]feat, 0, len(tr.rows))
	var top float32
	for key, r := range tr.rows {
		d := float32(tr.step - r.stamp)
		avg := make([]float32, tr.n)
		var m float32
		for k := range avg {
			avg[k] = (r.total[k] + d*r.w[k]) / float32(tr.step)
			m = max(m, avg[k], -avg[k])
		}
		feats = append(feats, feat{key, avg, m})
		top = max(top, m)
	}
	slices.SortFunc(feats, func(a, b feat) int {
		if c := cmp.Compare(b.top, a.top); c != 0 {
			return c
		}
		return cmp.Compare(a.key, b.key)
	})
	if opt.MaxFeatures > 0 && len(feats) > opt.MaxFeatures {
		feats = feats[:opt.MaxFeatures]
	}
	slices.SortFunc(feats, func(a, b feat) int { return cmp.Compare(a.key, b.key) })
	if top == 0 {
		top = 1
	}
	scale := float32(math.MaxInt16) / top
	floor := float32(opt.MinWeight) * top
	m := model{nClasses: tr.n}
	var keys []uint32
	var rows [][]ent
	for _, f := range feats {
		var row []ent
		for k, w := range f.avg {
			if w > -floor && w < floor {
				continue
			}
			if q := int16(math.Round(float64(w * scale))); q != 0 {
				row = append(row, ent{uint8(k), q})
			}
		}
		if len(row) > 0 {
			keys = append(keys, f.key)
			rows = append(rows, row)
		}
	}
	m.build(keys, rows)
	return m
}
