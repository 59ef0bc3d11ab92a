import { Migration } from '@mikro-orm/migrations';

/**
 * The counters of the PostgreSQL rate limit store (rate-limiter-flexible's RateLimiterPostgres,
 * src/limits/operation-limiter.ts), in the columns that library reads and writes. Not an entity:
 * the ORM's schema diff skips it (`schemaGenerator.skipTables`). Unlogged: counters for the
 * current minute are not worth a WAL write each, and losing them in a crash only resets them.
 */
export class Migration20261123193000_rate_limits extends Migration {
  override name = 'Migration20261123193000_rate_limits';

  override up(): void | Promise<void> {
    this.addSql(
      `create unlogged table "rate_limits" ("key" varchar(255) not null, "points" integer not null default 0, "expire" bigint null, primary key ("key"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "rate_limits" cascade;`);
  }
}
