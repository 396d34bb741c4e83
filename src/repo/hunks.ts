/**
 * Zero-context hunks between two texts, numbered as `git diff -U0` numbers them. The GitHub reader
 * computes them in memory from texts it reads anyway, instead of one compare request per commit.
 */
import { diffLines } from 'diff';
import type { Hunk } from './types.js';

/**
 * Past this many edited lines (or this long) a diff is not worth its cost, O((N + M) * D): the
 * caller gets no history and judges the ranges as they stand.
 */
const MAX_EDIT_LENGTH = 2_000;
const TIMEOUT_MS = 5_000;

/** The hunks that turn `oldText` into `newText`, or null when the texts differ too much to diff cheaply. */
export function hunksBetween(oldText: string, newText: string): Hunk[] | null {
  if (oldText === newText) return [];
  const changes = diffLines(oldText, newText, { maxEditLength: MAX_EDIT_LENGTH, timeout: TIMEOUT_MS });
  if (!changes) return null;
  const hunks: Hunk[] = [];
  let oldLine = 1;
  let newLine = 1;
  let open: Hunk | null = null;
  for (const change of changes) {
    const count = change.count ?? 0;
    if (!change.added && !change.removed) {
      if (open) hunks.push(open);
      open = null;
      oldLine += count;
      newLine += count;
      continue;
    }
    open ??= { oldStart: oldLine, oldCount: 0, newStart: newLine, newCount: 0 };
    if (change.removed) {
      open.oldCount += count;
      oldLine += count;
    } else {
      open.newCount += count;
      newLine += count;
    }
  }
  if (open) hunks.push(open);
  // git numbers an insertion after line n as `-n,0`, a deletion before line n as `+n-1,0`
  for (const h of hunks) {
    if (h.oldCount === 0) h.oldStart -= 1;
    if (h.newCount === 0) h.newStart -= 1;
  }
  return hunks;
}
