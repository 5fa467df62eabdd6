package quant

import (
	"strings"

	"sitrep"
)

// Measures: what happened to what is counted.
const (
	MeasureKilled     = "killed"
	MeasureInjured    = "injured"
	MeasureCasualties = "casualties" // killed and injured together
	MeasureMissing    = "missing"
	MeasureFled       = "fled"
	MeasureDisplaced  = "displaced"
	MeasureEvacuated  = "evacuated"
	MeasureCaptured   = "captured"
	MeasureDetained   = "detained"
	MeasureDestroyed  = "destroyed"
	MeasureDamaged    = "damaged"
)

// measureWords maps a word to the measure it names, wherever it stands
// near the figure ("were killed", "killing", "fled").
var measureWords = map[string]string{}

// measureNouns are measure words that can stand where the counted noun
// does ("1,081 deaths", "3.8 million refugees"); the value is the unit they
// imply.
var measureNouns = map[string]string{
	"deaths": "people", "fatalities": "people", "dead": "people", "casualties": "people",
	"injuries": "people", "wounded": "people", "injured": "people",
	"refugees": "refugees", "evacuees": "people", "prisoners": "prisoners", "pows": "prisoners",
	"captives": "prisoners", "hostages": "hostages", "bodies": "bodies",
}

// qualifiers are the words before a figure that say how exact it is, as
// token sequences in lower case. high / low say whether the number bounds
// the figure from above or below.
type qualifier struct {
	words     []string
	qual      string
	low, high bool
}

var qualifiers []qualifier

// nonCount are the nouns after a number that make it a measurement, not a
// count: distances, durations, shares, weights.
var nonCount = map[string]bool{}

// modifiers are words that can stand between a number and what it counts
// ("1,081 innocent civilians", "two Russian tanks").
var modifiers = map[string]bool{}

// stops are words that cannot be the counted noun: when one follows the
// number, the figure has no unit of its own.
var stops = map[string]bool{}

// personUnits are the counted nouns a bare year-like number may still
// count ("2000 soldiers").
var personUnits = map[string]bool{}

// months, for telling "24 February" and "March 24" from counts when the
// times stage found nothing.
var months = map[string]bool{}

// determiners before a number word make it anaphoric ("the two sides"), not
// a figure.
var determiners = map[string]bool{}

func init() {
	add := func(m string, ws string) {
		for _, w := range strings.Fields(ws) {
			measureWords[w] = m
		}
	}
	add(MeasureKilled, `killed killing kills kill dead died die dies dying deaths death fatalities fatality
		perished slain murdered executed toll`)
	add(MeasureInjured, `injured injuring injuries injury wounded wounding hurt`)
	add(MeasureCasualties, `casualties casualty`)
	add(MeasureMissing, `missing disappeared`)
	add(MeasureFled, `fled fleeing flee flees refugees refugee`)
	add(MeasureDisplaced, `displaced displacing homeless`)
	add(MeasureEvacuated, `evacuated evacuating evacuees evacuation`)
	add(MeasureCaptured, `captured capturing prisoners prisoner pows pow captives abducted kidnapped`)
	add(MeasureDetained, `detained detaining arrested arresting`)
	add(MeasureDestroyed, `destroyed destroying`)
	add(MeasureDamaged, `damaged damaging`)

	for _, q := range []struct {
		s         string
		qual      string
		low, high bool
	}{
		{"about", sitrep.QualApprox, false, false},
		{"around", sitrep.QualApprox, false, false},
		{"approximately", sitrep.QualApprox, false, false},
		{"approx.", sitrep.QualApprox, false, false},
		{"roughly", sitrep.QualApprox, false, false},
		{"some", sitrep.QualApprox, false, false},
		{"estimated", sitrep.QualApprox, false, false},
		{"an estimated", sitrep.QualApprox, false, false},
		{"close to", sitrep.QualApprox, false, true},
		{"nearly", sitrep.QualApprox, false, true},
		{"almost", sitrep.QualApprox, false, true},
		{"just under", sitrep.QualApprox, false, true},
		{"just over", sitrep.QualApprox, true, false},
		{"at least", sitrep.QualAtLeast, true, false},
		{"no fewer than", sitrep.QualAtLeast, true, false},
		{"no less than", sitrep.QualAtLeast, true, false},
		{"a minimum of", sitrep.QualAtLeast, true, false},
		{"more than", sitrep.QualMoreThan, true, false},
		{"over", sitrep.QualMoreThan, true, false},
		{"above", sitrep.QualMoreThan, true, false},
		{"in excess of", sitrep.QualMoreThan, true, false},
		{"upwards of", sitrep.QualMoreThan, true, false},
		{"up to", sitrep.QualAtMost, false, true},
		{"at most", sitrep.QualAtMost, false, true},
		{"no more than", sitrep.QualAtMost, false, true},
		{"a maximum of", sitrep.QualAtMost, false, true},
		{"as many as", sitrep.QualAtMost, false, true},
		{"less than", sitrep.QualLessThan, false, true},
		{"fewer than", sitrep.QualLessThan, false, true},
		{"under", sitrep.QualLessThan, false, true},
		{"below", sitrep.QualLessThan, false, true},
	} {
		qualifiers = append(qualifiers, qualifier{strings.Fields(q.s), q.qual, q.low, q.high})
	}
	set := func(m map[string]bool, ws string) {
		for _, w := range strings.Fields(ws) {
			m[w] = true
		}
	}
	set(nonCount, `km kms kilometres kilometers kilometre kilometer miles mile metres meters metre meter
		cm mm ft feet inches yards hours hour minutes minute mins seconds second secs days day weeks week
		months month years year decades decade centuries century percent per % pct degrees kg kilograms
		tons tonnes ton tonne pounds lbs litres liters gallons barrels hectares acres sq square times
		o'clock am pm a.m. p.m. gmt utc mph kph km/h points kilotons mw gw kw volts euros dollars
		rubles roubles hryvnias hryvnia usd eur`)
	set(modifiers, `more other additional innocent local elderly young unarmed foreign russian ukrainian
		belarusian chechen military civilian armed armoured armored heavy light enemy pro-russian
		residential apartment large small big new old destroyed damaged abandoned wounded injured
		dead missing displaced internally ukrainian-flagged`)
	set(stops, `and or but were was is are be been being have has had will would could should may might
		can to in on at by for from with as than that which who whom whose this these those it its
		they them their he she his her we our you i a an the said say says told according after before
		since during while when where if so not no nor per each every of between into onto out
		over under about around up down off`)
	set(personUnits, `people persons civilians soldiers troops servicemen children residents refugees
		prisoners fighters men women`)
	set(months, `january february march april may june july august september october november december
		jan feb mar apr jun jul aug sep sept oct nov dec jan. feb. mar. apr. jun. jul. aug. sep. sept.
		oct. nov. dec.`)
	set(determiners, `the these those its their his her our your my both all first last`)
}
