import { describe, expect, it } from '@jest/globals';
import { parsePlan } from '../../src/plan/parse.js';
import { explainItem, sameItemId } from '../../src/report/explain.js';
import type { Report } from '../../src/verify/report.js';
import { checkPlans } from '../../src/verify/verify.js';
import { found, REF, snapshotOf } from '../helpers/snapshot.js';
import { item, reportOf, result } from '../helpers/reports.js';

const HEAD = '1234567890abcdef1234567890abcdef12345678';
const OPTIONS = { repository: 'acme/widgets', sha: HEAD };
const LIMIT = 65_536;

const PLAN = `# Plan

### T-001: Add the parser
**Status:** Done
**File:** \`src/a.ts:L1-L5\`, \`src/b.ts\`

### T-002: Parser tests
**Status:** Done
**File:** \`src/a.ts:L8-L99\`
**Commit:** \`beefbeef\`
**Test:** \`[test-name]\`

### T-003: Nothing @here
**Status:** Done
`;

function parsedReport(): Report {
  const snapshot = snapshotOf({
    files: { 'src/a.ts': 'export const a = 1;\n'.repeat(12), 'src/b.ts': 'export const b = 2;\n' },
    commits: { beefbeef: 'missing', a1b2c3d: found(['src/a.ts']) },
  });
  return checkPlans([parsePlan('docs/PLAN.md', PLAN)], snapshot);
}

const planLink = (line: number): string => `[docs/PLAN.md:${line}](https://github.com/acme/widgets/blob/${HEAD}/docs/PLAN.md?plain=1#L${line})`;
const cited = (label: string, fragment: string): string => `cited: [${label}](https://github.com/acme/widgets/blob/${REF}/${fragment})`;

describe('explainItem', () => {
  const report = parsedReport();

  it('lists every claim of the item: verdict icon, kind, text, code, reason, the plan line and the cited lines', () => {
    expect(explainItem(report, 'T-002', OPTIONS)).toBe(
      [
        '### ❌ T-002 · Parser tests',
        '',
        `**unverified** at \`1234567\` · ${planLink(7)} · 0 verified · 3 unverified · 1 unknown`,
        '',
        `- ❌ range \`src/a.ts:L8-L99\` · \`range-out-of-bounds\`: cites lines 8-99 but src/a.ts has 12 lines at feedfac · ${planLink(9)} · ${cited('src/a.ts:L8-L99', 'src/a.ts#L8-L99')}`,
        `- ❌ commit \`beefbeef\` · \`commit-not-found\`: commit beefbeef does not exist in this repository · ${planLink(10)}`,
        `- ❔ file \`[test-name]\` · \`placeholder\`: '\\[test-name\\]' is template text that was never filled in · ${planLink(11)}`,
        `- ❌ status \`Done\` · \`done-but-unverified\`: T-002 is marked done but 2 of its claims are unverified · ${planLink(8)}`,
      ].join('\n'),
    );
  });

  it('explains verified claims too, each linked to its evidence', () => {
    const body = explainItem(report, 'T-001', OPTIONS)!;
    expect(body.split('\n').slice(2)).toEqual([
      `**verified** at \`1234567\` · ${planLink(3)} · 2 verified · 0 unverified · 0 unknown`,
      '',
      expect.stringMatching(new RegExp(`^- ✅ range \`src/a.ts:L1-L5\` · \`range-exists\`: .* · ${escape(planLink(5))} · ${escape(cited('src/a.ts:L1-L5', 'src/a.ts#L1-L5'))}$`)),
      expect.stringMatching(new RegExp(`^- ✅ file \`src/b.ts\` · \`file-exists\`: .* · ${escape(planLink(5))} · ${escape(cited('src/b.ts', 'src/b.ts'))}$`)),
    ]);
  });

  it('matches the id whatever its case, and gives null for an id no plan holds', () => {
    expect(explainItem(report, 't-002', OPTIONS)).toBe(explainItem(report, 'T-002', OPTIONS));
    expect(explainItem(report, 'T-404', OPTIONS)).toBeNull();
    expect(sameItemId('m2-004', 'M2-004')).toBe(true);
  });

  it('escapes plan text: no mentions, no HTML, no Markdown from titles and reasons', () => {
    const body = explainItem(report, 'T-003', OPTIONS)!;
    expect(body.split('\n')[0]).toBe('### ❌ T-003 · Nothing @&#8203;here');
    expect(body).toContain('`no-evidence`: T-003 is marked done but cites no evidence');
    const hostile = reportOf({ path: 'PLAN.md', items: [item('X-1', [result('unverified', 4, { reason: '<img src=x> **@team** [a](b)', text: 'a`b.ts' })], 'Title <script>')] });
    const text = explainItem(hostile, 'X-1', OPTIONS)!;
    expect(text).toContain('Title &lt;script&gt;');
    expect(text).toContain('``a`b.ts`` · `file-not-found`: &lt;img src=x&gt; \\*\\*@&#8203;team\\*\\* \\[a\\](b)');
  });

  it('says so when an item cites nothing, and shows its notice', () => {
    const quiet = reportOf({ path: 'PLAN.md', items: [{ ...item('N-1', []), notice: 'all its evidence holds: it could be marked done' }] });
    expect(explainItem(quiet, 'N-1', OPTIONS)).toBe(
      [
        '### ❔ N-1 · Title of N-1',
        '',
        `**unknown** at \`1234567\` · [PLAN.md:1](https://github.com/acme/widgets/blob/${HEAD}/PLAN.md?plain=1#L1) · 0 verified · 0 unverified · 0 unknown`,
        '',
        '> all its evidence holds: it could be marked done',
        '',
        'The item cites no evidence.',
      ].join('\n'),
    );
  });

  it('explains each place an id stands, one section each', () => {
    const twice = reportOf({ path: 'a.md', items: [item('D-1', [result('verified', 2)])] }, { path: 'b.md', items: [item('D-1', [result('unknown', 9)])] });
    const body = explainItem(twice, 'D-1', OPTIONS)!;
    expect(body.match(/^### /gm)).toHaveLength(2);
    expect(body).toContain('- ✅ file `src/f2.ts` · `file-exists`: reason for line 2 · [a.md:2]');
    expect(body).toContain('\n\n### ❔ D-1 · Title of D-1\n');
    expect(body).toContain('- ❔ file `src/f9.ts` · `ambiguous-path`: reason for line 9 · [b.md:9]');
  });

  it('stays within the comment limit, saying how many claims are left out', () => {
    const claims = Array.from({ length: 400 }, (_, i) => result('unverified', 10 + i, { reason: 'x'.repeat(900) }));
    const body = explainItem(reportOf({ path: 'PLAN.md', items: [item('BIG-1', claims)] }), 'BIG-1', OPTIONS)!;
    expect(body.length).toBeLessThanOrEqual(LIMIT);
    expect(body).toMatch(/\n\n… \d+ more claims not shown \(comment limit\); run claimcheck locally for the full report$/);
  });

  it('is deterministic', () => {
    expect(explainItem(parsedReport(), 'T-002', OPTIONS)).toBe(explainItem(report, 'T-002', OPTIONS));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
