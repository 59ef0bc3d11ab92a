import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryContent } from '../src/delivery/delivery.entity.js';
import { Sealer } from '../src/secrets/sealer.js';
import { SECRET_KEY, startTestBelfry, type TestBelfry } from './support/belfry.js';
import { deliveryRows, untilSettled } from './support/deliveries.js';

const CODE = 'VC-7F3K9Q';
const TOKEN = 'rst_Zx81mP0qLw5tYh2';
const SENSITIVE_FIELD = 'pin-4417-secret';
const SECRETS = [CODE, TOKEN, SENSITIVE_FIELD];

/** Sends a verification code, a reset token and a template field marked sensitive. */
async function sendSecrets(belfry: TestBelfry): Promise<void> {
  await belfry.service(
    `mutation { upsertRecipient(input: { userId: "secretive", email: "s@example.com", phone: "+447700900123" }) { userId } }`,
  );
  await belfry.service(
    `mutation { createTemplate(input: { key: "pin_sms", name: "PIN", channels: [IN_APP, SMS, EMAIL], messageTemplate: "Your PIN is {pin}", dataFields: ["pin"], sensitiveFields: ["pin"] }) { key } }`,
  );
  for (const [event, data] of [
    ['verification', { code: CODE }],
    ['password_reset', { token: TOKEN }],
  ] as const) {
    const response = await belfry.service(
      `mutation($input: TriggerEventInput!) { triggerEvent(input: $input) { id } }`,
      { input: { event, userId: 'secretive', data } },
    );
    expect(response.errors).toBeUndefined();
  }
  const pin = await belfry.service(
    `mutation { sendTemplate(input: { templateKey: "pin_sms", userId: "secretive", data: { pin: "${SENSITIVE_FIELD}" } }) { id } }`,
  );
  expect(pin.errors).toBeUndefined();
}

/** Reads every row of every table (the queue's included) as text and looks for the secrets. */
async function expectNoSecretInAnyTable(belfry: TestBelfry): Promise<void> {
  const sql = <Row extends object>(text: string) => belfry.app.database.em.getConnection().execute<Row[]>(text);
  const tables = await sql<{ schemaname: string; tablename: string }>(
    `select schemaname, tablename from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`,
  );
  expect(tables.map((table) => `${table.schemaname}.${table.tablename}`)).toEqual(
    expect.arrayContaining(['public.notifications', 'public.deliveries', 'pgboss.job']),
  );
  let rowsScanned = 0;
  for (const { schemaname, tablename } of tables) {
    const rows = await sql<{ row: string }>(`select t::text as row from "${schemaname}"."${tablename}" t`);
    rowsScanned += rows.length;
    for (const { row } of rows)
      for (const secret of SECRETS) expect(row, `${schemaname}.${tablename}`).not.toContain(secret);
  }
  expect(rowsScanned).toBeGreaterThan(20);
}

describe('secrets before delivery (API only, deliveries queued)', () => {
  let belfry: TestBelfry;
  beforeAll(async () => {
    belfry = await startTestBelfry({ role: 'api' });
    await sendSecrets(belfry);
  });
  afterAll(() => belfry?.stop());

  it('never stores a verification code, reset token or sensitive field in any table or queue payload', async () => {
    await expectNoSecretInAnyTable(belfry);
  });

  it('keeps the real copy sealed in the queued deliveries', async () => {
    const queued = await deliveryRows(belfry, `status = 'queued'`);
    expect(queued.map((row) => row.channel).sort()).toEqual(['email', 'email', 'email', 'sms']);
    const sealer = new Sealer(SECRET_KEY);
    const opened = queued.map((row) => sealer.open<DeliveryContent>(row.sealed_content!));
    expect(
      opened.some(
        (content) => 'email' in content && content.email.text.includes(CODE) && content.email.html!.includes(CODE),
      ),
    ).toBe(true);
    expect(opened.some((content) => 'email' in content && content.email.text.includes(TOKEN))).toBe(true);
  });

  it('shows the inbox a masked copy, and keeps secrets out of metadata', async () => {
    const inbox = await belfry.service(`{ notifications(userId: "secretive") { nodes { message metadata } } }`);
    expect(inbox.data!.notifications.nodes).toEqual([{ message: 'Your PIN is ••••••', metadata: {} }]);
  });

  it('never writes them into the logs', () => {
    expect(belfry.logs.length).toBeGreaterThan(0);
    const text = JSON.stringify(belfry.logs);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });
});

describe('secrets after delivery (workers running)', () => {
  let belfry: TestBelfry;
  beforeAll(async () => {
    belfry = await startTestBelfry();
    await sendSecrets(belfry);
    await untilSettled(belfry);
  });
  afterAll(() => belfry?.stop());

  it('sends the real values: the emails carry the code and the token, the SMS the PIN', () => {
    const sent = belfry.app.backends.outbox.messages;
    const emails = sent.flatMap((entry) => (entry.channel === 'email' ? [entry.message] : []));
    expect(
      emails.some((email) => email.to === 's@example.com' && email.text.includes(CODE) && email.html?.includes(CODE)),
    ).toBe(true);
    expect(emails.some((email) => email.text.includes(TOKEN) && email.subject === 'Reset your password')).toBe(true);
    const sms = sent.flatMap((entry) => (entry.channel === 'sms' ? [entry.message] : []));
    expect(sms.map((message) => [message.to, message.body])).toEqual([
      ['+447700900123', `Your PIN is ${SENSITIVE_FIELD}`],
    ]);
  });

  it('wipes the sealed copy once sent, and still stores no secret anywhere', async () => {
    const rows = await deliveryRows(belfry, `channel <> 'in_app'`);
    // Two events and the PIN template: three emails and one SMS (an empty list would prove nothing).
    expect(rows.map((row) => [row.channel, row.status, row.sealed_content]).sort()).toEqual([
      ['email', 'sent', null],
      ['email', 'sent', null],
      ['email', 'sent', null],
      ['sms', 'sent', null],
    ]);
    await expectNoSecretInAnyTable(belfry);
    const text = JSON.stringify(belfry.logs);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });
});
