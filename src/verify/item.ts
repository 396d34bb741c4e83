/** An item's verdict from its claims, and the claim its status makes when nothing backs it. */
import type { Item, Verdict } from '../plan/types.js';
import { unverified, type ClaimResult } from './report.js';

/** Claims that are evidence of work: everything but placeholders, statuses and estimates. */
function isEvidence(result: ClaimResult): boolean {
  const { claim } = result;
  if (claim.kind === 'unfilled' || claim.kind === 'status' || claim.kind === 'test-result') return false;
  return !(claim.kind === 'loc' && claim.estimate);
}

/** A done item with no evidence at all gets an `unverified` status claim (`no-evidence`). */
export function statusClaims(item: Item, results: ClaimResult[]): ClaimResult[] {
  if (item.status !== 'done' || results.some(isEvidence)) return [];
  const at = item.statusField ?? { text: 'done', line: item.line, column: item.column };
  return [
    {
      claim: { kind: 'status', status: 'done', text: at.text, line: at.line, column: at.column },
      ...unverified('no-evidence', `${item.id} is marked done but cites no evidence`),
    },
  ];
}

/** `unverified` if any claim is, else `unknown` if any is or there is none, else `verified`. */
export function itemVerdict(results: ClaimResult[]): Verdict {
  if (results.some((r) => r.verdict === 'unverified')) return 'unverified';
  if (results.length === 0 || results.some((r) => r.verdict === 'unknown')) return 'unknown';
  return 'verified';
}
