import request from 'supertest';
import { signInThroughForm } from './support/sign-in';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { ARTICLE_SOURCE, encodeFields, reviewFields, type ReviewRowFields } from './support/from-article';
import { errorBeside, textareaValue, inputValue, selectedValue } from './support/statement-fixtures';
import { useTestApp } from './support/test-app';
import { hostile, scriptProblems, shownText, writeState } from './security/support';

// POST /statements/from-article: every kept row of the review saved in one
// transaction, with one shared source; any failure writes nothing.

const ctx = useTestApp();

const save = (rows: ReviewRowFields[], article: Parameters<typeof reviewFields>[1] = {}) =>
  ctx.editor
    .post('/statements/from-article')
    .type('form')
    .send(encodeFields(reviewFields(rows, article)));

async function topic() {
  return makeTopic(ctx.prisma);
}

describe('saving the reviewed statements', () => {
  test('when two rows are kept and one dropped, then the two are saved with one shared source, a position each and a revision each, and the page lists them', async () => {
    const t = await topic();
    const before = await ctx.prisma.source.count();
    const rows: ReviewRowFields[] = [
      {
        speaker: 'Sheikh Kept One',
        text: 'all free countries must stand with us',
        topic: t.slug,
        stance: 'supports',
        strength: '2',
      },
      { speaker: 'Dropped Speaker', text: 'words that were dropped', topic: t.slug, keep: false },
      {
        speaker: 'Kingdom of Kept',
        new_speaker_kind: 'government',
        kind: 'official_position',
        text: 'categorically rejects any separatist calls',
        topic: t.slug,
        stance: 'opposes',
        strength: '2',
      },
    ];

    const res = await save(rows);

    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/statements\/from-article\/saved\?ids=\d+,\d+$/);
    const statements = await ctx.prisma.statement.findMany({
      where: { positions: { some: { topicId: t.id } } },
      select: {
        id: true,
        kind: true,
        text: true,
        saidOnPrecision: true,
        sourceUnknown: true,
        speaker: { select: { name: true, kind: true } },
        positions: { select: { stance: true, strength: true } },
        sources: { select: { source: true } },
      },
      orderBy: { id: 'asc' },
    });
    expect(statements.map((s) => [s.speaker.name, s.speaker.kind, s.kind, s.text])).toEqual([
      ['Sheikh Kept One', 'person', 'quote', 'all free countries must stand with us'],
      ['Kingdom of Kept', 'government', 'official_position', 'categorically rejects any separatist calls'],
    ]);
    expect(statements.map((s) => s.positions)).toEqual([
      [{ stance: 'supports', strength: 2 }],
      [{ stance: 'opposes', strength: 2 }],
    ]);
    expect(statements.every((s) => s.saidOnPrecision === 'month' && !s.sourceUnknown)).toBe(true);
    const sourceIds = new Set(statements.flatMap((s) => s.sources.map((l) => l.source.id)));
    expect(sourceIds.size).toBe(1);
    expect(statements[0]!.sources[0]!.source).toMatchObject({ publisher: 'Example News', url: ARTICLE_SOURCE.url });
    expect(await ctx.prisma.source.count()).toBe(before + 1);
    expect(await ctx.prisma.statement.count({ where: { text: 'words that were dropped' } })).toBe(0);
    expect(await ctx.prisma.speaker.count({ where: { name: 'Dropped Speaker' } })).toBe(0);
    const revisions = await ctx.prisma.revision.findMany({
      where: { entity: 'statement', entityId: { in: statements.map((s) => s.id) } },
      select: { action: true, actorId: true },
    });
    expect(revisions).toEqual([
      { action: 'create', actorId: ctx.editorAccount.user.id },
      { action: 'create', actorId: ctx.editorAccount.user.id },
    ]);
    expect(await ctx.prisma.currentStance.count({ where: { topicId: t.id } })).toBe(2);

    const page = await ctx.editor.get(res.headers.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('2 statements saved');
    for (const s of statements) expect(page.text).toContain(`href="/statements/${s.id}"`);
    expect(page.text).toContain('href="/speakers/sheikh-kept-one"');
    expect(page.text).toContain('href="/speakers/kingdom-of-kept"');
  });

  test('when a kept row names an existing speaker by an alias, then that speaker is reused, not duplicated', async () => {
    const t = await topic();
    const hijri = await makeSpeaker(ctx.prisma, { name: 'Hikmat Al Hijri Alias Test', aliases: ['Sheikh Alias Hijri'] });
    const speakers = await ctx.prisma.speaker.count();

    const res = await save([
      { speaker: 'Sheikh Alias Hijri', text: 'our path begins under a new banner', topic: t.slug },
      { speaker: 'Sheikh Alias Hijri', speaker_choice: hijri.slug, text: 'a separate region to protect us', topic: t.slug },
    ]);

    expect(res.status).toBe(303);
    expect(await ctx.prisma.speaker.count()).toBe(speakers);
    expect(await ctx.prisma.statement.count({ where: { speakerId: hijri.id } })).toBe(2);
  });

  test('when a row has a bad date and another no stance, then nothing is written and the review comes back with each message beside its field and every input kept', async () => {
    const t = await topic();
    const before = await writeState(ctx.prisma);

    const res = await save([
      { speaker: 'Valid Row Speaker', text: 'a valid row, not saved alone', topic: t.slug },
      {
        speaker: 'Bad Date Speaker',
        text: 'a row with a bad date',
        said_on: '2025-02-30',
        topic: t.slug,
        span_start: '0',
        span_end: '7',
      },
      { speaker: 'No Stance Speaker', text: 'a row with no stance', stance: '', topic: t.slug, keep: false },
      { speaker: 'No Stance Kept', text: 'kept without a stance', stance: '', topic: t.slug },
    ]);

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'rows-1-said_on')).toMatch(/real date/);
    expect(errorBeside(res.text, 'rows-3-stance')).toMatch(/Choose a stance/);
    expect(errorBeside(res.text, 'rows-2-stance')).toBeUndefined();
    expect(res.text).toContain('href="#rows-1-said_on"');
    expect(textareaValue(res.text, 'rows-0-text')).toBe('a valid row, not saved alone');
    expect(inputValue(res.text, 'rows-1-said_on')).toBe('2025-02-30');
    expect(inputValue(res.text, 'rows-2-speaker')).toBe('No Stance Speaker');
    expect(res.text).not.toMatch(/id="rows-2-keep" name="rows\[2\]\[keep\]" checked/);
    expect(res.text).toMatch(/id="rows-0-keep" name="rows\[0\]\[keep\]" checked/);
    expect(selectedValue(res.text, 'rows-0-topic')).toBe(t.slug);
    expect(inputValue(res.text, 'source-publisher')).toBe('Example News');
    // The article is still marked from the offsets the form carried.
    expect(res.text).toContain('<mark id="mark-2">');
    expect(await writeState(ctx.prisma)).toEqual(before);
  });

  test('when a row has no topic, or names a speaker choice that is not on record, then nothing is written and each message is beside its field', async () => {
    const t = await topic();
    const before = await writeState(ctx.prisma);

    const noTopic = await save([{ speaker: 'Topicless Speaker', text: 'said on no topic', topic: '' }]);
    const unknownChoice = await save([
      { speaker: 'Someone', speaker_choice: 'nobody-on-record', text: 'said by a forged choice', topic: t.slug },
    ]);

    expect(noTopic.status).toBe(422);
    expect(errorBeside(noTopic.text, 'rows-0-topic')).toBe('Choose a topic or name a new one');
    expect(unknownChoice.status).toBe(422);
    expect(errorBeside(unknownChoice.text, 'rows-0-speaker')).toBe('No speaker with the slug "nobody-on-record"');
    expect(await writeState(ctx.prisma)).toEqual(before);
  });

  test('when every row is dropped, then the review says there is nothing to save and nothing is written', async () => {
    const t = await topic();
    const before = await writeState(ctx.prisma);

    const res = await save([
      { speaker: 'Dropped A', text: 'first dropped', topic: t.slug, keep: false },
      { speaker: 'Dropped B', text: 'second dropped', topic: t.slug, keep: false },
    ]);

    expect(res.status).toBe(422);
    expect(res.text).toContain('<p class="field-error" id="rows-error">Every statement is dropped, so there is nothing to save');
    expect(res.text).toContain('href="#rows"');
    expect(await writeState(ctx.prisma)).toEqual(before);
  });

  test('when the source has no publisher, then nothing is written and the message sits beside the publisher field', async () => {
    const t = await topic();
    const before = await writeState(ctx.prisma);

    const res = await save([{ speaker: 'Sourceless', text: 'no source given', topic: t.slug }], { source: { publisher: '' } });

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'source-publisher')).toBe('Publisher is required');
    expect(await writeState(ctx.prisma)).toEqual(before);
  });

  test('when the second row repeats words its speaker has on record, then the first is not saved either; ticking “Record it anyway” saves both', async () => {
    const t = await topic();
    const speaker = await makeSpeaker(ctx.prisma, { name: 'Repeating Speaker' });
    await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      text: 'We will never accept it.',
      positions: [{ topic: t.slug, stance: 'opposes' }],
    });
    const before = await writeState(ctx.prisma);
    const rows: ReviewRowFields[] = [
      { speaker: 'First Of Two', text: 'a new statement', topic: t.slug },
      { speaker: 'Repeating Speaker', text: 'We will never accept it.', topic: t.slug, stance: 'opposes' },
    ];

    const refused = await save(rows);

    expect(refused.status).toBe(422);
    expect(errorBeside(refused.text, 'rows-1-text')).toMatch(/already has nearly the same words on record \(statement #\d+\)/);
    expect(refused.text).toContain('Record it anyway');
    expect(await writeState(ctx.prisma)).toEqual(before);

    rows[1]!.allow_duplicate = true;
    const saved = await save(rows);
    expect(saved.status).toBe(303);
    expect(await ctx.prisma.statement.count({ where: { speakerId: speaker.id } })).toBe(2);
    expect(await ctx.prisma.speaker.count({ where: { name: 'First Of Two' } })).toBe(1);
  });

  test('when a new speaker’s name is very close to one on record, then nothing is written and the close speaker is offered; choosing “a new speaker” creates it', async () => {
    const t = await topic();
    const existing = await makeSpeaker(ctx.prisma, { name: 'Hikmat Closename Hijri' });
    const before = await writeState(ctx.prisma);
    const row: ReviewRowFields = { speaker: 'Hikmat Closename Hijr', text: 'close names', topic: t.slug };

    const refused = await save([row]);

    expect(refused.status).toBe(422);
    expect(errorBeside(refused.text, 'rows-0-speaker')).toMatch(/very similar name is already on record/);
    expect(refused.text).toContain(`value="${existing.slug}"`);
    expect(await writeState(ctx.prisma)).toEqual(before);

    const saved = await save([{ ...row, speaker_choice: 'new' }]);
    expect(saved.status).toBe(303);
    expect(await ctx.prisma.speaker.count({ where: { name: 'Hikmat Closename Hijr' } })).toBe(1);
  });
});

