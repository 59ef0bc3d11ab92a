// MikroORM options for tooling that looks for this file. Belfry itself builds the same
// options in src/db/orm.ts (ormOptions): entities listed explicitly, committed migrations
// listed in src/db/migrations/index.ts, PostgreSQL with DATABASE_URL, else PGlite under DATA_DIR.
// Apply migrations with `npm run migrate`; write a new one with `npm run migration:create <name>`.
import 'reflect-metadata';
import { loadConfig } from './src/config/load-config.js';
import { ormOptions } from './src/db/orm.js';

export default ormOptions(loadConfig().database);
