import { describe, expect, it } from '@jest/globals';
import type { UnfilledClaim } from '../../../src/plan/types.js';
import { checkUnfilled } from '../../../src/verify/checks/unfilled.js';

describe('checkUnfilled', () => {
  it.each([
    ['[commit-hash]', 'commit'],
    ['src/file.py:LXX-LYY', 'range'],
    ['/path/to/file.py', 'file'],
    ['+XX/-YY', 'loc'],
    ['[test_name]', 'test'],
    ['Done/In Progress', 'status'],
  ] as const)('leaves the placeholder %j (%s) unknown, never verified', (text, intended) => {
    const claim: UnfilledClaim = { kind: 'unfilled', intended, text, line: 1, column: 1 };
    const outcome = checkUnfilled(claim);
    expect(outcome).toMatchObject({ verdict: 'unknown', code: 'placeholder' });
    expect(outcome.reason).toBe(`'${text}' is template text that was never filled in`);
  });
});