describe('many rows, and bodies of the wrong shape', () => {
  test('when 25 rows are kept (past the 20 indices qs reads as a list), then all 25 are saved in their order', async () => {
    const t = await topic();
    const rows = Array.from({ length: 25 }, (_, i): ReviewRowFields => ({
      speaker: 'Prolific Speaker',
      new_speaker_kind: 'organisation',
      text: `Numbered remark ${i + 1} on the question`,
      topic: t.slug,
      allow_duplicate: true,
    }));

    const res = await save(rows);

    expect(res.status).toBe(303);
    const saved = await ctx.prisma.statement.findMany({
      where: { speaker: { name: 'Prolific Speaker' } },
      orderBy: { id: 'asc' },
    });
    expect(saved.map((s) => s.text)).toEqual(rows.map((r) => r.text));
    expect(res.headers.location).toBe(`/statements/from-article/saved?ids=${saved.map((s) => s.id).join(',')}`);
  });

  test.each([
    ['the article as a list', 'text[]=a&text[]=b'],
    ['the article as an object', 'text[a]=b'],
    ['rows as a string', 'rows=x'],
    ['a row as a string', 'rows[0]=x'],
    ['a row with nested fields', 'rows[0][keep]=on&rows[0][speaker][a]=b&rows[0][text][]=c&rows[0][cues]=x'],
    ['a huge row index', 'rows[4294967296][keep]=on&rows[4294967296][text]=x'],
    ['offsets out of range', 'rows[0][keep]=on&rows[0][span_start]=-5&rows[0][span_end]=99999999999'],
    ['the source as a string', 'source=x&rows[0][keep]=on'],
  ])('when the save is sent %s, then the review comes back with a message and nothing is written', async (_case, body) => {
    const before = await writeState(ctx.prisma);

    const res = await ctx.editor.post('/statements/from-article').type('form').send(body);

    expect(res.status).toBe(422);
    expect(res.text).toContain('Nothing was saved yet');
    expect(await writeState(ctx.prisma)).toEqual(before);
  });
});

