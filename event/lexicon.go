package event

import "strings"

// Cue strengths. A sentence's events come from its strongest cues: a named
// attack outranks the damage it left, damage outranks the mere presence of
// troops, and an announcement counts only when nothing else happened.
const (
	strPresence    = 1 // troops, convoys, equipment on the move
	strDamage      = 2 // destroyed, damage, crater, burning
	strConsequence = 3 // killed, dead, bodies: the outcome of an event
	strPrimary     = 4 // the event itself: shelled, captured, talks
)

// cue is a trigger word or phrase and what it signals.
type cue struct {
	words    []string
	sub      string
	strength int
	// rule names the check the context must pass, or the resolution that
	// picks the sub-type from the context ("capture", "attack", ...).
	rule string
}

// cues are indexed by their first word, longest phrase first.
var cues = map[string][]cue{}

func addCues(sub string, strength int, rule string, phrases string) {
	for _, p := range strings.Split(phrases, ",") {
		ws := strings.Fields(strings.TrimSpace(p))
		if len(ws) == 0 {
			continue
		}
		c := cue{words: ws, sub: sub, strength: strength, rule: rule}
		list := cues[ws[0]]
		// Longest first, so "air strike" wins over "air".
		i := 0
		for i < len(list) && len(list[i].words) >= len(ws) {
			i++
		}
		list = append(list, cue{})
		copy(list[i+1:], list[i:])
		list[i] = c
		cues[ws[0]] = list
	}
}

