import { describe, expect, it } from '@jest/globals';
import type { Plan } from '../../src/plan/types.js';
import { DEFAULT_SETTINGS } from '../../src/verify/checks/context.js';
import { contextsOf } from '../../src/verify/contexts.js';
import { snapshotOf } from '../helpers/snapshot.js';
import { fileClaim, itemOf, locClaim, rangeClaim, testClaim } from './claims.js';

describe('contextsOf', () => {
  const plan: Plan = {
    path: 'docs/PLAN.md',
    items: [
      itemOf([fileClaim('gemini.py'), rangeClaim('backend/app/gemini.py', 1, 2)], { id: 'A' }),
      itemOf([testClaim('test_x', 'tests/test_x.py'), locClaim('file-lines', 3, { target: 'src/a.ts' })], { id: 'B' }),
      itemOf([fileClaim('../src/b.ts', { base: 'plan' }), fileClaim('/src/c.ts'), fileClaim('../../outside.ts', { base: 'plan' })], { id: 'C' }),
    ],
  };

  it('gives one context per item, with the settings, the snapshot and the plan path', () => {
    const snapshot = snapshotOf();
    const reports = [{ source: 'r.xml', cases: [] }];
    const contexts = contextsOf(plan, snapshot, { ...DEFAULT_SETTINGS, root: '', reports });
    expect(contexts.map((c) => c.item.id)).toEqual(['A', 'B', 'C']);
    for (const context of contexts) {
      expect(context).toMatchObject({ snapshot, planPath: 'docs/PLAN.md', root: '', reports, policy: DEFAULT_SETTINGS.policy });
    }
  });

  it('shares the paths the whole plan cites in full (with a folder), resolved, between its items', () => {
    const contexts = contextsOf(plan, snapshotOf(), DEFAULT_SETTINGS);
    expect([...contexts[0]!.planPaths].sort()).toEqual(['backend/app/gemini.py', 'src/a.ts', 'src/b.ts', 'src/c.ts', 'tests/test_x.py']);
    expect(contexts[1]!.planPaths).toBe(contexts[0]!.planPaths);
  });

  it('resolves them against the configured root', () => {
    const contexts = contextsOf(plan, snapshotOf(), { ...DEFAULT_SETTINGS, root: 'svc' });
    expect([...contexts[0]!.planPaths]).toEqual(expect.arrayContaining(['src/b.ts', 'svc/backend/app/gemini.py', 'svc/src/a.ts', 'svc/src/c.ts', 'svc/tests/test_x.py']));
  });

  it('gives no context for a plan without items', () => {
    expect(contextsOf({ path: 'PLAN.md', items: [] }, snapshotOf(), DEFAULT_SETTINGS)).toEqual([]);
  });
});
