import request from 'supertest';
import { SPEAKER_SUGGESTIONS, TOPIC_CHOICES } from '../src/statements/statements.choices';
import { TEXT_MAX } from '../src/statements/statements.schema';
import { emptyTables } from './support/empty-tables';
import { makeSpeaker, makeTopic } from './support/factories';
import {
  ARABIC,
  XSS,
  datalistValues,
  errorBeside,
  errorInGroup,
  formFields,
  inputValue,
  rowCounts,
  selectedValue,
  textareaValue,
  urlencoded,
} from './support/statement-fixtures';
import { useTestApp } from './support/test-app';

const ctx = useTestApp();

const submit = (fields: Record<string, string>) => ctx.editor.post('/statements/new').type('form').send(urlencoded(fields));

async function speakerAndTopic() {
  return { speaker: await makeSpeaker(ctx.prisma), topic: await makeTopic(ctx.prisma) };
}

describe('GET /statements/new', () => {
  test('when the form is opened, then it suggests speakers, has three topic rows, two source rows and English by default', async () => {
    const { speaker, topic } = await speakerAndTopic();

    const res = await ctx.editor.get('/statements/new');

    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<input type="text" id="speaker" name="speaker" value="" list="speaker-suggestions"/);
    expect(datalistValues(res.text, 'speaker-suggestions')).toContain(speaker.name);
    expect(res.text).toContain('Only for a speaker not yet on record');
    expect(res.text).toContain(`<option value="${topic.slug}">${topic.name}</option>`);
    expect(res.text).toContain('name="positions[2][topic]"');
    expect(res.text).not.toContain('name="positions[3][topic]"');
    expect(res.text).toContain('name="sources[1][publisher]"');
    expect(res.text).not.toContain('name="sources[2][publisher]"');
    expect(inputValue(res.text, 'language')).toBe('en');
    expect(res.text).toContain('YYYY, YYYY-MM or YYYY-MM-DD');
    expect(res.text).not.toContain('form-summary');
  });

  test('when every control is rendered, then each has a label', async () => {
    const res = await ctx.editor.get('/statements/new');

    const ids = [...res.text.matchAll(/<(?:input|select|textarea) [^>]*id="([^"]+)"/g)].map((m) => m[1]!);
    const labelled = new Set([...res.text.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1]!));
    expect(ids.length).toBeGreaterThan(30);
    expect(ids.filter((id) => !labelled.has(id))).toEqual([]);
  });

  test('when ?speaker= and ?topic= are given, then the Speaker field holds the name and the topic is preselected', async () => {
    const { speaker, topic } = await speakerAndTopic();

    const res = await ctx.editor.get(`/statements/new?speaker=${speaker.slug}&topic=${topic.slug}`);

    expect(inputValue(res.text, 'speaker')).toBe(speaker.name);
    expect(selectedValue(res.text, 'positions-0-topic')).toBe(topic.slug);
    expect(selectedValue(res.text, 'positions-1-topic')).toBe('');
  });

  test('when two suggested speakers share a name, then each is suggested by its slug, labelled with the name', async () => {
    const first = await makeSpeaker(ctx.prisma, { name: 'Twin Name' });
    const second = await ctx.prisma.speaker.create({ data: { slug: 'twin-name-2', name: 'twin name', kind: 'person' } });

    const res = await ctx.editor.get('/statements/new');

    expect(datalistValues(res.text, 'speaker-suggestions')).toEqual(expect.arrayContaining([first.slug, second.slug]));
    expect(res.text).toContain('<option value="twin-name-2">twin name</option>');
  });
});

