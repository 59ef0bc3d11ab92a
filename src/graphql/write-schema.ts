// Regenerates schema.graphql from the code. Loaded by print-schema.ts.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { buildBelfrySchema, renderSchema } from './schema.js';

const target = new URL('../../schema.graphql', import.meta.url);
writeFileSync(target, renderSchema(await buildBelfrySchema()));
console.log(`wrote ${target.pathname}`);
