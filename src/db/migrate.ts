// `npm run migrate`: applies pending migrations to the configured database and exits.
// The Node 20 hook comes first and the work by dynamic import: see src/main.ts for why.
import '../../compat/register.mjs';

await import('./apply-migrations.js');
