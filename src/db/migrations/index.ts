import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { Migration20261121222947_initial } from './Migration20261121222947_initial.js';
import { Migration20261121224453_sending } from './Migration20261121224453_sending.js';
import { Migration20261121225615_delivery } from './Migration20261121225615_delivery.js';
import { Migration20261123192950_idempotency_per_api_key } from './Migration20261123192950_idempotency_per_api_key.js';
import { Migration20261123193000_rate_limits } from './Migration20261123193000_rate_limits.js';
import { Migration20261123224000_inbox_retention } from './Migration20261123224000_inbox_retention.js';

// Committed migrations, oldest first. `npm run migration:create <name>` writes a new file
// in this folder; add it to the end of this list.
export const migrations: Constructor<Migration>[] = [
  Migration20261121222947_initial,
  Migration20261121224453_sending,
  Migration20261121225615_delivery,
  Migration20261123192950_idempotency_per_api_key,
  Migration20261123193000_rate_limits,
  Migration20261123224000_inbox_retention,
];
