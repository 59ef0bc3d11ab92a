import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../src/shared/activity.js';
import { Category } from '../src/shared/enums.js';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { until } from './support/until.js';

let belfry: TestBelfry;
const heard: Activity[] = [];
beforeAll(async () => {
  // No provider configured: in development the log backend "sends" email.
  belfry = await startTestBelfry();
  belfry.app.activity.listen((activities) => {
    heard.push(...activities);
  });
});
afterAll(() => belfry?.stop());

const SEND = `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id deliveries { id channel status } } }`;

describe('the activity feed hears what sends and workers did, after commit', () => {
  it('a send: the notification created, in-app delivered and SMS skipped at once, the email sent by the worker', async () => {
    const upsert = await belfry.service(
      `mutation { upsertRecipient(input: { userId: "feed-user", email: "feed-user@example.com" }) { userId } }`,
    );
    expect(upsert.errors).toBeUndefined();
    const response = await belfry.service(SEND, {
      input: {
        userId: 'feed-user',
        title: 'Hello',
        message: 'From the feed test',
        category: 'SYSTEM',
        priority: 'MEDIUM',
        channels: ['IN_APP', 'EMAIL', 'SMS'],
      },
    });
    expect(response.errors).toBeUndefined();
    const notificationId = response.data!.sendNotification.id as string;
    const mine = () => heard.filter((activity) => activity.notificationId === notificationId);
    await until(mine, (activities) => activities.length === 4, { what: 'four activities' });
    const described = mine().map((activity) =>
      activity.kind === 'delivery.changed'
        ? `${activity.channel} ${activity.status}${activity.reason ? ` ${activity.reason}` : ''}${activity.backend ? ` via ${activity.backend}` : ''}`
        : activity.kind,
    );
    expect(described.slice(0, 3)).toEqual(['notification.created', 'in_app delivered', 'sms skipped no_phone_number']);
    expect(described[3]).toMatch(/^email sent via /);
    expect(mine().every((activity) => activity.userId === 'feed-user' && activity.category === Category.SYSTEM)).toBe(
      true,
    );
    const sent = mine().at(-1);
    // The worker's activity carries what analytics group by, read with the claim.
    expect(sent).toMatchObject({ templateKey: null, attempts: 1 });
    if (sent?.kind !== 'delivery.changed') throw new Error('expected a delivery activity last');
    expect(sent.dueAt.getTime()).toBeLessThanOrEqual(sent.at.getTime());
  });

  it('a failed send (unknown template data) tells nothing', async () => {
    const before = heard.length;
    const response = await belfry.service(
      `mutation { sendTemplate(input: { templateKey: "no-such-template", userIds: ["feed-user"] }) { id } }`,
    );
    expect(response.errors?.[0]?.extensions?.code).toBeDefined();
    await belfry.service(`{ notificationCount(userId: "feed-user") }`);
    expect(heard.length).toBe(before);
  });
});
