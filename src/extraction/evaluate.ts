import { evidenceOf } from './stance';
import { GROUPS, groupOf, type GoldStatement, type Group, type LabelledArticle } from './labelled-articles';
import type { Proposal, TextSpan } from './types';

// The extractor's scorer. It knows nothing of how proposals are made, so the
// labelled articles in tests/fixtures/articles measure the extractor rather
// than restate it. Everything here is pure.

const HONORIFICS = new Set(['mr', 'ms', 'mrs', 'miss', 'dr', 'prof', 'professor', 'sheikh', 'president', 'sir', 'dame']);

/** Names compare equal when they differ only in case, accents, punctuation, hyphens or a leading honorific. */
export function normaliseName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-‐-―]/g, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .split(/\s+/)
    .filter(Boolean);
  while (words.length > 1 && HONORIFICS.has(words[0]!)) words.shift();
  return words.join(' ');
}

export function speakerAgrees(gold: GoldStatement, proposedName: string): boolean {
  const proposed = normaliseName(proposedName);
  return [gold.speaker, ...gold.aliases].some((name) => normaliseName(name) === proposed);
}

function overlap(a: TextSpan, b: TextSpan): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** Spans coincide when they share at least half of the shorter one. */
export function spansCoincide(a: TextSpan, b: TextSpan): boolean {
  const shorter = Math.min(a.end - a.start, b.end - b.start);
  return shorter > 0 && overlap(a, b) * 2 >= shorter;
}

export type Pair = { gold: GoldStatement; proposal: Proposal };

export type ArticleResult = {
  id: string;
  heldOut: boolean;
  gold: GoldStatement[];
  proposals: Proposal[];
  matched: Pair[];
  missed: GoldStatement[];
  falsePositives: Proposal[];
  /** Unmatched pairs whose spans coincide but whose speakers differ: attribution errors. */
  speakerWrong: Pair[];
  ms: number;
};

// One-to-one, largest overlap first: a proposal covering two gold quotes counts once.
function greedyPairs(gold: GoldStatement[], proposals: Proposal[], accept: (p: Pair) => boolean): Pair[] {
  const candidates: (Pair & { shared: number })[] = [];
  for (const g of gold) {
    for (const proposal of proposals) {
      const pair = { gold: g, proposal };
      if (spansCoincide(g, proposal.span) && accept(pair)) candidates.push({ ...pair, shared: overlap(g, proposal.span) });
    }
  }
  candidates.sort((a, b) => b.shared - a.shared || a.gold.start - b.gold.start || a.proposal.span.start - b.proposal.span.start);
  const usedGold = new Set<GoldStatement>();
  const usedProposals = new Set<Proposal>();
  const pairs: Pair[] = [];
  for (const { gold: g, proposal } of candidates) {
    if (usedGold.has(g) || usedProposals.has(proposal)) continue;
    usedGold.add(g);
    usedProposals.add(proposal);
    pairs.push({ gold: g, proposal });
  }
  return pairs;
}

export function scoreArticle(article: LabelledArticle, proposals: Proposal[], ms = 0): ArticleResult {
  const gold = article.statements;
  const matched = greedyPairs(gold, proposals, ({ gold: g, proposal }) => speakerAgrees(g, proposal.speaker.name));
  const matchedGold = new Set(matched.map((p) => p.gold));
  const matchedProposals = new Set(matched.map((p) => p.proposal));
  const missed = gold.filter((g) => !matchedGold.has(g));
  const falsePositives = proposals.filter((p) => !matchedProposals.has(p));
  const speakerWrong = greedyPairs(missed, falsePositives, () => true);
  return { id: article.id, heldOut: article.heldOut, gold, proposals, matched, missed, falsePositives, speakerWrong, ms };
}

export type Ratio = { correct: number; total: number; rate: number | null };

export type GroupFigures = {
  gold: number;
  proposed: number;
  /** Gold statements found (recall's numerator). */
  matchedGold: number;
  /** Proposals that found a gold statement (precision's numerator); differs from matchedGold only across groups. */
  matchedProposed: number;
  precision: number | null;
  recall: number | null;
  speakerWrong: number;
  kind: Ratio;
  stance: Ratio;
  stanceAndStrength: Ratio;
};

