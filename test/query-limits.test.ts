import { getIntrospectionQuery } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type Gql, type GraphQLResponse, type TestBelfry } from './support/belfry.js';
import {
  COST_ATTACK,
  COST_ATTACK_BY_VARIABLE,
  fragmentBomb,
  manyTokens,
  ORDINARY_QUERIES,
} from './support/hostile-documents.js';
import { subscribe } from './support/live.js';

let belfry: TestBelfry;
let user: Gql;
let ws: Client;
beforeAll(async () => {
  belfry = await startTestBelfry();
  user = await belfry.user('limits-user');
  ws = belfry.ws(`Bearer ${await belfry.tokenFor('limits-user')}`);
});
afterAll(() => belfry?.stop());

/** One operation over graphql-ws: its first result (data, or the errors that refused it). */
async function overWebSocket(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  const operation = subscribe(ws, query, variables);
  try {
    return (await operation.next(10_000)) as GraphQLResponse;
  } finally {
    operation.stop();
  }
}

const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
};

const depth13 = `{ __type(name: "Query") { ${'ofType { '.repeat(11)}name${' }'.repeat(11)} } }`;
const aliases31 = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: notificationCount`).join(' ')} }`;

describe('query limits over HTTP and graphql-ws', () => {
  it('refuses the 26-level fragment bomb at once', async () => {
    // The hand-written rule walked it 2^26 times: 13.5 s with the event loop blocked.
    const bomb = fragmentBomb(26);
    expect(bomb.length).toBeLessThan(1_100);
    const [http, httpMs] = await timed(() => user(bomb));
    expect(http.status).toBe(400);
    expect(http.errors).toEqual([
      {
        message: expect.stringMatching(/^Query Cost limit of 10000 exceeded, found \d/),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
    expect(httpMs).toBeLessThan(1_000);
    const [live, liveMs] = await timed(() => overWebSocket(bomb));
    expect(live.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Query Cost limit of 10000 exceeded/),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    ]);
    expect(liveMs).toBeLessThan(1_000);
  });

  it('stops parsing a document of many tokens at the token limit', async () => {
    const http = await user(manyTokens(1_000_000));
    expect(http.status).toBe(400);
    expect(http.errors).toEqual([
      expect.objectContaining({
        message: 'Syntax Error: Document contains more that 1000 tokens. Parsing aborted.',
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      }),
    ]);
    // WebSocket frames are capped at 64 KB.
    const live = await overWebSocket(manyTokens(60_000));
    expect(live.errors).toEqual([
      expect.objectContaining({
        message: 'Syntax Error: Document contains more that 1000 tokens. Parsing aborted.',
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      }),
    ]);
  });

  it('refuses 13 levels of nesting and 31 aliases, saying which limit', async () => {
    for (const [query, message] of [
      [depth13, 'Query depth limit of 12 exceeded, found 13.'],
      [aliases31, 'Aliases limit of 30 exceeded, found 31.'],
    ] as const) {
      const http = await user(query);
      expect(http.status).toBe(400);
      expect(http.errors).toEqual([{ message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
      const live = await overWebSocket(query);
      expect(live.errors).toEqual([
        expect.objectContaining({ message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
      ]);
    }
  });

  it('refuses 30 aliases of a 100-item page with deliveries by cost', async () => {
    const http = await user(COST_ATTACK);
    expect(http.status).toBe(400);
    expect(http.errors).toEqual([
      {
        message: 'Query Cost limit of 10000 exceeded, found 38625.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
    const live = await overWebSocket(COST_ATTACK);
    expect(live.errors).toEqual([
      expect.objectContaining({ message: 'Query Cost limit of 10000 exceeded, found 38625.' }),
    ]);
  });

  it('refuses the same attack with the page size in a variable', async () => {
    const http = await user(COST_ATTACK_BY_VARIABLE, { n: 100 });
    expect(http.status).toBe(400);
    expect(http.errors).toEqual([
      {
        message: 'Query Cost limit of 10000 exceeded, found 38625.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
    const live = await overWebSocket(COST_ATTACK_BY_VARIABLE, { n: 100 });
    expect(live.errors).toEqual([
      expect.objectContaining({
        message: 'Query Cost limit of 10000 exceeded, found 38625.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    ]);
    const small = await user(COST_ATTACK_BY_VARIABLE, { n: 2 });
    expect(small.errors).toBeUndefined();
  });

  it("answers the bell's and the README's queries and GraphiQL's introspection", async () => {
    for (const query of Object.values(ORDINARY_QUERIES)) {
      const http = await user(query);
      expect(http.errors).toBeUndefined();
      expect(http.data!.notifications).toBeDefined();
      const live = await overWebSocket(query);
      expect(live.errors).toBeUndefined();
    }
    const introspection = await belfry.service(
      getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }),
    );
    expect(introspection.errors).toBeUndefined();
    expect(introspection.data!.__schema.queryType.name).toBe('Query');
  });
});

describe('Notification.deliveries', () => {
  it('is loaded with one query for a whole page, not one per item', async () => {
    const userId = 'page-of-fifty';
    for (let batch = 0; batch < 5; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const sent = await belfry.service(
            `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }`,
            {
              input: { userId, title: `item ${batch * 10 + i}`, message: 'body', channels: ['IN_APP', 'EMAIL'] },
            },
          );
          expect(sent.errors).toBeUndefined();
        }),
      );
    }
    // Every SQL statement MikroORM sends, while the page is read.
    const config = belfry.app.database.em.config;
    const statements: string[] = [];
    const previous = config.get('onQuery');
    config.set('onQuery', (sql: string, params: readonly unknown[]) => {
      statements.push(sql);
      return previous(sql, params);
    });
    let page: GraphQLResponse;
    try {
      page = await (
        await belfry.user(userId)
      )('{ notifications(first: 50) { nodes { id deliveries { id channel notificationId } } } }');
    } finally {
      config.set('onQuery', previous);
    }
    expect(page.errors).toBeUndefined();
    const nodes = page.data!.notifications.nodes as {
      id: string;
      deliveries: { channel: string; notificationId: string }[];
    }[];
    expect(nodes).toHaveLength(50);
    for (const node of nodes) {
      expect(node.deliveries.map((delivery) => delivery.channel)).toEqual(['EMAIL', 'IN_APP']);
      expect(node.deliveries.map((delivery) => delivery.notificationId)).toEqual([node.id, node.id]);
    }
    expect(statements.filter((sql) => /from "deliveries"/i.test(sql))).toHaveLength(1);
  });
});
