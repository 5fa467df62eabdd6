package geo

import (
	"math"
	"sort"
	"strconv"
	"unicode"

	"sitrep"
	"sitrep/gazetteer"
)

// Resolved is a mention with the place it was resolved to.
type Resolved struct {
	Mention
	// Place is the index of the chosen gazetteer place, -1 if none.
	Place int
	// Relation is "near" or "outskirts" when the text says so.
	Relation string
	// Side is set when the mention names a country as an actor
	// ("Russia's military actions"), not as a location.
	Side bool
	// Evidence is the context the choice rested on.
	Evidence []sitrep.Span
	// listRegions is the country whose first-level regions the
	// enumeration holding this mention lists ("Alaska, Alabama, Arizona,
	// ..."), "" when it stands in none.
	listRegions string
}

// context is what the document says about where it is.
type docContext struct {
	country map[string]float64 // weight of each country
	// own is what each resolved place added to country, so that a name
	// does not vote for its own reading ("Georgia" for the country).
	own       map[int]float64
	ownAdmin1 map[int]float64    // the same for admin1
	admin1    map[string]float64 // "UA.13"
	points    []point            // places resolved with confidence
	focus     string             // the country the report is about
}

type point struct {
	lat, lon float64
	place    int
}

// Resolve chooses a place for every mention using the document: the
// countries and regions it names, the places already resolved near each
// other, a region named right after a town ("Irpin, Kyiv Oblast"), and the
// population only as the last prior.
func Resolve(g *gazetteer.Gazetteer, d *sitrep.Doc, ms []Mention) []Resolved {
	rs := make([]Resolved, len(ms))
	for i := range ms {
		rs[i] = Resolved{Mention: ms[i], Place: -1}
	}
	dem := demonyms(g, d)
	coh := newCoherence(g, d, rs)
	regionLists(g, d, rs)
	// Pass 1 without document context, passes 2 and 3 with what the
	// pass before found. Mentions of one name outside a "X, Y" pair get
	// one answer per pass.
	var ctx *docContext
	// Pass 0 chooses without context. Later passes update one name at a
	// time and rebuild the context at once (Gauss-Seidel), which settles
	// where updating all names together would swing two namesakes back and
	// forth ("Walker County" and "Huntsville" in Alabama, then in Texas).
	for pass := 0; pass < maxPasses; pass++ {
		if pass > 0 {
			ctx = buildContext(g, rs, dem)
		}
		memo := map[string]int{}
		changed, dirty := false, false
		next := make([]int, len(rs))
		for i := range rs {
			k := ""
			v, ok := 0, false
			if !pairs(d, rs, i) {
				k = rs[i].key(d)
				v, ok = memo[k]
			}
			if !ok {
				if dirty {
					ctx = buildContext(g, rs, dem)
					dirty = false
				}
				v, _ = choose(g, d, rs, i, ctx, coh)
				if k != "" {
					memo[k] = v
				}
			}
			next[i] = v
			if pass > 0 && v != rs[i].Place {
				rs[i].Place = v
				changed, dirty = true, true
			}
		}
		if pass == 0 {
			for i := range rs {
				rs[i].Place = next[i]
			}
		} else if !changed {
			break
		}
	}
	ctx = buildContext(g, rs, dem)
	for i := range rs {
		if rs[i].Capital {
			cc := rs[i].CapitalOf
			if cc == "" {
				cc = ctx.focus
			}
			if c, ok := g.Capital(cc); ok {
				rs[i].Place = c
			}
		}
		relation(g, d, &rs[i])
	}
	return rs
}

// key returns what mentions of one name share: the name's key and how the
// text takes it (a river, a demonym).
func (r *Resolved) key(d *sitrep.Doc) string {
	k := gazetteer.Key(d.Slice(r.Start, r.End))
	if r.Natural != "" || r.Demonym || r.Capital {
		k += "\x00" + r.Natural + strconv.FormatBool(r.Demonym) + strconv.FormatBool(r.Capital)
	}
	return k
}

