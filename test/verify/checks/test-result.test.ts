import { describe, expect, it } from '@jest/globals';
import type { Claim, TestResultClaim } from '../../../src/plan/types.js';
import type { CiReports } from '../../../src/verify/checks/context.js';
import { checkTestResult } from '../../../src/verify/checks/test-result.js';
import type { TestReport } from '../../../src/verify/junit.js';
import { junitReport } from '../../helpers/junit.js';
import { REF, snapshotOf } from '../../helpers/snapshot.js';
import { contextOf, fileClaim, itemOf, testClaim, testResultClaim } from '../claims.js';

const PYTEST = [junitReport('pytest.xml')];
const ALL = ['pytest.xml', 'jest-junit.xml', 'surefire.xml', 'go-junit-report.xml', 'rspec.xml'].map(junitReport);

function check(tests: Claim[], reports: TestReport[] | null = ALL, claim: TestResultClaim = testResultClaim('done'), ci?: CiReports) {
  const context = contextOf(snapshotOf(), { item: itemOf([...tests, claim], { id: 'T-7' }), reports });
  return checkTestResult(claim, ci ? { ...context, ci } : context);
}

describe('checkTestResult: PASSING, verified', () => {
  it('verifies a cited test that passed', () => {
    const outcome = check([testClaim('test_total', 'tests/test_cart.py')]);
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'tests-passed' });
    expect(outcome.reason).toBe("'test_total' passed (1 test case in the reports)");
  });

  it('verifies every case of a parametrised test cited without its parameters', () => {
    const outcome = check([testClaim('TestCart::test_add', 'tests/test_cart.py')]);
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'tests-passed' });
    expect(outcome.reason).toContain('2 test cases');
  });

  it('verifies several cited tests, across reports of several reporters', () => {
    const tests = [testClaim('TestCart::test_add[1]', 'tests/test_cart.py'), testClaim('math > add > adds two numbers', 'src/math.test.ts'), testClaim('CartTest#addsItems', 'src/test/java/com/acme/cart/CartTest.java'), testClaim('TestCheckout/empty cart', 'cart/cart_test.go'), testClaim('Cart #add with one item counts it', 'spec/cart_spec.rb')];
    const outcome = check(tests);
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'tests-passed' });
    expect(outcome.reason).toBe('all 5 cited tests passed (5 test cases in the reports)');
  });

  it('ignores the item’s other claims', () => {
    expect(check([fileClaim('src/cart.py'), testClaim('test_total', 'tests/test_cart.py')])).toMatchObject({ verdict: 'verified', code: 'tests-passed' });
  });
});

describe('checkTestResult: PASSING, unverified', () => {
  it('reports a cited test that failed, or errored', () => {
    expect(check([testClaim('TestCart::test_remove[b]', 'tests/test_cart.py')])).toMatchObject({ verdict: 'unverified', code: 'test-failed' });
    const errored = check([testClaim('test_health', 'backend/tests/test_api.py')]);
    expect(errored).toMatchObject({ verdict: 'unverified', code: 'test-failed' });
    expect(errored.reason).toBe("'test_health' failed in the test report");
  });

  it('reports a parametrised test cited bare when any of its cases failed', () => {
    expect(check([testClaim('TestCart::test_remove', 'tests/test_cart.py')])).toMatchObject({ verdict: 'unverified', code: 'test-failed' });
  });

  it('reports a failure among several cited tests, even when the others passed', () => {
    expect(check([testClaim('test_total', 'tests/test_cart.py'), testClaim('math > divides', 'src/math.test.ts')])).toMatchObject({
      verdict: 'unverified',
      code: 'test-failed',
      reason: "'math > divides' failed in the test report",
    });
  });

  it('reports a skipped test: it proves nothing passed', () => {
    const outcome = check([testClaim('test_later', 'tests/test_cart.py')]);
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'test-skipped' });
    expect(outcome.reason).toBe("'test_later' was skipped in the test report");
    expect(check([testClaim('later', 'src/test/java/com/acme/cart/CartTest.java')])).toMatchObject({ code: 'test-skipped' });
  });

  it('reports a cited test that is in none of the reports', () => {
    const outcome = check([testClaim('test_total', 'tests/test_cart.py'), testClaim('test_refund', 'tests/test_cart.py')]);
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'test-not-in-report' });
    expect(outcome.reason).toBe("'test_refund' is in none of the test reports given");
  });

  it('reports a test the reports hold only for another file', () => {
    expect(check([testClaim('test_total', 'tests/test_orders.py')], PYTEST)).toMatchObject({ verdict: 'unverified', code: 'test-not-in-report' });
  });

  it('reports a test absent from empty reports', () => {
    expect(check([testClaim('test_total', 'tests/test_cart.py')], [])).toMatchObject({ verdict: 'unverified', code: 'test-not-in-report' });
  });
});

describe('checkTestResult: FAILING', () => {
  const failing = testResultClaim('failing');

  it('verifies a test claimed to fail that failed', () => {
    const outcome = check([testClaim('TestCart::test_remove', 'tests/test_cart.py')], ALL, failing);
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'test-failed-as-claimed' });
    expect(outcome.reason).toBe("'TestCart::test_remove' failed in the report");
  });

  it('reports a test claimed to fail that passed', () => {
    const outcome = check([testClaim('test_total', 'tests/test_cart.py')], ALL, failing);
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'test-passed' });
    expect(outcome.reason).toBe('every cited test passed in the reports');
  });

  it('does not say a skipped test passed', () => {
    const outcome = check([testClaim('test_later', 'tests/test_cart.py')], ALL, failing);
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'test-passed' });
    expect(outcome.reason).toBe("no cited test failed in the reports ('test_later' was skipped)");
  });

  it('reports a test claimed to fail that is in no report', () => {
    expect(check([testClaim('test_refund', 'tests/test_cart.py')], ALL, failing)).toMatchObject({ verdict: 'unverified', code: 'test-not-in-report' });
  });
});

