/**
 * What each slash command does once it is allowed, on the pull request's head commit: `verify`
 * publishes a new check run and the sticky comment, `explain` replies (`fix`: command-fix.ts).
 */
import { policyOf, type Config } from '../config.js';
import type { Plan } from '../plan/types.js';
import { GitHubRepoReader } from '../repo/github.js';
import { explainItem, sameItemId } from '../report/explain.js';
import type { Report } from '../verify/report.js';
import { verifyPlans } from '../verify/verify.js';
import type { Target } from './github-types.js';
import { findPlans } from './plans.js';
import { missingIds, noPlanReply, notFoundReply, verifiedItemsReply } from './replies.js';
import { removeSticky } from './sticky.js';
import { ConcludedNeutral, publishVerification, testReportOptions, type AppDeps } from './verify-commit.js';

export interface CommandDeps extends AppDeps {
  /** The engine (tests may give a stand-in that builds the report by hand). */
  verify?: typeof verifyPlans;
}

/** 🚀 when `ok`, else 😕; a reply comment when `body` is set. */
export interface Answer {
  ok: boolean;
  body?: string;
}

export type Run = (deps: CommandDeps, config: Config, target: Target & { pullNumber: number }) => Promise<Answer>;

/** The engine's report on `plans` at the head commit. */
export async function verified(deps: CommandDeps, config: Config, target: Target, plans: Plan[], reader: GitHubRepoReader): Promise<Report> {
  // explain and fix see the test outcomes the check run sees: the commit's CI reports
  const tests = await testReportOptions(deps, config, target, plans);
  return (deps.verify ?? verifyPlans)(plans, reader, { ref: target.sha, root: config.root, policy: policyOf(config), ...tests });
}

export const repositoryOf = (target: Target): string => `${target.owner}/${target.repo}`;

/** `/claimcheck verify [ID...]`: as a push would (a new check run, the sticky comment), and the verdicts of the ids asked for. */
export function verifyRun(ids: string[]): Run {
  return async (deps, config, target) => {
    const reader = new GitHubRepoReader(deps.octokit, target);
    const plans = await findPlans(reader, target.sha, config);
    if (plans.length === 0) {
      await removeSticky(deps.octokit, target, await deps.botLogin());
      return { ok: true, body: noPlanReply(target.sha) };
    }
    const missing = missingIds(plans, ids);
    if (missing.length > 0) return { ok: false, body: notFoundReply(missing, plans, target.sha) };
    try {
      const { report } = await publishVerification(deps, config, target, plans, reader, 'always', deps.verify);
      return ids.length > 0 ? { ok: true, body: verifiedItemsReply(report, ids) } : { ok: true };
    } catch (error) {
      throw error instanceof ConcludedNeutral ? error.original : error;
    }
  };
}

/** `/claimcheck explain ID`: the plans holding the item verified, and every claim of it explained. */
export function explainRun(id: string): Run {
  return async (deps, config, target) => {
    const reader = new GitHubRepoReader(deps.octokit, target);
    const plans = await findPlans(reader, target.sha, config);
    const holding = plans.filter((plan) => plan.items.some((item) => sameItemId(item.id, id)));
    if (holding.length === 0) return { ok: false, body: notFoundReply([id], plans, target.sha) };
    const report = await verified(deps, config, target, holding, reader);
    return { ok: true, body: explainItem(report, id, { repository: repositoryOf(target), sha: target.sha })! };
  };
}
