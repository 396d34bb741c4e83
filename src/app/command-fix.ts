/** `/claimcheck fix`: drifted ranges suggested in a pull request review, on the plan's own lines. */
import { GitHubRepoReader } from '../repo/github.js';
import { blobKey } from '../repo/types.js';
import { diffLines, driftedClaims, fixReview } from '../report/fix.js';
import { repositoryOf, verified, type Run } from './command-runs.js';
import { findPlans } from './plans.js';
import { noDriftReply } from './replies.js';

/** `/claimcheck fix`: one review with a suggested change per drifted range; never a commit. */
export const fixRun: Run = async (deps, config, target) => {
  const { octokit } = deps;
  const { owner, repo, sha, pullNumber } = target;
  const reader = new GitHubRepoReader(octokit, target);
  const plans = await findPlans(reader, sha, config);
  const drifted = plans.length > 0 ? driftedClaims(await verified(deps, config, target, plans, reader)) : [];
  if (drifted.length === 0) return { ok: true, body: noDriftReply(sha) };
  // The plan texts at the head: the reader has the listing and the blobs cached from finding the plans
  const history = await reader.readHistory({ ref: sha, trees: new Set([sha]), commits: new Set() });
  const blobs = await reader.readContents(new Map([[sha, new Set(drifted.map((d) => d.plan))]]), history.trees);
  const texts = new Map<string, string>();
  for (const { plan } of drifted) {
    const blob = blobs.get(blobKey(sha, plan));
    if (blob && !('error' in blob) && blob.text !== undefined) texts.set(plan, blob.text);
  }
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pullNumber, per_page: 100 });
  const diff = new Map(files.map((file) => [file.filename, diffLines(file.patch)]));
  const review = fixReview(drifted, texts, diff, { repository: repositoryOf(target), sha });
  await octokit.rest.pulls.createReview({ owner, repo, pull_number: pullNumber, commit_id: sha, event: 'COMMENT', body: review.body, comments: review.comments });
  return { ok: true };
};
