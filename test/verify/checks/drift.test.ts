import { describe, expect, it } from '@jest/globals';
import type { RangeClaim } from '../../../src/plan/types.js';
import { checkDrift } from '../../../src/verify/checks/drift.js';
import { locate } from '../../../src/verify/checks/evidence.js';
import { originKey } from '../../../src/verify/drift-facts.js';
import { REF, snapshotOf } from '../../helpers/snapshot.js';
import { contextOf, itemOf, rangeClaim } from '../claims.js';

const OLD = 'f'.repeat(40);
const BLOCK = 'def pay():\n    return charge()\n';

function judge(claim: RangeClaim, files: Record<string, string>, drift: boolean, oldText: string | null = `x = 1\n${BLOCK}`, hunks = [{ oldStart: 1, oldCount: 3, newStart: 0, newCount: 0 }]) {
  const snapshot = snapshotOf({ files });
  if (drift) snapshot.drift = { origins: new Map([[originKey('PLAN.md', claim.line), OLD]]), files: new Map([[`${OLD}:a.py`, { oldText, hunks }]]) };
  const context = { ...contextOf(snapshot, { item: itemOf([claim]) }), planPaths: new Set(Object.keys(files)) };
  const found = locate(claim.target, claim.pin, context);
  if (!found.ok) throw new Error('not located');
  return checkDrift(claim, context, found);
}

describe('checkDrift', () => {
  const claim = rangeClaim('a.py', 2, 3);

  it('says nothing without drift facts (a reader that cannot blame), or for a claim written at the ref', () => {
    expect(judge(claim, { 'a.py': `x = 1\n${BLOCK}` }, false)).toBeNull();
    const snapshot = snapshotOf({ files: { 'a.py': `x = 1\n${BLOCK}` } });
    snapshot.drift = { origins: new Map([[originKey('PLAN.md', 1), REF]]), files: new Map() };
    const context = contextOf(snapshot, { item: itemOf([claim]) });
    const found = locate(claim.target, undefined, context);
    expect(found.ok && checkDrift(claim, context, found)).toBeNull();
  });

  it('says nothing when the file did not exist where the claim was written', () => {
    expect(judge(claim, { 'a.py': BLOCK }, true, null)).toBeNull();
  });

  it('finds a deleted block again in the same file', () => {
    expect(judge(claim, { 'a.py': `import os\nimport sys\n${BLOCK}` }, true)).toMatchObject({ code: 'range-drifted', suggestion: { start: 3, end: 4 } });
  });

  it('refuses to pick between several files now holding the block, and never verifies', () => {
    const outcome = judge(claim, { 'a.py': 'gone = 1\n', 'b.py': BLOCK, 'c.py': `# copy\n${BLOCK}` }, true);
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'range-drifted' });
    expect(outcome?.suggestion).toBeUndefined();
    expect(outcome?.reason).toContain('b.py:L1-L2, c.py:L2-L3');
  });

  it('reports the block gone when no cited file holds it', () => {
    expect(judge(claim, { 'a.py': 'gone = 1\n' }, true)).toMatchObject({ verdict: 'unverified', code: 'range-deleted' });
  });
});
