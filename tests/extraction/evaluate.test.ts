import { normaliseName, scoreArticle, spansCoincide, summarise, summariseSplit } from '../../src/extraction/evaluate';
import { labelArticle, locateSpan, type LabelledArticle } from '../../src/extraction/labelled-articles';
import { COMMONEST_STANCE_CUE, ELSEWHERE_CUE } from '../../src/extraction/stance';
import type { Proposal, ProposedKind } from '../../src/extraction/types';

// The scorer is tested with hand-made proposals only, so its figures do not
// depend on how good the extractor is.

const TEXT =
  'Ms Okafor said “we will not accept this deal”. The union called for a general strike. ' +
  'The ministry declined to comment. “It is a good day,” said Dr Amara Diallo.';

const ARTICLE: LabelledArticle = labelArticle('test', TEXT, {
  source: { publisher: 'Test', publishedOn: '2025-01' },
  topic: 'The deal',
  statements: [
    {
      speaker: 'Ngozi Okafor',
      aliases: ['Ms Okafor'],
      kind: 'quote',
      verbatim: true,
      span: 'we will not accept this deal',
      stance: 'opposes',
      strength: 1,
    },
    {
      speaker: 'Dockworkers Union',
      aliases: ['the union'],
      kind: 'official_position',
      verbatim: false,
      span: 'called for a general strike',
      topic: 'Strike',
      stance: 'supports',
      strength: 1,
    },
    {
      speaker: 'Ministry of Labour',
      aliases: ['the ministry'],
      kind: 'no_comment',
      verbatim: false,
      span: 'The ministry declined to comment.',
      stance: 'unclear',
      strength: 1,
    },
    { speaker: 'Amara Diallo', kind: 'quote', verbatim: true, span: 'It is a good day', stance: 'supports', strength: 1 },
  ],
});

function proposal(
  span: string,
  speaker: string,
  kind: ProposedKind,
  stance: Proposal['stance']['stance'] = 'unclear',
  strength: 1 | 2 = 1,
): Proposal {
  const { start, end } = locateSpan(TEXT, span);
  return {
    kind,
    verbatim: kind === 'quote',
    text: span,
    span: { start, end },
    speaker: { name: speaker, mention: speaker, mentionSpan: null, kind: 'person' },
    cue: 'said',
    stance: { stance, strength, cues: [], negated: false },
  };
}

const PERFECT: Proposal[] = [
  proposal('we will not accept this deal', 'Ngozi Okafor', 'quote', 'opposes'),
  proposal('called for a general strike', 'Dockworkers Union', 'official_position', 'supports'),
  proposal('The ministry declined to comment.', 'Ministry of Labour', 'no_comment', 'unclear'),
  proposal('It is a good day', 'Amara Diallo', 'quote', 'supports'),
];

