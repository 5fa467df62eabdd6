package gazetteer

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"sitrep"
)

func mustDefault(tb testing.TB) *Gazetteer {
	tb.Helper()
	g, err := Default()
	if err != nil {
		tb.Fatalf("Default() = %v", err)
	}
	return g
}

// has reports whether name has a candidate with GeoNames id id, and whether
// it comes first among the place's kind.
func hasID(g *Gazetteer, name string, id int) bool {
	for _, c := range g.LookupName(name) {
		if g.Places[c.Place].GeoNameID == id {
			return true
		}
	}
	return false
}

func TestOldNamesAndTransliterations(t *testing.T) {
	g := mustDefault(t)
	for _, tc := range []struct {
		name string
		id   int
	}{
		{"Kyiv", 703448}, {"Kiev", 703448}, {"Київ", 703448}, {"Киев", 703448},
		{"Irpin", 707565}, {"Irpen", 707565}, {"Irpin’", 707565}, {"Ірпінь", 707565},
		{"Kharkiv", 706483}, {"Kharkov", 706483},
		{"Hostomel", 708251}, {"Gostomel", 708251},
		{"Mariupol", 701822}, {"Zhdanov", 701822}, {"Мариуполь", 701822},
	} {
		if !hasID(g, tc.name, tc.id) {
			t.Errorf("LookupName(%q) has no place %d", tc.name, tc.id)
		}
	}
}

func TestRegionsAndCountries(t *testing.T) {
	g := mustDefault(t)
	kinds := func(name string) map[Kind]*Place {
		m := map[Kind]*Place{}
		for _, c := range g.LookupName(name) {
			p := &g.Places[c.Place]
			if m[p.Kind] == nil {
				m[p.Kind] = p
			}
		}
		return m
	}
	if p := kinds("Kyiv Oblast")[KindAdmin1]; p == nil || p.Country != "UA" || p.Admin1 != "13" {
		t.Errorf("Kyiv Oblast: admin1 = %+v, want UA.13", p)
	}
	for name, cc := range map[string]string{"Ukraine": "UA", "Turkey": "TR", "Russia": "RU", "United States": "US"} {
		if p := kinds(name)[KindCountry]; p == nil || p.Country != cc {
			t.Errorf("%s: country = %+v, want %s", name, p, cc)
		}
	}
	if i, ok := g.Capital("UA"); !ok || g.Places[i].GeoNameID != 703448 {
		t.Errorf("Capital(UA) = %d, %v; want Kyiv", i, ok)
	}
	if i, ok := g.Country("ua"); !ok || g.Places[i].Name != "Ukraine" {
		t.Errorf("Country(ua) = %d, %v", i, ok)
	}
	p := &g.Places[g.LookupName("Irpin")[0].Place]
	if got := g.Admin1Name(p); got != "Kyiv Oblast" {
		t.Errorf("Admin1Name(Irpin) = %q, want Kyiv Oblast", got)
	}
	if c := g.Lookup(nil, []byte("=USA")); len(c) == 0 || g.Places[c[0].Place].Country != "US" {
		t.Errorf("acronym USA = %v", c)
	}
}

func TestDemonym(t *testing.T) {
	mustDefault(t)
	for _, tc := range []struct {
		word string
		cc   string
		ok   bool
	}{
		{"Ukrainian", "UA", true}, {"Ukrainians", "UA", true}, {"Russian", "RU", true}, {"russians", "RU", true},
		{"American", "US", true}, {"French", "FR", true}, {"Table", "", false}, {"", "", false},
	} {
		cc, ok := Demonym(tc.word)
		if cc != tc.cc || ok != tc.ok {
			t.Errorf("Demonym(%q) = %q, %v; want %q, %v", tc.word, cc, ok, tc.cc, tc.ok)
		}
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{
		"Irpin’": "irpin", "IRPIN": "irpin", "Irpiń": "irpin", "St. Louis": "st louis", "Ivano-Frankivsk": "ivano frankivsk",
		"Київ": "київ", "  Kyiv   Oblast ": "kyiv oblast", "São Paulo": "sao paulo", "Łódź": "lodz", "": "",
	} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
	if got := string(AppendKey([]byte("kyiv"), "Oblast")); got != "kyiv oblast" {
		t.Errorf("AppendKey(kyiv, Oblast) = %q", got)
	}
}

// fixtureFile builds a gazetteer file from the miniature packages.
func fixtureFile(tb testing.TB) []byte {
	tb.Helper()
	saved := hand
	hand = ""
	defer func() { hand = saved }()
	data, err := Build(writeFixture(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func TestParseBadInput(t *testing.T) {
	// A small file keeps the test fast under -race; the format is the same.
	embedded := fixtureFile(t)
	for name, data := range map[string][]byte{
		"empty":         nil,
		"not gazetteer": []byte("hello world"),
		"header only":   embedded[:10],
		"truncated":     embedded[:len(embedded)/2],
		"corrupt":       flip(embedded, len(embedded)/3),
	} {
		_, err := Parse(name, data)
		if err == nil {
			t.Errorf("Parse(%s) = nil error", name)
			continue
		}
		if sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), name) {
			t.Errorf("Parse(%s) = %v, want EINVALID naming the input", name, err)
		}
	}
	if _, err := Parse("the embedded file cut short", gazetteerFile()[:len(gazetteerFile())/2]); err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("Parse(embedded file cut short) = %v, want it to say truncated", err)
	}
	_, err := Parse("truncated", embedded[:len(embedded)/2])
	if err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("Parse(truncated) = %v, want it to say truncated", err)
	}
}

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 0x5a
	return c
}

