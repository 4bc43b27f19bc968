import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { makeTopic } from '../support/factories';
import { launchChromium, listen, SCREENSHOTS_DIR, signInPage } from '../support/browser';
import { SEED_ARTICLE } from '../support/from-article';
import { useTestApp } from '../support/test-app';

type AxeResults = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };

describe('statements from an article, in the browser', () => {
  jest.setTimeout(90_000);
  const ctx = useTestApp();
  let browser: Browser;
  let server: Awaited<ReturnType<typeof listen>>;
  let page: Page;
  let axeSource: string;

  beforeAll(async () => {
    axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    server = await listen(ctx.app);
    browser = await launchChromium();
  });
  afterEach(async () => {
    await page?.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function axeProblems(label: string): Promise<string[]> {
    await page.evaluate(axeSource); // not a script tag: the pages' CSP refuses inline scripts
    const results = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as AxeResults;
    return results.violations.map(
      (v) => `${label}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  }

  // The whole page, and what the screen first shows.
  async function screenshot(name: string) {
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}-screen.png`) });
  }

  async function pasteSeedArticle(topicSlug: string) {
    await page.goto(`${server.baseUrl}/statements/from-article`);
    await page.fill('#text', SEED_ARTICLE);
    await page.selectOption('#topic', topicSlug);
    await page.fill('#source-publisher', 'Example News');
    await page.fill('#source-url', 'https://example.org/druze-homeland');
    await page.fill('#source-published_on', '2025-08');
    await Promise.all([page.waitForURL(/\/statements\/from-article\/review$/), page.click('main button[type="submit"]')]);
  }

  test('when an editor pastes the reference article, drops one proposal and saves, then the rest are on record and on the speaker’s page', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInPage(page, server.baseUrl, ctx.editorAccount);
    const topic = await makeTopic(ctx.prisma, { name: 'Separate Druze region in southern Syria' });

    await pasteSeedArticle(topic.slug);
    const proposals = await page.locator('fieldset.proposal').count();
    expect(proposals).toBeGreaterThanOrEqual(3);
    await expect(page.locator('.article-text mark').count()).resolves.toBe(proposals);
    await screenshot('from-article-review-desktop');
    expect(await axeProblems('review')).toEqual([]);

    // Drop the recorded silence ("no immediate reaction from Damascus").
    const speakers: string[] = [];
    for (let i = 0; i < proposals; i++) speakers.push(await page.inputValue(`#rows-${i}-speaker`));
    const damascus = speakers.indexOf('Damascus');
    expect(damascus).toBeGreaterThanOrEqual(0);
    await page.uncheck(`#rows-${damascus}-keep`);
    // A row without a stance keeps the whole save back; give each one a stance.
    for (let i = 0; i < proposals; i++)
      if ((await page.inputValue(`#rows-${i}-stance`)) === '') await page.selectOption(`#rows-${i}-stance`, 'unclear');
    await Promise.all([page.waitForURL(/\/statements\/from-article\/saved\?ids=/), page.click('main button[type="submit"]')]);

    await expect(page.locator('h1').textContent()).resolves.toBe(`${proposals - 1} statements saved`);
    await expect(page.locator('main').textContent()).resolves.toContain('categorically rejects any separatist calls');
    await screenshot('from-article-saved');
    expect(await ctx.prisma.speaker.count({ where: { name: 'Damascus' } })).toBe(0);
    expect(await ctx.prisma.statement.count()).toBe(proposals - 1);

    await page.click('a[href="/speakers/saudi-arabia"] >> nth=0');
    await page.waitForURL(/\/speakers\/saudi-arabia$/);
    await expect(page.locator('main').textContent()).resolves.toContain('categorically rejects any separatist calls');
  });

  test('when the review is read on a phone, then nothing is wider than the screen, and its error state passes axe', async () => {
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await signInPage(page, server.baseUrl, ctx.editorAccount);
    const topic = await makeTopic(ctx.prisma);

    await page.goto(`${server.baseUrl}/statements/from-article`);
    await Promise.all([page.waitForLoadState('load'), page.click('main button[type="submit"]')]);
    await expect(page.locator('#text-error').textContent()).resolves.toBe('Paste the text of the article');
    expect(await axeProblems('article form with errors')).toEqual([]);

    await pasteSeedArticle(topic.slug);
    expect((await page.evaluate('document.documentElement.scrollWidth')) as number).toBeLessThanOrEqual(390);
    await screenshot('from-article-review-phone');
    await page.locator('#proposal-5').screenshot({ path: path.join(SCREENSHOTS_DIR, 'from-article-review-phone-proposal.png') });
    expect(await axeProblems('review on a phone')).toEqual([]);

    await page.fill('#rows-0-said_on', 'last Monday');
    await Promise.all([page.waitForLoadState('load'), page.click('main button[type="submit"]')]);
    await expect(page.locator('#rows-0-said_on-error').textContent()).resolves.toMatch(/real date/);
    await expect(page.inputValue('#rows-0-said_on')).resolves.toBe('last Monday');
    expect((await page.evaluate('document.documentElement.scrollWidth')) as number).toBeLessThanOrEqual(390);
    await screenshot('from-article-review-phone-errors');
    expect(await axeProblems('review with errors')).toEqual([]);
    expect(await ctx.prisma.statement.count({ where: { positions: { some: { topicId: topic.id } } } })).toBe(0);
  });
});
