import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';

const UPSERT = `mutation($input: UpsertRecipientInput!) { upsertRecipient(input: $input) { userId email phone locale timezone name data } }`;

let belfry: TestBelfry;
beforeAll(async () => {
  belfry = await startTestBelfry();
});
afterAll(() => belfry?.stop());

describe('recipients', () => {
  it('creates a recipient, then changes only the fields given, and null clears one', async () => {
    const created = await belfry.service(UPSERT, {
      input: {
        userId: 'r1',
        email: 'r1@example.com',
        phone: '+14155550123',
        locale: 'en-GB',
        timezone: 'Europe/Berlin',
        name: 'Ada',
        data: { plan: 'pro' },
      },
    });
    expect(created.data!.upsertRecipient).toEqual({
      userId: 'r1',
      email: 'r1@example.com',
      phone: '+14155550123',
      locale: 'en-GB',
      timezone: 'Europe/Berlin',
      name: 'Ada',
      data: { plan: 'pro' },
    });
    const changed = await belfry.service(UPSERT, { input: { userId: 'r1', name: 'Ada L.', phone: null } });
    expect(changed.data!.upsertRecipient).toMatchObject({
      email: 'r1@example.com',
      phone: null,
      name: 'Ada L.',
      timezone: 'Europe/Berlin',
    });
    expect((await belfry.service(`{ recipient(userId: "r1") { name phone } }`)).data!.recipient).toEqual({
      name: 'Ada L.',
      phone: null,
    });
    expect((await belfry.service(`{ recipient(userId: "nobody") { name } }`)).data!.recipient).toBeNull();
  });

  it.each([
    [{ phone: '4155550123' }, 'phone'],
    [{ phone: '+0123' }, 'phone'],
    [{ email: 'not-an-email' }, 'email'],
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ timezone: 'EST5EDT-ish' }, 'timezone'],
    [{ locale: 'english please' }, 'locale'],
  ])('refuses %j naming the field', async (input, field) => {
    const response = await belfry.service(UPSERT, { input: { userId: 'r2', ...input } });
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [field] });
    expect((await belfry.service(`{ recipient(userId: "r2") { userId } }`)).data!.recipient).toBeNull();
  });

  it('lets a user read and update only their own record', async () => {
    const me = await belfry.user('r3');
    const mine = await me(UPSERT, { input: { email: 'r3@example.com' } });
    expect(mine.data!.upsertRecipient).toMatchObject({ userId: 'r3', email: 'r3@example.com' });
    expect((await me(`{ recipient { email } }`)).data!.recipient).toEqual({ email: 'r3@example.com' });
    expect(
      (await me(UPSERT, { input: { userId: 'r1', email: 'evil@example.com' } })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await me(`{ recipient(userId: "r1") { email } }`)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("registers, lists and removes push targets; a user cannot remove another user's (NOT_FOUND)", async () => {
    const me = await belfry.user('pusher');
    const registered = await me(
      `mutation { registerPushTarget(input: { kind: WEB_PUSH, token: "https://push.example/sub/1", keys: { p256dh: "BNc", auth: "aGk" } }) { id kind token disabledAt } }`,
    );
    expect(registered.data!.registerPushTarget).toMatchObject({
      kind: 'WEB_PUSH',
      token: 'https://push.example/sub/1',
      disabledAt: null,
    });
    const noKeys = await me(
      `mutation { registerPushTarget(input: { kind: WEB_PUSH, token: "https://push.example/sub/2" }) { id } }`,
    );
    expect(noKeys.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['keys'] });
    const badApns = await me(`mutation { registerPushTarget(input: { kind: APNS, token: "xyz" }) { id } }`);
    expect(badApns.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['token'] });

    const other = await belfry.user('intruder');
    const id = registered.data!.registerPushTarget.id;
    // NOT_FOUND, as for a missing one: whether another user's target exists is not the intruder's to learn.
    expect((await other(`mutation($id: ID!) { removePushTarget(id: $id) }`, { id })).errors?.[0]).toMatchObject({
      message: `Push target "${id}" was not found`,
      extensions: { code: 'NOT_FOUND' },
    });
    expect((await me(`{ pushTargets { id } }`)).data!.pushTargets).toEqual([{ id }]);
    expect((await me(`mutation($id: ID!) { removePushTarget(id: $id) }`, { id })).data!.removePushTarget).toBe(id);
    expect((await me(`{ pushTargets { id } }`)).data!.pushTargets).toEqual([]);
  });
});

describe('preferences', () => {
  it('starts with everything on except marketing, without storing a row', async () => {
    const response = await belfry.service(
      `{ preferences(userId: "fresh") { userId emailEnabled emailVerification emailSecurity emailBilling emailMarketing emailSystem inAppEnabled inAppMarketing smsEnabled pushEnabled pushSecurity } }`,
    );
    expect(response.data!.preferences).toEqual({
      userId: 'fresh',
      emailEnabled: true,
      emailVerification: true,
      emailSecurity: true,
      emailBilling: true,
      emailMarketing: false,
      emailSystem: true,
      inAppEnabled: true,
      inAppMarketing: false,
      smsEnabled: true,
      pushEnabled: true,
      pushSecurity: true,
    });
    const rows = await belfry.app.database.em
      .getConnection()
      .execute(`select count(*)::int as n from notification_preferences`);
    expect(rows[0]?.n).toBe(0);
  });

  it('applies partial updates and keeps the other flags (the seed example)', async () => {
    await belfry.service(
      `mutation { updatePreferences(userId: "user123", input: { pushSecurity: false }) { pushSecurity } }`,
    );
    const response = await belfry.service(
      `mutation { updatePreferences(userId: "user123", input: { emailEnabled: true, emailMarketing: false, inAppEnabled: true, pushEnabled: true }) { emailEnabled emailMarketing inAppEnabled pushEnabled pushSecurity smsBilling } }`,
    );
    expect(response.data!.updatePreferences).toEqual({
      emailEnabled: true,
      emailMarketing: false,
      inAppEnabled: true,
      pushEnabled: true,
      pushSecurity: false,
      smsBilling: true,
    });
  });

  it('lets a user change only their own preferences', async () => {
    const me = await belfry.user('chooser');
    expect(
      (await me(`mutation { updatePreferences(input: { smsEnabled: false }) { userId smsEnabled } }`)).data!
        .updatePreferences,
    ).toEqual({ userId: 'chooser', smsEnabled: false });
    expect((await me(`{ preferences { smsEnabled } }`)).data!.preferences).toEqual({ smsEnabled: false });
    expect(
      (await me(`mutation { updatePreferences(userId: "user123", input: { smsEnabled: false }) { userId } }`))
        .errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await me(`{ preferences(userId: "user123") { smsEnabled } }`)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});
