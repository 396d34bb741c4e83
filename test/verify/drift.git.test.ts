/** Drift on real git histories: the plan line's blame says when each range was cited. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePlan } from '../../src/plan/parse.js';
import { GitRepoReader } from '../../src/repo/git.js';
import { verifyPlans } from '../../src/verify/verify.js';
import type { ClaimResult } from '../../src/verify/report.js';
import { TestRepo } from '../helpers/repo.js';

const block = (tag: string): string[] => [`def charge_${tag}(amount):`, '    if amount <= 0:', '        raise ValueError(amount)', '    return gateway.charge(amount)'];
const filler = (n: number, tag: string): string[] => Array.from({ length: n }, (_, i) => `${tag}_${i} = ${i}`);
const file = (tag: string, before = 5): string => [...filler(before, 'x'), ...block(tag), ...filler(3, 'x_after')].join('\n') + '\n';

const PLAN = [
  '### D-001: Moved by an insertion above',
  '- **File:** `app/moved.py:L6-L9`',
  '### D-002: Edited in place',
  '- **File:** `app/edited.py:L6-L9`',
  '### D-003: Deleted',
  '- **File:** `app/deleted.py:L6-L9`',
  '### D-004: Moved to another file',
  '- **File:** `app/old_home.py:L6-L9`',
  '- **File:** `app/new_home.py`',
  '### D-005: Untouched',
  '- **File:** `app/same.py:L6-L9`',
  '',
].join('\n');

describe('drift detection over real commits', () => {
  let repo: TestRepo;
  let results: Map<string, ClaimResult>;

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commit('code', {
      'app/moved.py': file('moved'),
      'app/edited.py': file('edited'),
      'app/deleted.py': file('deleted'),
      'app/old_home.py': file('old_home'),
      'app/new_home.py': filler(3, 'n').join('\n') + '\n',
      'app/same.py': file('same'),
    });
    await repo.commit('plan', { 'docs/PLAN.md': PLAN });
    await repo.commit('later changes', {
      'app/moved.py': ['import os', 'import sys', '', ...file('moved').split('\n')].join('\n'),
      'app/edited.py': file('edited').replace('raise ValueError(amount)', 'raise ValueError(f"bad {amount}")'),
      'app/deleted.py': [...filler(5, 'x'), ...filler(3, 'x_after')].join('\n') + '\n',
      'app/old_home.py': [...filler(5, 'x'), ...filler(3, 'x_after')].join('\n') + '\n',
      'app/new_home.py': [...filler(3, 'n'), ...block('old_home')].join('\n') + '\n',
      'app/same.py': file('same') + 'appended = 1\n',
    });
    const plan = parsePlan('docs/PLAN.md', await readFile(join(repo.dir, 'docs/PLAN.md'), 'utf8'));
    const report = await verifyPlans([plan], new GitRepoReader(repo.dir), { ref: 'HEAD' });
    results = new Map(report.plans[0]!.items.map((item) => [item.item.id, item.claims[0]!]));
  });
  afterAll(() => repo.remove());

  it('follows a block pushed down by an insertion above it and suggests where it stands', () => {
    expect(results.get('D-001')).toMatchObject({ verdict: 'unverified', code: 'range-drifted', suggestion: { start: 9, end: 12 } });
    expect(results.get('D-001')!.reason).toMatch(/^the block lines 6-9 of app\/moved\.py moved since [0-9a-f]{7}, when the plan cited it: now at L9-L12$/);
  });

  it('says nothing of a block edited in place: the range still names it', () => {
    expect(results.get('D-002')).toMatchObject({ verdict: 'verified', code: 'range-exists' });
  });

  it('reports a block that is gone', () => {
    expect(results.get('D-003')).toMatchObject({ verdict: 'unverified', code: 'range-deleted' });
  });

  it('finds a block moved to another file the plan cites', () => {
    expect(results.get('D-004')).toMatchObject({ code: 'range-drifted', suggestion: { path: 'app/new_home.py', start: 4, end: 7 } });
  });

  it('leaves a block alone when only lines after it changed', () => {
    expect(results.get('D-005')).toMatchObject({ verdict: 'verified', code: 'range-exists' });
  });

  it('does not judge drift for a plan line not committed yet: it was written against the code as it is', async () => {
    const edited = PLAN.replace('app/moved.py:L6-L9', 'app/moved.py:L9-L12');
    await repo.write({ 'docs/PLAN.md': edited });
    const plan = parsePlan('docs/PLAN.md', edited);
    const report = await verifyPlans([plan], new GitRepoReader(repo.dir), { ref: 'HEAD' });
    expect(report.plans[0]!.items[0]!.claims[0]).toMatchObject({ verdict: 'verified', code: 'range-exists' });
    await repo.write({ 'docs/PLAN.md': PLAN });
  });
});
