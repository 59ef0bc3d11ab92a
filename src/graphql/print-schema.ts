// `npm run schema`: regenerates schema.graphql from the code. The Node 20 hook comes first
// and the work by dynamic import: see src/main.ts for why.
import '../../compat/register.mjs';

await import('./write-schema.js');
