/**
 * The one sticky comment on a pull request: found by its hidden marker among the app's own
 * comments, updated in place, left alone when its body would not change, removed with the plan.
 */
import { isStickyComment } from '../report/comment.js';
import type { Octokit, Target } from './github-types.js';

async function findSticky(octokit: Octokit, target: Target, login: string): Promise<{ id: number; body: string } | null> {
  const { owner, repo, pullNumber } = target;
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: pullNumber!, per_page: 100 });
  const mine = comments.find((c) => c.user?.login === login && isStickyComment(c.body));
  return mine ? { id: mine.id, body: mine.body ?? '' } : null;
}

/** Creates or updates the sticky comment; returns what it did, for the logs. */
export async function upsertSticky(octokit: Octokit, target: Target, login: string, body: string): Promise<'created' | 'updated' | 'unchanged'> {
  const { owner, repo, pullNumber } = target;
  const existing = await findSticky(octokit, target, login);
  if (!existing) {
    await octokit.rest.issues.createComment({ owner, repo, issue_number: pullNumber!, body });
    return 'created';
  }
  if (existing.body === body) return 'unchanged';
  await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
  return 'updated';
}

/** The pull request no longer has a plan: its claimcheck comment goes. */
export async function removeSticky(octokit: Octokit, target: Target, login: string): Promise<boolean> {
  const existing = await findSticky(octokit, target, login);
  if (!existing) return false;
  await octokit.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: existing.id });
  return true;
}
