// Apollo Client 4 deprecates explicit generics on query/mutate in favour of TypedDocumentNode; this test
// types its few hand-written documents by hand on purpose (it checks the cache, not the typing).
/* eslint-disable @typescript-eslint/no-deprecated */
import { Kind, OperationTypeNode } from 'graphql';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition, relayStylePagination } from '@apollo/client/utilities';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';
import { untilSubscriptions } from './support/live.js';

// Apollo Client 4 as an app would configure it, with no type policies beyond pagination:
// the cache normalizes every object by `id`, so a mutation's answer updates what earlier
// queries cached, without asking the server again.

const USER = 'apollo-user';
const SEND = `mutation($i: SendNotificationInput!) { sendNotification(input: $i) { id } }`;

const INBOX = gql`
  query Inbox($after: String) {
    notifications(first: 2, after: $after) {
      edges {
        cursor
        node {
          id
          title
          read
        }
      }
      pageInfo {
        startCursor
        endCursor
        hasNextPage
        hasPreviousPage
      }
    }
  }
`;

interface InboxData {
  notifications: {
    edges: { cursor: string; node: { id: string; title: string; read: boolean } }[];
    pageInfo: { startCursor: string; endCursor: string; hasNextPage: boolean; hasPreviousPage: boolean };
  };
}

/** The normalized cache's objects, by cache id (`Typename:id`). */
function cachedObjects(): Record<string, Record<string, unknown>> {
  return client.cache.extract() as Record<string, Record<string, unknown>>;
}

let belfry: TestBelfry;
let client: ApolloClient;
/** Every HTTP request the client made, as "METHOD operationName". */
const requests: string[] = [];

beforeAll(async () => {
  belfry = await startTestBelfry();
  for (let n = 1; n <= 3; n++) await belfry.service(SEND, { i: { userId: USER, title: `item ${n}`, message: 'm' } });
  const authorization = `Bearer ${await belfry.tokenFor(USER)}`;
  const http = new HttpLink({
    uri: `${belfry.url}/graphql`,
    headers: { authorization },
    fetch: (input, init) => {
      requests.push(
        `${init?.method ?? 'GET'} ${JSON.parse(typeof init?.body === 'string' ? init.body : '{}').operationName ?? ''}`,
      );
      return fetch(input, init);
    },
  });
  const ws = new GraphQLWsLink(belfry.ws(authorization));
  client = new ApolloClient({
    link: ApolloLink.split(
      ({ query }) => {
        const definition = getMainDefinition(query);
        return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
      },
      ws,
      http,
    ),
    cache: new InMemoryCache({
      typePolicies: { Query: { fields: { notifications: relayStylePagination(['userId', 'filter']) } } },
    }),
  });
});
afterAll(async () => {
  client?.stop();
  await belfry?.stop();
});

describe('Apollo Client 4 (InMemoryCache, relayStylePagination, GraphQLWsLink)', () => {
  it('merges pages with relayStylePagination, with full PageInfo', async () => {
    const first = await client.query<InboxData>({ query: INBOX });
    expect(first.data!.notifications.edges.map((edge) => edge.node.title)).toEqual(['item 3', 'item 2']);
    expect(first.data!.notifications.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.data!.notifications.pageInfo.startCursor).toBe(first.data!.notifications.edges[0]!.cursor);
    const second = await client.query<InboxData>({
      query: INBOX,
      variables: { after: first.data!.notifications.pageInfo.endCursor },
      fetchPolicy: 'network-only',
    });
    // relayStylePagination answers with the merged list: the first page's start, the last page's end.
    expect(second.data!.notifications.pageInfo).toMatchObject({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: first.data!.notifications.pageInfo.startCursor,
    });
    // Both pages, in order, from the cache.
    const cached = client.readQuery<InboxData>({ query: INBOX });
    expect(cached!.notifications.edges.map((edge) => edge.node.title)).toEqual(['item 3', 'item 2', 'item 1']);
  });

  it('markNotificationRead updates the cached inbox without a refetch', async () => {
    const [edge] = client.readQuery<InboxData>({ query: INBOX })!.notifications.edges;
    const before = requests.length;
    await client.mutate({
      mutation: gql`
        mutation Read($id: ID!) {
          markNotificationRead(id: $id) {
            id
            read
          }
        }
      `,
      variables: { id: edge!.node.id },
    });
    expect(requests.length).toBe(before + 1);
    const after = await client.query<InboxData>({ query: INBOX });
    expect(after.data!.notifications.edges[0]!.node).toMatchObject({ id: edge!.node.id, read: true });
    expect(requests.length).toBe(before + 1);
  });

  it('markInboxRead updates every cached item and the count', async () => {
    const before = requests.length;
    const result = await client.mutate<{ markInboxRead: { count: number } }>({
      mutation: gql`
        mutation ReadAll {
          markInboxRead {
            count
            notifications {
              id
              read
            }
            unreadCount {
              id
              count
            }
          }
        }
      `,
    });
    expect(result.data!.markInboxRead.count).toBe(2);
    const cached = client.readQuery<InboxData>({ query: INBOX })!;
    expect(cached.notifications.edges.map((edge) => edge.node.read)).toEqual([true, true, true]);
    expect(cachedObjects()[`UnreadCountChange:${USER}`]).toMatchObject({ count: 0 });
    expect(requests.length).toBe(before + 1);
  });

  it('updatePreferences updates the cached preferences without a refetch', async () => {
    const PREFERENCES = gql`
      query Prefs {
        preferences {
          id
          emailMarketing
        }
      }
    `;
    const first = await client.query<{ preferences: { id: string; emailMarketing: boolean } }>({ query: PREFERENCES });
    expect(first.data!.preferences).toEqual({ __typename: 'Preferences', id: USER, emailMarketing: false });
    await client.mutate({
      mutation: gql`
        mutation Update {
          updatePreferences(input: { emailMarketing: true }) {
            id
            emailMarketing
          }
        }
      `,
    });
    const before = requests.length;
    const cached = await client.query<{ preferences: { emailMarketing: boolean } }>({ query: PREFERENCES });
    expect(cached.data!.preferences.emailMarketing).toBe(true);
    expect(requests.length).toBe(before);
  });

  it('subscriptions over GraphQLWsLink write into the same cache', async () => {
    const added = new Promise<string>((resolve, reject) => {
      const subscription = client
        .subscribe<{ notificationAdded: { id: string } }>({
          query: gql`
            subscription Added {
              notificationAdded {
                id
                title
                read
              }
            }
          `,
        })
        .subscribe({
          next: (result) => {
            subscription.unsubscribe();
            resolve(result.data!.notificationAdded.id);
          },
          error: reject,
        });
    });
    const counted = new Promise<number>((resolve, reject) => {
      const subscription = client
        .subscribe<{ unreadCountChanged: { count: number } }>({
          query: gql`
            subscription Count {
              unreadCountChanged {
                id
                userId
                count
              }
            }
          `,
        })
        .subscribe({
          next: (result) => {
            subscription.unsubscribe();
            resolve(result.data!.unreadCountChanged.count);
          },
          error: reject,
        });
    });
    await untilSubscriptions(belfry.app, 2);
    await belfry.service(SEND, { i: { userId: USER, title: 'live one', message: 'm' } });
    const id = await added;
    expect(await counted).toBe(1);
    const cache = cachedObjects();
    expect(cache[`Notification:${id}`]).toMatchObject({ title: 'live one', read: false });
    expect(cache[`UnreadCountChange:${USER}`]).toMatchObject({ count: 1 });
    await untilSubscriptions(belfry.app, 0);
  });
});
