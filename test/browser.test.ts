import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { testEngine } from './support/database.js';
import { graphQLBody } from './support/graphql-body.js';

const CHROMIUM = '/usr/bin/chromium';
/** Screenshots of what a person sees, kept for a look after the run (test-results/ is not committed). */
const SHOTS = new URL('../test-results/screenshots/', import.meta.url);

// The pages and the browser are the same on either database: run them once, on PGlite.
describe.skipIf(testEngine !== 'pglite')('the pages in headless Chromium', () => {
  let belfry: TestBelfry;
  let browser: Browser;
  const external: string[] = [];
  /** Content-Security-Policy violations any page reported: the pages must work under the CSP Belfry sends. */
  const violations: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
    if (!existsSync(new URL('../dist/web/index.html', import.meta.url)))
      throw new Error('dist/web is missing: run `npm run build` (npm test does it first)');
    // Development mode (no credentials configured): the pages start signed in.
    belfry = await startTestBelfry({ apiKeys: [], jwt: {} });
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await belfry?.stop();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    // Offline by design: any request that leaves 127.0.0.1 is refused and remembered.
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') return route.continue();
      external.push(url.href);
      return route.abort();
    });
    await page.goto(`${belfry.url}${path}`);
    return page;
  }

  const sendAsService = (title: string) =>
    fetch(`${belfry.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `ApiKey ${belfry.app.devCredentials!.apiKey}` },
      body: JSON.stringify({
        query: `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }`,
        variables: { input: { userId: 'demo-user', title, message: 'from the test' } },
      }),
    }).then(graphQLBody);

  it("the demo page's <belfry-inbox> shows a notification sent through the API live, and marking it read lowers the badge", async () => {
    const page = await open('/');
    await page.locator('belfry-inbox .bell').waitFor();
    await expect.poll(() => belfry.app.activeSubscriptions()).toBe(2);
    const badge = page.locator('belfry-inbox .badge');

    expect((await sendAsService('Bell test')).errors).toBeUndefined();
    await expect.poll(() => badge.getAttribute('data-count')).toBe('1');
    expect(await badge.isVisible()).toBe(true);
    await page.locator('belfry-inbox .bell').click();
    const item = page.locator('belfry-inbox .item', { hasText: 'Bell test' });
    await item.waitFor();
    await page.screenshot({ path: new URL('bell-unread.png', SHOTS).pathname, fullPage: true });

    await item.locator('[data-action="toggle-read"]').click();
    await expect.poll(() => badge.getAttribute('data-count')).toBe('0');
    expect(await badge.isVisible()).toBe(false);

    // The development button sends a test notification that arrives live.
    await page.locator('#send-test').click();
    await expect.poll(() => badge.getAttribute('data-count')).toBe('1');
    await page.locator('belfry-inbox .bell').click();
    await page.locator('belfry-inbox .item h3', { hasText: 'Test notification #1' }).waitFor();
    await page.close();
  });

  it('GraphiQL loads offline, runs a query and receives a subscription event', async () => {
    /** Opens GraphiQL on a shared link to `query`, runs it with the play button, and returns the page. */
    const run = async (query: string) => {
      const page = await open(`/graphiql/?query=${encodeURIComponent(query)}`);
      await page.locator('.graphiql-query-editor', { hasText: query }).waitFor();
      await page.locator('.graphiql-execute-button').click();
      return page;
    };
    // Monaco renders spaces as no-break spaces.
    const resultOf = (page: Page) => async () =>
      (await page.locator('.result-window').innerText()).replace(/\u00a0/g, ' ');

    const queryPage = await run('query Count { notificationCount(userId: "demo-user") }');
    await expect.poll(resultOf(queryPage), { timeout: 15_000 }).toMatch(/"notificationCount": \d+/);
    await queryPage.close();

    const before = belfry.app.activeSubscriptions();
    const subscriptionPage = await run('subscription Live { notificationAdded(userId: "demo-user") { title } }');
    await expect.poll(() => belfry.app.activeSubscriptions(), { timeout: 15_000 }).toBe(before + 1);
    expect((await sendAsService('Seen in GraphiQL')).errors).toBeUndefined();
    await expect.poll(resultOf(subscriptionPage), { timeout: 15_000 }).toContain('"title": "Seen in GraphiQL"');
    await subscriptionPage.screenshot({ path: new URL('graphiql-subscription.png', SHOTS).pathname });
    await subscriptionPage.close();
    expect(external).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('a page served from another port that includes /config.js with <script src> gets no credentials', async () => {
    // Another local app (say a dev server on :5173) that a developer has open: same site, other origin.
    const other = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
        .end(`<!doctype html><script src="${belfry.url}/config.js"></script>
        <script>document.title = 'loaded:' + JSON.stringify(window.BELFRY ?? null)</script>`);
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      await expect.poll(() => page.title()).toMatch(/^loaded:/);
      // The browser sends it as Sec-Fetch-Site: same-site, which the server answers without
      // credentials (test/pages.test.ts); told Cross-Origin-Resource-Policy: same-origin, the browser does not even run the answer.
      expect(['loaded:null', 'loaded:{}']).toContain(await page.title());
      await page.close();
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
