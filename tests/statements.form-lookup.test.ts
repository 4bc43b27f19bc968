import { loadDemoData } from '../src/demo/demo-data';
import { makeSpeaker } from './support/factories';
import { hrefs } from './support/html';
import { XSS, errorBeside, formFields, inputValue, rowCounts, textareaValue, urlencoded } from './support/statement-fixtures';
import { useTestApp } from './support/test-app';

// The add-a-statement form's speaker field without JavaScript: "Did you mean…?"
// choices for a name that matches no speaker exactly, and the warning before
// creating a speaker whose name is very close to an existing one's.

const ctx = useTestApp();
const TOPIC = 'separate-druze-region-in-southern-syria';

beforeAll(async () => {
  await loadDemoData(ctx.prisma);
});

const submit = (fields: Record<string, string>) => ctx.editor.post('/statements/new').type('form').send(urlencoded(fields));

/** The radio buttons named speaker_choice: value and label text. */
function speakerChoices(html: string): { value: string; label: string }[] {
  return [...html.matchAll(/<label class="choice"><input type="radio" name="speaker_choice" value="([^"]*)"[^>]*>([^<]*)/g)].map(
    (m) => ({ value: m[1]!, label: m[2]!.trim() }),
  );
}

describe('the speaker field, "Did you mean…?"', () => {
  test('when a near name is typed and no kind is chosen, then 422 keeps everything typed and offers the close speakers as choices', async () => {
    const before = await rowCounts(ctx.prisma);

    const res = await submit(formFields('Hikmat Hijri', TOPIC, { text: 'Words typed once.\n  Kept as typed.' }));

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'speaker')).toMatch(/No speaker called "Hikmat Hijri" is on record\. Did you mean/);
    expect(res.text).toContain('<legend>Did you mean…?</legend>');
    const choices = speakerChoices(res.text);
    expect(choices[0]).toEqual({ value: 'hikmat-al-hijri', label: 'Hikmat Al Hijri' });
    expect(choices.at(-1)).toEqual({ value: '', label: 'None of these' });
    expect(inputValue(res.text, 'speaker')).toBe('Hikmat Hijri');
    expect(textareaValue(res.text, 'text')).toBe('Words typed once.\n  Kept as typed.');
    expect(await rowCounts(ctx.prisma)).toEqual(before);
  });

  test.each(['al-Hijri', 'Hijri', 'Al Hijri', 'Hikmat Hijri'])(
    'when "%s" is typed, then Hikmat Al Hijri is the first choice',
    async (typed) => {
      const res = await submit(formFields(typed, TOPIC));

      expect(res.status).toBe(422);
      expect(speakerChoices(res.text)[0]?.value).toBe('hikmat-al-hijri');
    },
  );

  test('when the offered speaker is chosen and the form sent again, then the statement is saved under that speaker (303)', async () => {
    const first = await submit(formFields('Hijri', TOPIC, { text: 'Chosen from the suggestions.' }));
    const choice = speakerChoices(first.text)[0]!;

    const res = await submit(formFields('Hijri', TOPIC, { text: 'Chosen from the suggestions.', speaker_choice: choice.value }));

    expect(res.status).toBe(303);
    const id = Number(/^\/statements\/(\d+)$/.exec(res.headers.location!)![1]);
    const saved = await ctx.prisma.statement.findUniqueOrThrow({ where: { id }, include: { speaker: true } });
    expect(saved.speaker.slug).toBe('hikmat-al-hijri');
  });

  test('when "None of these" is left chosen, then what was typed is used as before', async () => {
    const res = await submit(formFields('Hijri', TOPIC, { speaker_choice: '' }));

    expect(res.status).toBe(422);
    expect(inputValue(res.text, 'speaker')).toBe('Hijri');
  });

  test('when nothing is close to the typed name, then the message is the plain one and no choices are offered', async () => {
    const res = await submit(formFields('Zyxwvut Qqqq', TOPIC));

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'speaker')).toMatch(/No speaker called "Zyxwvut Qqqq" is on record\. Check the spelling/);
    expect(speakerChoices(res.text)).toEqual([]);
  });

  test('when an exact alias is typed, then no question is asked: the statement is saved (303)', async () => {
    const res = await submit(formFields('hikmat al-hijri', TOPIC, { text: 'By an alias, ignoring case.' }));

    expect(res.status).toBe(303);
  });

  test('when a speaker with hostile markup in the name is offered, then the name is escaped', async () => {
    await makeSpeaker(ctx.prisma, { name: `Hostile ${XSS} Person` });

    const res = await submit(formFields(`Hostile ${XSS} Persons`, TOPIC));

    expect(res.status).toBe(422);
    expect(res.text).not.toContain(XSS);
    expect(res.text).toContain('Hostile &lt;script&gt;');
  });
});

