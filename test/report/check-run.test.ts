import { describe, expect, it } from '@jest/globals';
import { parsePlan } from '../../src/plan/parse.js';
import type { Claim } from '../../src/plan/types.js';
import {
  annotationPages,
  MAX_ANNOTATIONS,
  checkRunOutput,
  neutralOutput,
  REVERIFY_ACTION,
  type Annotation,
  type CheckRunOptions,
} from '../../src/report/check-run.js';
import { checkPlans } from '../../src/verify/verify.js';
import { at } from '../helpers/position.js';
import { found, lines, REF, snapshotOf } from '../helpers/snapshot.js';
import type { Report } from '../../src/verify/report.js';
import { item, many, reportOf, result } from '../helpers/reports.js';

const REPO = 'acme/widgets';
const OPTIONS: CheckRunOptions = { repository: REPO, sha: REF, failOn: 'unverified' };
const NOTE_TAIL = 'not shown (output limit); run claimcheck locally for the full report';
const LIMIT = 65_535;

// ---- hand-made reports --------------------------------------------------------------------

// ---- a report made by real parsing and checking ------------------------------------------------

const PLAN = `# Plan

### T-001: Add the parser
**Status:** Done
**File:** \`src/a.ts:L1-L5\`, \`src/b.ts\`
**Commit:** \`a1b2c3d\`

### T-002: Parser tests
**Status:** Done
**File:** \`src/a.ts:L8-L99\`, \`docs/guide.md:L3\`
**Commit:** \`beefbeef\`

### T-003: Template
**Commit:** [commit-hash]
`;

function parsedReport(): Report {
  const snapshot = snapshotOf({
    files: { 'src/a.ts': 'export const a = 1;\n'.repeat(12), 'src/b.ts': 'export const b = 2;\n', 'docs/guide.md': lines(2) },
    commits: { a1b2c3d: found(['src/a.ts']), beefbeef: 'missing' },
  });
  return checkPlans([parsePlan('docs/PLAN.md', PLAN)], snapshot);
}

