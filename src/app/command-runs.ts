/**
 * What each slash command does once it is allowed, on the pull request's head commit: `verify`
 * publishes a new check run and the sticky comment, `explain` replies (`fix`: command-fix.ts).
 */
import { policyOf, type Config } from '../config.js';
import type { Plan } from '../plan/types.js';
import { GitHubRepoReader } from '../repo/github.js';
import { checkRunOutput } from '../report/check-run.js';
import { stickyComment } from '../report/comment.js';
import { explainItem, sameItemId } from '../report/explain.js';
import type { Report } from '../verify/report.js';
import { verifyPlans } from '../verify/verify.js';
import { completeCheckRun, concludeNeutral, createCheckRun } from './check-runs.js';
import type { Target } from './github-types.js';
import { findPlans } from './plans.js';
import { describe, missingIds, noPlanReply, notFoundReply, reasonOf, verifiedItemsReply } from './replies.js';
import { removeSticky, upsertSticky } from './sticky.js';
import type { AppDeps } from './verify-commit.js';

export interface CommandDeps extends AppDeps {
  /** The engine (tests may give a stand-in that builds the report by hand). */
  verify?: typeof verifyPlans;
}

/** 🚀 when `ok`, else 😕; a reply comment when `body` is set. */
export interface Answer {
  ok: boolean;
  body?: string;
}

export type Run = (deps: CommandDeps, config: Config, target: Required<Target>) => Promise<Answer>;

/** The engine's report on `plans` at the head commit. */
export async function verified(deps: CommandDeps, config: Config, target: Target, plans: Plan[], reader: GitHubRepoReader): Promise<Report> {
  return (deps.verify ?? verifyPlans)(plans, reader, { ref: target.sha, root: config.root, reports: null, policy: policyOf(config) });
}

export const repositoryOf = (target: Target): string => `${target.owner}/${target.repo}`;

/** `/claimcheck verify [ID...]`: as verifyCommit publishing `always`, and the verdicts of the ids asked for. */
export function verifyRun(ids: string[]): Run {
  return async (deps, config, target) => {
    const { octokit, log } = deps;
    const repository = repositoryOf(target);
    const reader = new GitHubRepoReader(octokit, target);
    let checkRun: number | undefined;
    try {
      const plans = await findPlans(reader, target.sha, config);
      if (plans.length === 0) {
        await removeSticky(octokit, target, await deps.botLogin());
        return { ok: true, body: noPlanReply(target.sha) };
      }
      const missing = missingIds(plans, ids);
      if (missing.length > 0) return { ok: false, body: notFoundReply(missing, plans, target.sha) };
      checkRun = await createCheckRun(octokit, target);
      const report = await verified(deps, config, target, plans, reader);
      await completeCheckRun(octokit, target, checkRun, checkRunOutput(report, { repository, sha: target.sha, failOn: config.fail_on }));
      const body = stickyComment(report, { repository, sha: target.sha });
      await deps
        .botLogin()
        .then((login) => upsertSticky(octokit, target, login, body))
        .catch((error: unknown) => log.warn({ repository, sha: target.sha, err: describe(error) }, 'could not write the sticky comment'));
      return ids.length > 0 ? { ok: true, body: verifiedItemsReply(report, ids) } : { ok: true };
    } catch (error) {
      await concludeNeutral(octokit, target, reasonOf(error), checkRun).catch((e: unknown) => log.error({ err: describe(e) }, 'could not even conclude the check run'));
      throw error;
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
