import { describe, expect, it } from '@jest/globals';
import { parsePlan } from '../../src/plan/parse.js';
import { isStickyComment, STICKY_MARKER, stickyComment } from '../../src/report/comment.js';
import type { Report } from '../../src/verify/report.js';
import { checkPlans } from '../../src/verify/verify.js';
import { found, lines, REF, snapshotOf } from '../helpers/snapshot.js';
import { item, many, reportOf, result } from '../helpers/reports.js';

const REPO = 'acme/widgets';
const HEAD = '1234567890abcdef1234567890abcdef12345678';
const OPTIONS = { repository: REPO, sha: HEAD };
const LIMIT = 65_536;
const RUN_LOCALLY = 'run claimcheck locally for the full report';

const PLAN = `# Plan

### T-001: Add the parser
**Status:** Done
**File:** \`src/a.ts:L1-L5\`, \`src/b.ts\`

### T-002: Parser tests
**Status:** In Progress
**File:** \`src/a.ts:L8-L99\`
**Commit:** \`beefbeef\`

### T-003: Template
**Commit:** [commit-hash]

### T-004: Nothing | at all
**Status:** Done
`;

function parsedReport(): Report {
  const snapshot = snapshotOf({
    files: { 'src/a.ts': 'export const a = 1;\n'.repeat(12), 'src/b.ts': 'export const b = 2;\n', 'docs/guide.md': lines(2) },
    commits: { a1b2c3d: found(['src/a.ts']), beefbeef: 'missing' },
  });
  return checkPlans([parsePlan('docs/PLAN.md', PLAN)], snapshot);
}

const planLink = (line: number): string => `[docs/PLAN.md:${line}](https://github.com/acme/widgets/blob/${HEAD}/docs/PLAN.md?plain=1#L${line})`;

describe('stickyComment', () => {
  const report = parsedReport();
  const body = stickyComment(report, OPTIONS);

  it('starts with the marker, the counts and the readiness, lists unverified then unknown claims, then the items collapsed', () => {
    expect(report.summary).toEqual({ items: 4, claims: 6, verified: 2, unverified: 3, unknown: 1 });
    expect(body).toBe(
      [
        STICKY_MARKER,
        '## claimcheck: 2/6 claims verified · 3 unverified · 1 unknown',
        '',
        'Verified at `feedfac`.',
        '',
        '### Readiness',
        '',
        '| Scope | Items verified | Items | Claims | Not started |',
        '| --- | --- | ---: | ---: | ---: |',
        '| **Overall** | ██░░░░░░░░ 25 % | 1/4 | 2/6 (33 %) | 0 |',
        '',
        '### ❌ Unverified (3)',
        '',
        `- ❌ **T-002** · ${planLink(9)} · range \`src/a.ts:L8-L99\` · \`range-out-of-bounds\`: cites lines 8-99 but src/a.ts has 12 lines at feedfac · cited: [src/a.ts:L8-L99](https://github.com/acme/widgets/blob/${REF}/src/a.ts#L8-L99)`,
        `- ❌ **T-002** · ${planLink(10)} · commit \`beefbeef\` · \`commit-not-found\`: commit beefbeef does not exist in this repository`,
        `- ❌ **T-004** · ${planLink(16)} · status \`Done\` · \`no-evidence\`: T-004 is marked done but cites no evidence`,
        '',
        '### ❔ Unknown (1)',
        '',
        `- ❔ **T-003** · ${planLink(13)} · commit \`[commit-hash]\` · \`placeholder\`: '\\[commit-hash\\]' is template text that was never filled in`,
        '',
        '<details>',
        '<summary>All items (4)</summary>',
        '',
        '#### `docs/PLAN.md`',
        '',
        '| Item | Title | Verdict | Verified | Unverified | Unknown |',
        '| --- | --- | --- | ---: | ---: | ---: |',
        '| T-001 | Add the parser | ✅ verified | 2 | 0 | 0 |',
        '| T-002 | Parser tests | ❌ unverified | 0 | 2 | 0 |',
        '| T-003 | Template | ❔ unknown | 0 | 0 | 1 |',
        '| T-004 | Nothing \\| at all | ❌ unverified | 0 | 1 | 0 |',
        '',
        '</details>',
      ].join('\n'),
    );
  });

  it('is deterministic: the same report, even checked again, gives a byte-identical body', () => {
    expect(stickyComment(report, OPTIONS)).toBe(body);
    expect(stickyComment(parsedReport(), OPTIONS)).toBe(body);
    expect(stickyComment(structuredClone(report), { ...OPTIONS })).toBe(body);
  });

  it('changes when the result changes', () => {
    const fixed = checkPlans(
      [parsePlan('docs/PLAN.md', PLAN)],
      snapshotOf({ files: { 'src/a.ts': 'export const a = 1;\n'.repeat(120), 'src/b.ts': 'export const b = 2;\n' }, commits: { beefbeef: found(['src/a.ts']) } }),
    );
    expect(stickyComment(fixed, OPTIONS)).not.toBe(body);
    expect(isStickyComment(stickyComment(fixed, OPTIONS))).toBe(true);
  });
});

