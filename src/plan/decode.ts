/**
 * A plan file's bytes → its text. Plans are UTF-8; a byte order mark is dropped. Anything else (a
 * binary file, UTF-16, bytes that are not UTF-8) is refused with one line: read with replacement
 * characters, a path such as `café.py` would quietly stop matching and its claims fail for the
 * wrong reason. Pure.
 */
import { checkPlanText, PLAN_LIMITS, tooLarge, type PlanLimits } from './limits.js';
import { PlanError } from './types.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodePlan(path: string, bytes: Uint8Array, limits: PlanLimits = PLAN_LIMITS): string {
  if (bytes.length > limits.maxBytes) throw tooLarge(path, bytes.length, limits);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new PlanError(path, 'the plan is UTF-16 text; save it as UTF-8');
  }
  if (bytes.subarray(0, 8000).includes(0)) throw new PlanError(path, 'the plan is a binary file (it holds NUL bytes), not text');
  let text: string;
  try {
    text = UTF8.decode(bytes); // drops a UTF-8 byte order mark
  } catch {
    const at = firstInvalidByte(bytes);
    const line = bytes.subarray(0, at).reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
    throw new PlanError(path, `the plan is not valid UTF-8 (line ${line}, byte ${at}); save it as UTF-8`);
  }
  checkPlanText(path, text, limits);
  return text;
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    if (length > 1) {
      const second = bytes[i + 1]!;
      // the second byte's range rules out overlong forms, surrogates and code points past U+10FFFF
      const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
      const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
      if (second < low || second > high) return i;
      for (let k = 2; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return -1;
}
