// Package gazfeat adapts the gazetteer package to ner.Gazetteer: the
// tagger's feature "this word is the name of a place".
//
// Only well-attested places count — countries, first-level regions,
// continents, named regions and waters, and towns of at least MinPopulation
// people — because GeoNames also names hamlets after common words ("Rain",
// "March"), and a feature that fires on every other word teaches the tagger
// nothing. The names are folded into a set of one-word keys once, so a
// look-up while tagging is one map probe, not a gazetteer search.
package gazfeat

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"sitrep/gazetteer"
)

// MinPopulation is the smallest town whose name is a place-name feature.
// Bucha (about 40,000) is in; most GeoNames villages are not.
const MinPopulation = 10000

// Names is the set of one-word place names. It is read-only and safe for
// concurrent use.
type Names struct {
	set  map[string]struct{}
	name string
}

// New builds the set from g.
func New(g *gazetteer.Gazetteer) *Names {
	set := make(map[string]struct{}, 1<<16)
	for i := range g.Places {
		p := &g.Places[i]
		switch p.Kind {
		case gazetteer.KindCity:
			if p.Population < MinPopulation {
				continue
			}
		case gazetteer.KindAdmin2:
			continue // mostly "X Raion", "Y County": several words, and many
		}
		k := gazetteer.Key(p.Name)
		// The tagger asks about one word at a time. (Asking also about
		// runs of capitalised words, "New York", "Kyiv Oblast", scored
		// lower on the CoNLL development set: docs/ner.md.)
		if utf8.RuneCountInString(k) < 2 || strings.IndexByte(k, ' ') >= 0 {
			continue
		}
		set[k] = struct{}{}
	}
	// The name says which names: a model trained with one set refuses to
	// load with another (ner.Load compares it), rather than reading
	// weights learnt for other words.
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	h := fnv.New64a()
	for _, k := range keys {
		h.Write([]byte(k))
		h.Write([]byte{0})
	}
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], MinPopulation)
	h.Write(n[:])
	return &Names{set: set, name: fmt.Sprintf("gazfeat/1 %d names %016x", len(keys), h.Sum64())}
}

var (
	defaultOnce  sync.Once
	defaultNames *Names
	defaultErr   error
)

// Default returns the set built from the embedded gazetteer, once.
func Default() (*Names, error) {
	defaultOnce.Do(func() {
		g, err := gazetteer.Default()
		if err != nil {
			defaultErr = err
			return
		}
		defaultNames = New(g)
	})
	return defaultNames, defaultErr
}

// Name implements ner.Gazetteer.
func (n *Names) Name() string { return n.name }

// Len returns the number of names in the set.
func (n *Names) Len() int { return len(n.set) }

// IsPlace implements ner.Gazetteer: whether the lower-cased word is a
// place's one-word name.
func (n *Names) IsPlace(lower string) bool {
	plain := len(lower) >= 2
	for i := 0; i < len(lower) && plain; i++ {
		c := lower[i]
		plain = 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
	}
	if plain {
		_, ok := n.set[lower]
		return ok
	}
	if len(lower) > 64 {
		return false
	}
	// Diacritics and apostrophes ("Kyiv’s" aside, "Irpiń") fold as the
	// gazetteer's keys do.
	var buf [128]byte
	k := gazetteer.AppendKey(buf[:0], lower)
	if len(k) < 2 {
		return false
	}
	_, ok := n.set[string(k)]
	return ok
}
