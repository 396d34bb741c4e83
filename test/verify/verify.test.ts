import { describe, expect, it } from '@jest/globals';
import { parsePlan } from '../../src/plan/parse.js';
import type { Claim, Plan } from '../../src/plan/types.js';
import type { ContentNeeds, History, Needs, RepoReader, Snapshot } from '../../src/repo/types.js';
import { DEFAULT_SETTINGS } from '../../src/verify/checks/context.js';
import { checkClaim, checkPlans, verifyPlans } from '../../src/verify/verify.js';
import type { Report } from '../../src/verify/report.js';
import { found, lines, REF, snapshotOf, type SnapshotSpec } from '../helpers/snapshot.js';
import { contextOf } from './claims.js';

const PIN = '0123456789abcdef0123456789abcdef01234567';
const OTHER = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const TOO_LONG = '1234567890abcdef1234567890abcdef123456789';

const PLAN = `# Plan

### T-001: Add the parser
**Status:** Done
**File:** \`src/a.ts:L1-L5\`, \`src/b.ts\`
**Commit:** \`a1b2c3d\`

### T-002: Parser tests
**Status:** Done
**File:** \`src/a.ts:L8-L12\`
**Commit:** \`a1b2c3d\`
**Lines Added:** 45
**Test:** \`tests/test_a.py::test_x\` PASSING

### T-003: Template left as is ✅
**Expected LOC:** +XX/-YY
**Commit:** [commit-hash]

### T-004: Links and permalinks
**Status:** In Progress
See [x](../src/x.ts#L2-L3) and [y](../../y.ts) and https://github.com/acme/widgets/blob/${PIN}/src/old.ts#L1-L2
and https://github.com/other/repo/commit/${OTHER}

### T-005: Wrong evidence
**Status:** In Progress
**File:** \`src/a.ts:L9-L99\`, \`src/link.ts\`, \`assets/logo.png:L1\`
**Commit:** \`${TOO_LONG}\`, \`beefbeef\`

### T-006: Nothing at all
**Status:** Done
`;

const REPO: SnapshotSpec = {
  files: { 'src/a.ts': lines(12), 'src/b.ts': lines(3), 'src/x.ts': lines(3) },
  symlinks: { 'src/link.ts': 'a.ts' },
  binaries: ['assets/logo.png'],
  commits: { a1b2c3d: found(['src/a.ts']), [PIN]: {}, beefbeef: 'missing' },
  pinned: { [PIN]: { files: { 'src/old.ts': lines(2) } } },
  repositories: ['acme/widgets'],
};

function codes(report: Report): Record<string, string> {
  return Object.fromEntries(report.plans.flatMap((p) => p.items.map((i) => [i.item.id, `${i.verdict}: ${i.claims.map((c) => `${c.claim.kind}=${c.code}`).join(' ')}`])));
}

