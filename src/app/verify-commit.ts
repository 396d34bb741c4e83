/**
 * One verification of one commit for the App: config, plans, the check run, the sticky comment.
 * The engine is the CLI's, unchanged; only the reader (GitHub) and the outputs differ.
 */
import { ConfigError, policyOf, validateConfig, DEFAULT_CONFIG_PATH, type Config } from '../config.js';
import type { Plan } from '../plan/types.js';
import type { RepoReader } from '../repo/types.js';
import type { Report } from '../verify/report.js';
import type { VerifyOptions } from '../verify/verify.js';
import { GitHubRepoReader } from '../repo/github.js';
import { checkRunOutput } from '../report/check-run.js';
import { stickyComment } from '../report/comment.js';
import { checkPlans, readSnapshot, settingsOf, verifyPlans } from '../verify/verify.js';
import { completeCheckRun, concludeNeutral, createCheckRun, existingCheckRun } from './check-runs.js';
import type { Logger, Octokit, Target } from './github-types.js';
import { recordClaims } from './metrics.js';
import { findPlans } from './plans.js';
import { FactsMemo, factsOf } from './reuse.js';
import { describe, reasonOf } from './replies.js';
import { removeSticky, upsertSticky } from './sticky.js';
import { readCiTestReports } from './test-reports.js';

export interface AppDeps {
  octokit: Octokit;
  /** `.github/claimcheck.yml` as Probot reads it (default branch, `_extends` from the org). */
  loadConfig: () => Promise<unknown>;
  /** The app's own login (`<slug>[bot]`), to know its comments from others'. */
  botLogin: () => Promise<string>;
  log: Logger;
  /** Facts of earlier pushes (default: the process's); see reuse.ts. */
  memo?: FactsMemo;
}

/** The process's memo of verified facts, shared by every delivery. */
export const sharedFactsMemo = new FactsMemo();

/** `no-test-results`: asked to verify only plans that claim test outcomes (CI completed), and none does. */
export type VerifyOutcome = 'no-plan' | 'no-test-results' | 'success' | 'failure' | 'neutral';

/** An error after which the check run was already concluded `neutral`: not to be concluded twice. */
export class ConcludedNeutral extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
  }
}

/**
 * Verifies the plans and publishes the result: a check run (`publish: 'always'` for pushes and
 * re-runs; `'once'` for pull requests, whose head commit the push already checked, leaves an
 * existing run alone) and, on a pull request, the sticky comment. A failure concludes the run it
 * created `neutral` and is thrown again as ConcludedNeutral.
 */
export async function publishVerification(
  deps: AppDeps,
  config: Config,
  target: Target,
  plans: Plan[],
  reader: RepoReader,
  publish: 'always' | 'once',
  verify: typeof verifyPlans = verifyPlans,
): Promise<{ report: Report; conclusion: 'success' | 'failure' | 'neutral' }> {
  const { octokit, log } = deps;
  const repository = `${target.owner}/${target.repo}`;
  let checkRun: number | undefined;
  try {
    const published = publish === 'once' ? await existingCheckRun(octokit, target) : null;
    // the run is created while CI's test reports are looked up: one round trip, not two
    const [created, reports] = await Promise.allSettled([published === null ? createCheckRun(octokit, target) : undefined, testReportOptions(deps, config, target, plans)]);
    if (created.status === 'rejected') throw created.reason;
    checkRun = created.value;
    if (reports.status === 'rejected') throw reports.reason;
    const tests = reports.value;
    const report = await verify(plans, reader, { ref: target.sha, root: config.root, policy: policyOf(config), ...tests });
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
    recordClaims(report);
    log.info({ repository, sha: target.sha, conclusion: result.conclusion, claims: report.summary.claims }, 'verified');
    return { report, conclusion: result.conclusion };
  } catch (error) {
    log.warn({ repository, sha: target.sha, err: describe(error) }, 'concluding neutral');
    await concludeNeutral(octokit, target, reasonOf(error), checkRun).catch((e: unknown) => log.error({ err: describe(e) }, 'could not even conclude the check run'));
    throw new ConcludedNeutral(error);
  }
}

/**
 * The test outcomes the plans' "Status: PASSING" claims are checked against: the JUnit reports of
 * the commit's CI (test-reports.ts). Plans that claim no test outcome cost no Actions request.
 */
