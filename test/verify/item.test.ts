import { describe, expect, it } from '@jest/globals';
import type { Claim, Item, Verdict } from '../../src/plan/types.js';
import { forNotStarted, itemVerdict, statusClaims, statusNotice } from '../../src/verify/item.js';
import type { ClaimResult } from '../../src/verify/report.js';
import { commitClaim, fileClaim, itemOf } from './claims.js';

const AT = { line: 2, column: 3 };
const placeholder: Claim = { kind: 'unfilled', intended: 'commit', text: '[commit-hash]', ...AT };
const testResult: Claim = { kind: 'test-result', status: 'done', text: 'PASSING', ...AT };
const estimate: Claim = { kind: 'loc', measure: 'added', value: 45, estimate: true, approximate: false, text: '+45', ...AT };
const count: Claim = { kind: 'loc', measure: 'added', value: 45, estimate: false, approximate: false, text: '45', ...AT };
const test: Claim = { kind: 'test', name: 'test_x', text: 'test_x', ...AT };

function result(verdict: Verdict, claim: Claim = fileClaim('src/a.ts')): ClaimResult {
  return { claim, verdict, code: 'c', reason: 'r' };
}

/** Results as the checks would give them: evidence of any verdict, the rest unknown. */
function results(claims: Claim[], verdict: Verdict = 'unverified'): ClaimResult[] {
  return claims.map((claim) => result(claim.kind === 'file' || claim.kind === 'commit' ? verdict : 'unknown', claim));
}

function done(claims: Claim[], extra: Partial<Item> = {}): Item {
  return itemOf(claims, { status: 'done', statusField: { text: '✅ Done', line: 7, column: 13 }, ...extra });
}

describe('itemVerdict', () => {
  it('is unknown for an item with no claims', () => {
    expect(itemVerdict([])).toBe('unknown');
  });

  it('is verified only when every claim is', () => {
    expect(itemVerdict([result('verified')])).toBe('verified');
    expect(itemVerdict([result('verified'), result('verified')])).toBe('verified');
  });

  it('is unknown when any claim is unknown and none is unverified', () => {
    expect(itemVerdict([result('verified'), result('unknown')])).toBe('unknown');
    expect(itemVerdict([result('unknown')])).toBe('unknown');
  });

  it('is unverified when any claim is, whatever the others say', () => {
    expect(itemVerdict([result('verified'), result('unverified')])).toBe('unverified');
    expect(itemVerdict([result('unknown'), result('unverified'), result('verified')])).toBe('unverified');
  });
});

describe('statusClaims', () => {
  it.each([
    ['no claims', []],
    ['only a placeholder', [placeholder]],
    ['only a test result', [testResult]],
    ['only an estimate', [estimate]],
    ['placeholders, results and estimates', [placeholder, testResult, estimate]],
  ] as Array<[string, Claim[]]>)('adds an unverified no-evidence claim to a done item with %s', (_, claims) => {
    const item = done(claims, { id: 'M2-003' });
    const added = statusClaims(item, results(claims));
    expect(added).toEqual([
      {
        claim: { kind: 'status', status: 'done', text: '✅ Done', line: 7, column: 13 },
        verdict: 'unverified',
        code: 'no-evidence',
        reason: 'M2-003 is marked done but cites no evidence',
      },
    ]);
  });

  it('places the status claim on the item heading when the status has no field of its own', () => {
    const item = itemOf([], { status: 'done', line: 12, column: 1 });
    expect(statusClaims(item, [])[0]?.claim).toEqual({ kind: 'status', status: 'done', text: 'done', line: 12, column: 1 });
  });

  it.each([
    ['a file', fileClaim('src/a.ts')],
    ['a commit', commitClaim('a1b2c3d')],
    ['a line count', count],
    ['a test', test],
  ] as Array<[string, Claim]>)('adds nothing when a done item cites %s that verifies or cannot be decided', (_, claim) => {
    for (const verdict of ['verified', 'unknown'] as const) {
      expect(statusClaims(done([claim]), [result(verdict, claim)])).toEqual([]);
    }
  });

  it.each([
    ['a file', fileClaim('src/a.ts')],
    ['a commit', commitClaim('a1b2c3d')],
    ['a line count', count],
    ['a test', test],
  ] as Array<[string, Claim]>)('adds an unverified done-but-unverified claim when a done item cites %s that does not hold', (_, claim) => {
    expect(statusClaims(done([claim], { id: 'M1-001' }), [result('unverified', claim)])).toEqual([
      {
        claim: { kind: 'status', status: 'done', text: '✅ Done', line: 7, column: 13 },
        verdict: 'unverified',
        code: 'done-but-unverified',
        reason: 'M1-001 is marked done but 1 of its claims is unverified',
      },
    ]);
  });

  it('counts every unverified claim of a done item, test outcomes included', () => {
    const claims = [fileClaim('src/a.ts'), commitClaim('a1b2c3d'), testResult];
    const added = statusClaims(done(claims), [result('unverified', claims[0]), result('verified', claims[1]), result('unverified', claims[2])]);
    expect(added).toMatchObject([{ verdict: 'unverified', code: 'done-but-unverified', reason: 'T-1 is marked done but 2 of its claims are unverified' }]);
  });

  it.each(['in-progress', 'todo', 'failing', 'blocked', 'skipped', 'partial', null] as const)('adds nothing to an item with status %s', (status) => {
    expect(statusClaims(itemOf([], { status }), [])).toEqual([]);
  });

  it('makes the item unverified', () => {
    const item = done([placeholder]);
    const claims = results([placeholder]);
    expect(itemVerdict([...claims, ...statusClaims(item, claims)])).toBe('unverified');
  });
});

