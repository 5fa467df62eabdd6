package geo

// Word lists the recognizer uses. Keys are lower case, as gazetteer.Key
// makes them.

// connectors may stand inside a multi-word name ("Stratford upon Avon",
// "Rio de Janeiro") but never end one.
var connectors = set("of", "de", "del", "la", "le", "el", "al", "upon", "on", "da", "do", "dos", "das", "di", "du", "en", "sur", "am", "im", "an", "der", "y", "and", "the")

// before lists capitalized words that may stand right before a toponym
// without making it part of a longer name: function words at the start of
// a sentence, and compass or size words ("Eastern Ukraine", "Greater
// London").
var before = set(
	"the", "in", "at", "from", "to", "near", "outside", "across", "throughout", "of", "and", "but", "for", "by",
	"with", "on", "into", "both", "only", "even", "like", "unlike", "since", "until", "after", "before",
	"while", "when", "where", "as", "if", "although", "though", "despite", "around", "between", "among", "via",
	"inside", "beyond", "over", "under", "a", "an", "this", "that", "all", "every", "many", "most", "some", "several",
	"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west", "northeast", "northwest",
	"southeast", "southwest", "northeastern", "northwestern", "southeastern", "southwestern", "greater", "downtown",
	"suburban", "rural", "metro", "upstate", "downstate", "midtown", "uptown", "outer", "inner", "mainland", "coastal",
	"here", "there", "then", "now", "today", "yesterday", "tomorrow", "also", "meanwhile", "however", "yet", "so", "or",
	"nor", "not", "why", "how", "what", "who", "whom", "which", "whose", "is", "are", "was", "were", "will", "would",
	"can", "could", "should", "may", "might", "must", "has", "have", "had", "do", "does", "did", "we", "our", "they",
	"their", "he", "his", "she", "her", "it", "its", "you", "your", "i", "my", "no", "yes", "just", "about",
	"against", "along", "amid", "through", "toward", "towards", "upon", "within", "without", "once", "again",
)

// orgHeads after a name make it part of an organisation, a team, a
// newspaper or a building ("Washington Post", "Kyiv Independent",
// "Alexandria Police Department").
var orgHeads = set(
	"university", "college", "school", "academy", "institute", "hospital", "clinic", "church", "cathedral",
	"police", "department", "dept", "council", "board", "commission", "committee", "company", "co", "corp",
	"corporation", "inc", "ltd", "llc", "bank", "club", "fc", "united", "rovers", "athletic", "stadium", "arena",
	"hotel", "times", "post", "herald", "tribune", "journal", "gazette", "news", "daily", "independent", "courier",
	"observer", "chronicle", "press", "telegraph", "star", "sun", "examiner", "review", "globe", "mail", "record",
	"register", "democrat", "republican", "bulletin", "dispatch", "sentinel", "standard", "guardian", "express",
	"airport", "airlines", "air", "railway", "railroad", "station", "mall", "market", "center", "centre", "library",
	"museum", "zoo", "park", "prison", "jail", "court", "hall", "office", "agency", "authority", "service",
	"services", "group", "association", "society", "foundation", "fund", "trust", "party", "army", "brigade",
	"battalion", "regiment", "division", "fleet", "navy", "guard", "force", "forces", "sheriff", "fire", "ems",
	"county's", "state's", "high", "middle", "elementary", "memorial", "medical", "health", "energy", "power",
	"gas", "oil", "water", "electric", "steel", "motors", "bridge", "tunnel", "dam", "port", "harbor", "harbour",
	"declaration", "accord", "accords", "agreement", "protocol", "convention", "treaty", "process", "format",
	"summit", "talks", "trail", "marathon", "open", "cup", "games", "symphony", "orchestra", "opera", "theater",
	"theatre", "ballet", "city", "town", "township", "village", "borough", "republicans", "democrats", "chamber",
	"capitals", "nationals", "giants", "rangers", "kings", "senators", "mets", "yankees", "cubs", "jets",
)

// facilityHeads are words of the names of buildings, institutions and
// offices that stand in a place and are named after it ("Kharkiv National
// University", "Kherson Airport", "Okhtyrka City Council"): the place
// they are named after locates them. Outlets and teams are not here.
var facilityHeads = set(
	"university", "uni", "polytechnic", "institute", "academy", "college", "school", "gymnasium", "lyceum",
	"seminary", "faculty", "kindergarten", "hospital", "clinic", "church", "cathedral", "monastery", "mosque",
	"synagogue", "theater", "theatre", "gallery", "museum", "library", "stadium", "arena", "airport", "airbase",
	"airfield", "aerodrome", "base", "station", "depot", "plant", "factory", "combine", "works", "refinery",
	"port", "bridge", "dam", "tower", "tv", "council", "administration", "court", "police", "department",
	"prison", "mayor", "hall", "market", "supermarket", "mall", "park", "zoo", "cemetery", "barracks",
	"headquarters", "substation", "square", "embankment", "hotel", "office", "bus", "railway", "metro",
)

