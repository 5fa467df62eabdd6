package ner

import (
	"hash/fnv"
	"sort"
	"strings"
)

// The word lists below are written for sitrep, not copied from any corpus.
// They are features, not rules: the tagger learns from the CoNLL training
// data how much each list is worth, so a list only helps where many of its
// members also occur in that data (English and Slavic given names, titles,
// news agencies) and carries what was learnt over to members that do not
// (Volodymyr, Oleksandr, spokesperson, Telegram).

// Lexicon classes, one bit each in a token's flags.
const (
	lexTitle     = 1 << iota // president, mayor, spokesperson
	lexGiven                 // given names: John, Dmitry, Oleksandr
	lexOrgWord               // words that end organisation names: Ministry, Corp, Council
	lexOrgName               // well-known organisations, agencies and platforms
	lexLocWord               // words that end natural-place names: River, Sea, Mountains
	lexDemonym               // Ukrainian, Russian, American
	lexPlace                 // country and city names (the built-in list)
	lexTime                  // months and weekdays, which are capitalised but not names
	lexForce                 // forces, troops, army: nouns that make a group of a demonym
	lexPersonPre             // Mr, Mrs, Dr, Gen, Sen: abbreviations before a surname
	lexFunc                  // function words that are capitalised only at sentence start
	// lexGazPlace marks a capitalised word that the gazetteer names as a
	// place. It is a bit of its own, not lexPlace: the gazetteer's tens of
	// thousands of towns include words such as "Of", "Police" and "Split",
	// and sharing a bit would blur the hand-written list's cleaner signal
	// (on the CoNLL development set sharing it cost 1.2 F1).
	lexGazPlace
)

const titleWords = `president vice-president prime premier minister ministers chancellor
	secretary spokesman spokeswoman spokesperson spokesmen mayor governor deputy chairman chairwoman chair
	chief head leader commander general colonel lieutenant major captain sergeant admiral
	ambassador envoy diplomat director manager coach striker captain midfielder goalkeeper
	king queen prince princess emperor pope cardinal bishop archbishop rabbi imam sheikh
	senator congressman congresswoman representative lawmaker mp judge prosecutor attorney
	advisor adviser aide official officer analyst economist editor correspondent reporter
	founder ceo cfo executive treasurer dean professor dr doctor inspector commissioner
	ombudsman ombudswoman lord lady sir dame general-secretary secretary-general
	presidential ministerial foreign defence defense interior finance economy justice health
	opposition rebel militia separatist leader-in-chief patriarch metropolitan speaker
	counsel negotiator mediator monitor observer coordinator commissioner high
	head-of-state chief-of-staff army-chief governor-general deputy-mayor acting interim former`

const givenNames = `john james robert michael william david richard joseph thomas charles christopher
	daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george edward
	ronald timothy jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
	brandon benjamin samuel frank gregory raymond alexander patrick jack dennis jerry tyler aaron
	henry douglas peter adam nathan zachary walter kyle harold carl arthur gerald roger keith
	jeremy lawrence terry sean albert joe christian austin willie jesse ethan billy bruce bryan
	ralph roy jordan eugene wayne louis alan juan harry fred howard ian martin tony bill bob jim
	tom mike steve dave chris nick rick ron ken jeff greg andy phil alex max sam ben dan tim
	mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa margaret
	betty sandra ashley dorothy kimberly emily donna michelle carol amanda melissa deborah
	stephanie rebecca laura sharon cynthia kathleen amy shirley angela helen anna brenda pamela
	nicole ruth katherine samantha christine emma catherine debra virginia rachel carolyn janet
	maria heather diane julie joyce victoria kelly christina joan evelyn lauren judith olivia
	martha cheryl megan andrea hannah jacqueline ann jean alice kathryn gloria teresa doris sara
	janice julia marie madison grace judy theresa beverly denise marilyn amber danielle rose
	brittany diana abigail natalie jane lori alexis tiffany kayla hillary madeleine condoleezza
	boris vladimir dmitry dmitri dmytro dimitri sergei sergey serhiy serhii alexei aleksei oleksiy
	oleksii alexey andrei andriy andrii andrey mikhail mykhailo yuri yuriy yury viktor victor
	nikolai mykola ivan igor ihor oleg oleh pavel pavlo petro petr pyotr yevgeny yevhen evgeny
	gennady hennadiy anatoly anatoliy valery valeriy vitaly vitali vitaliy vasily vasyl
	volodymyr oleksandr olexander aleksandr alexandr alexander denys denis dmitriy kostyantyn
	konstantin stanislav roman ruslan taras bohdan bogdan arseniy arseny yulia yuliya tetiana
	tatiana tatyana olena elena iryna irina natalia natalya oksana svetlana svitlana lyudmila
	liudmyla olga olha galina halyna marina maryna anastasia kateryna ekaterina yekaterina
	nadezhda nadiya vadim vadym kirill kyrylo maksim maksym mikheil levan nino ramzan sergiy
	valentyna valentina daria darya zoya veronika lev leonid gennadiy grigory hryhoriy
	jean pierre jacques francois michel philippe alain nicolas emmanuel marine helmut gerhard
	angela olaf wolfgang hans klaus jurgen heinz karl friedrich giuseppe giovanni silvio mario
	matteo luigi carlos jose luis manuel miguel antonio francisco pedro jorge javier fernando
	ricardo recep tayyip ahmet mehmet mustafa ali mohammed mohammad muhammad ahmed abdullah
	hassan hussein omar khalid yasser benjamin ehud ariel shimon yitzhak naftali yair
	xi li wang zhang chen liu hu wen deng jiang kim shinzo yoshihide fumio narendra imran
	nelson kofi ban antonio jens ursula charles josep emmanuel joe kamala antony lloyd jake
	jen liz rishi boris keir olaf mark volker mette sanna andrzej mateusz viktor aleksandar`

