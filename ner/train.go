package ner

import (
	"fmt"
	"math/rand/v2"

	"sitrep"
)

// TrainOptions sets up a training run.
type TrainOptions struct {
	// Bits is the size of the feature hash table, 2^Bits rows (default 20).
	Bits uint8
	// Epochs is the number of passes over the training data (default 10).
	Epochs int
	// Seed makes the order of sentences in each pass reproducible.
	Seed uint64
	// Gazetteer, if set, adds place-name features; the model then needs the
	// same gazetteer to load.
	Gazetteer Gazetteer
	// Dev, if set, is scored after each pass and the pass with the best F1
	// is kept (early stopping).
	Dev []CoNLLDoc
	// Progress, if set, is told about each pass.
	Progress func(p Progress)
	// Mix is the number of runs, with seeds Seed, Seed+1, ..., whose
	// (averaged, early-stopped) weights are averaged into the model
	// (parameter mixing; default 1). It lowers the variance that the order
	// of sentences gives a perceptron.
	Mix int
}

// Progress reports one finished pass of training.
type Progress struct {
	Run      int // 1..Mix
	Epoch    int
	Mistakes int // sentences tagged wrongly during the pass
	Dev      *Score
}

// Train learns a model from gold-tagged documents with the averaged
// structured perceptron. It returns the model and, when opt.Dev is set, the
// dev score of the pass it kept.
func Train(docs []CoNLLDoc, opt TrainOptions) (*Model, *Score, error) {
	if opt.Bits == 0 {
		opt.Bits = DefaultBits
	}
	if opt.Bits < 8 || opt.Bits > maxModelBits {
		return nil, nil, sitrep.Errorf(sitrep.EINVALID, "ner: hash bits %d out of range 8..%d", opt.Bits, maxModelBits)
	}
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	lex := newLexicon(opt.Gazetteer)
	mask := uint64(1)<<opt.Bits - 1

	// Features do not change between passes: extract them once.
	var feats []uint32
	var sents []sent
	var docSents [][]int // the sentences of each document, in order
	for di, d := range docs {
		docSents = append(docSents, nil)
		prepared := prepareDoc(lex, d.Words)
		for _, si := range tagOrder(prepared) {
			ts := prepared[si]
			gold, err := bilou(d.Tags[si])
			if err != nil {
				return nil, nil, sitrep.Errorf(sitrep.EINVALID, "ner: document %d sentence %d: %s", di+1, si+1, err)
			}
			s := sent{off: make([]int32, len(ts)+1), gold: gold, toks: ts}
			for i := range ts {
				s.off[i] = int32(len(feats))
				feats = extract(feats, ts, i, mask)
			}
			s.off[len(ts)] = int32(len(feats))
			docSents[len(docSents)-1] = append(docSents[len(docSents)-1], len(sents))
			sents = append(sents, s)
		}
	}
	if len(sents) == 0 {
		return nil, nil, sitrep.Errorf(sitrep.EINVALID, "ner: no training sentences")
	}

	if opt.Mix <= 0 {
		opt.Mix = 1
	}
	var sumW, sumT []float32
	for run := 1; run <= opt.Mix; run++ {
		aw, at := trainRun(opt, opt.Seed+uint64(run-1), run, lex, feats, sents, docSents, mask)
		if sumW == nil {
			sumW, sumT = aw, at
			continue
		}
		for i, v := range aw {
			sumW[i] += v
		}
		for i, v := range at {
			sumT[i] += v
		}
	}
	if opt.Mix > 1 {
		for i := range sumW {
			sumW[i] /= float32(opt.Mix)
		}
		for i := range sumT {
			sumT[i] /= float32(opt.Mix)
		}
	}
	m := quantize(opt.Bits, lex, sumW, sumT)
	if len(opt.Dev) == 0 {
		return m, nil, nil
	}
	sc, _ := Evaluate(m, opt.Dev)
	return m, &sc, nil
}

