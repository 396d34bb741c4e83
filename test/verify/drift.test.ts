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
