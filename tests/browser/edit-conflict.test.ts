import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { makeSpeaker, makeStatement, makeTopic } from '../support/factories';
import { launchChromium, listen, SCREENSHOTS_DIR } from '../support/browser';
import { signIn, type SignedIn } from '../support/sign-in';
import { useTestApp } from '../support/test-app';

type AxeResults = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };

/** Two editors, each in a browser context of their own (their own cookies), working on one statement. */
describe('two editors editing one statement in the browser', () => {
  const ctx = useTestApp();
  let browser: Browser;
  let server: Awaited<ReturnType<typeof listen>>;
  let axeSource: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    server = await listen(ctx.app);
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function newPage(width = 1280): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    contexts.push(context);
    return context.newPage();
  }

  /** Types the email and password into the real sign-in form and presses its button. */
  async function signInThroughForm(page: Page, account: SignedIn) {
    await page.fill('#email', account.user.email);
    await page.fill('#password', account.password);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.click('main button[type="submit"]')]);
  }

  async function axeProblems(page: Page): Promise<string[]> {
    await page.evaluate(axeSource); // not a script tag: the pages' CSP refuses inline scripts
    const results = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as AxeResults;
    return results.violations.map(
      (v) => `${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  }

  async function statementToEdit() {
    const topic = await makeTopic(ctx.prisma);
    const speaker = await makeSpeaker(ctx.prisma);
    return makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      text: 'We call for a separate region in the south.',
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });
  }

  test('when editor B saves first and editor A saves a stale form, then A sees both versions, keeps their own text and saves on top of B’s', async () => {
    const statement = await statementToEdit();
    const editA = await signIn(ctx.app, ctx.prisma, 'editor', 'Amal Haddad');
    const editB = await signIn(ctx.app, ctx.prisma, 'editor', 'Boulos Khoury');
    const [pageA, pageB] = [await newPage(), await newPage()];
    const editUrl = `${server.baseUrl}/statements/${statement.id}/edit`;
    for (const [page, account] of [
      [pageA, editA],
      [pageB, editB],
    ] as const) {
      await page.goto(`${server.baseUrl}/sign-in`);
      await signInThroughForm(page, account);
      await page.goto(editUrl);
      await expect(page.inputValue('input[name="version"]')).resolves.toBe('1');
    }

    const textB = 'We call for a separate administrative region in the south.';
    await pageB.fill('#text', textB);
    await Promise.all([
      pageB.waitForURL(`${server.baseUrl}/statements/${statement.id}`),
      pageB.click('main button[type="submit"]'),
    ]);
    await expect(pageB.locator('blockquote').first().textContent()).resolves.toContain(textB);

    const textA = 'We call for a separate region in the south, under international protection.';
    await pageA.fill('#text', textA);
    const [conflict] = await Promise.all([
      pageA.waitForResponse((r) => r.url() === editUrl && r.request().method() === 'POST'),
      pageA.click('main button[type="submit"]'),
    ]);
    await pageA.waitForLoadState('domcontentloaded');
    expect(conflict.status()).toBe(409);
    await expect(pageA.locator('#edit-conflict h2').textContent()).resolves.toContain('Someone else saved this statement');
    const textRow = pageA.locator('.conflict-table tr.differs', { has: pageA.locator('th', { hasText: /^text$/i }) });
    await expect(textRow.locator('td').nth(0).textContent()).resolves.toBe(textA);
    await expect(textRow.locator('td').nth(1).textContent()).resolves.toBe(textB);
    await expect(pageA.locator('.conflict-table tr.differs').count()).resolves.toBe(1);
    await expect(pageA.locator('.conflict-same summary').textContent()).resolves.toMatch(/fields are the same in both/);
    await expect(pageA.inputValue('#text')).resolves.toBe(textA);
    await expect(pageA.inputValue('input[name="version"]')).resolves.toBe('2');
    expect(await axeProblems(pageA)).toEqual([]);
    await pageA.screenshot({ path: path.join(SCREENSHOTS_DIR, 'edit-conflict-desktop.png'), fullPage: true });
    await pageA.setViewportSize({ width: 390, height: 844 });
    expect(await pageA.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await pageA.screenshot({ path: path.join(SCREENSHOTS_DIR, 'edit-conflict-phone.png'), fullPage: true });

    // A merges: B's "administrative" with their own protection clause.
    const merged = 'We call for a separate administrative region in the south, under international protection.';
    await pageA.fill('#text', merged);
    const [saved] = await Promise.all([
      pageA.waitForResponse((r) => r.url() === editUrl && r.request().method() === 'POST'),
      pageA.waitForURL(`${server.baseUrl}/statements/${statement.id}`),
      pageA.click('main button[type="submit"]'),
    ]);
    expect(saved.status()).toBe(303);
    await expect(pageA.locator('blockquote').first().textContent()).resolves.toContain(merged);

    await expect(ctx.prisma.statement.findUniqueOrThrow({ where: { id: statement.id } })).resolves.toMatchObject({
      text: merged,
      version: 3,
    });
    await pageA.goto(`${server.baseUrl}/statements/${statement.id}/history`);
    await pageA.screenshot({ path: path.join(SCREENSHOTS_DIR, 'edit-conflict-history-phone.png'), fullPage: true });
    const edits = await pageA.locator('.revision.action-update').allTextContents();
    expect(edits).toHaveLength(2);
    expect(edits[0]).toMatch(/Version 3 · by Amal Haddad/);
    expect(edits[1]).toMatch(/Version 2 · by Boulos Khoury/);
  }, 90_000);

  test('when an anonymous visitor opens an edit page, then they are asked to sign in and come back to it', async () => {
    const statement = await statementToEdit();
    const page = await newPage(390);

    await page.goto(`${server.baseUrl}/statements/${statement.id}/edit`);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/sign-in');
    expect(url.searchParams.get('next')).toBe(`/statements/${statement.id}/edit`);
    await signInThroughForm(page, ctx.editorAccount);

    expect(page.url()).toBe(`${server.baseUrl}/statements/${statement.id}/edit`);
    await expect(page.locator('h1').textContent()).resolves.toBe(`Edit statement #${statement.id}`);
    await expect(page.inputValue('#text')).resolves.toBe('We call for a separate region in the south.');
  });
});
