import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binSeconds, latencyBin } from '../src/analytics/latency-bins.js';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { untilSettled } from './support/deliveries.js';

const STATS = `query($input: NotificationStatsInput!) {
  notificationStats(input: $input) {
    id from to interval timeZone
    rows {
      id bucket channel templateKey category backend
      created sent delivered failed bounced complained opened clicked skipped read
      skippedByReason { reason count }
      deliveryRate openRate clickRate readRate queuedToSentP50 queuedToSentP95
    }
    totals { created sent delivered failed skipped read queuedToSentP50 queuedToSentP95 }
  }
}`;

type Row = Record<string, any>;
const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(iso) + plusSeconds * 1000).toISOString();
/** The value a percentile reads back for a time: the middle of its bin, to the millisecond. */
const binned = (seconds: number) => Math.round(binSeconds(latencyBin(seconds)) * 1000) / 1000;

describe('notificationStats: analytics from rollups kept as deliveries change', () => {
  let belfry: TestBelfry;
  const sql = (text: string) => belfry.app.database.em.getConnection().execute(text);
  const stats = async (input: Record<string, unknown>) => {
    const response = await belfry.service(STATS, { input });
    expect(response.errors).toBeUndefined();
    return response.data!.notificationStats as { rows: Row[]; totals: Row; from: string; id: string };
  };

  const H1 = '2026-03-01T10:00:00.000Z';
  const H2 = '2026-03-01T11:00:00.000Z';
  const DAY2 = '2026-03-02T09:00:00.000Z';
  const ids = {
    n1: randomUUID(),
    n2: randomUUID(),
    n3: randomUUID(),
    n4: randomUUID(),
    n5: randomUUID(),
    d1: randomUUID(),
    d1e: randomUUID(),
    d2: randomUUID(),
    d2e: randomUUID(),
    d3e: randomUUID(),
    d3s: randomUUID(),
    d4: randomUUID(),
    d4e: randomUUID(),
    d5: randomUUID(),
    d5e: randomUUID(),
  };

  async function notification(
    id: string,
    templateKey: string | null,
    category: string,
    createdAt: string,
    sendAt: string | null = null,
  ) {
    await sql(`insert into notifications (id, user_id, channels, category, priority, title, message, template_key, send_at, created_at, updated_at, inbox_at)
      values ('${id}', 'stats-user', '{in_app,email}', '${category}', 'medium', 't', 'm', ${templateKey ? `'${templateKey}'` : 'null'},
              ${sendAt ? `'${sendAt}'` : 'null'}, '${createdAt}', '${createdAt}', '${sendAt ?? createdAt}')`);
  }
  async function delivery(
    id: string,
    notificationId: string,
    channel: string,
    status: string,
    extra: Record<string, string> = {},
  ) {
    const columns = Object.keys(extra);
    await sql(`insert into deliveries (id, notification_id, channel, status, created_at, updated_at${columns.map((c) => `, ${c}`).join('')})
      select '${id}', id, '${channel}', '${status}', created_at, created_at${columns.map((c) => `, ${extra[c]}`).join('')} from notifications where id = '${notificationId}'`);
  }
  const update = (id: string, set: string) => sql(`update deliveries set ${set} where id = '${id}'`);

  beforeAll(async () => {
    belfry = await startTestBelfry();
    // n1 (welcome, system, hour 1): in-app delivered at once and read; email sent after 2 s by mailgun, delivered, opened, clicked; a late "delivered" repeats.
    await notification(ids.n1, 'welcome', 'system', at(H1, 300));
    await delivery(ids.d1, ids.n1, 'in_app', 'delivered', { sent_at: 'created_at' });
    await delivery(ids.d1e, ids.n1, 'email', 'queued');
    await update(ids.d1e, `status = 'sending', attempts = 1`);
    await update(ids.d1e, `status = 'sent', backend = 'mailgun', sent_at = '${at(H1, 302)}'`);
    await update(ids.d1e, `status = 'delivered', delivered_at = '${at(H1, 310)}'`);
    await update(ids.d1e, `status = 'opened', opened_at = '${at(H1, 900)}'`);
    await update(ids.d1e, `delivered_at = coalesce(delivered_at, now())`);
    await update(ids.d1e, `status = 'clicked', clicked_at = '${at(H1, 960)}'`);
    await sql(`update notifications set read = true, read_at = now() where id = '${ids.n1}'`);
    // n2 (welcome, system, hour 1): in-app off by preference; email fails on mailgun, is retried, and smtp sends it after 60 s.
    await notification(ids.n2, 'welcome', 'system', at(H1, 1200));
    await delivery(ids.d2, ids.n2, 'in_app', 'skipped', { reason: `'preference_off:in_app'` });
    await delivery(ids.d2e, ids.n2, 'email', 'queued');
    await update(ids.d2e, `status = 'sending'`);
    await update(ids.d2e, `status = 'failed', backend = 'mailgun', failed_at = now()`);
    await update(ids.d2e, `status = 'queued'`);
    await update(ids.d2e, `status = 'sending'`);
    await update(ids.d2e, `status = 'sent', backend = 'smtp', sent_at = '${at(H1, 1260)}'`);
    // n3 (no template, marketing, hour 2): email suppressed at the claim; SMS sent by twilio after 10 s, then undelivered.
    await notification(ids.n3, null, 'marketing', at(H2, 60));
    await delivery(ids.d3e, ids.n3, 'email', 'queued');
    await update(ids.d3e, `status = 'sending'`);
    await update(ids.d3e, `status = 'skipped', reason = 'suppressed'`);
    await delivery(ids.d3s, ids.n3, 'sms', 'queued');
    await update(ids.d3s, `status = 'sent', backend = 'twilio', sent_at = '${at(H2, 70)}'`);
    await update(ids.d3s, `status = 'undelivered', bounced_at = now()`);
    // n5 (welcome, system, hour 2): no email address; in-app delivered, read, then marked unread.
    await notification(ids.n5, 'welcome', 'system', at(H2, 1800));
    await delivery(ids.d5e, ids.n5, 'email', 'skipped', { reason: `'no_email_address'` });
    await delivery(ids.d5, ids.n5, 'in_app', 'delivered', { sent_at: 'created_at' });
    await sql(`update notifications set read = true where id = '${ids.n5}'`);
    await sql(`update notifications set read = false where id = '${ids.n5}'`);
    // n4 (digest, marketing): created in hour 1 but scheduled for day 2; in-app released 1 s late, read twice over;
    // email sent 4 s after its sendAt by mailgun, bounced, then reported as spam.
    await notification(ids.n4, 'digest', 'marketing', at(H1), DAY2);
    await delivery(ids.d4, ids.n4, 'in_app', 'queued');
    await delivery(ids.d4e, ids.n4, 'email', 'queued');
    await update(ids.d4, `status = 'delivered', sent_at = '${at(DAY2, 1)}'`);
    await sql(`update notifications set read = true where id = '${ids.n4}'`);
    await sql(`update notifications set read = false where id = '${ids.n4}'`);
    await sql(`update notifications set read = true where id = '${ids.n4}'`);
    await update(ids.d4e, `status = 'sent', backend = 'mailgun', sent_at = '${at(DAY2, 4)}'`);
    await update(ids.d4e, `status = 'bounced', bounced_at = now()`);
    await update(ids.d4e, `status = 'complained'`);
  });
  afterAll(async () => {
    await belfry?.stop();
  });

  const RANGE = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' };

  it('counts each day by hand-checked numbers, the same before and after the deltas are folded', async () => {
    const before = await stats({ ...RANGE, interval: 'DAY' });
    expect(await belfry.app.statsRollup.fold()).toBeGreaterThan(0);
    expect(await belfry.app.statsRollup.fold()).toBe(0);
    const after = await stats({ ...RANGE, interval: 'DAY' });
    expect(after).toEqual(before);

    const [day1, day2] = after.rows;
    expect(after.rows).toHaveLength(2);
    expect(day1).toMatchObject({
      bucket: '2026-03-01T00:00:00.000Z',
      channel: null,
      templateKey: null,
      created: 8,
      sent: 5,
      delivered: 3,
      failed: 1,
      bounced: 1,
      complained: 0,
      opened: 1,
      clicked: 1,
      skipped: 3,
      read: 1,
      deliveryRate: 0.6,
      openRate: 1,
      clickRate: 1,
      readRate: 0.5,
      // Sent after 0, 0, 2, 10 and 60 s: the median is the third, p95 the fifth.
      queuedToSentP50: binned(2),
      queuedToSentP95: binned(60),
    });
    expect(day1!.skippedByReason).toEqual([
      { reason: 'no_email_address', count: 1 },
      { reason: 'preference_off:in_app', count: 1 },
      { reason: 'suppressed', count: 1 },
    ]);
    expect(day2).toMatchObject({
      bucket: '2026-03-02T00:00:00.000Z',
      created: 2,
      sent: 2,
      delivered: 1,
      bounced: 1,
      complained: 1,
      read: 1,
      skipped: 0,
      readRate: 1,
      openRate: null,
      queuedToSentP50: binned(1),
      queuedToSentP95: binned(4),
    });
    expect(after.totals).toMatchObject({ created: 10, sent: 7, delivered: 4, failed: 1, skipped: 3, read: 2 });
  });

  it('groups by channel, template and backend, and filters', async () => {
    const byChannel = await stats({ ...RANGE, interval: 'DAY', groupBy: ['CHANNEL'] });
    const email1 = byChannel.rows.find((row) => row.bucket.startsWith('2026-03-01') && row.channel === 'EMAIL');
    expect(email1).toMatchObject({
      created: 4,
      sent: 2,
      delivered: 1,
      failed: 1,
      opened: 1,
      clicked: 1,
      skipped: 2,
      read: 0,
    });
    const inApp1 = byChannel.rows.find((row) => row.bucket.startsWith('2026-03-01') && row.channel === 'IN_APP');
    expect(inApp1).toMatchObject({ created: 3, sent: 2, delivered: 2, skipped: 1, read: 1, readRate: 0.5 });

    const byBackend = await stats({
      ...RANGE,
      interval: 'DAY',
      groupBy: ['BACKEND', 'CHANNEL'],
      filter: { channels: ['EMAIL'] },
    });
    const day1 = byBackend.rows.filter((row) => row.bucket.startsWith('2026-03-01'));
    expect(day1.map((row) => [row.backend, row.channel, row.sent, row.failed, row.skipped])).toEqual([
      ['', 'EMAIL', 0, 0, 2],
      ['mailgun', 'EMAIL', 1, 1, 0],
      ['smtp', 'EMAIL', 1, 0, 0],
    ]);

    const welcome = await stats({
      ...RANGE,
      interval: 'HOUR',
      groupBy: ['TEMPLATE'],
      filter: { templateKeys: ['welcome'] },
    });
    expect(welcome.rows.map((row) => [row.bucket, row.templateKey, row.created, row.sent, row.read])).toEqual([
      ['2026-03-01T10:00:00.000Z', 'welcome', 4, 3, 1],
      ['2026-03-01T11:00:00.000Z', 'welcome', 2, 1, 0],
    ]);
    const perTemplate = await belfry.service(
      `query($input: NotificationStatsInput!) { notificationStats(input: $input) { groupTotals { bucket templateKey created sent read readRate } } }`,
      { input: { ...RANGE, groupBy: ['TEMPLATE'] } },
    );
    expect(perTemplate.data!.notificationStats.groupTotals).toEqual([
      { bucket: null, templateKey: '', created: 2, sent: 1, read: 0, readRate: null },
      { bucket: null, templateKey: 'digest', created: 2, sent: 2, read: 1, readRate: 1 },
      { bucket: null, templateKey: 'welcome', created: 6, sent: 4, read: 1, readRate: 0.5 },
    ]);
    const adHoc = await stats({ ...RANGE, groupBy: ['TEMPLATE', 'CATEGORY'], filter: { templateKeys: [''] } });
    expect(adHoc.rows.map((row) => [row.templateKey, row.category, row.created])).toEqual([['', 'MARKETING', 2]]);
  });

  it('ends the range at any hour: a last partial day counts only its hours before to', async () => {
    await belfry.app.statsRollup.fold();
    const whole = await stats({ ...RANGE, interval: 'DAY' });
    const toHalfPastNine = await stats({ from: RANGE.from, to: '2026-03-02T09:30:00.000Z', interval: 'DAY' });
    expect(toHalfPastNine.rows.map((row) => [row.bucket, row.created, row.read])).toEqual(
      whole.rows.map((row) => [row.bucket, row.created, row.read]),
    );
    const toEight = await stats({ from: RANGE.from, to: '2026-03-02T08:00:00.000Z', interval: 'DAY' });
    expect(toEight.rows.map((row) => [row.bucket, row.created])).toEqual([['2026-03-01T00:00:00.000Z', 8]]);
    const fromMidDay = await stats({ from: '2026-03-01T10:59:00.000Z', to: RANGE.to, interval: 'DAY' });
    expect(fromMidDay.from).toBe('2026-03-01T00:00:00.000Z');
  });

  it('starts days in the time zone asked for', async () => {
    const newYork = await stats({ ...RANGE, interval: 'DAY', timeZone: 'America/New_York' });
    expect(newYork.from).toBe('2026-02-28T05:00:00.000Z');
    expect(newYork.rows.map((row) => [row.bucket, row.created])).toEqual([
      ['2026-03-01T05:00:00.000Z', 8],
      ['2026-03-02T05:00:00.000Z', 2],
    ]);
  });

  it('keeps its numbers after the deliveries are deleted (retention)', async () => {
    const before = await stats({ ...RANGE, interval: 'DAY' });
    await sql(`delete from notifications where user_id = 'stats-user'`);
    expect(await stats({ ...RANGE, interval: 'DAY' })).toEqual(before);
  });

  it('refuses bad input, naming the field, and user tokens', async () => {
    const refused = async (input: Record<string, unknown>) => {
      const response = await belfry.service(STATS, { input });
      return response.errors?.[0];
    };
    expect(await refused({ from: RANGE.to, to: RANGE.from })).toMatchObject({
      message: 'to must be later than from',
      extensions: { code: 'BAD_USER_INPUT', fields: ['input.to'] },
    });
    expect(await refused({ from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z', interval: 'HOUR' })).toMatchObject(
      {
        extensions: { code: 'BAD_USER_INPUT', fields: ['input.to'] },
      },
    );
    expect(await refused({ ...RANGE, timeZone: 'Mars/Olympus_Mons' })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', fields: ['input.timeZone'] },
    });
    const user = await belfry.user('stats-user');
    const asUser = await user(STATS, { input: RANGE });
    expect(asUser.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('counts what the real send path does: in-app and email sent, a skip by preference, a read', async () => {
    const userId = `stats-e2e-${randomUUID()}`;
    const upsert = await belfry.service(
      `mutation($u: String!) { upsertRecipient(input: { userId: $u, email: "stats@example.com" }) { userId } }`,
      { u: userId },
    );
    expect(upsert.errors).toBeUndefined();
    const user = await belfry.user(userId);
    const off = await user(`mutation { updatePreferences(input: { smsEnabled: false }) { id } }`);
    expect(off.errors).toBeUndefined();
    const sent = await belfry.service(
      `mutation($u: String!) { sendNotification(input: { userId: $u, title: "Stats", message: "Body", channels: [IN_APP, EMAIL, SMS] }) { id } }`,
      { u: userId },
    );
    expect(sent.errors).toBeUndefined();
    const notificationId = sent.data!.sendNotification.id as string;
    await untilSettled(belfry, `notification_id = '${notificationId}'`);
    const read = await user(`mutation($id: ID!) { markNotificationRead(id: $id) { id read } }`, { id: notificationId });
    expect(read.errors).toBeUndefined();

    const now = Date.now();
    const today = await stats({
      from: new Date(now - 3_600_000).toISOString(),
      to: new Date(now + 3_600_000).toISOString(),
      interval: 'HOUR',
      groupBy: ['CHANNEL'],
    });
    const sum = (channel: string, field: string) =>
      today.rows.filter((row) => row.channel === channel).reduce((total, row) => total + (row[field] as number), 0);
    expect([sum('IN_APP', 'sent'), sum('IN_APP', 'read'), sum('EMAIL', 'sent'), sum('SMS', 'skipped')]).toEqual([
      1, 1, 1, 1,
    ]);
    const sms = today.rows.find((row) => row.channel === 'SMS');
    expect(sms?.skippedByReason).toEqual([{ reason: 'preference_off:smsEnabled', count: 1 }]);
  });
});
