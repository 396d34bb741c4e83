import { describe, expect, it } from '@jest/globals';
import { parsePlan } from '../../src/plan/parse.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { bar, percent, readinessJson, readinessMarkdown, readinessOf, readinessRows, share } from '../../src/report/readiness.js';
import { checkPlans } from '../../src/verify/verify.js';
import { item, reportOf, result } from '../helpers/reports.js';
import { snapshotOf } from '../helpers/snapshot.js';

// Each item cites files; those listed in FILES exist, the others do not.
const PLAN = `# Plan

## Milestone 1 – Core

### M1-001 - Parser (P0)
**Status:** Done
**File:** \`src/a.ts\`, \`src/b.ts\`

### M1-002 - Reader
**Priority:** P0
**Status:** Done
**File:** \`src/a.ts\`, \`src/missing.ts\`

### M1-003 - Checks
**Priority:** P1
**Status:** Done
**File:** \`src/c.ts\`

## Milestone 2 – Deep

### M2-001 - Hollow code
**Priority:** P1
**Status:** Todo
**Target File:** \`src/hollow.ts\`

### M2-002 - Tests
**Priority:** P2
**Status:** Done
**File:** \`src/d.ts\`

### M2-003 - Untriaged
**Status:** Done
**File:** \`src/gone.ts\`
`;

const FILES = { 'src/a.ts': 'a\n', 'src/b.ts': 'b\n', 'src/c.ts': 'c\n', 'src/d.ts': 'd\n' };

function planReport() {
  return checkPlans([parsePlan('docs/PLAN.md', PLAN)], snapshotOf({ files: FILES }));
}

describe('readinessOf a checked plan', () => {
  const report = planReport();
  const readiness = readinessOf(report);

  it('scores items (verified verdict) and claims (verified verdict) overall', () => {
    const items = report.plans[0]!.items;
    expect(items.map((i) => [i.item.id, i.verdict])).toEqual([
      ['M1-001', 'verified'],
      ['M1-002', 'unverified'],
      ['M1-003', 'verified'],
      ['M2-001', 'unknown'],
      ['M2-002', 'verified'],
      ['M2-003', 'unverified'],
    ]);
    const claims = items.flatMap((i) => i.claims);
    const verifiedClaims = claims.filter((c) => c.verdict === 'verified').length;
    expect(readiness.overall.items).toEqual({ verified: 3, total: 6, share: 0.5, notStarted: 1 });
    expect(readiness.overall.claims).toEqual(share(verifiedClaims, claims.length));
    expect(readiness.overall.claims.total).toBe(report.summary.claims);
    expect(readiness.overall.claims.verified).toBe(report.summary.verified);
  });

  it('scores each priority, most urgent first, items without one last', () => {
    expect(readiness.byPriority.map((p) => [p.priority, p.items.verified, p.items.total, p.items.notStarted])).toEqual([
      ['P0', 1, 2, 0],
      ['P1', 1, 2, 1],
      ['P2', 1, 1, 0],
      [null, 0, 1, 0],
    ]);
  });

  it('scores each section: the heading the items stand under, not the plan title', () => {
    expect(report.plans[0]!.items.map((i) => i.item.section)).toEqual([
      'Milestone 1 – Core',
      'Milestone 1 – Core',
      'Milestone 1 – Core',
      'Milestone 2 – Deep',
      'Milestone 2 – Deep',
      'Milestone 2 – Deep',
    ]);
    expect(readiness.bySection.map((s) => [s.plan, s.section, s.items.verified, s.items.total])).toEqual([
      ['docs/PLAN.md', 'Milestone 1 – Core', 2, 3],
      ['docs/PLAN.md', 'Milestone 2 – Deep', 1, 3],
    ]);
  });

  it('counts a not-started item as not ready, and separately as not started', () => {
    const m2 = readiness.bySection[1]!;
    expect(m2.items).toEqual({ verified: 1, total: 3, share: 0.3333, notStarted: 1 });
    // its cited file does not exist yet: unknown (not-started), never verified
    const todo = report.plans[0]!.items[3]!;
    expect(todo.claims.map((c) => c.code)).toEqual(['not-started']);
  });

  it('gives the JSON field: overall, priorities keyed by name (`none` for none), sections in plan order', () => {
    const json = readinessJson(readiness) as { byPriority: Record<string, unknown>; bySection: unknown[]; items: unknown };
    expect(Object.keys(json)).toEqual(['claims', 'items', 'byPriority', 'bySection']);
    expect(Object.keys(json.byPriority)).toEqual(['P0', 'P1', 'P2', 'none']);
    expect(json.byPriority.P2).toEqual({ items: { verified: 1, total: 1, share: 1, notStarted: 0 }, claims: { verified: 1, total: 1, share: 1 } });
    expect(json.bySection[0]).toMatchObject({ plan: 'docs/PLAN.md', section: 'Milestone 1 – Core' });
  });
});

