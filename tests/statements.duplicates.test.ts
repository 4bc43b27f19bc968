import { DUPLICATE_THRESHOLD, DUPLICATES_SHOWN, findDuplicateStatements } from '../src/statements/statements.duplicates';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { hrefs } from './support/html';
import { errorBeside, formFields, inputValue, rowCounts, textareaValue, urlencoded } from './support/statement-fixtures';
import { useTestApp } from './support/test-app';

// A new statement nearly identical to one its speaker already has on record:
// the API answers 409 duplicate_statement unless allow_duplicate, the form 422
// with the existing statement and a "Record it anyway" checkbox.

const ctx = useTestApp();

const ORIGINAL =
  'Saudi Arabia categorically rejects any separatist calls that would divide Syria and threaten its unity and sovereignty.';

let speaker: string;
let other: string;
let topic: string;
let existingId: number;

beforeAll(async () => {
  speaker = (await makeSpeaker(ctx.prisma, { name: 'Kingdom Foreign Ministry', kind: 'government' })).slug;
  other = (await makeSpeaker(ctx.prisma, { name: 'Gulf Council Secretariat', kind: 'organisation' })).slug;
  topic = (await makeTopic(ctx.prisma, { name: 'Unity of Syria' })).slug;
  const res = await post({ text: ORIGINAL, said_on: '2025-08-04' });
  expect(res.status).toBe(201);
  existingId = res.body.id;
});

function post(extra: Record<string, unknown>, who = speaker) {
  return ctx.editor.post('/api/v1/statements').send({
    speaker: who,
    kind: 'official_position',
    said_on: '2025-08',
    source_unknown: true,
    positions: [{ topic, stance: 'opposes' }],
    ...extra,
  });
}

describe('POST /api/v1/statements, duplicate check', () => {
  test.each([
    ['the same words', ORIGINAL],
    [
      'other spacing, case and punctuation',
      `  saudi arabia CATEGORICALLY rejects any separatist calls, that would divide Syria\n and threaten its unity — and sovereignty!! `,
    ],
    ['one word changed', ORIGINAL.replace('threaten', 'endanger')],
    ['a word dropped', ORIGINAL.replace(' categorically', '')],
  ])(
    'when a statement repeats an existing one of the same speaker (%s), then 409 duplicate_statement names it and nothing is saved',
    async (_, text) => {
      const before = await rowCounts(ctx.prisma);

      const res = await post({ text });

      expect(res.status).toBe(409);
      expect(res.body.error).toEqual({
        code: 'duplicate_statement',
        message: expect.stringContaining(`#${existingId}`),
        existing_id: existingId,
        existing_ids: [existingId],
      });
      expect(await rowCounts(ctx.prisma)).toEqual(before);
    },
  );

  test('when the repeat is undated, or dated a year later, then it is still found', async () => {
    const undated = await post({ text: ORIGINAL.replace('threaten', 'imperil'), said_on: undefined });
    const later = await post({ text: ORIGINAL.replace('threaten', 'weaken'), said_on: '2026-08' });

    expect([undated.status, later.status]).toEqual([409, 409]);
    expect(later.body.error.existing_id).toBe(existingId);
  });

  test('when the same "no comment" is recorded again, on another topic, then it is saved: silences repeat their words', async () => {
    const otherTopic = (await makeTopic(ctx.prisma, { name: 'Another question' })).slug;
    const first = await post({ kind: 'no_comment', text: 'No immediate comment.' });
    const second = await post({
      kind: 'no_comment',
      text: 'No immediate comment.',
      positions: [{ topic: otherTopic, stance: 'unclear' }],
    });

    expect([first.status, second.status]).toEqual([201, 201]);
  });

  test('when the text shares words with an existing one but says something else, then it is saved (201)', async () => {
    const res = await post({
      text: 'Saudi Arabia welcomes the steps taken to protect civilians in Sweida and calls for calm.',
    });

    expect(res.status).toBe(201);
  });

  test('when another speaker says the same words, then it is saved (201)', async () => {
    const res = await post({ text: ORIGINAL }, other);

    expect(res.status).toBe(201);
  });

  test('when allow_duplicate is true, then the repeat is saved (201)', async () => {
    const res = await post({ text: ORIGINAL, allow_duplicate: true, said_on: '2025-09' });

    expect(res.status).toBe(201);
    const dupes = await post({ text: ORIGINAL });
    expect(dupes.body.error.existing_ids).toEqual([existingId, res.body.id]);
  });

  test('the threshold is high: one changed word in a sentence of eighteen passes it, a different sentence does not', () => {
    expect(DUPLICATE_THRESHOLD).toBeGreaterThanOrEqual(0.7);
    expect(DUPLICATE_THRESHOLD).toBeLessThan(0.95);
  });
});

describe('POST /statements/new, duplicate check', () => {
  const submit = (fields: Record<string, string>) => ctx.editor.post('/statements/new').type('form').send(urlencoded(fields));

  test('when the words repeat a statement on record, then 422 shows it (excerpt, date, link), keeps everything typed and offers "Record it anyway"', async () => {
    const before = await rowCounts(ctx.prisma);
    const text = ORIGINAL.toUpperCase();

    const res = await submit(formFields('Kingdom Foreign Ministry', topic, { text, place: 'Riyadh, typed' }));

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'text')).toMatch(/nearly the same words (is|are) already on record/);
    expect(hrefs(res.text)).toContain(`/statements/${existingId}`);
    expect(res.text).toContain('4 August 2025');
    expect(res.text).toContain('categorically rejects any separatist calls');
    expect(res.text).toContain('Record it anyway');
    expect(textareaValue(res.text, 'text')).toBe(text);
    expect(inputValue(res.text, 'place')).toBe('Riyadh, typed');
    expect(await rowCounts(ctx.prisma)).toEqual(before);
  });

  test('when "Record it anyway" is ticked, then it is saved (303)', async () => {
    const res = await submit(formFields('Kingdom Foreign Ministry', topic, { text: ORIGINAL, allow_duplicate: 'on' }));

    expect(res.status).toBe(303);
  });

  test('when the statement on record holds markup, then the warning shows it escaped', async () => {
    const hostile = `<script>alert(1)</script> said the spokesman, <img src=x onerror=alert(2)>`;
    expect((await post({ text: hostile })).status).toBe(201);

    const res = await submit(formFields('Kingdom Foreign Ministry', topic, { text: hostile }));

    expect(res.status).toBe(422);
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; said the spokesman');
  });
});