describe('checkPlans', () => {
  const plan = parsePlan('docs/PLAN.md', PLAN);

  it('judges every claim of a parsed plan and every item from its claims', () => {
    expect(codes(checkPlans([plan], snapshotOf(REPO)))).toEqual({
      'T-001': 'verified: range=range-exists file=file-exists commit=commit-touches-files',
      'T-002': 'unverified: range=range-exists commit=commit-touches-files loc=loc-mismatch test=test-file-missing test-result=no-test-report status=done-but-unverified',
      'T-003': 'unverified: unfilled=placeholder unfilled=placeholder status=no-evidence',
      'T-004': 'unverified: range=range-exists file=path-outside-repo range=range-exists commit=foreign-repository',
      'T-005': 'unverified: range=range-out-of-bounds file=not-a-regular-file range=binary-file commit=invalid-commit-id commit=commit-not-found',
      'T-006': 'unverified: status=no-evidence',
    });
  });

  it('keeps the claim positions and the verdict of each claim', () => {
    const report = checkPlans([plan], snapshotOf(REPO));
    const t3 = report.plans[0]!.items[2]!;
    expect(t3.claims.at(-1)).toMatchObject({ claim: { kind: 'status', line: 15 }, verdict: 'unverified', code: 'no-evidence' });
    const t4 = report.plans[0]!.items[3]!;
    expect(t4.claims.map((c) => c.verdict)).toEqual(['verified', 'unverified', 'verified', 'unknown']);
    expect(t4.claims[0]?.reason).toContain('src/x.ts');
  });

  it('counts every claim in the summary, the no-evidence claims included', () => {
    const { summary, ref, plans } = checkPlans([plan], snapshotOf(REPO));
    expect(ref).toBe(REF);
    expect(plans.map((p) => p.path)).toEqual(['docs/PLAN.md']);
    expect(summary).toEqual({ items: 6, claims: 22, verified: 7, unverified: 11, unknown: 4 });
  });

  it('checks commit URLs into any repository when this one has no known name', () => {
    const report = checkPlans([plan], snapshotOf({ ...REPO, repositories: null, commits: { ...REPO.commits, [OTHER]: 'missing' } }));
    expect(report.plans[0]!.items[3]!.claims[3]).toMatchObject({ verdict: 'unverified', code: 'commit-not-found' });
  });

  it('never says verified when the snapshot holds no fact at all', () => {
    const report = checkPlans([plan], snapshotOf({ noTree: true }));
    const verdicts = report.plans.flatMap((p) => p.items.flatMap((i) => [i.verdict, ...i.claims.map((c) => c.verdict)]));
    expect(verdicts).not.toContain('verified');
    expect(report.summary.verified).toBe(0);
  });

  it('never says unverified about a commit a shallow clone lacks or cannot place', () => {
    const shallow = snapshotOf({ ...REPO, shallow: true, commits: { a1b2c3d: found(['src/a.ts'], false), [PIN]: 'missing', beefbeef: 'missing' } });
    const report = checkPlans([plan], shallow);
    const commitish = report.plans[0]!.items.flatMap((i) => i.claims).filter((c) => c.claim.kind === 'commit' && c.code !== 'invalid-commit-id' && c.code !== 'foreign-repository');
    expect(commitish.map((c) => c.code)).toEqual(['shallow-clone', 'shallow-clone', 'shallow-clone']);
    const pinned = report.plans[0]!.items[3]!.claims[2];
    expect(pinned).toMatchObject({ verdict: 'unknown', code: 'shallow-clone' });
  });

  it('reads root paths from the configured sub-project', () => {
    const sub = parsePlan('PLAN.md', '### S-001: Sub\n**File:** `/src/a.ts:L1-L2`\n');
    expect(codes(checkPlans([sub], snapshotOf({ files: { 'src/a.ts': lines(2) } }), { ...DEFAULT_SETTINGS, root: 'packages/api' }))).toEqual({ 'S-001': 'unverified: range=file-not-found' });
    expect(codes(checkPlans([sub], snapshotOf({ files: { 'packages/api/src/a.ts': lines(2) } }), { ...DEFAULT_SETTINGS, root: 'packages/api' }))).toEqual({ 'S-001': 'verified: range=range-exists' });
  });

  it('checks YAML plans the same way', () => {
    const yaml = parsePlan('plan.yaml', 'items:\n  - id: Y-1\n    status: done\n    evidence:\n      - file: src/a.ts\n        lines: [3, 4]\n      - commit: a1b2c3d\n');
    expect(codes(checkPlans([yaml], snapshotOf(REPO)))).toEqual({ 'Y-1': 'verified: range=range-exists commit=commit-touches-files' });
  });

  it('adds a notice to an item whose evidence all verifies but which is not done, and to no other', () => {
    const report = checkPlans([plan], snapshotOf(REPO));
    const notices = report.plans[0]!.items.map((i) => i.notice);
    expect(notices).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    const todo = parsePlan('PLAN.md', '### N-1: Ready\n**Status:** In Progress\n**File:** `src/b.ts`\n');
    expect(checkPlans([todo], snapshotOf(REPO)).plans[0]!.items[0]!.notice).toBe("all of N-1's evidence verifies, but it is marked in-progress: mark it done?");
  });

  it('prefers the full path a plan cites in another item when a bare name is ambiguous', () => {
    const spec: SnapshotSpec = { files: { 'a/util.ts': lines(3), 'b/util.ts': lines(3) } };
    const bare = parsePlan('PLAN.md', '### B-1: Bare\n**File:** `util.ts`\n');
    expect(codes(checkPlans([bare], snapshotOf(spec)))).toEqual({ 'B-1': 'unknown: file=ambiguous-path' });
    const both = parsePlan('PLAN.md', '### B-1: Bare\n**File:** `util.ts`\n\n### B-2: Full\n**File:** `b/util.ts:L1-L2`\n');
    expect(codes(checkPlans([both], snapshotOf(spec)))).toEqual({ 'B-1': 'verified: file=file-exists', 'B-2': 'verified: range=range-exists' });
    expect(checkPlans([both], snapshotOf(spec)).plans[0]!.items[0]!.claims[0]!.reason).toContain('b/util.ts');
  });

  it('gives an empty report for no plans', () => {
    expect(checkPlans([], snapshotOf())).toEqual({ ref: REF, plans: [], summary: { items: 0, claims: 0, verified: 0, unverified: 0, unknown: 0 } });
  });
});

