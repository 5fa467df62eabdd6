package attrib

import (
	"math"

	"sitrep"
)

// CRFTrainer trains a Tagger as a linear-chain conditional random field:
// the same features, labels and constraints as the perceptron, log-loss
// with an L2 penalty, stochastic gradient descent one sentence at a time.
type CRFTrainer struct {
	idx  map[uint32]int32
	keys []uint32
	v    []float64 // weights over scale, nTags per feature
	// scale multiplies v: the L2 decay of every weight at each step is
	// one multiplication.
	scale float64
	sents []crfSent
	step  int
	// Eta0 is the first learning rate, Lambda the L2 penalty per
	// sentence.
	Eta0, Lambda float64
	// AdaGrad: a learning rate per weight, Eta0 over the root of its
	// squared gradients; L2 applies to the weights a sentence touches.
	AdaGrad bool
	g2      []float64
	// sum and nsum average the weights at the ends of epochs.
	sum  []float64
	nsum int
}

// Accumulate adds the current weights to the average Tagger returns.
func (tr *CRFTrainer) Accumulate() {
	if tr.sum == nil {
		tr.sum = make([]float64, len(tr.v))
	}
	for j, x := range tr.v {
		tr.sum[j] += tr.scale * x
	}
	tr.nsum++
}

// crfSent is one sentence with its features computed once.
type crfSent struct {
	gold   []int8
	scored []bool
	pos    []crfPos // one per scored token, in order
	fs     []int32
}

type crfPos struct {
	k      int32
	b      bool            // a cue may start here
	s0, s1 int32           // static features: fs[s0:s1]
	p      [nTags][2]int32 // features read with the label before: fs[p[l][0]:p[l][1]]
}

// NewCRFTrainer computes the features of every sentence of the examples
// once; the examples' order is the order of training.
func NewCRFTrainer(lx *Lexicon, exs []Example) *CRFTrainer {
	tr := &CRFTrainer{idx: map[uint32]int32{}, scale: 1, Eta0: 0.1, Lambda: 1e-5}
	st := &Stage{Lexicon: lx}
	id := func(h uint32) int32 {
		j, ok := tr.idx[h]
		if !ok {
			j = int32(len(tr.keys))
			tr.idx[h] = j
			tr.keys = append(tr.keys, h)
		}
		return j
	}
	for _, ex := range exs {
		a := newAnnotator(st, ex.Doc)
		a.findQuotes()
		for _, s := range ex.Doc.Sentences {
			lo, hi := s.FirstTok, s.EndTok
			if hi <= lo {
				continue
			}
			sentQuote := false
			for i := lo; i < hi; i++ {
				if ex.Doc.Tokens[i].Kind == sitrep.TokQuote {
					sentQuote = true
				}
			}
			a.kinds = a.scoredTokens(lo, hi, a.kinds)
			a.prepare(lo, hi)
			cs := crfSent{gold: make([]int8, hi-lo), scored: make([]bool, hi-lo)}
			prev := tagO
			reach := false
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
				cs.gold[k] = int8(g)
				prev = g
				if a.kinds[k] == 0 || a.kinds[k] == 1 && !reach {
					reach = false
					continue
				}
				reach = true
				cs.scored[k] = true
				i := lo + k
				p := crfPos{k: int32(k), b: a.kinds[k] == 2, s0: int32(len(cs.fs))}
				a.featBuf = a.feats(a.featBuf, i, lo, hi, -1, sentQuote)
				for _, f := range a.featBuf {
					cs.fs = append(cs.fs, id(f))
				}
				p.s1 = int32(len(cs.fs))
				for l := 0; l < nTags; l++ {
					p.p[l][0] = int32(len(cs.fs))
					for _, f := range a.prevFeats(a.featBuf[:0], i, l) {
						cs.fs = append(cs.fs, id(f))
					}
					p.p[l][1] = int32(len(cs.fs))
				}
				cs.pos = append(cs.pos, p)
			}
			if len(cs.pos) > 0 {
				tr.sents = append(tr.sents, cs)
			}
		}
	}
	tr.v = make([]float64, nTags*len(tr.keys))
	return tr
}

// Sentences is the number of training sentences with a scored token.
func (tr *CRFTrainer) Sentences() int { return len(tr.sents) }

func logAdd(a, b float64) float64 {
	if a == math.Inf(-1) {
		return b
	}
	if b == math.Inf(-1) {
		return a
	}
	if a < b {
		a, b = b, a
	}
	return a + math.Log1p(math.Exp(b-a))
}

