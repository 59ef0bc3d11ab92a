/**
 * Operations an attacker (or a careless client) can send, and the ones Belfry's own pages
 * and README send, for the query-limit tests.
 */

/**
 * `levels` fragments on Query where each spreads the next one twice: about 1 KB at 26
 * levels, but 2^26 uses of the last fragment once spreads are expanded.
 */
export function fragmentBomb(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) =>
    i === levels - 1
      ? `fragment F${i} on Query { notificationCount }`
      : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
  );
  return `query { ...F0 }\n${fragments.join('\n')}`;
}

/** About `bytes` long, almost all of it tokens: `{ notificationCount notificationCount … }`. */
export function manyTokens(bytes: number): string {
  return `{ ${'notificationCount '.repeat(Math.floor((bytes - 4) / 18))}}`;
}

/** The probe's cost attack: 30 aliases, each a 100-item page with every item's deliveries. */
export const COST_ATTACK = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: notifications(first: 100) { nodes { deliveries { id } } }`).join(' ')} }`;

/** Queries Belfry's own clients send, which must pass every limit. */
export const ORDINARY_QUERIES = {
  /** web/bell.ts, on load. */
  bell: '{ notifications(first: 20) { nodes { id title message read createdAt } } notificationCount(unreadOnly: true) }',
  /** README: an inbox page with cursors. */
  readmeInbox:
    '{ notifications(first: 20, filter: { unread: true }) { edges { cursor node { id title read createdAt } } pageInfo { hasNextPage endCursor } } notificationCount(unreadOnly: true) }',
  /** README: catching up after a reconnect. */
  readmeCatchUp:
    'query($after: String) { notifications(first: 20, after: $after) { edges { cursor node { id title } } pageInfo { hasNextPage endCursor } } }',
  /** A full page with every item's deliveries, the largest page an API client can ask for. */
  fullPageWithDeliveries:
    '{ notifications(first: 100) { edges { cursor node { id title message read createdAt deliveries { id channel status reason attempts lastError } } } pageInfo { hasNextPage endCursor } } }',
} as const;

/** The same attack with the page size in a variable, which the cost rule alone cannot see. */
export const COST_ATTACK_BY_VARIABLE = `query($n: Int!) { ${Array.from({ length: 30 }, (_, i) => `a${i}: notifications(first: $n) { nodes { deliveries { id } } }`).join(' ')} }`;