// pairs reports whether mention i stands in an "X, Y" pair, whose answer
// depends on its neighbour.
func pairs(d *sitrep.Doc, rs []Resolved, i int) bool {
	return i+1 < len(rs) && commaBetween(d, rs[i].Tok1, rs[i+1].Tok0) || i > 0 && commaBetween(d, rs[i-1].Tok1, rs[i].Tok0)
}

// demonyms counts the demonyms of the text by country ("Ukrainian
// forces" speaks for Ukraine).
//
// A demonym that names a side in a fight says who, not where: "Russian
// troops", "Russian vehicle movement in Donetsk" are in Ukraine as often as
// not. Such demonyms (before a force or its hardware, or inside a group
// the ner stage found: "Russian military") do not count.
func demonyms(g *gazetteer.Gazetteer, d *sitrep.Doc) map[string]float64 {
	out := map[string]float64{}
	var group []bool
	for _, e := range d.Entities {
		if e.Type != sitrep.NORP {
			continue
		}
		for _, sp := range e.Mentions {
			i, j := d.TokenAt(sp.Start), d.TokenAt(sp.End)
			if j-i < 2 {
				continue
			}
			if group == nil {
				group = make([]bool, len(d.Tokens))
			}
			for k := i; k < j && k < len(group); k++ {
				group[k] = true
			}
		}
	}
	for i := range d.Tokens {
		if d.Tokens[i].Kind != sitrep.TokWord || !isCap(d.TokenText(i)) {
			continue
		}
		if cc, ok := g.Demonym(d.TokenText(i)); ok {
			if group != nil && group[i] {
				continue
			}
			if i+1 < len(d.Tokens) {
				// "Russian DNR truck", "Russian T-72", "Russian BMP": a force's
				// or a weapon's code after it
				nw := d.TokenText(i + 1)
				if nk := gazetteer.Key(nw); actorNouns[nk] || forceNouns[nk] || isAllCaps(nw) || isCode(nw) {
					continue
				}
			}
			out[cc]++
		}
	}
	return out
}

// forceNouns after a demonym make it a side: its forces and hardware.
var forceNouns = set("troops", "forces", "force", "army", "military", "soldiers", "servicemen", "marines",
	"paratroopers", "units", "unit", "vehicle", "vehicles", "tank", "tanks", "equipment", "convoy", "column",
	"artillery", "helicopter", "helicopters", "aircraft", "jet", "jets", "missile", "missiles", "drone", "drones",
	"positions", "position", "strike", "strikes", "shelling", "warship", "warships", "ship", "ships", "armor",
	"armour", "hardware", "personnel", "fighters", "occupiers", "occupation", "invaders", "attack", "attacks")

func buildContext(g *gazetteer.Gazetteer, rs []Resolved, dem map[string]float64) *docContext {
	ctx := &docContext{country: map[string]float64{}, admin1: map[string]float64{}, own: map[int]float64{}, ownAdmin1: map[int]float64{}}
	seen := map[int]bool{}
	for _, r := range rs {
		if r.Place < 0 {
			continue
		}
		p := &g.Places[r.Place]
		w := 1.0
		switch p.Kind {
		case gazetteer.KindCountry:
			w = 2
		case gazetteer.KindAdmin1:
			ctx.admin1[p.Country+"."+p.Admin1] += 1
			ctx.ownAdmin1[r.Place] += 1
			w = 1.5
		case gazetteer.KindCity, gazetteer.KindAdmin2:
			ctx.admin1[p.Country+"."+p.Admin1] += 0.5
			ctx.ownAdmin1[r.Place] += 0.5
		}
		if p.Country != "" {
			ctx.country[p.Country] += w
			ctx.own[r.Place] += w
		}
		if p.HasCoord && p.Kind != gazetteer.KindCountry && p.Kind != gazetteer.KindContinent {
			if !seen[r.Place] {
				seen[r.Place] = true
				ctx.points = append(ctx.points, point{p.Lat, p.Lon, r.Place})
			}
		}
	}
	for cc, n := range dem {
		ctx.country[cc] += 0.5 * n
	}
	best := 0.0
	keys := make([]string, 0, len(ctx.country))
	for k := range ctx.country {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if ctx.country[k] > best {
			best, ctx.focus = ctx.country[k], k
		}
	}
	return ctx
}

