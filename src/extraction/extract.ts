import { attributeQuote, type Attribution } from './attribution';
import { Cast } from './cast';
import { analyse, sentenceAt, type Analysis } from './nlp';
import { findQuotes, type Quote } from './quotes';
import { frontedReport, reportedStatements } from './reported';
import { silenceIn } from './silence';
import { afterTurn, framedBy } from './stance-frame';
import { COMMONEST_STANCE_CUE, ELSEWHERE_CUE, eventOf, readStance, type ArticleEvent, type StanceReading } from './stance';
import type { ExtractOptions, Proposal, ProposedKind, ProposedSpeaker, StanceSuggestion } from './types';
import { Resolver } from './who';

// From an article's plain text to the statements a careful editor would
// record: direct quotes with their speaker, reported statements, and recorded
// silence. Pure: no database and no HTTP, so it is tested on text alone; the
// web layer matches the proposed speakers to stored ones.

const PLAIN_SAY =
  /^(?:said|says|say|told|tells|added|adds|stated|states|wrote|writes|continued|noted|replied|responded|asked|posted|tweeted|recalled|according to)/i;

export function extractStatements(text: string, options: ExtractOptions = {}): Proposal[] {
  const analysis = analyse(text);
  const cast = new Cast(analysis);
  const allQuotes = findQuotes(text);
  const quotes = allQuotes.filter((q) => worthRecording(text, q));
  const within = (list: Quote[]) => (at: number) => {
    const q = list[lastAtOrBefore(list, (x) => x.open, at)];
    return q !== undefined && at > q.open && at < q.close;
  };
  const isQuoted = within(quotes);
  // Any quoted words, a title or a slogan too, name no speaker.
  const resolver = new Resolver(
    cast,
    analysis.sentences.map((s) => s.start),
    within(allQuotes),
  );
  const first = analysis.sentences[0];
  const event = eventOf(first ? text.slice(first.start, first.end) : '', options.topic);
  const paragraphStarts = [0, ...[...text.matchAll(/\n\s*\n/g)].map((m) => (m.index ?? 0) + m[0].length)];
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
      const paragraph = lastAtOrBefore(paragraphStarts, (p) => p, quote.open);
      const found = attributeQuote(analysis, resolver, quote, previousClose);
      let attribution = found;
      if (
        !attribution &&
        last &&
        continues(text, last, quote, paragraph) &&
        (last.close > sentence.start || opensSentence(text, sentence.start, quote.open))
      ) {
        attribution = { speaker: last.speaker, cue: 'continued', cueAt: -1 };
      }
      if (!attribution) continue;
      // Only a recorded quote bounds the next one's attribution: a book title does not.
      previousClose = quote.close;
      if (attribution.cueAt >= 0) attributions.add(attribution.cueAt);
      resolver.spoke(attribution.speaker.entity, attribution.speaker.mentionSpan?.start ?? quote.open);
      last = { speaker: attribution.speaker, paragraph, close: quote.close };
      proposals.push(quoteProposal(text, quote, attribution, options.topic, event));
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
    const fronted = frontedReport(analysis, resolver, index);
    const reported = reportedStatements(analysis, resolver, isQuoted, (at) => attributions.has(at), index);
    for (const r of fronted ? [fronted, ...reported] : reported) {
      if (proposals.some((p) => p.verbatim && p.span.start < r.span.end && r.span.start < p.span.end)) continue;
      resolver.spoke(r.speaker.entity, r.speaker.mentionSpan?.start ?? r.span.start);
      proposals.push({
        kind: kindFor('paraphrase', r.speaker),
        verbatim: false,
        text: r.text,
        span: r.span,
        speaker: speakerOf(r.speaker),
        cue: r.cue,
        stance: framedBy(readStance(r.text, options.topic, event), r.cue, r.text),
      });
    }
  });
  const contexts = proposals.map((p) => (p.kind === 'no_comment' ? null : contextReading(analysis, p, options.topic, event)));
  return agreeWithSpeakers(proposals, contexts).sort((a, b) => a.span.start - b.span.start);
}

/**
 * A speaker keeps one position through an article far more often than not, so
 * a statement whose own words state no position (a strong cue) takes the one
 * the same speaker's other statements state, and says so in its cues.
 */
// With no cue at all, the commonest stance of a statement quoted on a topic (supports) is the
// likeliest, and the review page says that nothing in the words led to it.
const PRIOR = (own: StanceSuggestion): StanceSuggestion => ({
  ...own,
  stance: 'supports',
  strength: 1,
  cues: [COMMONEST_STANCE_CUE],
});

