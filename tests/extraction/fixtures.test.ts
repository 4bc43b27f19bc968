import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_STATEMENTS } from '../../src/demo/seed-article';
import {
  articleNumber,
  loadArticleFixtures,
  type GoldStatement,
  type LabelledArticle,
} from '../../src/extraction/labelled-articles';

// The labelled articles are the yardstick of the extractor: a label that points
// at the wrong words would silently skew every figure, so each one is checked.

const DIR = path.join(__dirname, '..', 'fixtures', 'articles');
const SEED_ID = '01-druze-separate-region';
// SHA-256 of shared/seed-article.txt, the project's reference article (CI clones only this repository).
const SEED_SHA256 = 'b4a305d8962a5bc3f3193938e89e1085a721023f54d8ff8f37bdee79c777a992';

const OPENING_MARKS = '“"«‘\'';
const CLOSING_MARKS = '”"»’\'';

const articles: LabelledArticle[] = loadArticleFixtures(DIR);
const all: { article: LabelledArticle; statement: GoldStatement }[] = articles.flatMap((article) =>
  article.statements.map((statement) => ({ article, statement })),
);
const label = ({ article, statement }: (typeof all)[number]) => `${article.id}: "${statement.span.slice(0, 60)}"`;

describe('the labelled articles', () => {
  test('when the folder is read, then it holds at least 20 articles, each a .txt and a .json of one name', () => {
    const names = readdirSync(DIR).filter((name) => name !== 'README.md');
    const stems = (ext: string) =>
      names
        .filter((n) => n.endsWith(ext))
        .map((n) => n.slice(0, -ext.length))
        .sort();
    expect(stems('.txt')).toEqual(stems('.json'));
    expect(names.every((n) => /^\d{2,3}-[a-z0-9-]+\.(txt|json)$/.test(n))).toBe(true);
    expect(articles.length).toBeGreaterThanOrEqual(20);
  });

  test('when the folder is read, then the articles come in the order of their numbers (100 after 99), each number once', () => {
    const numbers = articles.map((a) => articleNumber(a.id));
    expect(numbers.every((n, i) => i === 0 || n > numbers[i - 1]!)).toBe(true);
  });

  test('when the seed article is read, then it is the reference article byte for byte', () => {
    const text = readFileSync(path.join(DIR, `${SEED_ID}.txt`));
    expect(createHash('sha256').update(text).digest('hex')).toBe(SEED_SHA256);
  });

  test('when the seed article is labelled, then every quote of the demo data is one of its gold statements', () => {
    const seed = articles.find((a) => a.id === SEED_ID)!;
    const verbatim = DEMO_STATEMENTS.filter((s) => s.kind === 'quote' || s.kind === 'official_position');
    for (const demo of verbatim) {
      const gold = seed.statements.find((s) => s.span === demo.text);
      expect({ demo: demo.key, kind: gold?.kind, stance: gold?.stance }).toEqual({
        demo: demo.key,
        kind: demo.kind,
        stance: demo.positions[0]!.stance,
      });
    }
  });

  test.each(all.map((entry) => [label(entry), entry] as const))(
    'when %s is labelled verbatim, then its span sits between quote marks',
    (_name, { article, statement }) => {
      if (!statement.verbatim) return;
      const before = article.text[statement.start - 1] ?? '';
      const after = article.text.slice(statement.end, statement.end + 2);
      expect(OPENING_MARKS).toContain(before);
      expect(after).toMatch(new RegExp(`^[,.;:!?]?[${CLOSING_MARKS}]`));
    },
  );

  test('when any span is read, then it has no space at either end, and a verbatim one no quote mark either', () => {
    const edge = (verbatim: boolean) => (verbatim ? /^[\s“”"«»‘’']|[\s“”"«»‘’']$/ : /^\s|\s$/);
    const bad = all.filter(({ statement: { span, verbatim } }) => edge(verbatim).test(span)).map(label);
    expect(bad).toEqual([]);
  });

  test('when the speaker is named, then the article names them so (by name or by one of the aliases)', () => {
    const unnamed = all
      .filter(({ article, statement }) =>
        [statement.speaker, ...statement.aliases].every((name) => !article.text.toLowerCase().includes(name.toLowerCase())),
      )
      .map(label);
    expect(unnamed).toEqual([]);
  });

  test('when two statements of an article are labelled, then their spans do not overlap', () => {
    const overlapping = articles.flatMap((article) =>
      article.statements.flatMap((a, i) =>
        article.statements
          .slice(i + 1)
          .filter((b) => a.start < b.end && b.start < a.end)
          .map((b) => `${article.id}: ${a.span} / ${b.span}`),
      ),
    );
    expect(overlapping).toEqual([]);
  });

  test('when the set is counted, then it has enough direct, reported and no-comment statements to measure', () => {
    const count = (group: string) => all.filter(({ statement }) => statement.group === group).length;
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(count('direct')).toBeGreaterThanOrEqual(60);
    expect(count('reported')).toBeGreaterThanOrEqual(40);
    expect(count('no_comment')).toBeGreaterThanOrEqual(15);
  });

  test('when the held-out articles are counted, then there are at least seven, numbered after every tuned one', () => {
    const heldOut = articles.filter((a) => a.heldOut);
    const tuned = articles.filter((a) => !a.heldOut);
    expect(heldOut.length).toBeGreaterThanOrEqual(7);
    // Held-out articles are added after the tuned ones, so the split stays one cut in the folder's order.
    expect(heldOut.every((h) => tuned.every((t) => articleNumber(t.id) < articleNumber(h.id)))).toBe(true);
    const groups = new Set(heldOut.flatMap((a) => a.statements.map((s) => s.group)));
    expect([...groups].sort()).toEqual(['direct', 'no_comment', 'reported']);
  });

  test.each([
    ['curly double quotes', '“'],
    ['straight double quotes', '"'],
    ['guillemets', '«'],
    ['single quotes', '‘'],
  ])('when the held-out articles are searched for %s, then at least one verbatim statement has them', (_shape, mark) => {
    const found = articles
      .filter((a) => a.heldOut)
      .flatMap((a) => a.statements.filter((s) => s.verbatim && a.text[s.start - 1] === mark));
    expect(found.length).toBeGreaterThanOrEqual(1);
  });

  test.each([
    ['curly double quotes', (s: GoldStatement, t: string) => s.verbatim && t[s.start - 1] === '“'],
    ['straight double quotes', (s: GoldStatement, t: string) => s.verbatim && t[s.start - 1] === '"'],
    ['guillemets', (s: GoldStatement, t: string) => s.verbatim && t[s.start - 1] === '«'],
    ['single quotes', (s: GoldStatement, t: string) => s.verbatim && t[s.start - 1] === '‘'],
    ['a quote over two paragraphs', (s: GoldStatement) => s.verbatim && s.span.includes('\n\n')],
    ['"no immediate reaction"', (s: GoldStatement) => s.span.includes('no immediate reaction')],
    ['"declined to comment"', (s: GoldStatement) => s.span.includes('declined to comment')],
    ['"did not respond to a request for comment"', (s: GoldStatement) => s.span.includes('did not respond to a request')],
    ['a statement on its own topic', (s: GoldStatement) => s.topic !== undefined],
    ['a strong stance', (s: GoldStatement) => s.strength === 2],
    ['a mixed stance', (s: GoldStatement) => s.stance === 'mixed'],
  ])('when the set is searched for %s, then at least three statements have it', (_shape, has) => {
    expect(all.filter(({ article, statement }) => has(statement, article.text)).length).toBeGreaterThanOrEqual(3);
  });

  test('when distractors are listed, then each is in its article and no gold statement records it', () => {
    const fixtures = articles.map((article) => ({
      article,
      notRecorded: (
        JSON.parse(readFileSync(path.join(DIR, `${article.id}.json`), 'utf8')) as { notRecorded?: { span: string }[] }
      ).notRecorded,
    }));
    const distractors = fixtures.flatMap(({ article, notRecorded = [] }) => notRecorded.map(({ span }) => ({ article, span })));
    expect(distractors.length).toBeGreaterThanOrEqual(5);
    for (const { article, span } of distractors) {
      expect(article.text).toContain(span);
      expect(article.statements.filter((s) => s.span.includes(span) || span.includes(s.span))).toEqual([]);
    }
  });
});
