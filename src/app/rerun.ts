/**
 * Re-runs: "Re-run" on the check run or suite, and the check run's "Re-verify" button. A re-run on
 * a commit that is no longer its branch's head is concluded `neutral` (superseded), not verified.
 */
import type { Context } from 'probot';
import { REVERIFY_ACTION } from '../report/check-run.js';
import { concludeNeutral } from './check-runs.js';
import type { Target } from './github-types.js';
import { verifyCommit, type AppDeps, type VerifyOutcome } from './verify-commit.js';

export interface Rerun {
  target: Target;
  branch: string | null;
}

export function rerunOfCheckRun(context: Context<'check_run'>): Rerun | null {
  const { check_run: run, repository, action } = context.payload;
  if (action === 'requested_action' && context.payload.requested_action?.identifier !== REVERIFY_ACTION.identifier) return null;
  const pull = run.pull_requests[0];
  return {
    target: { owner: repository.owner.login, repo: repository.name, sha: run.head_sha, ...(pull ? { pullNumber: pull.number } : {}) },
    branch: run.check_suite.head_branch ?? null,
  };
}

export function rerunOfCheckSuite(context: Context<'check_suite'>): Rerun {
  const { check_suite: suite, repository } = context.payload;
  const pull = suite.pull_requests[0];
  return {
    target: { owner: repository.owner.login, repo: repository.name, sha: suite.head_sha, ...(pull ? { pullNumber: pull.number } : {}) },
    branch: suite.head_branch ?? null,
  };
}

export async function rerun(deps: AppDeps, { target, branch }: Rerun): Promise<VerifyOutcome | 'superseded'> {
  if (branch) {
    const head = await deps.octokit.rest.repos.getBranch({ owner: target.owner, repo: target.repo, branch }).then(
      (r) => r.data.commit.sha,
      (error: { status?: number }) => {
        if (error.status === 404) return null; // the branch is gone: nothing newer supersedes the commit
        throw error;
      },
    );
    if (head && head !== target.sha) {
      await concludeNeutral(deps.octokit, target, `Superseded: ${branch} is now at ${head.slice(0, 7)}, so ${target.sha.slice(0, 7)} was not verified again.`);
      return 'superseded';
    }
  }
  return verifyCommit(deps, target);
}
