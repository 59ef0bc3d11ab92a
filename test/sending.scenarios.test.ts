import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { at } from '../src/shared/at.js';

const NOTIFICATION = `id userId title message category priority templateKey event inInbox metadata deliveries { channel status reason }`;
const TRIGGER = `mutation($input: TriggerEventInput!) { triggerEvent(input: $input) { ${NOTIFICATION} } }`;
const SEND_TEMPLATE = `mutation($input: SendTemplateInput!) { sendTemplate(input: $input) { ${NOTIFICATION} } }`;

let belfry: TestBelfry;
beforeAll(async () => {
  // API only: with no workers running, queued deliveries stay QUEUED for the assertions.
  belfry = await startTestBelfry({ role: 'api' });
});
afterAll(() => belfry?.stop());

async function withEmail(userId: string, extra: Record<string, unknown> = {}) {
  const response = await belfry.service(
    `mutation($input: UpsertRecipientInput!) { upsertRecipient(input: $input) { userId } }`,
    {
      input: { userId, email: `${userId}@example.com`, name: 'Ada', ...extra },
    },
  );
  expect(response.errors).toBeUndefined();
}

async function trigger(event: string, userId: string, data: Record<string, unknown> = {}) {
  const response = await belfry.service(TRIGGER, { input: { event, userId, data } });
  expect(response.errors).toBeUndefined();
  return response.data!.triggerEvent;
}

const statuses = (notification: any) =>
  Object.fromEntries(
    notification.deliveries.map((delivery: any) => [
      delivery.channel,
      delivery.reason ? `${delivery.status} ${delivery.reason}` : delivery.status,
    ]),
  );
const inbox = async (userId: string) =>
  (
    await belfry.service(`query($u: String) { notifications(userId: $u) { nodes { title message templateKey } } }`, {
      u: userId,
    })
  ).data!.notifications.nodes;

