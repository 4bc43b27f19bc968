import type { StanceReading } from './stance';

// How the frame a statement is reported in bears on its stance: the reporting
// verb and, for quotes, the words the speaker said just before. The cue words
// themselves are read in stance.ts; this is what the words around them add.

// "Estrania will impose a tariff on steel, the trade minister announced": whoever announces
// a measure is its author, and the statement is the measure itself, so words inside it
// ("stop issuing licences", "vaccinated against measles") describe it rather than judge it.
const ANNOUNCING = /^(?:has\s+|have\s+)?(?:announc|unveil|launch|introduc)/i;

// "Vellund's government will bring the rail franchises into public ownership, the minister said":
// a government's plan stated as what it will do is announced, whatever the verb.
const GOVERNMENT_WILL =
  /^(?:[\p{L}'’-]+\s+){0,2}?(?:government|cabinet|ministry|administration|council|authority)\s+(?:will|is\s+to|plans\s+to|is\s+going\s+to)\b(?!\s+(?:not|never)\b)/iu;

/** The reading of a statement given the verb that reports it and the words it reports. */
export function framedBy(reading: StanceReading, verb: string, words = ''): StanceReading {
  if (!(ANNOUNCING.test(verb) || GOVERNMENT_WILL.test(words)) || reading.strongScore !== 0 || reading.settled) return reading;
  return { ...reading, stance: 'supports', strength: 1, strongScore: 1, cues: [verb, ...reading.cues] };
}

// "We signed this agreement in good faith. But if the shelling continues, our patience will
// run out": a quote that opens with "But" qualifies what the speaker said before it, so on its
// own it leans both ways. Not after a disclaimer ("Nobody wants to strand a nurse on a
// platform. But…"), where the turn is the speaker's own position.
const TURN = /^[\s“"«‘]*(?:but|however|yet)\b/i;
const DISCLAIMER =
  /\b(?:nobody|no\s+one)\s+(?:wants|likes|enjoys|is\s+saying)\b|\b(?:I|we)\s+(?:did|do|am|are|have)\s+not\s+(?:become|come|join|enter|want|against|saying|opposed)\b/i;

/** The reading of a quote given the words before it in its paragraph. */
export function afterTurn(reading: StanceReading, words: string, before: string): StanceReading {
  if (!TURN.test(words) || reading.strongScore !== 0 || reading.settled || DISCLAIMER.test(before)) return reading;
  // Leaning both ways, it lends the speaker's other statements no lean either (as in stance.ts).
  const turn = words.match(TURN)![0].replace(/^[\s“"«‘]+/, '');
  return { ...reading, stance: 'mixed', strength: 1, cues: [turn, ...reading.cues], strongScore: 0, weakScore: 0, settled: true };
}
