/** Status words as plans write them, normalised. Pure. */
import { repairMojibake } from './mojibake.js';
import type { ItemStatus } from './types.js';

const STATUS_WORDS: Array<[ItemStatus, RegExp]> = [
  ['in-progress', /^(?:in[ -]?progress|wip|started|ongoing|doing|in review|🔄|⏳|🚧|\[[-/~]\])$/u],
  ['todo', /^(?:to[ -]?do|not started|pending|planned|open|backlog|⬜|📋|\[ \])$/u],
  ['failing', /^(?:failing|failed|fail|failure|broken|❌|✗)$/u],
  ['blocked', /^(?:blocked|on hold|🚫|⛔|🛑)$/u],
  ['skipped', /^(?:skipped|skip|deferred|won'?t do|cancell?ed|⏭️?)$/u],
  ['partial', /^(?:partial|partially (?:done|complete|completed|implemented)|⚠️?|🟡)$/u],
  [
    'done',
    /^(?:done|completed?|finished|✅|✔️?|☑️?|🟢|\[x\]|pass|passed|passing|verified|fixed|resolved|merged|implemented|shipped|closed)$/u,
  ],
];

/** Test outcomes that make a Status a claim about test results, not only about the item. */
const TEST_OUTCOME = /^(?:pass|passed|passing|fail|failed|failing)$/u;

function normalise(text: string): string {
  return repairMojibake(text)
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * The status a text states, or null when it states none or still holds the template's choices
 * (`Done/In Progress`, `P0/P1/P2`-style alternatives mean the writer never picked one).
 */
export function parseStatus(text: string): ItemStatus | null {
  const t = normalise(text);
  if (t.length === 0 || isTemplateChoice(t)) return null;
  const box = /^(\[[ x]\])\s+(.+)$/.exec(t);
  if (box) return parseStatus(box[2]!) ?? matchStatus(box[1]!);
  const whole = matchStatus(t);
  if (whole) return whole;
  // "✅ Done (2025-10-14)", "Done - merged": the first word or emoji decides. The second words
  // must end there, or "✅ done" would be read as "✅ do" and match nothing.
  const head = /^(\S+(?:(?: progress| started| do| hold)(?=$|[\s:,;.)\]]))?)/u.exec(t.replace(/^[([]?\s*/, ''));
  if (head?.[1]) return matchStatus(head[1]) ?? matchStatus(trimTrailing(head[1], ':,;.)]'));
  return null;
}

function matchStatus(word: string): ItemStatus | null {
  for (const [status, pattern] of STATUS_WORDS) if (pattern.test(word)) return status;
  return null;
}

/** `Done/In Progress`, `Draft / In Progress / Completed`: alternatives left for the writer. */
export function isTemplateChoice(text: string): boolean {
  const parts = normalise(text).split(/\s*\/\s*/);
  return parts.length > 1 && parts.filter((p) => matchStatus(p) !== null || p === 'draft').length >= 2;
}

/** True when a status value speaks of test results (PASSING, FAILED...). */
export function isTestOutcome(text: string): boolean {
  const word = normalise(text).split(/[\s(]/)[0] ?? '';
  return TEST_OUTCOME.test(trimTrailing(word, ':,;.'));
}

/** `text` without trailing `chars`, in linear time (`/[:.]+$/` backtracks over `::::x`, quadratically). */
function trimTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}
