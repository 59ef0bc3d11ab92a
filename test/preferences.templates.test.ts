import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';

let belfry: TestBelfry;
beforeAll(async () => {
  belfry = await startTestBelfry();
  for (const input of [
    { key: 'weekly-report', name: 'Weekly report', messageTemplate: 'Your week', channels: ['IN_APP', 'EMAIL'] },
    { key: 'breach', name: 'Breach', messageTemplate: 'Act now', channels: ['IN_APP', 'EMAIL'], critical: true },
  ]) {
    const created = await belfry.service(
      `mutation($input: CreateTemplateInput!) { createTemplate(input: $input) { key } }`,
      {
        input,
      },
    );
    expect(created.errors).toBeUndefined();
  }
  for (const userId of ['picky', 'relaxed']) {
    await belfry.service(`mutation($input: UpsertRecipientInput!) { upsertRecipient(input: $input) { userId } }`, {
      input: { userId, email: `${userId}@example.com` },
    });
  }
});
afterAll(() => belfry?.stop());

const SET = `mutation($key: String!, $channel: Channel!, $enabled: Boolean!, $u: String) {
  setTemplatePreference(templateKey: $key, channel: $channel, enabled: $enabled, userId: $u) {
    userId emailEnabled templates { templateKey channel enabled }
  }
}`;

/** Each requested channel of a template send and what became of it: "channel:status[:reason]". */
async function sendTemplate(templateKey: string, userId: string): Promise<string[]> {
  const sent = await belfry.service(
    `mutation($input: SendTemplateInput!) { sendTemplate(input: $input) { deliveries { channel status reason } } }`,
    { input: { templateKey, userId } },
  );
  expect(sent.errors).toBeUndefined();
  return outcomes(sent.data!.sendTemplate[0].deliveries);
}
function outcomes(deliveries: { channel: string; status: string; reason: string | null }[]): string[] {
  return deliveries
    .map((delivery) =>
      [delivery.channel, delivery.status === 'SKIPPED' ? `SKIPPED:${delivery.reason}` : 'SENDING'].join(':'),
    )
    .sort();
}

describe('per-template preferences', () => {
  it('turns one template off on one channel for one user, and lists the choice', async () => {
    const asUser = await belfry.user('picky');
    const set = await asUser(SET, { key: 'weekly-report', channel: 'EMAIL', enabled: false });
    expect(set.data!.setTemplatePreference).toEqual({
      userId: 'picky',
      emailEnabled: true,
      templates: [{ templateKey: 'weekly-report', channel: 'EMAIL', enabled: false }],
    });
    expect(await sendTemplate('weekly-report', 'picky')).toEqual([
      'EMAIL:SKIPPED:preference_off:template:weekly-report',
      'IN_APP:SENDING',
    ]);
    // Another user, and another template for this user, are untouched.
    expect(await sendTemplate('weekly-report', 'relaxed')).toEqual(['EMAIL:SENDING', 'IN_APP:SENDING']);
    expect(await sendTemplate('welcome', 'picky')).toEqual(['EMAIL:SENDING', 'IN_APP:SENDING']);

    const back = await asUser(SET, { key: 'weekly-report', channel: 'EMAIL', enabled: true });
    expect(back.data!.setTemplatePreference.templates).toEqual([
      { templateKey: 'weekly-report', channel: 'EMAIL', enabled: true },
    ]);
    expect(await sendTemplate('weekly-report', 'picky')).toEqual(['EMAIL:SENDING', 'IN_APP:SENDING']);
    expect((await asUser(`{ preferences { templates { templateKey enabled } } }`)).data!.preferences.templates).toEqual(
      [{ templateKey: 'weekly-report', enabled: true }],
    );
  });

  it('still sends a critical template the user turned off', async () => {
    await belfry.service(SET, { key: 'breach', channel: 'EMAIL', enabled: false, u: 'picky' });
    await belfry.service(SET, { key: 'breach', channel: 'IN_APP', enabled: false, u: 'picky' });
    expect(await sendTemplate('breach', 'picky')).toEqual(['EMAIL:SENDING', 'IN_APP:SENDING']);
  });

  it('applies to an event that maps to the template', async () => {
    await belfry.service(SET, { key: 'welcome', channel: 'IN_APP', enabled: false, u: 'event-user' });
    const triggered = await belfry.service(
      `mutation { triggerEvent(input: { event: "welcome", userId: "event-user" }) { inInbox deliveries { channel status reason } } }`,
    );
    expect(triggered.data!.triggerEvent.inInbox).toBe(false);
    expect(outcomes(triggered.data!.triggerEvent.deliveries)).toContain(
      'IN_APP:SKIPPED:preference_off:template:welcome',
    );
    expect((await belfry.service(`{ notificationCount(userId: "event-user") }`)).data!.notificationCount).toBe(0);
  });

  it('checks its arguments: a known template, a user for an API key, only your own user', async () => {
    const unknown = await belfry.service(SET, {
      key: 'no-such-template',
      channel: 'EMAIL',
      enabled: false,
      u: 'picky',
    });
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: ['templateKey'] } });
    const noUser = await belfry.service(SET, { key: 'welcome', channel: 'EMAIL', enabled: false });
    expect(noUser.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: ['userId'] } });
    const asOther = await belfry.user('relaxed');
    const forbidden = await asOther(SET, { key: 'welcome', channel: 'EMAIL', enabled: false, u: 'picky' });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
