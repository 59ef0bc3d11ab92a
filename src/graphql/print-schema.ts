// `npm run schema`: regenerates schema.graphql from the code.
import '../../compat/register.mjs';
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';

const { buildBelfrySchema, renderSchema } = await import('./schema.js');
const target = new URL('../../schema.graphql', import.meta.url);
writeFileSync(target, renderSchema(await buildBelfrySchema()));
console.log(`wrote ${target.pathname}`);