describe('statusNotice', () => {
  it.each(['in-progress', 'todo', 'partial', null] as const)('notes an item marked %s whose evidence all verifies', (status) => {
    const claims = [fileClaim('src/a.ts'), commitClaim('a1b2c3d')];
    const notice = statusNotice(itemOf(claims, { id: 'M1-002', status }), results(claims, 'verified'));
    expect(notice).toBe(`all of M1-002's evidence verifies, but it is marked ${status ?? 'with no status'}: mark it done?`);
  });

  it('says nothing about a done item', () => {
    const claims = [fileClaim('src/a.ts')];
    expect(statusNotice(done(claims), results(claims, 'verified'))).toBeUndefined();
  });

  it('says nothing when any claim is unverified or unknown', () => {
    const claims = [fileClaim('src/a.ts'), commitClaim('a1b2c3d')];
    for (const verdict of ['unverified', 'unknown'] as const) {
      expect(statusNotice(itemOf(claims, { status: 'in-progress' }), [result('verified', claims[0]), result(verdict, claims[1])])).toBeUndefined();
    }
    expect(statusNotice(itemOf([fileClaim('src/a.ts'), placeholder], { status: 'todo' }), [result('verified'), result('unknown', placeholder)])).toBeUndefined();
  });

  it('says nothing when nothing but outcomes and estimates verify', () => {
    const claims = [testResult, estimate];
    expect(statusNotice(itemOf(claims, { status: 'todo' }), claims.map((c) => result('verified', c)))).toBeUndefined();
    expect(statusNotice(itemOf([], { status: 'todo' }), [])).toBeUndefined();
  });

  it('does not suggest marking done an item whose test is claimed, and shown, to fail', () => {
    const failing: Claim = { kind: 'test-result', status: 'failing', text: 'FAILING', ...AT };
    const claims = [test, failing];
    expect(statusNotice(itemOf(claims, { status: 'failing' }), claims.map((c) => result('verified', c)))).toBeUndefined();
  });
});

describe('forNotStarted', () => {
  const file = fileClaim('src/later.ts');
  const failing: ClaimResult = { claim: file, verdict: 'unverified', code: 'file-not-found', reason: 'src/later.ts does not exist at abc1234' };
  const holding: ClaimResult = { claim: fileClaim('src/a.ts'), verdict: 'verified', code: 'file-exists', reason: 'src/a.ts exists' };

  it.each(['todo', 'blocked', 'skipped'] as const)('turns a failed claim of a %s item into unknown not-started, keeping the reason', (status) => {
    const out = forNotStarted(itemOf([file], { status }), [failing, holding]);
    expect(out[0]).toEqual({ claim: file, verdict: 'unknown', code: 'not-started', reason: `T-1 is marked ${status}: src/later.ts does not exist at abc1234 (file-not-found)` });
    expect(out[1]).toBe(holding);
  });

  it.each([null, 'done', 'in-progress', 'partial', 'failing'] as const)('leaves the claims of a %s item as they are', (status) => {
    expect(forNotStarted(itemOf([file], { status }), [failing])).toEqual([failing]);
  });
});
