package geo

import (
	"math"
	"sort"
	"strings"

	"sitrep"
	"sitrep/gazetteer"
	"sitrep/text"
)

// unresolvedKM is the error charged for a gold toponym left without a
// point: half the Earth's circumference, the largest error there is.
const unresolvedKM = 20037.5

// ResolveSpans resolves given toponym spans (gold spans, in evaluation) in
// the context of their document, as the published geoparser evaluations
// do. Spans whose text is not a gazetteer name fall back to the longest
// name inside them.
func ResolveSpans(g *gazetteer.Gazetteer, d *sitrep.Doc, spans []sitrep.Span) []Resolved {
	ms := make([]Mention, 0, len(spans))
	for _, sp := range spans {
		i, j := d.TokenAt(sp.Start), d.TokenAt(sp.End)
		if j <= i {
			j = i + 1
		}
		if j > len(d.Tokens) {
			i, j = len(d.Tokens), len(d.Tokens)
		}
		m := Mention{Tok0: i, Tok1: j, Start: sp.Start, End: sp.End, Strong: true}
		txt := d.Slice(sp.Start, sp.End)
		if isAllCaps(txt) {
			m.Cands = g.Lookup(nil, append([]byte("="), txt...))
		}
		// A country's demonym is the country before any town of that name
		// ("Canadian", not Canadian, Texas), as the recognizer reads it.
		if cc, ok := g.Demonym(txt); ok && len(m.Cands) == 0 && j == i+1 {
			if ci, ok := g.Country(cc); ok {
				m.Cands = []gazetteer.Candidate{{Place: ci}}
				m.Demonym = true
			}
		}
		if len(m.Cands) == 0 {
			m.Cands = g.LookupName(txt)
		}
		if len(m.Cands) == 0 {
			m.Cands = regionalDemonym(g, txt)
			m.Demonym = len(m.Cands) > 0
		}
		if len(m.Cands) == 0 {
			if cc, ok := g.Demonym(txt); ok {
				if ci, ok := g.Country(cc); ok {
					m.Cands = []gazetteer.Candidate{{Place: ci}}
					m.Demonym = true
				}
			}
		}
		if len(m.Cands) > 0 && j-i >= 2 {
			if nk := gazetteer.Key(d.TokenText(j - 1)); naturalHeads[nk] != "" {
				m.Natural = naturalHeads[nk]
			}
		}
		// The longest window of whole tokens inside the span that is a name.
		for n := j - i - 1; len(m.Cands) == 0 && n >= 1; n-- {
			for a := i; a+n <= j && len(m.Cands) == 0; a++ {
				if n == 1 {
					k := gazetteer.Key(d.TokenText(a))
					if commonWords[k] || before[k] || compass[k] || regionWords[k] || naturalHeads[k] != "" {
						continue
					}
				}
				m.Cands = g.LookupName(d.Slice(d.Tokens[a].Start, d.Tokens[a+n-1].End))
			}
		}
		ms = append(ms, m)
	}
	return Resolve(g, d, ms)
}

// Score is what "sitrep eval geo" reports; figures are percentages (0-100)
// and kilometres.
type Score struct {
	Articles int `json:"articles"`
	Gold     int `json:"gold_toponyms"`
	// Recognition of toponym spans, exact boundaries.
	Recognition PRF `json:"recognition"`
	// RecognitionOverlap counts a span found when it shares a code point
	// with a gold span.
	RecognitionOverlap PRF `json:"recognition_overlap"`
	// Resolution of the gold spans that have coordinates.
	Resolvable         int     `json:"resolvable"`
	Acc161             float64 `json:"acc161"`
	MedianKM           float64 `json:"median_km"`
	MeanKM             float64 `json:"mean_km"`
	GeoNamesIDAccuracy float64 `json:"geonames_id_accuracy"`
	WithGeoNamesID     int     `json:"with_geonames_id"`
	EndToEndAcc161     float64 `json:"end_to_end_acc161"`
}

// PRF is precision, recall and F1 in percent, with the counts.
type PRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
}

