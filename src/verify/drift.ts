/**
 * Where a cited block of lines went between the commit the claim was written at and the ref:
 * mapped through the diff's hunks as `git log -L` does, or found again by its content when the
 * diff shows it deleted (moved further away, or to another file). Pure.
 */
import type { Hunk } from '../repo/types.js';

export type Drift =
  | { kind: 'unchanged' }
  | { kind: 'moved'; start: number; end: number; edited: boolean }
  | { kind: 'deleted' };

/** Below this share of its lines left unchanged, a block is gone, not edited. */
const SURVIVING_SHARE = 0.5;

export function mapRange(hunks: Hunk[], start: number, end: number): Drift {
  const changedIn = (line: number): Hunk | undefined => hunks.find((h) => h.oldCount > 0 && line >= h.oldStart && line < h.oldStart + h.oldCount);
  const shift = (line: number): number =>
    hunks.reduce((delta, h) => {
      const before = h.oldCount === 0 ? h.oldStart < line : h.oldStart + h.oldCount - 1 < line;
      return before ? delta + h.newCount - h.oldCount : delta;
    }, 0);
  let survivors = 0;
  for (let line = start; line <= end; line++) if (!changedIn(line)) survivors++;
  const size = end - start + 1;
  if (survivors === 0 || survivors / size < SURVIVING_SHARE) return { kind: 'deleted' };
  const place = (line: number, edge: 'start' | 'end'): number => {
    const hunk = changedIn(line);
    if (!hunk) return line + shift(line);
    if (hunk.newCount === 0) return edge === 'start' ? hunk.newStart + 1 : hunk.newStart;
    return hunk.newStart + Math.min(line - hunk.oldStart, hunk.newCount - 1);
  };
  const newStart = place(start, 'start');
  const newEnd = Math.max(place(end, 'end'), newStart);
  if (newStart === start && newEnd === end) return { kind: 'unchanged' };
  return { kind: 'moved', start: newStart, end: newEnd, edited: survivors < size };
}

/**
 * Where the block (`oldLines[start-1..end-1]`) stands in `text`, compared line by line without
 * indentation; null unless exactly one place holds it. Blank-only blocks are never searched.
 */
export function findBlock(block: string[], text: string): { start: number; end: number } | null {
  const wanted = block.map((l) => l.trim());
  if (wanted.every((l) => l.length === 0)) return null;
  const lines = text.split('\n').map((l) => l.trim());
  let found: { start: number; end: number } | null = null;
  for (let i = 0; i + wanted.length <= lines.length; i++) {
    if (lines[i] !== wanted[0]) continue;
    if (wanted.every((l, k) => lines[i + k] === l)) {
      if (found) return null;
      found = { start: i + 1, end: i + wanted.length };
    }
  }
  return found;
}
