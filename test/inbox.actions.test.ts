import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { subscribe, untilSubscriptions } from './support/live.js';

let belfry: TestBelfry;
beforeAll(async () => {
  belfry = await startTestBelfry();
});
afterAll(() => belfry?.stop());

const SEND = `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id actions { label url style } } }`;
const TWO = [
  { label: 'Approve', url: 'https://app.example/approve/1', style: 'PRIMARY' },
  { label: ' Later ', url: 'https://app.example/later/1', style: 'SECONDARY' },
];

describe('action buttons', () => {
  it('stores up to two buttons and records a click, marking the item read live', async () => {
    const sent = await belfry.service(SEND, {
      input: { userId: 'clicker', title: 'Approve?', message: 'm', actions: TWO },
    });
    const { id, actions } = sent.data!.sendNotification;
    expect(actions).toEqual([TWO[0], { ...TWO[1], label: 'Later' }]);

    const client = belfry.ws(`Bearer ${await belfry.tokenFor('clicker')}`);
    const counts = subscribe(client, `subscription { unreadCountChanged { count unseen } }`);
    await untilSubscriptions(belfry.app, 1);
    const asUser = await belfry.user('clicker');
    const clicked = await asUser(
      `mutation($id: ID!) { clickNotificationAction(id: $id, index: 1) { read seen clickedAction clickedAt } }`,
      { id },
    );
    expect(clicked.data!.clickNotificationAction).toMatchObject({ read: true, seen: true, clickedAction: 1 });
    expect(Date.parse(clicked.data!.clickNotificationAction.clickedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await counts.next()).data).toEqual({ unreadCountChanged: { count: 0, unseen: 0 } });

    // A second click records the new choice; the item was read already, so no count is published.
    const again = await asUser(`mutation($id: ID!) { clickNotificationAction(id: $id, index: 0) { clickedAction } }`, {
      id,
    });
    expect(again.data!.clickNotificationAction).toEqual({ clickedAction: 0 });
    expect(counts.pending).toEqual([]);

    for (const index of [2, -1]) {
      const refused = await asUser(
        `mutation($id: ID!, $i: Int!) { clickNotificationAction(id: $id, index: $i) { id } }`,
        {
          id,
          i: index,
        },
      );
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: ['index'] } });
    }
    const intruder = await belfry.user('not-the-clicker');
    const hidden = await intruder(`mutation($id: ID!) { clickNotificationAction(id: $id, index: 0) { id } }`, { id });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    counts.stop();
  });

  it.each([
    ['three buttons', [...TWO, TWO[0]], /at most 2 actions/],
    ['a javascript: url', [{ label: 'x', url: 'javascript:alert(1)' }], /\[0\]\.url must be an absolute http\(s\) URL/],
    ['an app path', [{ label: 'x', url: '/billing' }], /\[0\]\.url must be an absolute http\(s\) URL/],
    ['a blank label', [TWO[0], { label: '  ', url: 'https://app.example' }], /\[1\]\.label must be 1 to 60/],
    ['a long label', [{ label: 'x'.repeat(61), url: 'https://app.example' }], /\[0\]\.label/],
  ])('refuses %s, naming actions', async (_case, actions, message) => {
    const refused = await belfry.service(SEND, { input: { userId: 'clicker', title: 't', message: 'm', actions } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(message);
    expect(JSON.stringify(refused.errors?.[0]?.extensions?.fields)).toMatch(/actions/);
  });

  it("copies a template's buttons to each notification, unless the send gives its own", async () => {
    const created = await belfry.service(
      `mutation($input: CreateTemplateInput!) { createTemplate(input: $input) { key actions { label url style } } }`,
      {
        input: {
          key: 'invite',
          name: 'Invite',
          messageTemplate: 'You are invited',
          actions: [{ label: 'Accept', url: 'https://app.example/accept' }],
        },
      },
    );
    expect(created.data!.createTemplate.actions).toEqual([
      { label: 'Accept', url: 'https://app.example/accept', style: 'PRIMARY' },
    ]);
    const SEND_TEMPLATE = `mutation($input: SendTemplateInput!) { sendTemplate(input: $input) { actions { label } } }`;
    const fromTemplate = await belfry.service(SEND_TEMPLATE, {
      input: { templateKey: 'invite', userIds: ['a1', 'a2'] },
    });
    expect(fromTemplate.data!.sendTemplate).toEqual([
      { actions: [{ label: 'Accept' }] },
      { actions: [{ label: 'Accept' }] },
    ]);
    const own = await belfry.service(SEND_TEMPLATE, {
      input: { templateKey: 'invite', userId: 'a3', actions: [{ label: 'Mine', url: 'https://app.example/mine' }] },
    });
    expect(own.data!.sendTemplate).toEqual([{ actions: [{ label: 'Mine' }] }]);

    const updated = await belfry.service(
      `mutation { updateTemplate(key: "invite", input: { actions: null }) { actions { label } } }`,
    );
    expect(updated.data!.updateTemplate.actions).toEqual([]);
    const refused = await belfry.service(
      `mutation { updateTemplate(key: "invite", input: { actions: [{ label: "x", url: "ftp://x.example" }] }) { key } }`,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
