/**
 * Finds the file a claim cites, at the ref or at the commit a permalink pins. A bare or partial
 * name (`gemini.py`) that is not a path at the root is resolved by unique path suffix, preferring
 * paths the plan cites in full elsewhere; several candidates are `ambiguous-path`, never a guess.
 */
import type { PathRef, Pin } from '../../plan/types.js';
import type { Tree, TreeEntry } from '../../repo/types.js';
import { unknown, unverified, type Outcome } from '../report.js';
import { isCommitId } from '../../plan/notation.js';
import { commitProblem, foreignRepository } from './commit.js';
import { mayResolveBySuffix, suffixCandidates } from '../suffix.js';
import { resolve, short, type CheckContext } from './context.js';

export type Located = { ok: true; commit: string; path: string; entry: TreeEntry; at: string } | { ok: false; outcome: Outcome };

const LISTED = 5;

/** The commit id a file claim is read at: its permalink's, or the verified ref. */
export function evidenceCommit(pin: Pin | undefined, ref: string): string {
  return pin?.sha ?? ref;
}

export function locate(target: PathRef, pin: Pin | undefined, context: CheckContext): Located {
  const fail = (outcome: Outcome): Located => ({ ok: false, outcome });
  const resolved = resolve(target, context);
  if (!resolved.ok) return fail(unverified('path-outside-repo', resolved.reason));
  const foreign = foreignRepository(pin?.repository, context);
  if (foreign) return fail(foreign);
  const { snapshot } = context;
  const commit = evidenceCommit(pin, snapshot.ref);
  if (pin?.sha) {
    // `blob/<41 hex digits>/...`: never cut to 40 digits and read at a commit that was not cited
    if (!isCommitId(pin.sha)) return fail(unverified('invalid-commit-id', `the link is pinned to '${pin.sha}', which is not a commit id (7 to 40 hex digits)`));
    const problem = commitProblem(pin.sha, snapshot.commits.get(pin.sha), context);
    if (problem) return fail(problem);
  }
  const at = short(commit);
  const tree = snapshot.trees.get(commit);
  if (!tree || 'error' in tree) return fail(unknown('source-unavailable', `the files at ${at} could not be listed${tree ? `: ${tree.error}` : ''}`));
  let path = resolved.path;
  if (path.length === 0 || tree.folders.has(path)) return fail(unverified('not-a-regular-file', `${path || '/'} is a folder at ${at}, not a file`));
  if (!tree.entries.has(path)) {
    const above = enclosingEntry(tree, path);
    if (above?.entry.mode === '160000') return fail(unknown('inside-submodule', `${path} lies inside the submodule ${above.path}, whose files are not checked here`));
    // git stores a linked folder as one link: what lies "in" it is outside the tree, maybe outside the repository
    if (above?.entry.mode === '120000') return fail(unverified('not-a-regular-file', `${path} lies behind the symbolic link ${above.path} at ${at}; links are not followed`));
    const candidates = mayResolveBySuffix(target) ? suffixCandidates(tree, path, context.planPaths) : [];
    if (candidates.length > 1) {
      return fail(unknown('ambiguous-path', `${path} matches ${candidates.length} files at ${at}: ${candidates.slice(0, LISTED).join(', ')}${candidates.length > LISTED ? ', ...' : ''}; cite the full path`));
    }
    if (candidates.length === 0) return fail(unverified('file-not-found', `${path} does not exist at ${at}`));
    path = candidates[0]!;
  }
  const entry = tree.entries.get(path)!;
  if (entry.mode === '120000') return fail(unverified('not-a-regular-file', `${path} is a symbolic link at ${at}, not a file`));
  if (entry.mode === '160000') return fail(unverified('not-a-regular-file', `${path} is a submodule at ${at}, not a file`));
  // Only a regular file (100644, 100755) is evidence: a mode we do not know is not one.
  if (!entry.mode.startsWith('100')) return fail(unverified('not-a-regular-file', `${path} has mode ${entry.mode} at ${at}, not a regular file`));
  return { ok: true, commit, path, entry, at };
}

/** The folder of `path` that the tree holds as an entry (a submodule, a link), if any: nothing lies beneath an entry. */
function enclosingEntry(tree: Tree, path: string): { path: string; entry: TreeEntry } | null {
  for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
    const entry = tree.entries.get(path.slice(0, slash));
    if (entry) return { path: path.slice(0, slash), entry };
  }
  return null;
}

/** The outcome, with where its evidence stands (for permalinks in PR comments and check runs). */
export function at(found: Extract<Located, { ok: true }>, outcome: Outcome, lines?: { start: number; end: number }): Outcome {
  return { ...outcome, evidence: { path: found.path, commit: found.commit, ...(lines ?? {}) } };
}
