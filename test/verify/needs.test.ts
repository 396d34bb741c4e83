import { describe, expect, it } from '@jest/globals';
import { parsePlan } from '../../src/plan/parse.js';
import type { Claim, Plan } from '../../src/plan/types.js';
import { DEFAULT_SETTINGS } from '../../src/verify/checks/context.js';
import { collectContents, collectNeeds } from '../../src/verify/needs.js';
import { REF, snapshotOf, type SnapshotSpec } from '../helpers/snapshot.js';
import { commitClaim, fileClaim, itemOf, locClaim, rangeClaim, testClaim } from './claims.js';

const PIN = '0123456789abcdef0123456789abcdef01234567';

function planOf(claims: Claim[], path = 'PLAN.md'): Plan {
  return { path, items: [itemOf(claims)] };
}

/** First-round needs as plain arrays, for readable expectations. */
function needsOf(plans: Plan[]) {
  const needs = collectNeeds(plans, REF);
  return { ref: needs.ref, trees: [...needs.trees].sort(), commits: [...needs.commits].sort() };
}

/** Second-round needs (file contents) against the history a spec describes, as plain arrays. */
function contentsOf(plans: Plan[], spec: SnapshotSpec, root = '') {
  const contents = collectContents(plans, snapshotOf(spec), { ...DEFAULT_SETTINGS, root });
  return Object.fromEntries([...contents].map(([commit, paths]) => [commit, [...paths].sort()]));
}

const REPO: SnapshotSpec = {
  files: {
    'src/a.ts': 'a\n',
    'src/b.ts': 'b\n',
    'src/x.ts': 'x\n',
    'src/y.ts': 'y\n',
    'src/z.ts': 'z\n',
    'packages/api/src/y.ts': 'y\n',
    'packages/api/src/z.ts': 'z\n',
    'tests/test_a.py': 'def test_x():\n    assert 1\n',
    'backend/app/gemini.py': 'x = 1\n',
  },
  symlinks: { 'src/link.ts': 'a.ts' },
};