func init() {
	// Battles.
	addCues(SubArmedClash, strPrimary, "", `clash, clashes, clashed, clashing, fighting, fought, battle, battles,
		battled, battling, firefight, skirmish, skirmishes, combat, offensive, counteroffensive, counter-offensive,
		assault, assaults, stormed, storming, ambush, ambushed, opened fire, gunfire, exchange of fire, under fire,
		fired at, fired on, shootout, gunfight, repelled, repulsed, encircled, besieged, siege, shot at,
		engaging, engaged, engage, engages,
		ground battle, street fighting, heavy fighting`)
	addCues(SubArmedClash, strPrimary, "attack", `attack, attacks, attacked, attacking, firing, shooting, fired`)
	addCues(SubArmedClash, strPrimary, "downed", `shot down, downed`)
	addCues(SubArmedClash, strPrimary, "prisoner", `taken prisoner, taken captive, captured soldiers, surrendered`)
	addCues(SubRegains, strPrimary, "", `liberated, liberation, liberate, liberating, retaken, retook, retake,
		retaking, recaptured, recapture, recapturing, regained, regain, regaining, took back, taken back, take back,
		won back, reclaimed, de-occupied, deoccupied, de-occupation, pushed out, counterattacked`)
	addCues(SubOvertakes, strPrimary, "capture", `captured, capture, capturing, seized, seize, seizing, seizure`)
	addCues(SubOvertakes, strPrimary, "", `took control, taken control, take control, taking control, took over,
		taken over, fell to, fall of, overran, overrun`)
	addCues(SubOvertakes, strPrimary, "take", `take, took, taken, taking`)
	addCues(SubOvertakes, strPrimary, "occupied", `occupied, occupy, occupying, occupation`)

	// Explosions/Remote violence.
	addCues(SubShelling, strPrimary, "", `shelling, shelled, shells, artillery, missile, missiles, rocket,
		rockets, mlrs, grad, smerch, uragan, tochka, tochka-u, iskander, kalibr, cluster munition,
		cluster munitions, mortar, mortars, bombardment, bombarded, bombarding, barrage, strike, strikes, struck,
		explosion, explosions, exploded, blast, blasts, detonation, detonated, thermobaric, tos-1, tos-1a,
		firing position, firing positions, missile strike, rocket attack, impact, impacts, munition, munitions,
		shell, hurricane, precision strike, hit by, interception of shelling, incendiary, incendiaries,
		submunition, submunitions, warhead, warheads, fragments, fragmentation, shrapnel, unexploded, ordnance,
		targeted, targeting, shellfire, bombardments, rocketed, shelled`)
	addCues(SubAirDrone, strPrimary, "", `air strike, air strikes, airstrike, airstrikes, air raid, air raids,
		air attack, bombing, bombed, bombs, bomb, aerial bomb, drone strike, drone strikes, drone attack,
		drone attacks, drone dropped, drone drops, drone dropping, kamikaze drone, kamikaze drones,
		loitering munition, loitering munitions, bayraktar, switchblade, warmate, lancet, shahed, airstrike on`)
	addCues(SubRemoteExplosive, strPrimary, "", `mine, mines, landmine, landmines, land mine, ied, ieds,
		improvised explosive, booby trap, booby-trapped, tripwire, anti-tank mine, car bomb`)
	addCues(SubGrenade, strPrimary, "", `grenade, grenades`)
	addCues(SubSuicideBomb, strPrimary, "", `suicide bomber, suicide bombing, suicide attack`)
	addCues(SubChemical, strPrimary, "", `chemical weapon, chemical weapons, chemical attack, phosphorus, poison gas`)
	addCues(SubShelling, strDamage, "", `damage, damaged, destroyed, destruction, destroying, crater, craters,
		ruins, ruined, burning, burned, burnt, on fire, aftermath, debris, collapsed, wreckage, hit, hits,
		devastation, devastated, rubble, demolished, wrecked, fire, fires, blaze, smoke, destroy, destroys,
		bullet holes, burnt-out, burned-out, charred, shattered`)

	// Violence against civilians.
	addCues(SubAttack, strPrimary, "", `executed, execution, executions, massacre, massacred, murdered, murder,
		tortured, torture, shot dead, mistreated, beaten, beating`)
	addCues(SubAbduction, strPrimary, "", `abducted, abduction, abductions, kidnapped, kidnapping, deported,
		deportation, forcibly deported, forcibly transferred, disappeared, taken hostage, hostages, filtration`)
	addCues(SubSexualViolence, strPrimary, "", `raped, rape, rapes, sexual violence, sexual assault`)
	addCues(SubAttack, strConsequence, "killed", `killed, killing, dead, died, deaths, death, casualty,
		casualties, fatalities, injured, wounded, injuries, body, corpse, corpses, slain, victims, deceased,
		shot, decapitated, dying`)
	addCues(SubBodiesFound, strConsequence, "", `bodies, mass grave, mass graves, mass burial, graves, grave,
		burial, buried, exhumed, exhumation, death toll, graveyard`)

	// Protests and riots.
	addCues(SubPeacefulProtest, strPrimary, "protest", `protest, protests, protesters, protestors, protested,
		protesting, rally, rallies, demonstration, demonstrations, demonstrators, took to the streets, picket`)
	addCues(SubViolentDemo, strPrimary, "", `riot, riots, rioters, rioting`)
	addCues(SubMobViolence, strPrimary, "", `mob, lynched, lynching`)

	// Strategic developments.
	addCues(SubAgreement, strPrimary, "", `ceasefire, cease-fire, truce, armistice, prisoner exchange, prisoner
		swap, exchange of prisoners, swap of prisoners, peace deal, signed an agreement, signed a deal,
		reached an agreement, agreed on, agreed to`)
	addCues(SubArrests, strPrimary, "", `arrested, arrest, arrests, arresting, detained, detain, detention,
		detaining, detainees, taken into custody, interrogating, interrogated, interrogation, pows, prisoners of war`)
	addCues(SubChangeActivity, strPrimary, "", `invasion, invaded, invade, invading, mobilization, mobilisation,
		mobilised, mobilized, conscription, conscripts, called up, martial law`)
	addCues(SubDisruptedWeapons, strPrimary, "", `intercepted, interception, intercepting,
		defused, demined, demining, air defence, air defense, weapons cache, weapons caches`)
	addCues(SubBase, strPrimary, "", `established a base, set up a base, set up headquarters, established headquarters`)
	addCues(SubLooting, strPrimary, "", `looted, looting, looters, plundered, plundering, pillaged, arson,
		set fire, set on fire, set alight, vandalised, vandalized, stolen, stealing, stole`)
	addCues(SubTransfer, strPrimary, "", `withdrew, withdrawn, withdrawal, withdrawing, retreated, retreat,
		retreating, pulled out, pulled back, handed over`)
	addCues(SubChangeActivity, strPresence, "", `convoy, convoys, column, columns, moving, on the move, move,
		moves, movement, movements, transported, transporting, transport, transit, train, trains, spotted,
		sighted, deployed, deployment, deploying, stationed, parked, gathering, arriving, arrived, entering,
		entered, heading, crossing, massing, build-up, buildup, amassed, amassing, patrol, patrolling, checkpoint,
		checkpoints, positions, position, equipment, weaponry, vehicles, vehicle, tanks, tank, troops, soldiers,
		military presence, camp, presence, fortifications, trenches, seen, filmed, marked, markings, z markings,
		echelon, armour, armor, personnel, forces, units, howitzer, howitzers, buk, s-300, s-400, pantsir`)

	// sitrep's kinds.
	addCues(SubTalks, strPrimary, "", `talks, negotiations, negotiation, negotiators, negotiating, negotiated,
		peace talks, peace process, delegation, delegations, summit`)
	addCues(SubFlight, strPrimary, "", `fled, flee, fleeing, flees, refugees, refugee, displaced, displacement,
		exodus`)
	addCues(SubEvacuation, strPrimary, "", `evacuated, evacuation, evacuations, evacuate, evacuating, evacuees,
		humanitarian corridor, humanitarian corridors`)
	addCues(SubAnnouncement, 0, "", `announced, announcement, statement, declared, video address,
		televised address, address to the nation, nightly address`)

	for _, w := range strings.Fields(`footage video videos image images imagery photo photos photograph
		photographs picture pictures satellite camera drone-footage clip clips screenshot`) {
		media[w] = true
	}
	for _, w := range strings.Fields(`civilian civilians residents resident people children child women
		family families ambulance ambulances hospital hospitals school schools kindergarten homes home house
		houses apartment apartments humanitarian shelter shelters volunteers journalist journalists
		pensioner pensioners passengers shop market church mosque theatre theater station`) {
		civilianWords[w] = true
	}
	for _, w := range strings.Fields(`building buildings residential house houses home homes apartment
		apartments infrastructure refinery plant factory depot warehouse bridge school hospital
		kindergarten church station store shop mall market university office offices tower block
		blocks power substation`) {
		buildingWords[w] = true
	}
	for _, w := range strings.Fields(`helicopter helicopters plane planes jet jets aircraft fighter
		su-25 su-34 su-35 mi-8 mi-24 ka-52 il-76 an-26 bomber`) {
		aircraftWords[w] = true
	}
	for _, w := range strings.Fields(`soldier soldiers troops servicemen serviceman pow pows prisoners crew
		crews pilot pilots commander commanders officer officers fighters paratroopers marines personnel
		troop infantry mercenaries militants conscripts`) {
		personnelWords[w] = true
	}
	for _, w := range strings.Fields(`tank tanks vehicle vehicles equipment bmp bmps btr btrs apc apcs
		weapons weapon artillery howitzer howitzers drone drones ammunition ammo truck trucks helicopter
		helicopters jet jets aircraft plane planes t-72 t-80 t-90 t-64 launcher launchers system systems
		documents trophies weaponry logistics logistical supplies missile-system sam mlrs convoy column
		buk mi-8 mi-24 mi-28 ka-52 su-25 su-34 su-35 bmd bmd-4m`) {
		equipmentWords[w] = true
	}
}