describe('checkRunOutput on a checked plan', () => {
  const report = parsedReport();
  const output = checkRunOutput(report, OPTIONS);

  it('fails, with the counts as the title', () => {
    expect(report.summary).toEqual({ items: 3, claims: 8, verified: 3, unverified: 4, unknown: 1 });
    expect(output.conclusion).toBe('failure');
    expect(output.title).toBe('3/8 claims verified · 4 unverified · 1 unknown');
  });

  it('annotates each claim not verified on its own plan line: unverified (failure) first, then unknown (warning)', () => {
    expect(output.annotations).toEqual([
      {
        path: 'docs/PLAN.md',
        start_line: at(PLAN, 'src/a.ts:L8-L99').line,
        end_line: at(PLAN, 'src/a.ts:L8-L99').line,
        annotation_level: 'failure',
        title: 'range-out-of-bounds: range',
        message: `cites lines 8-99 but src/a.ts has 12 lines at feedfac\nhttps://github.com/acme/widgets/blob/${REF}/src/a.ts#L8-L99`,
        raw_details: 'src/a.ts:L8-L99',
      },
      {
        path: 'docs/PLAN.md',
        start_line: at(PLAN, 'docs/guide.md:L3').line,
        end_line: at(PLAN, 'docs/guide.md:L3').line,
        annotation_level: 'failure',
        title: 'range-out-of-bounds: range',
        message: `cites line 3 but docs/guide.md has 2 lines at feedfac\nhttps://github.com/acme/widgets/blob/${REF}/docs/guide.md?plain=1#L3`,
        raw_details: 'docs/guide.md:L3',
      },
      {
        path: 'docs/PLAN.md',
        start_line: at(PLAN, 'beefbeef').line,
        end_line: at(PLAN, 'beefbeef').line,
        annotation_level: 'failure',
        title: 'commit-not-found: commit',
        message: 'commit beefbeef does not exist in this repository',
        raw_details: 'beefbeef',
      },
      {
        path: 'docs/PLAN.md',
        start_line: at(PLAN, 'Done', 1).line,
        end_line: at(PLAN, 'Done', 1).line,
        annotation_level: 'failure',
        title: 'done-but-unverified: status',
        message: 'T-002 is marked done but 3 of its claims are unverified',
        raw_details: 'Done',
      },
      {
        path: 'docs/PLAN.md',
        start_line: at(PLAN, '[commit-hash]').line,
        end_line: at(PLAN, '[commit-hash]').line,
        annotation_level: 'warning',
        title: 'placeholder: commit',
        message: "'[commit-hash]' is template text that was never filled in",
        raw_details: '[commit-hash]',
      },
    ]);
  });

  it('sets no columns (GitHub takes them only on one-line annotations)', () => {
    for (const a of output.annotations) {
      expect(a).not.toHaveProperty('start_column');
      expect(a).not.toHaveProperty('end_column');
      expect(a.start_line).toBe(a.end_line);
    }
  });

  it('summarises the readiness, then each plan in a table, with what the verdicts mean', () => {
    expect(output.summary).toBe(
      [
        'Verified at `feedfac`; this check fails on unverified claims.',
        '',
        '✅ **verified**: the evidence was found and holds · ❌ **unverified**: the evidence was checked and does not hold · ❔ **unknown**: it could not be decided here',
        '',
        '### Readiness',
        '',
        '| Scope | Items verified | Items | Claims | Not started |',
        '| --- | --- | ---: | ---: | ---: |',
        '| **Overall** | ███░░░░░░░ 33 % | 1/3 | 3/8 (37 %) | 0 |',
        '',
        '### `docs/PLAN.md`',
        '',
        '| Item | Title | Verdict | Verified | Unverified | Unknown |',
        '| --- | --- | --- | ---: | ---: | ---: |',
        '| T-001 | Add the parser | ✅ verified | 3 | 0 | 0 |',
        '| T-002 | Parser tests | ❌ unverified | 0 | 4 | 0 |',
        '| T-003 | Template | ❔ unknown | 0 | 0 | 1 |',
      ].join('\n'),
    );
  });

  it('lists the claims not verified, unverified first, with plan line, kind, text, code, reason and permalink', () => {
    const plan = (line: number): string => `[docs/PLAN.md:${line}](https://github.com/acme/widgets/blob/${REF}/docs/PLAN.md?plain=1#L${line})`;
    expect(output.text).toBe(
      [
        '### ❌ Unverified (4)',
        '',
        `- ❌ ${plan(10)} · **T-002** · range \`src/a.ts:L8-L99\` · \`range-out-of-bounds\`: cites lines 8-99 but src/a.ts has 12 lines at feedfac · [src/a.ts:L8-L99](https://github.com/acme/widgets/blob/${REF}/src/a.ts#L8-L99)`,
        `- ❌ ${plan(10)} · **T-002** · range \`docs/guide.md:L3\` · \`range-out-of-bounds\`: cites line 3 but docs/guide.md has 2 lines at feedfac · [docs/guide.md:L3](https://github.com/acme/widgets/blob/${REF}/docs/guide.md?plain=1#L3)`,
        `- ❌ ${plan(11)} · **T-002** · commit \`beefbeef\` · \`commit-not-found\`: commit beefbeef does not exist in this repository`,
        `- ❌ ${plan(9)} · **T-002** · status \`Done\` · \`done-but-unverified\`: T-002 is marked done but 3 of its claims are unverified`,
        '',
        '### ❔ Unknown (1)',
        '',
        `- ❔ ${plan(14)} · **T-003** · commit \`[commit-hash]\` · \`placeholder\`: '\\[commit-hash\\]' is template text that was never filled in`,
      ].join('\n'),
    );
  });

  it('is deterministic: the same report gives the same output', () => {
    expect(checkRunOutput(parsedReport(), OPTIONS)).toEqual(output);
  });
});

