/**
 * The engine: needs → history (one round) → contents and the ranges' origins (one round, then
 * their file histories) → pure checks → report. Faces
 * (CLI, App) call `verifyPlans`; everything after the reads is `checkPlans`, pure over the snapshot.
 */
import type { Claim, Plan } from '../plan/types.js';
import type { RepoReader, Snapshot } from '../repo/types.js';
import { checkCommit } from './checks/commit.js';
import { DEFAULT_SETTINGS, type CheckContext, type CheckSettings } from './checks/context.js';
import { checkFile } from './checks/file.js';
import { checkLoc } from './checks/loc.js';
import { checkRange } from './checks/range.js';
import { checkTest } from './checks/test.js';
import { checkTestResult } from './checks/test-result.js';
import { checkUnfilled } from './checks/unfilled.js';
import { contextsOf } from './contexts.js';
import { forNotStarted, itemVerdict, statusClaims, statusNotice } from './item.js';
import { readDriftFacts } from './drift-facts.js';
import { collectContents, collectNeeds } from './needs.js';
import { summarise, unknown, type ClaimResult, type Outcome, type PlanResult, type Report } from './report.js';

export interface VerifyOptions extends Partial<CheckSettings> {
  /** The revision to verify at (default HEAD). */
  ref: string;
}

export async function verifyPlans(plans: Plan[], reader: RepoReader, options: VerifyOptions): Promise<Report> {
  const { snapshot, settings } = await readSnapshot(plans, reader, options);
  return checkPlans(plans, snapshot, settings);
}

/** Every fact the plans need, read in the engine's rounds; the checks are then pure over it. */
export async function readSnapshot(plans: Plan[], reader: RepoReader, options: VerifyOptions): Promise<{ snapshot: Snapshot; settings: CheckSettings }> {
  const settings = settingsOf(options);
  const ref = await reader.resolveRef(options.ref);
  const history = await reader.readHistory(collectNeeds(plans, ref));
  const [blobs, drift] = await Promise.all([
    reader.readContents(collectContents(plans, history, settings), history.trees),
    readDriftFacts(plans, history, reader, settings),
  ]);
  return { snapshot: { ...history, blobs, ...(drift ? { drift } : {}) }, settings };
}

export function settingsOf(options: Partial<VerifyOptions>): CheckSettings {
  const { ref: _ref, ...given } = options;
  return { ...DEFAULT_SETTINGS, ...withoutUndefined(given) };
}

export function checkPlans(plans: Plan[], snapshot: Snapshot, settings: CheckSettings = DEFAULT_SETTINGS): Report {
  const results: PlanResult[] = plans.map((plan) => ({
    path: plan.path,
    items: contextsOf(plan, snapshot, settings).map((context) => {
      const { item } = context;
      const claims: ClaimResult[] = forNotStarted(item, item.claims.map((claim) => ({ claim, ...checkClaim(claim, context) })));
      claims.push(...statusClaims(item, claims));
      const notice = statusNotice(item, claims);
      return { item, verdict: itemVerdict(claims), claims, ...(notice ? { notice } : {}) };
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
    case 'loc':
      return checkLoc(claim, context);
    case 'test':
      return checkTest(claim, context);
    case 'test-result':
      return checkTestResult(claim, context);
    case 'unfilled':
      return checkUnfilled(claim);
    case 'status':
      return unknown('status-not-checked', 'status claims are made by the verifier, not read from plans');
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
