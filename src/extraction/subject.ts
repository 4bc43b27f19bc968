import type { Resolver } from './who';

// The subject of a reporting verb: the words before it in its sentence, read
// from the verb backwards. Parenthetical parts set off by commas ("Saudi
// Arabia, a major supporter of …, said") are passed over, and so are words
// that open a clause ("while", "however").

const CLAUSE_OPENERS =
  /^(?:and|but|while|whereas|however|meanwhile|although|though|as|since|because|after|before|when|yet|so|also|separately|instead|still|earlier|later|later on|in response|in reply|in a statement|in an interview)\b[\s,]*/i;
const TRAILING_AUX =
  /(?:\s+(?:has|have|had|also|later|then|again|earlier|previously|repeatedly|publicly|quickly|simply|recently|firmly|once|would|will|could|did|does|do|is|was|were|are|not|never|swiftly|immediately|angrily|openly|already|herself|himself|itself|themselves|on \w+|by))+\s*$/i;
const SUBJECT_WORDS = /^\s*(?:the|a|an|its|his|her|their|he|she|it|they|officials|one)\b/i;
// Parts that cannot be a subject: adverbials of time, place and manner.
const NOT_A_SUBJECT =
  /^(?:in|on|at|during|after|before|speaking|asked|following|despite|amid|since|if|with|without|from|to|for|by|of|last|this|next|earlier|later|who|which|whose|where|that)\b/i;

export function findSubject(resolver: Resolver, text: string, from: number, verbAt: number) {
  // A subject stands within a few hundred characters of its verb.
  const start = Math.max(from, verbAt - 400);
  let before = text.slice(start, verbAt);
  // A sentence may hold several reports; only the clause this verb belongs to counts.
  const cut = Math.max(before.lastIndexOf(';'), before.lastIndexOf(':'));
  let base = start;
  if (cut >= 0) {
    base = start + cut + 1;
    before = before.slice(cut + 1);
  }
  // Drop a parenthetical just before the verb: "X, the group's leader, said".
  let parts = splitParts(before, base);
  if (/,\s*$/.test(before) && parts.length > 1) {
    // "The mayor of Porto, Ana Silva, said": a bare name set off by commas is the subject itself.
    const last = parts[parts.length - 1]!;
    if (resolver.isBareName(last.text, last.start)) return resolver.resolve(last.text, last.start);
    // "…, President Matthias Kerr announced on Saturday, calling the draft": a clause with its own
    // named subject is no parenthetical ("the group's leader", "who…" are).
    const named =
      /^\s*\p{Lu}/u.test(last.text) && !CLAUSE_OPENERS.test(last.text.trim()) ? resolver.resolve(last.text, last.start) : null;
    if (named) return named;
    parts = parts.slice(0, -1);
  }
  for (let k = parts.length - 1, tries = 0; k >= 0 && tries < 3; k--, tries++) {
    const part = parts[k]!;
    // "criticised by Finance Minister Omar Khalil, who said": the relative pronoun is the name before it.
    if (/^\s*who\b/i.test(part.text) && k > 0) {
      const named = resolver.lastName(parts[k - 1]!.start, part.start);
      if (named) return named;
    }
    // "under the slogan "One Korvia, One Airline" and promised": quoted words name no one.
    if (resolver.isQuoted(part.start)) continue;
    let words = part.text.replace(CLAUSE_OPENERS, '');
    const skipped = part.text.length - words.length;
    words = words.replace(TRAILING_AUX, '');
    if (!words.trim() || (NOT_A_SUBJECT.test(words) && k > 0)) continue;
    // "accused Norland of …": a predicate, not a subject.
    if (/^\s*\p{Ll}/u.test(words) && !SUBJECT_WORDS.test(words)) continue;
    const found = resolver.resolve(words, part.start + skipped);
    if (found) return found;
  }
  return null;
}

function splitParts(text: string, base: number): { text: string; start: number }[] {
  const parts: { text: string; start: number }[] = [];
  let start = 0;
  for (const m of text.matchAll(/,\s*/g)) {
    const at = m.index ?? 0;
    parts.push({ text: text.slice(start, at), start: base + start });
    start = at + m[0].length;
  }
  if (start < text.length) parts.push({ text: text.slice(start), start: base + start });
  return parts.filter((p) => p.text.trim().length > 0);
}
