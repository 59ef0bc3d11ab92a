// @ts-check
// One lint configuration for the whole repository: src (unit tests included), test, bench, web and the root
// configs. Type-checked rules from typescript-eslint's strict set, an import-cycle rule, no `as never`, and
// Prettier's config last so formatting is Prettier's alone (`prettier --check` runs next to ESLint).
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Test code: test/, the unit tests next to the source, and the bench (which measures, and is not shipped). */
const TESTS = ['test/**/*.ts', 'src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'bench/**/*.ts'];

export default defineConfig(
  {
    ignores: [
      'dist/',
      'dist-bench/',
      'dist-web/',
      'coverage/',
      'test-results/',
      'node_modules/',
      'packages/*/dist/',
      // Written by GraphQL Code Generator from schema.graphql (a test fails when it is stale).
      'packages/*/src/client/generated/',
    ],
  },
  eslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        // The two check projects cover every TypeScript file: src (unit tests included), test, bench and the
        // root configs in one, web (DOM, JSX, bundler resolution) in the other.
        project: ['./tsconfig.check.json', './tsconfig.web.json', './packages/belfry-inbox/tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `as never` silences every check at once; `as unknown as` says "trust me" twice. Where one is
      // unavoidable (a library type that is wrong) the line says why in an eslint-disable comment.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSAsExpression > TSNeverKeyword.typeAnnotation',
          message: '`as never` hides the type error instead of fixing it; type the value properly.',
        },
        {
          selector: 'TSAsExpression > TSAsExpression.expression > TSUnknownKeyword.typeAnnotation',
          message: '`as unknown as` bypasses the type checker; narrow with a guard, or say why in a disable comment.',
        },
      ],
      // Numbers and booleans read fine in messages and log lines; objects and nullish values still fail.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // Off: `return callback(error)` as an early exit from a void callback, and `(x) => set.add(x)`, read
      // plainly; the rule's fix splits them into two statements and adds nothing TypeScript does not catch.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // Rejecting with an AbortSignal's `reason` (typed unknown) is how abortable work reports cancellation.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // Off: ports (transports, Apollo plugin hooks) are Promise-returning interfaces; an implementation that
      // has nothing to await stays `async` so a throw becomes a rejection, as callers expect.
      '@typescript-eslint/require-await': 'off',
      // Off: type-graphql object and input types are plain data classes; resolvers return object literals of
      // their shape and spread inputs into plain objects on purpose (no methods, no prototype to lose).
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/no-misused-spread': 'off',
      // A leading underscore marks a parameter or binding kept on purpose (a GraphQL argument read by the
      // subscription filter, an object-rest that drops a key).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Off for now: about 40 `!` in src, most on configuration fields a schema check has already required
      // (config/providers.ts) or on values set in a previous step. noUncheckedIndexedAccess is on and new
      // index reads use `at()` (src/shared/at.ts) or a guard; turning this on is a follow-up.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: TESTS,
    rules: {
      // GraphQL responses in tests are typed by the document string, not by TypeScript (`Record<string, any>`
      // data): the `expect` assertions check their shape at run time, and a wrong guess fails the test.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // A wrong `!` in a test throws and fails that test, which is what a test should do.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `afterAll(() => server?.close())` guards a `beforeAll` that failed half-way, though the variable is
      // typed as always assigned.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // A cycle runs only through imported modules, never through a test file: checking the others finds every
    // cycle at half the cost.
    files: ['src/**/*.ts', 'test/support/**/*.ts', 'bench/**/*.ts', 'web/**/*.ts', 'web/**/*.tsx'],
    ignores: ['**/*.test.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Follow TypeScript files too (by default only .js ones are parsed when walking the import graph).
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      // Sources import `./x.js` for `./x.ts` (nodenext); the resolver maps the extension back.
      'import-x/resolver-next': [
        createNodeResolver({ extensionAlias: { '.js': ['.ts', '.tsx', '.js'] }, extensions: ['.ts', '.tsx', '.js'] }),
      ],
    },
    rules: {
      // Fails on any cycle of value imports between our modules (packages are not followed: they cannot
      // import us). Type-only imports are not followed by this rule; src/import-cycles.test.ts counts them.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  prettier,
);