describe('conclusion and title', () => {
  it('succeeds when every claim verified, with no text and no annotations', () => {
    const output = checkRunOutput(reportOf({ path: 'PLAN.md', items: many(5, 'verified') }), OPTIONS);
    expect(output).toEqual({
      conclusion: 'success',
      title: '5/5 claims verified · 0 unverified · 0 unknown',
      summary: expect.any(String),
      annotations: [],
    });
    expect(output).not.toHaveProperty('text');
  });

  it('fails on an unverified claim whatever failOn says', () => {
    const report = reportOf({ path: 'PLAN.md', items: [...many(2, 'verified'), item('X-1', [result('unverified', 40)])] });
    expect(checkRunOutput(report, { ...OPTIONS, failOn: 'unverified' }).conclusion).toBe('failure');
    expect(checkRunOutput(report, { ...OPTIONS, failOn: 'unknown' }).conclusion).toBe('failure');
  });

  it('fails on an unknown claim only when failOn is unknown', () => {
    const report = reportOf({ path: 'PLAN.md', items: [...many(2, 'verified'), item('X-1', [result('unknown', 40)])] });
    const lenient = checkRunOutput(report, { ...OPTIONS, failOn: 'unverified' });
    expect(lenient.conclusion).toBe('success');
    expect(lenient.annotations.map((a) => a.annotation_level)).toEqual(['warning']);
    expect(checkRunOutput(report, { ...OPTIONS, failOn: 'unknown' }).conclusion).toBe('failure');
    expect(checkRunOutput(report, { ...OPTIONS, failOn: 'unknown' }).summary).toContain('this check fails on unverified or unknown claims.');
  });

  it('titles with every count, across plans', () => {
    const report = reportOf(
      { path: 'a/PLAN.md', items: [...many(20, 'verified', 'A'), ...many(2, 'unverified', 'AU')] },
      { path: 'b/PLAN.md', items: [...many(18, 'verified', 'B'), ...many(1, 'unverified', 'BU'), ...many(1, 'unknown', 'BK')] },
    );
    expect(checkRunOutput(report, OPTIONS).title).toBe('38/42 claims verified · 3 unverified · 1 unknown');
  });

  it('succeeds on a report without claims, saying so when there is no plan', () => {
    const output = checkRunOutput(reportOf(), OPTIONS);
    expect(output.conclusion).toBe('success');
    expect(output.title).toBe('0/0 claims verified · 0 unverified · 0 unknown');
    expect(output.summary.endsWith('No plans were checked.')).toBe(true);
    const empty = checkRunOutput(reportOf({ path: 'PLAN.md', items: [] }), OPTIONS);
    expect(empty.summary.endsWith('### `PLAN.md`\n\nNo items with evidence found.')).toBe(true);
  });
});

