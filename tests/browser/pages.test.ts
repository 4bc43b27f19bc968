import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadDemoData } from '../../src/demo/demo-data';
import { launchChromium, listen, SCREENSHOTS_DIR, signInPage } from '../support/browser';
import { signIn } from '../support/sign-in';
import { useTestApp } from '../support/test-app';

type AxeResults = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };

const PAGES = [
  '/',
  '/speakers',
  '/speakers/hikmat-al-hijri',
  '/speakers/new',
  '/about',
  '/topics',
  '/topics/separate-druze-region-in-southern-syria',
  '/topics/new',
  '/statements',
  '/statements/new',
  '/statements/from-article',
  '/speakers/hikmat-al-hijri/topics/separate-druze-region-in-southern-syria',
  '/no-such-page',
  '/compare',
  '/compare?topics=separate-druze-region-in-southern-syria,syria-s-new-central-authorities,civil-constitution-for-syria,locally-recruited-security-forces-in-sweida&speakers=hikmat-al-hijri,saudi-arabia,syrian-government',
  '/compare?topics=separate-druze-region-in-southern-syria,atlantis&speakers=nobody',
  '/search',
  '/search?q=separate',
  '/search?q=separate&from=2025-13',
  '/account',
  '/admin/users',
];

/** Every page of the demo data, as a phone shows it and as assistive technology reads it. */
describe('every page, on a phone', () => {
  // Twenty pages in one test: alone 15-20 s, but past jest's default 30 s on two
  // cores shared with the other browser files.
  jest.setTimeout(120_000);
  const ctx = useTestApp();
  let browser: Browser;
  let server: Awaited<ReturnType<typeof listen>>;
  let page: Page;
  let axeSource: string;
  let permalinks: string[];

  beforeAll(async () => {
    await loadDemoData(ctx.prisma);
    const rejection = await ctx.prisma.statement.findFirstOrThrow({ where: { kind: 'official_position' }, select: { id: true } });
    const silence = await ctx.prisma.statement.findFirstOrThrow({ where: { kind: 'no_comment' }, select: { id: true } });
    // Pages whose address holds an id: two permalinks, and the question before resetting another account's password.
    permalinks = [
      `/statements/${rejection.id}`,
      `/statements/${silence.id}`,
      `/admin/users/${ctx.editorAccount.user.id}/password`,
    ];
    axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    server = await listen(ctx.app);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    // An admin sees every page, the accounts page included.
    await signInPage(page, server.baseUrl, await signIn(ctx.app, ctx.prisma, 'admin'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const eachPage = () => [...PAGES, ...permalinks];

  test('when each page is opened 390 px wide, then nothing is wider than the screen', async () => {
    const tooWide: string[] = [];
    for (const url of eachPage()) {
      await page.goto(`${server.baseUrl}${url}`);
      const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      if (width > 390) tooWide.push(`${url} is ${width}px wide`);
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `phone${url.replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true });
    }
    expect(tooWide).toEqual([]);
  });

  async function axeProblems(label: string): Promise<string[]> {
    await page.evaluate(axeSource); // not a script tag: the pages' CSP refuses inline scripts
    const results = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as AxeResults;
    return results.violations.map(
      (v) => `${label}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  }

  test('when each page is checked with axe, then it has no accessibility problem', async () => {
    const problems: string[] = [];
    for (const url of eachPage()) {
      await page.goto(`${server.baseUrl}${url}`);
      problems.push(...(await axeProblems(url)));
    }
    expect(problems).toEqual([]);
  });

  test('when each form comes back with its errors, then axe finds no accessibility problem either', async () => {
    const problems: string[] = [];
    const forms: [string, string][] = [
      ['/statements/new', 'main form'],
      ['/statements/from-article', 'main form'],
      ['/speakers/new', 'main form'],
      ['/topics/new', 'main form'],
      ['/account', 'form[action="/account/password"]'],
      ['/admin/users', 'form[action="/admin/users"]'],
    ];
    for (const [url, form] of forms) {
      await page.goto(`${server.baseUrl}${url}`);
      await Promise.all([page.waitForLoadState('load'), page.click(`${form} button[type="submit"]`)]);
      expect(await page.locator('.field-error').count()).toBeGreaterThan(0);
      problems.push(...(await axeProblems(`${url} with errors`)));
    }
    expect(problems).toEqual([]);
  });
});
