// Word lists the extraction relies on. Kept together so that a miss found by
// `npm run eval:extract` is usually fixed by adding a word here.

const words = (list: string): Set<string> => new Set(list.trim().split(/\s*\|\s*/));

/** States, and the capitals news writing uses for their governments ("Damascus said"). */
export const STATES = words(`
Afghanistan|Albania|Algeria|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahrain|Bangladesh|Belarus|Belgium|
Bolivia|Bosnia|Brazil|Britain|Bulgaria|Cambodia|Cameroon|Canada|Chad|Chile|China|Colombia|Congo|Croatia|Cuba|Cyprus|
Czechia|Denmark|Djibouti|Ecuador|Egypt|Eritrea|Estonia|Ethiopia|Finland|France|Georgia|Germany|Ghana|Greece|Hungary|
Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Japan|Jordan|Kazakhstan|Kenya|Kosovo|Kuwait|Latvia|Lebanon|
Libya|Lithuania|Malaysia|Mali|Mexico|Moldova|Morocco|Myanmar|Nepal|Netherlands|Nigeria|Niger|Norway|Oman|Pakistan|
Palestine|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|Saudi Arabia|Senegal|Serbia|Singapore|Slovakia|
Slovenia|Somalia|South Africa|South Korea|North Korea|South Sudan|Spain|Sri Lanka|Sudan|Sweden|Switzerland|Syria|
Taiwan|Tanzania|Thailand|Tunisia|Turkey|Turkiye|Uganda|Ukraine|United Arab Emirates|UAE|United Kingdom|UK|
United States|US|USA|Uruguay|Uzbekistan|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|
Damascus|Riyadh|Washington|Moscow|Beijing|Kyiv|Kiev|Tehran|Ankara|Cairo|Baghdad|Beirut|Amman|Doha|Abu Dhabi|Paris|
Berlin|London|Brussels|Tokyo|Delhi|New Delhi|Islamabad|Kabul|Tripoli|Khartoum|Addis Ababa|Nairobi|Pretoria|Abuja|
Ottawa|Canberra|Madrid|Rome|Warsaw|Budapest|Jerusalem|Algiers|Rabat|Tunis|Caracas|Havana|Brasilia|Seoul|Pyongyang
`);

/** Titles that precede a name; the value is the gender they imply, if any. */
export const TITLES = new Map<string, 'm' | 'f' | undefined>([
  ['mr', 'm'],
  ['mrs', 'f'],
  ['ms', 'f'],
  ['miss', 'f'],
  ['sir', 'm'],
  ['dame', 'f'],
  ['lord', 'm'],
  ['lady', 'f'],
  ['sheikh', 'm'],
  ['sheik', 'm'],
  ['dr', undefined],
  ['prof', undefined],
  ['professor', undefined],
  ['president', undefined],
  ['minister', undefined],
  ['senator', undefined],
  ['sen', undefined],
  ['rep', undefined],
  ['governor', undefined],
  ['gov', undefined],
  ['mayor', undefined],
  ['judge', undefined],
  ['justice', undefined],
  ['general', undefined],
  ['gen', undefined],
  ['colonel', undefined],
  ['col', undefined],
  ['commissioner', undefined],
  ['chancellor', undefined],
  ['king', 'm'],
  ['queen', 'f'],
  ['prince', 'm'],
  ['princess', 'f'],
  ['emir', 'm'],
  ['imam', 'm'],
  ['rabbi', undefined],
  ['father', 'm'],
  ['bishop', undefined],
  ['archbishop', undefined],
  ['pope', 'm'],
  ['ambassador', undefined],
  ['secretary', undefined],
  ['chairman', 'm'],
  ['chairwoman', 'f'],
  ['captain', undefined],
  ['coach', undefined],
]);

/** Words that make a capitalised name an institution rather than a person. */
export const GOVERNMENT_WORDS = words(`
ministry|treasury|government|cabinet|parliament|presidency|office|department|embassy|council|assembly|senate|congress|
kremlin|army|police|military|authority|authorities|administration|commission|court|tribunal|agency|ministers
`);
export const ORGANISATION_WORDS = words(`
union|party|group|organisation|organization|association|federation|company|corporation|inc|ltd|plc|bank|fund|front|
movement|committee|network|alliance|coalition|league|institute|foundation|society|club|board|forum|watch|campaign|
church|university|hospital|trust|chamber|confederation|brigade|brigades|forces|council|agency|commission|tribunal|
conference|alliance|terminals|homes|mobile|airlines|airways|motors|holdings|energy|mining|partners|media|systems|
labs|technologies|industries|group|network|sports|insurance|capital|bank|trust|press|times|post|herald|news|
association|office|keepers|waterkeepers|institute|centre|center|observatory|watch|initiative|project|guild|observer|gazette|
tribune|journal|chronicle|airport|railways|collection|consortium|cooperative|co-operative|developments|properties|estates|construction|builders|regulator|services|rights|inspectorate|constabulary|ombudsman|
directorate|secretariat|prosecution|bureau|convention|museum|gallery|library|patriarchate|diocese|academy|college|
theatre|orchestra|friends|

court|nations|un|eu|nato|who|imf|opec|hamas|hezbollah|taliban|hts|sdf
`);