describe('text and annotations', () => {
  const evidence = { path: 'src/my file.ts', commit: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00' };

  it('links the cited lines at the evidence commit: a range, one line, or the file without a fragment', () => {
    const report = reportOf({
      path: 'PLAN.md',
      items: [
        item('R-1', [
          result('unverified', 3, { code: 'hollow-range', evidence: { ...evidence, start: 4, end: 9 } }),
          result('unverified', 4, { code: 'hollow-range', evidence: { ...evidence, start: 7, end: 7 } }),
          result('unverified', 5, { code: 'hollow-file', evidence }),
          result('unverified', 6, { code: 'file-not-found' }),
        ]),
      ],
    });
    const output = checkRunOutput(report, OPTIONS);
    const base = `https://github.com/acme/widgets/blob/${evidence.commit}/src/my%20file.ts`;
    expect(output.annotations.map((a) => a.message)).toEqual([
      `reason for line 3\n${base}#L4-L9`,
      `reason for line 4\n${base}#L7`,
      `reason for line 5\n${base}`,
      'reason for line 6',
    ]);
    const bullets = output.text!.split('\n').filter((l) => l.startsWith('- '));
    expect(bullets.map((b) => b.slice(b.lastIndexOf(' · ') + 3))).toEqual([
      `[src/my file.ts:L4-L9](${base}#L4-L9)`,
      `[src/my file.ts:L7](${base}#L7)`,
      `[src/my file.ts](${base})`,
      '`file-not-found`: reason for line 6',
    ]);
  });

  it('orders unverified before unknown, each in plan order, across plans', () => {
    const report = reportOf(
      { path: 'a.md', items: [item('A-1', [result('unknown', 1), result('unverified', 2)]), item('A-2', [result('verified', 3), result('unknown', 4)])] },
      { path: 'b.md', items: [item('B-1', [result('unverified', 5), result('unknown', 6)])] },
    );
    const output = checkRunOutput(report, OPTIONS);
    expect(output.annotations.map((a) => `${a.path}:${a.start_line}:${a.annotation_level}`)).toEqual([
      'a.md:2:failure',
      'b.md:5:failure',
      'a.md:1:warning',
      'a.md:4:warning',
      'b.md:6:warning',
    ]);
    const text = output.text!;
    expect(text.indexOf('### ❌ Unverified (2)')).toBe(0);
    expect(text).toContain('\n\n### ❔ Unknown (3)\n\n');
    expect(text.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(0, 3))).toEqual(['- ❌', '- ❌', '- ❔', '- ❔', '- ❔']);
  });

  it('only lists unknown claims when nothing is unverified', () => {
    const text = checkRunOutput(reportOf({ path: 'a.md', items: [item('A-1', [result('unknown', 1)])] }), OPTIONS).text!;
    expect(text.startsWith('### ❔ Unknown (1)\n\n- ❔ ')).toBe(true);
    expect(text).not.toContain('Unverified');
  });

  it('gives no raw details for a claim without text', () => {
    const output = checkRunOutput(reportOf({ path: 'a.md', items: [item('A-1', [result('unverified', 2, { text: '' })])] }), OPTIONS);
    expect(output.annotations).toEqual([
      { path: 'a.md', start_line: 2, end_line: 2, annotation_level: 'failure', title: 'file-not-found: file', message: 'reason for line 2' },
    ]);
  });

  it('uses the slot kind for placeholders', () => {
    const claim: Claim = { kind: 'unfilled', intended: 'range', text: 'LXX-LYY', line: 8, column: 1 };
    const output = checkRunOutput(reportOf({ path: 'a.md', items: [item('A-1', [result('unknown', 8, { claim, code: 'placeholder' })])] }), OPTIONS);
    expect(output.annotations[0]!.title).toBe('placeholder: range');
    expect(output.text).toContain(' · range `LXX-LYY` · `placeholder`: ');
  });

  it('keeps annotation titles to 255 characters and messages and details to 64 KB', () => {
    const long = 'é'.repeat(100_000);
    const output = checkRunOutput(
      reportOf({ path: 'a.md', items: [item('A-1', [result('unverified', 1, { code: 'x'.repeat(300), reason: long, text: `😀${long}` })])] }),
      OPTIONS,
    );
    const [a] = output.annotations as [Annotation];
    expect(a.title!.length).toBe(255);
    expect(a.title!.endsWith('…')).toBe(true);
    expect(Buffer.byteLength(a.message)).toBeLessThanOrEqual(64_000);
    expect(Buffer.byteLength(a.raw_details!)).toBeLessThanOrEqual(64_000);
    expect(a.message.startsWith('ééé')).toBe(true);
    expect(a.message.endsWith('…')).toBe(true);
    expect(a.raw_details!.startsWith('😀é')).toBe(true);
  });

  it('escapes plan text in the summary and the text', () => {
    const report = reportOf({
      path: 'a.md',
      items: [item('<b>A|1</b>', [result('unverified', 1, { text: 'x` | <img src=x>' })], 'Title with | pipe\nand <script>alert(1)</script> for @alice')],
    });
    const output = checkRunOutput(report, OPTIONS);
    expect(output.summary).toContain('| &lt;b&gt;A\\|1&lt;/b&gt; | Title with \\| pipe and &lt;script&gt;alert(1)&lt;/script&gt; for @&#8203;alice | ❌ unverified | 0 | 1 | 0 |');
    expect(output.text).toContain(' · **&lt;b&gt;A\\|1&lt;/b&gt;** · file ``x` | <img src=x>`` · ');
    expect(output.summary).not.toMatch(/<(b|script)/);
  });
});

