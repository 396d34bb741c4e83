/** What every check sees: the immutable snapshot, the claim's item and the run's settings. No I/O. */
import type { Item, PathRef } from '../../plan/types.js';
import type { Snapshot } from '../../repo/types.js';
import type { TestReport } from '../junit.js';
import { resolvePath, type ResolvedPath } from '../paths.js';
import { mayResolveBySuffix, suffixCandidates } from '../suffix.js';

export interface Policy {
  /** Line counts may be off by the larger of `percent` % of the claim and `lines` lines. */
  locTolerance: { percent: number; lines: number };
  /** Extra stub patterns for the hollow-code check. */
  hollow: RegExp[];
}

export interface CheckSettings {
  /** The sub-project folder that a leading `/` names (monorepos); '' for the repository root. */
  root: string;
  /** JUnit reports given for this run; null when none was (test results are then unknown). */
  reports: TestReport[] | null;
  policy: Policy;
  /** Where the reports came from when the App read them from the commit's CI; absent for the CLI. */
  ci?: CiReports;
}

/**
 * The commit's CI as the App found it. While a workflow run is still going, no outcome is judged.
 * Once all completed: `missing` says why no report was found (when none was), `unread` names what
 * could not be read (an artifact too large, a download that failed): a cited test may have failed
 * there, so a passing test or an absent one is then unknown, never verified.
 */
export type CiReports = { state: 'running'; runs: string[] } | { state: 'completed'; missing: string; unread: string[] };

export const DEFAULT_SETTINGS: CheckSettings = {
  root: '',
  reports: null,
  policy: { locTolerance: { percent: 10, lines: 3 }, hollow: [] },
};

export interface CheckContext extends CheckSettings {
  snapshot: Snapshot;
  planPath: string;
  item: Item;
  /** Paths the plan cites in full, preferred when a bare name (`gemini.py`) matches several files. */
  planPaths: Set<string>;
}

export function resolve(ref: PathRef, context: Pick<CheckContext, 'planPath' | 'root'>): ResolvedPath {
  return resolvePath(ref, context.planPath, context.root);
}

/** The first seven digits of a sha, as people write them. */
export function short(sha: string): string {
  return sha.slice(0, 7);
}

/** The path references of an item's claims: files, ranges, test files, files whose length is claimed. */
export function pathRefs(item: Item): PathRef[] {
  return item.claims.flatMap((claim) => {
    if (claim.kind === 'file' || claim.kind === 'range') return [claim.target];
    if ((claim.kind === 'test' && claim.file) || (claim.kind === 'loc' && claim.target)) return [(claim.kind === 'test' ? claim.file : claim.target)!];
    return [];
  });
}

/**
 * The repository paths an item cites (resolved against the root), for commit and line-count
 * checks. A bare name stands for the one file it names at the ref, as the file checks read it;
 * anything else (a folder, a file since deleted, an ambiguous name) is kept as written.
 */
export function citedPaths(context: CheckContext): string[] {
  const paths = new Set<string>();
  const tree = context.snapshot.trees.get(context.snapshot.ref);
  for (const target of pathRefs(context.item)) {
    const resolved = resolve(target, context);
    if (!resolved.ok || resolved.path.length === 0) continue;
    const { path } = resolved;
    const named = !tree || 'error' in tree || tree.entries.has(path) || tree.folders.has(path) || !mayResolveBySuffix(target) ? [] : suffixCandidates(tree, path, context.planPaths);
    paths.add(named.length === 1 ? named[0]! : path);
  }
  return [...paths];
}
