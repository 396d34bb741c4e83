/**
 * The check run on a commit: created `in_progress` at once, then completed with the
 * output in as many updates as the annotations need (50 a request). Never `success` on an error.
 */
import { annotationPages, neutralOutput, REVERIFY_ACTION, type CheckRunResult } from '../report/check-run.js';
import { CHECK_NAME, type Octokit, type Target } from './github-types.js';

/** The id of the commit's claimcheck check run, if it has one (a push got there first). */
export async function existingCheckRun(octokit: Octokit, target: Target): Promise<number | null> {
  const { owner, repo, sha } = target;
  const { data } = await octokit.rest.checks.listForRef({ owner, repo, ref: sha, check_name: CHECK_NAME, filter: 'latest', per_page: 1 });
  return data.check_runs[0]?.id ?? null;
}

/**
 * A new run, `in_progress` at once. Every verification gets its own run: GitHub appends the
 * annotations of each update, so a run cannot be emptied and filled again; it shows the latest run.
 */
export async function createCheckRun(octokit: Octokit, target: Target): Promise<number> {
  const created = await octokit.rest.checks.create({ owner: target.owner, repo: target.repo, name: CHECK_NAME, head_sha: target.sha, status: 'in_progress' });
  return created.data.id;
}

/** Completes the run: output and annotations page by page, the conclusion with the last page. */
export async function completeCheckRun(octokit: Octokit, target: Target, id: number, result: CheckRunResult): Promise<void> {
  const { owner, repo } = target;
  const pages = annotationPages(result.annotations);
  const output = { title: result.title, summary: result.summary, ...(result.text ? { text: result.text } : {}) };
  for (const page of pages.slice(0, -1)) {
    await octokit.rest.checks.update({ owner, repo, check_run_id: id, output: { ...output, annotations: page } });
  }
  const last = pages.at(-1);
  await octokit.rest.checks.update({
    owner,
    repo,
    check_run_id: id,
    status: 'completed',
    conclusion: result.conclusion,
    output: { ...output, ...(last ? { annotations: last } : {}) },
    actions: [REVERIFY_ACTION],
  });
}

/** claimcheck could not finish: say why, and never claim success. */
export async function concludeNeutral(octokit: Octokit, target: Target, reason: string, id?: number): Promise<void> {
  const { owner, repo, sha } = target;
  const output = neutralOutput(reason);
  const body = { owner, repo, status: 'completed' as const, conclusion: 'neutral' as const, output: { title: output.title, summary: output.summary }, actions: [REVERIFY_ACTION] };
  if (id === undefined) await octokit.rest.checks.create({ ...body, name: CHECK_NAME, head_sha: sha });
  else await octokit.rest.checks.update({ ...body, check_run_id: id });
}