// supranational tells a continent, sea or region that lies in no one
// country.
func supranational(p *gazetteer.Place) bool {
	switch p.Kind {
	case gazetteer.KindContinent, gazetteer.KindRegion, gazetteer.KindWater:
		return p.Country == ""
	}
	return false
}

// maxPasses bounds the resolution passes.
const maxPasses = 4

// choose scores the candidates of mention i and returns the best.
func choose(g *gazetteer.Gazetteer, d *sitrep.Doc, rs []Resolved, i int, ctx *docContext, coh *coherence) (int, float64) {
	m := &rs[i]
	if len(m.Cands) == 0 {
		return -1, 0
	}
	// The mention right after "X, " or the one this one follows.
	var next, prev *Resolved
	if i+1 < len(rs) && commaBetween(d, m.Tok1, rs[i+1].Tok0) {
		next = &rs[i+1]
	}
	if i > 0 && commaBetween(d, rs[i-1].Tok1, m.Tok0) {
		prev = &rs[i-1]
	}
	total := 0.0
	for _, v := range ctx.countryValues() {
		total += v
	}
	// A name that is a country's or a region's own is that region rather
	// than a small namesake town ("California", "Ontario").
	regional := false
	seatOf := ""    // "UA.07": a first-level region of this name, whose seat may share it
	ownRegion := "" // the country of a first-level region of exactly this name
	for ci, c := range m.Cands {
		if ci >= 64 {
			break
		}
		pl := &g.Places[c.Place]
		if c.Source <= gazetteer.SourceAlias && (pl.Kind == gazetteer.KindCountry || pl.Kind == gazetteer.KindAdmin1) {
			regional = true
			if pl.Kind == gazetteer.KindAdmin1 && c.Source == gazetteer.SourceName && ownRegion == "" {
				ownRegion = pl.Country
			}
			if pl.Kind == gazetteer.KindAdmin1 && seatOf == "" {
				seatOf = pl.Country + "." + pl.Admin1
			}
		}
	}
	namePop := 0         // the largest place whose own name (or alias) this is
	countryName := false // the name is a country's own name (or alias)
	for ci, c := range m.Cands {
		if ci >= 64 || c.Source > gazetteer.SourceAlias {
			continue
		}
		p := &g.Places[c.Place]
		if p.Population > namePop {
			namePop = p.Population
		}
		countryName = countryName || p.Kind == gazetteer.KindCountry
	}
	best, bestScore := -1, math.Inf(-1)
	for ci, c := range m.Cands {
		if ci >= 64 {
			break // the list is ordered; the tail is tiny namesakes
		}
		p := &g.Places[c.Place]
		s := 0.8 * math.Log10(float64(p.Population)+10)
		switch c.Source {
		case gazetteer.SourceAlias:
			s += 2
		case gazetteer.SourceAlternate:
			s -= 1.5
			// A town that bears the name only as a variant spelling loses
			// to a larger place whose own name it is: "Pittsburgh" is
			// Pittsburgh, not Pittsburg, California, however Californian
			// the report.
			if p.Kind == gazetteer.KindCity && p.Population < namePop {
				s -= 5
			}
			// A region that bears the name only without its region word
			// loses to the country whose own name it is: "Niger" is the
			// country, not Niger State, however Nigerian the report.
			if countryName && (p.Kind == gazetteer.KindAdmin1 || p.Kind == gazetteer.KindAdmin2) {
				s -= 5
			}
		}
		switch p.Kind {
		case gazetteer.KindCountry:
			s += 2
		case gazetteer.KindContinent:
			s += 4
		case gazetteer.KindAdmin1:
			s += 0.5
			if regionAfter(d, m) {
				s += 6
			}
			if m.listRegions == p.Country && c.Source <= gazetteer.SourceName {
				s += 6
			}
		case gazetteer.KindAdmin2:
			s -= 0.5
			if regionAfter(d, m) {
				s += 4
			}
		case gazetteer.KindRegion, gazetteer.KindWater:
			s += 3
		case gazetteer.KindRiver:
			if m.Natural != "river" {
				s -= 20
			}
		}
		if p.Feature == "PPLC" {
			s += 1
		}
		if regional && (p.Kind == gazetteer.KindCity && p.Population < 100000 || p.Kind == gazetteer.KindAdmin2 && c.Source == gazetteer.SourceAlternate) {
			s -= 3
		}
		// "Kharkiv" alone is the city, the seat of the region of that name.
		if p.Kind == gazetteer.KindCity && p.Feature == "PPLA" && p.Country+"."+p.Admin1 == seatOf && !regionAfter(d, m) {
			s += 1.5
		}
		// "New York" is the state; "Kharkiv", the region's seat, the city.
		if p.Kind == gazetteer.KindCity && p.Country == ownRegion && p.Population >= 100000 && p.Feature == "" {
			s -= 3
		}
		if ci < coherenceCands {
			s += 1.0 * float64(coh.near(p, coh.name[i]))
		}
		// "X, Y": Y holds X.
		if next != nil && next.Place >= 0 {
			q := &g.Places[next.Place]
			if q.Country == p.Country && (q.Kind == gazetteer.KindCountry || q.Kind == gazetteer.KindAdmin1 && q.Admin1 == p.Admin1) {
				s += 6
			}
		}
		if prev != nil && prev.Place >= 0 && (p.Kind == gazetteer.KindAdmin1 || p.Kind == gazetteer.KindCountry) {
			q := &g.Places[prev.Place]
			if q.Country == p.Country && (p.Kind == gazetteer.KindCountry || q.Admin1 == p.Admin1) {
				s += 3
			}
		}
		if ctx != nil {
			// A continent, sea or region that lies in no country is in
			// every report's part of the world as much as the report's own
			// country: it gets what the leading country gets, so that a
			// small namesake town there does not win by the country alone
			// ("Pacific" in a report about the United States).
			if total > 0 && supranational(p) && c.Source <= gazetteer.SourceAlias {
				s += 8 * ctx.country[ctx.focus] / total
			}
			if total > 0 && p.Country != "" {
				w := ctx.country[p.Country]
				if self := m.Place; self >= 0 && g.Places[self].Country == p.Country {
					w -= ctx.own[self]
				}
				if w > 0 {
					s += 8 * w / total
				}
			}
			if p.Kind != gazetteer.KindAdmin1 {
				a := ctx.admin1[p.Country+"."+p.Admin1]
				if self := m.Place; self >= 0 && g.Places[self].Country == p.Country && g.Places[self].Admin1 == p.Admin1 {
					a -= ctx.ownAdmin1[self]
				}
				if a > 0 {
					s += 2
				}
			}
			if p.Kind == gazetteer.KindCountry {
				for _, q := range ctx.points {
					if q.place != c.Place && g.Places[q.place].Country == p.Country {
						s += 2.5
						break
					}
				}
			}
			if p.HasCoord && p.Kind != gazetteer.KindCountry && p.Kind != gazetteer.KindContinent {
				near := math.Inf(1)
				for _, q := range ctx.points {
					if q.place == m.Place || q.place == c.Place {
						continue
					}
					if k := km(p.Lat, p.Lon, q.lat, q.lon); k < near {
						near = k
					}
				}
				switch {
				case near < 50:
					s += 2.5
				case near < 200:
					s += 1.5
				case near < 600:
					s += 0.5
				}
			}
		}
		if s > bestScore {
			best, bestScore = c.Place, s
		}
	}
	return best, bestScore
}

