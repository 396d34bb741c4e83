/**
 * "Status: PASSING" (or FAILING): every test the item cites must have that outcome in the JUnit
 * reports given. No report given: unknown; a test absent from the reports: unverified. Reports read
 * from CI (the App): unknown while CI runs, and when some report could not be read, unknown unless
 * a failure was found (a test that passed in one report may have failed in the one not read).
 */
import type { TestResultClaim } from '../../plan/types.js';
import type { TestCaseResult } from '../junit.js';
import { unknown, unverified, verified, type Outcome } from '../report.js';
import { matchTestCases } from '../test-match.js';
import { resolve, short, type CheckContext } from './context.js';

export function checkTestResult(claim: TestResultClaim, context: CheckContext): Outcome {
  const { ci } = context;
  if (ci?.state === 'running') return unknown('tests-running', `tests still running (${names(ci.runs)} not completed at ${short(context.snapshot.ref)}); verified again when CI completes`);
  if (context.reports === null) return unknown('no-test-report', noReportReason(context));
  const unread = ci?.state === 'completed' && ci.unread.length > 0 ? `not every report could be read: ${firstOf(ci.unread)}` : null;
  const tests = context.item.claims.flatMap((c) => (c.kind === 'test' ? [c] : []));
  if (tests.length === 0) return unknown('no-test-cited', `${context.item.id} names no test whose result could be looked up`);
  const outcomes: Array<{ name: string; cases: TestCaseResult[] }> = tests.map((test) => {
    const file = test.file ? resolve(test.file, context) : null;
    return { name: test.name, cases: matchTestCases({ ...(file?.ok ? { file: file.path } : {}), name: test.name }, context.reports!) };
  });
  // `spec.rb:42` names a line, which no reporter writes: its result cannot be looked up.
  const byLine = tests.find((t) => /^:?\d+$/.test(t.name.trim()));
  if (byLine) return unknown('test-not-matchable', `'${byLine.text}' names a line, not a test; cite the example by its description to check its result`);
  const absent = outcomes.find((o) => o.cases.length === 0);
  if (absent) return unread ? unknown('no-test-report', `'${absent.name}' is in none of the test reports read, and ${unread}`) : unverified('test-not-in-report', `'${absent.name}' is in none of the test reports given`);
  const failed = outcomes.filter((o) => o.cases.some((c) => c.outcome === 'failed'));
  const skipped = outcomes.filter((o) => o.cases.some((c) => c.outcome === 'skipped'));
  if (claim.status === 'failing') {
    if (failed.length > 0) return verified('test-failed-as-claimed', `'${failed[0]!.name}' failed in the report`);
    if (unread) return unknown('no-test-report', `no cited test failed in the reports read, but ${unread}`);
    return unverified('test-passed', skipped.length > 0 ? `no cited test failed in the reports ('${skipped[0]!.name}' was skipped)` : 'every cited test passed in the reports');
  }
  if (failed.length > 0) return unverified('test-failed', `'${failed[0]!.name}' failed in the test report`);
  if (skipped.length > 0) return unverified('test-skipped', `'${skipped[0]!.name}' was skipped in the test report`);
  if (unread) return unknown('no-test-report', `the cited tests passed in the reports read, but ${unread}`);
  const count = outcomes.reduce((n, o) => n + o.cases.length, 0);
  return verified('tests-passed', `${tests.length === 1 ? `'${tests[0]!.name}' passed` : `all ${tests.length} cited tests passed`} (${count} test case${count === 1 ? '' : 's'} in the reports)`);
}

function noReportReason({ ci, snapshot }: CheckContext): string {
  if (ci?.state !== 'completed') return 'no test report was given (--junit) to confirm the outcome';
  if (ci.unread.length > 0) return `no JUnit test report could be read for ${short(snapshot.ref)}: ${firstOf(ci.unread)}`;
  return `no JUnit test report artifact was found for ${short(snapshot.ref)}: ${ci.missing}`;
}

/** Workflow run names, three at most: a reason stays one line. */
function names(runs: string[]): string {
  const shown = runs.slice(0, 3).map((name) => `'${name}'`).join(', ');
  return runs.length > 3 ? `${shown} and ${runs.length - 3} more` : shown;
}

function firstOf(reasons: string[]): string {
  return reasons.length === 1 ? reasons[0]! : `${reasons[0]!} (and ${reasons.length - 1} more)`;
}
