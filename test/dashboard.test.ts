import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, startTestBelfry, type TestBelfry } from './support/belfry.js';
import { testEngine } from './support/database.js';
import { untilSettled } from './support/deliveries.js';
import { FakeMailgun } from './support/fakes/fake-mailgun.js';
import { CHROMIUM } from './support/inbox-page.js';

const SHOTS = new URL('../test-results/screenshots/', import.meta.url);

// A page a person uses: run once, on PGlite (the database makes no difference to the page).
describe.skipIf(testEngine !== 'pglite')('the operator dashboard at /dashboard/, in headless Chromium', () => {
  const mailgun = new FakeMailgun('key-dashboard-0123456789', 'mg.example.com');
  let belfry: TestBelfry;
  let browser: Browser;
  let axeSource: string;
  let failedNotification: string;

  beforeAll(async () => {
    await mailgun.start();
    // API keys configured (no development credentials): the dashboard must ask for one.
    belfry = await startTestBelfry(
      { enablePages: true },
      {
        MAILGUN_API_KEY: mailgun.apiKey,
        MAILGUN_DOMAIN: mailgun.domain,
        MAILGUN_URL: mailgun.url,
        FROM_EMAIL: 'Belfry <no-reply@example.com>',
      },
    );
    axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });

    // One email Mailgun refuses for good (400: permanent), so it ends FAILED with the provider's error.
    mailgun.script({ status: 400, body: { message: "'to' parameter is not a valid address" } });
    const upsert = await belfry.service(
      `mutation { upsertRecipient(input: { userId: "ops-user", email: "ops-user@example.com" }) { userId } }`,
    );
    expect(upsert.errors).toBeUndefined();
    const sent = await belfry.service(
      `mutation { sendNotification(input: { userId: "ops-user", title: "Invoice", message: "Your invoice", channels: [EMAIL] }) { id } }`,
    );
    expect(sent.errors).toBeUndefined();
    failedNotification = sent.data!.sendNotification.id as string;
    const [delivery] = await untilSettled(belfry, `notification_id = '${failedNotification}'`);
    expect(delivery?.status).toBe('failed');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await belfry?.stop();
    await mailgun.stop();
  });

  async function open(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const page = await browser.newPage({ colorScheme, viewport: { width: 1280, height: 900 } });
    await page.goto(`${belfry.url}/dashboard/`);
    return page;
  }

  async function signIn(page: Page, key: string): Promise<void> {
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** The analytics card, for a screenshot of it alone. */
  async function panelClip(page: Page) {
    const box = await page.locator('analytics-panel').boundingBox();
    if (!box) throw new Error('the analytics panel is not shown');
    return { x: 0, y: 0, width: 1280, height: Math.ceil(box.y + box.height + 24) };
  }

  async function seriousViolations(page: Page): Promise<string[]> {
    // Evaluated over the DevTools protocol, which the page's CSP (script-src 'self') does not govern.
    await page.evaluate(`${axeSource}\n;undefined`);
    const results = await page.evaluate<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }>(
      'axe.run(document)',
    );
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) => `${violation.id} (${violation.impact}): ${JSON.stringify(violation.nodes.map((n) => n.target))}`,
      );
  }

  it('refuses a wrong key, signs in with the right one and lists the failure with its error', async () => {
    const page = await open();
    await signIn(page, 'not-the-key');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not valid');
    await page.screenshot({ path: new URL('dashboard-sign-in-refused.png', SHOTS).pathname, fullPage: true });

    await signIn(page, API_KEY);
    const row = page.locator('failures-panel tr', { hasText: failedNotification });
    await row.waitFor();
    expect(await row.textContent()).toContain("'to' parameter is not a valid address");
    expect(await row.textContent()).toContain('mailgun');
    await page.screenshot({ path: new URL('dashboard-light.png', SHOTS).pathname, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('retries a failed delivery from its row: it is queued again and then sent', async () => {
    const page = await open();
    await signIn(page, API_KEY);
    const row = page.locator('failures-panel tr', { hasText: failedNotification });
    await row.getByRole('button', { name: /Retry delivery/ }).click();
    await expect.poll(() => row.textContent()).toContain('Queued again');
    const [delivery] = await untilSettled(belfry, `notification_id = '${failedNotification}'`);
    expect(delivery?.status).toBe('sent');
    await page.close();
  });

  it('finds deliveries by user id and by notification id; the key survives a reload of the tab', async () => {
    const page = await open('dark');
    await signIn(page, API_KEY);
    await page.getByLabel('User id or notification id').fill('ops-user');
    await page.getByRole('button', { name: 'Search' }).click();
    const results = page.locator('delivery-search tr[data-delivery]');
    await expect.poll(() => results.count()).toBe(1);
    expect(await results.first().textContent()).toContain('SENT');

    await page.reload();
    await page.getByLabel('User id or notification id').fill(failedNotification);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => results.count()).toBe(1);
    await page.screenshot({ path: new URL('dashboard-dark.png', SHOTS).pathname, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('adds and removes a suppressed address', async () => {
    const page = await open();
    await signIn(page, API_KEY);
    const panel = page.locator('suppressions-panel');
    await panel.getByLabel('Address', { exact: true }).fill('Someone@Example.com');
    await panel.getByLabel('Reason', { exact: true }).fill('asked by phone');
    await panel.getByRole('button', { name: 'Suppress' }).click();
    const row = panel.locator('tr[data-suppression="email:someone@example.com"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('asked by phone');
    const listed = await belfry.service(`{ suppressions(channel: EMAIL, first: 5) { nodes { address } } }`);
    expect(listed.data!.suppressions.nodes).toEqual([{ address: 'someone@example.com' }]);
    await page.screenshot({ path: new URL('dashboard-suppressions.png', SHOTS).pathname, fullPage: true });
    await row.getByRole('button', { name: /Remove suppression/ }).click();
    await row.waitFor({ state: 'detached' });
    const after = await belfry.service(`{ suppressions(channel: EMAIL, first: 5) { nodes { address } } }`);
    expect(after.data!.suppressions.nodes).toEqual([]);
    await page.close();
  });

  it('lists webhook endpoints with their latest attempts, and sends one again', async () => {
    const created = await belfry.service(
      `mutation { createWebhookEndpoint(input: { url: "https://hooks.example.com/belfry", events: [NOTIFICATION_CREATED], description: "billing" }) { endpoint { id } } }`,
    );
    expect(created.errors).toBeUndefined();
    // example.com never resolves here: the attempt fails and is logged, which the panel shows.
    await belfry.service(
      `mutation { sendNotification(input: { userId: "ops-user", title: "Hook", message: "m" }) { id } }`,
    );
    const endpointId = created.data!.createWebhookEndpoint.endpoint.id as string;
    await expect
      .poll(
        async () =>
          (
            await belfry.service(`query($id: ID!) { webhookAttempts(endpointId: $id, first: 1) { nodes { id } } }`, {
              id: endpointId,
            })
          ).data!.webhookAttempts.nodes.length,
        { timeout: 15_000 },
      )
      .toBe(1);
    const page = await open('dark');
    await signIn(page, API_KEY);
    const endpoint = page.locator(`webhooks-panel article[data-endpoint="${endpointId}"]`);
    await endpoint.locator('tbody tr').first().waitFor();
    expect(await endpoint.textContent()).toContain('https://hooks.example.com/belfry');
    expect(await endpoint.textContent()).toContain('FAILED');
    await endpoint.getByRole('button', { name: /Send again: notification.created/ }).click();
    await expect.poll(() => page.locator('webhooks-panel [role=status]').textContent()).toContain('queued again');
    await page.screenshot({ path: new URL('dashboard-webhooks-dark.png', SHOTS).pathname, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('charts the last 30 days: totals, sent per day by channel, how deliveries ended, rates per template', async () => {
    const sql = (text: string) => belfry.app.database.em.getConnection().execute(text);
    // Two weeks of a digest: (3 + day % 4) a day, in-app (every second one read) and email
    // (sent by mailgun after 3 s, delivered, every third one opened); SMS on even days.
    for (let day = 1; day <= 14; day++) {
      await sql(`with n as (
          insert into notifications (id, user_id, channels, category, priority, title, message, template_key, created_at, updated_at, inbox_at)
          select gen_random_uuid(), 'chart-user', '{in_app,email,sms}', 'marketing', 'medium', 'Digest', 'm', 'weekly-digest', at, at, at
            from (select now() - interval '${day} days' + i * interval '1 minute' as at from generate_series(1, ${3 + (day % 4)}) i) t
          returning id, created_at)
        insert into deliveries (id, notification_id, channel, status, created_at, updated_at, sent_at)
        select gen_random_uuid(), n.id, c.channel, case c.channel when 'in_app' then 'delivered' else 'queued' end, n.created_at, n.created_at,
               case c.channel when 'in_app' then n.created_at end
          from n cross join (values ('in_app'), ('email')${day % 2 ? '' : ", ('sms')"}) c (channel)`);
    }
    await sql(`update deliveries d set status = case when extract(minute from d.created_at)::int % 3 = 0 then 'opened' else 'delivered' end,
        backend = 'mailgun', sent_at = d.created_at + interval '3 seconds', delivered_at = d.created_at + interval '9 seconds',
        opened_at = case when extract(minute from d.created_at)::int % 3 = 0 then d.created_at + interval '1 hour' end
      from notifications n where n.id = d.notification_id and n.user_id = 'chart-user' and d.channel = 'email'`);
    await sql(`update deliveries d set status = 'sent', backend = 'twilio', sent_at = d.created_at + interval '1 second'
      from notifications n where n.id = d.notification_id and n.user_id = 'chart-user' and d.channel = 'sms'`);
    await sql(
      `update notifications set read = true where user_id = 'chart-user' and extract(minute from created_at)::int % 2 = 0`,
    );
    const [truth] = await sql(`select count(*)::int as deliveries, count(*) filter (where d.channel = 'sms')::int as sms
      from deliveries d join notifications n on n.id = d.notification_id where n.template_key = 'weekly-digest'`);

    const page = await open();
    await signIn(page, API_KEY);
    const panel = page.locator('analytics-panel');
    const digest = panel.locator('tr', { hasText: 'weekly-digest' });
    await digest.waitFor();
    const cells = await digest.locator('td').allTextContents();
    expect(cells[1]).toBe(String(truth!.deliveries));
    expect(cells[3]).toBe('81%'); // delivered / sent: 126 of 155 (SMS is only sent)
    // The volume chart's data, as its accessible table gives it: SMS on every second day, 7 days in all.
    const smsColumn = await panel
      .locator('#volume-table tr')
      .evaluateAll((rows) => rows.slice(1).map((row) => Number(row.children[3]?.textContent ?? 0)));
    expect(smsColumn.reduce((sum, count) => sum + count, 0)).toBe(truth!.sms);
    await page.screenshot({
      path: new URL('dashboard-analytics-light.png', SHOTS).pathname,
      clip: await panelClip(page),
    });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();

    const dark = await open('dark');
    await signIn(dark, API_KEY);
    await dark.locator('analytics-panel tr', { hasText: 'weekly-digest' }).waitFor();
    await dark.screenshot({
      path: new URL('dashboard-analytics-dark.png', SHOTS).pathname,
      clip: await panelClip(dark),
    });
    await dark.close();
  });

  it('is not served when pages are off', async () => {
    const off = await startTestBelfry({ enablePages: false });
    try {
      expect((await fetch(`${off.url}/dashboard/`)).status).toBe(404);
    } finally {
      await off.stop();
    }
  });
});