const orgWords = `ministry ministries department agency agencies council committee commission
	party union bank corp corporation inc ltd plc co company group holdings airlines airways
	university college institute institution foundation association federation organisation
	organization office bureau service services court parliament assembly senate congress
	house front movement army navy force forces guard police command authority board fund
	club united city rovers athletic wanderers academy church news times post journal press
	telegraph herald tribune gazette daily agency network broadcasting radio tv television
	media channel exchange market markets reserve trust partners securities motors industries
	energy oil petroleum gas systems technologies international worldwide alliance coalition
	brigade battalion regiment division corps centre center council cabinet government
	nations organisation secretariat mission delegation`

const orgNames = `reuters ap afp upi bloomberg interfax itar-tass tass ria novosti ria-novosti ukrinform
	unian xinhua kyodo yonhap bbc cnn nbc abc cbs fox msnbc aljazeera al-jazeera dpa ansa efe
	pap ctk mti bta hina tanjug anadolu nato un unesco unicef unhcr who imf osce opec eu
	iaea icrc wto fifa uefa ioc gazprom rosneft naftogaz sberbank kremlin pentagon telegram
	twitter facebook instagram youtube tiktok whatsapp viber google microsoft apple amazon
	meta kgb fsb gru sbu cia fbi nsa mi6 wagner azov hamas hezbollah taliban`

const locWords = `river sea ocean lake mountains mountain mount mt valley gulf bay strait straits
	peninsula island islands desert plain plains forest coast channel canal basin delta cape
	highlands lowlands region oblast province district raion krai territory street avenue square
	bridge highway road airport port harbour harbor`

const demonyms = `ukrainian ukrainians russian russians belarusian belarusians american americans
	british briton britons english french german germans italian italians spanish polish poles
	dutch belgian swiss austrian czech slovak hungarian romanian moldovan bulgarian serbian
	croatian bosnian slovenian albanian greek turkish georgian armenian azerbaijani chechen
	kazakh uzbek tajik kyrgyz turkmen lithuanian latvian estonian finnish swedish norwegian
	danish icelandic irish scottish welsh canadian mexican brazilian argentine chilean
	colombian venezuelan cuban chinese japanese korean indian pakistani afghan iranian iraqi
	syrian israeli palestinian lebanese jordanian saudi egyptian libyan tunisian algerian
	moroccan sudanese ethiopian somali kenyan nigerian african european asian arab arabic
	western eastern soviet muslim christian jewish catholic orthodox sunni shiite shia kurdish
	kurds australian zealander vietnamese thai indonesian filipino malaysian crimean tatar
	pro-russian pro-kremlin pro-ukrainian pro-western`

const forceWords = `forces force troops soldiers army armies military militaries servicemen
	fighters militants separatists rebels units marines paratroopers gunners artillery
	navy sailors pilots airmen defenders invaders occupiers police guards officials
	authorities government side delegation negotiators`

const places = `ukraine russia belarus moldova poland romania hungary slovakia georgia turkey germany
	france britain england scotland wales ireland italy spain portugal netherlands belgium
	luxembourg switzerland austria czech denmark sweden norway finland estonia latvia lithuania
	greece bulgaria serbia croatia bosnia albania kosovo macedonia montenegro slovenia cyprus
	usa us america canada mexico brazil argentina chile peru colombia venezuela cuba china japan
	korea india pakistan afghanistan iran iraq syria israel lebanon jordan egypt libya tunisia
	algeria morocco sudan ethiopia somalia kenya nigeria africa europe asia australia
	kazakhstan uzbekistan azerbaijan armenia chechnya crimea donbas donbass
	kyiv kiev kharkiv kharkov odesa odessa lviv dnipro mariupol kherson zaporizhzhia mykolaiv
	chernihiv sumy poltava vinnytsia zhytomyr donetsk luhansk lugansk bucha hostomel
	moscow minsk warsaw berlin paris london rome madrid brussels washington beijing tokyo
	ankara istanbul geneva vienna prague budapest bucharest sofia belgrade athens helsinki
	stockholm oslo copenhagen vilnius riga tallinn chisinau tbilisi yerevan baku
	jerusalem tehran baghdad damascus cairo kabul islamabad delhi seoul`

const timeWords = `january february march april may june july august september october november
	december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
	thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun`

