/** An item's verdict from its claims, and the claims its status makes. */
import type { Item, Verdict } from '../plan/types.js';
import { unknown, unverified, type ClaimResult } from './report.js';

/** Statuses that say the work has not started: what such an item cites is a target, not evidence. */
const NOT_STARTED = new Set(['todo', 'blocked', 'skipped']);

/**
 * An item not started yet may name files that do not exist yet (spec-kit task lists, Target File):
 * its failed claims are `unknown` (`not-started`), never a failure, and never `verified`.
 */
export function forNotStarted(item: Item, results: ClaimResult[]): ClaimResult[] {
  if (!item.status || !NOT_STARTED.has(item.status)) return results;
  return results.map((r) => (r.verdict === 'unverified' ? { claim: r.claim, ...unknown('not-started', `${item.id} is marked ${item.status}: ${r.reason} (${r.code})`) } : r));
}

/** Claims that are evidence of work: everything but placeholders, statuses, outcomes and estimates. */
function isEvidence(result: ClaimResult): boolean {
  const { claim } = result;
  if (claim.kind === 'unfilled' || claim.kind === 'status' || claim.kind === 'test-result') return false;
  return !(claim.kind === 'loc' && claim.estimate);
}

/**
 * A done item must be borne out: with no evidence at all it gets an `unverified` status claim
 * (`no-evidence`); with evidence that does not hold, one with `done-but-unverified`.
 */
export function statusClaims(item: Item, results: ClaimResult[]): ClaimResult[] {
  if (item.status !== 'done') return [];
  const at = item.statusField ?? { text: 'done', line: item.line, column: item.column };
  const claim = { kind: 'status' as const, status: 'done' as const, text: at.text, line: at.line, column: at.column };
  if (!results.some(isEvidence)) return [{ claim, ...unverified('no-evidence', `${item.id} is marked done but cites no evidence`) }];
  const failing = results.filter((r) => r.verdict === 'unverified').length;
  if (failing === 0) return [];
  return [{ claim, ...unverified('done-but-unverified', `${item.id} is marked done but ${failing} of its claims ${failing === 1 ? 'is' : 'are'} unverified`) }];
}

/**
 * A notice, not a failure: an item whose evidence all holds but which is not marked done. Not for
 * a FAILING item: its evidence holding means its test does fail, which is no reason to mark it done.
 */
export function statusNotice(item: Item, results: ClaimResult[]): string | undefined {
  if (item.status === 'done' || item.status === 'failing' || !results.some(isEvidence) || results.some((r) => r.verdict !== 'verified')) return undefined;
  return `all of ${item.id}'s evidence verifies, but it is marked ${item.status ?? 'with no status'}: mark it done?`;
}

/** `unverified` if any claim is, else `unknown` if any is or there is none, else `verified`. */
export function itemVerdict(results: ClaimResult[]): Verdict {
  if (results.some((r) => r.verdict === 'unverified')) return 'unverified';
  if (results.length === 0 || results.some((r) => r.verdict === 'unknown')) return 'unknown';
  return 'verified';
}
