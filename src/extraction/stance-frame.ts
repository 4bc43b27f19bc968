import type { StanceReading } from './stance';

// How the frame a statement is reported in bears on its stance: the reporting
// verb and, for quotes, the words the speaker said just before. The cue words
// themselves are read in stance.ts; this is what the words around them add.

// "Estrania will impose a tariff on steel, the trade minister announced": whoever announces
// a measure is its author, and the statement is the measure itself, so words inside it
// ("stop issuing licences", "vaccinated against measles") describe it rather than judge it.
const ANNOUNCING = /^(?:has\s+|have\s+)?(?:announc|unveil|launch|introduc)/i;

/** The reading of a statement given the verb that reports it. */
export function framedBy(reading: StanceReading, verb: string): StanceReading {
  if (!ANNOUNCING.test(verb) || reading.strongScore !== 0 || reading.settled) return reading;
  return { ...reading, stance: 'supports', strength: 1, strongScore: 1, cues: [verb, ...reading.cues] };
}
