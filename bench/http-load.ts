// A closed-loop HTTP load generator: `concurrency` requests in flight over keep-alive sockets,
// `warmup` requests first (not measured), then `total` measured ones. The same generator
// drives Belfry and its floor, so the two figures differ only by the server.
import { Agent, request } from 'node:http';
import { at } from '../src/shared/at.js';
import { postgresCpuSeconds, type Child } from './children.js';

export interface HttpCall {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface LoadResult {
  readonly requests: number;
  readonly concurrency: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** CPU milliseconds per request of the server process, and of all PostgreSQL processes. */
  readonly nodeCpuMsPerOp: number;
  readonly postgresCpuMsPerOp: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return Number(at(sorted, Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length)), 'sample').toFixed(2));
}

/** One request; resolves with its body, rejects on a non-2xx status or a GraphQL `errors` array. */
function call(agent: Agent, baseUrl: string, spec: HttpCall): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}${spec.path}`,
      {
        method: spec.method,
        agent,
        headers: {
          ...(spec.body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(spec.body) } : {}),
          ...spec.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          if ((res.statusCode ?? 500) >= 300 || text.startsWith('{"errors"'))
            reject(new Error(`${res.statusCode}: ${text}`));
          else resolve(text);
        });
      },
    );
    req.on('error', reject);
    req.end(spec.body);
  });
}

/** Runs the load against `server` and measures throughput, latency and CPU per request. */
export async function runLoad(
  server: Child,
  makeCall: (i: number) => HttpCall,
  options: { total?: number; concurrency?: number; warmup?: number } = {},
): Promise<LoadResult> {
  const { total = 5_000, concurrency = 32, warmup = 500 } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const drive = async (count: number, offset: number, latencies: number[] | null) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const i = next++;
          const started = performance.now();
          await call(agent, server.url, makeCall(offset + i));
          latencies?.push(performance.now() - started);
        }
      }),
    );
  };
  try {
    await drive(warmup, 0, null);
    const latencies: number[] = [];
    const nodeBefore = server.cpuSeconds();
    const postgresBefore = postgresCpuSeconds();
    const started = performance.now();
    await drive(total, warmup, latencies);
    const seconds = (performance.now() - started) / 1000;
    const nodeCpu = server.cpuSeconds() - nodeBefore;
    const postgresCpu = postgresCpuSeconds() - postgresBefore;
    latencies.sort((a, b) => a - b);
    return {
      requests: total,
      concurrency,
      perSecond: Math.round(total / seconds),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      nodeCpuMsPerOp: Number(((nodeCpu * 1000) / total).toFixed(3)),
      postgresCpuMsPerOp: Number(((postgresCpu * 1000) / total).toFixed(3)),
    };
  } finally {
    agent.destroy();
  }
}
