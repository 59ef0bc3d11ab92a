// Diffs the entities against a scratch database that has every committed migration applied,
// and writes the difference as a new TypeScript migration under src/db/migrations. Loaded by
// create-migration.ts.
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/pglite';
import { STATS_TABLES } from '../analytics/stats-tables.js';
import { RATE_LIMIT_TABLE } from '../limits/operation-limiter.js';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';

const orm = await MikroORM.init({
  dbName: 'memory://',
  entities,
  metadataProvider: ReflectMetadataProvider,
  extensions: [Migrator],
  // The analytics tables, triggers and functions are kept by hand in their migration (see src/analytics/).
  schemaGenerator: { skipTables: [RATE_LIMIT_TABLE, ...STATS_TABLES], ignoreTriggers: true, ignoreRoutines: true },
  migrations: {
    tableName: 'belfry_migrations',
    migrationsList: [...migrations],
    path: 'src/db/migrations',
    pathTs: 'src/db/migrations',
    emit: 'ts',
    snapshot: false,
  },
});
try {
  await orm.migrator.up();
  const result = await orm.migrator.create(undefined, false, migrations.length === 0, process.argv[2]);
  console.log(result.fileName ? `wrote src/db/migrations/${result.fileName}` : 'no schema changes');
} finally {
  await orm.close(true);
}
