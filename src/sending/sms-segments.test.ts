import { describe, expect, it } from 'vitest';
import { smsSize } from './sms-segments.js';

describe('SMS segments', () => {
  it('counts GSM-7 text: 160 in one message, 153 per part; extension characters count two', () => {
    expect(smsSize('')).toEqual({ encoding: 'GSM_7', units: 0, segments: 0 });
    expect(smsSize('x'.repeat(160))).toEqual({ encoding: 'GSM_7', units: 160, segments: 1 });
    expect(smsSize('x'.repeat(161))).toEqual({ encoding: 'GSM_7', units: 161, segments: 2 });
    expect(smsSize('x'.repeat(306))).toEqual({ encoding: 'GSM_7', units: 306, segments: 2 });
    expect(smsSize('x'.repeat(307)).segments).toBe(3);
    expect(smsSize('Total: 5€ {ok}')).toEqual({ encoding: 'GSM_7', units: 17, segments: 1 });
  });

  it('sends anything else as UCS-2: 70 in one, 67 per part', () => {
    expect(smsSize('Grüße aus Köln')).toEqual({ encoding: 'GSM_7', units: 14, segments: 1 });
    expect(smsSize('Привет')).toEqual({ encoding: 'UCS_2', units: 6, segments: 1 });
    expect(smsSize('ç'.repeat(70))).toEqual({ encoding: 'UCS_2', units: 70, segments: 1 });
    expect(smsSize('ž'.repeat(71))).toEqual({ encoding: 'UCS_2', units: 71, segments: 2 });
    expect(smsSize('🔔 ready')).toEqual({ encoding: 'UCS_2', units: 8, segments: 1 });
  });
});
