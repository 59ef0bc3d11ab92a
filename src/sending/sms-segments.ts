// How a carrier splits an SMS (3GPP TS 23.038): GSM-7 text takes 160 characters in one message
// and 153 per part when split (the rest carries the concatenation header); characters of the
// extension table (^ { } \ [ ] ~ | €) take two. Anything outside GSM-7 sends the whole message
// as UCS-2: 70 in one, 67 per part, and characters beyond the BMP (most emoji) take two.

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '^{}\\[~]|€\f';
const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

export interface SmsSize {
  /** GSM_7 or UCS_2: the encoding the text needs. */
  readonly encoding: 'GSM_7' | 'UCS_2';
  /** Length in the encoding's units (an extension character or an astral character counts two). */
  readonly units: number;
  /** Messages the carrier bills for. */
  readonly segments: number;
}

export function smsSize(text: string): SmsSize {
  let gsmUnits = 0;
  let gsm = true;
  for (const char of text) {
    if (BASIC.has(char)) gsmUnits += 1;
    else if (EXTENSION.has(char)) gsmUnits += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: 'GSM_7', units: gsmUnits, segments: segmentsOf(gsmUnits, 160, 153) };
  const units = text.length; // UTF-16 code units: what UCS-2 (UTF-16 on the wire) sends
  return { encoding: 'UCS_2', units, segments: segmentsOf(units, 70, 67) };
}

function segmentsOf(units: number, single: number, part: number): number {
  if (units === 0) return 0;
  return units <= single ? 1 : Math.ceil(units / part);
}
