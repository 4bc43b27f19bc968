import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { makeSpeaker, makeStatement, makeTopic } from '../support/factories';
import { launchChromium, listen, SCREENSHOTS_DIR, signInPage } from '../support/browser';
import { useTestApp } from '../support/test-app';

describe('adding a statement in the browser', () => {
  const ctx = useTestApp();
  let browser: Browser;
  let server: Awaited<ReturnType<typeof listen>>;
  let page: Page;

  beforeAll(async () => {
    server = await listen(ctx.app);
    browser = await launchChromium();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInPage(page, server.baseUrl, ctx.editorAccount);
  });
  afterEach(async () => {
    await page.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('when an editor records a new speaker’s quote through the form, then it appears under its stance on the topic’s comparison page', async () => {
    const topic = await makeTopic(ctx.prisma, { name: 'Separate Druze region in southern Syria' });
    const opponent = await makeSpeaker(ctx.prisma, { name: 'Saudi Arabia', kind: 'government' });
    await makeStatement(ctx.prisma, {
      speaker: opponent.slug,
      kind: 'official_position',
      text: 'categorically rejects any separatist calls',
      positions: [{ topic: topic.slug, stance: 'opposes', strength: 2 }],
    });

    await page.goto(`${server.baseUrl}/statements/new`);
    await page.fill('#speaker', 'Hikmat Al Hijri');
    await page.selectOption('#speaker-kind', 'person');
    await page.check('input[name="kind"][value="quote"]');
    await page.fill('#text', 'all free countries and people must stand with us');
    await page.fill('#said_on', '2025-08');
    await page.selectOption('select[name="positions[0][topic]"]', topic.slug);
    await page.selectOption('select[name="positions[0][stance]"]', 'supports');
    await page.fill('input[name="sources[0][publisher]"]', 'Example News');
    await page.fill('input[name="sources[0][url]"]', 'https://example.org/druze-region');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'add-statement-filled.png'), fullPage: true });
    await Promise.all([page.waitForURL(/\/statements\/\d+$/), page.click('main button[type="submit"]')]);

    await expect(page.locator('blockquote').first().textContent()).resolves.toContain(
      'all free countries and people must stand with us',
    );
    await expect(page.locator('main').textContent()).resolves.toContain('August 2025');

    await page.goto(`${server.baseUrl}/topics/${topic.slug}`);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'topic-comparison.png'), fullPage: true });
    const supports = page.locator('.comparison-column.col-supports');
    const opposes = page.locator('.comparison-column.col-opposes');
    await expect(supports.textContent()).resolves.toContain('Hikmat Al Hijri');
    await expect(supports.textContent()).resolves.toContain('all free countries and people must stand with us');
    await expect(opposes.textContent()).resolves.toContain('Saudi Arabia');
    await expect(opposes.textContent()).resolves.not.toContain('Hikmat Al Hijri');
  });

  test('when the form is sent with a bad date and no stance, then the messages sit next to those fields and the typed text is kept', async () => {
    await makeTopic(ctx.prisma, { name: 'Civil constitution for Syria' });
    const arabic = 'نطالب بدستور مدني';

    await page.goto(`${server.baseUrl}/statements/new`);
    await page.fill('#speaker', 'Sheikh Unsaved Speaker');
    await page.selectOption('#speaker-kind', 'person');
    await page.check('input[name="kind"][value="paraphrase"]');
    await page.fill('#text', arabic);
    await page.fill('#language', 'ar');
    await page.fill('#said_on', '2025-02-30');
    await page.fill('input[name="positions[0][new_topic]"]', 'Civil constitution for Syria');
    await page.fill('input[name="sources[0][publisher]"]', 'Example News');
    await Promise.all([page.waitForLoadState('domcontentloaded'), page.click('main button[type="submit"]')]);

    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'add-statement-errors.png'), fullPage: true });
    await expect(page.locator('#said_on-error').textContent()).resolves.toMatch(/real date/);
    await expect(page.locator('.field-error').count()).resolves.toBeGreaterThanOrEqual(2);
    await expect(page.inputValue('#text')).resolves.toBe(arabic);
    await expect(page.inputValue('#said_on')).resolves.toBe('2025-02-30');
    await expect(page.inputValue('#speaker')).resolves.toBe('Sheikh Unsaved Speaker');
    await expect(page.inputValue('#speaker-kind')).resolves.toBe('person');
    expect(await ctx.prisma.speaker.count({ where: { name: 'Sheikh Unsaved Speaker' } })).toBe(0);
  });

  test('when an editor types an existing speaker’s alias, then the statement is recorded under that speaker', async () => {
    const topic = await makeTopic(ctx.prisma, { name: 'Integration of the SDF into the army' });
    const sdf = await makeSpeaker(ctx.prisma, { name: 'Syrian Democratic Forces', kind: 'organisation', aliases: ['SDF'] });
    const before = await ctx.prisma.speaker.count();

    await page.goto(`${server.baseUrl}/statements/new`);
    await expect(page.locator('#speaker-suggestions option[value="Syrian Democratic Forces"]').count()).resolves.toBe(1);
    await page.fill('#speaker', 'sdf');
    await page.check('input[name="kind"][value="official_position"]');
    await page.fill('#text', 'The agreement is a step towards integration.');
    await page.selectOption('select[name="positions[0][topic]"]', topic.slug);
    await page.selectOption('select[name="positions[0][stance]"]', 'supports');
    await page.check('#source_unknown');
    await Promise.all([page.waitForURL(/\/statements\/\d+$/), page.click('main button[type="submit"]')]);

    await expect(page.locator('main').textContent()).resolves.toContain('Syrian Democratic Forces');
    expect(await ctx.prisma.speaker.count()).toBe(before);
    expect(await ctx.prisma.statement.count({ where: { speakerId: sdf.id } })).toBe(1);
  });

  test('when an editor types a name not on record and no kind, then the form says so beside Speaker; with a kind chosen, the speaker is added', async () => {
    const topic = await makeTopic(ctx.prisma, { name: 'Elections in the north-east' });

    await page.goto(`${server.baseUrl}/statements/new`);
    await page.fill('#speaker', 'Kurdish National Council');
    await page.check('input[name="kind"][value="quote"]');
    await page.fill('#text', 'We will take part.');
    await page.selectOption('select[name="positions[0][topic]"]', topic.slug);
    await page.selectOption('select[name="positions[0][stance]"]', 'supports');
    await page.check('#source_unknown');
    await Promise.all([page.waitForLoadState('domcontentloaded'), page.click('main button[type="submit"]')]);

    await expect(page.locator('#speaker-error').textContent()).resolves.toBe(
      'No speaker called "Kurdish National Council" is on record. Check the spelling, or choose a kind below to add them as a new speaker.',
    );
    await expect(page.inputValue('#speaker')).resolves.toBe('Kurdish National Council');
    await expect(page.inputValue('#text')).resolves.toBe('We will take part.');
    expect(await ctx.prisma.speaker.count({ where: { name: 'Kurdish National Council' } })).toBe(0);

    await page.selectOption('#speaker-kind', 'organisation');
    await Promise.all([page.waitForURL(/\/statements\/\d+$/), page.click('main button[type="submit"]')]);

    await expect(ctx.prisma.speaker.findFirstOrThrow({ where: { name: 'Kurdish National Council' } })).resolves.toMatchObject({
      kind: 'organisation',
    });
  });
});