describe('the extraction scorer', () => {
  test('when the proposals are the gold statements, then precision, recall and accuracies are all 1', () => {
    const report = summarise([scoreArticle(ARTICLE, PERFECT, 5)]);
    expect(report.overall).toMatchObject({ gold: 4, proposed: 4, matchedGold: 4, precision: 1, recall: 1, speakerWrong: 0 });
    expect(report.overall.kind.rate).toBe(1);
    expect(report.overall.stanceAndStrength.rate).toBe(1);
    expect(report.groups.direct).toMatchObject({ gold: 2, proposed: 2, recall: 1 });
    expect(report.groups.reported).toMatchObject({ gold: 1, proposed: 1, recall: 1 });
    expect(report.groups.no_comment).toMatchObject({ gold: 1, proposed: 1, recall: 1 });
    expect(report.ms.total).toBe(5);
  });

  test('when nothing is proposed, then recall is 0 and precision is undefined, not a division by zero', () => {
    const report = summarise([scoreArticle(ARTICLE, [])]);
    expect(report.overall).toMatchObject({ gold: 4, proposed: 0, matchedGold: 0, precision: null, recall: 0 });
    expect(report.overall.stance).toEqual({ correct: 0, total: 0, rate: null });
  });

  test('when the span is right but the speaker wrong, then it is a miss, a false positive and an attribution error', () => {
    const result = scoreArticle(ARTICLE, [proposal('It is a good day', 'Ngozi Okafor', 'quote', 'supports')]);
    expect(result.matched).toHaveLength(0);
    expect(result.falsePositives).toHaveLength(1);
    expect(result.speakerWrong.map((p) => p.gold.speaker)).toEqual(['Amara Diallo']);
    expect(summarise([result]).groups.direct).toMatchObject({ precision: 0, speakerWrong: 1 });
  });

  test('when a speaker is named by an alias, an honorific, other case or hyphens, then it agrees', () => {
    const result = scoreArticle(ARTICLE, [
      proposal('we will not accept this deal', 'MS OKAFOR', 'quote'),
      proposal('called for a general strike', 'The Union', 'paraphrase'),
      proposal('It is a good day', 'Dr Amara-Diallo', 'quote'),
    ]);
    expect(result.matched).toHaveLength(3);
    expect(normaliseName('Sheikh Hikmat al-Hijri')).toBe(normaliseName('Hikmat Al Hijri'));
  });

  test('when spans overlap by half the shorter one, then they match; by less, they do not', () => {
    expect(spansCoincide({ start: 0, end: 10 }, { start: 5, end: 40 })).toBe(true);
    expect(spansCoincide({ start: 0, end: 10 }, { start: 6, end: 40 })).toBe(false);
    const longer = proposal('Ms Okafor said “we will not accept this deal”.', 'Ngozi Okafor', 'quote', 'opposes');
    expect(scoreArticle(ARTICLE, [longer]).matched).toHaveLength(1);
  });

  test('when one proposal covers two gold statements, then it matches only one of them (the larger overlap)', () => {
    const both = { ...proposal('It is a good day', 'Ngozi Okafor', 'quote'), span: { start: 0, end: TEXT.length } };
    const result = scoreArticle(ARTICLE, [both, proposal('we will not accept this deal', 'Ngozi Okafor', 'quote')]);
    expect(result.matched).toHaveLength(1);
    expect(result.falsePositives).toHaveLength(1);
  });

  test('when two proposals claim one gold statement, then the larger overlap wins and the other is a false positive', () => {
    const exact = proposal('we will not accept this deal', 'Ngozi Okafor', 'quote');
    const part = proposal('we will not accept', 'Ngozi Okafor', 'quote');
    const result = scoreArticle(ARTICLE, [part, exact]);
    expect(result.matched.map((p) => p.proposal)).toEqual([exact]);
    expect(result.falsePositives).toEqual([part]);
  });

  test('when the kind or stance differs, then the pair still matches and only the accuracies drop', () => {
    const report = summarise([
      scoreArticle(ARTICLE, [
        proposal('we will not accept this deal', 'Ngozi Okafor', 'paraphrase', 'opposes', 2),
        proposal('It is a good day', 'Amara Diallo', 'quote', 'opposes'),
      ]),
    ]);
    expect(report.overall.matchedGold).toBe(2);
    expect(report.overall.kind).toMatchObject({ correct: 1, total: 2 });
    expect(report.overall.stance).toMatchObject({ correct: 1, total: 2 });
    expect(report.overall.stanceAndStrength).toMatchObject({ correct: 0, total: 2 });
    expect(report.stanceConfusion).toEqual({ opposes: { opposes: 1 }, supports: { opposes: 1 } });
    // A paraphrase proposed for a direct quote counts for the reported group's precision.
    expect(report.groups.reported).toMatchObject({ proposed: 1, matchedProposed: 1, matchedGold: 0 });
  });

  test('when stances rest on different evidence, then each kind of evidence is scored apart, no comment left out', () => {
    const withCues = (p: Proposal, cues: string[]): Proposal => ({ ...p, stance: { ...p.stance, cues } });
    const report = summarise([
      scoreArticle(ARTICLE, [
        withCues(proposal('we will not accept this deal', 'Ngozi Okafor', 'quote', 'opposes'), ['not accept']),
        withCues(proposal('called for a general strike', 'Dockworkers Union', 'official_position', 'opposes'), [
          `Dockworkers Union${ELSEWHERE_CUE}rejected`,
        ]),
        withCues(proposal('The ministry declined to comment.', 'Ministry of Labour', 'no_comment'), ['declined to comment']),
        withCues(proposal('It is a good day', 'Amara Diallo', 'quote', 'supports'), [COMMONEST_STANCE_CUE]),
      ]),
    ]);
    expect(report.stanceByEvidence).toEqual({
      words: { correct: 1, total: 1, rate: 1 },
      speaker: { correct: 0, total: 1, rate: 0 },
      prior: { correct: 1, total: 1, rate: 1 },
    });
  });

  test('when an article is marked held out, then it is read so; unmarked, it is a tuned one; not a boolean, it fails', () => {
    const base = { source: { publisher: 'Test', publishedOn: '2025' }, topic: 'T' };
    const statements = [{ speaker: 'X', kind: 'paraphrase', verbatim: false, span: 'one', stance: 'neutral', strength: 1 }];
    expect(labelArticle('a', 'one', { ...base, statements }).heldOut).toBe(false);
    expect(labelArticle('a', 'one', { heldOut: true, ...base, statements }).heldOut).toBe(true);
    expect(() => labelArticle('a', 'one', { heldOut: 'yes', ...base, statements })).toThrow(/a: .*heldOut/s);
  });

  test('when some articles are held out, then the split report scores them and the tuned ones apart', () => {
    const heldOut: LabelledArticle = { ...ARTICLE, id: 'held', heldOut: true };
    const report = summariseSplit([scoreArticle(ARTICLE, PERFECT, 5), scoreArticle(heldOut, [], 7)]);
    expect(report.articles).toBe(2);
    expect(report.overall).toMatchObject({ gold: 8, matchedGold: 4, recall: 0.5 });
    expect(report.tuned.articles).toBe(1);
    expect(report.tuned.overall).toMatchObject({ gold: 4, matchedGold: 4, recall: 1, precision: 1 });
    expect(report.tuned.ms.total).toBe(5);
    expect(report.heldOut.articles).toBe(1);
    expect(report.heldOut.overall).toMatchObject({ gold: 4, proposed: 0, matchedGold: 0, recall: 0, precision: null });
    expect(report.heldOut.groups.no_comment).toMatchObject({ gold: 1, recall: 0 });
    expect(report.heldOut.ms.total).toBe(7);
  });

  test('when no article is held out, then the held-out report is empty and the tuned one is the whole', () => {
    const report = summariseSplit([scoreArticle(ARTICLE, PERFECT)]);
    expect(report.heldOut).toMatchObject({ articles: 0, overall: { gold: 0, precision: null, recall: null } });
    expect({ ...report.tuned }).toEqual({ ...summarise([scoreArticle(ARTICLE, PERFECT)]) });
  });

  test('when a span is missing or ambiguous, then labelling the article fails naming the statement', () => {
    const base = { source: { publisher: 'Test', publishedOn: '2025' }, topic: 'T' };
    const statement = { speaker: 'X', kind: 'paraphrase', verbatim: false, stance: 'neutral', strength: 1 };
    expect(() => labelArticle('a', 'one two', { ...base, statements: [{ ...statement, span: 'three' }] })).toThrow(
      /a: statement 1: span not found/,
    );
    expect(() => labelArticle('a', 'one one', { ...base, statements: [{ ...statement, span: 'one' }] })).toThrow(/2 times/);
    const second = labelArticle('a', 'one one', { ...base, statements: [{ ...statement, span: 'one', occurrence: 2 }] });
    expect(second.statements[0]).toMatchObject({ start: 4, end: 7 });
  });
});
