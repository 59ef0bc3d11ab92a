import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Builds the browser pages served by Belfry (the demo bell at /, GraphiQL at /graphiql, the
// operator dashboard at /dashboard)
// into dist/web, from npm packages only.
export default defineConfig({
  root: 'web',
  base: './',
  // The demo page imports <belfry-inbox> from the workspace package's source.
  resolve: { alias: { '@belfry/inbox': resolve('packages/belfry-inbox/src/index.ts') } },
  logLevel: 'warn',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 5_000,
    rollupOptions: {
      input: {
        bell: resolve('web/index.html'),
        graphiql: resolve('web/graphiql/index.html'),
        dashboard: resolve('web/dashboard/index.html'),
      },
      // React libraries mark modules "use client"; meaningless in a static bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