describe('GET /statements/new with many speakers and topics', () => {
  beforeEach(() => emptyTables(ctx.prisma));
  afterAll(() => emptyTables(ctx.prisma));

  test('when there are more speakers than the suggestion bound, then the page suggests only that many, the most recently updated', async () => {
    const base = Date.UTC(2025, 0, 1);
    await ctx.prisma.speaker.createMany({
      data: Array.from({ length: SPEAKER_SUGGESTIONS + 5 }, (_, i) => ({
        slug: `bounded-speaker-${i}`,
        name: `Bounded speaker ${i}`,
        kind: 'person' as const,
        updatedAt: new Date(base + i * 1000),
      })),
    });
    const latest = await makeSpeaker(ctx.prisma, { name: 'Most recently added speaker' });

    const res = await ctx.editor.get('/statements/new');

    const suggested = datalistValues(res.text, 'speaker-suggestions')!;
    expect(suggested).toHaveLength(SPEAKER_SUGGESTIONS);
    expect(suggested).toContain(latest.name);
    expect(suggested).not.toContain('Bounded speaker 0');
    expect(res.text).not.toContain('"Bounded speaker 0"');
  });

  test('when there are more topics than the select lists, then the hint says how to reach the others and ?topic= still selects one', async () => {
    await ctx.prisma.topic.createMany({
      data: Array.from({ length: TOPIC_CHOICES + 1 }, (_, i) => ({
        slug: `zz-topic-${i}`,
        name: `Zz topic ${String(i).padStart(5, '0')}`,
      })),
    });
    const last = `zz-topic-${TOPIC_CHOICES}`;

    const res = await ctx.editor.get(`/statements/new?topic=${last}`);

    expect(res.status).toBe(200);
    expect(res.text).toContain('Not every topic is listed');
    expect(selectedValue(res.text, 'positions-0-topic')).toBe(last);
    expect(selectedValue(res.text, 'positions-1-topic')).toBe('');
    const secondRow = /<select id="positions-1-topic"[^>]*>([\s\S]*?)<\/select>/.exec(res.text)![1]!;
    expect(secondRow.match(/<option value="zz-topic-/g)).toHaveLength(TOPIC_CHOICES);
  });
});

describe('POST /statements/new: who said it', () => {
  const speakerOf = async (location: string) => {
    const id = Number(location.split('/').pop());
    return (await ctx.prisma.statement.findUniqueOrThrow({ where: { id }, select: { speakerId: true } })).speakerId;
  };

  test.each([
    ['its name in other capitals, with spaces around', (n: number) => `  ASAAD al-shaibani ${n} `],
    ['an alias in other capitals', (n: number) => `syrian foreign MINISTER ${n}`],
    ['its slug', (n: number) => `asaad-al-shaibani-${n}`],
    ['its slug in capitals', (n: number) => `Asaad-Al-Shaibani-${n}`],
  ])('when an existing speaker is typed as %s, then the statement is theirs and no speaker is added', async (_, typed) => {
    const n = await ctx.prisma.speaker.count();
    const speaker = await makeSpeaker(ctx.prisma, { name: `Asaad al-Shaibani ${n}`, aliases: [`Syrian Foreign Minister ${n}`] });
    const topic = await makeTopic(ctx.prisma);
    const before = await rowCounts(ctx.prisma);

    const res = await submit(formFields(typed(n), topic.slug));

    expect(res.status).toBe(303);
    expect(await speakerOf(res.headers.location!)).toBe(speaker.id);
    expect((await rowCounts(ctx.prisma)).speakers).toBe(before.speakers);
  });

  test('when an existing speaker is typed and a kind is chosen too, then the existing speaker is used', async () => {
    const speaker = await makeSpeaker(ctx.prisma, { name: 'Syrian Democratic Forces', kind: 'organisation' });
    const topic = await makeTopic(ctx.prisma);
    const before = await rowCounts(ctx.prisma);

    const res = await submit(formFields('syrian democratic forces', topic.slug, { 'new_speaker[kind]': 'person' }));

    expect(res.status).toBe(303);
    expect(await speakerOf(res.headers.location!)).toBe(speaker.id);
    expect((await rowCounts(ctx.prisma)).speakers).toBe(before.speakers);
    expect(await ctx.prisma.speaker.findUniqueOrThrow({ where: { id: speaker.id } })).toMatchObject({ kind: 'organisation' });
  });

  test('when an unknown name is typed without a kind, then 422 says so beside Speaker, keeps the input and writes nothing', async () => {
    const topic = await makeTopic(ctx.prisma);
    const before = await rowCounts(ctx.prisma);

    const res = await submit(formFields('Hikmat al-Hijri ', topic.slug, { place: 'Sweida' }));

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'speaker')).toBe(
      'No speaker called "Hikmat al-Hijri" is on record. Check the spelling, or choose a kind below to add them as a new speaker.',
    );
    expect(res.text).toContain('<a href="#speaker">Speaker</a>');
    expect(inputValue(res.text, 'speaker')).toBe('Hikmat al-Hijri ');
    expect(inputValue(res.text, 'place')).toBe('Sweida');
    expect(selectedValue(res.text, 'positions-0-topic')).toBe(topic.slug);
    expect(await rowCounts(ctx.prisma)).toEqual(before);
  });

  test('when an unknown name is typed with a kind, then a new speaker of that name and kind is created and used', async () => {
    const topic = await makeTopic(ctx.prisma);

    const res = await submit(formFields('Sheikh Hikmat al-Hijri', topic.slug, { 'new_speaker[kind]': 'person' }));

    expect(res.status).toBe(303);
    const created = await ctx.prisma.speaker.findFirstOrThrow({ where: { name: 'Sheikh Hikmat al-Hijri' } });
    expect(created).toMatchObject({ kind: 'person', slug: 'sheikh-hikmat-al-hijri' });
    expect(await speakerOf(res.headers.location!)).toBe(created.id);
  });

  test('when a new name holds % or _, then it is not taken for an existing speaker it would match as a pattern', async () => {
    const existing = await makeSpeaker(ctx.prisma, { name: 'Abcd Wildcard' });
    const topic = await makeTopic(ctx.prisma);

    const res = await submit(formFields('Abc_ Wild%', topic.slug, { 'new_speaker[kind]': 'organisation' }));

    expect(res.status).toBe(303);
    const created = await ctx.prisma.speaker.findFirstOrThrow({ where: { name: 'Abc_ Wild%' } });
    expect(created.id).not.toBe(existing.id);
    expect(await speakerOf(res.headers.location!)).toBe(created.id);
  });

  test('when an alias two speakers share is typed, then 422 names both beside Speaker and nothing is written', async () => {
    const syria = await makeSpeaker(ctx.prisma, { name: 'Ministry of Interior (Syria)', aliases: ['Interior Ministry'] });
    const lebanon = await makeSpeaker(ctx.prisma, { name: 'Ministry of Interior (Lebanon)', aliases: ['Interior Ministry'] });
    const topic = await makeTopic(ctx.prisma);
    const before = await rowCounts(ctx.prisma);

    const res = await submit(formFields('interior ministry', topic.slug, { 'new_speaker[kind]': 'ministry' }));

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'speaker')).toBe(
      `"interior ministry" is another name for more than one speaker: ${syria.name} (slug ${syria.slug}) and ${lebanon.name} (slug ${lebanon.slug}). Type the name or slug of the one you mean.`,
    );
    expect(inputValue(res.text, 'speaker')).toBe('interior ministry');
    expect(selectedValue(res.text, 'speaker-kind')).toBe('ministry');
    expect(await rowCounts(ctx.prisma)).toEqual(before);
  });

  test('when a name two speakers share is typed, then 422 asks for the slug of one of them', async () => {
    const first = await makeSpeaker(ctx.prisma, { name: 'Ahmad Hassan' });
    const second = await ctx.prisma.speaker.create({ data: { slug: 'ahmad-hassan-2', name: 'Ahmad Hassan', kind: 'person' } });
    const topic = await makeTopic(ctx.prisma);

    const res = await submit(formFields('Ahmad Hassan', topic.slug));

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'speaker')).toBe(
      `More than one speaker is called "Ahmad Hassan": Ahmad Hassan (slug ${first.slug}) and Ahmad Hassan (slug ${second.slug}). Type the slug of the one you mean.`,
    );
  });

  test('when a new speaker’s kind is not one of the choices, then the message is beside the kind', async () => {
    const topic = await makeTopic(ctx.prisma);

    const res = await submit(formFields('Someone new', topic.slug, { 'new_speaker[kind]': 'alien' }));

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'speaker-kind')).toBe('Choose what kind of speaker this is');
    expect(inputValue(res.text, 'speaker')).toBe('Someone new');
  });

  test('when a new speaker’s name is too long, then the message is beside Speaker', async () => {
    const topic = await makeTopic(ctx.prisma);

    const res = await submit(formFields('N'.repeat(201), topic.slug, { 'new_speaker[kind]': 'person' }));

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'speaker')).toBe('Keep it under 200 characters');
    expect(res.text).toContain('<a href="#speaker">Speaker</a>: Keep it under 200 characters');
  });
});