describe('links', () => {
  const evidence = { path: 'lib/(core)/a b.py', commit: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00' };
  const base = `https://github.com/acme/widgets/blob/${evidence.commit}/lib/%28core%29/a%20b.py`;

  it('link the cited lines at the evidence commit: a range, one line, the file', () => {
    const body = stickyComment(
      reportOf({
        path: 'plans/PLAN.yml',
        items: [
          item('A-1', [
            result('unverified', 3, { evidence: { ...evidence, start: 4, end: 9 } }),
            result('unverified', 4, { evidence: { ...evidence, start: 7, end: 7 } }),
            result('unverified', 5, { evidence }),
          ]),
        ],
      }),
      OPTIONS,
    );
    const bullets = body.split('\n').filter((l) => l.startsWith('- '));
    expect(bullets.map((b) => b.slice(b.lastIndexOf(' · ') + 3))).toEqual([
      `cited: [lib/(core)/a b.py:L4-L9](${base}#L4-L9)`,
      `cited: [lib/(core)/a b.py:L7](${base}#L7)`,
      `cited: [lib/(core)/a b.py](${base})`,
    ]);
  });

  it('link the plan line at the sha when there is no evidence (no ?plain=1 for YAML)', () => {
    const body = stickyComment(reportOf({ path: 'plans/PLAN.yml', items: [item('A-1', [result('unknown', 21)])] }), OPTIONS);
    expect(body).toContain(
      `- ❔ **A-1** · [plans/PLAN.yml:21](https://github.com/acme/widgets/blob/${HEAD}/plans/PLAN.yml#L21) · file \`src/f21.ts\` · \`ambiguous-path\`: reason for line 21\n`,
    );
    expect(body).not.toContain('cited:');
  });
});

describe('when everything verified', () => {
  it('says so in a short body', () => {
    expect(stickyComment(reportOf({ path: 'PLAN.md', items: many(42, 'verified') }), OPTIONS)).toBe(
      `${STICKY_MARKER}\n## claimcheck: 42/42 claims verified · 0 unverified · 0 unknown\n\n✅ All 42 claims verified at \`feedfac\`.`,
    );
    expect(stickyComment(reportOf({ path: 'PLAN.md', items: many(1, 'verified') }), OPTIONS)).toContain('✅ All 1 claim verified at `feedfac`.');
  });

  it('adds the readiness when an item is not ready for want of evidence', () => {
    const body = stickyComment(reportOf({ path: 'PLAN.md', items: [...many(3, 'verified'), item('E-1', [])] }), OPTIONS);
    expect(body).toBe(
      [
        STICKY_MARKER,
        '## claimcheck: 3/3 claims verified · 0 unverified · 0 unknown',
        '',
        '✅ All 3 claims verified at `feedfac`.',
        '',
        '### Readiness',
        '',
        '| Scope | Items verified | Items | Claims | Not started |',
        '| --- | --- | ---: | ---: | ---: |',
        '| **Overall** | ███████░░░ 75 % | 3/4 | 3/3 (100 %) | 0 |',
      ].join('\n'),
    );
  });

  it('says there was nothing to verify when no claim was found', () => {
    expect(stickyComment(reportOf({ path: 'PLAN.md', items: [] }), OPTIONS)).toBe(
      `${STICKY_MARKER}\n## claimcheck: 0/0 claims verified · 0 unverified · 0 unknown\n\nNo claims to verify at \`feedfac\`: the plans cite no evidence.`,
    );
  });
});

describe('escaping', () => {
  it('keeps plan text from breaking the table, injecting HTML or mentioning people', () => {
    const report = reportOf({
      path: 'docs/PLAN.md',
      items: [item('<img src=x onerror=alert(1)>', [result('unverified', 1, { text: 'a`b | </details> @bob' })], 'Pipes | and\nnewlines </details><script>x</script> cc @alice')],
    });
    const body = stickyComment(report, OPTIONS);
    expect(body).toContain(
      '| &lt;img src=x onerror=alert(1)&gt; | Pipes \\| and newlines &lt;/details&gt;&lt;script&gt;x&lt;/script&gt; cc @&#8203;alice | ❌ unverified | 0 | 1 | 0 |',
    );
    expect(body).toContain('- ❌ **&lt;img src=x onerror=alert(1)&gt;** · ');
    expect(body).toContain(' · file ``a`b | </details> @bob`` · ');
    // the only raw HTML is ours
    expect(body.match(/<[a-z/!][^>]*>/g)).toEqual([STICKY_MARKER, '</details>', '<details>', '<summary>', '</summary>', '</details>']);
    expect(body.split('\n').filter((l) => l.startsWith('</details>'))).toEqual(['</details>']);
  });

  it('keeps a newline in a claim or a reason from starting a new block', () => {
    const body = stickyComment(reportOf({ path: 'PLAN.md', items: [item('A-1', [result('unverified', 1, { text: 'x\n# heading', reason: 'one\n\n- two' })])] }), OPTIONS);
    expect(body).toContain(' · file `x # heading` · `file-not-found`: one - two');
  });
});

describe('the comment limit', () => {
  it('drops the item table first when only the claims fit', () => {
    const items = [...many(5, 'unverified', 'U'), ...many(3000, 'verified').map((it) => ({ ...it, item: { ...it.item, title: 'A long title '.repeat(5) } }))];
    const body = stickyComment(reportOf({ path: 'PLAN.md', items }), OPTIONS);
    expect(body.length).toBeLessThanOrEqual(LIMIT);
    expect(body.split('\n').filter((l) => l.startsWith('- ❌'))).toHaveLength(5);
    expect(body).not.toContain('<details>');
    expect(body.endsWith(`reason for line 14\n\n… the item table is not shown (comment limit); ${RUN_LOCALLY}`)).toBe(true);
  });

  it('cuts the claims at a bullet and says how many are not shown', () => {
    const body = stickyComment(reportOf({ path: 'PLAN.md', items: [...many(600, 'unverified', 'U'), ...many(600, 'unknown', 'K')] }), OPTIONS);
    expect(body.length).toBeLessThanOrEqual(LIMIT);
    expect(body.startsWith(`${STICKY_MARKER}\n## claimcheck: 0/1200 claims verified · 600 unverified · 600 unknown\n`)).toBe(true);
    const bullets = body.split('\n').filter((l) => l.startsWith('- '));
    expect(bullets.length).toBeGreaterThan(100);
    expect(bullets.every((b) => b.startsWith('- ❌'))).toBe(true);
    const tail = body.split('\n').slice(-3);
    expect(tail).toEqual([bullets.at(-1), '', `… ${1200 - bullets.length} more claims and the item table not shown (comment limit); ${RUN_LOCALLY}`]);
    expect(body).not.toContain('<details>');
    expect(isStickyComment(body)).toBe(true);
  });

  it('stays under the limit with huge plan text', () => {
    const huge = 'x'.repeat(200_000);
    const body = stickyComment(
      reportOf({ path: `${'dir/'.repeat(50)}PLAN.md`, items: Array.from({ length: 50 }, (_, i) => item(`${huge}${i}`, [result('unverified', i + 1, { text: huge, reason: huge })], huge)) }),
      OPTIONS,
    );
    expect(body.length).toBeLessThanOrEqual(LIMIT);
    const bullets = body.split('\n').filter((l) => l.startsWith('- ❌'));
    // plan text is clipped in each bullet, so many still fit
    expect(bullets.length).toBeGreaterThan(20);
    for (const b of bullets) expect(b.length).toBeLessThan(2_500);
    expect(body.endsWith(`\n\n… ${50 - bullets.length} more claims and the item table not shown (comment limit); ${RUN_LOCALLY}`)).toBe(true);
  });
});

describe('isStickyComment', () => {
  it('recognises the comment by its leading marker', () => {
    expect(STICKY_MARKER).toBe('<!-- claimcheck:sticky -->');
    expect(isStickyComment(`${STICKY_MARKER}\n## claimcheck: ...`)).toBe(true);
    expect(isStickyComment(`\r\n${STICKY_MARKER}\r\nbody`)).toBe(true);
    expect(isStickyComment(STICKY_MARKER)).toBe(true);
  });

  it('rejects other comments, a marker quoted later, and no body', () => {
    expect(isStickyComment('LGTM')).toBe(false);
    expect(isStickyComment(`as the bot said:\n> ${STICKY_MARKER}`)).toBe(false);
    expect(isStickyComment('<!-- claimcheck -->')).toBe(false);
    expect(isStickyComment('')).toBe(false);
    expect(isStickyComment(undefined)).toBe(false);
    expect(isStickyComment(null)).toBe(false);
  });
});

describe('readiness in the comment', () => {
  const priority = (id: string, p: string, verdict: 'verified' | 'unverified') => {
    const it = item(id, [result(verdict, 3)]);
    return { ...it, item: { ...it.item, priority: p, section: 'Milestone @bob' } };
  };

  it('shows each priority and section, escaped, between the head and the claims', () => {
    const body = stickyComment(reportOf({ path: 'PLAN.md', items: [priority('A-1', 'P0', 'verified'), priority('A-2', 'P0', 'unverified'), priority('A-3', 'P2', 'verified')] }), OPTIONS);
    const table = body.slice(body.indexOf('### Readiness'), body.indexOf('### ❌ Unverified'));
    expect(table.split('\n').filter((l) => /^\| (?!Scope|---)/.test(l))).toEqual([
      '| **Overall** | ██████░░░░ 66 % | 2/3 | 2/3 (66 %) | 0 |',
      '| P0 | █████░░░░░ 50 % | 1/2 | 1/2 (50 %) | 0 |',
      '| P2 | ██████████ 100 % | 1/1 | 1/1 (100 %) | 0 |',
      '| Milestone @&#8203;bob | ██████░░░░ 66 % | 2/3 | 2/3 (66 %) | 0 |',
    ]);
    expect(body.indexOf('Verified at')).toBeLessThan(body.indexOf('### Readiness'));
  });

  it('stays within the comment limit with the table', () => {
    const items = many(3000, 'unverified').map((it, i) => ({ ...it, item: { ...it.item, section: `Section ${i} `.repeat(20) } }));
    const body = stickyComment(reportOf({ path: 'PLAN.md', items }), OPTIONS);
    expect(body.length).toBeLessThanOrEqual(LIMIT);
    expect(body).toContain('… 2975 more sections');
  });
});
