import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../src/db/orm.js';
import { InboxEvents } from '../src/inbox/inbox-events.js';
import { InboxService } from '../src/inbox/inbox.service.js';
import { Notification } from '../src/inbox/notification.entity.js';
import { createLogger } from '../src/logger.js';
import { Category, Channel, Priority } from '../src/shared/enums.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

// A read-state change works on the item the resolver loaded to check who may see it (one
// fork per operation): the item is read once, updated in place, and the fork has nothing
// left to write.

describe('read-state changes through one fork per operation', () => {
  let testDb: TestDatabase;
  let db: Database;
  let inbox: InboxService;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = await openDatabase(testDb.config);
    await db.migrate();
    inbox = new InboxService(db.em, new InboxEvents(), createLogger('silent'));
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  async function stored(): Promise<Notification> {
    const notification = Object.assign(new Notification(), {
      userId: 'one-fork',
      channels: [Channel.IN_APP],
      category: Category.SYSTEM,
      priority: Priority.MEDIUM,
      title: 'T',
      message: 'M',
    });
    await db.em.fork().persist(notification).flush();
    return notification;
  }

  /** The statements `work` runs on the connection, by their first word. */
  async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
    const execute = vi.spyOn(db.em.getConnection(), 'execute');
    try {
      await work();
      return execute.mock.calls.map(([sql]) =>
        (typeof sql === 'string' ? sql : (sql as { sql: string }).sql).trim().split(/\s/)[0]!.toLowerCase(),
      );
    } finally {
      execute.mockRestore();
    }
  }

  it('loads an item once to mark it read, and returns it read', async () => {
    const { id } = await stored();
    const em = db.em.fork();
    let result: Notification | undefined;
    const statements = await statementsOf(async () => {
      const loaded = await inbox.get(em, id);
      result = await inbox.markRead(em, loaded, true);
    });
    // The load, the guarded update, then the unread count published after it.
    expect(statements).toEqual(['select', 'update', 'select']);
    expect(result).toMatchObject({ id, read: true });
    expect(result!.readAt).toBeInstanceOf(Date);
    expect(await db.em.fork().findOneOrFail(Notification, id)).toMatchObject({ read: true, readAt: result!.readAt });
    em.getUnitOfWork().computeChangeSets();
    expect(em.getUnitOfWork().getChangeSets()).toEqual([]);
  });

  it('archives the loaded item in place and leaves the fork with nothing to write', async () => {
    const { id } = await stored();
    const em = db.em.fork();
    const archived = await inbox.archive(em, await inbox.get(em, id));
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect((await db.em.fork().findOneOrFail(Notification, id)).archivedAt).toEqual(archived.archivedAt);
    em.getUnitOfWork().computeChangeSets();
    expect(em.getUnitOfWork().getChangeSets()).toEqual([]);
  });

  it('shows the stored state when the change was made elsewhere meanwhile', async () => {
    const { id } = await stored();
    const em = db.em.fork();
    const loaded = await inbox.get(em, id);
    await db.em.fork().nativeUpdate(Notification, { id }, { read: true, readAt: new Date('2026-01-01T00:00:00Z') });
    const result = await inbox.markRead(em, loaded, true);
    expect(result).toMatchObject({ read: true, readAt: new Date('2026-01-01T00:00:00Z') });
  });
});
