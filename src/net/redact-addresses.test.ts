import { describe, expect, it } from 'vitest';
import { redactAddresses } from './redact-addresses.js';

describe('redactAddresses', () => {
  it.each([
    ['connect ECONNREFUSED 127.0.0.1:4207', 'connect ECONNREFUSED [address]'],
    ['connect ETIMEDOUT 169.254.169.254:443', 'connect ETIMEDOUT [address]'],
    ['connect ECONNREFUSED ::1:443', 'connect ECONNREFUSED [address]'],
    ['connect ECONNREFUSED [fd00::1]:443', 'connect ECONNREFUSED [address]'],
    [
      "Hostname/IP does not match certificate's altnames: IP: 10.0.0.1 is not in the cert's list",
      "Hostname/IP does not match certificate's altnames: IP: [address] is not in the cert's list",
    ],
    ['fe80:0:0:0:0:0:0:1%eth0 unreachable', '[address] unreachable'],
    ['retry at 12:30:45', 'retry at 12:30:45'],
    ['HTTP 500: upstream failed', 'HTTP 500: upstream failed'],
  ])('%s', (input, output) => {
    expect(redactAddresses(input)).toBe(output);
  });
});