describe('checkClaim', () => {
  it('leaves a status claim unknown: only the verifier makes them', () => {
    const claim: Claim = { kind: 'status', status: 'done', text: 'Done', line: 1, column: 1 };
    expect(checkClaim(claim, contextOf(snapshotOf()))).toMatchObject({ verdict: 'unknown', code: 'status-not-checked' });
  });
});

/** A RepoReader that answers from memory and records what it was asked, round by round. */
class FakeReader implements RepoReader {
  readonly revisions: string[] = [];
  readonly histories: Needs[] = [];
  readonly contents: ContentNeeds[] = [];

  constructor(private readonly spec: SnapshotSpec) {}

  async resolveRef(revision: string): Promise<string> {
    this.revisions.push(revision);
    return REF;
  }

  async readHistory(needs: Needs): Promise<History> {
    this.histories.push(needs);
    const { blobs: _, ...history } = snapshotOf({ ...this.spec, ref: needs.ref });
    return history;
  }

  /** Only the blobs asked for, as a real reader gives them: nothing else is known. */
  async readContents(wanted: ContentNeeds): Promise<Snapshot['blobs']> {
    this.contents.push(wanted);
    const all = snapshotOf({ ...this.spec, ref: REF }).blobs;
    const blobs: Snapshot['blobs'] = new Map();
    for (const [commit, paths] of wanted) for (const path of paths) if (all.has(`${commit}:${path}`)) blobs.set(`${commit}:${path}`, all.get(`${commit}:${path}`)!);
    return blobs;
  }
}

