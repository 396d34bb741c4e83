import { describe, expect, it } from '@jest/globals';
import { parsePlan } from '../../src/plan/parse.js';
import type { Claim } from '../../src/plan/types.js';
import { diffLines, driftedClaims, fixReview, rewriteRange, type Drifted } from '../../src/report/fix.js';
import type { ClaimResult, RangeSuggestion } from '../../src/verify/report.js';
import { fileClaim, item, reportOf, result } from '../helpers/reports.js';

const HEAD = '1234567890abcdef1234567890abcdef12345678';
const OPTIONS = { repository: 'acme/widgets', sha: HEAD };

/** The claims the parser reads on `line`, the third line of a one-item plan. */
function claimsOn(line: string): Claim[] {
  return parsePlan('docs/PLAN.md', `#### T-001 - X\n- **Status:** Done\n${line}\n`).items[0]!.claims.filter((c) => c.kind === 'range');
}

function rewritten(line: string, suggestion: RangeSuggestion, which = 0): string | null {
  return rewriteRange(line, claimsOn(line)[which]!, suggestion);
}

describe('rewriteRange', () => {
  it.each([
    ['- **File:** `src/a.ts:L10-L20`', { start: 12, end: 22 }, '- **File:** `src/a.ts:L12-L22`'],
    ['- **File:** `src/a.ts:10-20`', { start: 12, end: 22 }, '- **File:** `src/a.ts:12-22`'],
    ['- **File:** `src/a.ts#L10-L20`', { start: 12, end: 22 }, '- **File:** `src/a.ts#L12-L22`'],
    ['- **File:** src/a.ts:10–20 (the parser)', { start: 3, end: 13 }, '- **File:** src/a.ts:3–13 (the parser)'],
    ['- **File:** `src/a.ts:L5`', { start: 7, end: 7 }, '- **File:** `src/a.ts:L7`'],
    ['- **File:** `src/a.ts:L5`', { start: 7, end: 9 }, '- **File:** `src/a.ts:L7-L9`'],
    ['- **File:** `src/a.ts:L10-L20`', { start: 14, end: 14 }, '- **File:** `src/a.ts:L14`'],
    [
      '- **Evidence:** [a.ts](https://github.com/acme/widgets/blob/main/src/a.ts#L10-L20) holds it',
      { start: 30, end: 40 },
      '- **Evidence:** [a.ts](https://github.com/acme/widgets/blob/main/src/a.ts#L30-L40) holds it',
    ],
    ['- **File:** [the parser](../src/a.ts#L10-L20)', { start: 11, end: 21 }, '- **File:** [the parser](../src/a.ts#L11-L21)'],
  ])('%s → %j', (line, suggestion, expected) => {
    expect(rewritten(line, suggestion)).toBe(expected);
  });

  it('rewrites only the claim it is given, even when the same text stands twice on the line', () => {
    const line = '- **File:** `src/a.ts:L5`, `src/a.ts:L5` and `src/b.ts:L5`  ';
    expect(rewritten(line, { start: 8, end: 8 }, 1)).toBe('- **File:** `src/a.ts:L5`, `src/a.ts:L8` and `src/b.ts:L5`  ');
    expect(rewritten(line, { start: 8, end: 8 }, 2)).toBe('- **File:** `src/a.ts:L5`, `src/a.ts:L5` and `src/b.ts:L8`  ');
  });

  it('gives null for a block moved to another file, a claim that is no range, or a line without the claim', () => {
    const line = '- **File:** `src/a.ts:L10-L20`';
    expect(rewritten(line, { start: 1, end: 5, path: 'src/b.ts' })).toBeNull();
    expect(rewriteRange(line, fileClaim('src/a.ts', 3), { start: 1, end: 2 })).toBeNull();
    expect(rewriteRange('- **File:** `src/c.ts:L10-L20`', claimsOn(line)[0]!, { start: 1, end: 2 })).toBeNull();
  });
});

describe('diffLines', () => {
  it('gives the lines of the new file each hunk shows, context included', () => {
    const patch = '@@ -1,3 +1,4 @@\n a\n+b\n c\n d\n@@ -20,2 +21 @@ function x\n-e\n f\n@@ -40,0 +41,0 @@\n';
    expect([...diffLines(patch)]).toEqual([1, 2, 3, 4, 21]);
    expect(diffLines(undefined).size).toBe(0);
  });
});

