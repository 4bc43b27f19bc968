import {
  ASKING,
  AVERTING,
  CONTRAST,
  CRITICISM,
  CUES,
  DEPRIVING,
  EVEN_HANDED,
  HALF_WAY,
  INTENSIFIERS,
  NEGATION,
  NO_SIDE_TAKEN,
  NOT_LET,
  OWN_SIDE,
  REJECTED_OBJECT,
  type Polarity,
} from './stance-words';
import { requested } from './stance-request';
import { stems } from './topic-terms';
import type { StanceSuggestion } from './types';

// A stance suggested from cue words and their negation. It is only ever a
// suggestion: the review page shows the cues, and an editor confirms or
// corrects the stance before anything is saved.
//
// Cues come in two strengths. Verbs that state a position ("rejects", "calls
// for", "welcomed") are strong; words that only lean one way ("must",
// "dangerous", "protect") are weak, and give way to what the same speaker
// says elsewhere in the article (see extract.ts).

export type StanceReading = StanceSuggestion & {
  /** Sum of the strong cues' polarities (+ supports, − opposes), after negation. */
  strongScore: number;
  /** The same for weak cues. */
  weakScore: number;
  /** Set when the words themselves settle the stance (mixed, even-handed): the speaker's other statements do not override it. */
  settled?: true;
};

type Found = {
  polarity: Polarity;
  strong: boolean;
  word: string;
  at: number;
  negated: boolean;
  covers?: number;
  shown?: string;
};