export type Report = {
  articles: number;
  overall: GroupFigures;
  groups: Record<Group, GroupFigures>;
  /** Stance over matched pairs whose gold statement is about the article's own topic (the one the extractor was told). */
  stanceOnArticleTopic: Ratio;
  /** Stance of matched statements other than no comment, by what the suggestion rests on. */
  stanceByEvidence: Record<'words' | 'speaker' | 'prior', Ratio>;
  /** Matched pairs counted by gold stance, then by proposed stance: where the stance suggestion goes wrong. */
  stanceConfusion: Record<string, Record<string, number>>;
  ms: { total: number; slowestArticle: number };
};

function ratio(correct: number, total: number): Ratio {
  return { correct, total, rate: total === 0 ? null : correct / total };
}

function figures(results: ArticleResult[], inGroup: (g: Group) => boolean): GroupFigures {
  const gold = results.flatMap((r) => r.gold).filter((g) => inGroup(g.group));
  const proposed = results.flatMap((r) => r.proposals).filter((p) => inGroup(groupOf(p)));
  const pairs = results.flatMap((r) => r.matched);
  const byGold = pairs.filter((p) => inGroup(p.gold.group));
  const byProposal = pairs.filter((p) => inGroup(groupOf(p.proposal)));
  const count = (test: (p: Pair) => boolean) => byGold.filter(test).length;
  return {
    gold: gold.length,
    proposed: proposed.length,
    matchedGold: byGold.length,
    matchedProposed: byProposal.length,
    precision: proposed.length === 0 ? null : byProposal.length / proposed.length,
    recall: gold.length === 0 ? null : byGold.length / gold.length,
    speakerWrong: results.flatMap((r) => r.speakerWrong).filter((p) => inGroup(p.gold.group)).length,
    kind: ratio(
      count((p) => p.gold.kind === p.proposal.kind),
      byGold.length,
    ),
    stance: ratio(
      count((p) => p.gold.stance === p.proposal.stance.stance),
      byGold.length,
    ),
    stanceAndStrength: ratio(
      count((p) => p.gold.stance === p.proposal.stance.stance && p.gold.strength === p.proposal.stance.strength),
      byGold.length,
    ),
  };
}

function confusion(pairs: Pair[]): Record<string, Record<string, number>> {
  const table: Record<string, Record<string, number>> = {};
  for (const { gold, proposal } of pairs) {
    const row = (table[gold.stance] ??= {});
    row[proposal.stance.stance] = (row[proposal.stance.stance] ?? 0) + 1;
  }
  return table;
}

function byEvidence(pairs: Pair[]): Report['stanceByEvidence'] {
  const said = pairs.filter((p) => p.gold.kind !== 'no_comment');
  const on = (e: 'words' | 'speaker' | 'prior') => {
    const some = said.filter((p) => evidenceOf(p.proposal.stance) === e);
    return ratio(some.filter((p) => p.gold.stance === p.proposal.stance.stance).length, some.length);
  };
  return { words: on('words'), speaker: on('speaker'), prior: on('prior') };
}

export function summarise(results: ArticleResult[]): Report {
  const groups = Object.fromEntries(GROUPS.map((group) => [group, figures(results, (g) => g === group)])) as Record<
    Group,
    GroupFigures
  >;
  const onTopic = results.flatMap((r) => r.matched).filter((p) => p.gold.topic === undefined);
  return {
    articles: results.length,
    overall: figures(results, () => true),
    groups,
    stanceOnArticleTopic: ratio(onTopic.filter((p) => p.gold.stance === p.proposal.stance.stance).length, onTopic.length),
    stanceByEvidence: byEvidence(results.flatMap((r) => r.matched)),
    stanceConfusion: confusion(results.flatMap((r) => r.matched)),
    ms: {
      total: results.reduce((sum, r) => sum + r.ms, 0),
      slowestArticle: results.reduce((max, r) => Math.max(max, r.ms), 0),
    },
  };
}

export type SplitReport = Report & {
  /** The same figures over the articles the extractor was tuned on only: optimistic. */
  tuned: Report;
  /** The same figures over the held-out articles only: the honest ones. */
  heldOut: Report;
};

/** The report over all articles, with the same report for the tuned and the held-out articles apart. */
export function summariseSplit(results: ArticleResult[]): SplitReport {
  return {
    ...summarise(results),
    tuned: summarise(results.filter((r) => !r.heldOut)),
    heldOut: summarise(results.filter((r) => r.heldOut)),
  };
}
