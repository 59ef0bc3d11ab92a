import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Builds <belfry-inbox> (with Lit, graphql-ws and the typed client) into ONE minified ES
// module, dist/web/sdk/belfry-inbox.js, that Belfry serves at /sdk/belfry-inbox.js.
// Runs after vite.config.ts, whose build empties dist/web.
export default defineConfig({
  logLevel: 'warn',
  build: {
    outDir: 'dist/web/sdk',
    emptyOutDir: true,
    minify: true,
    target: 'es2022',
    sourcemap: false,
    // Lib mode keeps whitespace in ES output (for other bundlers); this file is final, so minify all of it.
    rollupOptions: { output: { minify: true } },
    lib: {
      entry: resolve('packages/belfry-inbox/src/sdk.ts'),
      formats: ['es'],
      fileName: () => 'belfry-inbox.js',
    },
  },
});
