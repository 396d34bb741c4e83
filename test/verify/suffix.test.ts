import { describe, expect, it } from '@jest/globals';
import { suffixCandidates } from '../../src/verify/suffix.js';
import { snapshotOf } from '../helpers/snapshot.js';
import type { Tree } from '../../src/repo/types.js';

const tree = snapshotOf({ files: { 'backend/app/gemini.py': '', 'app/gemini.py.bak': '', 'x/mygemini.py': '', 'a/util.py': '', 'b/util.py': '', 'util.py': '' } }).trees.values().next().value as Tree;

describe('suffixCandidates', () => {
  it('finds files whose path ends with the name, by whole segments', () => {
    expect(suffixCandidates(tree, 'gemini.py', new Set())).toEqual(['backend/app/gemini.py']);
    expect(suffixCandidates(tree, 'app/gemini.py', new Set())).toEqual(['backend/app/gemini.py']);
    expect(suffixCandidates(tree, 'pp/gemini.py', new Set())).toEqual([]);
    expect(suffixCandidates(tree, 'nothing.py', new Set())).toEqual([]);
  });

  it('never offers the path itself, only longer ones', () => {
    expect(suffixCandidates(tree, 'util.py', new Set())).toEqual(['a/util.py', 'b/util.py']);
  });

  it('keeps only the preferred candidates when there are some', () => {
    expect(suffixCandidates(tree, 'util.py', new Set(['b/util.py', 'elsewhere/util.py']))).toEqual(['b/util.py']);
    expect(suffixCandidates(tree, 'util.py', new Set(['elsewhere/util.py']))).toEqual(['a/util.py', 'b/util.py']);
  });
});
