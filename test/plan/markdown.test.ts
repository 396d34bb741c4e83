import { describe, expect, it } from '@jest/globals';
import { parseMarkdownPlan, readTaskId } from '../../src/plan/markdown.js';
import { PlanError, type Claim, type Item } from '../../src/plan/types.js';
import { at } from '../helpers/position.js';

const SHA40 = '0123456789abcdef0123456789abcdef01234567';


function items(source: string): Item[] {
  return parseMarkdownPlan('docs/plan.md', source).items;
}

function only(source: string): Item {
  const found = items(source);
  expect(found).toHaveLength(1);
  return found[0]!;
}

function claimsOf(source: string): Claim[] {
  return only(source).claims;
}

describe('readTaskId', () => {
  it.each([
    ['M2-003 - Harden webhook security', 'M2-003', 'Harden webhook security'],
    ['T012: Title', 'T012', 'Title'],
    ['M0-001', 'M0-001', ''],
    ['BATCH-01', 'BATCH-01', ''],
    ['EC005.1 Edge case', 'EC005.1', 'Edge case'],
    ['SEC-1.2.3: Nested numbering', 'SEC-1.2.3', 'Nested numbering'],
    ['M2-003—Em dash', 'M2-003', 'Em dash'],
    ['T7: Short id with a colon', 'T7', 'Short id with a colon'],
    ['Task M2-003: Prefixed', 'M2-003', 'Prefixed'],
    ['✅ M2-003 - Marked done', 'M2-003', 'Marked done'],
    ['[x] T012: Checked', 'T012', 'Checked'],
  ])('reads %j as id %s', (text, id, title) => {
    expect(readTaskId(text)).toEqual({ id, title });
  });

  it.each([
    'P0 - Critical Blockers (Must Have for Demo)',
    'Milestone 0 ‚Äì Foundations & Coordination',
    '2.1 Critical Issues Summary',
    'v3.0 notes',
    'F. Evidence Tracking Register',
    '[Task ID] - [Task Name]',
    'T7 no separator',
    'm2-003 lower case',
    'Key Tasks',
  ])('finds no task id in %j', (text) => {
    expect(readTaskId(text)).toBeNull();
  });
});

describe('heading items', () => {
  it('makes an item of a heading that starts with a task id', () => {
    const source = '# Plan\n\nIntro.\n\n#### M2-003 - Harden webhook security\n';
    expect(items(source)).toEqual([
      { id: 'M2-003', title: 'Harden webhook security', line: 5, column: 1, priority: null, status: null, claims: [] },
    ]);
  });

  it('reads ids of several shapes', () => {
    const source = '### T012: Title\n## M0-001 Zero\n#### BATCH-01 - Batch\n### EC005.1 Edge\n';
    expect(items(source).map((i) => [i.id, i.title, i.line])).toEqual([
      ['T012', 'Title', 1],
      ['M0-001', 'Zero', 2],
      ['BATCH-01', 'Batch', 3],
      ['EC005.1', 'Edge', 4],
    ]);
  });

  it('ends an item at the next heading of the same or a higher level', () => {
    const source = [
      '### T001: First',
      '- File: `src/one.ts`',
      '### Section without id',
      '- File: `src/orphan.ts`',
      '### T002: Second',
      '- File: `src/two.ts`',
      '## Higher section',
      '- File: `src/orphan2.ts`',
    ].join('\n');
    const found = items(source);
    expect(found.map((i) => [i.id, i.claims.map((c) => (c.kind === 'file' ? c.target.raw : c.kind))])).toEqual([
      ['T001', ['src/one.ts']],
      ['T002', ['src/two.ts']],
    ]);
  });

  it('keeps reading an item under a deeper heading without an id', () => {
    const source = '### T001: First\n#### Notes\n- File: `src/notes.ts`\n##### Deeper\nSee `src/deep/x.ts`.\n';
    expect(only(source).claims.map((c) => (c.kind === 'file' ? c.target.raw : c.kind))).toEqual(['src/notes.ts', 'src/deep/x.ts']);
  });

  it('starts a new item at a deeper heading that has its own id', () => {
    const source = '### T001: Parent\n- File: `src/p.ts`\n#### T001.1: Child\n- File: `src/c.ts`\n';
    expect(items(source).map((i) => [i.id, i.claims.length, i.line])).toEqual([
      ['T001', 1, 1],
      ['T001.1', 1, 3],
    ]);
  });

  it('makes no item of priority and milestone headings, and reads nothing outside items', () => {
    const source = [
      '#### P0 - Critical Blockers (Must Have for Demo)',
      '- **Feature Flags Disabled** → Enable in `feature_flags.py`',
      '### Milestone 0 – Foundations & Coordination',
      '**File:** `src/x.ts`',
      '### 2.1 Critical Issues Summary',
      'Fixed in commit a1b2c3d.',
    ].join('\n');
    expect(items(source)).toEqual([]);
  });

  it('reads the status mark of a heading and drops it from the title', () => {
    const item = only('#### M2-003 - Harden webhook security ✅\n');
    expect(item).toMatchObject({ title: 'Harden webhook security', status: 'done', statusField: { text: '✅', line: 1, column: 1 } });
    expect(only('### [x] T012: Checked box\n')).toMatchObject({ id: 'T012', title: 'Checked box', status: 'done' });
  });

  it('lets a Status field override the heading mark', () => {
    const source = '#### M2-003 - Harden ✅\n- **Status:** In Progress\n';
    expect(only(source)).toMatchObject({ status: 'in-progress', statusField: { text: 'In Progress', ...at(source, 'In Progress') } });
  });

  it('reads a P-priority from the heading', () => {
    expect(only('#### M2-004 - [P1] Other\n')).toMatchObject({ title: '[P1] Other', priority: 'P1' });
  });

  it('ignores fenced code, HTML comments and indented code', () => {
    const source = [
      '#### M2-003 - Harden',
      '```markdown',
      '- **File:** `src/code.ts`',
      '- **Commit:** a1b2c3d',
      '```',
      '<!-- File: `src/html.ts` -->',
      '',
      '    File: src/indented.ts',
    ].join('\n');
    expect(claimsOf(source)).toEqual([]);
  });

  it('reads fields inside block quotes', () => {
    const source = '#### M2-003 - Harden\n> **File:** `src/quoted.ts`\n';
    expect(claimsOf(source)).toEqual([
      { kind: 'file', target: { raw: 'src/quoted.ts', base: 'root' }, text: 'src/quoted.ts', ...at(source, 'src/quoted.ts') },
    ]);
  });

  it('returns items in the order of the plan', () => {
    const source = '### T002: B\n\n| Task ID | File |\n|---|---|\n| T003 | `a.ts` |\n\n### T001: A\n';
    expect(items(source).map((i) => i.id)).toEqual(['T002', 'T003', 'T001']);
  });
});

