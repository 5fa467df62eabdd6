// Package incidents reads the geolocated incident file of the Centre for
// Information Resilience and Bellingcat (events.csv: one incident a line,
// with a short title and description, a date, an event group and gold
// coordinates) and scores sitrep's events against it: how often the event
// type agrees with the incident's group, how often a place is found, and
// how far it is from the gold coordinates.
//
// # Event groups and sitrep types
//
// The file's event groups say what an incident shows (damage, a
// casualty, troops), not how it came about, so a group maps to the sitrep
// types that can describe such an incident; a prediction agrees when its
// type is one of them. The month in a group's name ("Civilian
// Infrastructure Damage March 2022") is ignored. Groups is the mapping:
//
//	Russian Military Presence         Strategic developments (troop and equipment movements)
//	Russian Allies Presence/Losses    Strategic developments, Battles, Explosions/Remote violence
//	Russian Firing Positions          Explosions/Remote violence
//	Civilian Infrastructure Damage    Explosions/Remote violence
//	Military Infrastructure Damage    Explosions/Remote violence
//	Bombing or Explosion              Explosions/Remote violence
//	Munitions                         Explosions/Remote violence
//	Civilian Casualty                 Violence against civilians, Explosions/Remote violence, Casualty report
//	Russian Military Losses           Battles, Explosions/Remote violence
//	Ukrainian Military Losses         Battles, Explosions/Remote violence
//	Ground Battle                     Battles
//	Detentions or Arrests             Strategic developments, Violence against civilians
//	Mass grave or Burial              Casualty report, Violence against civilians
//	Other                             not scored for type
//
// # Places
//
// An incident "names a place" when its gold town appears in its title or
// description (compared in lower case, without apostrophes, accents or
// hyphens). Place scores are over those incidents; a prediction is the
// place of the incident's first event, or, when no event has one, the most
// specific place the geo stage found.
//
// # Held-out portion
//
// One incident in five, chosen by a hash of its entry ID (Heldout), is held
// out: the stages are developed looking only at the others, and the scores
// of both portions are reported apart.
package incidents

import (
	"bufio"
	"encoding/csv"
	"errors"
	"hash/fnv"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"sitrep"
)

// Incident is one line of the file.
type Incident struct {
	Line        int
	Entry       string
	Date        string // YYYY-MM-DD
	Group       string
	Title       string
	Description string
	Lat, Lon    float64
	HasCoords   bool
	Country     string
	Province    string
	Town        string
}

// Text returns the text sitrep reads: the title, and the description when
// it says more than the title.
func (in Incident) Text() string {
	t, d := strings.TrimSpace(in.Title), strings.TrimSpace(in.Description)
	if d == "" || strings.Contains(t, d) {
		return t
	}
	if t == "" {
		return d
	}
	return t + "\n\n" + d
}

// Limits on the input, so that a corrupt file fails with a message rather
// than exhausting memory.
const (
	MaxFieldBytes = 64 << 10
	MaxRecords    = 1 << 20
)

var required = []string{"entry", "date", "event_group", "title", "brief description", "lat", "lon", "town/city"}

// Read reads the incident file r, named name, and calls fn for each
// incident in order. A malformed line is an EINVALID error naming the file
// and the line; an error from fn stops reading and is returned.
func Read(name string, r io.Reader, fn func(Incident) error) error {
	cr := csv.NewReader(bufio.NewReader(r))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return sitrep.Errorf(sitrep.EINVALID, "%s: file is empty", name)
	}
	if err != nil {
		return csvErr(name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, h := range required {
		if _, ok := col[h]; !ok {
			return sitrep.Errorf(sitrep.EINVALID, "%s: line 1: the header has no %q column (want %s)", name, h, strings.Join(required, ", "))
		}
	}
	get := func(rec []string, h string) string {
		if i, ok := col[h]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return csvErr(name, err)
		}
		if n > MaxRecords {
			return sitrep.Errorf(sitrep.EINVALID, "%s: more than %d incidents", name, MaxRecords)
		}
		for _, f := range rec {
			if len(f) > MaxFieldBytes {
				return sitrep.Errorf(sitrep.EINVALID, "%s: line %d: a field is longer than %d bytes", name, line, MaxFieldBytes)
			}
		}
		in := Incident{Line: line, Entry: get(rec, "entry"), Date: get(rec, "date"), Group: get(rec, "event_group"),
			Title: get(rec, "title"), Description: get(rec, "brief description"), Country: get(rec, "country"),
			Province: get(rec, "province"), Town: get(rec, "town/city")}
		if !isDate(in.Date) {
			return sitrep.Errorf(sitrep.EINVALID, "%s: line %d: date %q is not YYYY-MM-DD", name, line, in.Date)
		}
		lat, lon := get(rec, "lat"), get(rec, "lon")
		if lat != "" || lon != "" {
			la, err1 := strconv.ParseFloat(lat, 64)
			lo, err2 := strconv.ParseFloat(lon, 64)
			if err1 != nil || err2 != nil || math.Abs(la) > 90 || math.Abs(lo) > 180 || la != la || lo != lo {
				return sitrep.Errorf(sitrep.EINVALID, "%s: line %d: coordinates %q, %q are not a latitude and longitude", name, line, lat, lon)
			}
			in.Lat, in.Lon, in.HasCoords = la, lo, true
		}
		if err := fn(in); err != nil {
			return err
		}
	}
}