describe('the new-speaker warning in the statement form', () => {
  test('when a new speaker\'s name is very close to an existing one, then 422 links the close speaker and offers "create it anyway"', async () => {
    const before = await rowCounts(ctx.prisma);

    const res = await submit(formFields('Hikmat Al Hijr', TOPIC, { 'new_speaker[kind]': 'person' }));

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'speaker')).toMatch(/very similar name is already on record/);
    expect(hrefs(res.text)).toContain('/speakers/hikmat-al-hijri');
    expect(res.text).toContain('This is a different speaker — create it anyway');
    expect(inputValue(res.text, 'speaker')).toBe('Hikmat Al Hijr');
    expect(await rowCounts(ctx.prisma)).toEqual(before);
  });

  test('when "create it anyway" is ticked, then the new speaker is created beside the close one', async () => {
    const res = await submit(
      formFields('Hikmat Al Hijr', TOPIC, { 'new_speaker[kind]': 'person', confirm_new_speaker: 'on', text: 'A different man.' }),
    );

    expect(res.status).toBe(303);
    expect(await ctx.prisma.speaker.findFirst({ where: { name: 'Hikmat Al Hijr' } })).not.toBeNull();
  });

  test("when the new speaker's name is only loosely like an existing one, then it is created without a question", async () => {
    const res = await submit(
      formFields('Saudi Aramco', TOPIC, { 'new_speaker[kind]': 'organisation', text: 'An oil company speaks.' }),
    );

    expect(res.status).toBe(303);
  });

  test('when "create it anyway" is ticked but another field fails, then the box stays ticked', async () => {
    const res = await submit(
      formFields('Saudi Arabian', TOPIC, { 'new_speaker[kind]': 'government', confirm_new_speaker: 'on', kind: '' }),
    );

    expect(res.status).toBe(422);
    expect(res.text).toMatch(/<input type="checkbox" id="confirm_new_speaker" name="confirm_new_speaker" checked>/);
  });
});

describe('POST /api/v1/statements with a new speaker', () => {
  const body = (name: string, extra: Record<string, unknown> = {}) => ({
    speaker: { name, kind: 'government' },
    kind: 'quote',
    text: `Said by ${name}.`,
    said_on: '2025-08',
    source_unknown: true,
    positions: [{ topic: TOPIC, stance: 'opposes' }],
    ...extra,
  });

  test('when the name is very close to an existing speaker, then 409 similar_speaker names the matches and nothing is saved', async () => {
    const before = await rowCounts(ctx.prisma);

    const res = await ctx.editor.post('/api/v1/statements').send(body('Saudi-Arabia.'));

    expect(res.status).toBe(409);
    expect(res.body.error).toEqual(
      expect.objectContaining({ code: 'similar_speaker', matches: [expect.objectContaining({ slug: 'saudi-arabia' })] }),
    );
    expect(await rowCounts(ctx.prisma)).toEqual(before);
  });

  test('when allow_similar_name is true, then the speaker is created (201)', async () => {
    const res = await ctx.editor.post('/api/v1/statements').send(body('Saudi Arabian', { allow_similar_name: true }));

    expect(res.status).toBe(201);
  });

  test("when the name is exactly an existing speaker's, ignoring case, then that speaker is reused without a question", async () => {
    const res = await ctx.editor.post('/api/v1/statements').send(body('saudi arabia'));

    expect(res.status).toBe(201);
    expect(res.body.speaker).toEqual(expect.objectContaining({ slug: 'saudi-arabia' }));
  });
});