describe('collectNeeds (first round: history)', () => {
  it('needs nothing for a plan without evidence', () => {
    expect(needsOf([{ path: 'PLAN.md', items: [] }])).toEqual({ ref: REF, trees: [], commits: [] });
  });

  it('needs the tree at the ref for a file or a range', () => {
    expect(needsOf([planOf([fileClaim('src/a.ts')])])).toEqual({ ref: REF, trees: [REF], commits: [] });
    expect(needsOf([planOf([rangeClaim('src/a.ts', 1, 2)])])).toEqual({ ref: REF, trees: [REF], commits: [] });
  });

  it('needs the tree at the ref for a test file and for a file whose length is claimed', () => {
    expect(needsOf([planOf([testClaim('test_x', 'tests/test_a.py')])])).toEqual({ ref: REF, trees: [REF], commits: [] });
    expect(needsOf([planOf([locClaim('file-lines', 40, { target: 'src/a.ts' })])])).toEqual({ ref: REF, trees: [REF], commits: [] });
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

  it('needs the pinned commit and its tree for a permalink, and not the tree at the ref', () => {
    const needs = needsOf([planOf([rangeClaim('src/a.ts', 1, 2, { pin: { sha: PIN, repository: 'acme/widgets' } }), fileClaim('src/b.ts', { pin: { sha: PIN } })])]);
    expect(needs).toEqual({ ref: REF, trees: [PIN], commits: [PIN] });
  });

  it('reads a branch link (no pinned sha) at the ref', () => {
    expect(needsOf([planOf([rangeClaim('src/a.ts', 1, 2, { pin: { repository: 'acme/widgets' } })])])).toEqual({ ref: REF, trees: [REF], commits: [] });
  });

  it('needs nothing for placeholders, results and line counts of commits', () => {
    const claims: Claim[] = [
      { kind: 'unfilled', intended: 'range', text: 'src/a.py:LXX-LYY', line: 1, column: 1 },
      { kind: 'test-result', status: 'done', text: 'PASSING', line: 1, column: 1 },
      locClaim('added', 4),
      testClaim('test_x'),
    ];
    expect(needsOf([planOf(claims)])).toEqual({ ref: REF, trees: [], commits: [] });
  });

  it('asks once for what many claims, items and plans share', () => {
    const one = parsePlan(
      'docs/PLAN.md',
      '### T-001: A\n**File:** `src/a.ts:L1-L5`, `src/a.ts:L7`\n**Commit:** `a1b2c3d`\n\n### T-002: B\n**File:** [a](../src/a.ts#L2) `src/b.ts`\n**Commit:** `a1b2c3d`\n',
    );
    const two = parsePlan('PLAN.yaml', 'items:\n  - id: Y-1\n    evidence:\n      - file: src/a.ts\n        lines: 3-4\n      - commit: a1b2c3d\n');
    const needs = collectNeeds([one, two], REF);
    expect(needs.trees).toEqual(new Set([REF]));
    expect(needs.commits).toEqual(new Set(['a1b2c3d']));
    expect(collectContents([one, two], snapshotOf(REPO), DEFAULT_SETTINGS)).toEqual(new Map([[REF, new Set(['src/a.ts', 'src/b.ts'])]]));
  });
});

describe('collectContents (second round: the files the claims cite)', () => {
  it('needs the content of every cited file: ranges for their lines, files for the hollow-file check', () => {
    expect(contentsOf([planOf([fileClaim('src/a.ts'), rangeClaim('src/b.ts', 1, 1)])], REPO)).toEqual({ [REF]: ['src/a.ts', 'src/b.ts'] });
  });

  it('needs the content of test files and of files whose length is claimed', () => {
    expect(contentsOf([planOf([testClaim('test_x', 'tests/test_a.py'), locClaim('file-lines', 1, { target: 'src/x.ts' })])], REPO)).toEqual({
      [REF]: ['src/x.ts', 'tests/test_a.py'],
    });
  });

  it('needs the content at the pinned commit for a permalink', () => {
    const spec: SnapshotSpec = { ...REPO, commits: { [PIN]: {} }, pinned: { [PIN]: { files: { 'src/old.ts': 'old\n' } } } };
    expect(contentsOf([planOf([rangeClaim('src/old.ts', 1, 1, { pin: { sha: PIN } }), fileClaim('src/a.ts')])], spec)).toEqual({ [PIN]: ['src/old.ts'], [REF]: ['src/a.ts'] });
  });

  it('needs the content of the file a bare name resolves to', () => {
    expect(contentsOf([planOf([rangeClaim('gemini.py', 1, 1), fileClaim('app/gemini.py')])], REPO)).toEqual({ [REF]: ['backend/app/gemini.py'] });
  });

  it('needs nothing for files that are missing, ambiguous, not regular, outside the repository or in an unlisted tree', () => {
    const claims = [fileClaim('src/missing.ts'), fileClaim('y.ts'), fileClaim('src/link.ts'), fileClaim('src'), rangeClaim('../x.ts', 1, 2), fileClaim('/../y.ts')];
    expect(contentsOf([planOf(claims)], REPO)).toEqual({});
    expect(contentsOf([planOf([fileClaim('src/a.ts')])], { ...REPO, noTree: true })).toEqual({});
    expect(contentsOf([planOf([rangeClaim('src/a.ts', 1, 1, { pin: { sha: PIN } })])], { ...REPO, commits: { [PIN]: 'missing' } })).toEqual({});
  });

  it('resolves paths as the checks do: from the plan folder for links, from the root for the rest', () => {
    const plan = planOf([rangeClaim('../src/x.ts', 1, 2, { base: 'plan' }), rangeClaim('/src/y.ts', 1, 2), rangeClaim('src/z.ts', 1, 2)], 'docs/PLAN.md');
    expect(contentsOf([plan], REPO)).toEqual({ [REF]: ['src/x.ts', 'src/y.ts', 'src/z.ts'] });
    expect(contentsOf([plan], REPO, 'packages/api')).toEqual({ [REF]: ['packages/api/src/y.ts', 'packages/api/src/z.ts', 'src/x.ts'] });
  });
});
