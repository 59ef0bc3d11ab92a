import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildBelfrySchema, renderSchema } from './schema.js';

describe('schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema` after changing the API)', async () => {
    const committed = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(renderSchema(await buildBelfrySchema())).toBe(committed);
  });
});