func prf(tp, fp, fn int) PRF {
	s := PRF{TP: tp, FP: fp, FN: fn}
	if tp+fp > 0 {
		s.Precision = 100 * float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		s.Recall = 100 * float64(tp) / float64(tp+fn)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// ArticleResult is the prediction for one article, as --out writes it.
type ArticleResult struct {
	ID string `json:"id"`
	// Found are the toponyms the recognizer found, resolved.
	Found []PredictedToponym `json:"found"`
	// Gold are the gold spans resolved in context.
	Gold []PredictedToponym `json:"gold"`
}

// PredictedToponym is one span with the place it was resolved to.
type PredictedToponym struct {
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Phrase    string   `json:"phrase"`
	GeoNameID int      `json:"geonameid,omitempty"`
	Name      string   `json:"name,omitempty"`
	Kind      string   `json:"kind,omitempty"`
	Lat       *float64 `json:"lat,omitempty"`
	Lon       *float64 `json:"lon,omitempty"`
	// ErrorKM is the distance to the gold point, for gold spans.
	ErrorKM *float64 `json:"error_km,omitempty"`
}

func predicted(g *gazetteer.Gazetteer, d *sitrep.Doc, r *Resolved) PredictedToponym {
	p := PredictedToponym{Start: r.Start, End: r.End, Phrase: d.Slice(r.Start, r.End)}
	if r.Place >= 0 {
		pl := &g.Places[r.Place]
		p.GeoNameID, p.Name, p.Kind = pl.GeoNameID, pl.Name, pl.Kind.String()
		if pl.HasCoord {
			lat, lon := pl.Lat, pl.Lon
			p.Lat, p.Lon = &lat, &lon
		}
	}
	return p
}

// Evaluate scores recognition and resolution over the articles.
func Evaluate(g *gazetteer.Gazetteer, arts []Article) (Score, []ArticleResult) {
	var sc Score
	var tp, fp, fn, otp, ofp, ofn int
	var errs []float64
	var within, idHits, e2e int
	results := make([]ArticleResult, 0, len(arts))
	for _, a := range arts {
		d := sitrep.NewDoc(sitrep.Document{ID: a.ID}, a.Text)
		_ = text.Segmenter{}.Annotate(d)
		found := Resolve(g, d, Recognize(g, d))
		res := ArticleResult{ID: a.ID}
		exact := map[[2]int]*Resolved{}
		for i := range found {
			exact[[2]int{found[i].Start, found[i].End}] = &found[i]
			res.Found = append(res.Found, predicted(g, d, &found[i]))
		}
		goldSet := map[[2]int]bool{}
		for _, t := range a.Toponyms {
			goldSet[[2]int{t.Start, t.End}] = true
		}
		for k := range exact {
			if goldSet[k] {
				tp++
			} else {
				fp++
			}
		}
		fn += len(goldSet) - countIn(exact, goldSet)
		// Overlap matching, one to one in text order.
		used := make([]bool, len(found))
		for _, t := range a.Toponyms {
			hit := false
			for i := range found {
				if !used[i] && found[i].Start < t.End && t.Start < found[i].End {
					used[i], hit = true, true
					break
				}
			}
			if hit {
				otp++
			} else {
				ofn++
			}
		}
		for _, u := range used {
			if !u {
				ofp++
			}
		}
		spans := make([]sitrep.Span, len(a.Toponyms))
		for i, t := range a.Toponyms {
			spans[i] = sitrep.Span{Start: t.Start, End: t.End}
		}
		gold := ResolveSpans(g, d, spans)
		for i, t := range a.Toponyms {
			p := predicted(g, d, &gold[i])
			if t.HasCoord {
				e := unresolvedKM
				if p.Lat != nil {
					e = km(t.Lat, t.Lon, *p.Lat, *p.Lon)
				}
				ek := math.Round(e*10) / 10
				p.ErrorKM = &ek
				errs = append(errs, e)
				if e <= 161 {
					within++
				}
				if t.GeoNameID > 0 {
					sc.WithGeoNamesID++
					if p.GeoNameID == t.GeoNameID {
						idHits++
					}
				}
				if f, ok := exact[[2]int{t.Start, t.End}]; ok && f.Place >= 0 && g.Places[f.Place].HasCoord {
					q := &g.Places[f.Place]
					if km(t.Lat, t.Lon, q.Lat, q.Lon) <= 161 {
						e2e++
					}
				}
			}
			res.Gold = append(res.Gold, p)
		}
		results = append(results, res)
		sc.Gold += len(a.Toponyms)
	}
	sc.Articles = len(arts)
	sc.Recognition = prf(tp, fp, fn)
	sc.RecognitionOverlap = prf(otp, ofp, ofn)
	sc.Resolvable = len(errs)
	if len(errs) > 0 {
		n := float64(len(errs))
		sc.Acc161 = 100 * float64(within) / n
		sc.EndToEndAcc161 = 100 * float64(e2e) / n
		sort.Float64s(errs)
		sum := 0.0
		for _, e := range errs {
			sum += e
		}
		sc.MeanKM = sum / n
		if len(errs)%2 == 1 {
			sc.MedianKM = errs[len(errs)/2]
		} else {
			sc.MedianKM = (errs[len(errs)/2-1] + errs[len(errs)/2]) / 2
		}
	}
	if sc.WithGeoNamesID > 0 {
		sc.GeoNamesIDAccuracy = 100 * float64(idHits) / float64(sc.WithGeoNamesID)
	}
	return sc, results
}

func countIn(found map[[2]int]*Resolved, gold map[[2]int]bool) int {
	n := 0
	for k := range gold {
		if _, ok := found[k]; ok {
			n++
		}
	}
	return n
}

// demonymEndings turn the name of a people into the name of its place:
// "Ohioans" -> "Ohio", "Minnesotan" -> "Minnesota", "South Ossetian" ->
// "South Ossetia", "Dagestani" -> "Dagestan", "Texan" -> "Texas",
// "Londoner" -> "London".
var demonymEndings = [][2]string{{"ans", ""}, {"ns", ""}, {"ians", "ia"}, {"ians", "io"}, {"ian", "ia"}, {"ian", "io"}, {"an", ""}, {"n", ""}, {"i", ""}, {"is", ""}, {"n", "s"}, {"ers", ""}, {"er", ""}}

// regionalDemonym resolves a word for the people of a region, country or
// city of 100,000 that world-countries' demonyms do not cover.
func regionalDemonym(g *gazetteer.Gazetteer, word string) []gazetteer.Candidate {
	if !isCap(word) {
		return nil
	}
	for _, e := range demonymEndings {
		base, ok := strings.CutSuffix(word, e[0])
		if !ok || len(base) < 3 {
			continue
		}
		var out []gazetteer.Candidate
		for _, c := range g.LookupName(base + e[1]) {
			p := &g.Places[c.Place]
			if c.Source != gazetteer.SourceAlternate && (p.Kind != gazetteer.KindCity || p.Population >= 100000) {
				out = append(out, c)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}
