/**
 * Bare or partial names (`gemini.py`, `app/gemini.py`) as plans write them: the files of a tree
 * whose path ends with the name, the paths the plan cites in full first. Pure.
 */
import type { PathRef } from '../plan/types.js';
import type { Tree } from '../repo/types.js';

/**
 * Only names written in text may be shortened: a leading `/` says "from the root", and a Markdown
 * link names its target exactly (a broken link must stay broken).
 */
export function mayResolveBySuffix(target: PathRef): boolean {
  return !target.raw.startsWith('/') && target.base !== 'plan';
}

/** Index of paths by file name, built once per tree (trees never change). */
const byName = new WeakMap<Tree, Map<string, string[]>>();

/** Every file of `tree` at `…/path`; when some of them are in `preferred`, only those. */
export function suffixCandidates(tree: Tree, path: string, preferred: Set<string>): string[] {
  const suffixed = bySuffix(tree, path);
  const chosen = suffixed.filter((p) => preferred.has(p));
  return chosen.length > 0 ? chosen : suffixed;
}

function bySuffix(tree: Tree, path: string): string[] {
  let index = byName.get(tree);
  if (!index) {
    index = new Map();
    for (const candidate of tree.entries.keys()) {
      const name = candidate.slice(candidate.lastIndexOf('/') + 1);
      const list = index.get(name);
      if (list) list.push(candidate);
      else index.set(name, [candidate]);
    }
    byName.set(tree, index);
  }
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (index.get(name) ?? []).filter((candidate) => candidate.endsWith(`/${path}`));
}