describe('readinessOf edge cases', () => {
  it('has nothing to score in an empty plan: totals 0 and no share', () => {
    const readiness = readinessOf(reportOf({ path: 'PLAN.md', items: [] }));
    expect(readiness.overall).toEqual({ items: { verified: 0, total: 0, share: null, notStarted: 0 }, claims: { verified: 0, total: 0, share: null } });
    expect(readiness.byPriority).toEqual([]);
    expect(readiness.bySection).toEqual([]);
    expect(readinessMarkdown(readiness, { heading: '###', escape: (t) => t })).toBe('');
  });

  it('counts an item without claims (unknown) as not ready', () => {
    const readiness = readinessOf(reportOf({ path: 'PLAN.md', items: [item('A-1', []), item('A-2', [result('verified', 3)])] }));
    expect(readiness.overall.items).toEqual({ verified: 1, total: 2, share: 0.5, notStarted: 0 });
    expect(readiness.overall.claims).toEqual({ verified: 1, total: 1, share: 1 });
  });

  it('rounds shares down, so 1 means every one verified', () => {
    expect(share(1999, 2000).share).toBe(0.9995);
    expect(share(19999, 20000).share).toBe(0.9999);
    expect(share(2, 3).share).toBe(0.6666);
    expect(share(0, 5).share).toBe(0);
    expect(share(5, 5).share).toBe(1);
  });

  it('orders P-priorities, then words, then others, then none', () => {
    const withPriority = (id: string, priority: string | null) => {
      const it = item(id, [result('verified', 1)]);
      return { ...it, item: { ...it.item, priority } };
    };
    const readiness = readinessOf(reportOf({ path: 'PLAN.md', items: ['low', null, 'P3', 'critical', 'P0', 'urgent', 'high'].map((p, i) => withPriority(`A-${i}`, p)) }));
    expect(readiness.byPriority.map((p) => p.priority)).toEqual(['P0', 'P3', 'critical', 'high', 'low', 'urgent', null]);
  });

  it('keeps sections of different plans apart, and names the plan in their labels', () => {
    const inSection = (id: string, section: string | undefined) => {
      const it = item(id, [result('verified', 1)]);
      return { ...it, item: { ...it.item, ...(section ? { section } : {}) } };
    };
    const report = reportOf({ path: 'a.md', items: [inSection('A-1', 'Phase 1'), inSection('A-2', undefined)] }, { path: 'b.md', items: [inSection('B-1', 'Phase 1')] });
    const readiness = readinessOf(report);
    expect(readiness.bySection.map((s) => [s.plan, s.section, s.items.total])).toEqual([
      ['a.md', 'Phase 1', 1],
      ['a.md', null, 1],
      ['b.md', 'Phase 1', 1],
    ]);
    expect(readinessRows(readiness).map((r) => r.label)).toEqual(['Overall', 'a.md › Phase 1', 'a.md › (no section)', 'b.md › Phase 1']);
  });

  it('shows no priority or section rows when no item has one', () => {
    const readiness = readinessOf(reportOf({ path: 'PLAN.md', items: [item('A-1', [result('verified', 1)])] }));
    expect(readinessRows(readiness).map((r) => r.label)).toEqual(['Overall']);
  });
});

describe('bars and percentages', () => {
  it.each([
    [0, '░░░░░░░░░░', '0 %'],
    [0.01, '█░░░░░░░░░', '1 %'],
    [0.5, '█████░░░░░', '50 %'],
    [0.8, '████████░░', '80 %'],
    [0.9999, '█████████░', '99 %'],
    [1, '██████████', '100 %'],
    [null, '░░░░░░░░░░', '—'],
  ])('share %p: %s %s', (value, expectedBar, expectedPercent) => {
    expect(bar(value)).toBe(expectedBar);
    expect(percent(value)).toBe(expectedPercent);
  });
});

