import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { testEngine } from './support/database.js';
import { untilSettled } from './support/deliveries.js';
import { FakeMailgun } from './support/fakes/fake-mailgun.js';
import { launchChromium } from './support/inbox-page.js';

const PUBLIC_URL = 'https://belfry.example.com';
const SHOTS = new URL('../test-results/screenshots/', import.meta.url);

const mailgunEnv = (mailgun: FakeMailgun) => ({
  MAILGUN_API_KEY: mailgun.apiKey,
  MAILGUN_DOMAIN: mailgun.domain,
  MAILGUN_URL: mailgun.url,
  FROM_EMAIL: 'Belfry <no-reply@example.com>',
});

async function optedIn(belfry: TestBelfry, userId: string) {
  const recipient = await belfry.service(
    `mutation($u: String!) { upsertRecipient(input: { userId: $u, email: "news@example.com" }) { userId } }`,
    { u: userId },
  );
  expect(recipient.errors).toBeUndefined();
  const preferences = await belfry.service(
    `mutation($u: String!) { updatePreferences(userId: $u, input: { emailMarketing: true }) { emailMarketing } }`,
    { u: userId },
  );
  expect(preferences.data!.updatePreferences.emailMarketing).toBe(true);
}

async function sendEmail(belfry: TestBelfry, userId: string, category: string) {
  const response = await belfry.service(
    `mutation($u: String!, $c: Category!) { sendNotification(input: { userId: $u, title: "News", message: "Our news", category: $c, channels: [EMAIL] }) { id } }`,
    { u: userId, c: category },
  );
  expect(response.errors).toBeUndefined();
  await untilSettled(belfry, `notification_id = '${response.data!.sendNotification.id as string}'`);
}

describe('RFC 8058 one-click unsubscribe for marketing email', () => {
  const mailgun = new FakeMailgun('key-unsubscribe-0123456789', 'mg.example.com');
  let belfry: TestBelfry;

  beforeAll(async () => {
    await mailgun.start();
    belfry = await startTestBelfry({}, { ...mailgunEnv(mailgun), PUBLIC_URL });
  });
  afterAll(async () => {
    await belfry?.stop();
    await mailgun.stop();
  });

  const linkOf = (fields: Record<string, string[]>) => /^<(.+)>$/.exec(fields['h:List-Unsubscribe']?.[0] ?? '')?.[1];
  const marketingOn = async (userId: string) =>
    (await belfry.service(`query($u: String) { preferences(userId: $u) { emailMarketing } }`, { u: userId })).data!
      .preferences.emailMarketing as boolean;

  it('puts List-Unsubscribe and List-Unsubscribe-Post on marketing email only', async () => {
    await optedIn(belfry, 'reader-1');
    await sendEmail(belfry, 'reader-1', 'MARKETING');
    const marketing = mailgun.accepted.at(-1)!.fields;
    expect(linkOf(marketing)).toMatch(new RegExp(`^${PUBLIC_URL}/unsubscribe/[\\w-]+\\.[\\w-]+$`));
    expect(marketing['h:List-Unsubscribe-Post']).toEqual(['List-Unsubscribe=One-Click']);
    await sendEmail(belfry, 'reader-1', 'ACCOUNT');
    expect(mailgun.accepted.at(-1)!.fields['h:List-Unsubscribe']).toBeUndefined();
  });

  it("a one-click POST, as a mail client sends it, turns off that user's marketing email; a forged token changes nothing", async () => {
    await optedIn(belfry, 'reader-2');
    await sendEmail(belfry, 'reader-2', 'MARKETING');
    const link = linkOf(mailgun.accepted.at(-1)!.fields)!;
    const path = new URL(link).pathname;
    const [payload] = path.split('/').at(-1)!.split('.');
    const forged = await fetch(`${belfry.url}/unsubscribe/${payload}.${'A'.repeat(43)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(forged.status).toBe(400);
    expect(await marketingOn('reader-2')).toBe(true);

    const page = await fetch(`${belfry.url}${path}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');
    expect(await marketingOn('reader-2')).toBe(true);

    const oneClick = await fetch(`${belfry.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('You are unsubscribed');
    expect(await marketingOn('reader-2')).toBe(false);
    // reader-1 is untouched: a token is for its own user.
    expect(await marketingOn('reader-1')).toBe(true);
  });

  it.skipIf(testEngine !== 'pglite')('shows a confirmation page whose button unsubscribes (Chromium)', async () => {
    await optedIn(belfry, 'reader-3');
    await sendEmail(belfry, 'reader-3', 'MARKETING');
    const path = new URL(linkOf(mailgun.accepted.at(-1)!.fields)!).pathname;
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${belfry.url}${path}`);
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: new URL('unsubscribe-confirm.png', SHOTS).pathname });
      await page.getByRole('button', { name: 'Unsubscribe' }).click();
      await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
      await page.screenshot({ path: new URL('unsubscribe-done.png', SHOTS).pathname });
    } finally {
      await browser.close();
    }
    expect(await marketingOn('reader-3')).toBe(false);
  });
});

describe('without PUBLIC_URL', () => {
  it('sends marketing email with no List-Unsubscribe header, and says so at start-up', async () => {
    const mailgun = await new FakeMailgun('key-unsubscribe-0123456789', 'mg.example.com').start();
    const belfry = await startTestBelfry({}, mailgunEnv(mailgun));
    try {
      expect(belfry.logs.some((line) => String(line.msg).includes('PUBLIC_URL is not set'))).toBe(true);
      await optedIn(belfry, 'reader-4');
      await sendEmail(belfry, 'reader-4', 'MARKETING');
      expect(mailgun.accepted.at(-1)!.fields['h:List-Unsubscribe']).toBeUndefined();
    } finally {
      await belfry.stop();
      await mailgun.stop();
    }
  });
});
