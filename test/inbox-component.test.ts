import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseConfig } from '../src/config/settings.js';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { testEngine } from './support/database.js';
import {
  allowGraphQLFromPage,
  answersPreflight,
  AppServer,
  CHROMIUM,
  launchChromium,
  type InboxAttributes,
} from './support/inbox-page.js';

/** Screenshots of what a person sees, kept for a look after the run (test-results/ is not committed). */
const SHOTS = new URL('../test-results/screenshots/', import.meta.url);
const USER = 'inbox-user';

// <belfry-inbox> on a page of another origin, loaded from Belfry's /sdk/belfry-inbox.js. The
// browser and the component are the same on either database: run once, on PGlite (on disk,
// so Belfry can be restarted on it).
describe.skipIf(testEngine !== 'pglite')('<belfry-inbox> on another origin, in headless Chromium', () => {
  let app: AppServer;
  let belfry: TestBelfry;
  let browser: Browser;
  let dataDir: string;
  let database: DatabaseConfig;
  let token: string;
  let axeSource: string;
  /** True until Belfry answers CORS preflights for /graphql itself (issue 10 item 1). */
  let corsShim = false;
  const pages: Page[] = [];

  const start = (port = 0) => startTestBelfry({ database, port }, { ALLOWED_ORIGINS: app.origin, LOG_LEVEL: 'warn' });

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
    if (!existsSync(new URL('../dist/web/sdk/belfry-inbox.js', import.meta.url)))
      throw new Error('dist/web/sdk is missing: run `npm run build` (npm test does it first)');
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'belfry-inbox-'));
    database = { kind: 'pglite', dataDir };
    app = await AppServer.start();
    belfry = await start();
    token = await belfry.tokenFor(USER);
    corsShim = !(await answersPreflight(belfry.url, app.origin));
    axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await belfry?.stop();
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  // A failed test leaves no page (and no live subscription) behind for the next one.
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.close()));
  });

  async function open(attributes: Partial<InboxAttributes> = {}, colorScheme: 'light' | 'dark' = 'light') {
    const page = await browser.newPage({ viewport: { width: 900, height: 720 }, colorScheme });
    pages.push(page);
    page.on('pageerror', (error) => console.error('page error:', error));
    // Refused sockets while Belfry is down (the restart test) are expected; anything else is printed.
    page.on('console', (message) => {
      if (message.type() === 'error' && !/ERR_CONNECTION_REFUSED/.test(message.text()))
        console.error('console:', message.text());
    });
    if (corsShim) await allowGraphQLFromPage(page, belfry.url, app.origin);
    await page.goto(app.urlFor({ server: belfry.url, token, locale: 'en', ...attributes }));
    await page.locator('belfry-inbox .bell').waitFor();
    return page;
  }

  const send = async (title: string, extra: Record<string, unknown> = {}) => {
    const result = await belfry.service<{ sendNotification: { id: string } }>(
      'mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }',
      { input: { userId: USER, title, message: `Message of ${title}`, ...extra } },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.sendNotification.id;
  };
  const badge = (page: Page) => page.locator('belfry-inbox .badge').getAttribute('data-count');
  const item = (page: Page, title: string) => page.locator('belfry-inbox .item', { hasText: title });
  const liveSockets = (count: number) => expect.poll(() => belfry.app.activeSubscriptions()).toBe(count);

  /** Runs axe-core on the page (the component's shadow DOM included); only serious and critical count. */
  async function seriousViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ content: axeSource });
    // Test files have no DOM types: the in-page code is a string.
    const results = await page.evaluate<{
      violations: { id: string; impact: string; nodes: { target: unknown }[] }[];
    }>('axe.run(document)');
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${JSON.stringify(violation.nodes.map((node) => node.target))}`,
      );
  }

  it('serves /sdk/belfry-inbox.js as one cacheable, CORS-readable ES module', async () => {
    const response = await fetch(`${belfry.url}/sdk/belfry-inbox.js`, { headers: { origin: app.origin } });
    const body = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    expect(response.headers.get('etag')).toBeTruthy();
    // One module: nothing imported from anywhere else.
    expect(body).not.toMatch(/(^|[;}])\s*import\s*[{*"'`]|\bimport\s*\(/);
    const revalidated = await fetch(`${belfry.url}/sdk/belfry-inbox.js`, {
      // fetch adds Cache-Control: no-cache to a conditional request unless one is given; a browser revalidates with max-age=0.
      headers: { 'if-none-match': response.headers.get('etag')!, 'cache-control': 'max-age=0' },
    });
    expect(revalidated.status).toBe(304);
    await revalidated.arrayBuffer();
  });

  it('a sent item appears live and the badge follows; mark read lowers it; the time from send to badge is measured', async () => {
    const page = await open();
    await liveSockets(2);
    expect(await badge(page)).toBe('0');
    expect(await page.locator('belfry-inbox .badge').isVisible()).toBe(false);

    // The badge's text is watched in the page; the send is timed from just before the mutation.
    await page.evaluate(`(() => {
      window.liveTitles = [];
      document.addEventListener('belfry-notification', (event) => window.liveTitles.push(event.detail.item.title));
      const target = document.querySelector('belfry-inbox').shadowRoot.querySelector('.badge');
      new MutationObserver(() => {
        if (target.getAttribute('data-count') === '1') window.badgeAt = Date.now();
      }).observe(target, { attributes: true });
    })()`);
    const sentAt = Date.now();
    await send('First live item', { category: 'BILLING', priority: 'HIGH' });
    await expect.poll(() => badge(page)).toBe('1');
    const badgeAt = await page.evaluate<number>('window.badgeAt');
    console.log(`send → badge: ${badgeAt - sentAt} ms`);
    expect(badgeAt - sentAt).toBeLessThan(2_000);

    await page.locator('belfry-inbox .bell').click();
    await item(page, 'First live item').waitFor();
    await expect(item(page, 'First live item').locator('.priority-high').innerText()).resolves.toBe('High');
    await expect(item(page, 'First live item').locator('[part="category"]').innerText()).resolves.toBe('Billing');

    // While open, a new one arrives on top.
    await send('Second live item', { priority: 'URGENT', category: 'SECURITY', actionUrl: 'https://example.com/x' });
    await expect.poll(() => page.locator('belfry-inbox .item h3').first().innerText()).toContain('Second live item');
    expect(await item(page, 'Second live item').locator('a').getAttribute('href')).toBe('https://example.com/x');
    await expect.poll(() => badge(page)).toBe('2');
    expect(await page.evaluate('window.liveTitles')).toEqual(['First live item', 'Second live item']);

    // Following the link marks the item read; a single-page app may take the navigation over.
    await page.evaluate(`document.addEventListener('belfry-open', (event) => {
      window.opened = event.detail.href;
      event.preventDefault();
    })`);
    await item(page, 'Second live item').locator('a').click();
    expect(await page.evaluate('window.opened')).toBe('https://example.com/x');
    await expect.poll(() => badge(page)).toBe('1');

    await item(page, 'First live item').locator('[data-action="toggle-read"]').click();
    await expect.poll(() => badge(page)).toBe('0');
    await expect.poll(() => item(page, 'First live item').getAttribute('class')).toMatch(/\bread\b/);
    await item(page, 'First live item').locator('[data-action="toggle-read"]').click();
    await expect.poll(() => badge(page)).toBe('1');
    await page.close();
  });

  it('loads more with the cursor, archives, and marks all read', async () => {
    for (let i = 1; i <= 6; i++) await send(`Paged ${i}`);
    const page = await open({ pageSize: 5 });
    await page.locator('belfry-inbox .bell').click();
    await expect.poll(() => page.locator('belfry-inbox .item').count()).toBe(5);
    await page.locator('belfry-inbox [data-action="load-more"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: new URL('inbox-load-more.png', SHOTS).pathname });
    await page.locator('belfry-inbox [data-action="load-more"]').click();
    // The 6 new ones and whatever an earlier test left unread: all of them, in two pages.
    const unread = await belfry.service<{ notificationCount: number }>(
      `{ notificationCount(userId: "${USER}", unreadOnly: true) }`,
    );
    expect(unread.data!.notificationCount).toBeLessThanOrEqual(10);
    await expect.poll(() => page.locator('belfry-inbox .item').count()).toBe(unread.data!.notificationCount);
    expect(await page.locator('belfry-inbox [data-action="load-more"]').count()).toBe(0);

    await item(page, 'Paged 3').locator('[data-action="archive"]').click();
    await expect.poll(() => item(page, 'Paged 3').count()).toBe(0);
    await page.locator('belfry-inbox [role="tab"][data-view="archived"]').click();
    await item(page, 'Paged 3').waitFor();
    expect(await page.locator('belfry-inbox .item').count()).toBe(1);

    await page.locator('belfry-inbox [role="tab"][data-view="unread"]').click();
    await page.locator('belfry-inbox [data-action="mark-all-read"]').click();
    await expect.poll(() => badge(page)).toBe('0');
    await page.locator('belfry-inbox [role="tab"][data-view="all"]').click();
    await page.locator('belfry-inbox [role="tab"][data-view="unread"]').click();
    await page.locator('belfry-inbox [part="empty"]').waitFor();
    await page.close();
  });

  it('a preference toggle persists across a reload', async () => {
    let page = await open();
    await page.locator('belfry-inbox .bell').click();
    await page.locator('belfry-inbox [data-action="preferences"]').click();
    const box = (p: Page) => p.locator('belfry-inbox input[data-flag="emailBilling"]');
    await expect.poll(() => box(page).isChecked()).toBe(true);
    await box(page).uncheck();
    const stored = () =>
      belfry.service<{ preferences: { emailBilling: boolean } }>(`{ preferences(userId: "${USER}") { emailBilling } }`);
    await expect.poll(async () => (await stored()).data?.preferences.emailBilling).toBe(false);
    await page.close();

    page = await open();
    await page.locator('belfry-inbox .bell').click();
    await page.locator('belfry-inbox [data-action="preferences"]').click();
    await expect.poll(() => box(page).isChecked()).toBe(false);
    expect(await box(page).isDisabled()).toBe(false);
    await page.close();
  });

  it('opens from the keyboard, Esc closes it and focus returns to the bell', async () => {
    const page = await open();
    await page.locator('belfry-inbox .bell').focus();
    await page.keyboard.press('Enter');
    await page.locator('belfry-inbox [role="dialog"]').waitFor();
    const focused = () =>
      page.evaluate<string>(`document.querySelector('belfry-inbox').shadowRoot.activeElement?.id ?? ''`);
    await expect.poll(focused).toBe('tab-unread');
    await page.keyboard.press('ArrowRight');
    await expect.poll(focused).toBe('tab-all');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('belfry-inbox [role="dialog"]').count()).toBe(0);
    const bellFocused = await page.evaluate(
      `document.querySelector('belfry-inbox').shadowRoot.activeElement?.classList.contains('bell') ?? false`,
    );
    expect(bellFocused).toBe(true);
    expect(await page.locator('belfry-inbox .bell').getAttribute('aria-expanded')).toBe('false');
    await page.close();
  });

  it('shows the error state for a refused token, and the offline state while the network is gone', async () => {
    const refused = await open({ token: 'not-a-token' });
    await refused.locator('belfry-inbox .bell').click();
    await refused.locator('belfry-inbox [part="error"]', { hasText: 'could not be loaded' }).waitFor();
    await refused.locator('belfry-inbox .status', { hasText: 'session has expired' }).waitFor();
    await refused.close();

    const page = await open();
    await page.locator('belfry-inbox .bell').click();
    await page.context().setOffline(true);
    await page.locator('belfry-inbox .status', { hasText: 'You are offline' }).waitFor();
    await page.context().setOffline(false);
    await expect.poll(() => page.locator('belfry-inbox .status', { hasText: 'offline' }).count()).toBe(0);
    await page.close();
  });

  it('axe-core finds no serious or critical violations, light and dark; screenshots are kept', async () => {
    await send('Your invoice is ready', { category: 'BILLING', actionUrl: '/billing' });
    await send('New sign-in from Firefox on Linux', { category: 'SECURITY', priority: 'URGENT' });
    await send('Password expires in 3 days', { category: 'ACCOUNT', priority: 'HIGH' });
    for (const scheme of ['light', 'dark'] as const) {
      const page = await open({}, scheme);
      await expect.poll(() => badge(page)).toBe('3');
      await page.locator('belfry-inbox .bell').click();
      await item(page, 'Your invoice is ready').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: new URL(`inbox-${scheme}.png`, SHOTS).pathname });
      await page.locator('belfry-inbox [data-action="preferences"]').click();
      await page.locator('belfry-inbox input[data-flag="inAppEnabled"]').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: new URL(`inbox-preferences-${scheme}.png`, SHOTS).pathname });
      await page.close();
    }
    const german = await open({ locale: 'de-DE', theme: 'dark' });
    await german.locator('belfry-inbox .bell').click();
    await german.locator('belfry-inbox [role="tab"]', { hasText: 'Ungelesen' }).waitFor();
    await german.screenshot({ path: new URL('inbox-de-dark.png', SHOTS).pathname });
    await german.close();
  });

  it('survives a Belfry restart and catches up on an item sent while it was down', async () => {
    const page = await open();
    await liveSockets(2);
    await page.locator('belfry-inbox .bell').click();
    await page.locator('belfry-inbox [role="tab"][data-view="all"]').click();
    await item(page, 'Your invoice is ready').waitFor();
    const before = Number(await badge(page));

    const port = Number(new URL(belfry.url).port);
    await belfry.stop();
    await page.locator('belfry-inbox .status', { hasText: 'Reconnecting' }).waitFor();
    // While the page's Belfry is down, another instance on the same database sends an item.
    const other = await start();
    const missedId = await (async () => {
      const result = await other.service<{ sendNotification: { id: string } }>(
        'mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }',
        { input: { userId: USER, title: 'Sent while you were away', message: 'catch-up' } },
      );
      return result.data!.sendNotification.id;
    })();
    await other.stop();
    expect(missedId).toBeTruthy();

    belfry = await start(port);
    await item(page, 'Sent while you were away').waitFor({ timeout: 30_000 });
    await expect.poll(() => badge(page)).toBe(String(before + 1));
    await expect.poll(() => page.locator('belfry-inbox .status').count()).toBe(0);
    // And it is live again.
    await send('After the restart');
    await item(page, 'After the restart').waitFor();
    await page.close();
  }, 60_000);
});