describe('the near check skips texts whose trigram counts and signatures rule a match out', () => {
  // The shortcut is only sound if it never hides a match: here every statement
  // of one speaker (fewer than the window, so all are compared) is checked
  // both ways, through the app's check and by plain similarity over them all.
  const BASE = 'The minister said the new port would bring jobs and trade to the whole northern coast of the country';
  const variants = [
    BASE,
    BASE.replace('new ', ''),
    BASE.replace('whole ', 'entire '),
    BASE + ' within five years',
    BASE.replace(' of the country', ''),
    BASE.split(' ').slice(0, 12).join(' '),
    BASE + ' and would be open to ships of every size by the end of the decade',
    'Short remark',
    BASE.toUpperCase().replace('JOBS', 'WORK'),
  ];

  /**
   * Checks the app's answer for `probe` against the definition: the exact key
   * if any, else plain similarity() over all of the speaker's statements (all
   * in the window here); returns how many near matches there were.
   */
  async function expectPlainSimilarity(speakerId: number, probe: string, saidOn: Date | null): Promise<number> {
    const found = await ctx.prisma.$transaction((tx) => findDuplicateStatements(tx, speakerId, probe, saidOn));
    const plain = await ctx.prisma.$queryRaw<{ id: number }[]>`
      SELECT id FROM statements WHERE speaker_id = ${speakerId}
        AND similarity(match_key(text), match_key(${probe})) >= ${DUPLICATE_THRESHOLD}::real
      ORDER BY similarity(match_key(text), match_key(${probe})) DESC, id LIMIT ${DUPLICATES_SHOWN}`;
    const exact = await ctx.prisma.$queryRaw<{ id: number }[]>`
      SELECT id FROM statements WHERE speaker_id = ${speakerId} AND match_key(text) = match_key(${probe}) ORDER BY id LIMIT ${DUPLICATES_SHOWN}`;
    expect(found.map((m) => m.id)).toEqual((exact.length > 0 ? exact : plain).map((r) => r.id));
    return plain.length;
  }

  test('when statements of every length surround a text, then the check finds exactly what plain similarity finds, and each count is pg_trgm’s', async () => {
    const who = await makeSpeaker(ctx.prisma, { name: 'Port Authority Council', kind: 'organisation' });
    const where = await makeTopic(ctx.prisma, { name: 'The northern port' });
    for (const text of variants) {
      await makeStatement(ctx.prisma, {
        speaker: who.slug,
        text,
        positions: [{ topic: where.slug, stance: 'supports' }],
      });
    }
    const counts = await ctx.prisma.$queryRaw<{ same: boolean }[]>`
      SELECT key_trigrams = coalesce(array_length(show_trgm(match_key(text)), 1), 0) AS same FROM statements WHERE speaker_id = ${who.id}`;
    expect(counts.map((c) => c.same)).toEqual(variants.map(() => true));

    for (const probe of [...variants, BASE.replace('trade', 'commerce'), BASE.slice(0, 60)]) {
      await expectPlainSimilarity(who.id, probe, new Date('2025-08-04'));
    }
  });

  test('when many statements are small edits of one another, then the check finds exactly what plain similarity finds for each', async () => {
    const who = await makeSpeaker(ctx.prisma, { name: 'Harbour Works Board', kind: 'organisation' });
    const words =
      'the board will widen and deepen harbour channel before winter storms so that larger ships can dock safely at night'.split(
        ' ',
      );
    const pool = ['new', 'old', 'quay', 'crane', 'north', 'south', 'quickly', 'ferries', 'Ça', 'élan', 'ship'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    // Each text drops, swaps or adds a few words of the last: neighbours sit on both sides of the threshold.
    const texts: string[] = [];
    let current = [...words];
    for (let i = 0; i < 40; i++) {
      const next = [...current];
      for (let edits = 1 + random(3); edits > 0; edits--) {
        const at = random(next.length);
        const op = random(3);
        if (op === 0 && next.length > 4) next.splice(at, 1);
        else if (op === 1) next[at] = pool[random(pool.length)]!;
        else next.splice(at, 0, pool[random(pool.length)]!);
      }
      texts.push(next.join(' '));
      current = random(4) === 0 ? [...words] : next;
    }
    const distinct = [...new Set(texts)];
    await ctx.prisma.statement.createMany({
      data: distinct.map((text) => ({ speakerId: who.id, kind: 'quote' as const, text, language: 'en', sourceUnknown: true })),
    });

    let matched = 0;
    for (const probe of [...distinct.slice(0, 25), words.join(' '), words.slice(3).join(' ')]) {
      matched += await expectPlainSimilarity(who.id, probe, null);
    }
    // The texts are close enough that most probes have near duplicates: the comparison above is not vacuous.
    expect(matched).toBeGreaterThan(20);
  });
});
