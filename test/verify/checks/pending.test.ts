import { describe, expect, it } from '@jest/globals';
import type { LocClaim, TestClaim, TestResultClaim } from '../../../src/plan/types.js';
import { checkPending } from '../../../src/verify/checks/pending.js';

const AT = { line: 3, column: 5 };

const claims: Array<[LocClaim | TestClaim | TestResultClaim, string]> = [
  [{ kind: 'loc', measure: 'added', value: 45, estimate: false, approximate: false, text: '+45 lines', ...AT }, 'line counts'],
  [{ kind: 'loc', measure: 'file-lines', value: 432, estimate: false, approximate: true, target: { raw: 'src/a.ts', base: 'root' }, text: '(~432 lines)', ...AT }, 'line counts'],
  [{ kind: 'test', name: 'test_rejects_bad_hmac', file: { raw: 'tests/test_webhooks.py', base: 'root' }, text: 'tests/test_webhooks.py::test_rejects_bad_hmac', ...AT }, 'test definitions'],
  [{ kind: 'test-result', status: 'done', text: 'PASSING', ...AT }, 'test results'],
  [{ kind: 'test-result', status: 'failing', text: 'FAILING', ...AT }, 'test results'],
];

describe('checkPending', () => {
  it.each(claims)('leaves a %j claim unknown, never verified', (claim, what) => {
    const outcome = checkPending(claim);
    expect(outcome).toEqual({ verdict: 'unknown', code: 'not-checked-yet', reason: `claimcheck does not check ${what} yet` });
  });
});