// trainRun is one run of the perceptron over the prepared sentences. It
// returns the averaged weights of the pass with the best dev F1 (or of the
// last pass without dev data), before quantisation.
func trainRun(opt TrainOptions, seed uint64, run int, lex *lexicon, feats []uint32, sents []sent, docSents [][]int, mask uint64) ([]float32, []float32) {
	rows := 1 << opt.Bits
	w := make([]float32, rows*nLabels)
	u := make([]float64, rows*nLabels) // sum of c·update, for averaging
	tw := make([]float32, (nLabels+1)*nLabels)
	tu := make([]float64, (nLabels+1)*nLabels)
	c := 1.0
	update := func(ws []float32, us []float64, i int, d float32) {
		ws[i] += d
		us[i] += c * float64(d)
	}
	averaged := func() ([]float32, []float32) {
		aw := make([]float32, len(w))
		for i := range w {
			aw[i] = w[i] - float32(u[i]/c)
		}
		at := make([]float32, len(tw))
		for i := range tw {
			at[i] = tw[i] - float32(tu[i]/c)
		}
		return aw, at
	}

	// Documents are shuffled but their sentences keep their order, since the
	// history features look back within a document.
	order := make([]int, len(docSents))
	for i := range order {
		order[i] = i
	}
	var (
		score []float32
		best  []float32
		back  []uint8
		pred  []uint8
	)
	var keptW, keptT []float32
	var keptScore *Score
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		r := rand.New(rand.NewPCG(seed, uint64(epoch)))
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		mistakes := 0
		var dyn [][]uint32
		for _, di := range order {
			h := history{}
			for _, si := range docSents[di] {
				s := sents[si]
				n := len(s.gold)
				if cap(score) < n*nLabels {
					score = make([]float32, n*nLabels)
					best = make([]float32, n*nLabels)
					back = make([]uint8, n*nLabels)
					pred = make([]uint8, n)
				}
				for len(dyn) < n {
					dyn = append(dyn, nil)
				}
				for i := range n {
					var sc [nLabels]float32
					dyn[i] = histFeatures(dyn[i][:0], h, &s.toks[i], mask)
					for _, f := range feats[s.off[i]:s.off[i+1]] {
						row := w[int(f)*nLabels : int(f)*nLabels+nLabels]
						for l := range nLabels {
							sc[l] += row[l]
						}
					}
					for _, f := range dyn[i] {
						row := w[int(f)*nLabels : int(f)*nLabels+nLabels]
						for l := range nLabels {
							sc[l] += row[l]
						}
					}
					copy(score[i*nLabels:], sc[:])
				}
				viterbi(score[:n*nLabels], tw, n, best[:n*nLabels], back[:n*nLabels], pred[:n], float32(-1e30))
				wrong := false
				for i := range n {
					g, p := s.gold[i], pred[i]
					gp, pp := nLabels, nLabels
					if i > 0 {
						gp, pp = int(s.gold[i-1]), int(pred[i-1])
					}
					if g != p {
						wrong = true
						for _, f := range feats[s.off[i]:s.off[i+1]] {
							update(w, u, int(f)*nLabels+int(g), 1)
							update(w, u, int(f)*nLabels+int(p), -1)
						}
						for _, f := range dyn[i] {
							update(w, u, int(f)*nLabels+int(g), 1)
							update(w, u, int(f)*nLabels+int(p), -1)
						}
					}
					if g != p || gp != pp {
						update(tw, tu, gp*nLabels+int(g), 1)
						update(tw, tu, pp*nLabels+int(p), -1)
					}
				}
				h.record(s.toks, pred[:n])
				if wrong {
					mistakes++
				}
				c++
			}
		}
		pr := Progress{Run: run, Epoch: epoch, Mistakes: mistakes}
		if len(opt.Dev) > 0 || epoch == opt.Epochs {
			aw, at := averaged()
			if len(opt.Dev) > 0 {
				sc, _ := Evaluate(quantize(opt.Bits, lex, aw, at), opt.Dev)
				pr.Dev = &sc
				if keptScore == nil || sc.Overall.F1() > keptScore.Overall.F1() {
					keptW, keptT, keptScore = aw, at, &sc
				}
			} else {
				keptW, keptT = aw, at
			}
		}
		if opt.Progress != nil {
			opt.Progress(pr)
		}
	}
	return keptW, keptT
}

// sent is one training sentence with its features extracted.
type sent struct {
	off  []int32 // feature offsets per token, len n+1
	gold []uint8
	toks []tok
}

// bilou converts IOB1 or IOB2 tags into BILOU labels.
func bilou(tags []string) ([]uint8, error) {
	out := make([]uint8, len(tags))
	for _, t := range tags {
		if !validTag(t) {
			return nil, fmt.Errorf("tag %q is not O or B-/I- with PER, ORG, LOC or MISC", clip(t))
		}
	}
	for _, ch := range chunks(tags) {
		c := classIndex(ch.class)
		if ch.end-ch.start == 1 {
			out[ch.start] = label(c, labU)
			continue
		}
		out[ch.start] = label(c, labB)
		for i := ch.start + 1; i < ch.end-1; i++ {
			out[i] = label(c, labI)
		}
		out[ch.end-1] = label(c, labL)
	}
	return out, nil
}

// DefaultBits is the size of the feature hash table of the shipped model.
const DefaultBits = 20
