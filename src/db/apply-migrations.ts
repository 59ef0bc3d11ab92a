// Applies pending migrations to the configured database and exits. Loaded by migrate.ts.
import { loadConfig } from '../config/load-config.js';
import { openDatabase } from './orm.js';

const config = loadConfig();
const database = await openDatabase(config.database);
try {
  const applied = await database.migrate();
  console.log(
    applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database is up to date',
  );
} finally {
  await database.close();
}