// saintWords open a saint's name ("St. Mary").
var saintWords = set("st", "saint", "ste", "sainte")

// streetHeads after a name make it a street address, not a place.
var streetHeads = set(
	"street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "drive", "dr", "lane", "ln", "highway",
	"hwy", "parkway", "pkwy", "way", "court", "ct", "place", "pl", "terrace", "circle", "pike", "turnpike", "route",
	"expressway", "freeway", "alley", "row",
)

// naturalHeads after a name make it a natural feature of that name ("Irpin
// River"), which is not the town.
var naturalHeads = map[string]string{
	"river": "river", "creek": "river", "stream": "river", "brook": "river",
	"lake": "water", "reservoir": "water", "bay": "water", "sea": "water", "gulf": "water", "strait": "water",
	"mountain": "mountain", "mountains": "mountain", "mount": "mountain", "hill": "mountain", "hills": "mountain",
	"valley": "valley", "forest": "forest", "island": "island", "islands": "island", "peninsula": "peninsula",
}

// regionWords after a name ask for the region, not the town ("Kyiv
// Oblast", "Donetsk region").
var regionWords = set("oblast", "obl", "region", "province", "governorate", "prefecture", "state", "district", "krai", "raion", "county", "parish", "voivodeship", "canton", "territory")

// commonWords are English words (and first names) that are also the names of
// places: they count as toponyms only in a clear locative context ("in
// Mobile", "Split, Croatia").
var commonWords = set(
	"of", "split", "mobile", "bar", "march", "may", "june", "july", "august", "april", "january", "february",
	"september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "nice", "reading", "bath", "police", "energy", "unity", "hope", "liberty", "independence",
	"union", "progress", "victory", "enterprise", "commerce", "justice", "security", "defence", "defense", "mayor",
	"president", "governor", "ministry", "office", "date", "sale", "deal", "man", "male", "best", "mission",
	"temple", "chapel", "ocean", "paradise", "eagle", "orange", "university", "college", "school", "church",
	"center", "centre", "new", "old", "good", "great", "long", "little", "big", "black", "white", "green", "red",
	"blue", "brown", "gray", "grey", "young", "early", "late", "fair", "grand", "royal", "national", "federal",
	"general", "central", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "upper",
	"lower", "middle", "mount", "lake", "river", "bay", "beach", "island", "park", "valley", "hill", "spring",
	"springs", "summit", "post", "star", "sun", "moon", "win", "lost", "home", "love", "joy", "peace", "faith",
	"trust", "alliance", "friendship", "harmony", "concord", "freedom", "republic", "commonwealth", "nation",
	"kingdom", "empire", "colony", "federation", "state", "city", "town", "village", "county", "district",
	"province", "region", "capital", "council", "army", "navy", "guard", "force", "forces", "air", "fire", "water",
	"gas", "oil", "power", "mine", "mines", "port", "harbor", "bridge", "gate", "tower", "castle", "fort",
	"camp", "market", "mall", "bank", "banks", "time", "times", "day", "days", "week", "year", "years", "today",
	"says", "said", "say", "read", "note", "notes", "story", "news", "press", "media", "photo", "video", "watch",
	"live", "update", "more", "most", "last", "next", "first", "second", "third", "one", "two", "three", "four",
	"five", "six", "seven", "eight", "nine", "ten", "hundred", "thousand", "million", "most", "many", "some",
	"such", "both", "each", "other", "another", "same", "different", "normal", "ideal", "model", "plain",
	"plains", "pleasant", "prospect", "rich", "riches", "social", "circle", "cross", "crossing", "junction",
	"union", "cuba", "chance", "climax", "comfort", "content", "dime", "early", "eden", "energy", "equality",
	"eureka", "experiment", "fame", "flint", "friend", "gap", "globe", "gold", "harmony", "hazard", "honor",
	"hot", "humble", "ideal", "jolly", "kind", "level", "lucky", "magnet", "march", "marvel", "medicine",
	"moody", "needles", "nothing", "olive", "opportunity", "pearl", "pilot", "plenty", "pride",
	"quality", "ransom", "reform", "rescue", "rocky", "rugby", "sandy", "shady", "smile", "success", "surprise",
	"sweet", "tea", "temple", "truth", "venus", "view", "vista", "wise", "worth", "zenith", "man", "women",
	"april", "bo", "man", "us", "un", "eu", "as", "is", "it", "at", "in", "on", "or", "no", "so", "to", "be",
	"by", "he", "we", "if", "an", "am", "do", "go", "me", "my", "up", "oh", "ok", "hi", "ha",
	"news", "god", "christ", "jesus", "allah", "islam", "christian", "catholic", "muslim", "jewish",
	"street", "section", "pack", "still", "none", "much", "law", "christmas", "titan", "chamber", "gulf",
	"hamas", "arab", "toyota", "rep", "sen", "gov", "mr", "mrs", "ms", "dr", "st", "mt", "ft", "lt", "sgt", "capt",
	"kremlin", "pentagon", "congress", "senate", "parliament", "white house", "cabinet", "embassy",
)

