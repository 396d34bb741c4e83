import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parsePlan } from '../../src/plan/parse.js';
import { PlanError, type Claim } from '../../src/plan/types.js';
import { at } from '../helpers/position.js';

const seed = readFileSync(new URL('../fixtures/plans/seed-template.md', import.meta.url), 'utf8');
const SHA40 = '0123456789abcdef0123456789abcdef01234567';


describe('parsePlan', () => {
  it('reads the seed template, mis-encoded emoji and all, without a crash', () => {
    const plan = parsePlan('plan.md', seed);
    const register = plan.items.find((i) => i.id === '[ID]');
    expect(register?.claims.map((c) => c.kind)).toEqual(['unfilled', 'unfilled', 'unfilled', 'unfilled', 'unfilled']);
  });

  it('strips a byte order mark before parsing', () => {
    const plan = parsePlan('p.md', '\uFEFF### T012: Thing\n- **File:** `src/a.ts`\n');
    expect(plan.items[0]).toMatchObject({ id: 'T012', line: 1, claims: [{ kind: 'file', line: 2, column: 14 }] });
  });

  it('dispatches .yml and .yaml to the YAML reader', () => {
    const plan = parsePlan('plan.yaml', 'items:\n  - id: A-1\n    evidence:\n      - file: src/a.ts\n        lines: 3-4\n');
    expect(plan.items[0]?.claims[0]).toMatchObject({ kind: 'range', start: 3, end: 4, line: 4 });
    expect(parsePlan('PLAN.YML', 'items:\n  - id: A-1\n').items).toMatchObject([{ id: 'A-1' }]);
  });

  it('reads anything else as Markdown', () => {
    expect(parsePlan('plan.txt', '### T001: Text\n').items).toMatchObject([{ id: 'T001' }]);
    expect(() => parsePlan('plan.md', 'items: [\n')).not.toThrow();
    expect(() => parsePlan('plan.yml', 'items: [\n')).toThrow(PlanError);
  });

  it.each([
    ['an empty Markdown plan', 'p.md', ''],
    ['an empty YAML plan', 'p.yaml', ''],
    ['a byte order mark alone', 'p.md', '\uFEFF'],
  ])('reads %s as no items', (_, path, text) => {
    expect(parsePlan(path, text)).toEqual({ path, items: [] });
  });
});

describe('the seed template', () => {
  const plan = parsePlan('docs/remediation-plan.md', seed);

  it('yields exactly one item: the register\'s template row', () => {
    expect(plan.items.map((i) => i.id)).toEqual(['[ID]']);
  });

  it('makes the template row an item of unfilled claims, at the row', () => {
    const row = seed.split('\n').find((l) => l.startsWith('| [ID] |'))!;
    const rowAt = at(seed, row);
    expect(plan.items[0]).toEqual({
      id: '[ID]',
      title: '[Name]',
      ...rowAt,
      section: 'F. Evidence Tracking Register',
      priority: null,
      status: null,
      claims: [
        { kind: 'unfilled', intended: 'file', text: '/path/to/file', line: rowAt.line, column: row.indexOf('/path/to/file') + 1 },
        { kind: 'unfilled', intended: 'loc', text: '+XX/-YY', line: rowAt.line, column: row.indexOf('+XX/-YY') + 1 },
        { kind: 'unfilled', intended: 'range', text: '/path:LXX-LYY', line: rowAt.line, column: row.indexOf('/path:LXX') + 1 },
        { kind: 'unfilled', intended: 'range', text: '/test/path:LXX', line: rowAt.line, column: row.indexOf('/test/path') + 1 },
        { kind: 'unfilled', intended: 'status', text: 'Done/In Progress', line: rowAt.line, column: row.indexOf('Done/In') + 1 },
      ],
    });
  });

  it('makes no item of priority or milestone headings, task tables without evidence, or the fenced template', () => {
    expect(seed).toContain('#### P0 - Critical Blockers');
    expect(seed).toContain('### Milestone 0 ');
    expect(seed).toContain('| M0-001 |');
    expect(seed).toContain('#### [Task ID] - [Task Name]');
    const ids = plan.items.map((i) => i.id);
    expect(ids).not.toContain('P0');
    expect(ids).not.toContain('M0-001');
    expect(ids).not.toContain('BATCH-01');
  });

  it('takes no real evidence from the template: no file, range or commit claim at all', () => {
    const kinds = plan.items.flatMap((i) => i.claims.map((c) => c.kind));
    expect(kinds.filter((k) => k !== 'unfilled')).toEqual([]);
  });

  it('reads the same with CRLF line endings', () => {
    expect(parsePlan('docs/remediation-plan.md', seed.replace(/\n/g, '\r\n')).items).toEqual(plan.items);
  });
});

