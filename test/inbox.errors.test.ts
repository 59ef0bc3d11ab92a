import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';

const SEND = `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }`;

let belfry: TestBelfry;
beforeAll(async () => {
  belfry = await startTestBelfry();
});
afterAll(() => belfry?.stop());

const total = async (userId: string) => (await belfry.service(`query($u: String) { notificationCount(userId: $u) }`, { u: userId })).data!.notificationCount;

describe('bad input', () => {
  it('refuses an empty title naming the field, and writes nothing', async () => {
    const response = await belfry.service(SEND, { input: { userId: 'bad', title: '   ', message: 'm' } });
    expect(response.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['title'] });
    expect(response.errors?.[0].message).toContain('title should not be empty');
    expect(await total('bad')).toBe(0);
  });

  it('names every invalid field at once', async () => {
    const response = await belfry.service(SEND, { input: { userId: 'bad', title: '', message: '', actionUrl: 'javascript:alert(1)' } });
    expect(response.errors?.[0].extensions?.fields).toEqual(['title', 'message', 'actionUrl']);
    expect(await total('bad')).toBe(0);
  });

  it('refuses an unknown enum value in a literal, naming the field', async () => {
    const response = await belfry.service(`mutation { sendNotification(input: { userId: "bad", title: "t", message: "m", category: GOSSIP }) { id } }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['input.category'] });
    expect(response.errors?.[0].message).toContain('GOSSIP');
  });

  it('refuses an unknown enum value in a variable, naming the field', async () => {
    const response = await belfry.service(SEND, { input: { userId: 'bad', title: 't', message: 'm', priority: 'SOMEDAY' } });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain('input.priority');
  });

  it('refuses first > 100 and first < 1', async () => {
    for (const first of [101, 0]) {
      const response = await belfry.service(`query($first: Int) { notifications(userId: "bad", first: $first) { nodes { id } } }`, { first });
      expect(response.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['first'] });
    }
  });

  it('refuses a malformed cursor', async () => {
    const response = await belfry.service(`{ notifications(userId: "bad", after: "bm90LWEtY3Vyc29y") { nodes { id } } }`);
    expect(response.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['after'] });
  });

  it('refuses a malformed id and reports an unknown one as NOT_FOUND', async () => {
    for (const operation of ['query($id: ID!) { notification(id: $id) { id } }', 'mutation($id: ID!) { markNotificationRead(id: $id) { id } }', 'mutation($id: ID!) { deleteNotification(id: $id) }']) {
      const malformed = await belfry.service(operation, { id: '12; drop table notifications' });
      expect(malformed.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['id'] });
      const unknown = await belfry.service(operation, { id: '5b1f9b7e-0000-4000-8000-000000000000' });
      expect(unknown.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND' });
    }
  });

  it('requires userId when calling with an API key', async () => {
    const response = await belfry.service(`{ notificationCount }`);
    expect(response.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['userId'] });
  });

  it('masks an internal error in the response and logs it in full', async () => {
    const secretDetail = 'belfry_internal_detail_marker';
    // A metadata key PostgreSQL cannot store in jsonb (a NUL character) makes the insert fail inside the database.
    const response = await belfry.service(SEND, { input: { userId: 'bad', title: 't', message: 'm', metadata: { [`${secretDetail}\u0000`]: 1 } } });
    expect(response.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(response)).not.toContain('jsonb');
    const logged = belfry.logs.find((line) => line.msg === 'internal error while executing an operation');
    expect(logged?.err?.stack).toBeTruthy();
    expect(await total('bad')).toBe(0);
  });
});
