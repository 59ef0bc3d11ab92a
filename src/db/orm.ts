import { mkdirSync } from 'node:fs';
import { MikroORM as PostgresORM, type Options as PostgresOptions } from '@mikro-orm/postgresql';
import { MikroORM as PgliteORM, type Options as PgliteOptions } from '@mikro-orm/pglite';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import type { EntityManager } from '@mikro-orm/sql';
import type { PGlite } from '@electric-sql/pglite';
import { fromPglite, type Db } from 'pg-boss';
import type { DatabaseConfig } from '../config/settings.js';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';
import { STATS_TABLES } from '../analytics/stats-tables.js';
import { RATE_LIMIT_TABLE } from '../limits/operation-limiter.js';

/** The ORM as the rest of Belfry sees it, whichever driver is underneath. */
export interface Database {
  readonly em: EntityManager;
  readonly kind: DatabaseConfig['kind'];
  /** Applies pending migrations; returns the names applied. */
  migrate(): Promise<string[]>;
  /** How pg-boss reaches this database: its own pool for PostgreSQL, the shared instance for PGlite. */
  queueConnection(): Promise<QueueConnection>;
  /** True when a trivial query succeeds within a short time (false, never a hang, when the database is down). */
  isReachable(): Promise<boolean>;
  close(): Promise<void>;
}

/** pg-boss constructor options that point it at Belfry's database. */
export type QueueConnection = { readonly connectionString: string } | { readonly db: Db; readonly backend: 'pglite' };

const shared = {
  entities,
  metadataProvider: ReflectMetadataProvider,
  extensions: [Migrator],
  // Schema changes come only from committed migrations, listed in code (no folder scan).
  migrations: {
    tableName: 'belfry_migrations',
    migrationsList: migrations,
    pathTs: 'src/db/migrations',
    path: 'dist/db/migrations',
    snapshot: false,
    snapshotOnMigrate: false,
    silent: true,
  },
  // Tables that migrations create for libraries and the analytics triggers, not entities: the
  // schema diff must not drop them, nor the triggers and functions kept by hand (src/analytics/).
  schemaGenerator: { skipTables: [RATE_LIMIT_TABLE, ...STATS_TABLES], ignoreTriggers: true, ignoreRoutines: true },
  discovery: { warnWhenNoEntities: true },
  allowGlobalContext: false,
  debug: false,
} satisfies Partial<PostgresOptions>;

/**
 * The ORM's pg pool. Its size bounds what one process can ever hold (it never grows past
 * `max`, outage or not); idle connections are closed, so connections that died with the
 * server are not kept around; and a connect that PostgreSQL does not answer fails in
 * seconds instead of queueing every request behind it.
 */
const POSTGRES_POOL = { min: 0, max: 10, idleTimeoutMillis: 30_000 };
const POSTGRES_CONNECTION = { application_name: 'belfry', connectionTimeoutMillis: 5_000, keepAlive: true };

/** How long /readyz waits for its `select 1`. */
const READY_TIMEOUT_MS = 2_000;

/** MikroORM options for the database `config` names; also what mikro-orm.config.ts exports for tooling. */
export function ormOptions(config: DatabaseConfig): PostgresOptions | PgliteOptions {
  return config.kind === 'postgres'
    ? ({ ...shared, clientUrl: config.url, pool: POSTGRES_POOL, driverOptions: POSTGRES_CONNECTION } as PostgresOptions)
    : ({ ...shared, ...pgliteLocation(config.dataDir) } as PgliteOptions);
}

/** Opens the database `config` names (PostgreSQL, or PGlite under its data dir). */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'pglite' && !config.dataDir.startsWith('memory://'))
    mkdirSync(config.dataDir, { recursive: true });
  const orm =
    config.kind === 'postgres'
      ? await PostgresORM.init(ormOptions(config) as PostgresOptions)
      : await PgliteORM.init(ormOptions(config) as PgliteOptions);
  // Both drivers' EntityManagers are @mikro-orm/sql's, but typed with their own driver as a parameter,
  // which the shared type does not accept as is; the rest of the code uses the driver-neutral one.
  // eslint-disable-next-line no-restricted-syntax
  const em = orm.em as unknown as EntityManager;
  return {
    em,
    kind: config.kind,
    async migrate() {
      const applied = await orm.migrator.up();
      return applied.map((migration) => migration.name);
    },
    async queueConnection() {
      if (config.kind === 'postgres') return { connectionString: config.url };
      // PGlite is one connection: pg-boss must share MikroORM's instance, whose mutex orders their statements.
      // Only the PGlite driver's connection has getNativeClient; `em` is typed driver-neutral (see above).
      // eslint-disable-next-line no-restricted-syntax
      const pglite = await (em.getConnection() as unknown as { getNativeClient(): Promise<PGlite> }).getNativeClient();
      return { db: fromPglite(pglite), backend: 'pglite' };
    },
    async isReachable() {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS)));
      const answered = em
        .getConnection()
        .execute('select 1')
        .then(
          () => true,
          () => false,
        );
      try {
        return await Promise.race([answered, timedOut]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => orm.close(true),
  };
}

function pgliteLocation(dataDir: string): Pick<PgliteOptions, 'dbName' | 'driverOptions'> {
  if (dataDir.startsWith('memory://')) return { dbName: 'memory://' };
  // A bare dbName would silently become a folder named after it in the working directory.
  return { dbName: 'belfry', driverOptions: { dataDir } };
}