describe('range notations in a File field', () => {
  const cases: Array<[string, string, number, number]> = [
    ['`src/a.py:L23-L67`', 'src/a.py', 23, 67],
    ['src/a.py:L23-L67', 'src/a.py', 23, 67],
    ['`src/a.py:L10-13`', 'src/a.py', 10, 13],
    ['src/a.py:23-67', 'src/a.py', 23, 67],
    ['`src/a.py#L23-L67`', 'src/a.py', 23, 67],
    ['src/a.py:23–67', 'src/a.py', 23, 67],
    ['`src/a.py:L16`', 'src/a.py', 16, 16],
    ['src/a.py:81', 'src/a.py', 81, 81],
    ['`/backend/app/x.py:L1-L9`', '/backend/app/x.py', 1, 9],
  ];

  it.each(cases)('reads **File:** %s', (value, raw, start, end) => {
    const source = `#### M2-003 - Harden\n- **File:** ${value}\n`;
    const text = value.replace(/`/g, '');
    expect(claimsOf(source)).toEqual([{ kind: 'range', target: { raw, base: 'root' }, start, end, text, ...at(source, text) }]);
  });

  it('reads a bare path as a file claim and keeps `..` raw', () => {
    const source = '#### M2-003 - Harden\n- **Target File:** `/backend/abs.py` and ../outside/x.py\n';
    expect(claimsOf(source)).toEqual([
      { kind: 'file', target: { raw: '/backend/abs.py', base: 'root' }, text: '/backend/abs.py', ...at(source, '/backend') },
      { kind: 'file', target: { raw: '../outside/x.py', base: 'root' }, text: '../outside/x.py', ...at(source, '../outside') },
    ]);
  });

  it('reads several paths in one field, with punctuation around them', () => {
    const source = '#### M2-003 - Harden\n- **Files:** `src/a.ts`, (src/b.ts:L4), "src/c.ts".\n';
    expect(claimsOf(source).map((c) => [c.kind, c.kind === 'file' || c.kind === 'range' ? c.target.raw : '', c.column])).toEqual([
      ['file', 'src/a.ts', at(source, 'src/a.ts').column],
      ['range', 'src/b.ts', at(source, 'src/b.ts').column],
      ['file', 'src/c.ts', at(source, 'src/c.ts').column],
    ]);
  });

  it('reads the range on a Markdown link target, anchored at the plan', () => {
    const source = '#### M2-003 - Harden\n- Evidence: [x.py:L5](src/x.py#L5)\n';
    expect(claimsOf(source)).toEqual([
      { kind: 'range', target: { raw: 'src/x.py', base: 'plan' }, start: 5, end: 5, text: 'src/x.py#L5', ...at(source, '[x.py') },
    ]);
  });

  it('reads a Markdown link without a range as a file claim, and skips folder links and anchors', () => {
    const source = '#### M2-003 - Harden\n- **File:** [guide](../docs/guide.md) [dir](src/) [top](#top)\n';
    expect(claimsOf(source)).toEqual([
      { kind: 'file', target: { raw: '../docs/guide.md', base: 'plan' }, text: '../docs/guide.md', ...at(source, '[guide]') },
    ]);
  });

  it('reads a blob permalink with its pin and repository', () => {
    const url = `https://github.com/o/r/blob/${SHA40}/src/p.ts#L10-L20`;
    const source = `#### M2-003 - Harden\n- Evidence: ${url}\n`;
    expect(claimsOf(source)).toEqual([
      { kind: 'range', target: { raw: 'src/p.ts', base: 'root' }, start: 10, end: 20, pin: { sha: SHA40, repository: 'o/r' }, text: url, ...at(source, url) },
    ]);
  });

  it('reads a blob link on a branch without a pinned sha', () => {
    const source = '#### M2-003 - Harden\n- **File:** [q](https://github.com/o/r/blob/main/src/q.ts#L3) and https://github.com/o/r/blob/dev/src/w.ts\n';
    expect(claimsOf(source)).toEqual([
      {
        kind: 'range',
        target: { raw: 'src/q.ts', base: 'root' },
        start: 3,
        end: 3,
        pin: { repository: 'o/r' },
        text: 'https://github.com/o/r/blob/main/src/q.ts#L3',
        ...at(source, '[q]'),
      },
      {
        kind: 'file',
        target: { raw: 'src/w.ts', base: 'root' },
        pin: { repository: 'o/r' },
        text: 'https://github.com/o/r/blob/dev/src/w.ts',
        ...at(source, 'https://github.com/o/r/blob/dev'),
      },
    ]);
  });

  it('reads commit URLs, from the repository and from a pull request', () => {
    const source = `#### M2-003 - Harden\n- Evidence: https://github.com/o/r/commit/abcdef1 and https://github.com/o/r/pull/12/commits/${SHA40}\n`;
    expect(claimsOf(source)).toEqual([
      { kind: 'commit', sha: 'abcdef1', repository: 'o/r', text: 'https://github.com/o/r/commit/abcdef1', ...at(source, 'https://github.com/o/r/commit') },
      { kind: 'commit', sha: SHA40, repository: 'o/r', text: `https://github.com/o/r/pull/12/commits/${SHA40}`, ...at(source, 'https://github.com/o/r/pull') },
    ]);
  });

  it('keeps the column of a claim after emphasis and escapes on the line', () => {
    const source = '#### M2-003 - Harden\n- **File:** _see_ `src/a.ts:L5`\n';
    expect(claimsOf(source)[0]).toMatchObject({ kind: 'range', ...at(source, 'src/a.ts') });
  });
});

describe('paths in prose', () => {
  it('takes a path with a folder and an extension, or any path with a range', () => {
    const source = '#### M2-003 - Harden\nThe fix is in src/foo/bar.ts and also util.py:L4-L6.\n';
    expect(claimsOf(source)).toEqual([
      { kind: 'file', target: { raw: 'src/foo/bar.ts', base: 'root' }, text: 'src/foo/bar.ts', ...at(source, 'src/foo') },
      { kind: 'range', target: { raw: 'util.py', base: 'root' }, start: 4, end: 6, text: 'util.py:L4-L6', ...at(source, 'util.py') },
    ]);
  });

  it('takes no claim from prose noise', () => {
    const source = [
      '#### M2-003 - Harden',
      'We use Node.js and/or Express (e.g. v1.2.3) since 2025-10-14 at 10:30, ratio 3:1, see',
      'https://example.com/a/b.py and @scope/pkg/x.js, ~/foo, I/O, TCP/IP, 50/50, a1b2c3d4 deadbeef12,',
      'a hash map, the SHA-256 sum, 100% done, src/, README.md, package.json, a 2-3 lines change, file.py:12:5',
    ].join('\n');
    expect(claimsOf(source)).toEqual([]);
  });
});

describe('commits', () => {
  it('reads 7 to 40 hex digits in a Commit field, lower-cased', () => {
    const source = `#### M2-003 - Harden\n- **Commit:** \`A1B2C3D\`\n- Commit: ${SHA40}\n`;
    expect(claimsOf(source)).toEqual([
      { kind: 'commit', sha: 'a1b2c3d', text: 'A1B2C3D', ...at(source, 'A1B2C3D') },
      { kind: 'commit', sha: SHA40, text: SHA40, ...at(source, SHA40) },
    ]);
  });

  it('reads several commits in one field', () => {
    const source = '#### M2-003 - Harden\n- **Commits:** a1b2c3d, b2c3d4e (merged)\n';
    expect(claimsOf(source).map((c) => (c.kind === 'commit' ? c.sha : c.kind))).toEqual(['a1b2c3d', 'b2c3d4e']);
  });

  it('keeps a 41-digit id as a commit claim, for the checker to reject', () => {
    const sha41 = `${SHA40}8`;
    const source = `#### M2-003 - Harden\n- **Commit:** ${sha41}\n`;
    const [claim] = claimsOf(source);
    expect(claim).toEqual({ kind: 'commit', sha: sha41, text: sha41, ...at(source, sha41) });
    expect(claim?.kind === 'commit' && claim.sha).toHaveLength(41);
  });

  it('reads "fixed in commit a1b2c3d" in prose, with or without backticks', () => {
    const source = '#### M2-003 - Harden\nFixed in commit a1b2c3d, then in commit `b2c3d4e`.\n';
    expect(claimsOf(source)).toEqual([
      { kind: 'commit', sha: 'a1b2c3d', text: 'a1b2c3d', ...at(source, 'a1b2c3d') },
      { kind: 'commit', sha: 'b2c3d4e', text: 'b2c3d4e', ...at(source, 'b2c3d4e') },
    ]);
  });

  it('reads "commits X and Y" in prose', () => {
    const source = '#### M2-003 - Harden\nLanded as commits a1b2c3d and b2c3d4e.\n';
    expect(claimsOf(source).map((c) => (c.kind === 'commit' ? c.sha : c.kind))).toEqual(['a1b2c3d', 'b2c3d4e']);
  });

  it('takes no bare hex string in prose, and no hex-looking word after "commit"', () => {
    const source = '#### M2-003 - Harden\nThe id a1b2c3d4e5 was seen; build `abcdef1234` ran. We commit deadbeef changes.\n';
    expect(claimsOf(source)).toEqual([]);
  });

  it('takes "sha" and "hash" as commit words too', () => {
    const source = '#### M2-003 - Harden\nMerged (sha a1b2c3d4e5), hash `b2c3d4e`.\n';
    expect(claimsOf(source).map((c) => [c.kind, c.kind === 'commit' && c.sha, c.column])).toEqual([
      ['commit', 'a1b2c3d4e5', at(source, 'a1b2c3d4e5').column],
      ['commit', 'b2c3d4e', at(source, 'b2c3d4e', 1).column],
    ]);
  });

  it('stops reading commits at the first word that is not one', () => {
    const source = '#### M2-003 - Harden\nSee commit a1b2c3d for details, a2b3c4d5 is unrelated.\n';
    expect(claimsOf(source).map((c) => c.kind === 'commit' && c.sha)).toEqual(['a1b2c3d']);
  });
});

describe('template placeholders', () => {
  it('gives unfilled claims, never file, range or commit claims', () => {
    const source = [
      '#### M9-001 - [Task Name]',
      '- **Priority:** P0/P1/P2',
      '- **Target File:** `/path/to/file.py`',
      '- **Expected Changes:** +XX lines, -YY lines',
      '- **File:** `src/a.py:LXX-LYY`',
      '- **Commit:** `[commit-hash]`',
      '- **Lines Added:** XX',
      '- **Status:** Done/In Progress',
    ].join('\n');
    const item = only(source);
    expect(item.priority).toBeNull();
    expect(item.status).toBeNull();
    expect(item.claims).toEqual([
      { kind: 'unfilled', intended: 'file', text: '/path/to/file.py', ...at(source, '/path/to/file.py') },
      { kind: 'unfilled', intended: 'loc', text: '+XX', ...at(source, '+XX') },
      { kind: 'unfilled', intended: 'loc', text: '-YY', ...at(source, '-YY') },
      { kind: 'unfilled', intended: 'range', text: 'src/a.py:LXX-LYY', ...at(source, 'src/a.py') },
      { kind: 'unfilled', intended: 'commit', text: '[commit-hash]', ...at(source, '[commit-hash]') },
      { kind: 'unfilled', intended: 'loc', text: 'XX', ...at(source, 'XX', 2) },
      { kind: 'unfilled', intended: 'status', text: 'Done/In Progress', ...at(source, 'Done/In') },
    ]);
  });

  it('gives an unfilled test claim for a placeholder test name', () => {
    const source = '#### M9-001 - T\n- **Test Name:** `[test-name]`\n';
    expect(claimsOf(source)).toEqual([{ kind: 'unfilled', intended: 'test', text: '[test-name]', ...at(source, '[test-name]') }]);
  });
});

describe('the filled-in evidence template (§0.2)', () => {
  const source = [
    '#### M2-003 - Harden webhook security',
    '- **Priority:** P0',
    '- **Target File:** `/backend/app/webhooks/security.py` (432 lines)',
    '- **Expected Changes:** +45 lines, -5 lines',
    '- **Implementation Evidence:**',
    '  - File: `/backend/app/webhooks/security.py:L100-L150`',
    '  - Commit: `a1b2c3d`',
    '  - Lines Added: 45',
    '  - Lines Modified: ~5',
    '- **Test Evidence:**',
    '  - Test File: `/backend/tests/test_webhooks.py:L50-L80`',
    '  - Test Name: `test_rejects_bad_hmac`',
    '  - Status: PASSING',
    '- **Validation Checklist:**',
    '  - [x] Code implemented at specified location',
  ].join('\n');

  it('yields every claim, in order, at its own line and column', () => {
    const security = { raw: '/backend/app/webhooks/security.py', base: 'root' };
    const testFile = { raw: '/backend/tests/test_webhooks.py', base: 'root' };
    expect(only(source)).toEqual({
      id: 'M2-003',
      title: 'Harden webhook security',
      line: 1,
      column: 1,
      priority: 'P0',
      status: 'done',
      statusField: { text: 'PASSING', ...at(source, 'PASSING') },
      claims: [
        { kind: 'file', target: security, text: security.raw, ...at(source, security.raw) },
        { kind: 'loc', measure: 'file-lines', value: 432, estimate: false, approximate: false, target: security, text: '(432 lines)', ...at(source, '(432') },
        { kind: 'loc', measure: 'added', value: 45, estimate: true, approximate: false, text: '+45 lines', ...at(source, '+45') },
        { kind: 'loc', measure: 'removed', value: 5, estimate: true, approximate: false, text: '-5 lines', ...at(source, '-5 lines') },
        { kind: 'range', target: security, start: 100, end: 150, text: `${security.raw}:L100-L150`, ...at(source, security.raw, 1) },
        { kind: 'commit', sha: 'a1b2c3d', text: 'a1b2c3d', ...at(source, 'a1b2c3d') },
        { kind: 'loc', measure: 'added', value: 45, estimate: false, approximate: false, text: '45', ...at(source, '45', 1) },
        { kind: 'loc', measure: 'modified', value: 5, estimate: false, approximate: true, text: '~5', ...at(source, '~5') },
        { kind: 'range', target: testFile, start: 50, end: 80, text: `${testFile.raw}:L50-L80`, ...at(source, testFile.raw) },
        { kind: 'test', name: 'test_rejects_bad_hmac', file: testFile, text: 'test_rejects_bad_hmac', ...at(source, 'test_rejects') },
        { kind: 'test-result', status: 'done', text: 'PASSING', ...at(source, 'PASSING') },
      ],
    });
  });

  it('keeps an explicit Status field over the test result', () => {
    const withStatus = `${source}\n- **Status:** In Progress\n`;
    const item = only(withStatus);
    expect(item.status).toBe('in-progress');
    expect(item.statusField).toEqual({ text: 'In Progress', ...at(withStatus, 'In Progress') });
    expect(item.claims.filter((c) => c.kind === 'test-result')).toHaveLength(1);
  });

  it('keeps an explicit Status field written before the test evidence', () => {
    const before = source.replace('- **Priority:** P0', '- **Priority:** P0\n- **Status:** ✅ Done');
    expect(only(before)).toMatchObject({ status: 'done', statusField: { text: '✅ Done' } });
    const blocked = source.replace('- **Priority:** P0', '- **Priority:** P0\n- **Status:** Blocked');
    expect(only(blocked)).toMatchObject({ status: 'blocked', statusField: { text: 'Blocked' } });
  });

  it('records a FAILING test result and the failing status', () => {
    const failing = source.replace('Status: PASSING', 'Status: FAILING');
    const item = only(failing);
    expect(item.status).toBe('failing');
    expect(item.claims.at(-1)).toEqual({ kind: 'test-result', status: 'failing', text: 'FAILING', ...at(failing, 'FAILING') });
  });
});

describe('fields', () => {
  it('reads labels in any case and markup', () => {
    const source = [
      '#### M2-003 - Harden',
      '- **TARGET FILE:** `src/a.ts`',
      '- __file__: `src/b.ts`',
      '- *Completion Evidence*: `src/c.ts:L1`',
      '- Implementation: src/d.ts',
      '- **Lines Added**: 10',
      '- lines modified: 3',
      '- **Priority**: high',
    ].join('\n');
    const item = only(source);
    expect(item.priority).toBe('high');
    expect(item.claims.map((c) => [c.kind, c.line])).toEqual([
      ['file', 2],
      ['file', 3],
      ['range', 4],
      ['file', 5],
      ['loc', 6],
      ['loc', 7],
    ]);
  });

  it('reads fields written one per line without list markers', () => {
    const source = '#### M2-003 - Harden\n**File:** `src/a.ts`\n**Commit:** a1b2c3d\n**Status:** Done\n';
    const item = only(source);
    expect(item.status).toBe('done');
    expect(item.claims).toEqual([
      { kind: 'file', target: { raw: 'src/a.ts', base: 'root' }, text: 'src/a.ts', ...at(source, 'src/a.ts') },
      { kind: 'commit', sha: 'a1b2c3d', text: 'a1b2c3d', ...at(source, 'a1b2c3d') },
    ]);
  });

  it('gives the Test File to a Test Name, whichever comes first', () => {
    const source = '#### M2-003 - Harden\n- **Test Name:** `test_ok`\n- **Test File:** tests/test_x.py\n';
    expect(claimsOf(source)).toEqual([
      { kind: 'test', name: 'test_ok', file: { raw: 'tests/test_x.py', base: 'root' }, text: 'test_ok', ...at(source, 'test_ok') },
      { kind: 'file', target: { raw: 'tests/test_x.py', base: 'root' }, text: 'tests/test_x.py', ...at(source, 'tests/') },
    ]);
  });

  it('reads a node id in a Test field, and its outcome', () => {
    const source = '#### M2-003 - Harden\n- **Test:** `tests/test_x.py::TestA::test_ok[1]` PASSING\n';
    const item = only(source);
    expect(item.claims).toEqual([
      {
        kind: 'test',
        name: 'TestA::test_ok[1]',
        file: { raw: 'tests/test_x.py', base: 'root' },
        text: 'tests/test_x.py::TestA::test_ok[1]',
        ...at(source, 'tests/'),
      },
      { kind: 'test-result', status: 'done', text: 'PASSING', ...at(source, 'PASSING') },
    ]);
    expect(item.status).toBeNull(); // a result in a Test field is a claim, not the item's status
  });

  it('reads the words of a plain Test field as the test name', () => {
    const source = '#### M2-003 - Harden\n- **Test:** rejects bad hmac\n';
    expect(claimsOf(source)).toEqual([{ kind: 'test', name: 'rejects bad hmac', text: 'rejects bad hmac', ...at(source, 'rejects') }]);
  });

  it('reads a plain Test field as a name even after a file cited elsewhere in the item', () => {
    const source = '#### M2-003 - Harden\n- **File:** `src/a.py`\n- **Test:** rejects bad hmac\n';
    expect(claimsOf(source)).toEqual([
      { kind: 'file', target: { raw: 'src/a.py', base: 'root' }, text: 'src/a.py', ...at(source, 'src/a.py') },
      { kind: 'test', name: 'rejects bad hmac', text: 'rejects bad hmac', ...at(source, 'rejects') },
    ]);
  });

  it('reads no name from a Test field that cites a file', () => {
    const source = '#### M2-003 - Harden\n- **Test:** tests/test_x.py PASSING\n';
    expect(claimsOf(source)).toEqual([
      { kind: 'file', target: { raw: 'tests/test_x.py', base: 'root' }, text: 'tests/test_x.py', ...at(source, 'tests/') },
      { kind: 'test-result', status: 'done', text: 'PASSING', ...at(source, 'PASSING') },
    ]);
  });

  it('takes a one-word line under Test Evidence as a test name, and a sentence as prose', () => {
    const source = '#### M2-003 - Harden\n- **Test Evidence:**\n  - test_rejects_bad_hmac PASSING\n  - see the CI run for details\n';
    const item = only(source);
    expect(item.claims).toEqual([
      { kind: 'test-result', status: 'done', text: 'PASSING', ...at(source, 'PASSING') },
      { kind: 'test', name: 'test_rejects_bad_hmac', text: 'test_rejects_bad_hmac', ...at(source, 'test_rejects') },
    ]);
    expect(item.status).toBeNull(); // an outcome in passing is a claim; only a Status line sets the item's status
  });

  it('reads "+45 lines, -5 lines", "+45/-5" and "(+120 LOC)" in prose as LOC claims', () => {
    const source = '#### M2-003 - Harden\nChanged +45 lines, -5 lines; also +7/-2 in `src/x/y.ts` (+120 LOC)\n';
    expect(claimsOf(source).map((c) => (c.kind === 'loc' ? [c.measure, c.value, c.estimate, c.column] : [c.kind, c.column]))).toEqual([
      ['added', 45, false, at(source, '+45').column],
      ['removed', 5, false, at(source, '-5').column],
      ['added', 7, false, at(source, '+7').column],
      ['removed', 2, false, at(source, '+7').column],
      ['file', at(source, 'src/x').column],
      ['added', 120, false, at(source, '+120').column],
    ]);
  });

  it('marks Expected Changes as estimates', () => {
    const source = '#### M2-003 - Harden\n- **Expected Changes:** ~+45/-5\n- **Expected LOC:** +30 lines\n';
    expect(claimsOf(source).map((c) => c.kind === 'loc' && [c.measure, c.value, c.estimate, c.approximate, c.line])).toEqual([
      ['added', 45, true, true, 2],
      ['removed', 5, true, true, 2],
      ['added', 30, true, false, 3],
    ]);
  });

  it('reads "(432 lines)" after an unquoted path too, but not after a range', () => {
    const source = '#### M2-003 - Harden\n- **File:** src/big.py (~432 lines)\n- **File:** src/r.py:L1-L5 (5 lines)\n';
    expect(claimsOf(source)).toEqual([
      { kind: 'file', target: { raw: 'src/big.py', base: 'root' }, text: 'src/big.py', ...at(source, 'src/big.py') },
      {
        kind: 'loc',
        measure: 'file-lines',
        value: 432,
        estimate: false,
        approximate: true,
        target: { raw: 'src/big.py', base: 'root' },
        text: '(~432 lines)',
        ...at(source, '(~432'),
      },
      { kind: 'range', target: { raw: 'src/r.py', base: 'root' }, start: 1, end: 5, text: 'src/r.py:L1-L5', ...at(source, 'src/r.py') },
    ]);
  });

  it('ignores empty values', () => {
    const source = '#### M2-003 - Harden\n- **File:** N/A\n- **Commit:** —\n- **Lines Added:** none\n- **Status:**\n';
    expect(only(source)).toMatchObject({ status: null, claims: [] });
  });
});

describe('range descriptions', () => {
  const described = (source: string): Array<[string, string | undefined]> =>
    claimsOf(source).map((c) => [c.text, c.kind === 'range' ? c.description : `(${c.kind})`]);

  it('keeps what a range is said to hold on the claim, code spans in backticks', () => {
    const source = '#### M2-003 - Harden\n- **File:** `src/a.py:L10-L20` — `send_audio()` wrapped with circuit breaker\n';
    expect(claimsOf(source)).toEqual([
      {
        kind: 'range',
        target: { raw: 'src/a.py', base: 'root' },
        start: 10,
        end: 20,
        text: 'src/a.py:L10-L20',
        description: '`send_audio()` wrapped with circuit breaker',
        ...at(source, 'src/a.py'),
      },
    ]);
  });

  it.each([
    ['a colon, in prose', '- gemini.py:71-79: Circuit breaker instantiation', 'Circuit breaker instantiation'],
    ['parentheses', '- File: src/x.ts:L5-L9 (retry with exponential backoff)', 'retry with exponential backoff'],
    ['an em dash', '- **File:** `src/x.ts:L5-L9` — retry loop', 'retry loop'],
    ['an en dash, markup stripped', '- **File:** src/x.ts:L5-L9 – **retry** with _jittered_ backoff', 'retry with jittered backoff'],
    ['a hyphen', '- Evidence: `src/x.ts:L5-L9` - token bucket', 'token bucket'],
    ['plain words', '- File: src/x.ts#L5-L9 token bucket refill', 'token bucket refill'],
    ['a link', '- Evidence: [x.py:L5](src/x.py#L5): the [retry](https://example.com/r) loop', 'the retry loop'],
    ['a permalink', `- Evidence: https://github.com/o/r/blob/${SHA40}/src/p.ts#L10-L20 (jitter)`, 'jitter'],
    ['prose', 'The loop is at util.py:L4-L6, retrying with backoff.', 'retrying with backoff'],
    ['a line count beside it', '- **File:** src/x.ts:L5-L9 (+45 lines) retry loop', 'retry loop'],
    ['words that start like a status', '- **File:** src/db.py:L5-L9 — open connection', 'open connection'],
  ])('reads a description after %s', (_, line, description) => {
    const [claim] = claimsOf(`#### M2-003 - Harden\n${line}\n`).filter((c) => c.kind === 'range');
    expect(claim).toMatchObject({ kind: 'range', description });
  });

  it('reads a description in a table cell', () => {
    const source = '### EC005.1 Edge case\n\n| File | Commit |\n|---|---|\n| `src/edge.ts:L1-L4` token bucket | a1b2c3d |\n';
    expect(described(source)).toEqual([
      ['src/edge.ts:L1-L4', 'token bucket'],
      ['a1b2c3d', '(commit)'],
    ]);
  });

  it('gives each of two ranges on one line its own description, and swallows no claim', () => {
    const source = '#### M2-003 - Harden\n- **Files:** `src/a.py:L1-L5` (retry loop), src/b.py:L7-L9 — jitter and `src/c.py`, then src/d.py:L2\n';
    expect(described(source)).toEqual([
      ['src/a.py:L1-L5', 'retry loop'],
      ['src/b.py:L7-L9', 'jitter'],
      ['src/c.py', '(file)'],
      ['src/d.py:L2', undefined],
    ]);
  });

  it('ends a description at a commit and at a line count', () => {
    expect(described('#### M2-003 - Harden\nThe loop in util.py:L4-L6 retries, landed as commit a1b2c3d.\n')).toEqual([
      ['util.py:L4-L6', 'retries, landed as'],
      ['a1b2c3d', '(commit)'],
    ]);
    expect(described('#### M2-003 - Harden\n- **File:** src/x.py:L1-L5 retry loop (5 lines)\n')).toEqual([['src/x.py:L1-L5', 'retry loop']]);
  });

  it.each([
    ['`src/x.ts:L5-L9` - [description]'],
    ['`src/x.ts:L5-L9` — <what it does>'],
    ['`src/x.ts:L5-L9`: TBD'],
    ['src/x.ts:L5-L9 (XX)'],
    ['src/x.ts:L5-L9 N/A'],
    ['src/x.ts:L5-L9 (5 lines)'],
    ['src/x.ts:L5-L9 (+45/-5)'],
    ['src/x.ts:L5-L9 ✅'],
    ['src/x.ts:L5-L9 — Done'],
    ['src/x.ts:L5-L9 (✅ Done)'],
    ['src/x.ts:L5-L9 In Progress'],
    ['src/x.ts:L5-L9.'],
    ['src/x.ts:L5-L9'],
  ])('reads no description from %s', (value) => {
    const [claim] = claimsOf(`#### M2-003 - Harden\n- **File:** ${value}\n`).filter((c) => c.kind === 'range');
    expect(claim).toBeDefined();
    expect(claim).not.toHaveProperty('description');
  });

  it('reads no description from a new sentence, a new clause, or words that lead into the next claim', () => {
    expect(described('#### M2-003 - Harden\nSee util.py:L4-L6. Tests are pending until CI is fixed.\n')).toEqual([['util.py:L4-L6', undefined]]);
    expect(described('#### M2-003 - Harden\nThe fix is in util.py:L4-L6 and also covers webhooks.\n')).toEqual([['util.py:L4-L6', undefined]]);
    expect(described('#### M2-003 - Harden\nRetry is in src/a.py:L1-L5, the backoff in src/b.py:L6-L9.\n')).toEqual([
      ['src/a.py:L1-L5', undefined],
      ['src/b.py:L6-L9', undefined],
    ]);
  });

  it('reads descriptions for ranges only: a file, a commit and a test keep their exact shape', () => {
    const source = '#### M2-003 - Harden\n- **File:** `src/a.ts` retry logic\n- **Commit:** a1b2c3d (retry)\n- **Test:** `tests/a.py::test_x` retry\n';
    expect(claimsOf(source)).toEqual([
      { kind: 'file', target: { raw: 'src/a.ts', base: 'root' }, text: 'src/a.ts', ...at(source, 'src/a.ts') },
      { kind: 'commit', sha: 'a1b2c3d', text: 'a1b2c3d', ...at(source, 'a1b2c3d') },
      { kind: 'test', file: { raw: 'tests/a.py', base: 'root' }, name: 'test_x', text: 'tests/a.py::test_x', ...at(source, 'tests/a.py') },
    ]);
  });
});

describe('tables', () => {
  const register = [
    '### F. Evidence Tracking Register',
    '',
    '| Task ID | Task Name | Priority | Target File | Expected LOC | Completion Evidence | Test Evidence | Status |',
    '|---|---|---|---|---|---|---|---|',
    '| M2-003 | Harden webhooks | P0 | `backend/app/security.py` | +45/-5 | `backend/app/security.py:L100-L150` | `tests/test_webhooks.py::test_rejects_bad_hmac` | Done |',
    '| BATCH-01 | Config | P1 | `src/config.ts` | | [cfg](../src/config.ts#L3-L9) | | In Progress |',
    '| not an id | Ignored | P2 | `src/z.ts` | | | | Done |',
  ].join('\n');

  it('makes an item of each register row, at the row\'s line', () => {
    const found = items(register);
    expect(found.map((i) => [i.id, i.title, i.line, i.column, i.priority, i.status])).toEqual([
      ['M2-003', 'Harden webhooks', 5, 1, 'P0', 'done'],
      ['BATCH-01', 'Config', 6, 1, 'P1', 'in-progress'],
    ]);
  });

  it('reads each evidence cell with the role of its column', () => {
    const [first, second] = items(register);
    expect(first!.claims).toEqual([
      { kind: 'file', target: { raw: 'backend/app/security.py', base: 'root' }, text: 'backend/app/security.py', ...at(register, 'backend/app/security.py') },
      { kind: 'loc', measure: 'added', value: 45, estimate: true, approximate: false, text: '+45/-5', ...at(register, '+45/-5') },
      { kind: 'loc', measure: 'removed', value: 5, estimate: true, approximate: false, text: '+45/-5', ...at(register, '+45/-5') },
      { kind: 'range', target: { raw: 'backend/app/security.py', base: 'root' }, start: 100, end: 150, text: 'backend/app/security.py:L100-L150', ...at(register, 'backend/app/security.py', 1) },
      {
        kind: 'test',
        name: 'test_rejects_bad_hmac',
        file: { raw: 'tests/test_webhooks.py', base: 'root' },
        text: 'tests/test_webhooks.py::test_rejects_bad_hmac',
        ...at(register, 'tests/test_webhooks.py'),
      },
    ]);
    expect(first!.statusField).toEqual({ text: 'Done', ...at(register, 'Done |') });
    expect(second!.claims.map((c) => [c.kind, c.kind === 'file' || c.kind === 'range' ? c.target : null])).toEqual([
      ['file', { raw: 'src/config.ts', base: 'root' }],
      ['range', { raw: '../src/config.ts', base: 'plan' }],
    ]);
  });

  it('makes an item of a template row with unfilled claims only', () => {
    const source = [
      '| Task ID | Task Name | Target File | Completion Evidence | Status |',
      '|---|---|---|---|---|',
      '| [ID] | [Name] | `/path/to/file` | `/path:LXX-LYY` | Done/In Progress |',
    ].join('\n');
    expect(items(source)).toEqual([
      {
        id: '[ID]',
        title: '[Name]',
        line: 3,
        column: 1,
        priority: null,
        status: null,
        claims: [
          { kind: 'unfilled', intended: 'file', text: '/path/to/file', ...at(source, '/path/to') },
          { kind: 'unfilled', intended: 'range', text: '/path:LXX-LYY', ...at(source, '/path:') },
          { kind: 'unfilled', intended: 'status', text: 'Done/In Progress', ...at(source, 'Done/') },
        ],
      },
    ]);
  });

  it('makes no items of a table with ids but no evidence columns', () => {
    const source = '| ID | Task | Owner | Due Date |\n|---|---|---|---|\n| M0-001 | Finalize scope | [Name] | [Date] |\n';
    expect(items(source)).toEqual([]);
  });

  it('adds the rows of a table without an id column to the heading item above', () => {
    const source = '### EC005.1 Edge case\n\n| File | Commit |\n|---|---|\n| `src/edge.ts:L1-L4` | a1b2c3d |\n';
    expect(only(source).claims).toEqual([
      { kind: 'range', target: { raw: 'src/edge.ts', base: 'root' }, start: 1, end: 4, text: 'src/edge.ts:L1-L4', ...at(source, 'src/edge.ts') },
      { kind: 'commit', sha: 'a1b2c3d', text: 'a1b2c3d', ...at(source, 'a1b2c3d') },
    ]);
  });

  it('reads no claims from a table without an id column outside any item, or without evidence columns', () => {
    const source = '| File | Lines |\n|---|---|\n| `src/a.ts` | 4 |\n\n### T001: Item\n\n| Metric | Target |\n|---|---|\n| `src/b.ts` | 5 |\n';
    expect(items(source)).toEqual([{ id: 'T001', title: 'Item', line: 5, column: 1, priority: null, status: null, claims: [] }]);
  });

  it('reads a table nested in a list item of the current item', () => {
    const source = '### T001: Item\n- Evidence:\n\n  | File |\n  |---|\n  | `src/n.ts` |\n';
    expect(claimsOf(source)).toEqual([
      { kind: 'file', target: { raw: 'src/n.ts', base: 'root' }, text: 'src/n.ts', ...at(source, 'src/n.ts') },
    ]);
  });
});

describe('robustness', () => {
  it('reads an empty plan and a plan without items', () => {
    expect(parseMarkdownPlan('p.md', '')).toEqual({ path: 'p.md', items: [] });
    expect(parseMarkdownPlan('p.md', '# Title\n\nJust prose with src/a/b.ts.\n')).toEqual({ path: 'p.md', items: [] });
  });

  it('keeps lines and columns right with CRLF line endings', () => {
    const lf = '# x\n\n#### M2-003 - Harden\n- **File:** `src/a.ts:L1-L2`\n- **Commit:** a1b2c3d\nFixed in commit b2c3d4e and `src/x/y.ts:L4`\n\n| Task ID | File |\n|---|---|\n| T-1 | `b.py:L2` |\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    const fromCrlf = items(crlf);
    expect(fromCrlf).toEqual(items(lf));
    expect(fromCrlf.map((i) => [i.id, i.line, i.claims.map((c) => [c.line, c.column])])).toEqual([
      ['M2-003', 3, [[4, 14], [5, 15], [6, 17], [6, 30]]],
      ['T-1', 10, [[10, 10]]],
    ]);
  });

  it('reads a 1 MB single line', () => {
    const line = 'word '.repeat(200_000) + 'see src/after/big.ts:L7';
    const item = only(`#### M1-001 - Big\n${line}\n`);
    expect(item.claims).toEqual([
      { kind: 'range', target: { raw: 'src/after/big.ts', base: 'root' }, start: 7, end: 7, text: 'src/after/big.ts:L7', line: 2, column: line.indexOf('src/') + 1 },
    ]);
  });

  it('reads a list nested 500 levels deep', () => {
    const source = `#### M1-001 - Deep\n${'- '.repeat(500)}File: \`src/deep.ts\`\n`;
    expect(claimsOf(source)).toEqual([
      { kind: 'file', target: { raw: 'src/deep.ts', base: 'root' }, text: 'src/deep.ts', ...at(source, 'src/deep.ts') },
    ]);
  });

  it('reads an indented list nested 100 levels deep, each level a field', () => {
    let source = '#### M1-001 - Deep\n';
    for (let i = 0; i < 100; i++) source += `${'  '.repeat(i)}- **File:** \`src/a${i}.ts\`\n`;
    const claims = claimsOf(source);
    expect(claims).toHaveLength(100);
    expect(claims[99]).toMatchObject({ kind: 'file', target: { raw: 'src/a99.ts' }, ...at(source, 'src/a99.ts') });
  });

  it('reads quotes nested 500 levels deep', () => {
    const source = `#### M1-001 - Deep\n${'> '.repeat(500)}File: \`src/q.ts\`\n`;
    expect(claimsOf(source)).toMatchObject([{ kind: 'file', ...at(source, 'src/q.ts') }]);
  });

  it('fails with a PlanError, not a stack overflow, on nesting too deep to read', () => {
    const source = `#### M1-001 - Deep\n${'> '.repeat(10_000)}x\n`;
    expect(() => parseMarkdownPlan('p.md', source)).toThrow(PlanError);
    expect(() => parseMarkdownPlan('p.md', source)).toThrow('p.md: the Markdown nests too deeply to be read');
  });

  it('reads mis-encoded emoji without choking, as the marks they stand for', () => {
    const source = '#### M2-003 - Harden üü¢\n- **Status:** ‚úÖ\n- **File:** `src/a.ts`\n';
    expect(only(source)).toMatchObject({ id: 'M2-003', status: 'done', statusField: { text: '‚úÖ' }, claims: [{ kind: 'file' }] });
  });
});

describe('real-world plan shapes', () => {
  it('reads spec-kit and Kiro task lists: each task is an item, its paths file claims', () => {
    const source = [
      '## Phase 3.1: Setup',
      '- [X] T012 [P] [US1] Create User model in src/models/user.py',
      '- [ ] T013 [US1] Add UserService in src/services/user_service.py and tests/test_user.py',
      '  - Depends on: T012',
      '- [x] T014 Wire the CLI (no file named)',
      '- [ ] Not a task: no id here in src/other.py',
    ].join('\n');
    const found = items(source);
    expect(found.map((i) => [i.id, i.title, i.status, i.line])).toEqual([
      ['T012', 'Create User model in src/models/user.py', 'done', 2],
      ['T013', 'Add UserService in src/services/user_service.py and tests/test_user.py', 'todo', 3],
      ['T014', 'Wire the CLI (no file named)', 'done', 5],
    ]);
    expect(found[0]!.claims).toEqual([{ kind: 'file', target: { raw: 'src/models/user.py', base: 'root' }, text: 'src/models/user.py', ...at(source, 'src/models/user.py') }]);
    expect(found[1]!.claims.map((c) => c.text)).toEqual(['src/services/user_service.py', 'tests/test_user.py']);
    expect(found[2]!.claims).toEqual([]);
  });

  it('keeps a heading item open around a task list nested in it', () => {
    const source = '### M1-001 - Setup\n- **File:** `a.py`\n- [x] T001 Create b in src/b.py\n- **Commit:** `abc1234`\n';
    const found = items(source);
    expect(found.map((i) => [i.id, i.claims.map((c) => c.kind)])).toEqual([
      ['M1-001', ['file', 'commit']],
      ['T001', ['file']],
    ]);
  });

  it('does not take names of standards or appendix numbers for task ids', () => {
    for (const heading of ['UTF-8 handling', 'SHA-256 digests', 'A.1 Terms', 'ISO-8859-1 input', 'HTTP-2 push', 'X-509 certificates']) {
      expect(readTaskId(heading)).toBeNull();
    }
    expect(readTaskId('S-001: Sub-project')).toEqual({ id: 'S-001', title: 'Sub-project' });
    expect(readTaskId('CVE-2024-1234: Patch the parser')).toEqual({ id: 'CVE-2024-1234', title: 'Patch the parser' });
  });

  it('reads an RSpec line reference in a Test field as the example at that line', () => {
    const source = '### R-1: Spec\n- **Test:** `spec/models/user_spec.rb:42`\n- **Test File:** `spec/models/user_spec.rb:40`\n';
    expect(claimsOf(source)).toEqual([
      { kind: 'test', file: { raw: 'spec/models/user_spec.rb', base: 'root' }, name: ':42', text: 'spec/models/user_spec.rb:42', ...at(source, 'spec/models/user_spec.rb:42') },
      { kind: 'range', target: { raw: 'spec/models/user_spec.rb', base: 'root' }, start: 40, end: 40, text: 'spec/models/user_spec.rb:40', ...at(source, 'spec/models/user_spec.rb:40') },
    ]);
  });

  it('takes only upper-case outcome words in a Test field as a claimed result', () => {
    const kinds = (field: string): string[] => claimsOf(`### R-2: T\n- **Test:** ${field}\n`).map((c) => `${c.kind}:${c.text}`);
    expect(kinds('`tests/a.py::test_x` PASSING')).toEqual(['test:tests/a.py::test_x', 'test-result:PASSING']);
    expect(kinds('`tests/a.py::test_x` we fail closed')).toEqual(['test:tests/a.py::test_x']);
  });

  it('reads words under Test Evidence as a test name only when they are one word', () => {
    expect(claimsOf('### R-3: T\n- **Test Evidence:** 12 new unit tests, all passing\n')).toEqual([]);
    expect(claimsOf('### R-3: T\n- **Test Evidence:** test_signature\n').map((c) => c.kind === 'test' && c.name)).toEqual(['test_signature']);
    expect(claimsOf('### R-3: T\n- **Test:** rejects a bad signature\n').map((c) => c.kind === 'test' && c.name)).toEqual(['rejects a bad signature']);
  });

  it('reads a checkbox before a status word as that status', () => {
    expect(only('### R-4: T\n- **Status:** [x] Done\n').status).toBe('done');
    expect(only('### R-4: T\n- **Status:** [ ] To do\n').status).toBe('todo');
  });
});
