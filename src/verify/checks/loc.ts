/**
 * Line-count claims: "Lines Added: 45", "+45/-5", "(+120 LOC)" against the numstat of the item's
 * commits for the item's files (all files of the commits when it cites none); "(432 lines)" against
 * the file's length. Estimates ("Expected LOC") are reported but never fail.
 */
import type { LocClaim } from '../../plan/types.js';
import { blobKey, type CommitFacts } from '../../repo/types.js';
import { unknown, unverified, verified, type Outcome } from '../report.js';
import { citedPaths, type CheckContext } from './context.js';
import { locate } from './evidence.js';

type Found = Extract<CommitFacts, { state: 'found' }>;

export function checkLoc(claim: LocClaim, context: CheckContext): Outcome {
  const actual = claim.measure === 'file-lines' ? fileLength(claim, context) : committedLines(claim, context);
  if (typeof actual !== 'number') return actual;
  const { percent, lines } = context.policy.locTolerance;
  const tolerance = Math.max((claim.value * percent) / 100, lines) * (claim.approximate ? 2 : 1);
  const off = Math.abs(actual - claim.value);
  const what = claim.measure === 'file-lines' ? 'lines long' : claim.measure;
  const figures = `claimed ${claim.value} ${what}, actual ${actual}`;
  // not rounded: "more than 5 off" would be false of a count 5 off a tolerance of 4.5
  const allowed = Number(tolerance.toFixed(1));
  if (off <= tolerance) return verified(claim.estimate ? 'loc-estimate-close' : 'loc-matches', `${figures} (within ${allowed})`);
  if (claim.estimate) return unknown('loc-estimate-off', `an estimate: ${figures}`);
  return unverified('loc-mismatch', `${figures}, more than ${allowed} off`);
}

function fileLength(claim: LocClaim, context: CheckContext): number | Outcome {
  if (!claim.target) return unknown('no-file', 'no file to count');
  const found = locate(claim.target, undefined, context);
  if (!found.ok) return found.outcome;
  const blob = context.snapshot.blobs.get(blobKey(found.commit, found.path));
  if (!blob || 'error' in blob) return unknown('source-unavailable', `${found.path} could not be read at ${found.at}`);
  return blob.lineCount;
}

/**
 * Sum over the item's commits. A modified line shows in numstat as one line removed and one added,
 * so "modified" is compared with lines removed, and "added" may be given net of modified lines.
 */
function committedLines(claim: LocClaim, context: CheckContext): number | Outcome {
  const ids = context.item.claims.flatMap((c) => (c.kind === 'commit' ? [c.sha] : []));
  if (ids.length === 0) return unknown('no-commit', 'the item cites no commit to count lines against');
  const commits: Found[] = [];
  for (const id of ids) {
    const facts = context.snapshot.commits.get(id);
    if (facts?.state !== 'found' || facts.changes === null) return unknown('commit-unavailable', `the changes of commit ${id} are not known`);
    commits.push(facts);
  }
  const paths = citedPaths(context);
  const inScope = (path: string): boolean => paths.length === 0 || paths.some((p) => path === p || path.startsWith(`${p}/`));
  let added = 0;
  let removed = 0;
  for (const commit of commits) {
    for (const change of commit.changes!) {
      if (!inScope(change.path)) continue;
      added += change.added ?? 0;
      removed += change.removed ?? 0;
    }
  }
  switch (claim.measure) {
    case 'added': {
      const claimsModified = context.item.claims.some((c) => c.kind === 'loc' && c.measure === 'modified');
      const net = added - removed;
      return claimsModified && Math.abs(net - claim.value) < Math.abs(added - claim.value) ? net : added;
    }
    case 'removed':
    case 'modified':
      return removed;
    default:
      return added + removed;
  }
}

