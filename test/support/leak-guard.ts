import { setTimeout as delay } from 'node:timers/promises';

/**
 * Resource types a test file must not leave behind: a listening server, an open socket
 * (a client, a database connection, a queue worker's pool), a pending timer (a worker's
 * poll loop, a forgotten timeout) or a child process. Types Node reports from
 * `process.getActiveResourcesInfo()`; unref'd timers are not reported there, so they pass.
 */
export const GUARDED_RESOURCES = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout', 'ProcessWrap'] as const;

/**
 * How long closed resources get to finish closing (a socket's close lands a few ticks after
 * `end()`). Generous: a pool's connect timeout or a driver's retry timer may take seconds to
 * clear on a loaded machine, while a real leak never clears; a clean file pays nothing for it.
 */
const GRACE_MS = 10_000;

export type ResourceCounts = Map<string, number>;

/** Counts of the guarded resource types alive now. */
export function activeResources(): ResourceCounts {
  const counts: ResourceCounts = new Map(GUARDED_RESOURCES.map((type) => [type, 0]));
  for (const type of process.getActiveResourcesInfo()) {
    if (counts.has(type)) counts.set(type, counts.get(type)! + 1);
  }
  return counts;
}

/** Per type, the smaller of two samples. */
export function fewest(a: ResourceCounts, b: ResourceCounts): ResourceCounts {
  return new Map([...a].map(([type, count]) => [type, Math.min(count, b.get(type) ?? 0)]));
}

/** What is alive now beyond `baseline`, per type (empty when nothing leaked). */
export function resourcesBeyond(baseline: ResourceCounts): Map<string, number> {
  const excess = new Map<string, number>();
  for (const [type, count] of activeResources()) {
    const extra = count - (baseline.get(type) ?? 0);
    if (extra > 0) excess.set(type, extra);
  }
  return excess;
}

/** Peer and local addresses of the open sockets and servers, to tell which one leaked. */
function describeHandles(): string[] {
  // Undocumented but stable since Node 0.x; only used to make the message useful.
  // eslint-disable-next-line no-restricted-syntax -- not in @types/node, see above
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  const described: string[] = [];
  for (const handle of handles) {
    const socket = handle as {
      remoteAddress?: string;
      remotePort?: number;
      localPort?: number;
      address?: () => unknown;
      listening?: boolean;
      pid?: number;
      spawnfile?: string;
    };
    if (socket.constructor?.name === 'Socket' && socket.remotePort) {
      described.push(`socket ${socket.localPort} → ${socket.remoteAddress}:${socket.remotePort}`);
    } else if (socket.constructor?.name === 'Server' && socket.listening) {
      described.push(`server listening on ${JSON.stringify(socket.address?.())}`);
    } else if (socket.constructor?.name === 'ChildProcess') {
      described.push(`child process ${socket.pid} (${socket.spawnfile})`);
    }
  }
  return described;
}

/**
 * Resolves once nothing beyond `baseline` is alive; after the grace period throws an error
 * that lists what leaked.
 */
export async function expectNoLeaks(baseline: ResourceCounts, where: string): Promise<void> {
  const deadline = Date.now() + GRACE_MS;
  let excess = resourcesBeyond(baseline);
  while (excess.size && Date.now() < deadline) {
    await delay(20);
    excess = resourcesBeyond(baseline);
  }
  if (!excess.size) return;
  const counts = [...excess].map(([type, count]) => `${count} × ${type}`).join(', ');
  const handles = describeHandles();
  throw new Error(
    `${where} left resources open ${GRACE_MS} ms after its last hook: ${counts}. ` +
      'Close every server, client, socket, worker and timer a test or its hooks start (in afterEach/afterAll).' +
      (handles.length ? `\nOpen handles now (including ones from before the file): ${handles.join('; ')}` : ''),
  );
}
