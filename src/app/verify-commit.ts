/**
 * One verification of one commit for the App: config, plans, the check run, the sticky comment.
 * The engine is the CLI's, unchanged; only the reader (GitHub) and the outputs differ.
 */
import { ConfigError, policyOf, validateConfig, DEFAULT_CONFIG_PATH, type Config } from '../config.js';
import { PlanError } from '../plan/types.js';
import { GitHubRepoReader } from '../repo/github.js';
import { checkRunOutput } from '../report/check-run.js';
import { stickyComment } from '../report/comment.js';
import { verifyPlans } from '../verify/verify.js';
import { completeCheckRun, concludeNeutral, createCheckRun, existingCheckRun } from './check-runs.js';
import type { Logger, Octokit, Target } from './github-types.js';
import { findPlans } from './plans.js';
import { removeSticky, upsertSticky } from './sticky.js';

export interface AppDeps {
  octokit: Octokit;
  /** `.github/claimcheck.yml` as Probot reads it (default branch, `_extends` from the org). */
  loadConfig: () => Promise<unknown>;
  /** The app's own login (`<slug>[bot]`), to know its comments from others'. */
  botLogin: () => Promise<string>;
  log: Logger;
}

export type VerifyOutcome = 'no-plan' | 'success' | 'failure' | 'neutral';

/**
 * `publish: 'always'` (pushes, re-runs) gives the commit a new check run; `'once'` (pull requests,
 * whose head commit the push already checked) leaves an existing run alone and only comments.
 */
export async function verifyCommit(deps: AppDeps, target: Target, publish: 'always' | 'once' = 'always'): Promise<VerifyOutcome> {
  const { octokit, log } = deps;
  const repository = `${target.owner}/${target.repo}`;
  let config: Config;
  try {
    config = validateConfig(await deps.loadConfig(), DEFAULT_CONFIG_PATH);
  } catch (error) {
    // Probot throws plain errors for YAML it cannot parse and for GitHub faults: neutral too, never silence
    const reason = error instanceof ConfigError ? `The configuration is invalid: ${error.message}` : `The configuration could not be read: ${describe(error)}`;
    await concludeNeutral(octokit, target, reason);
    return 'neutral';
  }
  const reader = new GitHubRepoReader(octokit, { owner: target.owner, repo: target.repo });
  let checkRun: number | undefined;
  try {
    const plans = await findPlans(reader, target.sha, config);
    if (plans.length === 0) {
      if (target.pullNumber !== undefined) await removeSticky(octokit, target, await deps.botLogin());
      return 'no-plan';
    }
    const published = publish === 'once' ? await existingCheckRun(octokit, target) : null;
    if (published === null) checkRun = await createCheckRun(octokit, target);
    const report = await verifyPlans(plans, reader, { ref: target.sha, root: config.root, reports: null, policy: policyOf(config) });
    const result = checkRunOutput(report, { repository, sha: target.sha, failOn: config.fail_on });
    if (checkRun !== undefined) await completeCheckRun(octokit, target, checkRun, result);
    // The run has its conclusion: a comment that cannot be written must not turn it neutral
    if (target.pullNumber !== undefined) {
      const body = stickyComment(report, { repository, sha: target.sha });
      await deps
        .botLogin()
        .then((login) => upsertSticky(octokit, target, login, body))
        .catch((error: unknown) => log.warn({ repository, sha: target.sha, err: describe(error) }, 'could not write the sticky comment'));
    }
    log.info({ repository, sha: target.sha, conclusion: result.conclusion, claims: report.summary.claims }, 'verified');
    return result.conclusion;
  } catch (error) {
    const reason = error instanceof PlanError ? `A plan could not be read: ${error.message}` : `claimcheck could not finish: ${describe(error)}`;
    log.warn({ repository, sha: target.sha, err: describe(error) }, 'concluding neutral');
    await concludeNeutral(octokit, target, reason, checkRun).catch((e: unknown) => log.error({ err: describe(e) }, 'could not even conclude the check run'));
    return 'neutral';
  }
}

function describe(error: unknown): string {
  const status = (error as { status?: number }).status;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return status ? `GitHub answered ${status}: ${message}` : message ?? 'unknown error';
}
