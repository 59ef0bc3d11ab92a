import type { EntityName } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Delivery } from '../src/delivery/delivery.entity.js';
import { openDatabase, type Database } from '../src/db/orm.js';
import { Notification } from '../src/inbox/notification.entity.js';
import { ActionStyle } from '../src/inbox/notification-action.js';
import { IdempotencyRecord } from '../src/sending/idempotency-record.entity.js';
import { Category, Channel, DeliveryStatus, Priority } from '../src/shared/enums.js';
import { insertSendRows, sendInsertColumns } from '../src/sql/insert-send-rows.js';
import { runSql, textArray } from '../src/sql/run-sql.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

// The send writer derives its column lists from the entity metadata. These tests hold that
// promise: every mapped property of every entity it writes is set here to a value other
// than its default, written with the one statement and read back through the ORM. A
// property added to an entity fails the first test until this fixture sets it, and then
// fails the round trip unless the insert really writes its column.

const at = (iso: string) => new Date(iso);

function fixture(): { notification: Notification; delivery: Delivery; record: IdempotencyRecord } {
  const notification = Object.assign(new Notification(), {
    userId: 'every-column',
    channels: [Channel.IN_APP, Channel.EMAIL],
    category: Category.BILLING,
    priority: Priority.HIGH,
    title: 'Title',
    message: 'Message',
    htmlContent: '<p>Message</p>',
    actionUrl: 'https://example.com/a',
    inInbox: false,
    read: true,
    readAt: at('2026-01-02T03:04:05.006Z'),
    seenAt: at('2026-01-02T03:04:06.007Z'),
    archivedAt: at('2026-01-02T03:04:07.008Z'),
    snoozedUntil: at('2026-01-02T03:04:08.009Z'),
    actions: [{ label: 'Open', url: 'https://app.example/open', style: ActionStyle.SECONDARY }],
    clickedAt: at('2026-01-02T03:04:09.010Z'),
    clickedAction: 0,
    tags: ['billing', 'team:ops'],
    metadata: { nested: { list: [1, 'two'] } },
    templateKey: 'welcome',
    event: 'user.created',
    idempotencyKey: 'key-1',
    sendAt: at('2026-01-03T00:00:00.000Z'),
    expiresAt: at('2027-01-03T00:00:00.000Z'),
    createdAt: at('2026-01-01T00:00:00.001Z'),
    updatedAt: at('2026-01-01T00:00:00.002Z'),
  });
  const delivery = Object.assign(new Delivery(), {
    notification,
    channel: Channel.EMAIL,
    status: DeliveryStatus.FAILED,
    reason: 'reason',
    content: { email: { subject: 'S', text: 'T' } },
    sealedContent: 'sealed',
    backend: 'mailgun',
    providerMessageId: 'provider-1',
    attempts: 3,
    lastError: 'boom',
    createdAt: at('2026-01-01T00:00:00.003Z'),
    updatedAt: at('2026-01-01T00:00:00.004Z'),
    sentAt: at('2026-01-01T00:00:00.005Z'),
    failedAt: at('2026-01-01T00:00:00.006Z'),
    deliveredAt: at('2026-01-01T00:00:00.007Z'),
    openedAt: at('2026-01-01T00:00:00.008Z'),
    clickedAt: at('2026-01-01T00:00:00.009Z'),
    bouncedAt: at('2026-01-01T00:00:00.010Z'),
  });
  const record = Object.assign(new IdempotencyRecord(), {
    apiKeyId: 'api-key-1',
    key: 'key-1',
    operation: 'sendNotification',
    requestHash: 'hash',
    notificationIds: [notification.id],
    createdAt: at('2026-01-01T00:00:00.007Z'),
  });
  return { notification, delivery, record };
}

describe('the hand-written statements', () => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = await openDatabase(testDb.config);
    await db.migrate();
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  /** The names of `entity`'s mapped properties (as plain strings, so one loop can walk several entities). */
  const mappedPropertyNames = (entity: EntityName<object>): string[] =>
    db.em
      .getMetadata()
      .get(entity)
      .props.map((prop) => prop.name);

  it('is given a value for every mapped property of every entity it writes', () => {
    const rows = fixture();
    const cases = [
      [Notification, rows.notification],
      [Delivery, rows.delivery],
      [IdempotencyRecord, rows.record],
    ] as const;
    for (const [entity, instance] of cases) {
      for (const name of mappedPropertyNames(entity)) {
        expect(
          Reflect.get(instance, name) as unknown,
          `${entity.name}.${name} is not set by the fixture`,
        ).not.toBeNull();
        expect(
          Reflect.get(instance, name) as unknown,
          `${entity.name}.${name} is not set by the fixture`,
        ).not.toBeUndefined();
      }
    }
  });

  it('lists every column of each table it inserts into', async () => {
    const columns = sendInsertColumns(db.em);
    const tableColumns = async (table: string) =>
      (
        await db.em
          .getConnection()
          .execute<{ column_name: string }[]>(
            `select column_name from information_schema.columns where table_schema = current_schema() and table_name = ?`,
            [table],
          )
      )
        .map((row) => row.column_name)
        .sort();
    expect([...columns.notifications].sort()).toEqual(await tableColumns('notifications'));
    expect([...columns.deliveries].sort()).toEqual(await tableColumns('deliveries'));
    expect([...columns.idempotency].sort()).toEqual(await tableColumns('idempotency_keys'));
  });

  it('writes every property in one statement, and the ORM reads each back unchanged', async () => {
    const { notification, delivery, record } = fixture();
    const counts = await insertSendRows(db.em.fork(), {
      notifications: [notification],
      deliveries: [delivery],
      idempotency: record,
    });
    expect(counts).toEqual({ notifications: 1, deliveries: 1, idempotency: 1 });
    const em = db.em.fork();
    const cases = [
      [Notification, notification, await em.findOneOrFail(Notification, notification.id)],
      [Delivery, delivery, await em.findOneOrFail(Delivery, delivery.id)],
      [
        IdempotencyRecord,
        record,
        await em.findOneOrFail(IdempotencyRecord, { apiKeyId: record.apiKeyId, key: record.key }),
      ],
    ] as const;
    for (const [entity, written, read] of cases) {
      for (const name of mappedPropertyNames(entity)) {
        const value = Reflect.get(read, name) as unknown;
        const expected = Reflect.get(written, name) as unknown;
        if (name === 'notification') expect((value as Notification).id, `${entity.name}.${name}`).toBe(notification.id);
        else expect(value, `${entity.name}.${name}`).toEqual(expected);
      }
    }
  });

  it('passes an array as one text[] parameter that keeps every value as it is', async () => {
    const values = [
      'plain',
      ' padded ',
      'NULL',
      '',
      'a,b',
      '{braces}',
      'quote"d',
      "apos'trophe",
      'back\\slash',
      'ünïcode',
      'line\nbreak',
    ];
    const rows = await runSql<{ value: string | null }>(db.em, 'select unnest(?::text[]) as value', [
      textArray(values),
    ]);
    expect(rows.map((row) => row.value)).toEqual(values);
    expect(await runSql(db.em, 'select unnest(?::text[]) as value', [textArray([])])).toEqual([]);
  });
});
