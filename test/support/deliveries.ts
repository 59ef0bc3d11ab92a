import type { TestBelfry } from './belfry.js';

export interface DeliveryRow {
  id: string;
  notification_id: string;
  channel: string;
  status: string;
  /** Why a delivery was skipped or failed (e.g. `expired`), else null. */
  reason: string | null;
  backend: string | null;
  provider_message_id: string | null;
  /** The provider only validated it (sandbox mode): nothing was delivered. */
  sandbox: boolean;
  attempts: number;
  last_error: string | null;
  sealed_content: string | null;
}

/** Reads delivery rows straight from the database. */
export async function deliveryRows(belfry: TestBelfry, where = 'true'): Promise<DeliveryRow[]> {
  return belfry.app.database.em
    .getConnection()
    .execute(`select * from deliveries where ${where} order by created_at, channel`);
}

/** Waits (polling the database) until every delivery matching `where` has a final status. */
export async function untilSettled(belfry: TestBelfry, where = 'true', timeoutMs = 20_000): Promise<DeliveryRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await deliveryRows(belfry, where);
    if (rows.length && rows.every((row) => ['sent', 'delivered', 'failed', 'skipped'].includes(row.status)))
      return rows;
    if (Date.now() > deadline)
      throw new Error(
        `deliveries not settled in ${timeoutMs} ms: ${JSON.stringify(rows.map((row) => [row.channel, row.status, row.last_error]))}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
