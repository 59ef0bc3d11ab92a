import { describe, expect, it } from 'vitest';
import { ActivityFeed, type Activity } from './activity.js';
import { Category } from './enums.js';

const created: Activity = {
  kind: 'notification.created',
  notificationId: 'n1',
  userId: 'u1',
  category: Category.SYSTEM,
  templateKey: null,
  at: new Date(0),
};

describe('ActivityFeed', () => {
  it('tells every listener, in order, and a failing one neither stops the others nor fails the publisher', async () => {
    const errors: unknown[] = [];
    const feed = new ActivityFeed((error) => errors.push(error));
    const heard: string[] = [];
    feed.listen(() => {
      heard.push('first');
      throw new Error('listener broke');
    });
    feed.listen(async (activities) => {
      await Promise.resolve();
      heard.push(`second:${activities.length}`);
    });
    await feed.publish([created]);
    expect(heard).toEqual(['first', 'second:1']);
    expect(errors).toEqual([new Error('listener broke')]);
  });

  it('is heard only once someone listens, and an empty batch tells nobody', async () => {
    const feed = new ActivityFeed(() => {});
    expect(feed.heard).toBe(false);
    let calls = 0;
    feed.listen(() => {
      calls++;
    });
    expect(feed.heard).toBe(true);
    await feed.publish([]);
    expect(calls).toBe(0);
  });
});