func (ctx *docContext) countryValues() []float64 {
	if ctx == nil {
		return nil
	}
	out := make([]float64, 0, len(ctx.country))
	for _, v := range ctx.country {
		out = append(out, v)
	}
	return out
}

// regionAfter reports whether a region word follows the name inside the
// mention ("Donetsk region", "Kyiv Oblast").
func regionAfter(d *sitrep.Doc, m *Resolved) bool {
	if m.Tok1-m.Tok0 < 2 {
		return false
	}
	w := gazetteer.Key(d.TokenText(m.Tok1 - 1))
	return regionWords[w]
}

// listSep reports whether tokens [a, b) separate two items of an
// enumeration: ",", "and", "or", ", and", "&" or ";".
func listSep(d *sitrep.Doc, a, b int) bool {
	if b <= a || b-a > 2 || b > len(d.Tokens) {
		return false
	}
	for k := a; k < b; k++ {
		switch d.TokenText(k) {
		case ",", ";", "and", "or", "&":
		default:
			return false
		}
	}
	return b-a == 1 || d.TokenText(a) == ","
}

// regionLists marks the mentions of enumerations that list first-level
// regions of one country: in "Alaska, Alabama, Arizona, California,
// Colorado" each name is the state, not a small town named after one
// (California, Missouri), however near those towns lie to each other.
// An enumeration counts when three of its names or more are a region's
// own name in the same country.
func regionLists(g *gazetteer.Gazetteer, d *sitrep.Doc, rs []Resolved) {
	for i := 0; i < len(rs); {
		j := i + 1
		for j < len(rs) && listSep(d, rs[j-1].Tok1, rs[j].Tok0) {
			j++
		}
		if j-i >= 3 {
			count := map[string]int{}
			for k := i; k < j; k++ {
				for _, cc := range ownRegionCountries(g, rs[k].Cands) {
					count[cc]++
				}
			}
			best, n := "", 2
			for cc, c := range count {
				if c > n || c == n && best != "" && cc < best {
					best, n = cc, c
				}
			}
			if best != "" {
				for k := i; k < j; k++ {
					rs[k].listRegions = best
				}
			}
		}
		i = j
	}
}

