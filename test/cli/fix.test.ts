import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixesOf, fixPlanFile } from '../../src/cli/fix.js';
import type { RangeClaim } from '../../src/plan/types.js';
import type { ClaimResult, PlanResult } from '../../src/verify/report.js';

const range = (text: string, line: number): RangeClaim => ({ kind: 'range', target: { raw: text.split(':')[0]!, base: 'root' }, start: 1, end: 2, text, line, column: 3 });

function planOf(path: string, claims: ClaimResult[]): PlanResult {
  return { path, items: [{ item: { id: 'A-1', title: '', priority: null, status: null, line: 1, column: 1, claims: claims.map((c) => c.claim) }, verdict: 'unverified', claims }] };
}

describe('fixesOf', () => {
  it('fixes same-file drifts, and names the ones a range rewrite cannot mend', () => {
    const plan = planOf('PLAN.md', [
      { claim: range('a.py:1-2', 2), verdict: 'unverified', code: 'range-drifted', reason: 'r', suggestion: { start: 5, end: 6 } },
      { claim: range('b.py:1-2', 3), verdict: 'unverified', code: 'range-drifted', reason: 'r', suggestion: { start: 1, end: 2, path: 'c.py' } },
      { claim: range('d.py:1-2', 4), verdict: 'unverified', code: 'range-drifted', reason: 'r' },
      { claim: range('e.py:1-2', 5), verdict: 'unverified', code: 'range-deleted', reason: 'r' },
    ]);
    const { fixes, unfixable } = fixesOf(plan);
    expect(fixes).toEqual([{ line: 2, column: 3, text: 'a.py:1-2', start: 5, end: 6 }]);
    expect(unfixable).toEqual([
      'PLAN.md:3: b.py:1-2: moved to c.py:L1-L2; change the path by hand',
      'PLAN.md:4: d.py:1-2: more than one place holds the block now',
    ]);
  });
});

describe('fixPlanFile', () => {
  it('leaves YAML plans alone and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'claimcheck-fix-'));
    const file = join(dir, 'plan.yml');
    await writeFile(file, 'items: []\n');
    const drifted: ClaimResult = { claim: range('a.py:1-2', 2), verdict: 'unverified', code: 'range-drifted', reason: 'r', suggestion: { start: 5, end: 6 } };
    expect(await fixPlanFile(file, planOf('plan.yml', [drifted]))).toEqual(['not fixed: plan.yml:2: a.py:1-2: --fix rewrites Markdown plans only']);
    expect(await readFile(file, 'utf8')).toBe('items: []\n');
  });

  it('writes nothing when there is nothing to fix', async () => {
    expect(await fixPlanFile('/nonexistent/PLAN.md', planOf('PLAN.md', []))).toEqual([]);
  });
});