func csvErr(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return sitrep.Errorf(sitrep.EINVALID, "%s: line %d: %s", name, pe.Line, pe.Err)
	}
	return sitrep.Errorf(sitrep.EINVALID, "%s: %s", name, err)
}

func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	m, _ := strconv.Atoi(s[5:7])
	d, _ := strconv.Atoi(s[8:10])
	return m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// Groups maps an event group (without its month) to the sitrep types that
// agree with it.
var Groups = map[string][]string{
	"Russian Military Presence":      {"Strategic developments"},
	"Russian Allies Presence/Losses": {"Strategic developments", "Battles", "Explosions/Remote violence"},
	"Russian Firing Positions":       {"Explosions/Remote violence"},
	"Civilian Infrastructure Damage": {"Explosions/Remote violence"},
	"Military Infrastructure Damage": {"Explosions/Remote violence"},
	"Bombing or Explosion":           {"Explosions/Remote violence"},
	"Munitions":                      {"Explosions/Remote violence"},
	"Civilian Casualty":              {"Violence against civilians", "Explosions/Remote violence", "Casualty report"},
	"Russian Military Losses":        {"Battles", "Explosions/Remote violence"},
	"Ukrainian Military Losses":      {"Battles", "Explosions/Remote violence"},
	"Ground Battle":                  {"Battles"},
	"Detentions or Arrests":          {"Strategic developments", "Violence against civilians"},
	"Mass grave or Burial":           {"Casualty report", "Violence against civilians"},
}

// monthSuffix lists what follows a group's name, longest first ("Feb -
// June" before "June").
var monthSuffix = []string{"Feb - June", "January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"}

// BaseGroup strips the month from an event group ("Civilian Infrastructure
// Damage March 2022" is "Civilian Infrastructure Damage").
func BaseGroup(g string) string {
	g = strings.TrimSpace(g)
	for _, m := range monthSuffix {
		if i := strings.Index(g, " "+m); i > 0 {
			return strings.TrimSpace(g[:i])
		}
	}
	return g
}

// Expected returns the sitrep types that agree with an event group, and
// false when the group is not scored for type.
func Expected(group string) ([]string, bool) {
	ts, ok := Groups[BaseGroup(group)]
	return ts, ok
}

// Heldout reports whether an incident belongs to the held-out portion.
func Heldout(entry string) bool {
	h := fnv.New32a()
	h.Write([]byte(entry))
	return h.Sum32()%5 == 0
}

// fold lower-cases s and drops accents, apostrophes and hyphens, so that
// "Irpin'" and "Irpin", "Mariupol’" and "Mariupol" compare equal.
func fold(s string) string {
	s = norm.NFD.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'' || r == '’' || r == 'ʼ' || r == '`':
		case r == '-' || r == '‐':
			b.WriteByte(' ')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// NamesPlace reports whether the incident's text names its gold town.
func (in Incident) NamesPlace() bool {
	if in.Town == "" || !in.HasCoords {
		return false
	}
	town := strings.TrimSpace(fold(in.Town))
	return len(town) >= 3 && strings.Contains(fold(in.Text()), town)
}

// Score accumulates the scores of one portion.
type Score struct {
	N         int // incidents
	Typed     int // incidents whose group is scored for type
	Agree     int
	Named     int // incidents whose text names their gold town
	Found     int // of Named, those given a place with coordinates
	Within25  int
	Within161 int
	km        []float64
}

// AddType records whether the predicted type agrees with the group.
func (s *Score) AddType(group, predicted string) {
	s.N++
	want, ok := Expected(group)
	if !ok {
		return
	}
	s.Typed++
	for _, t := range want {
		if t == predicted {
			s.Agree++
			return
		}
	}
}

// AddPlace records the predicted coordinates of an incident that names a
// place; found is false when there were none.
func (s *Score) AddPlace(in Incident, found bool, lat, lon float64) float64 {
	s.Named++
	if !found {
		return -1
	}
	s.Found++
	km := Haversine(in.Lat, in.Lon, lat, lon)
	s.km = append(s.km, km)
	if km <= 25 {
		s.Within25++
	}
	if km <= 161 {
		s.Within161++
	}
	return km
}

// Result is a score as percentages, under the names DESIGN.md gives.
type Result struct {
	TypeAgreement float64 `json:"type_agreement"`
	PlaceFound    float64 `json:"place_found"`
	Within25km    float64 `json:"within_25km"`
	Within161km   float64 `json:"within_161km"`
	MedianKm      float64 `json:"median_km"`
	Incidents     int     `json:"incidents"`
	Typed         int     `json:"typed"`
	NamedPlace    int     `json:"names_place"`
}

// Result returns the percentages; the median is over incidents with a
// place found, -1 when there are none.
func (s *Score) Result() Result {
	pct := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return math.Round(1000*float64(a)/float64(b)) / 10
	}
	r := Result{TypeAgreement: pct(s.Agree, s.Typed), PlaceFound: pct(s.Found, s.Named),
		Within25km: pct(s.Within25, s.Named), Within161km: pct(s.Within161, s.Named), MedianKm: -1,
		Incidents: s.N, Typed: s.Typed, NamedPlace: s.Named}
	if len(s.km) > 0 {
		km := append([]float64(nil), s.km...)
		sort.Float64s(km)
		m := km[len(km)/2]
		if len(km)%2 == 0 {
			m = (km[len(km)/2-1] + km[len(km)/2]) / 2
		}
		r.MedianKm = math.Round(m*10) / 10
	}
	return r
}

// Haversine returns the great-circle distance in km between two points.
func Haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}
