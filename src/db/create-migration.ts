// `npm run migration:create`: diffs the entities against a scratch database that has every
// committed migration applied, and writes the difference as a new TypeScript migration
// under src/db/migrations (add it to index.ts).
import '../../compat/register.mjs';

const { MikroORM } = await import('@mikro-orm/pglite');
const { ReflectMetadataProvider } = await import('@mikro-orm/decorators/legacy');
const { Migrator } = await import('@mikro-orm/migrations');
const { entities } = await import('./entities.js');
const { migrations } = await import('./migrations/index.js');
const { RATE_LIMIT_TABLE } = await import('../limits/operation-limiter.js');

const orm = await MikroORM.init({
  dbName: 'memory://',
  entities,
  metadataProvider: ReflectMetadataProvider,
  extensions: [Migrator],
  schemaGenerator: { skipTables: [RATE_LIMIT_TABLE] },
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