// ownRegionCountries returns the countries in which the name is a
// first-level region's own name, each once. A region named after its seat
// does not count: "Kharkiv, Donetsk and Kherson" are the cities.
func ownRegionCountries(g *gazetteer.Gazetteer, cands []gazetteer.Candidate) []string {
	var out []string
	seats := map[string]bool{}
	for ci, c := range cands {
		if p := &g.Places[c.Place]; ci < 64 && p.Kind == gazetteer.KindCity && p.Feature == "PPLA" {
			seats[p.Country+"."+p.Admin1] = true
		}
	}
	for ci, c := range cands {
		if ci >= 64 {
			break
		}
		p := &g.Places[c.Place]
		if p.Kind != gazetteer.KindAdmin1 || c.Source > gazetteer.SourceName || seats[p.Country+"."+p.Admin1] {
			continue
		}
		dup := false
		for _, cc := range out {
			dup = dup || cc == p.Country
		}
		if !dup {
			out = append(out, p.Country)
		}
	}
	return out
}

func commaBetween(d *sitrep.Doc, a, b int) bool {
	return b == a+1 && a < len(d.Tokens) && d.TokenText(a) == ","
}

// km is the great-circle distance between two points.
func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// KM is the great-circle distance in kilometres between two points; the
// evaluation uses it.
func KM(lat1, lon1, lat2, lon2 float64) float64 { return km(lat1, lon1, lat2, lon2) }

