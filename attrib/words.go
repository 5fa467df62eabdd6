package attrib

import "strings"

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// leftStop ends a source read leftwards from its cue: clause boundaries
// and words that begin a clause or a complement.
var leftStop = set(`that which who whom whose but because when while as if after before since although
	though so where whether than then however meanwhile yet nor also said says told according
	while whereas unless until once instead thus therefore hence`)

// relativeSources are the relative pronouns PolNeAR marks as a source
// ("Stumpf, who said").
var relativeSources = set(`who which`)

// cueModifiers join a cue they stand before, besides the auxiliaries
// (PolNeAR train: "just" starts the cue in 34 of 35 cases, "now" 35 of 40,
// "even" 23 of 32, "only" 10 of 12).
var cueModifiers = set(`just now even only`)

// cuePreps are the prepositions PolNeAR's annotators mostly take into a
// cue that they follow (PolNeAR train: "of" 525 in, 96 out; "about" 545 in,
// 49 out; "for" 480 in, 81 out; "with" 126 in, 45 out).
var cuePreps = set(`of about for with`)

// plainSay are the verbs of saying whose following preposition starts a
// tail, not the cue ("said of the plan", "told about").
var plainSay = set(`said say says saying told tell tells`)

// rightStop ends a source read rightwards from its cue ("said Smith in a
// statement").
var rightStop = set(`in on at during after before to while when that who which whose as because
	according with from for adding saying noting citing last this next earlier later today yesterday
	tonight monday tuesday wednesday thursday friday saturday sunday`)

// pronouns that stand for a speaker named earlier.
var pronouns = set(`he she they it we i you him her them`)

// personPronouns need a person (he, she); the others take any speaker.
var personPronouns = set(`he she him her`)

// titleWords are titles and functions that make a source a role ("the
// mayor") and that precede a name ("President Volodymyr Zelenskyy").
var titleWords = set(`president vice prime minister secretary senator sen. gov. governor rep.
	representative mayor general gen. chancellor spokesman spokeswoman spokesperson king queen pope prince
	dr. mr. mrs. ms. director chairman chairwoman chair commander ambassador judge justice speaker leader
	chief prosecutor secretary-general foreign defense defence deputy head lt. col. sgt. maj. capt.
	adviser advisor aide official officer minister's colonel lieutenant captain major sergeant admiral
	premier senior envoy negotiator analyst expert professor candidate nominee attorney`)

// mediumNouns make a prepositional phrase a medium ("in a video post").
var mediumNouns = set(`statement interview post video address tweet tweets speech briefing message
	email e-mail letter broadcast conference appearance report release remarks comments podcast
	op-ed column blog book memo filing call telephone phone radio television tv telegram twitter
	facebook instagram youtube tiktok vkontakte channel website posting footage`)

// platforms follow "on" as a medium ("on Telegram").
var platforms = set(`twitter telegram facebook instagram youtube tiktok vkontakte x television tv radio
	truth social linkedin reddit weibo website`)

// addresseeCues take the addressee as their object ("told TASS").
var addresseeCues = set(`told tell tells telling assured assure assures warned warn warns informed
	inform informs asked ask asks reminded remind reminds urged urge urges`)

// denyCues, refuseCues and expectCues set a claim's polarity.
var denyCues = set(`denied deny denies denying rejected reject rejects rejecting dismissed dismiss dismisses
	refuted refute refutes disputed dispute disputes contradicted`)
var refuseCues = set(`refused refuse refuses refusing declined decline declines declining`)
var expectCues = set(`expected expects expect predicted predict predicts forecast forecasts anticipated
	anticipates plans plan planned vowed vow vows pledged pledge pledges promised promise promises`)

// refusedObjects follow "refused to"/"declined to" in a refusal to speak.
var refusedObjects = set(`disclose comment say reveal discuss confirm specify elaborate provide give name
	identify detail answer respond share release divulge`)

// negations turn a cue's polarity.
var negations = set(`not n't never no`)

// hedgeWords are the outlet's own hedges inside a sentence.
var hedgeWords = set(`reportedly allegedly purportedly supposedly unverified unconfirmed purported alleged
	ostensibly`)

// verifyWords are what an outlet says it could not do.
var verifyWords = set(`verify verified confirm confirmed corroborate corroborated authenticate
	authenticated substantiate substantiated`)

// eventVerbs mark an outlet sentence as asserting something checkable.
var eventVerbs = set(`killed wounded injured captured retaken retook recaptured liberated shelled struck
	attacked invaded ordered fled destroyed seized launched bombed fired occupied withdrew withdrawn
	advanced surrounded hit damaged evacuated arrested detained executed died`)

// medium prepositions introduce a medium phrase.
var mediumPreps = set(`in on via during through`)

// auxiliaries may stand between a source and its cue outside the cue.
var auxiliaries = set(`has have had is was were are be been will would could should may might can must shall also
	later previously repeatedly then recently already often once again first last earlier still
	reportedly allegedly publicly privately initially quickly never not n't did does do ’s 's ’re 're ’ve 've`)

// timeWords are the heads of time expressions that may stand between a
// subject and its cue.
var timeWords = set(`today yesterday tonight week month year weekend morning afternoon evening night
	monday tuesday wednesday thursday friday saturday sunday then`)

// feelings are participles that, after "be", say what the subject feels or
// holds rather than what was done to it: "Protesters were frustrated that
// …" has the subject as its source (PolNeAR train: convinced 5 of 5,
// worried 4 of 4, shocked 4 of 4, outraged and concerned 3 of 3,
// determined 2 of 2), unlike "is expected to" (0 of 80).
var feelings = set(`convinced worried shocked outraged concerned determined frustrated incensed
	disappointed pleased delighted alarmed surprised upset troubled disturbed dismayed
	encouraged persuaded satisfied committed opposed prepared inclined confused annoyed
	terrified horrified amazed stunned relieved thrilled`)

// verbFirst are the verbs of saying that open a sentence before their
// source ("Said Ellis: “…”", "Added the senator, “…”").
var verbFirst = set(`said says added adds asked asks explained noted wrote writes continued replied`)

// pageLabels open a paragraph with a colon like a speaker's turn but name a
// part of the page ("Correction: An earlier version …", AP's "The Latest:
// …").
var pageLabels = map[string]bool{"correction": true, "corrections": true, "clarification": true, "source": true,
	"sources": true, "update": true, "updated": true, "note": true, "editor's note": true, "the latest": true,
	"related": true, "photo": true, "video": true, "watch": true, "read more": true, "credit": true,
	"disclosure": true, "advertisement": true, "see also": true}

// subordinators open a clause of their own: a cue after one ("…, though
// she noted", "…, which he said were") ends the content of the cue before
// it, as PolNeAR gives each token to one attribution.
var subordinators = set(`though although because when after whereas since which who whom`)
