import { describe, expect, it } from '@jest/globals';
import { findBlock, mapRange } from '../../src/verify/drift.js';

const hunk = (oldStart: number, oldCount: number, newStart: number, newCount: number) => ({ oldStart, oldCount, newStart, newCount });

describe('mapRange', () => {
  it('leaves a block alone when no hunk touches or precedes it', () => {
    expect(mapRange([], 10, 20)).toEqual({ kind: 'unchanged' });
    expect(mapRange([hunk(30, 2, 30, 5)], 10, 20)).toEqual({ kind: 'unchanged' });
  });

  it('shifts a block down by lines inserted above it, and up by lines deleted above it', () => {
    expect(mapRange([hunk(2, 0, 3, 4)], 10, 20)).toEqual({ kind: 'moved', start: 14, end: 24, edited: false });
    expect(mapRange([hunk(2, 3, 1, 0)], 10, 20)).toEqual({ kind: 'moved', start: 7, end: 17, edited: false });
  });

  it('follows a block edited inside: lines added within move its end', () => {
    expect(mapRange([hunk(15, 1, 15, 3)], 10, 20)).toEqual({ kind: 'moved', start: 10, end: 22, edited: true });
  });

  it('calls a block edited in place, same size, unchanged: the range still names it', () => {
    expect(mapRange([hunk(12, 2, 12, 2)], 10, 20)).toEqual({ kind: 'unchanged' });
  });

  it('calls a block deleted when less than half of it is left', () => {
    expect(mapRange([hunk(10, 11, 9, 0)], 10, 20)).toEqual({ kind: 'deleted' });
    expect(mapRange([hunk(10, 7, 10, 7)], 10, 20)).toEqual({ kind: 'deleted' });
  });

  it('places an edge that fell in a deletion at the next surviving line', () => {
    expect(mapRange([hunk(10, 2, 9, 0)], 10, 20)).toEqual({ kind: 'moved', start: 10, end: 18, edited: true });
  });
});

describe('findBlock', () => {
  const text = 'a\n  def f():\n      return 1\nb\n';
  it('finds a block again by its lines, indentation aside', () => {
    expect(findBlock(['def f():', '    return 1'], text)).toEqual({ start: 2, end: 3 });
  });

  it('refuses to guess between two places, and never searches blank blocks', () => {
    expect(findBlock(['x'], 'x\ny\nx\n')).toBeNull();
    expect(findBlock(['', '  '], text)).toBeNull();
    expect(findBlock(['nowhere'], text)).toBeNull();
  });
});

describe('readDriftFacts', () => {
  it('gives no facts when the reader cannot blame, or fails to: ranges are then judged as they stand', async () => {
    const { readDriftFacts } = await import('../../src/verify/drift-facts.js');
    const { DEFAULT_SETTINGS } = await import('../../src/verify/checks/context.js');
    const { parsePlan } = await import('../../src/plan/parse.js');
    const { snapshotOf } = await import('../helpers/snapshot.js');
    const history = snapshotOf({ files: { 'a.py': 'x = 1\n' } });
    const plans = [parsePlan('PLAN.md', '### A-1: A\n- **File:** `a.py:L1`\n')];
    const base = { resolveRef: async () => history.ref, readHistory: async () => history, readContents: async () => new Map() };
    expect(await readDriftFacts(plans, history, base, DEFAULT_SETTINGS)).toBeUndefined();
    const failing = { ...base, blameLines: async () => Promise.reject(new Error('502')), readFileHistories: async () => new Map() };
    expect(await readDriftFacts(plans, history, failing, DEFAULT_SETTINGS)).toBeUndefined();
    const blamed: string[] = [];
    const working = {
      ...base,
      blameLines: async (plan: string, lines: number[]) => (blamed.push(`${plan}:${lines.join(',')}`), new Map([[2, 'f'.repeat(40)]])),
      readFileHistories: async (_from: string, _to: string, paths: string[]) => new Map(paths.map((p) => [p, { oldText: 'x = 1\n', hunks: [] }])),
    };
    const facts = await readDriftFacts(plans, history, working, DEFAULT_SETTINGS);
    expect(blamed).toEqual(['PLAN.md:2']);
    expect(facts?.files.get(`${'f'.repeat(40)}:a.py`)).toEqual({ oldText: 'x = 1\n', hunks: [] });
  });
});
