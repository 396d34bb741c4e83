/**
 * Status emoji whose UTF-8 bytes were once read as Windows-1252 or Mac Roman and saved again
 * (`âœ…` or `‚úÖ` for ✅, as in the seed template). Only these marks are repaired, and only where
 * a plan's words are interpreted (statuses, labels, headings): positions always refer to the text
 * as written. Pure.
 */

const MARKS = ['✅', '✔️', '✔', '☑️', '☑', '✓', '✗', '🔄', '🚧', '⏳', '❌', '🚫', '⛔', '🛑', '⚠️', '⚠', '🟢', '🟡', '🔴', '⬜', '📋', '⏭️', '⏭'];

/** Windows-1252 bytes 0x80-0x9F (the rest is Latin-1); Node's decoder reads them as Latin-1. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function windows1252(bytes: Uint8Array): string {
  return [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b))).join('');
}

function misreadings(): Map<string, string> {
  const mac = new TextDecoder('macintosh');
  const table = new Map<string, string>();
  for (const mark of MARKS) {
    const bytes = new TextEncoder().encode(mark);
    const latin1 = String.fromCharCode(...bytes);
    // Mac Roman reads 0xF0 as the Apple logo (U+F8FF), which editors drop: `üü¢` for 🟢
    const roman = mac.decode(bytes);
    for (const misread of [windows1252(bytes), latin1, roman, roman.replace(/^\uF8FF/, '')]) table.set(misread, mark);
  }
  return table;
}

const TABLE = misreadings();
// Literal alternatives, longest first so that `✔️` is preferred to `✔`: no quantifier, no backtracking.
const PATTERN = new RegExp([...TABLE.keys()].sort((a, b) => b.length - a.length).map(escape).join('|'), 'gu');
/** Every misreading starts with one of these characters: text without them is returned at once. */
const LEADS = new Set([...TABLE.keys()].map((k) => k[0]!));

/** `text` with mis-encoded status emoji put back. */
export function repairMojibake(text: string): string {
  let suspicious = false;
  for (const c of LEADS) if (text.includes(c)) suspicious = true;
  return suspicious ? text.replace(PATTERN, (m) => TABLE.get(m) ?? m) : text;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
