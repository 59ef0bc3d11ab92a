import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * Squeezes the whitespace the minifier leaves inside template literals: the generated
 * GraphQL documents (each repeats its fragments) and the element's css`` styles. Literals
 * with `${…}` are left alone, and GraphQL ones with comments or strings too: elsewhere a run of
 * whitespace only separates tokens (CSS strings here hold single spaces only).
 */
function squeezeLiterals(): Plugin {
  const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();
  return {
    name: 'belfry-squeeze-literals',
    enforce: 'pre',
    transform(code, id) {
      if (id.endsWith('/client/generated/graphql.ts'))
        return code.replace(/TypedDocumentString\(`([^`]*)`\)/g, (whole, body: string) =>
          /\$\{|#|"/.test(body) ? whole : `TypedDocumentString(\`${squeeze(body)}\`)`,
        );
      if (/\/element\/[\w-]*styles\.ts$/.test(id))
        return code.replace(/css`([^`]*)`/g, (whole, body: string) => {
          if (body.includes('${')) return whole;
          const css = squeeze(body.replace(/\/\*[\s\S]*?\*\//g, ' ')).replace(/\s*([{};])\s*/g, '$1');
          return `css\`${css}\``;
        });
      return undefined;
    },
  };
}

// Builds <belfry-inbox> (with Lit, graphql-ws and the typed client) into ONE minified ES
// module, dist/web/sdk/belfry-inbox.js, that Belfry serves at /sdk/belfry-inbox.js.
// Runs after vite.config.ts, whose build empties dist/web.
export default defineConfig({
  logLevel: 'warn',
  plugins: [squeezeLiterals()],
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