describe('fixReview', () => {
  const PLAN = [
    '# Plan',
    '',
    '#### T-001 - Parser',
    '- **Status:** Done',
    '- **File:** `src/a.ts:L10-L20`',
    '- **File:** `src/b.ts:L1-L4`, `src/c.ts#L5`',
    '- **File:** `src/d.ts:L7-L9`',
    '- **File:** `src/e.ts:L1-L2`',
    '- **File:** `src/f.ts:L3-L4`',
    '',
  ].join('\n');
  const claims = parsePlan('docs/PLAN.md', PLAN).items[0]!.claims;
  const on = (text: string): Claim => claims.find((c) => c.text === text)!;
  const drift = (text: string, suggestion?: RangeSuggestion, reason = `${text} moved`): ClaimResult => ({
    ...result('unverified', on(text).line, { claim: on(text), code: 'range-drifted', reason }),
    ...(suggestion ? { suggestion } : {}),
  });
  const report = reportOf({
    path: 'docs/PLAN.md',
    items: [
      item('T-001', [
        drift('src/a.ts:L10-L20', { start: 12, end: 22 }),
        drift('src/b.ts:L1-L4', { start: 2, end: 5 }),
        drift('src/c.ts#L5', { start: 6, end: 6 }),
        drift('src/d.ts:L7-L9', { start: 1, end: 3 }),
        drift('src/e.ts:L1-L2', { start: 1, end: 2, path: 'src/g.ts' }),
        drift('src/f.ts:L3-L4', undefined, 'it now stands in src/x.ts:L1-L2, src/y.ts:L1-L2: cite the right one'),
        result('unverified', 5, { code: 'range-out-of-bounds' }),
      ]),
    ],
  });
  const texts = new Map([['docs/PLAN.md', PLAN.replace(/\n/g, '\r\n')]]);
  // lines 5 and 6 are in the pull request's diff, line 7 is not
  const diff = new Map([['docs/PLAN.md', new Set([3, 4, 5, 6])]]);
  const link = (line: number): string => `[docs/PLAN.md:${line}](https://github.com/acme/widgets/blob/${HEAD}/docs/PLAN.md?plain=1#L${line})`;

  it('finds the drifted claims of a report', () => {
    expect(driftedClaims(report).map((d: Drifted) => [d.plan, d.result.claim.text])).toEqual([
      ['docs/PLAN.md', 'src/a.ts:L10-L20'],
      ['docs/PLAN.md', 'src/b.ts:L1-L4'],
      ['docs/PLAN.md', 'src/c.ts#L5'],
      ['docs/PLAN.md', 'src/d.ts:L7-L9'],
      ['docs/PLAN.md', 'src/e.ts:L1-L2'],
      ['docs/PLAN.md', 'src/f.ts:L3-L4'],
    ]);
  });

  const review = fixReview(driftedClaims(report), texts, diff, OPTIONS);

  it('puts a suggestion on the plan line of each drifted range in the diff; ranges on one line share it', () => {
    expect(review.comments).toEqual([
      {
        path: 'docs/PLAN.md',
        line: 5,
        side: 'RIGHT',
        body: [
          'claimcheck: this range drifted (`range-drifted` at `1234567`).',
          '',
          '- `src/a.ts:L10-L20` → `src/a.ts:L12-L22`: src/a.ts:L10-L20 moved',
          '',
          '```suggestion',
          '- **File:** `src/a.ts:L12-L22`',
          '```',
        ].join('\n'),
      },
      {
        path: 'docs/PLAN.md',
        line: 6,
        side: 'RIGHT',
        body: [
          'claimcheck: these ranges drifted (`range-drifted` at `1234567`).',
          '',
          '- `src/b.ts:L1-L4` → `src/b.ts:L2-L5`: src/b.ts:L1-L4 moved',
          '- `src/c.ts#L5` → `src/c.ts#L6`: src/c.ts#L5 moved',
          '',
          '```suggestion',
          '- **File:** `src/b.ts:L2-L5`, `src/c.ts#L6`',
          '```',
        ].join('\n'),
      },
    ]);
  });

  it('lists in its body the lines outside the diff and the drifts no suggestion can carry', () => {
    expect(review.body).toBe(
      [
        '### claimcheck: 6 drifted ranges at `1234567`',
        '',
        'Each suggestion below moves a cited range to where its code stands now. claimcheck pushes nothing: commit the suggestions you accept.',
        '',
        "These plan lines are not part of this pull request's diff, where GitHub takes suggestions: change them by hand, or run `claimcheck verify --fix` on the plan.",
        '',
        `- ${link(7)} · \`src/d.ts:L7-L9\` → \`src/d.ts:L1-L3\``,
        '',
        'Not suggested:',
        '',
        `- ${link(8)} · \`src/e.ts:L1-L2\`: moved to \`src/g.ts:L1-L2\`; change the path by hand`,
        `- ${link(9)} · \`src/f.ts:L3-L4\`: it now stands in src/x.ts:L1-L2, src/y.ts:L1-L2: cite the right one`,
      ].join('\n'),
    );
  });

  it('says so when no suggestion could be placed, and notes a range its line no longer holds', () => {
    const other = fixReview(driftedClaims(report).slice(0, 1), new Map([['docs/PLAN.md', PLAN.replace('src/a.ts:L10-L20', 'src/a.ts')]]), diff, OPTIONS);
    expect(other.comments).toEqual([]);
    expect(other.body).toContain('No suggestion could be placed on the plan lines.');
    expect(other.body).toContain(`- ${link(5)} · \`src/a.ts:L10-L20\`: the range is not on its plan line as claimcheck read it; change it by hand`);
  });

  it('fences a suggestion past the backticks of its line', () => {
    const line = '- **File:** ```src/a.ts:L10-L20```';
    const claim = claimsOn(line)[0]!;
    const drifted = [{ plan: 'P.md', result: { ...result('unverified', 1, { claim: { ...claim, line: 1 }, code: 'range-drifted' }), suggestion: { start: 2, end: 3 } } }];
    const { comments } = fixReview(drifted, new Map([['P.md', line]]), new Map([['P.md', new Set([1])]]), OPTIONS);
    expect(comments[0]!.body.split('\n').slice(-3)).toEqual(['````suggestion', '- **File:** ```src/a.ts:L2-L3```', '````']);
  });
});
