// `npm run migrate`: applies pending migrations to the configured database and exits.
import '../../compat/register.mjs';

const { loadConfig } = await import('../config.js');
const { openDatabase } = await import('./orm.js');

const config = loadConfig();
const database = await openDatabase(config.database);
try {
  const applied = await database.migrate();
  console.log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database is up to date');
} finally {
  await database.close();
}
