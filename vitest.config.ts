import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// graphql must be one module instance: type-graphql and Apollo load its CommonJS entry,
// so tests must not pick up the ESM one (else "Cannot use GraphQLSchema from another realm").
const resolve = { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] };
const setupFiles = ['./test/support/setup.ts'];

const postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

function integration(name: 'pglite' | 'postgres'): TestProjectInlineConfiguration {
  return {
    resolve,
    test: {
      name,
      include: ['test/**/*.test.ts'],
      setupFiles,
      env: { BELFRY_TEST_DB: name },
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  };
}

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
          setupFiles,
          hookTimeout: 30_000,
        },
      },
      integration('pglite'),
      ...(postgresUrl ? [integration('postgres')] : []),
    ],
  },
});
