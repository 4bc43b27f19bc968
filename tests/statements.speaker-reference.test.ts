import type { PrismaClient } from '../src/db/client';
import {
  AMBIGUOUS_SHOWN,
  SPEAKER_SUGGESTIONS,
  resolveSpeakerReference,
  speakerFieldText,
  statementFormChoices,
} from '../src/statements/statements.choices';
import { emptyTables } from './support/empty-tables';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { createTestDatabase, type TestDatabase } from './support/test-database';

let db: TestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = db.prisma;
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await emptyTables(prisma);
});

const speaker = (slug: string, name: string, aliases: string[] = []) =>
  prisma.speaker.create({
    data: { slug, name, kind: 'organisation', aliases: { create: aliases.map((a) => ({ name: a })) } },
    select: { slug: true, name: true },
  });

describe('resolveSpeakerReference', () => {
  test('when the exact slug is typed, then that speaker is found', async () => {
    const hamas = await speaker('hamas', 'Islamic Resistance Movement');

    await expect(resolveSpeakerReference(prisma, 'hamas')).resolves.toEqual({ match: 'one', speaker: hamas });
  });

  test('when the slug is typed in capitals with spaces around, then that speaker is found', async () => {
    const hamas = await speaker('hamas', 'Islamic Resistance Movement');

    await expect(resolveSpeakerReference(prisma, '  HAMAS ')).resolves.toEqual({ match: 'one', speaker: hamas });
  });

  test('when the name is typed in another case, then that speaker is found', async () => {
    const minister = await speaker('asaad-al-shaibani', 'Asaad al-Shaibani');

    await expect(resolveSpeakerReference(prisma, 'ASAAD AL-shaibani')).resolves.toEqual({ match: 'one', speaker: minister });
  });

  test('when a name in another script is typed with other capitals, then it is found', async () => {
    const emile = await speaker('emile-lahoud', 'Émile Lahoud');

    await expect(resolveSpeakerReference(prisma, 'émile LAHOUD')).resolves.toEqual({ match: 'one', speaker: emile });
  });

  test('when an alias is typed in another case, then its speaker is found', async () => {
    const president = await speaker('ahmed-al-sharaa', 'Ahmed al-Sharaa', ['Abu Mohammad al-Julani']);

    await expect(resolveSpeakerReference(prisma, 'abu mohammad AL-JULANI')).resolves.toEqual({
      match: 'one',
      speaker: president,
    });
  });

  test('when the text is one speaker’s slug and another’s name, then the slug wins', async () => {
    const bySlug = await speaker('sdf', 'Syrian Democratic Forces');
    await speaker('sdf-party', 'SDF');

    await expect(resolveSpeakerReference(prisma, 'sdf')).resolves.toEqual({ match: 'one', speaker: bySlug });
  });

  test('when the text is one speaker’s name and another’s alias, then the name wins', async () => {
    const byName = await speaker('the-council', 'The Council');
    await speaker('military-council', 'Sweida Military Council', ['the council']);

    await expect(resolveSpeakerReference(prisma, 'The council')).resolves.toEqual({ match: 'one', speaker: byName });
  });

  test('when two speakers share the alias, then both are returned as an ambiguous alias', async () => {
    const first = await speaker('first-ministry', 'Ministry of Interior (Syria)', ['Interior Ministry']);
    const second = await speaker('second-ministry', 'Ministry of Interior (Lebanon)', ['interior ministry']);

    await expect(resolveSpeakerReference(prisma, 'Interior Ministry')).resolves.toEqual({
      match: 'several',
      via: 'alias',
      speakers: [first, second],
      more: false,
    });
  });

  test('when two speakers share the name, then both are returned as an ambiguous name', async () => {
    const first = await speaker('john-smith', 'John Smith');
    const second = await speaker('john-smith-2', 'john smith');

    await expect(resolveSpeakerReference(prisma, 'John Smith')).resolves.toEqual({
      match: 'several',
      via: 'name',
      speakers: [first, second],
      more: false,
    });
  });

  test('when one speaker holds the alias twice in different cases, then it is one match', async () => {
    const one = await speaker('the-ministry', 'The Ministry', ['MoI', 'moi']);

    await expect(resolveSpeakerReference(prisma, 'Moi')).resolves.toEqual({ match: 'one', speaker: one });
  });

  test('when more speakers share an alias than are listed, then the first are listed and `more` says there are others', async () => {
    for (let i = 0; i < AMBIGUOUS_SHOWN + 3; i++) await speaker(`body-${i}`, `Body ${i}`, ['The Body']);

    const found = await resolveSpeakerReference(prisma, 'the body');

    expect(found).toMatchObject({ match: 'several', via: 'alias', more: true });
    expect(found.match === 'several' && found.speakers.map((s) => s.slug)).toEqual(
      Array.from({ length: AMBIGUOUS_SHOWN }, (_, i) => `body-${i}`),
    );
  });

  test.each([
    ['nothing matches', 'Nobody at all'],
    ['the text is blank', '   '],
    ['% and _ would match as wildcards', 'Ahmed%'],
    ['_ stands for one letter', 'Ahmed al_Sharaa'],
    ['the text is only part of a name', 'Ahmed'],
  ])('when %s, then no speaker is found', async (_, typed) => {
    await speaker('ahmed-al-sharaa', 'Ahmed al-Sharaa', ['Ahmed al Sharaa']);

    await expect(resolveSpeakerReference(prisma, typed)).resolves.toEqual({ match: 'none' });
  });
});

