import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { OutageAwareLog } from './outage-aware-log.js';

describe('OutageAwareLog', () => {
  it('warns once per minute of outage with how many it left out, and logs other errors each time', () => {
    const lines: { level: number; msg: string; suppressed?: number }[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk))), done()) });
    let now = 1_000_000;
    const log = new OutageAwareLog(createLogger('info', sink), 'database unreachable', () => now);
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    for (let second = 0; second < 90; second++, now += 1_000) log.report(refused, 'queue error');
    log.report(new Error('a bug'), 'queue error');
    expect(lines.map(({ level, msg, suppressed }) => ({ level, msg, suppressed }))).toEqual([
      { level: 40, msg: 'database unreachable', suppressed: undefined },
      { level: 40, msg: 'database unreachable', suppressed: 59 },
      { level: 50, msg: 'queue error', suppressed: undefined },
    ]);
  });
});