// relation reads "near X", "outskirts of X", "outside X", "north of X" and
// marks a country used as an actor ("Russia's military").
func relation(g *gazetteer.Gazetteer, d *sitrep.Doc, r *Resolved) {
	i := r.Tok0
	k := func(j int) string {
		if j < 0 || j >= len(d.Tokens) {
			return ""
		}
		return gazetteer.Key(d.TokenText(j))
	}
	possessive := k(r.Tok1) == "s"
	switch {
	case possessive && !r.Capital:
	case k(i-1) == "near" || k(i-1) == "outside" || k(i-1) == "nearby" || k(i-2) == "close" && k(i-1) == "to":
		r.Relation = "near"
	case k(i-1) == "of" && (k(i-2) == "outskirts" || k(i-3) == "outskirts"):
		r.Relation = "outskirts"
	case k(i-1) == "of" && compass[k(i-2)]:
		r.Relation = "near"
	case k(i-1) == "from" && (k(i-2) == "km" || k(i-2) == "kilometres" || k(i-2) == "kilometers" || k(i-2) == "miles"):
		r.Relation = "near"
	}
	if r.Relation != "" {
		lo := i - 3
		if lo < 0 {
			lo = 0
		}
		for j := lo; j < i; j++ {
			if w := k(j); w == "near" || w == "outside" || w == "outskirts" || w == "close" || compass[w] || w == "km" || w == "miles" || w == "nearby" {
				r.Evidence = append(r.Evidence, d.TokenSpan(j, i))
				break
			}
		}
	}
	if r.Demonym {
		r.Side = true
	}
	if r.Place >= 0 && g.Places[r.Place].Kind == gazetteer.KindCountry && r.Tok1+1 < len(d.Tokens) && k(r.Tok1) == "s" {
		if actorNouns[k(r.Tok1+1)] || actorNouns[k(r.Tok1+2)] {
			r.Side = true
		}
	}
}

var compass = set("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west", "south-east", "south-west")

// actorNouns after "Russia's" make the country an actor.
var actorNouns = set("government", "military", "army", "forces", "troops", "president", "leader", "leadership", "defense", "defence", "ministry", "foreign", "invasion", "war", "attack", "attacks", "offensive", "aggression", "actions", "soldiers", "navy", "air", "officials", "authorities", "regime", "position", "demands", "proposal", "delegation", "envoy", "ambassador", "spokesman", "spokesperson", "security", "intelligence", "claims", "rectification", "disarmament", "sovereignty")

// Places turns resolved mentions into the record's places: one place per
// distinct resolution (or, unresolved, per distinct name), numbered p1...
// in the order of first mention.
func Places(g *gazetteer.Gazetteer, d *sitrep.Doc, rs []Resolved) []sitrep.Place {
	var out []sitrep.Place
	index := map[string]int{}
	sideOnly := map[int]bool{}
	for _, r := range rs {
		var id string
		if r.Place >= 0 {
			id = "#" + strconv.Itoa(r.Place)
		} else {
			id = r.Natural + ":" + gazetteer.Key(d.Slice(r.Start, r.End))
		}
		span := d.Span(r.Start, r.End)
		if j, ok := index[id]; ok {
			pl := &out[j]
			pl.Mentions = append(pl.Mentions, span)
			pl.Evidence = append(pl.Evidence, r.Evidence...)
			if r.Capital {
				pl.Evidence = append(pl.Evidence, span)
			}
			if pl.Relation == "" && r.Relation != "" {
				pl.Relation = r.Relation
			}
			if !r.Side {
				sideOnly[j] = false
			}
			continue
		}
		pl := sitrep.Place{ID: "p" + strconv.Itoa(len(out)+1), Name: span.Text, Mentions: []sitrep.Span{span},
			Relation: r.Relation, Evidence: r.Evidence, Precision: sitrep.PrecisionUnresolved, Kind: "unknown"}
		if r.Natural != "" {
			pl.Kind = r.Natural
		}
		if r.Capital {
			pl.Evidence = append(pl.Evidence, span)
		}
		if r.Place >= 0 {
			p := &g.Places[r.Place]
			pl.Name = p.Name
			pl.GeoNameID = p.GeoNameID
			pl.Kind = p.Kind.String()
			pl.Country = p.Country
			if p.Kind != gazetteer.KindCountry {
				pl.Admin1 = g.Admin1Name(p)
			}
			if p.HasCoord {
				pl.Lat, pl.Lon = math.Round(p.Lat*1e5)/1e5, math.Round(p.Lon*1e5)/1e5
				pl.Precision = precision(p.Kind)
			}
		}
		index[id] = len(out)
		sideOnly[len(out)] = r.Side
		out = append(out, pl)
	}
	for j := range out {
		if sideOnly[j] && out[j].Relation == "" {
			out[j].Relation = "side"
		}
	}
	return out
}

