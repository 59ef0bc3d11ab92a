import { describe, expect, it } from 'vitest';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';
import { loadConfig } from '../config/load-config.js';
import { ormOptions } from './orm.js';

describe('ORM options', () => {
  it('mikro-orm.config.ts exports the options Belfry itself uses', async () => {
    const { default: exported } = await import('../../mikro-orm.config.js');
    expect(exported).toEqual(ormOptions(loadConfig().database));
    expect(exported.entities).toBe(entities);
    expect(exported.migrations?.migrationsList).toBe(migrations);
  });

  it('uses PostgreSQL with a URL, and PGlite in memory or under its data dir otherwise', () => {
    expect(ormOptions({ kind: 'postgres', url: 'postgres://u@h/db' })).toMatchObject({
      clientUrl: 'postgres://u@h/db',
    });
    expect(ormOptions({ kind: 'pglite', dataDir: 'memory://' })).toMatchObject({ dbName: 'memory://' });
    expect(ormOptions({ kind: 'pglite', dataDir: '/srv/belfry/pglite' })).toMatchObject({
      dbName: 'belfry',
      driverOptions: { dataDir: '/srv/belfry/pglite' },
    });
  });
});