describe('checkTestResult: unknown', () => {
  it('is unknown when no report was given', () => {
    const outcome = check([testClaim('test_total', 'tests/test_cart.py')], null);
    expect(outcome).toMatchObject({ verdict: 'unknown', code: 'no-test-report' });
    expect(outcome.reason).toContain('--junit');
    expect(check([testClaim('test_total', 'tests/test_cart.py')], null, testResultClaim('failing'))).toMatchObject({ verdict: 'unknown', code: 'no-test-report' });
  });

  it('is unknown when the item names no test', () => {
    const outcome = check([fileClaim('src/cart.py')]);
    expect(outcome).toMatchObject({ verdict: 'unknown', code: 'no-test-cited' });
    expect(outcome.reason).toBe('T-7 names no test whose result could be looked up');
  });
});

describe('checkTestResult: reports read from the commit’s CI (the App)', () => {
  const total = [testClaim('test_total', 'tests/test_cart.py')];
  const completed = (unread: string[] = [], missing = 'no workflow run was found for it'): CiReports => ({ state: 'completed', missing, unread });
  const SHORT = REF.slice(0, 7);

  it('is unknown (tests-running) while a workflow run of the commit is going, PASSING or FAILING, whatever reports exist', () => {
    const running: CiReports = { state: 'running', runs: ['CI', 'Lint'] };
    const outcome = check(total, ALL, testResultClaim('done'), running);
    expect(outcome).toEqual({ verdict: 'unknown', code: 'tests-running', reason: `tests still running ('CI', 'Lint' not completed at ${SHORT}); verified again when CI completes` });
    expect(check([testClaim('TestCart::test_remove', 'tests/test_cart.py')], ALL, testResultClaim('failing'), running)).toMatchObject({ verdict: 'unknown', code: 'tests-running' });
    expect(check(total, null, testResultClaim('done'), { state: 'running', runs: ['a', 'b', 'c', 'd', 'e'] }).reason).toContain("('a', 'b', 'c' and 2 more not completed");
  });

  it('says no JUnit artifact was found for the commit, and why, when CI completed without one (no-test-report)', () => {
    const outcome = check(total, null, testResultClaim('done'), completed([], "none of its 1 artifact ('dist') holds a JUnit XML file"));
    expect(outcome).toEqual({ verdict: 'unknown', code: 'no-test-report', reason: `no JUnit test report artifact was found for ${SHORT}: none of its 1 artifact ('dist') holds a JUnit XML file` });
  });

  it('says what could not be read when no report could be', () => {
    const outcome = check(total, null, testResultClaim('done'), completed(['the workflow runs could not be listed: GitHub answered 502: Bad Gateway', 'x']));
    expect(outcome).toEqual({ verdict: 'unknown', code: 'no-test-report', reason: `no JUnit test report could be read for ${SHORT}: the workflow runs could not be listed: GitHub answered 502: Bad Gateway (and 1 more)` });
  });

  it('verifies from the reports read when everything could be read, as the CLI does', () => {
    expect(check(total, PYTEST, testResultClaim('done'), completed())).toMatchObject({ verdict: 'verified', code: 'tests-passed' });
    expect(check([testClaim('test_refund', 'tests/test_cart.py')], PYTEST, testResultClaim('done'), completed())).toMatchObject({ verdict: 'unverified', code: 'test-not-in-report' });
  });

  it('never verifies a pass while a report could not be read: the test may have failed there', () => {
    const unread = completed(["artifact 'junit-windows' could not be downloaded: GitHub answered 500: boom"]);
    const outcome = check(total, PYTEST, testResultClaim('done'), unread);
    expect(outcome).toEqual({
      verdict: 'unknown',
      code: 'no-test-report',
      reason: "the cited tests passed in the reports read, but not every report could be read: artifact 'junit-windows' could not be downloaded: GitHub answered 500: boom",
    });
    // absent from what was read: it may be in what was not
    expect(check([testClaim('test_refund', 'tests/test_cart.py')], PYTEST, testResultClaim('done'), unread)).toMatchObject({ verdict: 'unknown', code: 'no-test-report', reason: expect.stringMatching(/^'test_refund' is in none of the test reports read, and not every report could be read: /) });
    // FAILING without a failure found: unknown too
    expect(check(total, PYTEST, testResultClaim('failing'), unread)).toMatchObject({ verdict: 'unknown', code: 'no-test-report', reason: expect.stringMatching(/^no cited test failed in the reports read, but /) });
  });

  it('still judges on a failure found, whatever could not be read', () => {
    const unread = completed(["artifact 'junit-windows' has expired"]);
    const remove = [testClaim('TestCart::test_remove', 'tests/test_cart.py')];
    expect(check(remove, PYTEST, testResultClaim('done'), unread)).toMatchObject({ verdict: 'unverified', code: 'test-failed' });
    expect(check(remove, PYTEST, testResultClaim('failing'), unread)).toMatchObject({ verdict: 'verified', code: 'test-failed-as-claimed' });
    expect(check([testClaim('test_later', 'tests/test_cart.py')], PYTEST, testResultClaim('done'), unread)).toMatchObject({ verdict: 'unverified', code: 'test-skipped' });
  });
});