describe('speakerFieldText', () => {
  test('when the slug names a speaker, then the field shows the name', async () => {
    await speaker('asaad-al-shaibani', 'Asaad al-Shaibani');

    await expect(speakerFieldText(prisma, 'asaad-al-shaibani')).resolves.toBe('Asaad al-Shaibani');
  });

  test('when another speaker has the same name, then the field shows the slug, which is unambiguous', async () => {
    await speaker('john-smith', 'John Smith');
    await speaker('john-smith-2', 'John Smith');

    await expect(speakerFieldText(prisma, 'john-smith-2')).resolves.toBe('john-smith-2');
  });

  test('when the slug names nobody, then the field shows it as given', async () => {
    await expect(speakerFieldText(prisma, 'no-such-speaker')).resolves.toBe('no-such-speaker');
  });
});

describe('statementFormChoices', () => {
  test('when there are more speakers than the form suggests, then the most recently updated are suggested, by name', async () => {
    const base = Date.UTC(2025, 0, 1);
    // The first speaker created is the most recently updated; the second is the least.
    await prisma.speaker.createMany({
      data: Array.from({ length: SPEAKER_SUGGESTIONS + 1 }, (_, i) => ({
        slug: `speaker-${i}`,
        name: `Speaker ${String(i).padStart(3, '0')}`,
        kind: 'person' as const,
        updatedAt: new Date(i === 0 ? base + 10_000_000 : base + i * 1000),
      })),
    });

    const { speakers } = await statementFormChoices(prisma);

    expect(speakers).toHaveLength(SPEAKER_SUGGESTIONS);
    expect(speakers.map((s) => s.slug)).toContain('speaker-0');
    expect(speakers.map((s) => s.slug)).not.toContain('speaker-1');
    expect(speakers.map((s) => s.name)).toEqual(speakers.map((s) => s.name).sort());
  });

  test('when a long-known speaker has just been quoted, then they are suggested before speakers only added recently', async () => {
    await prisma.speaker.createMany({
      data: Array.from({ length: SPEAKER_SUGGESTIONS }, (_, i) => ({
        slug: `fresh-${i}`,
        name: `Fresh ${String(i).padStart(3, '0')}`,
        kind: 'person' as const,
        updatedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000),
      })),
    });
    const veteran = await prisma.speaker.create({
      data: { slug: 'veteran', name: 'Veteran', kind: 'government', updatedAt: new Date(Date.UTC(2001, 0, 1)) },
    });
    const topic = await makeTopic(prisma);
    await makeStatement(prisma, { speaker: veteran.slug, positions: [{ topic: topic.slug, stance: 'supports' }] });

    const { speakers } = await statementFormChoices(prisma);

    expect(speakers).toHaveLength(SPEAKER_SUGGESTIONS);
    expect(speakers.map((s) => s.slug)).toContain('veteran');
    expect(speakers.map((s) => s.slug)).not.toContain('fresh-0');
  });

  test('when a speaker is created through the factory, then it is among the suggestions', async () => {
    const made = await makeSpeaker(prisma);

    await expect(statementFormChoices(prisma)).resolves.toMatchObject({ speakers: [{ slug: made.slug, name: made.name }] });
  });
});
