// The words stance suggestions are read from (see stance.ts), kept together so
// that a miss found by `npm run eval:extract` is usually fixed here.

export type Polarity = 1 | -1 | 0;
export type Cue = { pattern: RegExp; polarity: Polarity; strong: boolean };

// Matched on word beginnings, so "reject" covers rejects, rejected and rejecting.
const cue = (source: string, polarity: Polarity, strong: boolean): Cue => ({
  pattern: new RegExp(`\\b(?:${source.replace(/\s+/g, ' ').trim().split(' ').join('|')})`, 'gi'),
  polarity,
  strong,
});
export const CUES: Cue[] = [
  cue(
    `call(?:s|ed|ing)?\\sfor call(?:s|ed|ing)?\\son demand support(?!ers\\b) back(?:s|ed|ing)?\\s(?:the|a|an|his|her|its|their|this|plans?|calls?|proposals?)\\b welcom endors favou?r(?:s|ed)?\\b
    prais applaud champion defend approv advocat hail congratulat push(?:es|ed)?\\sfor press(?:es|ed)?\\sfor
    stand(?:s)?\\swith stands\\swith in\\sfavou?r\\sof`,
    1,
    true,
  ),
  cue(
    `reject oppos condemn denounc criticis criticiz refus block veto boycott deplor object(?:s|ed)?\\sto
    warn(?:s|ed|ing)?\\sagainst dismiss slam appall disappoint challenge\\b go\\sto\\scourt fight\\sthe fight\\sit vow(?:s|ed)?\\sto\\sfight`,
    -1,
    true,
  ),
  cue(
    `must\\b should\\b need(?:s|ed)?\\sto protect build(?!ers?\\b|ings\\b|ing\\s+sites?\\b) co-?operat deserv right\\sto good\\snews honou?r uphold ratify implement
    promis pledg commit(?:s|ted)?\\sto agree(?:s|d)?\\swith safe\\b save\\slives fair\\b inclusive historic\\b dream stands\\swith
    stand\\sby respect(?:s|ed)?\\sit benefit opportunit welcome\\b proud essential vital necessary overdue long\\sawaited
    step\\sforward success thriv recognis recogniz accept(?:s|ed)?\\b announc unveil introduc launch(?:es|ed)?\\b impos approv signed
    level\\sthe\\s(?:playing\\s)?field responsible\\b sensible balanced common\\ssense bold\\b landmark breakthrough milestone
    glad\\b delighted pleased\\b relief boost lifeline secur(?:e|es|ing)\\b stabil invest(?:s|ed|ing|ment)?\\b`,
    1,
    false,
  ),
  cue(
    `against\\b accus extremis terroris illegal illegitimate unacceptable betray disgrace outrag mistake dangerous reckless
    divide separatis harm threat no\\splace never\\saccept scrap abandon destroy devastat ruin undermin endanger ignor halt
    stop\\b end\\sto\\b (?<!(?:by|at|before|until|from)\\sthe\\s)end\\sof(?!\\s(?:the|this|next|last)\\s(?:week|month|year|day|decade)) withdraw fail(?:ed|ure|s)?\\b corrupt unfair unjust catastroph disaster worse wrong
    unworkable regrettabl poison crumbl shrink suspect stolen fraud die\\b dying death surveillance expropriat
    protectionis punish plunder cost(?!\\s+(?:about|around|some|nearly|almost|up\\s+to|an\\s+estimated|[$€£]|\\d))\\b costly damag risk victim unlawful irresponsibl broken lie\\b lies\\b rigged
    exhausted behind\\sour\\sbacks left\\salone blind injur recipe\\sfor warn(?:s|ed|ing)?(?:\\s?,\\s\\w+,)?\\sthat
    strangl crippl hit\\shard hurt los(?:e|es|ing)\\b lost\\s(?:their|our|his|her)\\b job\\slosses playing\\swith gambl
    dressed\\sup do\\slittle little\\sto\\s push(?:es|ed)?\\sup drive\\sup short\\sof burden squeez price\\sout unaffordab
    concerned\\b regret(?:s|ted)?\\b worr(?:y|ied|ies)\\b alarm(?:ed|ing)\\b dismay
    chaos chaotic scandal shame insult slap\\sin\\sthe\\sface attack\\son assault\\son land\\sgrab hypocri too\\sfar overreach
    heavy-handed draconian knee-jerk ill-conceived rushed half-baked misguided short-sighted flawed cruel inhumane
    legal\\s(?:option|action|challenge|means|avenue|route)s? lawful\\smeans judicial\\sreview sue\\b suing in\\scourt ask(?:s|ed|ing)?\\s(?:the\\s)?(?:\\w+\\s){0,2}?court
    (?:not|never)\\s(?:been\\s)?(?:properly\\s|even\\s)?(?:consulted|asked)\\b (?:nobody|no\\sone)\\s(?:\\w+\\s){0,3}?(?:was\\s|were\\s|has\\s|had\\s)?(?:been\\s)?(?:asked|consulted)\\b
    (?:nobody|no\\sone)\\sasked without\\s(?:any\\s)?(?:consultation|consulting)
    (?:you|we)\\s(?:do\\snot|don[’']t|cannot|can[’']t|will\\snot|won[’']t)\\s(?:\\w+\\s){1,6}?by\\s\\w+ing\\b`,
    -1,
    false,
  ),
  cue(
    `no\\sposition (?:would|will)\\sneed\\s(?!to\\b) neither wait\\sand\\ssee too\\searly\\sto will\\sstudy would\\sstudy is\\sstudying are\\sstudying monitor(?:ing|ed)?\\b
    remain(?:s|ed)?\\sneutral no\\sview undecided consider(?:s|ing)?\\s(?:all|the)\\soptions in\\sdue\\scourse
    a\\smatter\\sfor respect(?:s|ed)?\\sthe\\s(?:ruling|decision|verdict|court|independence|process|outcome|result)
    (?:allow|give|take)\\s(?:more\\s)?time on\\sthe\\sfacts no\\sdecision
    decid(?:e|es|ed|ing)?\\s(?:\\S+\\s){0,4}?whether (?:is|are|was|were)\\sstudying comply\\swith in\\saccordance\\swith
    (?:not|never)\\s(?:to\\s)?(?:intervene|interfere) (?:will|would)\\s(?:\\w+\\s)?(?:examine|review|consider|assess)\\b
    respect(?:s|ed)?\\s(?:the\\s)?\\w+(?:'|’)s\\s(?:ruling|decision|verdict|independence|process)`,
    0,
    false,
  ),
];

