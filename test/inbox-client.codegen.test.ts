import { readFile } from 'node:fs/promises';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';

const PACKAGE = new URL('../packages/belfry-inbox/', import.meta.url);

// The client's operation types are generated from schema.graphql and committed (npm install
// needs no generator run). When the schema or operations.graphql change, this fails until
// `npm run codegen` is run.
describe('the inbox client generated types', () => {
  it('match schema.graphql and operations.graphql', async () => {
    const { default: config } = await import('../packages/belfry-inbox/codegen.js');
    const outputs = (await generate({ ...config, cwd: PACKAGE.pathname, silent: true }, false)) as {
      filename: string;
      content: string;
    }[];
    expect(outputs).toHaveLength(1);
    const committed = await readFile(new URL(outputs[0]!.filename, PACKAGE), 'utf8');
    expect(outputs[0]!.content, 'run `npm run codegen`').toBe(committed);
  });
});
