// `npm run migration:create [name]`: writes the schema difference as a new migration under
// src/db/migrations (add it to index.ts). The Node 20 hook comes first and the work by
// dynamic import: see src/main.ts for why.
import '../../compat/register.mjs';

await import('./write-migration.js');