// "urged lawmakers to delay the law", "called for the approval to be overturned": asking for
// something to stop is opposing it.
export const UNDOING =
  /\b(?:stop|halt|scrap|abandon|withdraw|end|reverse|block|drop|cancel|suspend|repeal|reject|overturn|delay|postpone|shelve|freeze|pause|close|exempt|reconsider|rethink|recount|re-?run|moratorium|instead|(?:kept|keep|stay|remain)s?\s+open)/i;
// "rejected the accusation", "dismissed opposition claims that…", "rejected Ostravia's accusation".
export const CRITICISM =
  /^\s*(?:the\s+|these\s+|such\s+|any\s+|all\s+)?(?:[\p{L}'’-]+\s+){0,2}?(?:accusations?|suggestions?|claims?|criticisms?|charges?|allegations?|reports?|concerns?|fears?|warnings?)\b/iu;
// "rejected calls for a referendum", "refused to support": what is rejected, just before a cue
// for something, is that cue's subject, and the rejection is the speaker's position.
export const REJECTED_OBJECT =
  /\b(?:reject|dismiss|refus|ignor|resist|oppos)\w*\s+(?:the\s+|all\s+|any\s+|renewed\s+|growing\s+)?(?:[\p{L}'’-]+\s+)?$/iu;
export const OWN_SIDE = /^\s*(?:our|its|their|his|her|the\s+interests|the\s+rights)\b/i;
export const ASKING = /^(?:call|urg|demand|push|press|ask|appeal|promis|vow|pledg)/i;

export const HALF_WAY =
  /\b(?:(?:not|n[’']t)\s+(?:go\s+)?(?:far|nearly)\s+enough|(?:is|was|are|were)\s+not\s+enough|too\s+little,?\s+too\s+late|a\s+start,?\s+not\s+a|falls?\s+short|half-?measure|only\s+half\b|\balone\s+(?:will|would|is|does|cannot)\s+not\b|\balone\s+(?:won[’']t|isn[’']t|cannot|can[’']t)|encouraging\s+but\b|welcome\s+but\b|a\s+good\s+start\s+but\b|in\s+(?:its|their|the)\s+(?:current|present)\s+form|(?:support|back|agree|welcom|accept|favour|endors)\w*\s+(?:\S+\s+){0,5}?in\s+principle|(?:would|will)\s+(?:only\s+)?(?:support|back|vote\s+for|accept|endorse)\b[^.;]{0,80}?\b(?:if|provided|as\s+long\s+as|on\s+condition))/i;
export const EVEN_HANDED = /\b(?:both\s+sides|all\s+sides|all\s+parties|both\s+parties)\b/i;
// "said studies of the three previous increases had found no clear effect", "by her estimate",
// "took note of the decision", "would abstain": reporting evidence, or recording without judging.
export const NO_SIDE_TAKEN =
  /\b(?:(?:studies|study|trials?|research|surveys?|evidence)\b[^.;]{0,80}?\b(?:had\s+|have\s+|has\s+)?(?:found|shown|showed|shows|show|suggest(?:s|ed)?|indicat(?:es|ed)|pushed|raised|cut|reduced|increased)\b|by\s+(?:her|his|its|their|our|my)\s+(?:own\s+)?(?:estimate|calculation|reckoning)|t(?:ake|akes|ook|aken)\s+note\b|abstain|according\s+to\s+(?:their|his|her|your|its)\s+(?:own\s+)?conscience|free\s+vote)/i;

export const INTENSIFIERS =
  /\b(?:categorically|strongly|firmly|totally|utterly|fiercely|vehemently|absolutely|completely|unequivocally|resolutely|wholeheartedly|flatly|deeply|in the strongest (?:possible )?terms|outright)\b/i;
// "n't" is inside its word ("won't", "don't"), so it takes no word boundary before it.
export const NEGATION = /(?:\b(?:not|no|never|cannot|without|neither|nor)|n[’']t)\b(?:\s+\S+){0,2}\s*$/i;
// "would strip voters of the right to choose", "denies them the chance": what is taken away.
export const DEPRIVING =
  /\b(?:strip|stripp|depriv|robb?|den(?:y|ies|ied|ying))\w*\s+(?:\S+\s+){0,3}?(?:of\s+)?(?:the|their|its|our|his|her|a|any)\s*$/i;
// "would prevent about 120 deaths", "to cut the harm": averting something bad is for the measure.
export const AVERTING =
  /\b(?:prevent|avert|avoid|reduc|cut(?:s|ting)?\b|curb|tackl|combat|fewer)\w*\s+(?:(?!and\b|but\b|or\b)[^\s.;,]+\s+){0,3}?$/i;
// "I will not let a handful of objectors block the future": what someone will not let happen.
export const NOT_LET = /(?:\b(?:not|never)|n[’']t)\s+(?:let|allow|permit)\b(?:\s+[^\s.;,]+){0,6}\s*$/i;
export const CONTRAST = /\s*(?:;|\bbut\b|\bhowever\b|\balthough\b|\bthough\b|\byet\b|\bwhile\b)\s*/i;
