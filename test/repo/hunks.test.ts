import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseHunks } from '../../src/repo/git.js';
import { hunksBetween } from '../../src/repo/hunks.js';
import { TestRepo } from '../helpers/repo.js';

const text = (lines: string[]): string => lines.map((l) => `${l}\n`).join('');

describe('hunksBetween', () => {
  it('gives no hunk for equal texts', () => {
    expect(hunksBetween('a\nb\n', 'a\nb\n')).toEqual([]);
  });

  it('numbers insertions, deletions and replacements as git diff -U0 does', () => {
    expect(hunksBetween(text(['a', 'b']), text(['x', 'a', 'b']))).toEqual([{ oldStart: 0, oldCount: 0, newStart: 1, newCount: 1 }]);
    expect(hunksBetween(text(['a', 'b', 'c']), text(['a', 'c']))).toEqual([{ oldStart: 2, oldCount: 1, newStart: 1, newCount: 0 }]);
    expect(hunksBetween(text(['a', 'b', 'c']), text(['a', 'B', 'c']))).toEqual([{ oldStart: 2, oldCount: 1, newStart: 2, newCount: 1 }]);
  });

  it('gives up (null) on texts too different to diff cheaply', () => {
    const many = (prefix: string) => text(Array.from({ length: 3_000 }, (_, i) => `${prefix}${i}`));
    expect(hunksBetween(many('a'), many('b'))).toBeNull();
  });

  it('agrees with git diff -U0 on the lines it changes, for random edits', async () => {
    const repo = await TestRepo.create();
    try {
      const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 30 });
      const samples = fc.sample(fc.tuple(lines, lines), { numRuns: 25, seed: 42 });
      for (const [before, after] of samples) {
        const from = await repo.commit('before', { 'f.txt': text(before) });
        const to = await repo.commit('after', { 'f.txt': text(after) });
        const git = parseHunks(await repo.git.raw(['diff', '-U0', '--no-color', from, to, '--', 'f.txt'])).get('f.txt') ?? [];
        const ours = hunksBetween(text(before), text(after))!;
        // Myers diffs may pick different but equally short scripts: compare what they change
        const changed = (hunks: typeof ours) => hunks.reduce((n, h) => n + h.oldCount + h.newCount, 0);
        expect(changed(ours)).toBe(changed(git));
        expect(applyHunks(before, after, ours)).toEqual(after);
      }
    } finally {
      await repo.remove();
    }
  });
});

/** Rebuilds the new text from the old one and the new side of each hunk: the hunks are a real edit script. */
function applyHunks(before: string[], after: string[], hunks: Array<{ oldStart: number; oldCount: number; newStart: number; newCount: number }>): string[] {
  const out: string[] = [];
  let next = 1;
  for (const h of hunks) {
    const oldFirst = h.oldCount === 0 ? h.oldStart + 1 : h.oldStart;
    out.push(...before.slice(next - 1, oldFirst - 1));
    const newFirst = h.newCount === 0 ? h.newStart + 1 : h.newStart;
    out.push(...after.slice(newFirst - 1, newFirst - 1 + h.newCount));
    next = oldFirst + h.oldCount;
  }
  out.push(...before.slice(next - 1));
  return out;
}
