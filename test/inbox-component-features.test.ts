import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { testEngine } from './support/database.js';
import { SHOTS, useInboxHarness } from './support/inbox-harness.js';

const USER = 'features-user';

// The inbox features beyond read and archive (issue 10 item 5) in <belfry-inbox> on another
// origin: the unseen badge, action buttons, unarchive, snooze, the tags filter, per-template
// preferences and the 99+ badge. Each test has its own user, so counts do not mix.
describe.skipIf(testEngine !== 'pglite')('<belfry-inbox> seen, actions, snooze, tags, template preferences', () => {
  const h = useInboxHarness(USER);
  const { open, send, badge, item, liveSockets, seriousViolations } = h;
  const tokenFor = (user: string) => h.belfry.tokenFor(user);
  const shot = (page: Page, name: string) => page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname });
  const count = async (user: string, flag: 'unreadOnly' | 'unseenOnly', tags?: string[]) => {
    const result = await h.belfry.service<{ notificationCount: number }>(
      'query($user: String!, $tags: [String!]) { notificationCount(userId: $user, filter: { tags: $tags }, ' +
        `${flag}: true) }`,
      { user, tags: tags ?? null },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.notificationCount;
  };
  const stored = async <T>(id: string, fields: string) => {
    const result = await h.belfry.service<{ notification: T }>(
      `query($id: ID!) { notification(id: $id) { ${fields} } }`,
      {
        id,
      },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.notification;
  };
  const shadowFocus = (page: Page) =>
    page.evaluate<string>(`(() => {
      const el = document.querySelector('belfry-inbox').shadowRoot.activeElement;
      return el ? (el.dataset.action ?? el.dataset.snooze ?? el.id ?? el.tagName) : '';
    })()`);

  it('the unseen badge counts what was not shown yet and clears when the feed is opened; unread stays', async () => {
    const user = 'seen-user';
    await send('Seen one', { userId: user });
    await send('Seen two', { userId: user });
    const page = await open({ token: await tokenFor(user), badge: 'unseen' });
    await expect.poll(() => badge(page)).toBe('2');
    expect(await page.locator('belfry-inbox .bell').getAttribute('aria-label')).toBe('Notifications, 2 new');

    await page.locator('belfry-inbox .bell').click();
    await item(page, 'Seen two').waitFor();
    await expect.poll(() => badge(page)).toBe('0');
    expect(await count(user, 'unseenOnly')).toBe(0);
    expect(await count(user, 'unreadOnly')).toBe(2);

    // One that arrives while the feed is open is shown, so it is seen too; the unread badge still counts it.
    await send('Seen live', { userId: user });
    await item(page, 'Seen live').waitFor();
    await expect.poll(() => count(user, 'unseenOnly')).toBe(0);
    expect(await badge(page)).toBe('0');
    const unread = await open({ token: await tokenFor(user) });
    await expect.poll(() => badge(unread)).toBe('3');
  });

  it('an action button records the click (clickedAt, read) and then opens its url; PRIMARY and SECONDARY differ', async () => {
    const user = 'action-user';
    const landing = `${h.app.origin}/landed?from=belfry`;
    const id = await send('Your invoice is ready', {
      userId: user,
      category: 'BILLING',
      actions: [
        { label: 'View invoice', url: landing, style: 'PRIMARY' },
        { label: 'Billing settings', url: 'https://example.com/billing', style: 'SECONDARY' },
      ],
    });
    for (const scheme of ['light', 'dark'] as const) {
      const page = await open({ token: await tokenFor(user) }, scheme);
      await page.locator('belfry-inbox .bell').click();
      await item(page, 'Your invoice is ready').locator('[part~="action-primary"]').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `inbox-actions-${scheme}`);
      await page.close();
    }
    const page = await open({ token: await tokenFor(user) });
    await page.locator('belfry-inbox .bell').click();
    const primary = item(page, 'Your invoice is ready').locator('[part~="action-primary"]');
    const secondary = item(page, 'Your invoice is ready').locator('[part~="action-secondary"]');
    expect(await primary.innerText()).toBe('View invoice');
    expect(await secondary.getAttribute('href')).toBe('https://example.com/billing');
    const background = (part: string) =>
      page.evaluate<string>(
        `getComputedStyle(document.querySelector('belfry-inbox').shadowRoot.querySelector('[part~="${part}"]')).backgroundColor`,
      );
    expect(await background('action-primary')).not.toBe(await background('action-secondary'));

    await primary.click();
    await page.waitForURL(landing);
    const after = await stored<{ read: boolean; clickedAt: string | null; clickedAction: number | null }>(
      id,
      'read clickedAt clickedAction',
    );
    expect(after).toMatchObject({ read: true, clickedAction: 0 });
    expect(after.clickedAt).toBeTruthy();
  });

  it('Unarchive in the Archived tab brings an item back to the inbox', async () => {
    const user = 'archive-user';
    const id = await send('Archived earlier', { userId: user });
    const archived = await (
      await h.belfry.user(user)
    )('mutation($id: ID!) { archiveNotification(id: $id) { id } }', { id });
    expect(archived.errors).toBeUndefined();
    const page = await open({ token: await tokenFor(user) });
    await page.locator('belfry-inbox .bell').click();
    await page.locator('belfry-inbox [part="empty"]').waitFor();
    await page.locator('belfry-inbox [role="tab"][data-view="archived"]').click();
    await item(page, 'Archived earlier').locator('[data-action="unarchive"]').click();
    await page.locator('belfry-inbox [part="empty"]', { hasText: 'Nothing archived' }).waitFor();
    expect((await stored<{ archived: boolean }>(id, 'archived')).archived).toBe(false);
    await page.locator('belfry-inbox [role="tab"][data-view="unread"]').click();
    await item(page, 'Archived earlier').waitFor();
  });

  it('the Snooze menu works from the keyboard, hides the item, and the item comes back live when the snooze ends', async () => {
    const user = 'snooze-user';
    const id = await send('Snooze me', { userId: user });
    await send('Stay here', { userId: user });
    const page = await open({ token: await tokenFor(user) });
    await liveSockets(2);
    await page.locator('belfry-inbox .bell').click();
    const button = item(page, 'Snooze me').locator('[data-action="snooze"]');
    await button.focus();
    await page.keyboard.press('Enter');
    const menu = page.locator('belfry-inbox [role="menu"]');
    await menu.waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => shadowFocus(page)).toBe('hour');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => shadowFocus(page)).toBe('tomorrow');
    await page.keyboard.press('End');
    await expect.poll(() => shadowFocus(page)).toBe('nextWeek');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'inbox-snooze-menu-light');
    // Esc closes the menu only, and focus goes back to its button.
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    expect(await page.locator('belfry-inbox [role="dialog"]').count()).toBe(1);
    await expect.poll(() => shadowFocus(page)).toBe('snooze');

    await button.click();
    await page.locator('belfry-inbox [role="menuitem"][data-snooze="hour"]').click();
    await expect.poll(() => item(page, 'Snooze me').count()).toBe(0);
    const { snoozedUntil } = await stored<{ snoozedUntil: string }>(id, 'snoozedUntil');
    expect(Math.abs(Date.parse(snoozedUntil) - Date.now() - 3600_000)).toBeLessThan(60_000);
    await expect.poll(() => badge(page)).toBe('1');

    // The same item snoozed again until a few seconds from now: Belfry wakes it and announces it live.
    const until = new Date(Date.now() + 3_000).toISOString();
    const again = await (
      await h.belfry.user(user)
    )('mutation($id: ID!, $until: DateTimeISO!) { snoozeNotification(id: $id, until: $until) { id } }', { id, until });
    expect(again.errors).toBeUndefined();
    await item(page, 'Snooze me').waitFor({ timeout: 30_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until));
    await expect.poll(() => badge(page)).toBe('2');

    const dark = await open({ token: await tokenFor(user), theme: 'dark' }, 'dark');
    await dark.locator('belfry-inbox .bell').click();
    await item(dark, 'Stay here').locator('[data-action="snooze"]').click();
    await dark.locator('belfry-inbox [role="menu"]').waitFor();
    expect(await seriousViolations(dark)).toEqual([]);
    await shot(dark, 'inbox-snooze-menu-dark');
  }, 60_000);

  it('tags="billing, Ops" narrows the feed, the badge and live items to those tags', async () => {
    const user = 'tags-user';
    await send('Billing tagged', { userId: user, tags: ['billing'] });
    await send('News tagged', { userId: user, tags: ['news'] });
    await send('Untagged', { userId: user });
    const page = await open({ token: await tokenFor(user), tags: 'billing, Ops' });
    await liveSockets(2);
    await expect.poll(() => badge(page)).toBe('1');
    await page.locator('belfry-inbox .bell').click();
    await item(page, 'Billing tagged').waitFor();
    expect(await page.locator('belfry-inbox .item').count()).toBe(1);

    await send('News live', { userId: user, tags: ['news'] });
    await send('Ops live', { userId: user, tags: ['OPS'] });
    await item(page, 'Ops live').waitFor();
    await expect.poll(() => badge(page)).toBe('2');
    // Items arrive in order on one socket: the news one came before and was left out.
    expect(await item(page, 'News live').count()).toBe(0);
    expect(await count(user, 'unreadOnly', ['billing', 'ops'])).toBe(2);
  });

  it('a per-template toggle persists across a reload; critical templates cannot be turned off', async () => {
    const user = 'template-user';
    const box = (page: Page, template: string, channel: string) =>
      page.locator(`belfry-inbox input[data-template="${template}"][data-channel="${channel}"]`);
    let page = await open({ token: await tokenFor(user) });
    await page.locator('belfry-inbox .bell').click();
    await page.locator('belfry-inbox [data-action="preferences"]').click();
    await expect.poll(() => box(page, 'login_alert', 'EMAIL').isChecked()).toBe(true);
    expect(await box(page, 'password_reset', 'EMAIL').isDisabled()).toBe(true);
    expect(await box(page, 'new_feature', 'EMAIL').count()).toBe(0);
    await box(page, 'login_alert', 'EMAIL').uncheck();
    const choices = async () => {
      const result = await h.belfry.service<{
        preferences: { templates: { templateKey: string; channel: string; enabled: boolean }[] };
      }>(`{ preferences(userId: "${user}") { templates { templateKey channel enabled } } }`);
      return result.data?.preferences.templates;
    };
    await expect.poll(choices).toEqual([{ templateKey: 'login_alert', channel: 'EMAIL', enabled: false }]);

    for (const scheme of ['light', 'dark'] as const) {
      page = await open({ token: await tokenFor(user), theme: scheme }, scheme);
      await page.locator('belfry-inbox .bell').click();
      await page.locator('belfry-inbox [data-action="preferences"]').click();
      await expect.poll(() => box(page, 'login_alert', 'EMAIL').isChecked()).toBe(false);
      expect(await box(page, 'login_alert', 'IN_APP').isChecked()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('belfry-inbox [data-template-row="payment_failed"]').scrollIntoViewIfNeeded();
      await shot(page, `inbox-template-preferences-${scheme}`);
      await page.close();
    }
  });

  it('shows 99+ on the badge above 99 unread, and the real number to screen readers', async () => {
    const user = 'busy-user';
    const titles = Array.from({ length: 100 }, (_, i) => `Busy ${i + 1}`);
    for (let i = 0; i < titles.length; i += 10)
      await Promise.all(titles.slice(i, i + 10).map((title) => send(title, { userId: user })));
    const page = await open({ token: await tokenFor(user) }, 'dark');
    await expect.poll(() => badge(page)).toBe('100');
    const badgeBox = page.locator('belfry-inbox .badge');
    expect(await badgeBox.innerText()).toBe('99+');
    expect(await page.locator('belfry-inbox .bell').getAttribute('aria-label')).toBe('Notifications, 100 unread');
    // The text fits its pill (no clipping).
    expect(await badgeBox.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.screenshot({
      path: new URL('inbox-badge-99plus.png', SHOTS).pathname,
      clip: { x: 760, y: 0, width: 140, height: 56 },
    });
  }, 60_000);
});
