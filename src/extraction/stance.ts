import type { StanceSuggestion } from './types.ts';

// A stance suggested from cue words and their negation. It is only ever a
// suggestion: the review page shows the cues, and an editor confirms or
// corrects the stance before anything is saved.

type Polarity = 'supports' | 'opposes' | 'neutral';

// Cues are matched on word prefixes, so "reject" covers rejects, rejected and rejecting.
const CUES: [RegExp, Polarity][] = [
  [/\b(?:call(?:s|ed|ing)? for|call(?:s|ed|ing)? on)\b/i, 'supports'],
  [
    /\b(?:demand|urg|support|back(?:s|ed|ing)?\b|welcom|endors|favou?r|prais|applaud|champion|embrac|approv|advocat|insist(?:s|ed)? on|push(?:es|ed)? for|press(?:es|ed)? for|lobb(?:y|ied) for|stand with|stand by|in favou?r of|commit(?:s|ted)? to|pledg|vow(?:s|ed)? to|promis|hail|celebrat|defend|agree(?:s|d)? with|must\b|should\b|need(?:s|ed)? to|have to|has to|protect|build(?:ing)?|co-?operat|deserv|right to|step forward|good news|honou?r(?:s|ed)? (?:our|its|their|the)|uphold|ratify|implement)/i,
    'supports',
  ],
  [
    /\b(?:reject|oppos|condemn|denounc|criticis|criticiz|against\b|refus|block|veto|boycott|deplor|decr(?:y|ie)|object(?:s|ed)? to|warn(?:s|ed|ing)? against|disagree|dismiss|slam|attack|blam|accus|extremis|terroris|illegal|illegitimate|unacceptable|betray|disgrace|outrag|mistake|dangerous|reckless|divide|separatis|harm|threat|no place|never accept|scrap|abandon|destroy|devastat|ruin|undermin|endanger|ignor|halt|stop\b|end to\b|withdraw|resign|fail(?:ed|ure|s)?\b|corrupt|unfair|unjust|catastroph|disaster|worse|wrong)/i,
    'opposes',
  ],
  [
    /\b(?:no position|neither|wait and see|too early to|will study|would study|is studying|are studying|monitor|remain(?:s|ed)? neutral|no view|undecided|consider(?:s|ing)? (?:all|the) options)/i,
    'neutral',
  ],
];

const INTENSIFIERS =
  /\b(?:categorically|strongly|firmly|totally|utterly|fiercely|vehemently|absolutely|completely|unequivocally|resolutely|wholeheartedly|fully|entirely|flatly|in the strongest (?:possible )?terms|never|outright)\b/i;
const NEGATION = /\b(?:not|no|never|n[’']t|cannot|without|neither|nor)\b[^.;,]{0,25}$/i;

const STOP = new Set([
  'about',
  'after',
  'against',
  'their',
  'there',
  'these',
  'those',
  'under',
  'which',
  'while',
  'with',
  'from',
  'into',
  'over',
  'should',
  'would',
  'could',
  'what',
  'whether',
  'this',
  'that',
]);
const stems = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 4 && !STOP.has(w))
    .map((w) => w.slice(0, 5));

/**
 * The stance a statement takes. With a topic, the parts of the statement that
 * name the topic decide ("we reject violence but call for a separate region"
 * supports a separate region); without one, or when no part names it, all of it.
 */
export function suggestStance(text: string, topic?: string): StanceSuggestion {
  if (topic) {
    const wanted = new Set(stems(topic));
    const clauses = text.split(/[;,.:]|\s+(?:and|but|while|whereas|although)\s+/i);
    const about = clauses.filter((c) => stems(c).some((w) => wanted.has(w)));
    if (about.length > 0 && about.length < clauses.length) {
      const focused = cueStance(about.join('. '));
      if (focused.cues.length > 0) return focused;
    }
  }
  return cueStance(text);
}

function cueStance(text: string): StanceSuggestion {
  const found: { polarity: Polarity; cue: string; at: number; negated: boolean }[] = [];
  for (const [pattern, polarity] of CUES) {
    const global = new RegExp(pattern.source, 'gi');
    for (const m of text.matchAll(global)) {
      const at = m.index ?? 0;
      const word = text.slice(at).match(/^[\p{L}'’-]+(?:\s+(?:for|on|to|with|against|by|of))?/u)?.[0] ?? m[0];
      if (found.some((f) => at >= f.at && at < f.at + f.cue.length)) continue;
      const negated =
        NEGATION.test(text.slice(Math.max(0, at - 30), at)) && !/\bnot only\b/i.test(text.slice(Math.max(0, at - 30), at));
      found.push({ polarity, cue: word, at, negated });
    }
  }
  found.sort((a, b) => a.at - b.at);
  let support = 0;
  let oppose = 0;
  let neutral = 0;
  const cues: string[] = [];
  for (const f of found) {
    const polarity = f.negated ? flip(f.polarity) : f.polarity;
    if (polarity === 'supports') support++;
    else if (polarity === 'opposes') oppose++;
    else neutral++;
    cues.push(f.negated ? `not ${f.cue}` : f.cue);
  }
  const strong = INTENSIFIERS.exec(text);
  const strength: 1 | 2 = strong && found.length > 0 && !/^never$/i.test(strong[0]) ? 2 : 1;
  if (strong && strength === 2) cues.unshift(strong[0]);
  const negated = found.some((f) => f.negated);
  if (found.length === 0) return { stance: 'unclear', strength: 1, cues: [], negated: false };
  // The first cue carries the statement's main verb in most news sentences ("rejects any calls
  // that would divide"), so it decides between opposite cues unless the others outnumber it.
  const first = found[0]!;
  const lead = first.negated ? flip(first.polarity) : first.polarity;
  let stance: StanceSuggestion['stance'] = lead;
  if (support > 0 && oppose > 0) {
    const leadCount = lead === 'supports' ? support : lead === 'opposes' ? oppose : neutral;
    const otherCount = lead === 'supports' ? oppose : support;
    if (otherCount > leadCount + 1) stance = lead === 'supports' ? 'opposes' : 'supports';
  }
  return { stance, strength, cues, negated };
}

// "does not oppose" is not support; "would not support" is opposition.
function flip(p: Polarity): Polarity {
  if (p === 'supports') return 'opposes';
  return 'neutral';
}
