import { describe, expect, it } from '@jest/globals';
import { parsePlan } from '../../src/plan/parse.js';
import type { Claim, Plan } from '../../src/plan/types.js';
import { collectNeeds } from '../../src/verify/needs.js';
import { REF } from '../helpers/snapshot.js';
import { commitClaim, fileClaim, itemOf, rangeClaim } from './claims.js';

const PIN = '0123456789abcdef0123456789abcdef01234567';

function planOf(claims: Claim[], path = 'PLAN.md'): Plan {
  return { path, items: [itemOf(claims)] };
}

/** Needs as plain arrays, for readable expectations. */
function needsOf(plans: Plan[], root = '') {
  const needs = collectNeeds(plans, REF, root);
  return {
    ref: needs.ref,
    trees: [...needs.trees].sort(),
    contents: Object.fromEntries([...needs.contents].map(([commit, paths]) => [commit, [...paths].sort()])),
    commits: [...needs.commits].sort(),
  };
}

describe('collectNeeds', () => {
  it('needs nothing for a plan without evidence', () => {
    expect(needsOf([{ path: 'PLAN.md', items: [] }])).toEqual({ ref: REF, trees: [], contents: {}, commits: [] });
  });

  it('needs the tree at the ref for a file, and its content only for a range', () => {
    expect(needsOf([planOf([fileClaim('src/a.ts')])])).toEqual({ ref: REF, trees: [REF], contents: {}, commits: [] });
    expect(needsOf([planOf([rangeClaim('src/a.ts', 1, 2)])])).toEqual({ ref: REF, trees: [REF], contents: { [REF]: ['src/a.ts'] }, commits: [] });
  });

  it('needs each cited commit id as written', () => {
    expect(needsOf([planOf([commitClaim('a1b2c3d'), commitClaim('a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', 'other/repo')])]).commits).toEqual([
      'a1b2c3d',
      'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    ]);
  });

  it('does not look up what is no commit id', () => {
    expect(needsOf([planOf([commitClaim('1234567890abcdef1234567890abcdef123456789'), commitClaim('abc12'), commitClaim('[commit-hash]')])]).commits).toEqual([]);
  });

  it('needs the pinned commit, its tree and the content there for a permalink', () => {
    const needs = needsOf([planOf([rangeClaim('src/a.ts', 1, 2, { pin: { sha: PIN, repository: 'acme/widgets' } }), fileClaim('src/b.ts', { pin: { sha: PIN } })])]);
    expect(needs).toEqual({ ref: REF, trees: [PIN], contents: { [PIN]: ['src/a.ts'] }, commits: [PIN] });
  });

  it('reads a branch link (no pinned sha) at the ref', () => {
    expect(needsOf([planOf([rangeClaim('src/a.ts', 1, 2, { pin: { repository: 'acme/widgets' } })])])).toEqual({
      ref: REF,
      trees: [REF],
      contents: { [REF]: ['src/a.ts'] },
      commits: [],
    });
  });

  it('needs nothing for a path that leaves the repository', () => {
    expect(needsOf([planOf([rangeClaim('../x.ts', 1, 2), fileClaim('/../y.ts')])])).toEqual({ ref: REF, trees: [], contents: {}, commits: [] });
  });

  it('resolves paths as the checks do: from the plan folder for links, from the root for the rest', () => {
    const plan = planOf([rangeClaim('../src/x.ts', 1, 2, { base: 'plan' }), rangeClaim('/src/y.ts', 1, 2), rangeClaim('src/z.ts', 1, 2)], 'docs/PLAN.md');
    expect(needsOf([plan]).contents).toEqual({ [REF]: ['src/x.ts', 'src/y.ts', 'src/z.ts'] });
    expect(needsOf([plan], 'packages/api').contents).toEqual({ [REF]: ['packages/api/src/y.ts', 'packages/api/src/z.ts', 'src/x.ts'] });
  });

  it('needs nothing for placeholders, tests, results and line counts', () => {
    const claims: Claim[] = [
      { kind: 'unfilled', intended: 'range', text: 'src/a.py:LXX-LYY', line: 1, column: 1 },
      { kind: 'test', name: 'test_x', file: { raw: 'tests/a.py', base: 'root' }, text: 'tests/a.py::test_x', line: 1, column: 1 },
      { kind: 'test-result', status: 'done', text: 'PASSING', line: 1, column: 1 },
      { kind: 'loc', measure: 'added', value: 4, estimate: false, approximate: false, text: '+4 lines', line: 1, column: 1 },
    ];
    expect(needsOf([planOf(claims)])).toEqual({ ref: REF, trees: [], contents: {}, commits: [] });
  });

  it('asks once for what many claims, items and plans share', () => {
    const one = parsePlan(
      'docs/PLAN.md',
      '### T-001: A\n**File:** `src/a.ts:L1-L5`, `src/a.ts:L7`\n**Commit:** `a1b2c3d`\n\n### T-002: B\n**File:** [a](../src/a.ts#L2) `src/b.ts`\n**Commit:** `a1b2c3d`\n',
    );
    const two = parsePlan('PLAN.yaml', 'items:\n  - id: Y-1\n    evidence:\n      - file: src/a.ts\n        lines: 3-4\n      - commit: a1b2c3d\n');
    const needs = collectNeeds([one, two], REF);
    expect(needs.trees).toEqual(new Set([REF]));
    expect(needs.contents).toEqual(new Map([[REF, new Set(['src/a.ts'])]]));
    expect(needs.commits).toEqual(new Set(['a1b2c3d']));
  });
});