describe('verifyPlans', () => {
  const plans: Plan[] = [
    parsePlan('docs/PLAN.md', PLAN),
    parsePlan('docs/OTHER.md', `### O-001: Again\n**File:** [a](../src/a.ts#L1-L2) \`src/b.ts\` https://github.com/acme/widgets/blob/${PIN}/src/old.ts#L2\n**Commit:** \`a1b2c3d\`\n`),
  ];

  it('resolves the ref, reads history once and contents once with deduplicated needs, and checks against what it read', async () => {
    const reader = new FakeReader(REPO);
    const report = await verifyPlans(plans, reader, { ref: 'main' });
    expect(reader.revisions).toEqual(['main']);
    expect(reader.histories).toHaveLength(1);
    expect(reader.contents).toHaveLength(1);
    const needs = reader.histories[0]!;
    expect(needs.ref).toBe(REF);
    expect(needs.trees).toEqual(new Set([REF, PIN]));
    expect(needs.commits).toEqual(new Set(['a1b2c3d', OTHER, 'beefbeef', PIN]));
    expect(reader.contents[0]).toEqual(
      new Map([
        [REF, new Set(['src/a.ts', 'src/b.ts', 'src/x.ts', 'assets/logo.png'])],
        [PIN, new Set(['src/old.ts'])],
      ]),
    );
    expect(report.ref).toBe(REF);
    expect(codes(report)['O-001']).toBe('verified: range=range-exists file=file-exists range=range-exists commit=commit-touches-files');
    expect(report.summary.items).toBe(7);
    expect(report).toEqual(checkPlans(plans, snapshotOf(REPO)));
  });

  it('passes the sub-project root to the needs and the checks', async () => {
    const reader = new FakeReader({ files: { 'packages/api/src/a.ts': lines(2) } });
    const sub = parsePlan('PLAN.md', '### S-001: Sub\n**File:** `/src/a.ts:L1-L2`\n');
    const report = await verifyPlans([sub], reader, { ref: 'HEAD', root: 'packages/api' });
    expect(reader.contents[0]).toEqual(new Map([[REF, new Set(['packages/api/src/a.ts'])]]));
    expect(codes(report)).toEqual({ 'S-001': 'verified: range=range-exists' });
  });

  it('asks for contents in the trees the first round listed, and only for files found there', async () => {
    const reader = new FakeReader(REPO);
    let listed: History['trees'] | undefined;
    let given: History['trees'] | undefined;
    const spy: RepoReader = {
      resolveRef: (r) => reader.resolveRef(r),
      readHistory: async (n) => {
        const history = await reader.readHistory(n);
        listed = history.trees;
        return history;
      },
      readContents: (wanted, trees) => {
        given = trees;
        return reader.readContents(wanted);
      },
    };
    await verifyPlans([parsePlan('PLAN.md', '### A-1: A\n**File:** `src/a.ts`, `src/nope.ts`, `a.ts`\n')], spy, { ref: 'HEAD' });
    expect(given).toBe(listed);
    expect(reader.contents[0]).toEqual(new Map([[REF, new Set(['src/a.ts'])]]));
  });

  it('passes the reports and the policy to the checks, and ignores settings given as undefined', async () => {
    const plan = parsePlan(
      'PLAN.md',
      '### R-1: Tested\n**Status:** Done\n**File:** `src/a.py:L1-L2`\n**Test:** `tests/test_a.py::test_a` PASSING\n',
    );
    const spec: SnapshotSpec = { files: { 'src/a.py': 'def a():\n    stub_here()\n', 'tests/test_a.py': 'def test_a():\n    assert a() is None\n' } };
    const reports = [{ source: 'junit.xml', cases: [{ classname: 'tests.test_a', name: 'test_a', outcome: 'passed' as const }] }];
    const plain = await verifyPlans([plan], new FakeReader(spec), { ref: 'HEAD', root: undefined, reports: undefined, policy: undefined });
    expect(codes(plain)).toEqual({ 'R-1': 'unknown: range=range-exists test=test-defined test-result=no-test-report' });
    const policy = { ...DEFAULT_SETTINGS.policy, hollow: [/^stub_here\(\)$/] };
    const full = await verifyPlans([plan], new FakeReader(spec), { ref: 'HEAD', reports, policy });
    expect(codes(full)).toEqual({ 'R-1': 'unverified: range=hollow-range test=test-defined test-result=tests-passed status=done-but-unverified' });
  });

  it('lets a reader error through rather than report anything', async () => {
    const reader: RepoReader = {
      resolveRef: async () => REF,
      readHistory: async () => {
        throw new Error('git exploded');
      },
      readContents: async () => new Map(),
    };
    await expect(verifyPlans(plans, reader, { ref: 'HEAD' })).rejects.toThrow('git exploded');
  });
});
