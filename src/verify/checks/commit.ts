/**
 * Commit claims: the commit exists, is in the history of the verified ref, and changes at least
 * one of the files its item cites.
 */
import type { CommitClaim } from '../../plan/types.js';
import type { CommitFacts } from '../../repo/types.js';
import { isCommitId } from '../../plan/notation.js';
import { unknown, unverified, verified, type Outcome } from '../report.js';
import { citedPaths, short, type CheckContext } from './context.js';

const LISTED = 5;

export function checkCommit(claim: CommitClaim, context: CheckContext): Outcome {
  if (!isCommitId(claim.sha)) return unverified('invalid-commit-id', `'${claim.sha}' is not a commit id (7 to 40 hex digits)`);
  const foreign = foreignRepository(claim.repository, context);
  if (foreign) return foreign;
  const facts = context.snapshot.commits.get(claim.sha);
  const problem = commitProblem(claim.sha, facts, context);
  if (problem) return problem;
  const found = facts as Extract<CommitFacts, { state: 'found' }>;
  const paths = citedPaths(context);
  const ref = short(context.snapshot.ref);
  if (paths.length === 0) return verified('commit-in-history', `commit ${short(found.sha)} is in the history of ${ref}`);
  if (found.changes === null) return unknown('commit-changes-unavailable', `the files changed by ${short(found.sha)} could not be read`);
  const touched = paths.filter((path) => found.changes!.some((c) => c.path === path || c.path.startsWith(`${path}/`)));
  if (touched.length > 0) return verified('commit-touches-files', `commit ${short(found.sha)} is in the history of ${ref} and changes ${list(touched)}`);
  const changed = found.changes.map((c) => c.path);
  return unverified(
    'commit-does-not-touch',
    `commit ${short(found.sha)} changes none of the item's files (${list(paths)}); it changes ${changed.length ? list(changed) : 'no file'}`,
  );
}

/** Why a commit (cited, or pinned by a permalink) cannot serve as evidence; null when it can. */
export function commitProblem(id: string, facts: CommitFacts | undefined, context: CheckContext): Outcome | null {
  const { shallow, ref } = context.snapshot;
  if (!facts) return unknown('commit-unavailable', `commit ${id} was not looked up`);
  switch (facts.state) {
    case 'missing':
      return shallow
        ? unknown('shallow-clone', `commit ${id} is not in this shallow clone; fetch the full history to check it`)
        : unverified('commit-not-found', `commit ${id} does not exist in this repository`);
    case 'ambiguous':
      return unknown('ambiguous-commit', `commit id ${id} matches more than one object; cite more digits`);
    case 'unavailable':
      return unknown('commit-unavailable', `commit ${id} could not be read: ${facts.reason}`);
    case 'found':
      if (facts.reachable) return null;
      return shallow
        ? unknown('shallow-clone', `this shallow clone cannot tell whether ${short(facts.sha)} is in the history of ${short(ref)}`)
        : unverified('commit-not-reachable', `commit ${short(facts.sha)} exists but is not in the history of ${short(ref)}`);
  }
}

/** Evidence in another repository than this one cannot be checked here. */
export function foreignRepository(repository: string | undefined, context: CheckContext): Outcome | null {
  const known = context.snapshot.repositories;
  // GitHub names are case-insensitive, and readers need not lowercase theirs.
  if (!repository || !known || known.some((name) => name.toLowerCase() === repository.toLowerCase())) return null;
  return unknown('foreign-repository', `points into ${repository}, not this repository (${known.join(', ')})`);
}

function list(paths: string[]): string {
  const shown = paths.slice(0, LISTED).join(', ');
  return paths.length > LISTED ? `${shown} and ${paths.length - LISTED} more` : shown;
}
