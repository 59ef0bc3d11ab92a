import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { testEngine } from './support/database.js';
import { SHOTS, useInboxHarness } from './support/inbox-harness.js';

const USER = 'inbox-user';

// <belfry-inbox> on a page of another origin, loaded from Belfry's /sdk/belfry-inbox.js. The
// browser and the component are the same on either database: run once, on PGlite (on disk,
// so Belfry can be restarted on it). inbox-component-features.test.ts covers seen, actions,
// snooze, unarchive, tags and per-template preferences.
describe.skipIf(testEngine !== 'pglite')('<belfry-inbox> on another origin, in headless Chromium', () => {
  const h = useInboxHarness(USER);
  const { open, send, badge, item, liveSockets, seriousViolations } = h;

  it('serves /sdk/belfry-inbox.js as one cacheable, CORS-readable ES module', async () => {
    const response = await fetch(`${h.belfry.url}/sdk/belfry-inbox.js`, { headers: { origin: h.app.origin } });
    const body = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    expect(response.headers.get('etag')).toBeTruthy();
    // One module: nothing imported from anywhere else.
    expect(body).not.toMatch(/(^|[;}])\s*import\s*[{*"'`]|\bimport\s*\(/);
    const revalidated = await fetch(`${h.belfry.url}/sdk/belfry-inbox.js`, {
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
    const unread = await h.belfry.service<{ notificationCount: number }>(
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
      h.belfry.service<{ preferences: { emailBilling: boolean } }>(
        `{ preferences(userId: "${USER}") { emailBilling } }`,
      );
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

    const port = Number(new URL(h.belfry.url).port);
    await h.belfry.stop();
    await page.locator('belfry-inbox .status', { hasText: 'Reconnecting' }).waitFor();
    // While the page's Belfry is down, another instance on the same database sends an item.
    const other = await h.start();
    const missedId = await (async () => {
      const result = await other.service<{ sendNotification: { id: string } }>(
        'mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }',
        { input: { userId: USER, title: 'Sent while you were away', message: 'catch-up' } },
      );
      return result.data!.sendNotification.id;
    })();
    await other.stop();
    expect(missedId).toBeTruthy();

    h.belfry = await h.start(port);
    await item(page, 'Sent while you were away').waitFor({ timeout: 30_000 });
    await expect.poll(() => badge(page)).toBe(String(before + 1));
    await expect.poll(() => page.locator('belfry-inbox .status').count()).toBe(0);
    // And it is live again.
    await send('After the restart');
    await item(page, 'After the restart').waitFor();
    await page.close();
  }, 60_000);
});
