/**
 * CI completed (`workflow_run.completed`): the commit's test reports now exist, so a commit whose
 * "Status: PASSING" claims were left `tests-running` is verified again. Only when every workflow
 * run of that commit has completed: the last one to complete triggers it.
 */
import type { Context } from 'probot';
import { depsOf } from './events.js';
import type { Target } from './github-types.js';
import { describe } from './replies.js';
import { stillRunning, workflowRunsOf } from './test-reports.js';
import { verifyCommit, type AppDeps, type VerifyOutcome } from './verify-commit.js';

/** The commit a completed workflow run tested, and its pull request's, when the run was for its head. */
export function completedRunTarget(context: Context<'workflow_run.completed'>): Target {
  const { workflow_run: run, repository } = context.payload;
  // the pull request's comment is written only when the run tested the head it reports on
  const pull = (run.pull_requests ?? []).find((p) => p?.head.sha === run.head_sha);
  return { owner: repository.owner.login, repo: repository.name, sha: run.head_sha, ...(pull ? { pullNumber: pull.number } : {}) };
}

/** Verifies the commit again once its CI has completed; nothing while another run of it goes on. */
export async function reverifyAfterCi(deps: AppDeps, target: Target): Promise<VerifyOutcome | 'ci-running'> {
  const repository = `${target.owner}/${target.repo}`;
  let running: string[];
  try {
    running = stillRunning((await workflowRunsOf(deps.octokit, target)).runs).map((run) => run.name);
  } catch (error) {
    // the verification reads the runs again and says why the reports could not be had
    deps.log.warn({ repository, sha: target.sha, err: describe(error) }, 'the workflow runs could not be listed: verifying anyway');
    running = [];
  }
  if (running.length > 0) {
    deps.log.info({ repository, sha: target.sha, running }, 'CI still running for this commit: verified when it completes');
    return 'ci-running';
  }
  return verifyCommit(deps, target, 'always', 'test-results');
}

/** The `workflow_run.completed` handler (index.ts wires it). */
export async function onWorkflowRunCompleted(context: Context<'workflow_run.completed'>, botLogin: () => Promise<string>): Promise<VerifyOutcome | 'ci-running'> {
  return reverifyAfterCi(depsOf(context, botLogin), completedRunTarget(context));
}
