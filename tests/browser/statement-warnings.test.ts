import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadDemoData } from '../../src/demo/demo-data';
import { launchChromium, listen, SCREENSHOTS_DIR, signInPage } from '../support/browser';
import { useTestApp } from '../support/test-app';

type AxeResults = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };

const TOPIC = 'separate-druze-region-in-southern-syria';

/** The warnings of the statement and speaker forms on a phone and on a desktop, and the suggestions as you type. */
describe('the statement form’s speaker suggestions and warnings in the browser', () => {
  const ctx = useTestApp();
  let browser: Browser;
  let server: Awaited<ReturnType<typeof listen>>;
  let axeSource: string;
  let rejectionText: string;

  beforeAll(async () => {
    await loadDemoData(ctx.prisma);
    rejectionText = (await ctx.prisma.statement.findFirstOrThrow({ where: { kind: 'official_position' } })).text;
    axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    server = await listen(ctx.app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function problems(page: Page, label: string): Promise<string[]> {
    await page.evaluate(axeSource); // not a script tag: the pages' CSP refuses inline scripts
    const results = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as AxeResults;
    const found = results.violations.map(
      (v) => `${label}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    const viewport = page.viewportSize()!.width;
    if (width > viewport) found.push(`${label} is ${width}px wide on a ${viewport}px screen`);
    return found;
  }

  async function fillStatement(page: Page, speaker: string, text: string) {
    await page.fill('#speaker', speaker);
    await page.check('input[name="kind"][value="quote"]');
    await page.fill('#text', text);
    await page.selectOption('select[name="positions[0][topic]"]', TOPIC);
    await page.selectOption('select[name="positions[0][stance]"]', 'opposes');
    await page.check('#source_unknown');
  }

  const submit = (page: Page) => Promise.all([page.waitForLoadState('load'), page.click('main form button[type="submit"]')]);

  test.each([
    ['phone', 390, 844],
    ['desktop', 1280, 900],
  ])('when each warning is shown on a %s, then it fits the screen and axe finds no problem', async (label, width, height) => {
    const page = await browser.newPage({ viewport: { width, height } });
    await signInPage(page, server.baseUrl, ctx.editorAccount);
    const found: string[] = [];
    const shot = (name: string) =>
      page.screenshot({ path: path.join(SCREENSHOTS_DIR, `warning-${name}-${label}.png`), fullPage: true });

    await page.goto(`${server.baseUrl}/statements/new`);
    await fillStatement(page, 'Hikmat Hijri', `Did-you-mean check on a ${label}.`);
    await submit(page);
    expect(await page.locator('input[name="speaker_choice"]').count()).toBeGreaterThan(1);
    found.push(...(await problems(page, 'did you mean')));
    await shot('did-you-mean');

    await page.check('input[name="speaker_choice"][value="saudi-arabia"], input[name="speaker_choice"][value="hikmat-al-hijri"]');
    await page.fill('#text', rejectionText);
    await page.fill('#speaker', 'Saudi Arabia');
    await page.check('input[name="speaker_choice"][value=""]');
    await submit(page);
    expect(await page.locator('#duplicates a').count()).toBe(1);
    found.push(...(await problems(page, 'duplicate')));
    await shot('duplicate');

    await page.goto(`${server.baseUrl}/statements/new`);
    await fillStatement(page, 'Saudi Arabian', `A close new name on a ${label}.`);
    await page.selectOption('#speaker-kind', 'government');
    await submit(page);
    expect(await page.locator('#confirm_new_speaker').count()).toBe(1);
    found.push(...(await problems(page, 'similar speaker')));
    await shot('similar-speaker');

    await page.goto(`${server.baseUrl}/speakers/new`);
    await page.fill('#name', 'Hikmat al-Hijri');
    await page.selectOption('#kind', 'person');
    await submit(page);
    expect(await page.locator('#similar-speakers a').count()).toBe(1);
    found.push(...(await problems(page, 'speaker form')));
    await shot('speaker-form');

    await page.close();
    expect(found).toEqual([]);
  });

  test('when "Hijri" is typed with JavaScript on, then the speaker field suggests Hikmat Al Hijri', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInPage(page, server.baseUrl, ctx.editorAccount);
    await page.goto(`${server.baseUrl}/statements/new`);
    const optionValues = (p: Page) =>
      p.evaluate("Array.from(document.querySelectorAll('#speaker-suggestions option')).map((o) => o.value)") as Promise<string[]>;
    expect(await optionValues(page)).toContain('Saudi Arabia');

    const answered = page.waitForResponse((r) => r.url().includes('/api/v1/speakers/lookup?q=Hijri'));
    await page.locator('#speaker').pressSequentially('Hijri');
    await answered;

    // The server's list held every demo speaker; the lookup's answer replaces it with the one that matches.
    await page.waitForFunction(
      "Array.from(document.querySelectorAll('#speaker-suggestions option')).every((o) => !o.value.startsWith('Saudi'))",
    );
    expect(await optionValues(page)).toEqual(['Hikmat Al Hijri']);
    await page.close();
  });
});
