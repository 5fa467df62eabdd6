package event

// The event taxonomy: ACLED's six event types and their sub-event types,
// with ACLED's names, and sitrep's own non-violent kinds that news about a
// war needs and ACLED does not code.
//
// Battles — a violent interaction between two organised armed groups.
//   - Armed clash: armed groups fight; no territory changes hands. Captures
//     of soldiers or equipment in combat are coded here.
//   - Government regains territory: the side that held the territory before
//     retakes it ("liberated", "retaken", "recaptured", "took back"). In a
//     war between states this is not about governments: Actor1 is the side
//     that retakes, Actor2 the side that had taken it, both named.
//   - Non-state actor overtakes territory: ACLED's name for a side taking
//     territory it did not hold ("captured", "seized", "took control of",
//     "occupied"). Actor1 takes it, Actor2 held it.
//
// Explosions/Remote violence — one-sided violence where the weapon keeps
// the target from answering.
//   - Shelling/artillery/missile attack: also the default when a report
//     gives damage, an explosion or a strike without the weapon.
//   - Air/drone strike: air strikes, air raids, bombing from the air, drone
//     and loitering-munition strikes.
//   - Remote explosive/landmine/IED, Grenade, Suicide bomb, Chemical weapon.
//
// Violence against civilians — armed actors deliberately harm unarmed people.
//   - Attack: killings, executions, shootings of civilians, with no
//     explosive weapon named.
//   - Abduction/forced disappearance, Sexual violence.
//
// Protests — public demonstrations whose participants are not violent.
//   - Peaceful protest; Protest with intervention (dispersed, detained);
//     Excessive force against protesters (shot, killed).
//
// Riots — Violent demonstration; Mob violence.
//
// Strategic developments — non-violent events that matter to the conflict.
//   - Agreement: ceasefires, deals, prisoner exchanges.
//   - Arrests: arrests and detentions, including of prisoners of war.
//   - Change to group/activity: military presence and movement (convoys,
//     columns, troops and equipment on the move or deployed), mobilisation,
//     an invasion ordered or launched.
//   - Disrupted weapons use: missiles and drones intercepted or shot down,
//     explosives defused, weapons caches seized.
//   - Headquarters or base established.
//   - Looting/property destruction: looting, arson, burning of property.
//   - Non-violent transfer of territory: a side withdraws, the other enters.
//   - Other.
//
// sitrep's kinds:
//   - Negotiations / Talks: talks and negotiations between the parties,
//     held, under way or planned.
//   - Displacement / Flight, Evacuation: people fleeing, refugees,
//     evacuations.
//   - Casualty report / Casualty figure, Bodies found: a count of the dead or
//     wounded given for a period or a whole place rather than for one
//     incident ("1,081 civilians were killed in Ukraine"); mass graves.
//   - Statement / Announcement: an official announcement or address when it
//     is itself the news.
const (
	TypeBattles         = "Battles"
	TypeExplosions      = "Explosions/Remote violence"
	TypeViolenceCivil   = "Violence against civilians"
	TypeProtests        = "Protests"
	TypeRiots           = "Riots"
	TypeStrategic       = "Strategic developments"
	TypeNegotiations    = "Negotiations"
	TypeDisplacement    = "Displacement"
	TypeCasualtyReport  = "Casualty report"
	TypeStatement       = "Statement"
	SubArmedClash       = "Armed clash"
	SubRegains          = "Government regains territory"
	SubOvertakes        = "Non-state actor overtakes territory"
	SubShelling         = "Shelling/artillery/missile attack"
	SubAirDrone         = "Air/drone strike"
	SubRemoteExplosive  = "Remote explosive/landmine/IED"
	SubGrenade          = "Grenade"
	SubSuicideBomb      = "Suicide bomb"
	SubChemical         = "Chemical weapon"
	SubAttack           = "Attack"
	SubAbduction        = "Abduction/forced disappearance"
	SubSexualViolence   = "Sexual violence"
	SubPeacefulProtest  = "Peaceful protest"
	SubProtestIntervene = "Protest with intervention"
	SubExcessiveForce   = "Excessive force against protesters"
	SubViolentDemo      = "Violent demonstration"
	SubMobViolence      = "Mob violence"
	SubAgreement        = "Agreement"
	SubArrests          = "Arrests"
	SubChangeActivity   = "Change to group/activity"
	SubDisruptedWeapons = "Disrupted weapons use"
	SubBase             = "Headquarters or base established"
	SubLooting          = "Looting/property destruction"
	SubTransfer         = "Non-violent transfer of territory"
	SubOther            = "Other"
	SubTalks            = "Talks"
	SubFlight           = "Flight"
	SubEvacuation       = "Evacuation"
	SubCasualtyFigure   = "Casualty figure"
	SubBodiesFound      = "Bodies found"
	SubAnnouncement     = "Announcement"
)

// Taxonomy lists every type with its sub-types, in the order above.
var Taxonomy = []struct {
	Type     string
	SubTypes []string
}{
	{TypeBattles, []string{SubArmedClash, SubRegains, SubOvertakes}},
	{TypeExplosions, []string{SubShelling, SubAirDrone, SubRemoteExplosive, SubGrenade, SubSuicideBomb, SubChemical}},
	{TypeViolenceCivil, []string{SubAttack, SubAbduction, SubSexualViolence}},
	{TypeProtests, []string{SubPeacefulProtest, SubProtestIntervene, SubExcessiveForce}},
	{TypeRiots, []string{SubViolentDemo, SubMobViolence}},
	{TypeStrategic, []string{SubAgreement, SubArrests, SubChangeActivity, SubDisruptedWeapons, SubBase, SubLooting, SubTransfer, SubOther}},
	{TypeNegotiations, []string{SubTalks}},
	{TypeDisplacement, []string{SubFlight, SubEvacuation}},
	{TypeCasualtyReport, []string{SubCasualtyFigure, SubBodiesFound}},
	{TypeStatement, []string{SubAnnouncement}},
}

// TypeOf returns the type a sub-type belongs to, or "".
func TypeOf(sub string) string {
	for _, t := range Taxonomy {
		for _, s := range t.SubTypes {
			if s == sub {
				return t.Type
			}
		}
	}
	return ""
}

// Violent reports whether events of type t are political violence: their
// deaths are their own fatalities, not a separate casualty report.
func Violent(t string) bool {
	switch t {
	case TypeBattles, TypeExplosions, TypeViolenceCivil, TypeRiots:
		return true
	}
	return false
}

// Unknown marks an event's place or date that the text does not give.
const Unknown = "unknown"