func TestBuildMissingPackage(t *testing.T) {
	_, err := Build(t.TempDir())
	if err == nil || sitrep.ErrorCode(err) != sitrep.ENOTFOUND || !strings.Contains(err.Error(), "npm ci") {
		t.Fatalf("Build(empty dir) = %v, want ENOTFOUND telling to run npm ci", err)
	}
}

// writeFixture writes a miniature of the four npm packages.
func writeFixture(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	files := map[string]string{
		citiesFile: "707565\tIrpin\tIrpin\tIrpen,Ірпінь\t50.52175\t30.25055\tP\tPPL\tUA\t\t13\t3208\t\t\t62456\t\t121\tEurope/Kyiv\t2022-10-27\n" +
			"703448\tKyiv\tKyiv\tKiev,Київ\t50.45466\t30.5238\tP\tPPLC\tUA\t\t12\t\t\t\t2797553\t\t187\tEurope/Kyiv\t2022-10-27\n" +
			"706483\tKharkiv\tKharkiv\tKharkov\t49.98081\t36.25272\tP\tPPLA\tUA\t\t07\t\t\t\t1433886\t\t135\tEurope/Kyiv\t2022-10-27\n" +
			"701822\tMariupol\tMariupol\tZhdanov\t47.09514\t37.54131\tP\tPPL\tUA\t\t05\t\t\t\t431859\t\t70\tEurope/Kyiv\t2022-10-27\n" +
			"709717\tDonetsk\tDonetsk\t\t48.023\t37.80224\tP\tPPLA\tUA\t\t05\t\t\t\t929063\t\t169\tEurope/Kyiv\t2022-10-27\n" +
			"708251\tHostomel\tHostomel\tGostomel\t50.56841\t30.2651\tP\tPPL\tUA\t\t13\t3209\t\t\t17534\t\t150\tEurope/Kyiv\t2022-10-27\n",
		admin1File: `[{"code":"UA.13","name":"Kyiv Oblast"},{"code":"UA.12","name":"Kyiv City"},{"code":"UA.07","name":"Kharkiv"},{"code":"UA.05","name":"Donetsk"},` +
			// Regions no town lies in: placed by the states database only
			// when its point lies within the country's towns and no town
			// bears the name.
			`{"code":"UA.21","name":"Townless"},{"code":"UA.22","name":"Faraway"},{"code":"UA.23","name":"Hostomel"}]`,
		admin2File:                    `[{"code":"UA.13.3208","name":"Bucha Raion"},{"code":"UA.13.3209","name":"District of Hostomel"}]`,
		statesDir + "/countries.json": `[]`,
		// Kyiv Oblast's point lies among its towns; Kharkiv's is misplaced
		// (in Kyiv), as some of the database's points are, and Donetsk's is
		// its namesake city's.
		statesDir + "/Ukraine-UA/states.json": `[{"name":"Kyiv Oblast","country_code":"UA","latitude":"50.55000000","longitude":"30.26000000"},` +
			`{"name":"Kharkiv","country_code":"UA","latitude":"50.45000000","longitude":"30.45000000"},{"name":"Nowhere","country_code":"UA","latitude":"","longitude":""},` +
			`{"name":"Donetsk Oblast","country_code":"UA","latitude":"48.01","longitude":"37.79"},` +
			`{"name":"Townless Oblast","country_code":"UA","latitude":"49.5","longitude":"33.5"},{"name":"Faraway","country_code":"UA","latitude":"10","longitude":"33"},` +
			`{"name":"Hostomel","country_code":"UA","latitude":"50.5","longitude":"30.3"}]`,
		countriesFile: `[{"name":{"common":"Ukraine","official":"Ukraine"},"cca2":"UA","cca3":"UKR","altSpellings":["UA","Ukrayina"],"latlng":[49,32],"demonyms":{"eng":{"f":"Ukrainian","m":"Ukrainian"}}},{"name":{"common":"Turkey","official":"Republic of Turkey"},"cca2":"TR","cca3":"TUR","altSpellings":["TR"],"latlng":[39,35],"demonyms":{"eng":{"f":"Turkish","m":"Turkish"}}},{"name":{"common":"Russia","official":"Russian Federation"},"cca2":"RU","cca3":"RUS","altSpellings":["RU"],"latlng":[60,100],"demonyms":{"eng":{"f":"Russian","m":"Russian"}}},{"name":{"common":"United States","official":"United States of America"},"cca2":"US","cca3":"USA","altSpellings":["US","USA"],"latlng":[38,-97],"demonyms":{"eng":{"f":"American","m":"American"}}}]`,
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

func TestBuildFixture(t *testing.T) {
	saved := hand
	// The real hand list names places the fixture lacks.
	hand = "alias\tKiev\t703448\ndemonym\tRussians\tRU\nfeature\triver\tUA\t-\t-\tIrpin River\n"
	defer func() { hand = saved }()
	dir := writeFixture(t)
	a, err := Build(dir)
	if err != nil {
		t.Fatalf("Build = %v", err)
	}
	b, err := Build(dir)
	if err != nil || !bytes.Equal(a, b) {
		t.Fatalf("two builds differ (err %v)", err)
	}
	g, err := Parse("fixture", a)
	if err != nil {
		t.Fatalf("Parse = %v", err)
	}
	if !hasID(g, "Irpen", 707565) || !hasID(g, "Kiev", 703448) || !hasID(g, "Gostomel", 708251) {
		t.Errorf("fixture lacks alternate names")
	}
	c := g.LookupName("Irpin River")
	if len(c) != 1 || g.Places[c[0].Place].Kind != KindRiver || g.Places[c[0].Place].HasCoord {
		t.Errorf("Irpin River = %v, want one river without a point", c)
	}
	district := false
	for _, c := range g.LookupName("Hostomel") {
		district = district || g.Places[c.Place].Kind == KindAdmin2
	}
	if !district {
		t.Errorf("District of Hostomel is not known as Hostomel")
	}
	if cc, ok := g.Demonym("Ukrainian"); cc != "UA" || !ok {
		t.Errorf("Demonym(Ukrainian) = %q, %v", cc, ok)
	}
	// Kyiv Oblast takes the states database's point, which lies among its
	// towns; Kharkiv and Donetsk keep the middle of their towns, the
	// database's point being outside them or on the namesake city.
	for name, want := range map[string][2]float64{"Kyiv Oblast": {50.55, 30.26}, "Kharkiv": {49.98081, 36.25272}, "Donetsk": {(47.09514 + 48.023) / 2, (37.54131 + 37.80224) / 2}} {
		found := false
		for _, c := range g.LookupName(name) {
			if p := g.Places[c.Place]; p.Kind == KindAdmin1 {
				found = true
				if math.Abs(p.Lat-want[0]) > 1e-4 || math.Abs(p.Lon-want[1]) > 1e-4 {
					t.Errorf("%s at %v,%v, want %v", name, p.Lat, p.Lon, want)
				}
			}
		}
		if !found {
			t.Errorf("no region %s", name)
		}
	}
	if c := g.LookupName("Townless"); len(c) != 1 || g.Places[c[0].Place].Kind != KindAdmin1 || g.Places[c[0].Place].Lat != 49.5 || g.Admin1Name(&g.Places[c[0].Place]) != "Townless" {
		t.Errorf("Townless = %v, want the region at the database's point", c)
	}
	if c := g.LookupName("Faraway"); len(c) != 0 {
		t.Errorf("Faraway = %v, want nothing (its point lies outside Ukraine's towns)", c)
	}
	for _, c := range g.LookupName("Hostomel") {
		if g.Places[c.Place].Kind == KindAdmin1 {
			t.Errorf("Hostomel is a townless region too, want only the town and the district")
		}
	}
}

func FuzzParse(f *testing.F) {
	data := fixtureFile(f)
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := Parse("fuzz", b)
		if err == nil {
			for _, p := range g.Places {
				_ = g.LookupName(p.Name)
			}
		}
	})
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"Irpin’", "St. Louis", "Київ", "Łódź", "a--b", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Errorf("Key(Key(%q)) = %q, want %q", s, Key(k), k)
		}
	})
}