// personNames are first names and surnames that are also names of towns:
// a town of that name needs a locative context or a population of 100,000.
var personNames = set(
	"henry", "jackson", "lincoln", "charlotte", "florence", "austin", "tyler", "eugene", "marshall", "clinton",
	"franklin", "madison", "douglas", "warren", "chester", "beverly", "shelby", "jefferson",
	"hamilton", "obama", "bush", "kerry", "ford", "carter",
	"morgan", "murray", "taylor", "allen", "milton", "vernon", "wayne", "troy", "homer",
	"lorraine", "adrian", "clyde", "barry", "bradley", "brooks", "cameron",
	"clark", "dale", "dean", "dixon", "elizabeth", "ellis", "fisher", "foster", "gordon", "graham", "grant",
	"harris", "hayes", "howard", "hudson", "hunter", "irving", "johnson", "kent", "lee", "lewis", "logan",
	"lynn", "mason", "miller", "mitchell", "monroe", "newton", "palmer", "parker", "perry", "porter", "price",
	"quincy", "reed", "russell", "scott", "sherman", "spencer", "stanley", "stewart", "sullivan", "thomas",
	"turner", "walker", "wallace", "watson", "webster", "wells", "wilson", "wood", "young",
)

// locativeBefore lists what, before a name, makes it a place for sure ("in
// Mobile", "near Split").
var locativeBefore = set("in", "at", "near", "from", "to", "outside", "into", "around", "across", "throughout", "toward", "towards", "via", "of")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

var months = set("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")

// firstNames are common given names that are also names of towns: alone or
// before a surname they name a person.
var firstNames = set(
	"michael", "george", "mary", "patrick", "david", "tim", "paul", "nadia", "donna", "terry", "gary", "martin",
	"ben", "linda", "dennis", "brandon", "brent", "john", "james", "robert", "william", "richard", "joseph",
	"thomas", "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "andrew",
	"kenneth", "joshua", "kevin", "brian", "edward", "ronald", "timothy", "jason", "jeffrey", "ryan", "jacob",
	"nicholas", "eric", "jonathan", "stephen", "larry", "justin", "scott", "frank", "benjamin", "gregory",
	"samuel", "raymond", "patricia", "jennifer", "barbara", "susan", "jessica", "sarah", "karen", "lisa",
	"nancy", "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "michelle", "dorothy", "carol",
	"amanda", "melissa", "deborah", "stephanie", "rebecca", "sharon", "laura", "cynthia", "kathleen", "amy",
	"angela", "shirley", "anna", "brenda", "pamela", "emma", "nicole", "helen", "samantha", "katherine",
	"christine", "debra", "rachel", "carolyn", "janet", "catherine", "maria", "heather", "diane", "ruth",
	"julie", "olivia", "joyce", "virginia", "victoria", "kelly", "lauren", "christina", "joan", "evelyn",
	"judith", "megan", "andrea", "cheryl", "hannah", "jacqueline", "martha", "gloria", "teresa", "ann", "sara",
	"madison", "frances", "kathryn", "janice", "jean", "abigail", "alice", "judy", "sophia", "grace", "denise",
	"amber", "doris", "marilyn", "danielle", "beverly", "isabella", "theresa", "diana", "natalie", "brittany",
	"charlotte", "marie", "kayla", "alexis", "lori", "peter", "harold", "douglas", "henry", "carl", "arthur",
	"roger", "keith", "jeremy", "terry", "lawrence", "sean", "christian", "albert", "joe", "ethan", "austin",
	"jesse", "willie", "billy", "bryan", "bruce", "jordan", "ralph", "roy", "noah", "dylan", "eugene", "wayne",
	"alan", "juan", "louis", "russell", "gabriel", "randy", "philip", "harry", "vincent", "bobby", "johnny",
	"logan", "tom", "jim", "bob", "bill", "mike", "dave", "steve", "chris", "tony", "nick", "jack", "sam",
	"dan", "matt", "jeff", "greg", "ron", "don", "ken", "rick", "fred", "ed", "ted", "al", "jerry", "elizabeth",
	"chad", "troy", "clay", "dale", "dean", "glenn", "grant", "lee", "lynn", "marion", "ray", "warren", "wade",
	"hope", "joy", "faith", "june", "may", "april", "autumn", "summer", "florence", "eva", "ella", "irene",
	"vladimir", "dmitry", "oleksandr", "volodymyr", "sergei", "sergey", "olga", "natalia", "ivan", "andriy",
)
