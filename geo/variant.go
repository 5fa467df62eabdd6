package geo

import (
	"sync"

	"sitrep/gazetteer"
)

// Names of places in Ukraine, Russia, Belarus and the other countries
// that write in Cyrillic reach English text in several romanizations and
// in both the Ukrainian and the Russian form: Kharkiv and Kharkov,
// Mykolaiv and Mykolayiv, Sviatohirsk and Svyatogorsk, Schastia and
// Shchastia, Izium and Izyum, Marinka and Mar'yinka. The gazetteer holds
// one or two of them. variantKey maps a name to the form the spellings of
// one name share, after the rules of those romanizations:
//
//   - digraphs of one letter: shch/sch (щ), ch/tch (ч), zh (ж), kh (х),
//     sh (ш), ts/tz/c (ц);
//   - г is h in Ukrainian and g in Russian, and х is kh or h: g, h and kh
//     are one;
//   - iotation and soft signs: y, j, i before or after a vowel (ya/ia/ja,
//     yu/iu, ye/ie/je, yi/ji/ii, iy) and apostrophes (dropped by the key);
//   - Ukrainian і for Russian е and о in closed syllables (Kharkiv and
//     Kharkov, Svitlodarsk and Svetlodarsk) and Ukrainian и for Russian и
//     written i: e, i, o and y are one vowel;
//   - doubled letters (Zaporizhzhia, Zaporizhia) are one.
//
// Only places of countries that romanize from Cyrillic are matched this
// way: elsewhere these letters are not interchangeable.
func variantKey(dst []byte, key string) []byte {
	var last byte
	emit := func(c byte) {
		if c == last {
			return
		}
		dst = append(dst, c)
		last = c
	}
	for i := 0; i < len(key); {
		c := key[i]
		if c >= 0x80 {
			return dst[:0] // another script: no variants
		}
		rest := key[i:]
		switch {
		case c == ' ':
			dst = append(dst, ' ')
			last = ' '
			i++
			continue
		case hasPrefix(rest, "shch"):
			emit('S')
			i += 4
			continue
		case hasPrefix(rest, "sch"), hasPrefix(rest, "tch"):
			if c == 's' {
				emit('S')
			} else {
				emit('C')
			}
			i += 3
			continue
		case hasPrefix(rest, "ch"):
			emit('C')
			i += 2
			continue
		case hasPrefix(rest, "zh"):
			emit('Z')
			i += 2
			continue
		case hasPrefix(rest, "kh"):
			emit('H')
			i += 2
			continue
		case hasPrefix(rest, "sh"):
			emit('X')
			i += 2
			continue
		case hasPrefix(rest, "ts"), hasPrefix(rest, "tz"):
			emit('c')
			i += 2
			continue
		}
		i++
		switch c {
		case 'g', 'h':
			emit('H')
		case 'w':
			emit('v')
		case 'q':
			emit('k')
		case 'x':
			emit('k')
			emit('s')
		case 'e', 'i', 'o', 'y', 'j':
			emit('E')
		default:
			emit(c)
		}
	}
	return dst
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// cyrillicCountries romanize their place names from Cyrillic.
var cyrillicCountries = set("UA", "RU", "BY", "KZ", "KG", "TJ", "MN", "BG", "RS", "MK", "MD")

// minVariantKey is the shortest variant key matched: shorter names share
// their consonants with too many others.
const minVariantKey = 5

type variantIndex struct {
	byKey map[string][]int32
}

var (
	variantMu  sync.Mutex
	variantIdx = map[*gazetteer.Gazetteer]*variantIndex{}
)

// variants returns the variant index of g, built at first use.
func variants(g *gazetteer.Gazetteer) *variantIndex {
	variantMu.Lock()
	defer variantMu.Unlock()
	if v, ok := variantIdx[g]; ok {
		return v
	}
	v := &variantIndex{byKey: map[string][]int32{}}
	var buf []byte
	g.EachKey(func(key string, cands []gazetteer.Candidate) {
		var vk string
		for _, c := range cands {
			p := &g.Places[c.Place]
			// GeoNames' alternate names hold other languages' forms
			// ("Kili"), which the rules below are not about.
			if c.Source != gazetteer.SourceName && c.Source != gazetteer.SourceAlias || !cyrillicCountries[p.Country] || !p.HasCoord {
				continue
			}
			if p.Kind != gazetteer.KindCity && p.Kind != gazetteer.KindAdmin1 && p.Kind != gazetteer.KindAdmin2 {
				continue
			}
			if vk == "" {
				buf = variantKey(buf[:0], key)
				if len(buf) < minVariantKey {
					return
				}
				vk = string(buf)
			}
			l := v.byKey[vk]
			dup := false
			for _, q := range l {
				dup = dup || int(q) == c.Place
			}
			if !dup {
				v.byKey[vk] = append(l, int32(c.Place))
			}
		}
	})
	variantIdx[g] = v
	return v
}

// maxVariants bounds the places one variant key adds.
const maxVariants = 32

// lookupVariants appends to dst the places whose name is a spelling
// variant of key and that dst does not hold yet, as alternate names
// (weaker than a name as written).
func (v *variantIndex) lookupVariants(dst []gazetteer.Candidate, key []byte, buf []byte) []gazetteer.Candidate {
	buf = variantKey(buf[:0], string(key))
	if len(buf) < minVariantKey {
		return dst
	}
	n := 0
	for _, p := range v.byKey[string(buf)] {
		if n == maxVariants {
			break
		}
		dup := false
		for _, c := range dst {
			dup = dup || c.Place == int(p)
		}
		if !dup {
			dst = append(dst, gazetteer.Candidate{Place: int(p), Source: gazetteer.SourceAlternate})
			n++
		}
	}
	return dst
}