// BenchmarkLoad measures loading the embedded gazetteer (target: under
// 200 ms) and reports the heap one loaded gazetteer keeps (target: under
// 150 MB) as MB-heap.
func BenchmarkLoad(b *testing.B) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	g, err := Parse("embedded", embedded)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(g)
	b.SetBytes(int64(len(embedded)))
	for b.Loop() {
		if _, err := Parse("embedded", embedded); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-heap")
}

// gazetteerFile returns the embedded file (shadowed by a fixture in some
// tests).
func gazetteerFile() []byte { return embedded }

func TestBuildBadStates(t *testing.T) {
	saved := hand
	hand = ""
	defer func() { hand = saved }()
	dir := writeFixture(t)
	bad := filepath.Join(dir, statesDir, "Ukraine-UA", "states.json")
	if err := os.WriteFile(bad, []byte(`[{"name":`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(dir)
	if err == nil || sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), "states.json") {
		t.Fatalf("Build(malformed states.json) = %v, want EINVALID naming the file", err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "@countrystatecity")); err != nil {
		t.Fatal(err)
	}
	_, err = Build(dir)
	if err == nil || sitrep.ErrorCode(err) != sitrep.ENOTFOUND || !strings.Contains(err.Error(), "@countrystatecity/countries") {
		t.Fatalf("Build(no states package) = %v, want ENOTFOUND naming @countrystatecity/countries", err)
	}
}