describe('the seed scenarios through GraphQL', () => {
  it('welcome: an inbox item and a queued email', async () => {
    await withEmail('new-user');
    const notification = await trigger('welcome', 'new-user');
    expect(notification).toMatchObject({
      templateKey: 'welcome',
      event: 'welcome',
      category: 'ACCOUNT',
      title: 'Welcome aboard!',
      inInbox: true,
    });
    expect(statuses(notification)).toEqual({ IN_APP: 'DELIVERED', EMAIL: 'QUEUED' });
    expect(await inbox('new-user')).toEqual([
      { title: 'Welcome aboard!', message: expect.stringContaining('created successfully'), templateKey: 'welcome' },
    ]);
  });

  it('verification: the code goes by email only and the stored copy is masked', async () => {
    await withEmail('verify-me');
    const notification = await trigger('verification', 'verify-me', { code: 'ABC123' });
    expect(notification).toMatchObject({ templateKey: 'email_verification', category: 'VERIFICATION', inInbox: false });
    expect(notification.message).toContain('••••••');
    expect(notification.message).not.toContain('ABC123');
    expect(notification.metadata).toEqual({});
    expect(statuses(notification)).toEqual({ EMAIL: 'QUEUED' });
    expect(await inbox('verify-me')).toEqual([]);
  });

  it('password reset: the token is queued for email, never shown', async () => {
    await withEmail('forgetful');
    const notification = await trigger('password_reset', 'forgetful', { token: 'XYZ789' });
    expect(notification).toMatchObject({ templateKey: 'password_reset', category: 'SECURITY', priority: 'HIGH' });
    expect(JSON.stringify(notification)).not.toContain('XYZ789');
    expect(statuses(notification)).toEqual({ EMAIL: 'QUEUED' });
  });

  it('security alert: inbox, email, and push skipped for want of a device', async () => {
    await withEmail('guarded');
    const notification = await trigger('security_alert', 'guarded', {
      alertType: 'login',
      details: 'New device login',
    });
    expect(notification).toMatchObject({
      templateKey: 'login_alert',
      title: 'Security alert: login',
      metadata: { alertType: 'login', details: 'New device login' },
    });
    expect(notification.message).toContain('New device login');
    expect(statuses(notification)).toEqual({ IN_APP: 'DELIVERED', EMAIL: 'QUEUED', PUSH: 'SKIPPED no_push_target' });
  });

  it('billing success and failure pick their templates', async () => {
    await withEmail('payer');
    const paid = await trigger('billing', 'payer', { type: 'success', amount: 29.99 });
    expect(paid).toMatchObject({
      templateKey: 'payment_success',
      category: 'BILLING',
      message: 'We received your payment of 29.99. Thank you!',
    });
    const failed = await trigger('billing', 'payer', { type: 'failed', amount: '29.99 USD' });
    expect(failed).toMatchObject({ templateKey: 'payment_failed', priority: 'HIGH' });
    expect(failed.message).toContain('29.99 USD');
    const wrong = await belfry.service(TRIGGER, {
      input: { event: 'billing', userId: 'payer', data: { type: 'refund', amount: 1 } },
    });
    expect(wrong.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.type'] });
  });

  it('sendTemplate: one notification per user, to one user or many', async () => {
    const single = await belfry.service(SEND_TEMPLATE, { input: { templateKey: 'welcome', userId: 'solo' } });
    expect(single.data!.sendTemplate).toHaveLength(1);
    const many = await belfry.service(SEND_TEMPLATE, {
      input: {
        templateKey: 'new_feature',
        userIds: ['fan-1', 'fan-2', 'fan-3', 'fan-2'],
        data: { featureName: 'Dark mode', description: 'Easy on the eyes.' },
      },
    });
    expect(many.data!.sendTemplate.map((notification: any) => notification.userId)).toEqual([
      'fan-1',
      'fan-2',
      'fan-3',
    ]);
    for (const userId of ['fan-1', 'fan-2', 'fan-3'])
      expect(await inbox(userId)).toEqual([
        { title: 'New: Dark mode', message: 'Easy on the eyes.', templateKey: 'new_feature' },
      ]);
    const both = await belfry.service(SEND_TEMPLATE, {
      input: { templateKey: 'welcome', userId: 'a', userIds: ['b'] },
    });
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('sendTemplate can narrow the channels', async () => {
    await withEmail('narrow');
    const response = await belfry.service(SEND_TEMPLATE, {
      input: { templateKey: 'welcome', userId: 'narrow', channels: ['EMAIL'] },
    });
    expect(statuses(response.data!.sendTemplate[0])).toEqual({ EMAIL: 'QUEUED' });
  });

  it('preferences: an update is respected by the next send', async () => {
    await withEmail('picky');
    const updated = await belfry.service(
      `mutation { updatePreferences(userId: "picky", input: { emailBilling: false, inAppBilling: false }) { emailBilling inAppBilling emailSecurity } }`,
    );
    expect(updated.data!.updatePreferences).toEqual({ emailBilling: false, inAppBilling: false, emailSecurity: true });
    const notification = await trigger('billing', 'picky', { type: 'success', amount: 5 });
    expect(statuses(notification)).toEqual({
      IN_APP: 'SKIPPED preference_off:inAppBilling',
      EMAIL: 'SKIPPED preference_off:emailBilling',
    });
    expect(await inbox('picky')).toEqual([]);
    const changed = await belfry.service(SEND_TEMPLATE, {
      input: { templateKey: 'password_changed', userId: 'picky' },
    });
    expect(statuses(changed.data!.sendTemplate[0])).toEqual({ IN_APP: 'DELIVERED', EMAIL: 'QUEUED' });
  });

  it('critical templates go out with email turned off entirely', async () => {
    await withEmail('muted');
    await belfry.service(
      `mutation { updatePreferences(userId: "muted", input: { emailEnabled: false }) { emailEnabled } }`,
    );
    expect(statuses(await trigger('verification', 'muted', { code: '111111' }))).toEqual({ EMAIL: 'QUEUED' });
    expect(statuses(await trigger('password_reset', 'muted', { token: 'tok-1' }))).toEqual({ EMAIL: 'QUEUED' });
    expect(statuses(await trigger('welcome', 'muted'))).toEqual({
      IN_APP: 'DELIVERED',
      EMAIL: 'SKIPPED preference_off:emailEnabled',
    });
  });

  it('records every SKIPPED reason', async () => {
    const direct = `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { ${NOTIFICATION} } }`;
    const nowhere = await belfry.service(direct, {
      input: { userId: 'unknown-user', title: 't', message: 'm', channels: ['IN_APP', 'EMAIL', 'SMS', 'PUSH'] },
    });
    expect(statuses(nowhere.data!.sendNotification)).toEqual({
      IN_APP: 'DELIVERED',
      EMAIL: 'SKIPPED no_email_address',
      SMS: 'SKIPPED no_phone_number',
      PUSH: 'SKIPPED no_push_target',
    });

    await withEmail('reachable', { phone: '+14155550123' });
    await belfry.service(
      `mutation { registerPushTarget(input: { userId: "reachable", kind: FCM, token: "fcm-token-1" }) { id } }`,
    );
    await belfry.service(
      `mutation { updatePreferences(userId: "reachable", input: { smsEnabled: false, pushSystem: false, inAppEnabled: false }) { smsEnabled } }`,
    );
    const off = await belfry.service(direct, {
      input: { userId: 'reachable', title: 't', message: 'm', channels: ['IN_APP', 'EMAIL', 'SMS', 'PUSH'] },
    });
    expect(statuses(off.data!.sendNotification)).toEqual({
      IN_APP: 'SKIPPED preference_off:inAppEnabled',
      EMAIL: 'QUEUED',
      SMS: 'SKIPPED preference_off:smsEnabled',
      PUSH: 'SKIPPED preference_off:pushSystem',
    });
    const marketing = await belfry.service(direct, {
      input: { userId: 'reachable', title: 'Sale!', message: 'm', category: 'MARKETING', channels: ['EMAIL'] },
    });
    expect(statuses(marketing.data!.sendNotification)).toEqual({ EMAIL: 'SKIPPED preference_off:emailMarketing' });
  });

  it('a custom template inserted with plain SQL, as the seed shows, works like any other', async () => {
    await belfry.app.database.em.getConnection().execute(`INSERT INTO notification_templates (
      key, name, type, category, priority,
      subject_template, message_template, data_fields
    ) VALUES (
      'custom_template',
      'Custom Notification',
      'email',
      'system',
      'medium',
      'Custom Subject: {custom_field}',
      'Custom message with {custom_field}',
      '["custom_field"]'
    );`);
    await withEmail('sql-user');
    const template = await belfry.service(
      `{ template(key: "custom_template") { channels category priority dataFields isActive } }`,
    );
    expect(template.data!.template).toEqual({
      channels: ['EMAIL'],
      category: 'SYSTEM',
      priority: 'MEDIUM',
      dataFields: ['custom_field'],
      isActive: true,
    });
    const sent = await belfry.service(SEND_TEMPLATE, {
      input: { templateKey: 'custom_template', userId: 'sql-user', data: { custom_field: 'hello' } },
    });
    expect(sent.data!.sendTemplate[0]).toMatchObject({
      title: 'Custom Subject: hello',
      message: 'Custom message with hello',
    });
    expect(statuses(sent.data!.sendTemplate[0])).toEqual({ EMAIL: 'QUEUED' });
    const missing = await belfry.service(SEND_TEMPLATE, {
      input: { templateKey: 'custom_template', userId: 'sql-user' },
    });
    expect(missing.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.custom_field'] });
  });
});

describe('refused sends write nothing', () => {
  const total = async () =>
    at(await belfry.app.database.em.getConnection().execute('select count(*)::int as n from notifications'), 0)
      .n as number;
  const deliveries = async () =>
    at(await belfry.app.database.em.getConnection().execute('select count(*)::int as n from deliveries'), 0)
      .n as number;

  it('lists every missing data field', async () => {
    const [notificationsBefore, deliveriesBefore] = [await total(), await deliveries()];
    const response = await belfry.service(SEND_TEMPLATE, {
      input: { templateKey: 'subscription_expiring', userIds: ['x', 'y'], data: { planName: '' } },
    });
    expect(response.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: ['data.planName', 'data.expiresOn'],
    });
    expect(response.errors?.[0]?.message).toContain('planName, expiresOn');
    expect([await total(), await deliveries()]).toEqual([notificationsBefore, deliveriesBefore]);
  });

  it('refuses unknown and inactive templates and unknown events', async () => {
    const before = await total();
    const unknown = await belfry.service(SEND_TEMPLATE, { input: { templateKey: 'nope', userId: 'x' } });
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'templateKey: no template "nope" exists',
      extensions: { code: 'BAD_USER_INPUT', fields: ['templateKey'] },
    });
    await belfry.service(`mutation { updateTemplate(key: "ticket_resolved", input: { isActive: false }) { key } }`);
    const inactive = await belfry.service(SEND_TEMPLATE, {
      input: { templateKey: 'ticket_resolved', userId: 'x', data: { ticketId: 1 } },
    });
    expect(inactive.errors?.[0]?.message).toBe('templateKey: template "ticket_resolved" is inactive');
    const event = await belfry.service(TRIGGER, { input: { event: 'party', userId: 'x' } });
    expect(event.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['event'] });
    expect(event.errors?.[0]?.message).toContain(
      'Known events: welcome, verification, password_reset, security_alert, billing',
    );
    expect(await total()).toBe(before);
  });
});

