import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type Gql, type TestBelfry } from './support/belfry.js';
import { until } from './support/until.js';

const USER = 'order-user';
const SEND = `mutation($i: SendNotificationInput!) { sendNotification(input: $i) { id createdAt inboxAt sendAt } }`;
const PAGE = `query($after: String) { notifications(first: 2, after: $after) {
  edges { cursor node { id title } } pageInfo { startCursor endCursor hasNextPage hasPreviousPage } } }`;

interface Page {
  notifications: {
    edges: { cursor: string; node: { id: string; title: string } }[];
    pageInfo: { startCursor: string | null; endCursor: string | null; hasNextPage: boolean; hasPreviousPage: boolean };
  };
}

let belfry: TestBelfry;
let user: Gql;
beforeAll(async () => {
  belfry = await startTestBelfry();
  user = await belfry.user(USER);
});
afterAll(() => belfry?.stop());

async function titles(): Promise<string[]> {
  const { data } = await user<Page>(`{ notifications(first: 20) { edges { node { id title } } } }`);
  return data!.notifications.edges.map((edge) => edge.node.title);
}

/** The README's catch-up recipe: read from the top until the newest item already shown. */
async function catchUp(newestSeenId: string): Promise<string[]> {
  const shown: string[] = [];
  let after: string | null = null;
  for (;;) {
    const { data }: { data?: Page | null } = await user<Page>(PAGE, { after });
    for (const { node } of data!.notifications.edges) {
      if (node.id === newestSeenId) return shown;
      shown.push(node.title);
    }
    if (!data!.notifications.pageInfo.hasNextPage) return shown;
    after = data!.notifications.pageInfo.endCursor;
  }
}

describe('inbox order: when an item entered the inbox', () => {
  it('lists a scheduled item by its release, above items created after it, so catch-up finds it', async () => {
    await belfry.service(SEND, { i: { userId: USER, title: 'older', message: 'm' } });
    const sendAt = new Date(Date.now() + 1_500).toISOString();
    const scheduled = await belfry.service(SEND, { i: { userId: USER, title: 'scheduled', message: 'm', sendAt } });
    expect(scheduled.data!.sendNotification.inboxAt).toBe(sendAt);
    const newer = await belfry.service(SEND, { i: { userId: USER, title: 'newer', message: 'm' } });
    expect(newer.data!.sendNotification.inboxAt).toBe(newer.data!.sendNotification.createdAt);

    // A client shows the inbox before the release: the newest item it saw is "newer".
    expect(await titles()).toEqual(['newer', 'older']);
    // Released: listed on top, though created before "newer".
    await until(titles, (list) => list.length === 3, { what: 'the scheduled item released' });
    expect(await titles()).toEqual(['scheduled', 'newer', 'older']);
    expect(await catchUp(newer.data!.sendNotification.id)).toEqual(['scheduled']);
  });

  it('gives Relay PageInfo: cursors of the page, and whether items come before and after it', async () => {
    const first = (await user<Page>(PAGE)).data!.notifications;
    expect(first.pageInfo).toEqual({
      startCursor: first.edges[0]!.cursor,
      endCursor: first.edges[1]!.cursor,
      hasNextPage: true,
      hasPreviousPage: false,
    });
    const second = (await user<Page>(PAGE, { after: first.pageInfo.endCursor })).data!.notifications;
    expect(second.edges.map((edge) => edge.node.title)).toEqual(['older']);
    expect(second.pageInfo).toEqual({
      startCursor: second.edges[0]!.cursor,
      endCursor: second.edges[0]!.cursor,
      hasNextPage: false,
      hasPreviousPage: true,
    });
    const empty = (await user<Page>(PAGE, { after: second.pageInfo.endCursor })).data!.notifications;
    expect(empty).toEqual({
      edges: [],
      pageInfo: { startCursor: null, endCursor: null, hasNextPage: false, hasPreviousPage: true },
    });
  });
});
