/** Cited paths → repository paths. `..` may never leave the repository. Pure. */
import type { PathRef } from '../plan/types.js';

export type ResolvedPath = { ok: true; path: string } | { ok: false; reason: string };

/**
 * A leading `/` means the repository root (or the configured sub-project `root`); other paths are
 * relative to that root, except Markdown link targets, which are relative to the plan's folder as
 * GitHub renders them.
 */
export function resolvePath(ref: PathRef, planPath: string, root = ''): ResolvedPath {
  const raw = ref.raw.replace(/\\/g, '/');
  const absolute = raw.startsWith('/');
  const base = ref.base === 'plan' && !absolute ? folderOf(planPath) : root;
  const parts: string[] = base.split('/').filter((p) => p.length > 0 && p !== '.');
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return { ok: false, reason: `'${ref.raw}' leaves the repository` };
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return { ok: true, path: parts.join('/') };
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}