export async function testReportOptions(deps: Pick<AppDeps, 'octokit' | 'log'>, config: Config, target: Target, plans: Plan[]): Promise<Pick<VerifyOptions, 'reports' | 'ci'>> {
  if (!claimsTestResults(plans)) return { reports: null };
  const { reports, ci } = await readCiTestReports(deps.octokit, target, config.test_reports.artifacts);
  const unread = ci.state === 'completed' ? ci.unread : [];
  deps.log.info({ repository: `${target.owner}/${target.repo}`, sha: target.sha, ci: ci.state, reports: reports?.length ?? 0, unread }, 'CI test reports read');
  return { reports, ci };
}

export function claimsTestResults(plans: Plan[]): boolean {
  return plans.some((plan) => plan.items.some((item) => item.claims.some((claim) => claim.kind === 'test-result')));
}

/**
 * One push, pull request or re-run: config, plans, then publishVerification. `only: 'test-results'`
 * (CI completed) verifies only plans that claim test outcomes: nothing else changes when CI ends.
 */
export async function verifyCommit(deps: AppDeps, target: Target, publish: 'always' | 'once' = 'always', only?: 'test-results'): Promise<VerifyOutcome> {
  const { octokit, log } = deps;
  let config: Config;
  try {
    config = validateConfig(await deps.loadConfig(), DEFAULT_CONFIG_PATH);
  } catch (error) {
    // Probot throws plain errors for YAML it cannot parse and for GitHub faults: neutral too, never silence
    const reason = error instanceof ConfigError ? `The configuration is invalid: ${error.message}` : `The configuration could not be read: ${describe(error)}`;
    await concludeNeutral(octokit, target, reason).catch((e: unknown) => log.error({ err: describe(e) }, 'could not even conclude the check run'));
    return 'neutral';
  }
  const reader = new GitHubRepoReader(octokit, { owner: target.owner, repo: target.repo });
  try {
    const plans = await findPlans(reader, target.sha, config);
    if (plans.length === 0) {
      if (target.pullNumber !== undefined) await removeSticky(octokit, target, await deps.botLogin());
      return 'no-plan';
    }
    if (only === 'test-results' && !claimsTestResults(plans)) return 'no-test-results';
    const verify = withFactsMemo(deps.memo ?? sharedFactsMemo, target, JSON.stringify(config), deps.log);
    return (await publishVerification(deps, config, target, plans, reader, publish, verify)).conclusion;
  } catch (error) {
    if (error instanceof ConcludedNeutral) return 'neutral';
    log.warn({ repository: `${target.owner}/${target.repo}`, sha: target.sha, err: describe(error) }, 'concluding neutral');
    await concludeNeutral(octokit, target, reasonOf(error)).catch((e: unknown) => log.error({ err: describe(e) }, 'could not even conclude the check run'));
    return 'neutral';
  }
}

/**
 * verifyPlans that remembers the facts it read, and reuses those of the push's previous head when
 * they stand for this commit too (same plans, same contents read, same paths): no read at all.
 */
function withFactsMemo(memo: FactsMemo, target: Target, configKey: string, log: Logger): typeof verifyPlans {
  const repository = `${target.owner}/${target.repo}`;
  return async (plans, reader, options) => {
    const settings = settingsOf(options);
    const listed = (await reader.readHistory({ ref: target.sha, trees: new Set([target.sha]), commits: new Set() })).trees.get(target.sha);
    if (!listed || 'error' in listed) return verifyPlans(plans, reader, options);
    const planOids = new Map(plans.map((plan) => [plan.path, listed.entries.get(plan.path)?.oid ?? '']));
    const reused = memo.reusable(repository, target.before, { sha: target.sha, tree: listed, configKey, plans: planOids, claimsTestResults: claimsTestResults(plans) });
    const snapshot = reused ?? (await readSnapshot(plans, reader, options)).snapshot;
    if (reused) log.info({ repository, sha: target.sha, before: target.before }, 'nothing the plans cite changed since the previous push: its facts reused');
    const facts = factsOf(snapshot, configKey, planOids);
    if (facts) memo.remember(repository, facts);
    return checkPlans(plans, snapshot, settings);
  };
}
