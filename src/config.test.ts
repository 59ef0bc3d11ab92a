import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to embedded PGlite under ./.data on port 4000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: expect.stringMatching(/\.data\/pglite$/) });
    expect(config.apiKeys).toEqual([]);
    expect(config.pushAllowPrivateEndpoints).toBe(false);
  });

  it('uses PostgreSQL when DATABASE_URL is set, and DATA_DIR moves the data folder', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
    expect(loadConfig({ DATA_DIR: '/tmp/belfry-x' }).database).toEqual({ kind: 'pglite', dataDir: '/tmp/belfry-x/pglite' });
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
  ])('explains what to fix for %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads several API keys and DEBUG', () => {
    const config = loadConfig({ API_KEYS: 'first-key-0123456789, second-key-0123456789', DEBUG: 'true' });
    expect(config.apiKeys).toEqual(['first-key-0123456789', 'second-key-0123456789']);
    expect(config.logLevel).toBe('debug');
  });

  it('reads the production switches: pages by mode unless ENABLE_PAGES, introspection and exp-less tokens off unless enabled', () => {
    expect(loadConfig({})).toMatchObject({ enablePages: undefined, graphqlIntrospection: false, jwt: { allowNoExp: false } });
    expect(loadConfig({ ENABLE_PAGES: 'false', GRAPHQL_INTROSPECTION: 'true', JWT_ALLOW_NO_EXP: 'yes' })).toMatchObject({ enablePages: false, graphqlIntrospection: true, jwt: { allowNoExp: true } });
  });
});