describe('evidence notations end to end', () => {
  /** The claims of a one-item Markdown plan whose File field holds `value`. */
  function claimsIn(value: string, label = 'File'): { source: string; claims: Claim[] } {
    const source = `# Plan\n\n#### M2-003 - Harden webhook security\n- **${label}:** ${value}\n`;
    const plan = parsePlan('docs/plan.md', source);
    expect(plan.items).toHaveLength(1);
    return { source, claims: plan.items[0]!.claims };
  }

  it.each([
    ['src/a.py:L23-L67', 23, 67],
    ['src/a.py:L10-13', 10, 13],
    ['src/a.py:23-67', 23, 67],
    ['src/a.py#L23-L67', 23, 67],
    ['src/a.py:23–67', 23, 67],
    ['src/a.py:L16', 16, 16],
    ['src/a.py:81', 81, 81],
  ])('reads %s, backticked or not', (notation, start, end) => {
    for (const value of [notation, `\`${notation}\``]) {
      const { source, claims } = claimsIn(value);
      expect(claims).toEqual([{ kind: 'range', target: { raw: 'src/a.py', base: 'root' }, start, end, text: notation, ...at(source, 'src/a.py') }]);
    }
  });

  it('reads a leading slash and keeps `..` raw', () => {
    const { claims } = claimsIn('`/backend/x.py:L1` `../up/y.py`');
    expect(claims.map((c) => (c.kind === 'range' || c.kind === 'file' ? [c.kind, c.target] : c.kind))).toEqual([
      ['range', { raw: '/backend/x.py', base: 'root' }],
      ['file', { raw: '../up/y.py', base: 'root' }],
    ]);
  });

  it('reads a Markdown link as a range on its target, anchored at the plan', () => {
    const { source, claims } = claimsIn('[x.py:L5](src/x.py#L5)');
    expect(claims).toEqual([{ kind: 'range', target: { raw: 'src/x.py', base: 'plan' }, start: 5, end: 5, text: 'src/x.py#L5', ...at(source, '[x.py') }]);
  });

  it('reads blob permalinks with a pinned sha, and branch links without one', () => {
    const pinned = claimsIn(`https://github.com/o/r/blob/${SHA40}/src/p.ts#L10-L20`).claims;
    expect(pinned).toMatchObject([{ kind: 'range', target: { raw: 'src/p.ts', base: 'root' }, start: 10, end: 20, pin: { sha: SHA40, repository: 'o/r' } }]);
    const branch = claimsIn('https://github.com/o/r/blob/main/src/p.ts#L10-L20').claims;
    expect(branch).toMatchObject([{ kind: 'range', start: 10, end: 20, pin: { repository: 'o/r' } }]);
    expect(branch[0]!.kind === 'range' && branch[0]!.pin?.sha).toBeUndefined();
  });

  it('reads commit URLs', () => {
    const { claims } = claimsIn(`https://github.com/o/r/commit/${SHA40} and https://github.com/o/r/pull/7/commits/abcdef1`, 'Evidence');
    expect(claims).toMatchObject([
      { kind: 'commit', sha: SHA40, repository: 'o/r' },
      { kind: 'commit', sha: 'abcdef1', repository: 'o/r' },
    ]);
  });

  it.each([
    ['a1b2c3d', 'a1b2c3d'],
    [SHA40, SHA40],
    [`${SHA40}9`, `${SHA40}9`],
  ])('reads Commit: %s', (value, sha) => {
    const { source, claims } = claimsIn(value, 'Commit');
    expect(claims).toEqual([{ kind: 'commit', sha, text: value, ...at(source, value) }]);
  });

  it('reads "fixed in commit a1b2c3d" in prose, but not a bare hex string', () => {
    const source = '#### M2-003 - Harden\nFixed in commit a1b2c3d.\nAlso touched a2b3c4d5.\n';
    expect(parsePlan('p.md', source).items[0]!.claims).toEqual([{ kind: 'commit', sha: 'a1b2c3d', text: 'a1b2c3d', ...at(source, 'a1b2c3d') }]);
  });

  it.each([
    ['File', '`[commit-hash]`', 'file'],
    ['File', '`src/a.py:LXX-LYY`', 'range'],
    ['Target File', '`/path/to/file.py`', 'file'],
    ['Commit', '[commit-hash]', 'commit'],
    ['Lines Added', 'XX', 'loc'],
    ['Expected Changes', '+XX/-YY', 'loc'],
    ['Status', 'Done/In Progress', 'status'],
  ])('reads the placeholder %s: %s as unfilled', (label, value, intended) => {
    const { claims } = claimsIn(value, label);
    expect(claims.map((c) => c.kind)).toEqual(['unfilled']);
    expect(claims[0]).toMatchObject({ intended, text: value.replace(/`/g, '') });
  });
});
