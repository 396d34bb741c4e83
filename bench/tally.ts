/** Verdict codes counted per `verdict/code`, from a report or its JSON, and compared with a plan's expectations. */
import type { Report } from '../src/verify/report.js';

export type Tally = Record<string, number>;

interface ClaimLike {
  verdict: string;
  code: string;
}

function count(claims: Iterable<ClaimLike>): Tally {
  const tally: Tally = {};
  for (const { verdict, code } of claims) tally[`${verdict}/${code}`] = (tally[`${verdict}/${code}`] ?? 0) + 1;
  return tally;
}

export function tallyCodes(report: Report): Tally {
  return count(report.plans.flatMap((p) => p.items.flatMap((i) => i.claims)));
}

/** The same count from `claimcheck verify --format json` output. */
export function tallyJson(json: { plans: Array<{ items: Array<{ claims: ClaimLike[] }> }> }): Tally {
  return count(json.plans.flatMap((p) => p.items.flatMap((i) => i.claims)));
}

/** Each `verdict/code` whose count differs, as "code: expected N, got M"; empty when all match. */
export function tallyDifferences(expected: Tally, actual: Tally): string[] {
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return keys.filter((k) => (expected[k] ?? 0) !== (actual[k] ?? 0)).map((k) => `${k}: expected ${expected[k] ?? 0}, got ${actual[k] ?? 0}`);
}
