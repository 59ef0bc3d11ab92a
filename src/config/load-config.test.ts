import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('defaults to embedded PGlite under ./.data on port 4000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: expect.stringMatching(/\.data\/pglite$/) });
    expect(config.apiKeys).toEqual([]);
    expect(config.pushAllowPrivateEndpoints).toBe(false);
  });

  it('uses PostgreSQL when DATABASE_URL is set, and DATA_DIR moves the data folder', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h/db',
    });
    expect(loadConfig({ DATA_DIR: '/tmp/belfry-x' }).database).toEqual({
      kind: 'pglite',
      dataDir: '/tmp/belfry-x/pglite',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be an integer/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32/],
    [{ API_KEYS: 'tiny' }, /API_KEYS/],
    [{ JWT_PUBLIC_KEY: 'not pem' }, /JWT_PUBLIC_KEY must be a PEM/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ PUSH_ALLOW_PRIVATE_ENDPOINTS: 'sometimes' }, /PUSH_ALLOW_PRIVATE_ENDPOINTS must be true or false/],
    [{ ENABLE_PAGES: 'maybe' }, /ENABLE_PAGES must be true or false/],
    [{ GRAPHQL_INTROSPECTION: '2' }, /GRAPHQL_INTROSPECTION must be true or false/],
    [{ JWT_ALLOW_NO_EXP: 'sure' }, /JWT_ALLOW_NO_EXP must be true or false/],
    [{ RATE_LIMIT_USER_PER_MINUTE: '-1' }, /RATE_LIMIT_USER_PER_MINUTE must be an integer from 0/],
    [{ RATE_LIMIT_SERVICE_PER_MINUTE: 'lots' }, /RATE_LIMIT_SERVICE_PER_MINUTE must be an integer/],
    [{ WS_MAX_CONNECTIONS_PER_IP: '1.5' }, /WS_MAX_CONNECTIONS_PER_IP must be an integer/],
    [{ INBOX_RETENTION_DAYS: '-1' }, /INBOX_RETENTION_DAYS must be an integer from 0 to 36500/],
    [{ INBOX_MAX_PAGE_SIZE: '0' }, /INBOX_MAX_PAGE_SIZE must be an integer from 1 to 1000/],
    [{ INBOX_MAX_PAGE_SIZE: '5000' }, /INBOX_MAX_PAGE_SIZE must be an integer from 1 to 1000/],
    [{ INBOX_MARK_READ_ON_FETCH: 'often' }, /INBOX_MARK_READ_ON_FETCH must be true or false/],
  ])('explains what to fix for %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads several API keys and DEBUG', () => {
    const config = loadConfig({ API_KEYS: 'first-key-0123456789, second-key-0123456789', DEBUG: 'true' });
    expect(config.apiKeys).toEqual(['first-key-0123456789', 'second-key-0123456789']);
    expect(config.logLevel).toBe('debug');
  });

  it('reads the production switches: pages by mode unless ENABLE_PAGES, introspection and exp-less tokens off unless enabled', () => {
    expect(loadConfig({})).toMatchObject({
      enablePages: undefined,
      graphqlIntrospection: false,
      jwt: { allowNoExp: false },
    });
    expect(loadConfig({ ENABLE_PAGES: 'false', GRAPHQL_INTROSPECTION: 'true', JWT_ALLOW_NO_EXP: 'yes' })).toMatchObject(
      { enablePages: false, graphqlIntrospection: true, jwt: { allowNoExp: true } },
    );
  });

  it('limits operations and sockets by default, and 0 turns a limit off', () => {
    const defaults = loadConfig({});
    expect(defaults.rateLimits).toEqual({ servicePerMinute: 6000, userPerMinute: 600 });
    expect(defaults.websocket.maxConnectionsPerIp).toBe(100);
    const off = loadConfig({
      RATE_LIMIT_SERVICE_PER_MINUTE: '0',
      RATE_LIMIT_USER_PER_MINUTE: '0',
      WS_MAX_CONNECTIONS_PER_IP: '0',
    });
    expect(off.rateLimits).toEqual({ servicePerMinute: 0, userPerMinute: 0 });
    expect(off.websocket.maxConnectionsPerIp).toBe(0);
  });

  it('reads the inbox settings: 90 days, pages of 100, no mark-read on fetch by default', () => {
    expect(loadConfig({}).inbox).toEqual({ retentionDays: 90, maxPageSize: 100, markReadOnFetch: false });
    expect(
      loadConfig({ INBOX_RETENTION_DAYS: '0', INBOX_MAX_PAGE_SIZE: '250', INBOX_MARK_READ_ON_FETCH: 'true' }).inbox,
    ).toEqual({ retentionDays: 0, maxPageSize: 250, markReadOnFetch: true });
  });

  it('DATA_DIR=memory:// keeps the embedded database in memory and no folder', () => {
    const config = loadConfig({ DATA_DIR: 'memory://' });
    expect(config.database).toEqual({ kind: 'pglite', dataDir: 'memory://' });
    expect(config.dataDir).toBe('memory://');
  });
});
