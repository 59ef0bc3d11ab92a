import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { Migration20261121222947_initial } from './Migration20261121222947_initial.js';
import { Migration20261121224453_sending } from './Migration20261121224453_sending.js';
import { Migration20261121225615_delivery } from './Migration20261121225615_delivery.js';
import { Migration20261123192950_idempotency_per_api_key } from './Migration20261123192950_idempotency_per_api_key.js';
import { Migration20261123193000_rate_limits } from './Migration20261123193000_rate_limits.js';
import { Migration20261123223542_delivery_sandbox } from './Migration20261123223542_delivery_sandbox.js';
import { Migration20261123224000_inbox_retention } from './Migration20261123224000_inbox_retention.js';
import { Migration20261123230000_inbox_order } from './Migration20261123230000_inbox_order.js';
import { Migration20261123230401_snooze } from './Migration20261123230401_snooze.js';
import { Migration20261123230729_actions } from './Migration20261123230729_actions.js';
import { Migration20261123231329_tags } from './Migration20261123231329_tags.js';
import { Migration20261123231813_template_preferences } from './Migration20261123231813_template_preferences.js';
import { Migration20261124030652_receipts } from './Migration20261124030652_receipts.js';
import { Migration20261124031236_suppressions } from './Migration20261124031236_suppressions.js';
import { Migration20261124032807_webhooks } from './Migration20261124032807_webhooks.js';
import { Migration20261124070000_stats } from './Migration20261124070000_stats.js';
import { Migration20261124080000_template_translations } from './Migration20261124080000_template_translations.js';

// Committed migrations, oldest first. `npm run migration:create <name>` writes a new file
// in this folder; add it to the end of this list.
export const migrations: Constructor<Migration>[] = [
  Migration20261121222947_initial,
  Migration20261121224453_sending,
  Migration20261121225615_delivery,
  Migration20261123192950_idempotency_per_api_key,
  Migration20261123193000_rate_limits,
  Migration20261123223542_delivery_sandbox,
  Migration20261123224000_inbox_retention,
  Migration20261123230000_inbox_order,
  Migration20261123230401_snooze,
  Migration20261123230729_actions,
  Migration20261123231329_tags,
  Migration20261123231813_template_preferences,
  Migration20261124030652_receipts,
  Migration20261124031236_suppressions,
  Migration20261124032807_webhooks,
  Migration20261124070000_stats,
  Migration20261124080000_template_translations,
];