/** Last words of names of places, laws and buildings, which never speak ("Ferrand Road", "Drava Waters Treaty"). */
export const THINGS = words(`
road|street|avenue|lane|square|bridge|river|valley|lake|sea|bay|island|islands|mountains|hills|forest|park|stadium|arena|
station|treaty|act|bill|agreement|accord|protocol|charter|declaration|plan|programme|program|strategy|
cup|championship|championships|games|festival|prize|award|day|week|prison|camp|border|tunnel|canal|dam|
mall|tower|palace|castle|cathedral|mosque|temple|square|corridor|pipeline|highway|motorway|route
`);

/** Days and months: capitalised, never names (not April, May, June: people are called that). */
export const CALENDAR = words(`
monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|july|august|september|october|november|december
`);

/** Role nouns that stand for an earlier-named person ("the minister said"). */
export const PERSON_ROLES = words(`
minister|president|leader|sheikh|sheik|spokesman|spokeswoman|spokesperson|official|chief|head|governor|mayor|senator|
lawmaker|mp|director|chairman|chairwoman|chair|ceo|founder|general|commander|judge|prosecutor|lawyer|attorney|
ambassador|envoy|cleric|imam|activist|campaigner|economist|analyst|researcher|scientist|professor|doctor|coach|
captain|striker|player|manager|candidate|premier|chancellor|secretary|negotiator|organiser|organizer|farmer|worker|
teacher|nurse|resident|mother|father|owner|executive|diplomat|mediator|speaker|delegate|representative|member|
economist|adviser|advisor|commissioner|king|queen|prince|emir|rabbi|bishop|archbishop|pope|author|president-elect|
rector|dean|provost|principal|headteacher|headmaster|headmistress|vice-chancellor|superintendent|inspector
`);

/** Nouns that stand for an earlier-named institution ("the ministry said"). */
export const INSTITUTION_NOUNS = words(`
ministry|government|group|union|party|company|organisation|organization|association|federation|council|committee|
movement|alliance|coalition|league|agency|commission|court|authority|authorities|administration|bank|firm|club|
campaign|network|institute|foundation|board|cabinet|kremlin|embassy|office|department|regulator|army|military|police|
militia|faction|bloc|opposition|presidency|parliament|senate|body|charity|coalition|federation|rebels|insurgents
`);

/** Mentions that stand for the most recently named institution ("an official statement said"). */
export const STATEMENT_NOUNS = words(`statement|communique|communiqué|declaration|announcement|release|letter|post|readout`);

/** Reporting verbs, by lemma, for quotes and reported speech. */
export const SAY_VERBS = words(`
say|tell|add|state|declare|write|post|note|insist|argue|explain|stress|continue|conclude|reply|respond|announce|
acknowledge|admit|claim|maintain|recall|remark|observe|assert|contend|caution|warn|urge|vow|pledge|promise|predict|
tweet|comment|suggest|complain|emphasise|emphasize|ask|shout|chant|told|says|said
`);

/** Pronouns that can stand for a speaker, with the kind and gender they imply. */
export const PRONOUNS = new Map<string, { kind: 'person' | 'institution'; gender?: 'm' | 'f' }>([
  ['he', { kind: 'person', gender: 'm' }],
  ['she', { kind: 'person', gender: 'f' }],
  ['it', { kind: 'institution' }],
  ['they', { kind: 'institution' }],
]);

/** Connecting words allowed inside a multi-word name ("Hayat Tahrir Al Sham", "Bank of England"). */
export const NAME_PARTICLES = words(`al|el|bin|ibn|bint|abu|de|del|della|di|da|dos|van|von|der|den|le|la|du|of|for|the|ul|ud`);

/** Common nouns that describe a name they precede ("broadcaster Continental Sports Network"). */
export const DESCRIPTORS = words(`
broadcaster|platform|operator|developer|telecom|housing|carmaker|automaker|retailer|airline|insurer|lender|miner|
mining|charity|watchdog|regulator|newspaper|firm|chipmaker|startup|giant|group|broadcasters|supermarket|energy|
utility|manufacturer|producer|publisher|campaigners|campaign|pressure|lobby|advocacy|rights|union|company|
consultancy|network|app|outlet|agency|shipping|logistics|conglomerate|bank|party|movement|association|
organisation|organization|club|port|property|coalition|alliance|think-tank|maker|makers|bottler|supplier|chain|exporter|importer|distributor|brand|body|consortium
`);

/** Capitalised only because they open a sentence: never the start of a name there. */
export const SENTENCE_OPENERS = words(`
the|a|an|he|she|it|they|his|her|its|their|there|this|that|these|those|we|i|our|however|but|and|in|on|at|after|before|
when|while|as|if|speaking|asked|meanwhile|separately|earlier|later|according|some|many|officials|critics
`);