describe('output limits', () => {
  it('cuts the text at a claim and ends with how many claims are not shown', () => {
    const report = reportOf({ path: 'PLAN.md', items: [...many(700, 'unverified', 'U'), ...many(700, 'unknown', 'K')] });
    const output = checkRunOutput(report, OPTIONS);
    const text = output.text!;
    expect(text.length).toBeLessThanOrEqual(LIMIT);
    const bullets = text.split('\n').filter((l) => l.startsWith('- '));
    const note = text.split('\n').at(-1)!;
    expect(note).toBe(`… ${1400 - bullets.length} more claims ${NOTE_TAIL}`);
    expect(bullets.length).toBeGreaterThan(100);
    expect(bullets.length).toBeLessThan(1400);
    // the cut falls after a whole bullet, then a blank line, then the note
    expect(text.split('\n').at(-3)).toBe(bullets.at(-1));
    expect(bullets.at(-1)).toMatch(/^- ❌ .* · `file-not-found`: reason for line \d+$/);
    expect(text.split('\n').at(-2)).toBe('');
    // unverified first: what the cut drops is the unknown claims, then the last unverified ones
    expect(bullets.length).toBeLessThan(700);
    expect(bullets.every((b) => b.startsWith('- ❌'))).toBe(true);
    expect(text).not.toContain('Unknown (');
    expect(output.annotations).toHaveLength(MAX_ANNOTATIONS);
    expect(output.summary).toContain('Annotations mark the first 100 of the 1400 claims not verified');
  });

  it('cuts the summary at a table row and ends, after a blank line, with how many items are not shown', () => {
    const items = many(3000, 'verified').map((it, i) => ({ ...it, item: { ...it.item, title: `A rather long title for item ${i} `.repeat(3) } }));
    const output = checkRunOutput(reportOf({ path: 'PLAN.md', items }), OPTIONS);
    expect(output.summary.length).toBeLessThanOrEqual(LIMIT);
    const rows = output.summary.split('\n').filter((l) => /^\| T-\d+ \|/.test(l));
    expect(output.summary.endsWith(`|\n\n… ${3000 - rows.length} more items ${NOTE_TAIL}`)).toBe(true);
    expect(rows.at(-1)).toMatch(/^\| T-\d+ \| .* \| ✅ verified \| 1 \| 0 \| 0 \|$/);
    expect(rows.length).toBeGreaterThan(100);
  });

  it('keeps a plan heading with its first row', () => {
    const plans = Array.from({ length: 400 }, (_, p) => ({ path: `plans/${p}/${'deep/'.repeat(20)}PLAN.md`, items: many(3, 'verified') }));
    const summary = checkRunOutput(reportOf(...plans), OPTIONS).summary;
    expect(summary.length).toBeLessThanOrEqual(LIMIT);
    const body = summary.slice(0, summary.lastIndexOf('\n\n… '));
    expect(body.endsWith('| 1 | 0 | 0 |')).toBe(true);
    const lines = body.split('\n');
    const headings = lines.flatMap((l, i) => (l.startsWith('### `plans/') ? [i] : []));
    expect(headings.length).toBeGreaterThan(10);
    expect(headings.length).toBeLessThan(400);
    for (const i of headings) expect(lines.slice(i + 1, i + 5)).toEqual(['', expect.stringMatching(/^\| Item \|/), expect.stringMatching(/^\| --- \|/), expect.stringMatching(/^\| T-1 \|/)]);
    const shownRows = lines.filter((l) => l.startsWith('| T-')).length;
    expect(summary).toContain(`… ${1200 - shownRows} more items ${NOTE_TAIL}`);
  });

  it('says the rest is not shown when what is cut holds no item', () => {
    const plans = Array.from({ length: 300 }, (_, p) => ({ path: `plans/${p}/${'deep/'.repeat(50)}PLAN.md`, items: [] }));
    const summary = checkRunOutput(reportOf(...plans), OPTIONS).summary;
    expect(summary.length).toBeLessThanOrEqual(LIMIT);
    expect(summary.endsWith(`No items with evidence found.\n\n… the rest is not shown (output limit); run claimcheck locally for the full report`)).toBe(true);
  });

  it('does not cut what fits', () => {
    const output = checkRunOutput(reportOf({ path: 'PLAN.md', items: many(100, 'unverified') }), OPTIONS);
    expect(output.text).not.toContain('output limit');
    expect(output.summary).not.toContain('output limit');
    expect(output.text!.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(100);
  });
});

describe('annotationPages', () => {
  const annotations = (n: number): Annotation[] =>
    Array.from({ length: n }, (_, i) => ({ path: 'PLAN.md', start_line: i + 1, end_line: i + 1, annotation_level: 'failure', message: `m${i}` }));

  it('pages 120 annotations into 50, 50 and 20, in order', () => {
    const pages = annotationPages(annotations(120));
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
    expect(pages.flat().map((a) => a.start_line)).toEqual(annotations(120).map((a) => a.start_line));
  });

  it('annotates at most 100 of 120 claims not verified, unverified first, in two pages, and says so', () => {
    const report = reportOf({ path: 'PLAN.md', items: [...many(70, 'unverified', 'U'), ...many(50, 'unknown', 'K')] });
    const output = checkRunOutput(report, OPTIONS);
    const pages = annotationPages(output.annotations);
    expect(MAX_ANNOTATIONS).toBe(100);
    expect(pages.map((p) => p.length)).toEqual([50, 50]);
    expect(pages.map((p) => p.map((a) => a.annotation_level).join(','))).toEqual([
      Array(50).fill('failure').join(','),
      [...Array(20).fill('failure'), ...Array(30).fill('warning')].join(','),
    ]);
    expect(output.summary).toContain('Annotations mark the first 100 of the 120 claims not verified');
    // the text still lists every one of them
    expect(output.text!.match(/^- /gm)).toHaveLength(120);
  });

  it('annotates every claim not verified when there are at most 100, and adds no note', () => {
    const report = reportOf({ path: 'PLAN.md', items: [...many(60, 'unverified', 'U'), ...many(40, 'unknown', 'K')] });
    const output = checkRunOutput(report, OPTIONS);
    expect(output.annotations).toHaveLength(100);
    expect(output.summary).not.toContain('Annotations mark');
  });

  it('gives no page for no annotations, and one full page for 50', () => {
    expect(annotationPages([])).toEqual([]);
    expect(annotationPages(annotations(50)).map((p) => p.length)).toEqual([50]);
    expect(annotationPages(annotations(51)).map((p) => p.length)).toEqual([50, 1]);
  });

  it('takes another page size, but not a useless one', () => {
    expect(annotationPages(annotations(7), 3).map((p) => p.length)).toEqual([3, 3, 1]);
    expect(() => annotationPages(annotations(7), 0)).toThrow(RangeError);
    expect(() => annotationPages(annotations(7), 2.5)).toThrow(RangeError);
  });
});

describe('neutralOutput and the re-verify action', () => {
  it('says claimcheck could not finish, with the reason as one paragraph', () => {
    expect(neutralOutput('A plan could not be read:\n  docs/PLAN.md: bad <yaml>\n\nat line 3')).toEqual({
      conclusion: 'neutral',
      title: 'claimcheck could not finish',
      summary: 'A plan could not be read: docs/PLAN.md: bad &lt;yaml&gt; at line 3',
    });
    expect(neutralOutput('  ').summary).toBe('no reason was given');
    expect(neutralOutput('x'.repeat(70_000)).summary.length).toBeLessThanOrEqual(LIMIT);
  });

  it('offers one re-verify button within GitHub limits', () => {
    expect(REVERIFY_ACTION).toEqual({ label: 'Re-verify', description: 'Run claimcheck again on this commit', identifier: 'reverify' });
    expect(REVERIFY_ACTION.label.length).toBeLessThanOrEqual(20);
    expect(REVERIFY_ACTION.description.length).toBeLessThanOrEqual(40);
    expect(REVERIFY_ACTION.identifier.length).toBeLessThanOrEqual(20);
  });
});

describe('readiness in the summary', () => {
  const MILESTONES = `# Plan

## Milestone 1 – Core

### M1-001 - Parser (P0)
**File:** \`src/a.ts\`

### M1-002 - Reader (P1)
**File:** \`src/missing.ts\`

## Milestone 2 <script>x</script> for @alice

### M2-001 - Later (P1)
**Status:** Todo
**Target File:** \`src/later.ts\`
`;
  const report = checkPlans([parsePlan('docs/PLAN.md', MILESTONES)], snapshotOf({ files: { 'src/a.ts': 'a\n' } }));
  const summary = checkRunOutput(report, OPTIONS).summary;

  it('shows overall, priorities and milestones with bars, before the item tables', () => {
    const table = summary.slice(summary.indexOf('### Readiness'), summary.indexOf('### `docs/PLAN.md`'));
    expect(table.split('\n').filter((l) => /^\| (?!Scope|---)/.test(l))).toEqual([
      '| **Overall** | ███░░░░░░░ 33 % | 1/3 | 1/3 (33 %) | 1 |',
      '| P0 | ██████████ 100 % | 1/1 | 1/1 (100 %) | 0 |',
      '| P1 | ░░░░░░░░░░ 0 % | 0/2 | 0/2 (0 %) | 1 |',
      '| Milestone 1 – Core | █████░░░░░ 50 % | 1/2 | 1/2 (50 %) | 0 |',
      '| Milestone 2 &lt;script&gt;x&lt;/script&gt; for @&#8203;alice | ░░░░░░░░░░ 0 % | 0/1 | 0/1 (0 %) | 1 |',
    ]);
    expect(summary.indexOf('### Readiness')).toBeGreaterThan(summary.indexOf('**unknown**'));
    expect(summary).not.toMatch(/<script/);
  });

  it('shows at most 25 sections, and says how many more there are', () => {
    const plan = Array.from({ length: 40 }, (_, i) => `## Phase ${i}\n\n### T-${i + 1}: Task\n**File:** \`src/a.ts\`\n`).join('\n');
    const many = checkRunOutput(checkPlans([parsePlan('PLAN.md', plan)], snapshotOf({ files: { 'src/a.ts': 'a\n' } })), OPTIONS).summary;
    expect(many.split('\n').filter((l) => l.startsWith('| Phase '))).toHaveLength(25);
    expect(many).toContain('\n\n… 15 more sections; run claimcheck locally for the full table\n');
  });

  it('leaves the table out when no item was found', () => {
    expect(checkRunOutput(reportOf({ path: 'PLAN.md', items: [] }), OPTIONS).summary).not.toContain('Readiness');
    expect(checkRunOutput(reportOf(), OPTIONS).summary).not.toContain('Readiness');
  });
});

describe('a read GitHub did not answer', () => {
  const faulted = (code: string) => reportOf({ path: 'docs/PLAN.md', items: [item('T-1', [result('verified', 10), result('unknown', 11, { code, reason: 'src/f11.ts could not be read at abc1234: timeout' })])] });

  it('concludes neutral, never success, and says why at the top of the summary', () => {
    for (const code of ['source-unavailable', 'commit-unavailable']) {
      const output = checkRunOutput(faulted(code), OPTIONS);
      expect(output.conclusion).toBe('neutral');
      expect(output.summary.split('\n')[0]).toMatch(/^> ⚠️ 1 claim could not be checked because GitHub did not give the facts/);
    }
  });

  it('leaves an unknown of the plan’s own making (an ambiguous path) at success, and a failure a failure', () => {
    expect(checkRunOutput(faulted('ambiguous-path'), OPTIONS).conclusion).toBe('success');
    const both = reportOf({ path: 'docs/PLAN.md', items: [item('T-1', [result('unverified', 10), result('unknown', 11, { code: 'source-unavailable' })])] });
    const output = checkRunOutput(both, OPTIONS);
    expect(output.conclusion).toBe('failure');
    expect(output.summary).not.toContain('could not be checked because GitHub');
  });
});
