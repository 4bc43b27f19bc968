import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../paths';
import {
  scoreArticle,
  summariseSplit,
  type ArticleResult,
  type GroupFigures,
  type Ratio,
  type Report,
  type SplitReport,
} from './evaluate';
import { GROUPS, loadArticleFixtures, type GoldStatement, type Group } from './labelled-articles';
import { extractStatements } from './extract';
import type { Proposal } from './types';

// npm run eval:extract [-- --json] [-- --verbose] [-- --dir tests/fixtures/articles]
// Prints the extractor's quality on the labelled articles. CI prints it and
// never fails on the figures: the exit code is non-zero only for a crash or a
// malformed fixture.

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    dir: { type: 'string', default: path.join(PROJECT_ROOT, 'tests', 'fixtures', 'articles') },
  },
});

const GROUP_LABEL: Record<Group, string> = {
  direct: 'direct quotes',
  reported: 'reported statements',
  no_comment: 'no comment',
};

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);
const showRatio = (r: Ratio) => `${percent(r.rate)} (${r.correct}/${r.total})`;

function figuresRow(label: string, f: GroupFigures): string {
  const cells = [
    label,
    f.gold,
    f.proposed,
    f.matchedGold,
    percent(f.precision),
    percent(f.recall),
    f.speakerWrong,
    showRatio(f.kind),
    showRatio(f.stance),
    showRatio(f.stanceAndStrength),
  ];
  return `| ${cells.join(' | ')} |`;
}

const STANCES = ['supports', 'opposes', 'neutral', 'mixed', 'unclear'];

function confusionTable(table: Report['stanceConfusion']): string[] {
  return [
    'Stance of matched statements, labelled (rows) against suggested (columns):',
    '',
    `| labelled \\ suggested | ${STANCES.join(' | ')} |`,
    `|---|${STANCES.map(() => '--:').join('|')}|`,
    ...STANCES.map((gold) => `| ${gold} | ${STANCES.map((proposed) => table[gold]?.[proposed] ?? 0).join(' | ')} |`),
  ];
}

function figuresTable(report: Report): string[] {
  return [
    '| group | gold | proposed | matched | precision | recall | speaker wrong | kind | stance | stance + strength |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...GROUPS.map((group) => figuresRow(GROUP_LABEL[group], report.groups[group])),
    figuresRow('**all**', report.overall),
  ];
}

// The extractor was tuned while looking at some of the articles: their figures
// are optimistic, so the held-out ones are shown apart (only when there are any).
function splitTables(report: SplitReport): string[] {
  if (report.heldOut.articles === 0) return [];
  return [
    `### Held-out articles only (${report.heldOut.articles})`,
    '',
    'Articles written after the extractor was tuned and never shown to it (`"heldOut": true`): the honest figures.',
    '',
    ...figuresTable(report.heldOut),
    '',
    `### Tuned articles only (${report.tuned.articles})`,
    '',
    'Articles the extractor was tuned while looking at: optimistic figures.',
    '',
    ...figuresTable(report.tuned),
    '',
  ];
}

function markdown(report: SplitReport): string {
  return [
    `## Extraction quality (${report.articles} articles)`,
    '',
    ...figuresTable(report),
    '',
    'Matched: same speaker and spans sharing at least half of the shorter one, one to one. A proposal counts in the group',
    'of its own kind (precision), a gold statement in its own (recall). Kind and stance: over matched gold statements.',
    `Stance on the article's own topic (the one the extractor is told): ${showRatio(report.stanceOnArticleTopic)}.`,
    `Stance of statements other than no comment, by what the suggestion rests on: the statement's own words ${showRatio(report.stanceByEvidence.words)};`,
    `the same speaker's other statements or the sentences around ${showRatio(report.stanceByEvidence.speaker)}; nothing, so the commonest stance ${showRatio(report.stanceByEvidence.prior)}.`,
    `Run time: ${report.ms.total.toFixed(0)} ms in all, slowest article ${report.ms.slowestArticle.toFixed(0)} ms.`,
    '',
    ...splitTables(report),
    ...confusionTable(report.stanceConfusion),
  ].join('\n');
}

// The verbose listing is read by whoever improves the extractor: one line per
// problem, the words themselves, and enough of the labels to see what differs.
const clip = (text: string, max = 110) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
const goldWords = (g: GoldStatement) => `«${clip(g.span)}»`;
const proposedWords = (text: string, p: Proposal) => `«${clip(text.slice(p.span.start, p.span.end))}»`;
const goldLabel = (g: GoldStatement) => `${g.speaker} · ${g.kind} · ${g.stance}/${g.strength}`;
const proposalLabel = (p: Proposal) =>
  `${p.speaker.name} (as "${p.speaker.mention}") · ${p.kind} · ${p.stance.stance}/${p.stance.strength}` +
  (p.stance.cues.length ? ` cues: ${p.stance.cues.join(', ')}` : '');

