/** Claims this version parses but does not judge yet: always `unknown`, never `verified`. */
import type { LocClaim, TestClaim, TestResultClaim } from '../../plan/types.js';
import { unknown, type Outcome } from '../report.js';

const WHAT: Record<'loc' | 'test' | 'test-result', string> = {
  loc: 'line counts',
  test: 'test definitions',
  'test-result': 'test results',
};

export function checkPending(claim: LocClaim | TestClaim | TestResultClaim): Outcome {
  return unknown('not-checked-yet', `claimcheck does not check ${WHAT[claim.kind]} yet`);
}