function agreeWithSpeakers(proposals: Proposal[], contexts: (StanceReading | null)[]): Proposal[] {
  const lean = new Map<string, { score: number; cues: string[] }>();
  proposals.forEach((p, i) => {
    if (p.kind === 'no_comment') return;
    const reading = p.stance as StanceReading;
    const entry = lean.get(p.speaker.name) ?? { score: 0, cues: [] };
    entry.score += 2 * (reading.strongScore + reading.weakScore);
    if (reading.strongScore !== 0 || reading.weakScore !== 0) entry.cues.push(...reading.cues.slice(0, 2));
    const context = contexts[i];
    if (context && (context.strongScore !== 0 || context.weakScore !== 0)) {
      entry.score += Math.sign(context.strongScore !== 0 ? context.strongScore : context.weakScore);
      entry.cues.push(...context.cues.slice(0, 1).map((c) => `around: ${c}`));
    }
    lean.set(p.speaker.name, entry);
  });
  return proposals.map((p) => {
    const { strongScore, weakScore: _weak, settled, ...own } = p.stance as StanceReading;
    if (p.kind === 'no_comment' || strongScore !== 0 || settled) return { ...p, stance: own };
    const speaker = lean.get(p.speaker.name);
    if (!speaker || speaker.score === 0) return { ...p, stance: own.stance === 'unclear' ? PRIOR(own) : own };
    const stance = speaker.score > 0 ? 'supports' : 'opposes';
    if (stance === own.stance) return { ...p, stance: own };
    const elsewhere = [...new Set(speaker.cues)].slice(0, 3).map((c) => `${p.speaker.name}${ELSEWHERE_CUE}${c}`);
    return { ...p, stance: { stance, strength: 1, cues: [...own.cues, ...elsewhere], negated: own.negated } };
  });
}

// The sentences that carry a statement and name its speaker, without any quoted words
// (those are statements of their own): "The decision was criticised by Finance Minister
// Omar Khalil, who said …" places the speaker even where the words do not.
function contextReading(analysis: Analysis, p: Proposal, topic: string | undefined, event: ArticleEvent): StanceReading {
  const { text } = analysis;
  const around = [p.span.start, p.span.end - 1, p.speaker.mentionSpan?.start ?? p.span.start].map((at) =>
    sentenceAt(analysis, at),
  );
  let firstIndex = Math.min(...around);
  // "The Air Travel Council rejected the plan. Its chief executive, Mark Ellery, said…": someone
  // who speaks for the institution just named stands with it.
  const opening = text.slice(analysis.sentences[firstIndex]!.start, analysis.sentences[firstIndex]!.start + 40);
  if (firstIndex > 0 && /^(?:[“"«‘]\s*)?(?:its|their|the\s+\w+(?:'|’)s)\s/i.test(opening) && p.speaker.kind === 'person')
    firstIndex--;
  const first = analysis.sentences[firstIndex]!;
  const last = analysis.sentences[Math.max(...around)]!;
  const rest = `${text.slice(first.start, p.span.start)} ${text.slice(p.span.end, last.end)}`.replace(
    /“[^”]*”|"[^"]*"|«[^»]*»|‘[^’]*’/g,
    ' ',
  );
  return readStance(rest, topic, event);
}

function quoteProposal(
  text: string,
  quote: Quote,
  attribution: Attribution,
  topic: string | undefined,
  event: ArticleEvent,
): Proposal {
  // "described the plan as “reckless”": the verb carries the stance as much as the quoted word.
  const lead = PLAIN_SAY.test(attribution.cue) || attribution.cueAt < 0 ? '' : `${text.slice(attribution.cueAt, quote.open)} `;
  return {
    kind: kindFor('quote', attribution.speaker),
    verbatim: true,
    text: quote.text,
    span: { start: quote.innerStart, end: quote.innerEnd },
    speaker: speakerOf(attribution.speaker),
    cue: attribution.cue,
    stance: afterTurn(readStance(`${lead}${quote.text}`, topic, event), quote.text, paragraphBefore(text, quote.open)),
  };
}

// The words of a paragraph before a point in it, up to a sentence or two.
function paragraphBefore(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - 300), at);
  return before.slice(before.search(/\n\s*\n(?![\s\S]*\n\s*\n)/) + 1);
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

/** The index of the last item whose key is at or before `at` (items sorted by key), or -1. */
function lastAtOrBefore<T>(items: T[], key: (item: T) => number, at: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]!) <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

// Scare quotes, titles and numbers are not statements.
function worthRecording(text: string, q: Quote): boolean {
  if (!/\p{L}/u.test(q.text)) return false;
  // "Tier 1", "5.2 million tonnes": a quoted figure or label, not a statement.
  if (/\d/.test(q.text) && q.text.split(/\s+/).length <= 4) return false;
  // "Machines That See", "Breathe Verrin", "Concretegate": a title, a slogan or a label inside a
  // sentence, not something said (“Never,” she said, opening a sentence, is).
  if (titleCase(q.text) && !/(?:^|[.!?:]\s+|\n\s*)$/.test(text.slice(Math.max(0, q.open - 3), q.open))) return false;
  const before = text.slice(Math.max(0, q.open - 12), q.open).toLowerCase();
  return !/so-called\s*$|dubbed\s*$|titled\s*$|entitled\s*$|known as\s*$|nicknamed\s*$/.test(before);
}

const SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'not']);
/** Every word capitalised but the small ones, in a few words: the way titles and names are written. */
function titleCase(words: string): boolean {
  const list = words.trim().split(/\s+/);
  if (list.length > 7) return false;
  const big = list.filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
  return big.length > 0 && big.every((w) => /^[\p{Lu}\d]/u.test(w)) && !/[.!?]$/.test(words.trim());
}

// "Someone had painted "Puffins not rockets" on the wall": only a quote that opens its
// sentence, or follows the last speaker's in the same sentence, can be that speaker going on.
const opensSentence = (text: string, sentenceStart: number, open: number) =>
  open <= sentenceStart || /^[\s“"«‘]*$/u.test(text.slice(sentenceStart, open));
