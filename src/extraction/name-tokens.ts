import { CALENDAR, GOVERNMENT_WORDS, ORGANISATION_WORDS, SENTENCE_OPENERS } from './lexicon';
import { isPlural, type Analysis, type Token } from './nlp';

// Which tokens can be, or start, a name: the rules Cast (cast.ts) reads names
// with, apart from the registry of who the names are.

export const INSTITUTION_HEADS = new Set([...GOVERNMENT_WORDS, ...ORGANISATION_WORDS]);

export const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);

export function nameToken(t: Token | undefined, sentenceStart: boolean): boolean {
  if (!t || !isCapitalised(t.text) || t.pos === 'PUNCT') return false;
  if (['PRON', 'DET', 'ADV', 'SCONJ', 'CCONJ', 'AUX', 'VERB', 'NUM'].includes(t.pos) && t.pos !== 'PROPN') {
    // A capitalised verb or pronoun mid-sentence is rare; at a sentence start it is just grammar.
    if (sentenceStart || t.pos !== 'VERB') return false;
  }
  if (sentenceStart && SENTENCE_OPENERS.has(t.text.toLowerCase())) return false;
  if (CALENDAR.has(t.text.toLowerCase())) return false;
  return t.pos === 'PROPN' || !sentenceStart;
}

// Capitalised words opening a sentence that are no one's name.
const NOT_NAMES = new Set([
  'everyone',
  'everybody',
  'someone',
  'somebody',
  'nobody',
  'none',
  'all',
  'both',
  'each',
  'either',
  'neither',
  'another',
  'anyone',
  'anybody',
  'staff',
  'management',
  'one',
  'parliament',
  'government',
]);

/** True where the words around a name use it as a place: after "in", "across", "near" (not "in Ana Silva's view"). */
export function usedAsPlace(text: string, from: number, end: number): boolean {
  const before = text.slice(Math.max(0, from - 12), from);
  const after = text.slice(end, end + 2);
  return /\b(?:in|across|near|outside|throughout|around)\s+$/.test(before) && !/^['’]s/u.test(after);
}

/**
 * "Refresca, the country's largest bottler, declined", "Medivance said": a lone capitalised
 * word opening a sentence is a name when a description or a reporting verb follows it and it
 * is no plural ("Critics said", but "Nordgas said") or word of the lists ("Police said").
 */
export function actsAsAName(text: string, t: Token): boolean {
  const lower = t.text.toLowerCase();
  if (INSTITUTION_HEADS.has(lower) || NOT_NAMES.has(lower) || isPlural(t.text)) return false;
  const after = text.slice(t.end, t.end + 40);
  return (
    /^,\s+(?:the|a|an)\s/.test(after) || /^\s+(?:said|says|announced|told|added|warned|urged|declined|insisted)\b/.test(after)
  );
}

/** "Living Rivers, a conservation group, said": a name whose first word reads as a verb. */
export function gerundName(analysis: Analysis, i: number): boolean {
  const t = analysis.tokens[i]!;
  const next = analysis.tokens[i + 1];
  if (t.pos !== 'VERB' || !/ing$/.test(t.text) || !next || analysis.text.slice(t.end, next.start) !== ' ') return false;
  return nameToken(next, false) && /^,\s+(?:the|a|an)\s/.test(analysis.text.slice(next.end, next.end + 10));
}
