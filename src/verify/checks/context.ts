/** What every check sees: the immutable snapshot and where the claim stands. No I/O. */
import type { Item, PathRef } from '../../plan/types.js';
import type { Snapshot } from '../../repo/types.js';
import { resolvePath, type ResolvedPath } from '../paths.js';

export interface CheckContext {
  snapshot: Snapshot;
  planPath: string;
  /** The sub-project folder that a leading `/` names (monorepos); '' for the repository root. */
  root: string;
  item: Item;
}

export function resolve(ref: PathRef, context: CheckContext): ResolvedPath {
  return resolvePath(ref, context.planPath, context.root);
}

/** The first seven digits of a sha, as people write them. */
export function short(sha: string): string {
  return sha.slice(0, 7);
}

/** The repository paths an item cites (files, ranges, test files), for commit checks. */
export function citedPaths(context: CheckContext): string[] {
  const paths = new Set<string>();
  for (const claim of context.item.claims) {
    const target = claim.kind === 'file' || claim.kind === 'range' ? claim.target : claim.kind === 'test' ? claim.file : undefined;
    if (!target) continue;
    const resolved = resolve(target, context);
    if (resolved.ok && resolved.path.length > 0) paths.add(resolved.path);
  }
  return [...paths];
}
