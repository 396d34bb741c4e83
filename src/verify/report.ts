/** The verification result: plain data every renderer reads. */
import type { Claim, Item, Verdict } from '../plan/types.js';

/** Where the evidence was found: the repository path (after bare names are resolved) and commit. */
export interface EvidenceLocation {
  path: string;
  commit: string;
  start?: number;
  end?: number;
}

export interface Outcome {
  verdict: Verdict;
  /** Stable machine code (`range-out-of-bounds`, `commit-not-found`...). */
  code: string;
  /** One line a person understands. */
  reason: string;
  /** The file the claim was checked in, for links to the cited lines. */
  evidence?: EvidenceLocation;
  /** Where a drifted range stands now (`range-drifted`): what `--fix` and `/claimcheck fix` write. */
  suggestion?: RangeSuggestion;
}

export interface RangeSuggestion {
  start: number;
  end: number;
  /** Set when the block moved to another file. */
  path?: string;
}

export interface ClaimResult extends Outcome {
  claim: Claim;
}

export interface ItemResult {
  item: Item;
  verdict: Verdict;
  claims: ClaimResult[];
  /** Something worth saying that is not a failure (all evidence holds but the item is not done). */
  notice?: string;
}

export interface PlanResult {
  path: string;
  items: ItemResult[];
}

export interface Summary {
  items: number;
  claims: number;
  verified: number;
  unverified: number;
  unknown: number;
}

export interface Report {
  /** The verified commit (40-hex sha). */
  ref: string;
  plans: PlanResult[];
  summary: Summary;
}

export function summarise(plans: PlanResult[]): Summary {
  const summary: Summary = { items: 0, claims: 0, verified: 0, unverified: 0, unknown: 0 };
  for (const plan of plans) {
    for (const item of plan.items) {
      summary.items++;
      for (const claim of item.claims) {
        summary.claims++;
        summary[claim.verdict]++;
      }
    }
  }
  return summary;
}

export const verified = (code: string, reason: string): Outcome => ({ verdict: 'verified', code, reason });
export const unverified = (code: string, reason: string): Outcome => ({ verdict: 'unverified', code, reason });
export const unknown = (code: string, reason: string): Outcome => ({ verdict: 'unknown', code, reason });