function articleDetails(result: ArticleResult, text: string): string[] {
  const wrongSpeaker = new Set(result.speakerWrong.flatMap((p) => [p.gold, p.proposal] as unknown[]));
  const lines: string[] = [];
  for (const { gold, proposal } of result.speakerWrong) {
    lines.push(`  SPEAKER  [${gold.group}] ${goldWords(gold)}`, `           gold: ${goldLabel(gold)}`);
    lines.push(`           proposed: ${proposalLabel(proposal)}`);
  }
  for (const gold of result.missed.filter((g) => !wrongSpeaker.has(g))) {
    lines.push(`  MISSED   [${gold.group}] ${goldWords(gold)}`, `           gold: ${goldLabel(gold)}`);
  }
  for (const p of result.falsePositives.filter((fp) => !wrongSpeaker.has(fp))) {
    lines.push(
      `  EXTRA    [${p.verbatim ? 'direct' : p.kind}] ${proposedWords(text, p)}`,
      `           proposed: ${proposalLabel(p)}`,
    );
  }
  for (const { gold, proposal } of result.matched) {
    const kindWrong = gold.kind !== proposal.kind;
    const stanceWrong = gold.stance !== proposal.stance.stance || gold.strength !== proposal.stance.strength;
    if (!kindWrong && !stanceWrong) continue;
    lines.push(`  ${kindWrong ? 'KIND' : 'STANCE'.padEnd(6)}${kindWrong && stanceWrong ? '+ST' : '   '} ${goldWords(gold)}`);
    lines.push(`           gold: ${goldLabel(gold)}`, `           proposed: ${proposalLabel(proposal)}`);
  }
  return lines;
}

function verbose(results: ArticleResult[], texts: Map<string, string>): string {
  const out = [
    '',
    '## Per article: SPEAKER = span found, speaker wrong; MISSED; EXTRA = false positive; KIND/STANCE = matched, label differs',
  ];
  for (const result of results) {
    out.push(
      '',
      `### ${result.id}: gold ${result.gold.length}, proposed ${result.proposals.length}, matched ${result.matched.length} (${result.ms.toFixed(0)} ms)`,
    );
    const details = articleDetails(result, texts.get(result.id) ?? '');
    out.push(...(details.length ? details : ['  all matched, kinds and stances agree']));
  }
  return out.join('\n');
}

// With --json --verbose: the same problems as the listing, as data.
function jsonDetails(result: ArticleResult) {
  const gold = (g: GoldStatement) => ({ span: g.span, speaker: g.speaker, kind: g.kind, stance: g.stance, strength: g.strength });
  const proposal = (p: Proposal) => ({ text: p.text, span: p.span, speaker: p.speaker.name, kind: p.kind, stance: p.stance });
  return {
    id: result.id,
    heldOut: result.heldOut,
    ms: result.ms,
    missed: result.missed.map(gold),
    falsePositives: result.falsePositives.map(proposal),
    speakerWrong: result.speakerWrong.map((p) => ({ gold: gold(p.gold), proposal: proposal(p.proposal) })),
    labelsDiffer: result.matched
      .filter(
        (p) =>
          p.gold.kind !== p.proposal.kind ||
          p.gold.stance !== p.proposal.stance.stance ||
          p.gold.strength !== p.proposal.stance.strength,
      )
      .map((p) => ({ gold: gold(p.gold), proposal: proposal(p.proposal) })),
  };
}

function main(): void {
  const articles = loadArticleFixtures(values.dir);
  const results = articles.map((article) => {
    const started = performance.now();
    const proposals = extractStatements(article.text, { topic: article.topic });
    return scoreArticle(article, proposals, performance.now() - started);
  });
  const report = summariseSplit(results);
  if (values.json) {
    console.log(JSON.stringify(values.verbose ? { ...report, details: results.map(jsonDetails) } : report, null, 2));
    return;
  }
  console.log(markdown(report));
  if (values.verbose) console.log(verbose(results, new Map(articles.map((a) => [a.id, a.text]))));
}

try {
  main();
} catch (error) {
  // A malformed fixture or a crashing extractor: the only failures CI should see from this script.
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
}