const personPre = `mr mrs ms miss dr gen sen rep gov lt col maj capt sgt adm prof rev fr sr jr st`

const funcWords = `the a an this that these those he she it they we i you his her its their our my
	your in on at of for from by with to as after before when while but and or if so
	there here what who which where why how all some no not one two three also however
	meanwhile earlier later today yesterday tomorrow according`

// Gazetteer is a source of place names for the tagger's features, such as
// the gazetteer package's index. IsPlace is given a lower-cased word. A
// model remembers the Name of the gazetteer it was trained with, because a
// feature that never fired in training has no weight: a model trained
// without a gazetteer ignores one, and a model trained with one refuses to
// load without it.
type Gazetteer interface {
	Name() string
	IsPlace(lower string) bool
}

// lexicon is the compiled set of word lists.
type lexicon struct {
	words map[string]uint32
	gaz   Gazetteer
	// fingerprint identifies the word lists and gazetteer, so that a model
	// trained with other lists is refused instead of silently misread.
	fingerprint uint64
}

func newLexicon(gaz Gazetteer) *lexicon {
	l := &lexicon{words: map[string]uint32{}, gaz: gaz}
	h := fnv.New64a()
	for _, e := range []struct {
		bit   uint32
		words string
	}{
		{lexTitle, titleWords}, {lexGiven, givenNames}, {lexOrgWord, orgWords},
		{lexOrgName, orgNames}, {lexLocWord, locWords}, {lexDemonym, demonyms},
		{lexPlace, places}, {lexTime, timeWords}, {lexForce, forceWords},
		{lexPersonPre, personPre}, {lexFunc, funcWords},
	} {
		ws := strings.Fields(e.words)
		sort.Strings(ws)
		for _, w := range ws {
			l.words[w] |= e.bit
			h.Write([]byte(w))
			h.Write([]byte{byte(e.bit), byte(e.bit >> 8)})
		}
	}
	if gaz != nil {
		h.Write([]byte("gazetteer:" + gaz.Name()))
	}
	l.fingerprint = h.Sum64()
	return l
}

// flags returns the lexicon classes of a word, given its case flags and
// its lower-cased form.
func (l *lexicon) flags(caseF uint32, lower string) uint32 {
	// Abbreviations with their period ("Gen.", "Feb.") are left out: on the
	// CoNLL development set looking them up without it cost 0.7 F1.
	f := l.words[lower]
	// Only a capitalised word is asked about: place names are written so,
	// and "march" or "of" in lower case is no town.
	if l.gaz != nil && caseF&(fCapInit|fAllCaps) != 0 && l.gaz.IsPlace(lower) {
		f |= lexGazPlace
	}
	return f
}

// placeSides are towns and regions whose side is not in doubt, for the side
// of an official who holds office there ("the mayor of Irpin"). It is a
// hand-written stop-gap covering oblast centres and towns much reported in
// 2022; a Places that knows each place's country takes over when the
// stage has one.
var placeSides = map[string]string{}

func init() {
	for _, w := range strings.Fields(`ukraine kyiv kiev kharkiv odesa lviv dnipro mariupol kherson zaporizhzhia
		mykolaiv chernihiv sumy poltava vinnytsia zhytomyr rivne lutsk ternopil khmelnytskyi
		ivano-frankivsk uzhhorod chernivtsi cherkasy kropyvnytskyi bucha irpin hostomel borodianka
		vorzel brovary vasylkiv makariv izium bakhmut sievierodonetsk severodonetsk lysychansk
		kramatorsk sloviansk melitopol berdiansk enerhodar kremenchuk okhtyrka trostianets chuhuiv
		avdiivka vuhledar popasna rubizhne volnovakha kupiansk nova-kakhovka kyiv-oblast`) {
		placeSides[w] = "UA"
	}
	for _, w := range strings.Fields(`russia moscow st. petersburg saint-petersburg belgorod kursk bryansk
		voronezh rostov rostov-on-don krasnodar novorossiysk sevastopol`) {
		placeSides[w] = "RU"
	}
}

// placeSide returns the side of a place, asking places first and the
// built-in list after.
func placeSide(places Places, name, lower string) string {
	if places != nil {
		if cc, ok := places.CountryOf(name); ok {
			switch cc {
			case "UA", "RU":
				return cc
			}
			return ""
		}
	}
	return placeSides[lower]
}

// Places answers what the stage needs to know about a place name as
// written ("Irpin", "Kyiv Oblast") beyond what the tagger says: whether it
// is a political unit — a country, region or town, typed GPE — or another
// location such as a river or a continent, typed LOC, and which country
// (ISO 3166 alpha-2) it lies in. ok is false when the name is unknown. The
// gazetteer package's index, adapted in cmd/sitrep, is one. Without it the
// stage types a place LOC when its last word is a natural feature ("Irpin
// River", "Black Sea") and GPE otherwise, and knows the side of a few
// hundred Ukrainian and Russian towns only.
type Places interface {
	IsPolitical(name string) (political, ok bool)
	CountryOf(name string) (cc string, ok bool)
}
