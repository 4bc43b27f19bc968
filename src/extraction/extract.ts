import { attributeQuote, type Attribution } from './attribution.ts';
import { Cast } from './cast.ts';
import { analyse } from './nlp.ts';
import { findQuotes, type Quote } from './quotes.ts';
import { reportedStatements } from './reported.ts';
import { silenceIn } from './silence.ts';
import { suggestStance } from './stance.ts';
import type { ExtractOptions, Proposal, ProposedKind, ProposedSpeaker } from './types.ts';
import { Resolver } from './who.ts';

// From an article's plain text to the statements a careful editor would
// record: direct quotes with their speaker, reported statements, and recorded
// silence. Pure: no database and no HTTP, so it is tested on text alone; the
// web layer matches the proposed speakers to stored ones.

const PLAIN_SAY =
  /^(?:said|says|say|told|tells|added|adds|stated|states|wrote|writes|continued|noted|replied|responded|asked|posted|tweeted|recalled|according to)/i;

export function extractStatements(text: string, options: ExtractOptions = {}): Proposal[] {
  const analysis = analyse(text);
  const cast = new Cast(analysis);
  const resolver = new Resolver(
    cast,
    analysis.sentences.map((s) => s.start),
  );
  const quotes = findQuotes(text).filter((q) => worthRecording(text, q));
  const isQuoted = (at: number) => quotes.some((q) => at > q.open && at < q.close);
  const attributions = new Set<number>();
  const proposals: Proposal[] = [];

  let quoteIndex = 0;
  let previousClose = 0;
  let last: { speaker: Attribution['speaker']; paragraph: number; close: number } | null = null;
  analysis.sentences.forEach((sentence, index) => {
    const next = analysis.sentences[index + 1];
    // Quotes opening in this sentence, attributed in reading order.
    while (quoteIndex < quotes.length && (!next || quotes[quoteIndex]!.open < next.start)) {
      const quote = quotes[quoteIndex++]!;
      const paragraph = paragraphOf(text, quote.open);
      const found = attributeQuote(analysis, resolver, quote, previousClose);
      previousClose = quote.close;
      let attribution = found;
      if (!attribution && last && continues(text, last, quote, paragraph)) {
        attribution = { speaker: last.speaker, cue: 'continued', cueAt: -1 };
      }
      if (!attribution) continue;
      if (attribution.cueAt >= 0) attributions.add(attribution.cueAt);
      resolver.spoke(attribution.speaker.entity, attribution.speaker.mentionSpan?.start ?? quote.open);
      last = { speaker: attribution.speaker, paragraph, close: quote.close };
      proposals.push(quoteProposal(text, quote, attribution, options.topic));
    }
    const silence = silenceIn(analysis, resolver, index);
    if (silence) {
      resolver.spoke(silence.speaker.entity, silence.span.start);
      proposals.push({
        kind: 'no_comment',
        verbatim: false,
        text: silence.text,
        span: silence.span,
        speaker: speakerOf(silence.speaker),
        cue: silence.cue,
        stance: { stance: 'unclear', strength: 1, cues: [silence.cue], negated: false },
      });
      return;
    }
    for (const r of reportedStatements(analysis, resolver, isQuoted, (at) => attributions.has(at), index)) {
      if (proposals.some((p) => p.verbatim && p.span.start < r.span.end && r.span.start < p.span.end)) continue;
      resolver.spoke(r.speaker.entity, r.speaker.mentionSpan?.start ?? r.span.start);
      proposals.push({
        kind: kindFor('paraphrase', r.speaker),
        verbatim: false,
        text: r.text,
        span: r.span,
        speaker: speakerOf(r.speaker),
        cue: r.cue,
        stance: suggestStance(r.text, options.topic),
      });
    }
  });
  return proposals.sort((a, b) => a.span.start - b.span.start);
}

function quoteProposal(text: string, quote: Quote, attribution: Attribution, topic: string | undefined): Proposal {
  // "described the plan as “reckless”": the verb carries the stance as much as the quoted word.
  const lead = PLAIN_SAY.test(attribution.cue) || attribution.cueAt < 0 ? '' : `${text.slice(attribution.cueAt, quote.open)} `;
  return {
    kind: kindFor('quote', attribution.speaker),
    verbatim: true,
    text: quote.text,
    span: { start: quote.innerStart, end: quote.innerEnd },
    speaker: speakerOf(attribution.speaker),
    cue: attribution.cue,
    stance: suggestStance(`${lead}${quote.text}`, topic),
  };
}

// Governments and organisations speak as institutions: what they say is their official position.
function kindFor(kind: ProposedKind, speaker: ProposedSpeaker): ProposedKind {
  return speaker.kind === 'person' ? kind : 'official_position';
}

function speakerOf(s: ProposedSpeaker & { entity?: unknown }): ProposedSpeaker {
  return { name: s.name, mention: s.mention, mentionSpan: s.mentionSpan, kind: s.kind };
}

// An unattributed quote continues the last speaker when it follows in the same
// paragraph, or opens the next one ("“…,” he said.\n\n“…”").
function continues(text: string, last: { paragraph: number; close: number }, quote: Quote, paragraph: number): boolean {
  if (paragraph === last.paragraph) return true;
  return paragraph === last.paragraph + 1 && /\n\s*\n\s*$/.test(text.slice(last.close, quote.open));
}

function paragraphOf(text: string, at: number): number {
  return text.slice(0, at).split(/\n\s*\n/).length - 1;
}

// Scare quotes, titles and numbers are not statements.
function worthRecording(text: string, q: Quote): boolean {
  if (!/\p{L}/u.test(q.text)) return false;
  const before = text.slice(Math.max(0, q.open - 12), q.open).toLowerCase();
  return !/so-called\s*$|dubbed\s*$|titled\s*$|entitled\s*$|known as\s*$|nicknamed\s*$/.test(before);
}