// media words show that the date in a sentence is that of the record of the
// event ("footage captured on March 24"), and that a "capture" is a
// camera's.
var media = map[string]bool{}

// civilianWords, personnelWords and equipmentWords say who or what an event
// is done to.
var civilianWords = map[string]bool{}
var buildingWords = map[string]bool{}
var aircraftWords = map[string]bool{}
var personnelWords = map[string]bool{}
var equipmentWords = map[string]bool{}

// Sides of the war sitrep reads most. Entities from the ner stage carry
// their own side; these words name one when ner did not run or said
// nothing.
const (
	SideRU = "RU"
	SideUA = "UA"
	SideBY = "BY"
)

// sideWords name a side.
var sideWords = map[string]string{
	"russian": SideRU, "russia": SideRU, "russians": SideRU, "kremlin": SideRU, "putin": SideRU,
	"dpr": SideRU, "dnr": SideRU, "lpr": SideRU, "lnr": SideRU, "chechen": SideRU, "kadyrov": SideRU,
	"kadyrovites": SideRU, "wagner": SideRU, "separatist": SideRU, "separatists": SideRU, "pro-russian": SideRU,
	"occupiers": SideRU, "invaders": SideRU, "rosgvardia": SideRU, "russia-backed": SideRU,
	"ukrainian": SideUA, "ukraine": SideUA, "ukrainians": SideUA, "zelenskyy": SideUA, "zelensky": SideUA,
	"azov": SideUA, "afu": SideUA, "zsu": SideUA, "kyiv's": SideUA,
	"belarusian": SideBY, "belarus": SideBY, "belarussian": SideBY, "belerusian": SideBY,
}

// forceNames name a side's forces when the text names the side but not the
// force ("Russian shelling").
var forceNames = map[string]string{SideRU: "Russian forces", SideUA: "Ukrainian forces", SideBY: "Belarusian forces"}

// opposite is the other side of the war, for the side that held a territory
// before it changed hands.
var opposite = map[string]string{SideRU: SideUA, SideUA: SideRU}

// forceNouns extend a side word into an actor ("Ukrainian forces").
var forceNouns = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`forces force troops army military soldiers servicemen units unit brigade
		brigades battalion battalions artillery aviation navy fighters paratroopers marines militants defenders
		army's military's troop guard government officials authorities delegation side`) {
		forceNouns[w] = true
	}
}

// Status words.
var (
	futureWords  = setOf(`will 'll shall scheduled planned planning plans plan expected expects upcoming coming next future prepare preparing intends intend due`)
	ongoingWords = setOf(`trying tried attempting attempt attempts attempted seeking continue continues continuing ongoing still unable failed struggling struggle`)
	negWords     = setOf(`not n't never denied deny denies denying refuted rejected no`)
	hedgeWords   = setOf(`reportedly allegedly alleged alledged supposedly purportedly claimed claims unconfirmed suspected apparently presumably`)
	sayWords     = setOf(`said says say told stated according`)
	nearWords    = setOf(`near outskirts outside around nearby close vicinity north south east west northeast northwest southeast southwest nw ne sw se km kilometres kilometers miles`)
	placePreps   = setOf(`in at near over into on outside around from of across towards toward through`)
)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
