import type { EntityManager } from '@mikro-orm/sql';
import { Channel } from '../shared/enums.js';
import { BadUserInputError, NotFoundError } from '../shared/errors.js';
import { runSql, textArray } from '../sql/run-sql.js';
import { normalizeAddress } from './suppression-address.js';
import { Suppression } from './suppression.entity.js';

/** A page of suppressions, newest first, and whether more follow. */
export interface SuppressionPage {
  readonly items: Suppression[];
  readonly hasNextPage: boolean;
}

/** Opaque cursor: base64url of "createdAt|address". */
function encode(suppression: Suppression): string {
  return Buffer.from(`${suppression.createdAt.toISOString()}|${suppression.address}`, 'utf8').toString('base64url');
}

function decode(cursor: string): { createdAt: Date; address: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const split = text.indexOf('|');
  const createdAt = new Date(text.slice(0, split));
  if (split < 0 || Number.isNaN(createdAt.getTime()))
    throw new BadUserInputError('after is not a valid cursor: pass an endCursor from an earlier page', ['after']);
  return { createdAt, address: text.slice(split + 1) };
}

/**
 * Addresses no delivery goes to: added by receipts (hard bounces, complaints, SMS opt-outs)
 * and by operators. A send skips a suppressed address (SKIPPED, reason `suppressed`), and the
 * worker checks again just before sending, so a suppression that came after queueing holds.
 */
export class SuppressionService {
  /** Adds (or keeps) the suppression; the first reason stays. */
  async add(
    em: EntityManager,
    channel: Channel,
    address: string,
    reason: string,
    backend: string | null = null,
  ): Promise<Suppression> {
    const normalized = normalizeAddress(channel, address);
    await runSql(
      em,
      `insert into suppressions (channel, address, reason, backend) values (?, ?, ?, ?) on conflict do nothing`,
      [channel, normalized, reason, backend],
    );
    return em.findOneOrFail(Suppression, { channel, address: normalized });
  }

  /** Removes it; NOT_FOUND when the address was not suppressed. */
  async remove(em: EntityManager, channel: Channel, address: string): Promise<Suppression> {
    const normalized = normalizeAddress(channel, address);
    const found = await em.findOne(Suppression, { channel, address: normalized });
    if (!found) throw new NotFoundError('Suppression', `${channel}:${normalized}`);
    await em.remove(found).flush();
    return found;
  }

  async list(
    em: EntityManager,
    channel: Channel | null,
    first: number,
    after?: string | null,
  ): Promise<SuppressionPage> {
    const where: Record<string, unknown> = channel ? { channel } : {};
    if (after) {
      const position = decode(after);
      where.$or = [
        { createdAt: { $lt: position.createdAt } },
        { createdAt: position.createdAt, address: { $lt: position.address } },
      ];
    }
    const rows = await em.find(Suppression, where, {
      orderBy: [{ createdAt: 'desc' }, { address: 'desc' }],
      limit: first + 1,
    });
    return { items: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  cursorOf(suppression: Suppression): string {
    return encode(suppression);
  }

  /** Which of these addresses are suppressed on the channel (compared as stored: normalized), in one query. */
  static async suppressedAmong(
    em: EntityManager,
    channel: Channel,
    addresses: readonly string[],
  ): Promise<Set<string>> {
    if (!addresses.length) return new Set();
    const rows = await runSql<{ address: string }>(
      em,
      `select address from suppressions where channel = ? and address = any(?::text[])`,
      [channel, textArray([...new Set(addresses.map((address) => comparable(channel, address)))])],
    );
    return new Set(rows.map((row) => row.address));
  }
}

/** An address as it compares against stored suppressions, without throwing on odd stored contact data. */
export function comparable(channel: Channel, address: string): string {
  return channel === Channel.EMAIL ? address.trim().toLowerCase() : address.replace(/[\s\-.()]/g, '');
}