describe('readinessMarkdown', () => {
  const readiness = readinessOf(planReport());

  it('is a table: overall, each priority, each section, with bars and counts', () => {
    expect(readinessMarkdown(readiness, { heading: '###', escape: (t) => t })).toBe(
      [
        '### Readiness',
        '',
        '| Scope | Items verified | Items | Claims | Not started |',
        '| --- | --- | ---: | ---: | ---: |',
        '| **Overall** | █████░░░░░ 50 % | 3/6 | 5/10 (50 %) | 1 |',
        '| P0 | █████░░░░░ 50 % | 1/2 | 3/5 (60 %) | 0 |',
        '| P1 | █████░░░░░ 50 % | 1/2 | 1/2 (50 %) | 1 |',
        '| P2 | ██████████ 100 % | 1/1 | 1/1 (100 %) | 0 |',
        '| no priority | ░░░░░░░░░░ 0 % | 0/1 | 0/2 (0 %) | 0 |',
        '| Milestone 1 – Core | ██████░░░░ 66 % | 2/3 | 4/6 (66 %) | 0 |',
        '| Milestone 2 – Deep | ███░░░░░░░ 33 % | 1/3 | 1/4 (25 %) | 1 |',
      ].join('\n'),
    );
  });

  it('escapes section headings and counts the sections it leaves out', () => {
    const items = Array.from({ length: 30 }, (_, i) => {
      const it = item(`S-${i}`, [result('verified', i + 1)]);
      return { ...it, item: { ...it.item, section: `Phase ${i} | <b>` } };
    });
    const table = readinessMarkdown(readinessOf(reportOf({ path: 'PLAN.md', items })), {
      heading: '####',
      escape: (t, max) => t.slice(0, max).replace(/\|/g, '\\|').replace(/</g, '&lt;'),
      maxSections: 25,
    });
    const rows = table.split('\n').filter((l) => l.startsWith('| Phase'));
    expect(rows).toHaveLength(25);
    expect(rows[0]).toBe('| Phase 0 \\| &lt;b> | ██████████ 100 % | 1/1 | 1/1 (100 %) | 0 |');
    expect(table.startsWith('#### Readiness\n')).toBe(true);
    expect(table.endsWith('\n\n… 5 more sections; run claimcheck locally for the full table')).toBe(true);
  });
});

describe('the text report', () => {
  const text = renderText(planReport(), { color: false });
  const lines = text.trimEnd().split('\n');

  it('shows the readiness rows after the items and keeps the summary line last', () => {
    const start = lines.indexOf('Readiness (verified share of items)');
    expect(start).toBeGreaterThan(lines.findIndex((l) => l.includes('M2-003')));
    expect(lines.at(-1)).toMatch(/^6 items, 10 claims: 5 verified, /);
    const rows = lines.slice(start + 1, -1);
    expect(rows.map((r) => r.trim().split(/\s{2,}/)[0])).toEqual(['Overall', 'P0', 'P1', 'P2', 'no priority', 'Milestone 1 – Core', 'Milestone 2 – Deep']);
    expect(rows[0]).toMatch(/^ {2}Overall +█████░░░░░ +50 % +3\/6 items +5\/10 claims \(50 %\) +1 not started$/);
    expect(rows[3]).toMatch(/^ {2}P2 +██████████ +100 % +1\/1 items +1\/1 claims \(100 %\)$/);
    // the bars stand in one column
    expect(new Set(rows.map((r) => r.search(/[█░]/))).size).toBe(1);
  });

  it('cuts long section headings so the bars stay aligned', () => {
    const long = `## ${'Very long milestone name '.repeat(5)}\n\n### A-1: Item\n**File:** \`src/a.ts\`\n`;
    const out = renderText(checkPlans([parsePlan('P.md', long)], snapshotOf({ files: FILES })), { color: false });
    const row = out.split('\n').find((l) => l.includes('Very long'))!;
    expect(row).toContain('…');
    expect(row.indexOf('█')).toBe(out.split('\n').find((l) => l.trim().startsWith('Overall'))!.indexOf('█'));
  });

  it('has no readiness block when no item was found', () => {
    expect(renderText(reportOf({ path: 'PLAN.md', items: [] }), { color: false })).not.toContain('Readiness');
  });
});

describe('the Markdown report', () => {
  it('puts the readiness table after the headline, before the plans', () => {
    const out = renderMarkdown(planReport());
    expect(out.indexOf('### Readiness')).toBeGreaterThan(out.indexOf('Verified at'));
    expect(out.indexOf('### Readiness')).toBeLessThan(out.indexOf('### `docs/PLAN.md`'));
    expect(out).toContain('\n| **Overall** | █████░░░░░ 50 % | 3/6 | 5/10 (50 %) | 1 |\n');
    expect(out).toContain('\n| Milestone 2 – Deep | ███░░░░░░░ 33 % | 1/3 | 1/4 (25 %) | 1 |\n');
  });
});
