import type { Analysis } from './nlp';
import { findSubject } from './subject';
import type { TextSpan } from './types';
import type { Resolver } from './who';

// Recorded silence is a statement too: "There was no immediate reaction from
// Damascus", "the ministry declined to comment".

const FROM_SPEAKER =
  /\bno (?:immediate |official |public )?(?:reaction|response|comment|word|reply)s? (?:from|by) ([^.;:!?]+?)(?=\s+(?:to|on|about|over|regarding|after)\b|[.;:!?]|$)/iu;
const SPEAKER_FIRST = [
  /\b(?:declined|refused|did not want|would not|could not|was not available|were not available|was unavailable|were unavailable) (?:immediately )?to (?:comment|respond|be interviewed)\b/iu,
  /\b(?:did not|didn[’']t|has not|have not|had not|hasn[’']t|haven[’']t) (?:yet |immediately )?(?:respond(?:ed)?|repl(?:y|ied)|return(?:ed)?|answer(?:ed)?) to (?:a |an |the |several |multiple |repeated |our )?(?:requests?|calls?|e-?mails?|messages?|questions?|queries)\b/iu,
  /\bcould not (?:immediately )?be reached(?: for comment)?\b/iu,
  /\b(?:did not|didn[’']t|has not|have not|had not) (?:yet |immediately |publicly )?comment(?:ed)?\b/iu,
  /\bhad no (?:immediate )?comment\b/iu,
  /\b(?:would|will|could) not (?:immediately )?comment\b/iu,
  /\b(?:did not|didn[’']t) (?:immediately )?respond (?:when|after) (?:asked|contacted|approached)\b/iu,
  /\b(?:declined|refused) to (?:give|provide|offer|disclose) (?:any )?(?:further |more )?(?:details|information|comment)\b/iu,
  /\b(?:declined|refused) to (?:say|disclose|reveal|specify|confirm|discuss|elaborate|name)\b/iu,
  /\b(?:remained|has remained|have remained|kept) (?:publicly )?silent\b/iu,
];

export type Silence = { span: TextSpan; text: string; cue: string; speaker: NonNullable<ReturnType<Resolver['resolve']>> };

export function silenceIn(analysis: Analysis, resolver: Resolver, sentenceIndex: number): Silence | null {
  const { text } = analysis;
  const sentence = analysis.sentences[sentenceIndex]!;
  const words = text.slice(sentence.start, sentence.end);
  const span = { start: sentence.start, end: sentence.end };
  const from = words.match(FROM_SPEAKER);
  if (from?.index !== undefined && from[1]) {
    const speaker = resolver.resolve(from[1], sentence.start + from.index + from[0].lastIndexOf(from[1]));
    if (speaker) return { span, text: words.trim(), cue: from[0].replace(/\s+(?:from|by)\s.*$/iu, ''), speaker };
  }
  for (const pattern of SPEAKER_FIRST) {
    const m = words.match(pattern);
    if (m?.index === undefined) continue;
    const speaker = findSubject(resolver, text, sentence.start, sentence.start + m.index);
    if (speaker) return { span, text: words.trim(), cue: m[0], speaker };
  }
  return null;
}
