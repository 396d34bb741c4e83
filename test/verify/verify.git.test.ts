/**
 * End to end on a real throwaway repository: a Markdown plan parsed, read through GitRepoReader in
 * its two rounds, and checked, with a JUnit report given.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePlan } from '../../src/plan/parse.js';
import { GitRepoReader } from '../../src/repo/git.js';
import { DEFAULT_SETTINGS } from '../../src/verify/checks/context.js';
import { parseJUnit } from '../../src/verify/junit.js';
import type { Report } from '../../src/verify/report.js';
import { verifyPlans } from '../../src/verify/verify.js';
import { lines, TestRepo } from '../helpers/repo.js';

const PAY = [
  'import provider', // 1
  '', // 2
  '', // 3
  'def charge(amount):', // 4
  '    # TODO: retries', // 5
  '    return provider.charge(amount)', // 6
  '', // 7
  '', // 8
  'def refund(amount):', // 9
  '    """Refund a charge."""', // 10
  '    raise NotImplementedError', // 11
].join('\n') + '\n';

const TESTS = [
  'from app.pay import charge', // 1
  '', // 2
  '', // 3
  'def test_charge():', // 4
  '    assert charge(5) == "ok"', // 5
  '', // 6
  '', // 7
  'def test_receipt():', // 8
  '    pass', // 9
].join('\n') + '\n';

const JUNIT = `<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="0" failures="0" skipped="0" tests="2"><testcase classname="tests.test_pay" name="test_charge" time="0.01"/><testcase classname="tests.test_pay" name="test_receipt" time="0.00"/></testsuite></testsuites>`;

function planText(first: string, second: string): string {
  return `# Payments plan

### P-001: Charge cards
**Status:** ✅ Done
**File:** \`app/pay.py:L4-L6\`
**Commit:** \`${first.slice(0, 7)}\`
**Lines Added:** 20
**Test:** \`tests/test_pay.py::test_charge\` PASSING

### P-002: Refunds
**Status:** ✅ Done
**File:** \`app/pay.py:L9-L11\`
**Commit:** \`${first.slice(0, 7)}\`
**Lines Added:** 60
**Test:** \`tests/test_pay.py::test_refund\`

### P-003: Receipts
**Status:** In Progress
**Files:** \`receipts.py\` (3 lines)
**Commit:** \`${second.slice(0, 10)}\`
**Lines Added:** 3
**Test:** \`tests/test_pay.py::test_receipt\` PASSING

### P-004: Receipt module
**Status:** Todo
**File:** \`app/receipts.py\`
`;
}

/** Each item as `verdict: kind=code ...`, for readable expectations. */
function codes(report: Report): Record<string, string> {
  return Object.fromEntries(report.plans.flatMap((p) => p.items.map((i) => [i.item.id, `${i.verdict}: ${i.claims.map((c) => `${c.claim.kind}=${c.code}`).join(' ')}`])));
}

describe('verifyPlans over a real repository', () => {
  let repo: TestRepo;
  let first: string;
  let second: string;

  beforeAll(async () => {
    repo = await TestRepo.create();
    first = await repo.commit('payments', { 'app/pay.py': PAY, 'tests/test_pay.py': TESTS, 'README.md': lines(5) });
    second = await repo.commit('receipts', { 'app/receipts.py': 'def receipt(charge):\n    return {"id": charge.id}\n\n' });
  });
  afterAll(() => repo.remove());

  it('judges hollow and real ranges, defined, missing and hollow tests, line counts and test results', async () => {
    const plan = parsePlan('docs/PLAN.md', planText(first, second));
    const reports = [parseJUnit(JUNIT, 'junit.xml')];
    const report = await verifyPlans([plan], new GitRepoReader(repo.dir), { ref: 'HEAD', reports });
    expect(report.ref).toBe(second);
    expect(codes(report)).toEqual({
      'P-001': 'verified: range=range-exists commit=commit-touches-files loc=loc-matches test=test-defined test-result=tests-passed',
      'P-002': 'unverified: range=hollow-range commit=commit-touches-files loc=loc-mismatch test=test-not-defined status=done-but-unverified',
      'P-003': 'unverified: file=file-exists loc=loc-matches commit=commit-touches-files loc=loc-matches test=test-hollow test-result=tests-passed',
      'P-004': 'verified: file=file-exists',
    });
    const claims = report.plans[0]!.items.flatMap((i) => i.claims);
    expect(claims.find((c) => c.code === 'hollow-range')?.reason).toBe('lines 9-11 of app/pay.py hold no real code: its body is only a stub: `raise NotImplementedError`');
    expect(claims.find((c) => c.code === 'loc-mismatch')?.reason).toBe('claimed 60 added, actual 20, more than 6 off');
    expect(claims.find((c) => c.code === 'test-hollow')?.reason).toBe("'test_receipt' (tests/test_pay.py:8) proves nothing: its body is only `pass`");
    expect(claims.find((c) => c.claim.kind === 'loc' && c.claim.measure === 'file-lines')?.reason).toBe('claimed 3 lines long, actual 3 (within 3)');
    expect(report.plans[0]!.items[3]!.notice).toBe("all of P-004's evidence verifies, but it is marked todo: mark it done?");
    expect(report.summary).toEqual({ items: 4, claims: 17, verified: 12, unverified: 5, unknown: 0 });
  });

  it('leaves test results unknown when no report is given, and applies the configured policy', async () => {
    const plan = parsePlan('docs/PLAN.md', planText(first, second));
    const strict = { ...DEFAULT_SETTINGS.policy, locTolerance: { percent: 0, lines: 0 }, hollow: [/^return provider\.charge\(amount\)$/] };
    const report = await verifyPlans([plan], new GitRepoReader(repo.dir), { ref: 'HEAD', policy: strict });
    expect(codes(report)['P-001']).toBe('unverified: range=hollow-range commit=commit-touches-files loc=loc-matches test=test-defined test-result=no-test-report status=done-but-unverified');
  });

  it('reads the plan at an older ref: what was added later does not exist there', async () => {
    const plan = parsePlan('docs/PLAN.md', planText(first, second));
    const report = await verifyPlans([plan], new GitRepoReader(repo.dir), { ref: first });
    expect(codes(report)['P-004']).toBe('unknown: file=not-started');
    expect(codes(report)['P-003']).toMatch(/commit=commit-not-reachable/);
  });
});

describe('verifyPlans over a shallow clone', () => {
  let origin: TestRepo;
  let clone: string;
  let tip: string;

  beforeAll(async () => {
    origin = await TestRepo.create();
    await origin.commit('one', { 'app/a.py': lines(50, 'x =') });
    tip = await origin.commit('two', { 'app/a.py': lines(52, 'x =') });
    clone = await mkdtemp(join(tmpdir(), 'claimcheck-shallow-e2e-'));
    await origin.git.clone(`file://${origin.dir}`, clone, ['--depth', '1']);
  });
  afterAll(async () => {
    await origin.remove();
    await rm(clone, { recursive: true, force: true });
  });

  it('never verifies a line count or a touched file from the boundary commit, which git shows adding every file', async () => {
    const plan = parsePlan('PLAN.md', `### S-001: Two more lines\n**File:** \`app/a.py\`\n**Commit:** \`${tip.slice(0, 7)}\`\n**Lines Added:** 52\n`);
    const report = await verifyPlans([plan], new GitRepoReader(clone), { ref: 'HEAD' });
    expect(codes(report)).toEqual({ 'S-001': 'unknown: file=file-exists commit=commit-changes-unavailable loc=commit-unavailable' });
  });
});