describe('POST /statements/new', () => {
  test('when the form is complete, then 303 leads to the permalink and everything is recorded', async () => {
    const { speaker, topic } = await speakerAndTopic();

    const res = await submit(formFields(speaker.slug, topic.slug));

    expect(res.status).toBe(303);
    const id = Number(/^\/statements\/(\d+)$/.exec(res.headers.location!)?.[1]);
    const stored = await ctx.prisma.statement.findUniqueOrThrow({
      where: { id },
      include: { positions: true, sources: { include: { source: true } } },
    });
    expect(stored).toMatchObject({ speakerId: speaker.id, kind: 'quote', saidOnPrecision: 'month', place: 'Riyadh' });
    expect(stored.positions).toEqual([expect.objectContaining({ topicId: topic.id, stance: 'opposes', strength: 2 })]);
    expect(stored.sources.map((s) => s.source)).toEqual([
      expect.objectContaining({
        publisher: 'The Gazette',
        url: 'https://example.org/form-reactions',
        publishedOnPrecision: 'day',
      }),
    ]);
    expect(
      await ctx.prisma.currentStance.findUnique({ where: { speakerId_topicId: { speakerId: speaker.id, topicId: topic.id } } }),
    ).toMatchObject({ statementId: id, stance: 'opposes' });
    const permalink = await request(ctx.app).get(res.headers.location!);
    expect(permalink.text).toContain('We will not accept any division of the country.');
  });

  test('when a new speaker and a new topic are named in the same submit, then both are created and used', async () => {
    const { topic } = await speakerAndTopic();

    const res = await submit(
      formFields('Sweida Military Council', '', {
        'new_speaker[kind]': 'armed_group',
        'positions[0][new_topic]': 'Autonomy for Sweida',
        'positions[0][stance]': 'supports',
        'positions[1][topic]': topic.slug,
        'positions[1][stance]': 'mixed',
      }),
    );

    expect(res.status).toBe(303);
    const speaker = await ctx.prisma.speaker.findFirstOrThrow({ where: { name: 'Sweida Military Council' } });
    expect(speaker).toMatchObject({ kind: 'armed_group', slug: 'sweida-military-council' });
    const statement = await ctx.prisma.statement.findFirstOrThrow({
      where: { speakerId: speaker.id },
      include: { positions: { include: { topic: true }, orderBy: { id: 'asc' } } },
    });
    expect(statement.positions.map((p) => [p.topic.name, p.stance])).toEqual([
      ['Autonomy for Sweida', 'supports'],
      [topic.name, 'mixed'],
    ]);
  });

  test('when a new topic name matches an existing topic, then the existing topic is reused', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma, { name: 'Civil constitution' });
    const before = await rowCounts(ctx.prisma);

    const res = await submit(formFields(speaker.slug, '', { 'positions[0][new_topic]': 'civil CONSTITUTION' }));

    expect(res.status).toBe(303);
    expect((await rowCounts(ctx.prisma)).topics).toBe(before.topics);
    expect(await ctx.prisma.position.count({ where: { topicId: topic.id } })).toBe(1);
  });

  test('when a new topic name holds % or _, then they match only themselves and a new topic is created', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const existing = await makeTopic(ctx.prisma, { name: 'Aid to the south' });

    const res = await submit(formFields(speaker.slug, '', { 'positions[0][new_topic]': 'aid_to%' }));

    expect(res.status).toBe(303);
    const created = await ctx.prisma.topic.findFirstOrThrow({ where: { name: 'aid_to%' } });
    expect(created.id).not.toBe(existing.id);
    expect(await ctx.prisma.position.count({ where: { topicId: existing.id } })).toBe(0);
  });

  test('when "source unknown" is ticked and no source is given, then the statement is recorded without one', async () => {
    const { speaker, topic } = await speakerAndTopic();

    const res = await submit(
      formFields(speaker.slug, topic.slug, {
        'sources[0][publisher]': '',
        'sources[0][title]': '',
        'sources[0][url]': '',
        'sources[0][published_on]': '',
        source_unknown: 'on',
      }),
    );

    expect(res.status).toBe(303);
    const id = Number(res.headers.location!.split('/').pop());
    expect(await ctx.prisma.statement.findUniqueOrThrow({ where: { id } })).toMatchObject({ sourceUnknown: true });
    expect((await request(ctx.app).get(res.headers.location!)).text).toContain('Source unknown');
  });

  test('when nothing is filled in, then 422 lists every problem and shows each beside its field; nothing is written', async () => {
    const before = await rowCounts(ctx.prisma);

    const res = await submit({ language: 'en', 'positions[0][strength]': '1' });

    expect(res.status).toBe(422);
    expect(res.text).toContain('class="form-summary');
    expect(errorBeside(res.text, 'speaker')).toBe('Type who said it: a name, an alias or a slug');
    expect(errorInGroup(res.text, 'kind')).toMatch(/^Choose how it was said/);
    expect(errorBeside(res.text, 'text')).toBe('The statement text is required');
    expect(errorInGroup(res.text, 'positions')).toBe('Add at least one topic with a stance');
    expect(errorInGroup(res.text, 'sources')).toBe('Add at least one source, or tick "source unknown"');
    for (const href of ['#speaker', '#kind', '#text', '#positions', '#sources']) expect(res.text).toContain(`<a href="${href}">`);
    expect(await rowCounts(ctx.prisma)).toEqual(before);
  });

  test.each([
    ['2025-02-30', 'The date must be a real date written YYYY, YYYY-MM or YYYY-MM-DD'],
    ['yesterday', 'The date must be a real date written YYYY, YYYY-MM or YYYY-MM-DD'],
    ['3000-01', 'The date cannot be in the future'],
  ])('when the date is %p, then 422 shows the message beside the date and keeps what was typed', async (saidOn, message) => {
    const { speaker, topic } = await speakerAndTopic();
    const before = await rowCounts(ctx.prisma);

    const res = await submit(formFields(speaker.slug, topic.slug, { said_on: saidOn }));

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'said_on')).toBe(message);
    expect(inputValue(res.text, 'said_on')).toBe(saidOn);
    expect(inputValue(res.text, 'speaker')).toBe(speaker.slug);
    expect(selectedValue(res.text, 'positions-0-topic')).toBe(topic.slug);
    expect(textareaValue(res.text, 'text')).toBe('We will not accept any division of the country.');
    expect(await rowCounts(ctx.prisma)).toEqual(before);
  });

  test('when a source has a bad web address and no publisher, then both messages are beside their fields', async () => {
    const { speaker, topic } = await speakerAndTopic();

    const res = await submit(
      formFields(speaker.slug, topic.slug, { 'sources[0][publisher]': '', 'sources[0][url]': 'not a url' }),
    );

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'sources-0-url')).toBe('Enter a full web address starting with http:// or https://');
    expect(errorBeside(res.text, 'sources-0-publisher')).toBe('Publisher is required');
    expect(inputValue(res.text, 'sources-0-url')).toBe('not a url');
    expect(res.text).toContain('<a href="#sources-0-url">Source 1, web address</a>');
  });

  test("when a stance is not one of the choices, then the message is beside that row's stance", async () => {
    const { speaker, topic } = await speakerAndTopic();

    const res = await submit(formFields(speaker.slug, topic.slug, { 'positions[0][stance]': 'hates' }));

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'positions-0-stance')).toMatch(/^Choose a stance/);
  });

  test('when the text is over the limit, then 422 says so beside it and keeps the whole text', async () => {
    const { speaker, topic } = await speakerAndTopic();
    const long = 'x'.repeat(TEXT_MAX + 1);

    const res = await submit(formFields(speaker.slug, topic.slug, { text: long }));

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'text')).toBe('The statement text is too long: keep it under 10,000 characters');
    expect(textareaValue(res.text, 'text')).toBe(long);
  });

  test('when the input holds a script tag, then the re-rendered form escapes it everywhere', async () => {
    const topic = await makeTopic(ctx.prisma);

    const res = await submit(
      formFields(XSS, topic.slug, {
        said_on: 'yesterday',
        text: XSS,
        place: XSS,
        'positions[1][new_topic]': XSS,
        'sources[0][title]': XSS,
      }),
    );

    expect(res.status).toBe(422);
    expect(res.text).not.toContain(XSS);
    expect(textareaValue(res.text, 'text')).toBe(XSS);
    expect(inputValue(res.text, 'place')).toBe(XSS);
    expect(inputValue(res.text, 'speaker')).toBe(XSS);
    expect(errorBeside(res.text, 'speaker')).toContain(`No speaker called "${XSS}"`);
    expect(inputValue(res.text, 'positions-1-topic-name')).toBe(XSS);
    expect(inputValue(res.text, 'sources-0-title')).toBe(XSS);
  });

  test('when a statement with a script tag is saved, then its permalink escapes it', async () => {
    const { speaker, topic } = await speakerAndTopic();

    const res = await submit(formFields(speaker.slug, topic.slug, { text: XSS, context: XSS }));
    const permalink = await request(ctx.app).get(res.headers.location!);

    expect(res.status).toBe(303);
    expect(permalink.text).not.toContain(XSS);
    expect(permalink.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test('when Arabic text fails validation, then it comes back byte-identical; once saved, the permalink shows it right to left', async () => {
    const { speaker, topic } = await speakerAndTopic();
    const text = `\n${ARABIC}\r\n  ${ARABIC}  `;
    const fields = formFields(speaker.slug, topic.slug, { text, language: 'ar', place: 'القنوات' });

    const failed = await submit({ ...fields, said_on: 'yesterday' });
    const saved = await submit(fields);
    const permalink = await request(ctx.app).get(saved.headers.location!);

    expect(failed.status).toBe(422);
    expect(Buffer.from(textareaValue(failed.text, 'text')!).equals(Buffer.from(text))).toBe(true);
    expect(inputValue(failed.text, 'place')).toBe('القنوات');
    expect(saved.status).toBe(303);
    const id = Number(saved.headers.location!.split('/').pop());
    expect((await ctx.prisma.statement.findUniqueOrThrow({ where: { id } })).text).toBe(text);
    expect(permalink.text).toContain(`<blockquote class="statement-text" lang="ar" dir="rtl">${text}</blockquote>`);
  });

  test('when a later row names an unknown topic after a new speaker, then the transaction leaves no new speaker behind', async () => {
    const { topic } = await speakerAndTopic();
    const before = await rowCounts(ctx.prisma);

    const res = await submit(
      formFields('A speaker who must not remain', topic.slug, {
        'new_speaker[kind]': 'person',
        'positions[1][topic]': 'no-such-topic',
        'positions[1][stance]': 'opposes',
      }),
    );

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'positions-1-topic')).toBe('No topic with the slug "no-such-topic"');
    expect(inputValue(res.text, 'speaker')).toBe('A speaker who must not remain');
    expect(await rowCounts(ctx.prisma)).toEqual(before);
  });

  test('when rows are sent with gaps and more than three, then they come back in order plus one blank row', async () => {
    const { speaker } = await speakerAndTopic();
    const topics = [await makeTopic(ctx.prisma), await makeTopic(ctx.prisma), await makeTopic(ctx.prisma)];

    const res = await submit(
      formFields(speaker.slug, topics[0]!.slug, {
        said_on: 'yesterday',
        'positions[2][topic]': topics[1]!.slug,
        'positions[2][stance]': 'supports',
        'positions[4][topic]': topics[2]!.slug,
        'positions[4][stance]': 'neutral',
        'positions[5][new_topic]': 'A fourth topic',
        'positions[5][stance]': '',
      }),
    );

    expect(res.status).toBe(422);
    expect([0, 1, 2].map((i) => selectedValue(res.text, `positions-${i}-topic`))).toEqual(topics.map((t) => t.slug));
    expect(selectedValue(res.text, 'positions-2-stance')).toBe('neutral');
    expect(inputValue(res.text, 'positions-3-topic-name')).toBe('A fourth topic');
    expect(errorBeside(res.text, 'positions-3-stance')).toMatch(/^Choose a stance/);
    expect(res.text).toContain('name="positions[4][topic]"');
    expect(res.text).not.toContain('name="positions[5][topic]"');
  });

  test('when the form body is larger than the limit, then 413 answers with the error page', async () => {
    const { speaker, topic } = await speakerAndTopic();
    const before = await rowCounts(ctx.prisma);

    const res = await submit(formFields(speaker.slug, topic.slug, { context: 'x'.repeat(300 * 1024) }));

    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(await rowCounts(ctx.prisma)).toEqual(before);
  });
});
