/**
 * The engine: needs → one batched read → pure checks → report. Faces (CLI, App) call
 * `verifyPlans`; everything after the read is `checkPlans`, pure over the snapshot.
 */
import type { Claim, Plan } from '../plan/types.js';
import type { RepoReader, Snapshot } from '../repo/types.js';
import { checkCommit } from './checks/commit.js';
import type { CheckContext } from './checks/context.js';
import { checkFile } from './checks/file.js';
import { checkPending } from './checks/pending.js';
import { checkRange } from './checks/range.js';
import { checkUnfilled } from './checks/unfilled.js';
import { itemVerdict, statusClaims } from './item.js';
import { collectNeeds } from './needs.js';
import { summarise, type ClaimResult, type Outcome, type PlanResult, type Report } from './report.js';

export interface VerifyOptions {
  /** The revision to verify at (default HEAD). */
  ref: string;
  /** Sub-project folder a leading `/` names, '' for the repository root. */
  root?: string;
}

export async function verifyPlans(plans: Plan[], reader: RepoReader, options: VerifyOptions): Promise<Report> {
  const ref = await reader.resolveRef(options.ref);
  const snapshot = await reader.read(collectNeeds(plans, ref, options.root ?? ''));
  return checkPlans(plans, snapshot, options.root ?? '');
}

export function checkPlans(plans: Plan[], snapshot: Snapshot, root = ''): Report {
  const results: PlanResult[] = plans.map((plan) => ({
    path: plan.path,
    items: plan.items.map((item) => {
      const context: CheckContext = { snapshot, planPath: plan.path, root, item };
      const claims: ClaimResult[] = item.claims.map((claim) => ({ claim, ...checkClaim(claim, context) }));
      claims.push(...statusClaims(item, claims));
      return { item, verdict: itemVerdict(claims), claims };
    }),
  }));
  return { ref: snapshot.ref, plans: results, summary: summarise(results) };
}

export function checkClaim(claim: Claim, context: CheckContext): Outcome {
  switch (claim.kind) {
    case 'file':
      return checkFile(claim, context);
    case 'range':
      return checkRange(claim, context);
    case 'commit':
      return checkCommit(claim, context);
    case 'unfilled':
      return checkUnfilled(claim);
    case 'loc':
    case 'test':
    case 'test-result':
      return checkPending(claim);
    case 'status':
      return { verdict: 'unknown', code: 'not-checked-yet', reason: 'status claims are made by the verifier' };
  }
}