function findCues(text: string, topic?: string): Found[] {
  const found: Found[] = [];
  for (const c of CUES) {
    for (const m of text.matchAll(c.pattern)) {
      const at = m.index ?? 0;
      if (found.some((f) => at >= f.at && at < f.at + f.word.length)) continue;
      if (inName(text, at)) continue;
      // The calls someone rejects are not their own.
      if (c.polarity === 1 && REJECTED_OBJECT.test(text.slice(Math.max(0, at - 40), at))) continue;
      // Cues that are phrases ("would not intervene", "never been consulted") are shown whole.
      const word = /\s/.test(m[0].trim())
        ? `${m[0]}${text.slice(at + m[0].length).match(/^\p{L}*/u)?.[0] ?? ''}`
        : (text.slice(at).match(/^[\p{L}'’-]+(?:\s+(?:for|on|to|with|against|by|of))?/u)?.[0] ?? m[0]);
      const before = text.slice(Math.max(0, at - 30), at);
      const averted = c.polarity === -1 ? AVERTING.exec(text.slice(Math.max(0, at - 50), at)) : null;
      const denied =
        (NEGATION.test(before) && !/\bnot only\b/i.test(before)) ||
        NOT_LET.test(text.slice(Math.max(0, at - 60), at)) ||
        DEPRIVING.test(text.slice(Math.max(0, at - 40), at));
      const negated = denied || averted !== null;
      // "prevent about 120 deaths" is shown as written rather than as "not deaths".
      const shown = !denied && averted ? `${averted[0]}${word}` : undefined;
      let polarity = c.polarity;
      if (polarity === 1 && ASKING.test(word)) polarity = requested(text.slice(at + word.length), topic);
      // "the government should instead negotiate prices drug by drug": proposing something else.
      if (polarity === 1 && /^(?:should|must|need)/i.test(word) && /^[^.;]{0,80}\binstead\b/i.test(text.slice(at + word.length)))
        polarity = -1;
      const object = text.slice(at + word.length, at + word.length + 50);
      // "rejected the accusation", "dismissed suggestions that…": turning criticism away defends.
      // The criticism's own words ("opposition claims that it would cost billions") are what is turned away.
      let covers: number | undefined;
      if (polarity === -1 && /^(?:reject|dismiss|den|refut)/i.test(word) && CRITICISM.test(object)) {
        polarity = 1;
        const rest = text.slice(at + word.length).search(/[.;!?]/);
        covers = rest < 0 ? text.length : at + word.length + rest;
      }
      // "will defend our producers", "defend the interests of its shareholders": against the measure.
      if (polarity === 1 && /^defend/i.test(word) && OWN_SIDE.test(object)) polarity = -1;
      found.push({ polarity, strong: c.strong, word, at, negated, covers, shown });
    }
  }
  const turnedAway = found.filter((f) => f.covers !== undefined);
  return found.filter((f) => !turnedAway.some((t) => f.at > t.at && f.at < t.covers!)).sort((a, b) => a.at - b.at);
}

// A capital inside a sentence starts a name ("the charity Safe Passage", "the Data Protection
// Office"): the words of a name are not cues.
function inName(text: string, at: number): boolean {
  const first = text[at] ?? '';
  if (first === first.toLowerCase()) return false;
  const before = text.slice(Math.max(0, at - 3), at);
  return at > 0 && !/(?:^|[.!?:;"“”«»‘’(\n])\s*$/.test(before);
}

// "We are not against cleaner air. We are against a plan drawn up without asking anyone": a
// denial followed by the same word asserted is a concession, and the assertion is the point.
function conceded(found: Found[]): Found[] {
  const head = (f: Found) => f.word.toLowerCase().split(/\s+/)[0];
  return found.filter((f, i) => !(f.negated && found.slice(i + 1).some((g) => !g.negated && head(g) === head(f))));
}

// "does not oppose" leans towards support, "would not support" is opposition.
const signed = (f: Found): Polarity => (f.negated ? ((-f.polarity || 0) as Polarity) : f.polarity);

function read(text: string, topic?: string): StanceReading {
  const found = conceded(findCues(text, topic));
  let strongScore = 0;
  let weakScore = 0;
  let neutral = 0;
  for (const f of found) {
    const p = signed(f);
    if (f.polarity === 0) neutral++;
    else if (f.strong) strongScore += p;
    else weakScore += p;
  }
  const cues = found.map((f) => f.shown ?? (f.negated ? `not ${f.word}` : f.word));
  const strong = INTENSIFIERS.exec(text);
  const strength: 1 | 2 = strong && found.some((f) => f.polarity !== 0) ? 2 : 1;
  if (strong && strength === 2) cues.unshift(strong[0]);
  const negated = found.some((f) => f.negated);
  // "welcomed the plan but said it did not go far enough": for the thing, and wanting more of it.
  const half = HALF_WAY.exec(text);
  if (half)
    return { stance: 'mixed', strength: 1, cues: [half[0], ...cues], negated, strongScore: 0, weakScore: 0, settled: true };
  // "urged both sides to accept mediation": taking no side.
  const even = EVEN_HANDED.exec(text);
  if (even && strongScore <= 0 && found.every((f) => f.polarity >= 0))
    return { stance: 'neutral', strength: 1, cues: [even[0], ...cues], negated, strongScore: 0, weakScore: 0, settled: true };
  // "Studies of earlier increases had found no clear effect": evidence, not a position.
  const noSide = NO_SIDE_TAKEN.exec(text);
  if (noSide && strongScore === 0)
    return { stance: 'neutral', strength: 1, cues: [noSide[0], ...cues], negated, strongScore: 0, weakScore: 0, settled: true };
  // "We do not oppose growth, but growth without rest is a recipe for injury": both ways at once.
  const parts = text.split(CONTRAST).filter((p) => p.trim());
  if (parts.length > 1) {
    const leans = parts.map((p) => findCues(p, topic).reduce((sum, f) => sum + signed(f) * (f.strong ? 2 : 1), 0));
    if (leans.some((l) => l > 0) && leans.some((l) => l < 0))
      return { stance: 'mixed', strength: 1, cues, negated, strongScore, weakScore, settled: true };
  }
  const score = strongScore !== 0 ? strongScore : weakScore;
  const stance = score > 0 ? 'supports' : score < 0 ? 'opposes' : neutral > 0 ? 'neutral' : 'unclear';
  const reading: StanceReading = {
    stance,
    strength: stance === 'unclear' || stance === 'neutral' ? 1 : strength,
    cues,
    negated,
    strongScore,
    weakScore,
  };
  // Words that take no side ("a matter for the courts", "will study") are the statement's own position.
  return stance === 'neutral' && strongScore === 0 && weakScore === 0 ? { ...reading, settled: true } : reading;
}

/**
 * How a statement reads on a topic. With a topic, the parts of the statement
 * that name it decide ("we reject violence but call for a separate region"
 * supports a separate region); without one, or when no part names it, all of it.
 */
export function readStance(text: string, topic?: string, event?: ArticleEvent): StanceReading {
  const reading = readOnTopic(text, topic);
  return event?.undoesTopic ? aboutTheEvent(reading) : reading;
}

function readOnTopic(text: string, topic?: string): StanceReading {
  if (topic) {
    const wanted = new Set(stems(topic));
    const clauses = text.split(/[;,.:]|\s+(?:and|but|while|whereas|although)\s+/i);
    const about = clauses.filter((c) => stems(c).some((w) => wanted.has(w)));
    if (about.length > 0 && about.length < clauses.length) {
      const focused = read(about.join('. '), topic);
      if (focused.cues.length > 0) return focused;
    }
  }
  return aboutWhatIsUndone(read(text, topic), text, topic);
}

/** What the article reports happening to its topic. */
export type ArticleEvent = { undoesTopic: boolean };

// "The court struck down the Data Retention Act", "the regulator blocked the merger": when the
// article's news undoes its topic, reactions are to the news ("welcomed the ruling", "deeply
// disappointed"), so they lean the other way on the topic.
const UNDOING_NEWS =
  /\b(?:struck down|strikes down|blocked|blocks|overturned|overturns|vetoed|vetoes|quashed|annulled|halted|scrapped|cancelled|canceled|ruled against|threw out|rejected)\b/gi;
const REACTION = /^(?:welcom|disappoint|regret|victor|relie|celebrat|hail|dismay|applaud|congratulat|historic)/i;

/** Whether the article's opening sentence reports its topic being undone. */
export function eventOf(lede: string, topic: string | undefined): ArticleEvent {
  if (!topic) return { undoesTopic: false };
  const wanted = new Set(stems(topic));
  for (const m of lede.matchAll(UNDOING_NEWS)) {
    const object = lede.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 80);
    if (stems(object).some((w) => wanted.has(w))) return { undoesTopic: true };
  }
  return { undoesTopic: false };
}

function aboutTheEvent(reading: StanceReading): StanceReading {
  const polarised = reading.cues.filter((c) => !INTENSIFIERS.test(c));
  if (reading.strongScore === 0 && reading.weakScore === 0) return reading;
  if (polarised.length === 0 || !polarised.every((c) => REACTION.test(c.replace(/^not\s+/, '')))) return reading;
  const strongScore = -reading.strongScore;
  const weakScore = -reading.weakScore;
  const score = strongScore || weakScore;
  return { ...reading, strongScore, weakScore, stance: score > 0 ? 'supports' : 'opposes' };
}

// A topic that undoes something ("Ban on the weedkiller florazine", "Closing the Brennick
// nuclear power station"): leaning words about the thing itself ("florazine is safe") lean
// against the topic, unless the statement names the undoing too.
const UNDOING_TOPIC =
  /^(?:a\s+|the\s+)?(?:ban|banning|closing|closure|shutting|ending|halting|scrapping|abolishing|abolition|suspending|suspension)\b/i;
const UNDOING_WORDS = /\b(?:ban|banned|banning|bans|clos|shut|end|halt|scrap|abolish|suspend)/i;

function aboutWhatIsUndone(reading: StanceReading, text: string, topic: string | undefined): StanceReading {
  if (!topic || !UNDOING_TOPIC.test(topic) || reading.strongScore !== 0 || reading.weakScore === 0) return reading;
  const thing = new Set(stems(topic.replace(UNDOING_TOPIC, '')));
  if (!stems(text).some((w) => thing.has(w)) || UNDOING_WORDS.test(text)) return reading;
  const weakScore = -reading.weakScore;
  const stance = weakScore > 0 ? 'supports' : 'opposes';
  return { ...reading, weakScore, stance };
}

export function suggestStance(text: string, topic?: string): StanceSuggestion {
  const { stance, strength, cues, negated } = readStance(text, topic);
  return { stance, strength, cues, negated };
}

/** The cue shown when nothing in or around a statement leans either way (see extract.ts). */
export const COMMONEST_STANCE_CUE = 'no cue words (the commonest stance)';
/** Marks a cue taken from the speaker's other statements or the sentences around one (see extract.ts). */
export const ELSEWHERE_CUE = ' elsewhere: ';

/** What a suggestion rests on: the statement's own words, its speaker's elsewhere, or the commonest stance alone. */
export function evidenceOf(s: StanceSuggestion): 'words' | 'speaker' | 'prior' {
  if (s.cues.includes(COMMONEST_STANCE_CUE)) return 'prior';
  return s.cues.some((c) => c.includes(ELSEWHERE_CUE)) ? 'speaker' : 'words';
}