// Epoch runs one pass of SGD over the sentences, from sentence from on
// (a rotation of the order), and returns the negative log-likelihood.
func (tr *CRFTrainer) Epoch(epoch, from int) float64 {
	ninf := math.Inf(-1)
	n := len(tr.sents)
	nll := 0.0
	var alpha, beta [][nTags]float64
	var sc [][nTags][nTags]float64 // score of label l after label p at each scored position
	for r := 0; r < n; r++ {
		cs := &tr.sents[(from+r)%n]
		eta := tr.Eta0 / (1 + float64(tr.step)/float64(n))
		tr.step++
		m := len(cs.gold)
		if cap(alpha) < m {
			alpha = make([][nTags]float64, m)
			beta = make([][nTags]float64, m)
		}
		alpha, beta = alpha[:m], beta[:m]
		if cap(sc) < len(cs.pos) {
			sc = make([][nTags][nTags]float64, len(cs.pos))
		}
		sc = sc[:len(cs.pos)]
		for q, p := range cs.pos {
			var st [nTags]float64
			for _, f := range cs.fs[p.s0:p.s1] {
				for l := 0; l < nTags; l++ {
					st[l] += tr.v[int(f)*nTags+l]
				}
			}
			for pl := 0; pl < nTags; pl++ {
				var dy [nTags]float64
				for _, f := range cs.fs[p.p[pl][0]:p.p[pl][1]] {
					for l := 0; l < nTags; l++ {
						dy[l] += tr.v[int(f)*nTags+l]
					}
				}
				for l := 0; l < nTags; l++ {
					sc[q][pl][l] = tr.scale * (st[l] + dy[l])
				}
			}
		}
		// Forward.
		prev := [nTags]float64{0, ninf, ninf}
		q := 0
		for k := 0; k < m; k++ {
			var cur [nTags]float64
			if !cs.scored[k] {
				s := ninf
				for _, x := range prev {
					s = logAdd(s, x)
				}
				cur = [nTags]float64{s, ninf, ninf}
			} else {
				for l := 0; l < nTags; l++ {
					cur[l] = ninf
					for pl := 0; pl < nTags; pl++ {
						if prev[pl] == ninf || !tr.allowed(cs, q, pl, l) {
							continue
						}
						cur[l] = logAdd(cur[l], prev[pl]+sc[q][pl][l])
					}
				}
				q++
			}
			alpha[k] = cur
			prev = cur
		}
		logZ := ninf
		for _, x := range prev {
			logZ = logAdd(logZ, x)
		}
		// Backward.
		beta[m-1] = [nTags]float64{}
		q = len(cs.pos) - 1
		for k := m - 1; k >= 1; k-- {
			var b [nTags]float64
			if !cs.scored[k] {
				b = [nTags]float64{beta[k][tagO], beta[k][tagO], beta[k][tagO]}
			} else {
				for pl := 0; pl < nTags; pl++ {
					b[pl] = ninf
					for l := 0; l < nTags; l++ {
						if !tr.allowed(cs, q, pl, l) {
							continue
						}
						b[pl] = logAdd(b[pl], sc[q][pl][l]+beta[k][l])
					}
				}
				q--
			}
			beta[k-1] = b
		}
		// Gold score.
		gs := 0.0
		for q, p := range cs.pos {
			k := int(p.k)
			pl := tagO
			if k > 0 {
				pl = int(cs.gold[k-1])
			}
			gs += sc[q][pl][cs.gold[k]]
		}
		nll += logZ - gs
		// Decay, then the gradient step.
		if tr.g2 == nil && tr.AdaGrad {
			tr.g2 = make([]float64, len(tr.v))
		}
		if !tr.AdaGrad {
			tr.scale *= 1 - eta*tr.Lambda
		}
		if tr.scale < 1e-9 {
			for i := range tr.v {
				tr.v[i] *= tr.scale
			}
			tr.scale = 1
		}
		step := eta / tr.scale
		upd := func(j int, g float64) {
			if tr.AdaGrad {
				g += tr.Lambda * tr.v[j]
				tr.g2[j] += g * g
				tr.v[j] -= tr.Eta0 * g / math.Sqrt(tr.g2[j]+1e-8)
				return
			}
			tr.v[j] -= step * g
		}
		for q, p := range cs.pos {
			k := int(p.k)
			ap := [nTags]float64{0, ninf, ninf}
			if k > 0 {
				ap = alpha[k-1]
			}
			var mu [nTags]float64
			var xi [nTags][nTags]float64
			for pl := 0; pl < nTags; pl++ {
				if ap[pl] == ninf {
					continue
				}
				for l := 0; l < nTags; l++ {
					if !tr.allowed(cs, q, pl, l) {
						continue
					}
					x := math.Exp(ap[pl] + sc[q][pl][l] + beta[k][l] - logZ)
					xi[pl][l] = x
					mu[l] += x
				}
			}
			g := int(cs.gold[k])
			gp := tagO
			if k > 0 {
				gp = int(cs.gold[k-1])
			}
			mu[g] -= 1
			xi[gp][g] -= 1
			for _, f := range cs.fs[p.s0:p.s1] {
				for l := 0; l < nTags; l++ {
					upd(int(f)*nTags+l, mu[l])
				}
			}
			for pl := 0; pl < nTags; pl++ {
				for _, f := range cs.fs[p.p[pl][0]:p.p[pl][1]] {
					for l := 0; l < nTags; l++ {
						upd(int(f)*nTags+l, xi[pl][l])
					}
				}
			}
		}
	}
	return nll
}

// allowed reports whether label l may follow label pl at the q-th scored
// token: a cue starts only on a candidate, and I only continues one.
func (tr *CRFTrainer) allowed(cs *crfSent, q, pl, l int) bool {
	switch l {
	case tagI:
		return pl != tagO
	case tagB:
		return cs.pos[q].b
	}
	return true
}

// Tagger returns the weights, multiplied by mult so that the decoder's
// cue bias keeps its scale.
func (tr *CRFTrainer) Tagger(mult float64) *Tagger {
	t := &Tagger{w: make(map[uint32][nTags]float32, len(tr.keys))}
	for j, h := range tr.keys {
		var w [nTags]float32
		for l := 0; l < nTags; l++ {
			x := tr.scale * tr.v[j*nTags+l]
			if tr.nsum > 0 {
				x = tr.sum[j*nTags+l] / float64(tr.nsum)
			}
			w[l] = float32(mult * x)
		}
		t.w[h] = w
	}
	t.index()
	return t
}