describe('hostile text', () => {
  test('when every field of the review carries markup and the save fails, then the page shows it all as text and nothing is written', async () => {
    const t = await topic();
    const before = await writeState(ctx.prisma);
    const article = `Mr Hostile said “${hostile('quoted', true)}”. ${hostile('article', true)}`;
    const row: ReviewRowFields = {
      speaker: hostile('speaker'),
      speaker_choice: hostile('choice'),
      text: hostile('text', true),
      said_on: hostile('said_on'),
      topic: t.slug,
      new_topic: hostile('new_topic'),
      stance: hostile('stance'),
      mention: hostile('mention'),
      cues: [hostile('cue')],
      span_start: '3',
      span_end: '20',
    };

    const res = await save([row], {
      text: article,
      source: { publisher: hostile('publisher'), title: hostile('title'), url: hostile('url') },
    });

    expect(res.status).toBe(422);
    expect(scriptProblems(res.text)).toEqual([]);
    const shown = shownText(res.text);
    for (const field of [
      'quoted',
      'article',
      'speaker',
      'text',
      'said_on',
      'new_topic',
      'mention',
      'cue',
      'publisher',
      'title',
      'url',
    ])
      expect([field, shown.includes(hostile(field, ['quoted', 'article', 'text'].includes(field)))]).toEqual([field, true]);
    expect(await writeState(ctx.prisma)).toEqual(before);
  });
});

describe('who may save', () => {
  test('when a reader who is not signed in posts the review, then they are sent to sign in and nothing is written', async () => {
    const t = await topic();
    const before = await writeState(ctx.prisma);

    const res = await request(ctx.app)
      .post('/statements/from-article')
      .type('form')
      .send(encodeFields(reviewFields([{ speaker: 'Anonymous Row', text: 'not saved', topic: t.slug }])));

    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/sign-in/);
    expect(await writeState(ctx.prisma)).toEqual(before);
  });

  test('when a signed-in editor posts without the CSRF token, then the answer is 403 and nothing is written', async () => {
    const t = await topic();
    const { agent } = await signInThroughForm(ctx.app, ctx.prisma, 'editor');
    const before = await writeState(ctx.prisma);

    const res = await agent
      .post('/statements/from-article')
      .type('form')
      .send(encodeFields(reviewFields([{ speaker: 'No Token Row', text: 'not saved', topic: t.slug }])));

    expect(res.status).toBe(403);
    expect(res.text).toContain('This form has expired or was not sent from On Record');
    expect(await writeState(ctx.prisma)).toEqual(before);
  });
});
