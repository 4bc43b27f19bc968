import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadDemoData } from '../../src/demo/demo-data';
import { launchChromium, listen, SCREENSHOTS_DIR } from '../support/browser';
import { useTestApp } from '../support/test-app';

/** A researcher's path through the demo data: find the words, open them, compare who stands where. */
describe('search, then the statement, then the comparison, in the browser', () => {
  const ctx = useTestApp();
  let browser: Browser;
  let server: Awaited<ReturnType<typeof listen>>;
  let page: Page;

  beforeAll(async () => {
    await loadDemoData(ctx.prisma);
    server = await listen(ctx.app);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS_DIR, `flow-${name}.png`), fullPage: true });

  test('when a researcher searches for “separatist”, opens the match and compares the speakers, then each step shows the words and the stances', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.click('nav >> text=Search');
    await page.fill('#search-q', 'separatist');
    await Promise.all([page.waitForURL(/\/search\?q=separatist/), page.click('form.search-form button[type="submit"]')]);
    await shot('1-search');

    const hit = page.locator('article.search-hit').first();
    await expect(hit.locator('.speaker').textContent()).resolves.toBe('Saudi Arabia');
    await expect(hit.locator('mark').first().textContent()).resolves.toMatch(/^separatist/i);

    await Promise.all([page.waitForURL(/\/statements\/\d+$/), hit.locator('a.permalink').click()]);
    await shot('2-statement');
    const main = page.locator('main');
    await expect(main.locator('blockquote').first().textContent()).resolves.toContain(
      'categorically rejects any separatist calls',
    );
    // The relation recorded in the demo data, read from this side.
    await expect(main.textContent()).resolves.toMatch(/Rejects:\s*Hikmat Al Hijri/);

    await page.click('nav >> text=Compare');
    const topics = page.locator('input[name="topic"]');
    const speakers = page.locator('input[name="speaker"]');
    await topics.nth(0).fill('Separate Druze region in southern Syria');
    await speakers.nth(0).fill('Saudi Arabia');
    await speakers.nth(1).fill('Hikmat al-Hijri'); // another name he goes by
    await speakers.nth(2).fill('Syrian government');
    await Promise.all([page.waitForURL(/\/compare\?topics=/), page.click('form.compare-form button[type="submit"]')]);
    await shot('3-compare');

    // Typed names became a shareable address of slugs.
    expect(new URL(page.url()).searchParams.get('speakers')).toBe('saudi-arabia,hikmat-al-hijri,syrian-government');
    const row = (slug: string) => page.locator(`tr:has(th a[href="/speakers/${slug}"])`);
    await expect(row('saudi-arabia').locator('.stance').textContent()).resolves.toBe('Strongly opposes');
    await expect(row('hikmat-al-hijri').locator('.stance').textContent()).resolves.toBe('Supports');
    await expect(row('syrian-government').locator('.stance').textContent()).resolves.toBe('No comment');

    // Each cell opens the quote behind it.
    await Promise.all([page.waitForURL(/\/statements\/\d+$/), row('saudi-arabia').locator('a.compare-quote').click()]);
    await expect(page.locator('main blockquote').first().textContent()).resolves.toContain('categorically rejects');
  });
});