describe('operator-defined events', () => {
  it('defines, lists, triggers and removes an event mapping', async () => {
    const defined = await belfry.service(
      `mutation { defineEvent(input: { event: "ticket.opened", templateKey: "ticket_created", channels: [IN_APP, EMAIL] }) { event templateKeys channels builtIn } }`,
    );
    expect(defined.data!.defineEvent).toEqual({
      event: 'ticket.opened',
      templateKeys: ['ticket_created'],
      channels: ['IN_APP', 'EMAIL'],
      builtIn: false,
    });
    const listed = await belfry.service(`{ events { event builtIn } }`);
    expect(listed.data!.events.map((event: any) => event.event)).toEqual([
      'welcome',
      'verification',
      'password_reset',
      'security_alert',
      'billing',
      'ticket.opened',
    ]);

    const notification = await trigger('ticket.opened', 'customer', { ticketId: 42, subject: 'Cannot log in' });
    expect(notification).toMatchObject({
      templateKey: 'ticket_created',
      event: 'ticket.opened',
      title: 'Support ticket #42 received',
    });
    expect(statuses(notification)).toEqual({ IN_APP: 'DELIVERED', EMAIL: 'SKIPPED no_email_address' });

    expect((await belfry.service(`mutation { removeEvent(event: "ticket.opened") }`)).data!.removeEvent).toBe(
      'ticket.opened',
    );
    const gone = await belfry.service(TRIGGER, { input: { event: 'ticket.opened', userId: 'customer', data: {} } });
    expect(gone.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a mapping to a template that does not exist', async () => {
    const response = await belfry.service(
      `mutation { defineEvent(input: { event: "ghost", templateKey: "missing" }) { event } }`,
    );
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['templateKey'] });
  });
});
