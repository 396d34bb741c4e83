/** Finds the file a file or range claim cites, at the ref or at the commit a permalink pins. */
import type { FileClaim, RangeClaim } from '../../plan/types.js';
import type { TreeEntry } from '../../repo/types.js';
import { unknown, unverified, type Outcome } from '../report.js';
import { commitProblem, foreignRepository } from './commit.js';
import { resolve, short, type CheckContext } from './context.js';

export type Located = { ok: true; commit: string; path: string; entry: TreeEntry; at: string } | { ok: false; outcome: Outcome };

/** The commit id a file claim is read at: its permalink's, or the verified ref. */
export function evidenceCommit(claim: FileClaim | RangeClaim, ref: string): string {
  return claim.pin?.sha ?? ref;
}

export function locate(claim: FileClaim | RangeClaim, context: CheckContext): Located {
  const fail = (outcome: Outcome): Located => ({ ok: false, outcome });
  const resolved = resolve(claim.target, context);
  if (!resolved.ok) return fail(unverified('path-outside-repo', resolved.reason));
  const foreign = foreignRepository(claim.pin?.repository, context);
  if (foreign) return fail(foreign);
  const { snapshot } = context;
  const commit = evidenceCommit(claim, snapshot.ref);
  if (claim.pin?.sha) {
    const problem = commitProblem(claim.pin.sha, snapshot.commits.get(claim.pin.sha), context);
    if (problem) return fail(problem);
  }
  const at = short(commit);
  const tree = snapshot.trees.get(commit);
  if (!tree || 'error' in tree) return fail(unknown('source-unavailable', `the files at ${at} could not be listed${tree ? `: ${tree.error}` : ''}`));
  const path = resolved.path;
  if (path.length === 0 || tree.folders.has(path)) return fail(unverified('not-a-regular-file', `${path || '/'} is a folder at ${at}, not a file`));
  const entry = tree.entries.get(path);
  if (!entry) return fail(unverified('file-not-found', `${path} does not exist at ${at}`));
  if (entry.mode === '120000') return fail(unverified('not-a-regular-file', `${path} is a symbolic link at ${at}, not a file`));
  if (entry.mode === '160000') return fail(unverified('not-a-regular-file', `${path} is a submodule at ${at}, not a file`));
  // Only a regular file (100644, 100755) is evidence: a mode we do not know is not one.
  if (!entry.mode.startsWith('100')) return fail(unverified('not-a-regular-file', `${path} has mode ${entry.mode} at ${at}, not a regular file`));
  return { ok: true, commit, path, entry, at };
}
