/**
 * Plans nobody should write, read anyway: each gives a plan or one PlanError (one line), in bounded
 * time. Times are asserted loosely, to catch hangs and quadratic blow-ups, never to benchmark.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodePlan } from '../../src/plan/decode.js';
import { PLAN_LIMITS, type PlanLimits } from '../../src/plan/limits.js';
import { parsePlan } from '../../src/plan/parse.js';
import { PlanError, type Plan } from '../../src/plan/types.js';
import { runCli } from '../helpers/cli.js';
import { at } from '../helpers/position.js';
import { lines, TestRepo } from '../helpers/repo.js';

/** The PlanError message that reading `text` gives (fails the test when it reads). */
function refusal(path: string, text: string, limits: Partial<PlanLimits> = {}): string {
  try {
    parsePlan(path, text, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(PlanError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error(`${path} was read`);
}

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

function claimCount(plan: Plan): number {
  return plan.items.reduce((n, item) => n + item.claims.length, 0);
}

const ITEM = '#### T-001 - Thing\n- **File:** `src/a.ts:L1-L2`\n';

describe('empty and tiny plans', () => {
  it.each([
    ['p.md', ''],
    ['p.md', '\n\n\n'],
    ['p.md', '   \t  '],
    ['p.md', '\uFEFF'],
    ['p.yaml', ''],
    ['p.yaml', '\n# only a comment\n'],
    ['p.yaml', '\uFEFF'],
    ['p.yaml', 'items:\n'],
  ])('reads %s %j as a plan without items', (path, text) => {
    expect(parsePlan(path, text)).toEqual({ path, items: [] });
  });
});

describe('size', () => {
  it('refuses a 10 MB plan at once, naming the limit', () => {
    const { result: message, ms } = timed(() => refusal('docs/big.md', ITEM.repeat(Math.ceil((10 * 2 ** 20) / ITEM.length))));
    expect(message).toMatch(/^docs\/big\.md: the plan is 10,48\d,\d{3} bytes; a plan may be 1,048,576 bytes at most$/);
    expect(ms).toBeLessThan(2000);
  });

  it('takes a plan of exactly the limit and refuses one byte more, counting bytes, not characters', () => {
    const limits = { maxBytes: 1000 };
    const fill = (bytes: number) => ITEM + '.'.repeat(bytes - ITEM.length);
    expect(parsePlan('p.md', fill(1000), limits).items).toHaveLength(1);
    expect(refusal('p.md', fill(1001), limits)).toBe('p.md: the plan is 1,001 bytes; a plan may be 1,000 bytes at most');
    // 400 characters, 1,200 bytes of UTF-8
    expect(refusal('p.md', '✅'.repeat(400), limits)).toBe('p.md: the plan is 1,200 bytes; a plan may be 1,000 bytes at most');
  });

  it('reads a plan of 10,000 items, each claim where it stands', () => {
    const source = Array.from({ length: 10_000 }, (_, i) => `#### T-${i + 1} - Item ${i + 1}\n- **File:** \`src/f${i + 1}.ts:L1-L2\`\n`).join('');
    const { result: plan, ms } = timed(() => parsePlan('p.md', source));
    expect(plan.items).toHaveLength(10_000);
    expect(claimCount(plan)).toBe(10_000);
    expect(plan.items[9_999]!.claims[0]).toMatchObject({ kind: 'range', target: { raw: 'src/f10000.ts' }, ...at(source, 'src/f10000.ts') });
    expect(ms).toBeLessThan(25_000);
  });

  it('refuses more items or claims than a plan may hold, rather than read part of it', () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => `#### T-${i + 1} - x\n- **File:** \`a${i}.ts\` \`b${i}.ts\`\n`).join('');
    expect(parsePlan('p.md', items(50), { maxItems: 50 }).items).toHaveLength(50);
    expect(refusal('p.md', items(51), { maxItems: 50 })).toBe('p.md: the plan has 51 items; a plan may have 50');
    expect(claimCount(parsePlan('p.md', items(30), { maxClaims: 60 }))).toBe(60);
    expect(refusal('p.md', items(31), { maxClaims: 60 })).toBe('p.md: the plan makes 62 claims; a plan may make 60');
  });
});

describe('bytes that are not a UTF-8 plan', () => {
  const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

  it('refuses a binary file', () => {
    expect(refusal('p.md', `${ITEM}\0\x01\x02`)).toBe('p.md: the plan is a binary file (it holds NUL bytes), not text');
    expect(() => decodePlan('p.md', bytes(ITEM, [0, 0xff, 0xd8]))).toThrow('p.md: the plan is a binary file (it holds NUL bytes), not text');
  });

  it.each([
    ['a stray continuation byte', [0x80]],
    ['a Latin-1 é', [0xe9, 0x2e, 0x70, 0x79]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a sequence cut short at the end', [0xe2, 0x9c]],
  ])('refuses invalid UTF-8 (%s), naming the line and byte', (_, bad) => {
    const data = bytes('# Plan\n\n', ITEM, '- src/caf', bad);
    const offset = data.length - bad.length;
    expect(() => decodePlan('docs/p.md', data)).toThrow(`docs/p.md: the plan is not valid UTF-8 (line 5, byte ${offset}); save it as UTF-8`);
  });

  it('reads valid UTF-8 of every length, and drops a UTF-8 byte order mark', () => {
    const text = '#### T-001 - Café ✅ 🟢\n- **File:** `src/ünï/ℌ.ts`\n';
    expect(decodePlan('p.md', bytes([0xef, 0xbb, 0xbf], text))).toBe(text);
    expect(decodePlan('p.md', Buffer.from(text))).toBe(text);
  });

  it('refuses UTF-16 with a byte order mark, either way round', () => {
    const utf16 = Buffer.from(`\uFEFF${ITEM}`, 'utf16le');
    expect(() => decodePlan('p.md', utf16)).toThrow('p.md: the plan is UTF-16 text; save it as UTF-8');
    expect(() => decodePlan('p.md', Buffer.from(utf16).swap16())).toThrow('p.md: the plan is UTF-16 text; save it as UTF-8');
  });
});

describe('line endings, byte order marks and mojibake', () => {
  const markdown = '# Plan\n\n#### T-001 - Thing\n- **Status:** Done\n- **File:** `src/a.ts:L1-L2` and `src/b.ts`\n';
  const yaml = 'items:\n  - id: T-001\n    evidence:\n      - file: src/a.ts\n        lines: 1-2\n      - commit: abcdef1\n';

  it.each([
    ['p.md', markdown],
    ['p.yaml', yaml],
  ])('reads %s the same with CRLF, and with a byte order mark, every position unchanged', (path, source) => {
    const plain = parsePlan(path, source);
    expect(claimCount(plain)).toBeGreaterThan(1);
    expect(parsePlan(path, source.replace(/\n/g, '\r\n'))).toEqual(plain);
    expect(parsePlan(path, `\uFEFF${source}`)).toEqual(plain);
  });

  it('counts a lone CR as a line ending, as Markdown does', () => {
    expect(parsePlan('p.md', markdown.replace(/\n/g, '\r'))).toEqual(parsePlan('p.md', markdown));
  });

  it('reads status emoji mis-encoded as Windows-1252 or Mac Roman as the marks they were', () => {
    const source = '#### âœ… T-001 - Heading mark\n- **File:** `a.ts`\n\n#### T-002 - Field mark\n- **Status:** ‚úÖ Done\n- **File:** `b.ts`\n\n#### T-003 - Blocked\n- **Status:** ðŸš«\n';
    const plan = parsePlan('p.md', source);
    expect(plan.items.map((item) => [item.id, item.title, item.status])).toEqual([
      ['T-001', 'Heading mark', 'done'],
      ['T-002', 'Field mark', 'done'],
      ['T-003', 'Blocked', 'blocked'],
    ]);
    expect(plan.items[1]!.statusField).toEqual({ text: '‚úÖ Done', ...at(source, '‚úÖ Done') });
  });

  it('keeps mojibake that is not a status mark as written, and reads paths in any script', () => {
    const source = '#### T-001 - Caf\u00c3\u00a9 ‚Üí done\n- **File:** `src/naïve/日本.py` `src/Ã¼ber.py`\n';
    const [item] = parsePlan('p.md', source).items;
    expect(item).toMatchObject({ title: 'Caf\u00c3\u00a9 ‚Üí done', claims: [{ kind: 'file', target: { raw: 'src/naïve/日本.py' } }, { kind: 'file', target: { raw: 'src/Ã¼ber.py' } }] });
  });

  it('reads the seed template, mis-encoded emoji and all', () => {
    const seed = readFileSync(new URL('../fixtures/plans/seed-template.md', import.meta.url), 'utf8');
    expect(seed).toContain('‚úÖ');
    expect(parsePlan('seed.md', seed).items.length).toBeGreaterThan(0);
  });
});

describe('shapes that strain the Markdown parser', () => {
  it('reads a table of 500 columns, each cell under its own header', () => {
    const headers = ['Task ID', ...Array.from({ length: 498 }, (_, i) => `Note ${i}`), 'Completion Evidence'];
    const row = (id: string) => `| ${id} | ${Array.from({ length: 498 }, (_, i) => `n${i}`).join(' | ')} | \`src/${id}.ts:L3\` |`;
    const source = [`| ${headers.join(' | ')} |`, `|${' --- |'.repeat(500)}`, row('T-1'), row('T-2'), ''].join('\n');
    const { result: plan, ms } = timed(() => parsePlan('p.md', source));
    expect(plan.items.map((item) => item.claims)).toEqual([
      [{ kind: 'range', target: { raw: 'src/T-1.ts', base: 'root' }, start: 3, end: 3, text: 'src/T-1.ts:L3', ...at(source, 'src/T-1.ts') }],
      [{ kind: 'range', target: { raw: 'src/T-2.ts', base: 'root' }, start: 3, end: 3, text: 'src/T-2.ts:L3', ...at(source, 'src/T-2.ts') }],
    ]);
    expect(ms).toBeLessThan(5000);
  });

  it.each([
    ['lists indented level by level', 1002, (n: number) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}\n`).join('')],
    ['lists opened on one line', 3, (n: number) => `${'- '.repeat(n)}x\n`],
    ['ordered lists', 3, (n: number) => `${'1. '.repeat(n)}x\n`],
    ['block quotes', 3, (n: number) => `${'> '.repeat(n)}x\n`],
  ])('refuses %s nested 1,000 deep at once, and reads them 32 deep', (_, line, nest) => {
    const { result: message, ms } = timed(() => refusal('p.md', `${ITEM}${nest(1000)}`));
    expect(message).toBe(`p.md: line ${line} nests about 1,000 lists or block quotes deep; a plan may nest 32`);
    expect(ms).toBeLessThan(2000);
    expect(parsePlan('p.md', `${ITEM}${nest(32)}`).items).toHaveLength(1);
  });

  it('still reads the claims of a list nested 32 deep', () => {
    const source = `${ITEM}${Array.from({ length: 31 }, (_, i) => `${'  '.repeat(i)}- Evidence:\n`).join('')}${'  '.repeat(31)}- \`src/deep.ts:L9\`\n`;
    expect(parsePlan('p.md', source).items[0]!.claims.at(-1)).toMatchObject({ kind: 'range', target: { raw: 'src/deep.ts' }, ...at(source, 'src/deep.ts') });
  });

  it('reads or refuses 20,000 nested emphasis marks, without a crash', () => {
    const source = `${ITEM}${'*'.repeat(20_000)}x${'*'.repeat(20_000)}\n`;
    const { ms } = timed(() => {
      try {
        expect(parsePlan('p.md', source, { timeLimitMs: 3000 }).items).toHaveLength(1);
      } catch (error) {
        expect(error).toBeInstanceOf(PlanError);
      }
    });
    expect(ms).toBeLessThan(8000);
  });

  it('reads a line of 1 MB of words', () => {
    const line = 'word '.repeat(200_000);
    const { result: plan, ms } = timed(() => parsePlan('p.md', `${ITEM}${line}\n`));
    expect(plan.items).toHaveLength(1);
    expect(ms).toBeLessThan(20_000);
  });

  it('refuses a line of 1 MB of claims by their number, before checking any', () => {
    const { result: message, ms } = timed(() => refusal('p.md', `${ITEM}- **File:** ${'a.py:1 '.repeat(140_000)}\n`));
    expect(message).toBe('p.md: the plan makes 140,001 claims; a plan may make 20,000');
    expect(ms).toBeLessThan(20_000);
  });

  it('stops reading a paragraph that sends the parser into quadratic time, at the time limit', () => {
    const pathological = `${ITEM}${'*a **a '.repeat(3000)}b${' a** a*'.repeat(3000)}\n`;
    const { result: message, ms } = timed(() => refusal('p.md', pathological, { timeLimitMs: 500 }));
    expect(message).toMatch(/^p\.md: reading the plan took longer than 0\.5 s, the most a plan may take \(the Markdown parser slows down/);
    expect(ms).toBeLessThan(5000);
    // and the parser is left sound: the next plan reads normally
    expect(parsePlan('p.md', ITEM).items).toHaveLength(1);
  });
});

describe('YAML bombs', () => {
  /** `levels` anchors, each a list of nine aliases to the one before: 9^levels values if expanded. */
  function laughs(levels: number): string {
    const rows = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < levels; i++) rows.push(`l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
    return rows.join('\n');
  }

  it.each([
    ['the items', 'items: *l8\n', 'items: an alias (*l8)'],
    ['an item', 'items:\n  - *l8\n', 'items[0]: an alias (*l8)'],
    ['the evidence', 'items:\n  - id: A-1\n    evidence: *l8\n', 'items[0].evidence: an alias (*l8)'],
    ['a file', 'items:\n  - id: A-1\n    evidence:\n      - file: *l8\n', 'items[0].evidence[0].file: an alias (*l8)'],
    ['an id', 'items:\n  - id: *l8\n', 'items[0].id: an alias (*l8)'],
  ])('refuses a billion laughs in %s without expanding it', (_, tail, where) => {
    const { result: message, ms } = timed(() => refusal('p.yaml', `${laughs(9)}\n${tail}`));
    expect(message).toBe(`p.yaml: ${where} may stand for a single value only, not a list or mapping`);
    expect(ms).toBeLessThan(2000);
  });

  it('follows up to 1,000 aliases to single values, in linear time, and refuses more', () => {
    const plan = (aliases: number, padding: number) =>
      `pad:\n${'  - x\n'.repeat(padding)}defs:\n  f: &f src/a.ts\nitems:\n  - id: A-1\n    evidence:\n${'      - file: *f\n'.repeat(aliases)}`;
    const { result, ms } = timed(() => parsePlan('p.yaml', plan(1000, 50_000)));
    expect(claimCount(result)).toBe(1000);
    expect(result.items[0]!.claims.every((c) => c.kind === 'file' && c.target.raw === 'src/a.ts')).toBe(true);
    expect(ms).toBeLessThan(10_000);
    expect(refusal('p.yaml', plan(1001, 0))).toBe('p.yaml: the plan uses 1,001 aliases (*name); a plan may use 1,000');
  });

  it('finds a duplicate key among 50,000 without comparing every pair', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `  k${i}: ${i}\n`).join('');
    const { ms } = timed(() => expect(parsePlan('p.yaml', `defs:\n${keys}items: []\n`).items).toEqual([]));
    expect(ms).toBeLessThan(10_000);
    expect(refusal('p.yaml', `defs:\n${keys}  k7: again\nitems: []\n`)).toBe('p.yaml: invalid YAML at line 50002: Map keys must be unique');
  });

  it('refuses YAML nested too deep to read, and reads or refuses 1,000 levels of mappings', () => {
    expect(refusal('p.yaml', `x: ${'['.repeat(5000)}${']'.repeat(5000)}\nitems: []\n`)).toBe('p.yaml: the YAML nests too deeply to be read');
    const block = `${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:\n`).join('')}items: []\n`;
    try {
      expect(parsePlan('p.yaml', block).items).toEqual([]);
    } catch (error) {
      expect((error as Error).message).toBe('p.yaml: the YAML nests too deeply to be read');
    }
  });
});

describe('YAML with values of the wrong type', () => {
  const item = (fields: string) => `items:\n  - id: A-1\n${fields}`;
  const evidence = (entry: string) => item(`    evidence:\n      - ${entry}\n`);

  it.each([
    ['an id that is a list', 'items:\n  - id: [a, b]\n', 'items[0].id: expected a single value'],
    ['an id that is a mapping', 'items:\n  - id: {a: 1}\n', 'items[0].id: expected a single value'],
    ['an id that is null', 'items:\n  - id: ~\n', 'items[0].id: every item needs an id'],
    ['items that are text', 'items: all done\n', '`items` must be a list'],
    ['items that are a mapping', 'items: {a: 1}\n', '`items` must be a list'],
    ['evidence that is a number', item('    evidence: 5\n'), 'items[0].evidence: expected a list'],
    ['a test that is a number', item('    tests: [5]\n'), 'items[0].tests[0]: expected a mapping'],
    ['lines that are negative', evidence('file: a.ts\n        lines: -5'), "items[0].evidence[0].lines: '-5' is not a line"],
    ['lines that are a fraction', evidence('file: a.ts\n        lines: 1.5'), "items[0].evidence[0].lines: '1.5' is not a line"],
    ['lines that are a boolean', evidence('file: a.ts\n        lines: true'), "items[0].evidence[0].lines: 'true' is not a line"],
    ['lines that are words', evidence('file: a.ts\n        lines: the middle'), "items[0].evidence[0].lines: 'the middle' is not a line"],
    ['lines of three numbers', evidence('file: a.ts\n        lines: [1, 2, 3]'), 'items[0].evidence[0].lines: expected a line (100), a range'],
    ['lines of a negative pair', evidence('file: a.ts\n        lines: [-1, 2]'), 'items[0].evidence[0].lines: expected a line (100), a range'],
    ['a commit that is a list', evidence('commit: [abcdef1]'), 'items[0].evidence[0].commit: expected a single value'],
  ])('refuses %s, naming the place', (_, source, message) => {
    expect(refusal('p.yaml', source)).toContain(`p.yaml: ${message}`);
  });

  it('keeps what the plan wrote where YAML would read a number: ids, shas and line numbers', () => {
    const source = item('    title: 1.10\n    evidence:\n      - commit: 0123456\n      - commit: 1234567e8\n      - file: a.ts\n        lines: [010, 99999999999999999999999]\n').replace('id: A-1', 'id: 1.10');
    const [first] = parsePlan('p.yaml', source).items;
    expect(first).toMatchObject({ id: '1.10', title: '1.10' });
    expect(first!.claims).toMatchObject([
      { kind: 'commit', sha: '0123456' },
      { kind: 'commit', sha: '1234567e8' },
      { kind: 'range', target: { raw: 'a.ts' }, start: 10, end: 99999999999999999999999 },
    ]);
  });

});

describe('the limits', () => {
  it('are documented, every one, with its default', () => {
    const docs = readFileSync(new URL('../../docs/plan-formats.md', import.meta.url), 'utf8');
    const limits = docs.slice(docs.indexOf('## Limits'));
    for (const value of Object.values(PLAN_LIMITS)) expect(limits).toContain(value.toLocaleString('en-US'));
  });
});

describe('bad plans through the CLI: a report, or exit 2 with one line', () => {
  let repo: TestRepo;
  const plan = '# Plan\n\n#### T-001 - Thing\n- **Status:** Done\n- **File:** `src/a.ts:L2-L3`\n';

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commit('code', { 'src/a.ts': lines(5) });
  });
  afterAll(() => repo.remove());

  async function verify(name: string, content: string | Buffer) {
    await repo.write({ [`docs/${name}`]: content });
    return runCli(['verify', `docs/${name}`, '--format', 'json'], repo.dir);
  }

  function expectRefusal(run: { code: number; stdout: string; stderr: string }, line: string | RegExp): void {
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(2); // one line, and its newline
    expect(run.stderr).not.toMatch(/^\s+at /m);
    if (typeof line === 'string') expect(run.stderr).toBe(`claimcheck: ${line}\n`);
    else expect(run.stderr).toMatch(line);
  }

  it('reports an empty plan as a plan without items', async () => {
    const run = await verify('empty.md', '');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).plans).toEqual([expect.objectContaining({ path: 'docs/empty.md', items: [] })]);
  });

  it('refuses a 10 MB plan without reading it', async () => {
    expectRefusal(await verify('big.md', Buffer.alloc(10 * 2 ** 20, 'x')), 'docs/big.md: the plan is 10,485,760 bytes; a plan may be 1,048,576 bytes at most');
  });

  it('refuses binary, UTF-16 and invalid UTF-8 plans', async () => {
    expectRefusal(await verify('logo.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])), 'docs/logo.md: the plan is a binary file (it holds NUL bytes), not text');
    expectRefusal(await verify('wide.md', Buffer.from(`\uFEFF${plan}`, 'utf16le')), 'docs/wide.md: the plan is UTF-16 text; save it as UTF-8');
    const latin1 = Buffer.from(plan.replace('Thing', 'Caf\u00e9'), 'latin1');
    expectRefusal(await verify('latin1.md', latin1), `docs/latin1.md: the plan is not valid UTF-8 (line 3, byte ${latin1.indexOf(0xe9)}); save it as UTF-8`);
  });

  it('gives the same report for a plan with a byte order mark, CRLF or both', async () => {
    const report = async (name: string, text: string) => {
      const run = await verify(name, text);
      expect(run.code).toBe(0);
      return JSON.parse(run.stdout).plans[0].items;
    };
    const plain = await report('plain.md', plan);
    expect(plain[0].claims[0]).toMatchObject({ code: 'range-exists', line: 5, column: 14 });
    expect(await report('bom.md', `\uFEFF${plan}`)).toEqual(plain);
    expect(await report('crlf.md', `\uFEFF${plan.replace(/\n/g, '\r\n')}`)).toEqual(plain);
  });

  it('refuses deep nesting, YAML bombs and YAML of the wrong shape in one line', async () => {
    expectRefusal(await verify('deep.md', `${plan}${'- '.repeat(1000)}x\n`), 'docs/deep.md: line 6 nests about 1,000 lists or block quotes deep; a plan may nest 32');
    expectRefusal(await verify('bomb.yaml', 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nitems: *b\n'), 'docs/bomb.yaml: items: an alias (*b) may stand for a single value only, not a list or mapping');
    expectRefusal(await verify('types.yaml', 'items:\n  - id: T-1\n    evidence:\n      - file: src/a.ts\n        lines: -5\n'), /^claimcheck: docs\/types\.yaml: items\[0\]\.evidence\[0\]\.lines: '-5' is not a line/);
  });

  it('reads regular files only: a folder, a FIFO or a link out of the repository is refused at once', async () => {
    await mkdir(join(repo.dir, 'docs/folder.md'), { recursive: true });
    expectRefusal(await runCli(['verify', 'docs/folder.md'], repo.dir), 'plan is not a regular file: docs/folder.md');
    execFileSync('mkfifo', [join(repo.dir, 'docs/pipe.md')]);
    expectRefusal(await runCli(['verify', 'docs/pipe.md'], repo.dir), 'plan is not a regular file: docs/pipe.md');
    await symlink('/dev/zero', join(repo.dir, 'docs/zero.md'));
    expectRefusal(await runCli(['verify', 'docs/zero.md'], repo.dir), /^claimcheck: plan is outside the repository: docs\/zero\.md \(a link to \/dev\/zero\)\n$/);
    await writeFile(join(repo.dir, 'docs/inside.md'), plan);
    await symlink('inside.md', join(repo.dir, 'docs/alias.md'));
    expect((await runCli(['verify', 'docs/alias.md'], repo.dir)).code).toBe(0);
  });
});
