import type { Analysis } from './nlp';
import { sentenceAt } from './nlp';
import type { Quote } from './quotes';
import { findSubject } from './subject';
import type { Resolver } from './who';

// Who said a quote: the reporting verb and its subject after the quote
// ("…,” said X / “…”, X said / “…,” he told reporters), or before it
// (X said “…” / X said it “…” / X told reporters: “…” / according to X, “…”).

const SAY =
  'said|says|say|saying|told|tells|added|adds|stated|states|declared|declares|wrote|writes|insisted|insists|argued|argues|explained|explains|stressed|stresses|continued|continues|warned|warns|urged|urges|vowed|vows|pledged|pledges|promised|promises|announced|announces|noted|notes|replied|replies|responded|responds|asked|asks|claimed|claims|acknowledged|acknowledges|admitted|admits|posted|posts|tweeted|wrote|recalled|recalls|predicted|predicts|cautioned|conceded|concedes|concluded|complained|complains|emphasised|emphasized|emphasises|emphasizes|maintained|maintains|remarked|observed|asserted|asserts|shouted|chanted|said on|told reporters|told a|told the|told an';
const REPORT =
  'called|calls|calling|described|describes|describing|branding|labelling|labeling|demanded|demands|rejected|rejects|condemned|condemns|welcomed|welcomes|accused|accuses|denounced|denounces|dismissed|dismisses|branded|brands|labelled|labeled|criticised|criticized|praised|praises|hailed|hails|slammed|slams';

const VERB_AFTER = new RegExp(`^[\\s,—–-]*(${SAY})\\s+(.+?)(?=[.;:!?]|$)`, 'iu');
const SUBJECT_AFTER = new RegExp(
  `^[\\s,—–-]*(?!(?:while|and|but|as|whereas|although|though|when|after|before|because|since|if|with)\\b)([^“”"«»‘’,.;:]{1,80}?)\\s+(?:(?:also|later|then|again|earlier|previously|quickly|simply|recently|firmly|has|had|have)\\s+)?(${SAY})\\b`,
  'iu',
);
// "…,’ the agency's director, Mats Ekholm, said": a description, then the name, then the verb.
const DESCRIBED_AFTER = new RegExp(
  `^[\\s,—–-]*((?:the|a|an|its|his|her|their)\\s[^“”"«»‘’,.;:]{1,60}?,\\s+[^“”"«»‘’,.;:]{2,40}?),?\\s+(${SAY})\\b`,
  'iu',
);
const ACCORDING_AFTER = /^[\s,—–-]*according to\s+(.+?)(?=[,.;:!?]|$)/iu;
// The last reporting verb before the quote: a greedy start skips earlier ones.
const VERB_BEFORE = new RegExp(`^[\\s\\S]*\\b(${SAY}|${REPORT}|according to)\\b([^“”"«».!?]*)$`, 'iu');

const WINDOW = 400;

export type Attribution = { speaker: NonNullable<ReturnType<Resolver['resolve']>>; cue: string; cueAt: number };

/** Where the sentence that a quote sits in ends (the quote's own full stops do not count). */
function sentenceEndAfter(text: string, from: number): number {
  // An attribution sits within a few hundred characters of its quote; looking further only costs time.
  const rest = text.slice(from, from + WINDOW);
  const m = rest.match(/(?<!\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Sen|Rep|Gov|Prof|No))[.!?](?=\s|$)|\n|[“«"]/u);
  return m?.index === undefined ? Math.min(text.length, from + WINDOW) : from + m.index;
}

export function attributeQuote(analysis: Analysis, resolver: Resolver, quote: Quote, previousClose: number): Attribution | null {
  const { text } = analysis;
  const afterEnd = sentenceEndAfter(text, quote.close);
  const after = text.slice(quote.close, afterEnd);

  const verbFirst = after.match(VERB_AFTER);
  // "…», said it would challenge the law": what follows the verb is a report of its own, not the speaker.
  if (
    verbFirst?.[2] &&
    !/\b(?:would|will|had|has|have|was|were|is|are|could|should|must|might|can|did|does)\b/i.test(verbFirst[2])
  ) {
    const subjectAt = quote.close + after.indexOf(verbFirst[2], verbFirst[0].length - verbFirst[2].length);
    const speaker = resolver.resolve(verbFirst[2], subjectAt);
    if (speaker) return { speaker, cue: verbFirst[1]!, cueAt: quote.close + after.indexOf(verbFirst[1]!) };
  }
  const subjectFirst = after.match(SUBJECT_AFTER);
  if (subjectFirst?.[1]) {
    const subjectAt = quote.close + after.indexOf(subjectFirst[1]);
    const speaker = resolver.resolve(subjectFirst[1], subjectAt);
    if (speaker)
      return { speaker, cue: subjectFirst[2]!, cueAt: quote.close + after.indexOf(subjectFirst[2]!, subjectFirst[1].length) };
  }
  const described = after.match(DESCRIBED_AFTER);
  if (described?.[1]) {
    const speaker = resolver.resolve(described[1], quote.close + after.indexOf(described[1]));
    if (speaker) return { speaker, cue: described[2]!, cueAt: quote.close + after.indexOf(described[2]!, described[1].length) };
  }
  const according = after.match(ACCORDING_AFTER);
  if (according?.[1]) {
    const speaker = resolver.resolve(according[1], quote.close + after.indexOf(according[1]));
    if (speaker) return { speaker, cue: 'according to', cueAt: quote.close + after.indexOf('according') };
  }

  // Before the quote, within its sentence and after any earlier quote in it.
  const sentence = analysis.sentences[sentenceAt(analysis, quote.open)];
  const from = Math.max(
    sentence?.start ?? 0,
    previousClose,
    quote.open - WINDOW,
    paragraphStart(text, quote.open, sentence?.start ?? 0),
  );
  const head = text.slice(from, quote.open);
  const verb = head.match(VERB_BEFORE);
  if (verb?.index !== undefined && verb[1]) {
    const filler = verb[2] ?? '';
    // "said it “…”", "told reporters: “…”", "said the government would expand grants, so that “…”".
    if (filler.trim().split(/\s+/).filter(Boolean).length <= 20) {
      const verbAt = from + verb[0].length - verb[1].length - filler.length;
      if (verb[1].toLowerCase() === 'according to') {
        const who = filler.replace(/,\s*$/, '');
        const speaker = resolver.resolve(who, verbAt + verb[0].indexOf(who, 12));
        if (speaker) return { speaker, cue: 'according to', cueAt: verbAt };
      } else {
        const speaker = findSubject(resolver, text, from, verbAt);
        if (speaker) return { speaker, cue: verb[1], cueAt: verbAt };
      }
    }
  }
  return null;
}

function paragraphStart(text: string, at: number, notBefore: number): number {
  // Only the stretch since the sentence began matters, so the search stops there.
  const i = text.slice(notBefore, at).lastIndexOf('\n\n');
  if (i !== -1) return notBefore + i + 2;
  return 0;
}
