import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Generates the client's operation types from Belfry's schema.graphql and the operations in
 * src/client/operations.graphql. The output is committed (npm install and npm start need no
 * generator run); `npm run codegen` rewrites it and a test fails when it is stale.
 */
const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/client/operations.graphql'],
  generates: {
    'src/client/generated/graphql.ts': {
      // typescript-operations 6 emits the enums and inputs the operations use by itself.
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        // Strings on the wire, typed by TypedDocumentString: no graphql-js in the browser bundle.
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
        scalars: { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>' },
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      },
    },
  },
};
export default config;