func precision(k gazetteer.Kind) string {
	switch k {
	case gazetteer.KindCity:
		return sitrep.PrecisionTown
	case gazetteer.KindCountry:
		return sitrep.PrecisionCountry
	case gazetteer.KindAdmin2:
		return sitrep.PrecisionNearTown // part of a region, after ACLED's 2
	}
	return sitrep.PrecisionRegion
}

// coherenceCands is how many of a name's candidates (the most trusted and
// populous) take part in coherence.
const coherenceCands = 12

// coherence knows, for each one-degree cell, which of the document's names
// have a candidate town or district there, so that namesakes that lie
// together win together ("Paris" and "Henry County" in Tennessee) before
// either is resolved.
type coherence struct {
	cells map[int64][]int32 // cell -> name ids
	name  []int32           // mention -> name id
}

func cell(lat, lon float64) (int64, int64) {
	return int64(math.Floor(lat)), int64(math.Floor(lon))
}

func newCoherence(g *gazetteer.Gazetteer, d *sitrep.Doc, rs []Resolved) *coherence {
	c := &coherence{cells: map[int64][]int32{}, name: make([]int32, len(rs))}
	ids := map[string]int32{}
	for i := range rs {
		k := gazetteer.Key(d.Slice(rs[i].Start, rs[i].End))
		id, ok := ids[k]
		if !ok {
			id = int32(len(ids))
			ids[k] = id
		} else {
			c.name[i] = id
			continue
		}
		c.name[i] = id
		for ci, cand := range rs[i].Cands {
			if ci >= coherenceCands {
				break
			}
			p := &g.Places[cand.Place]
			if !p.HasCoord || (p.Kind != gazetteer.KindCity && p.Kind != gazetteer.KindAdmin2) {
				continue
			}
			la, lo := cell(p.Lat, p.Lon)
			key := la<<16 ^ (lo & 0xffff)
			if l := c.cells[key]; len(l) == 0 || l[len(l)-1] != id {
				c.cells[key] = append(l, id)
			}
		}
	}
	return c
}

// near counts the other names (at most three) with a candidate in p's cell
// or the eight around it.
func (c *coherence) near(p *gazetteer.Place, self int32) int {
	if !p.HasCoord || (p.Kind != gazetteer.KindCity && p.Kind != gazetteer.KindAdmin2) {
		return 0
	}
	la, lo := cell(p.Lat, p.Lon)
	var seen [3]int32
	n := 0
	for dl := int64(-1); dl <= 1; dl++ {
		for do := int64(-1); do <= 1; do++ {
			for _, id := range c.cells[(la+dl)<<16^((lo+do)&0xffff)] {
				if id == self {
					continue
				}
				dup := false
				for _, s := range seen[:n] {
					dup = dup || s == id
				}
				if !dup {
					seen[n] = id
					n++
					if n == len(seen) {
						return n
					}
				}
			}
		}
	}
	return n
}

// isCode reports whether w is a code of letters and digits ("T-72",
// "Su-25", "BM-21").
func isCode(w string) bool {
	letter, digit := false, false
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case unicode.IsLetter(r):
			letter = true
		}
	}
	return letter && digit
}
