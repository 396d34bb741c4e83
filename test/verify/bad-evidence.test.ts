/**
 * Evidence that tries to leave the repository or to pass for what it is not: `..`, absolute paths,
 * symbolic links, submodules, files too large to read, absurd line numbers, 41-digit shas. From
 * plan text to verdict, over real repositories (evidence is read from git objects, never from the
 * working tree) and over in-memory snapshots where git cannot make the case.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePlan } from '../../src/plan/parse.js';
import { PlanError } from '../../src/plan/types.js';
import { GitRepoReader } from '../../src/repo/git.js';
import { blobKey } from '../../src/repo/types.js';
import { DEFAULT_SETTINGS } from '../../src/verify/checks/context.js';
import { checkPlans, verifyPlans } from '../../src/verify/verify.js';
import { lines, TestRepo } from '../helpers/repo.js';
import { snapshotOf } from '../helpers/snapshot.js';

type Verdicts = Array<{ text: string; verdict: string; code: string; reason: string }>;

/** A plan of one item whose File field cites `evidence`, line by line. */
function planOf(evidence: string[], path = 'docs/PLAN.md'): string {
  return path.endsWith('.yaml') ? evidence.join('\n') : `#### T-001 - Evidence\n${evidence.map((e) => `- **File:** ${e}`).join('\n')}\n`;
}

function verdicts(report: Awaited<ReturnType<typeof verifyPlans>>): Verdicts {
  return report.plans.flatMap((p) => p.items.flatMap((i) => i.claims.map(({ claim, verdict, code, reason }) => ({ text: claim.text, verdict, code, reason }))));
}

describe('evidence in a real repository', () => {
  let repo: TestRepo;
  let head: string;

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.symlink('links/passwd', '/etc/passwd');
    await repo.symlink('links/etc', '/etc');
    await repo.symlink('links/inside.py', '../src/a.py');
    await repo.submodule('vendor/lib', '0123456789abcdef0123456789abcdef01234567');
    head = await repo.commit('evidence', {
      'src/a.py': 'def handle(x):\n    return x * 2\n\n\ndef other(y):\n    return y + 1\n',
      'etc/passwd': 'root:x:0:0\nnobody:x:1:1\n',
      'docs/notes.txt': 'one\ntwo\n',
    });
    // uncommitted: the working tree is never evidence
    await repo.write({ 'src/uncommitted.py': lines(50), 'docs/notes.txt': lines(100) });
  });
  afterAll(() => repo.remove());

  async function check(evidence: string[], options: { path?: string; root?: string } = {}): Promise<Verdicts> {
    const path = options.path ?? 'docs/PLAN.md';
    const report = await verifyPlans([parsePlan(path, planOf(evidence, path))], new GitRepoReader(repo.dir), { ref: 'HEAD', ...(options.root ? { root: options.root } : {}) });
    return verdicts(report);
  }

  it('refuses every path that leaves the repository with `..`, however it is written', async () => {
    const results = await check([
      '`../../etc/passwd`',
      '`src/../../x.py`',
      '`../../../../../../../../etc/passwd:L1`',
      '`..\\..\\etc\\passwd`',
      '[passwd](../../etc/passwd)',
      '[passwd](%2E%2E/%2E%2E/%2e%2e/etc/passwd#L1)',
      '`src/../src/a.py`',
    ]);
    expect(results.map((r) => [r.text, r.code])).toEqual([
      ['../../etc/passwd', 'path-outside-repo'],
      ['src/../../x.py', 'path-outside-repo'],
      ['../../../../../../../../etc/passwd:L1', 'path-outside-repo'],
      ['..\\..\\etc\\passwd', 'path-outside-repo'],
      ['../../etc/passwd', 'path-outside-repo'],
      ['%2E%2E/%2E%2E/%2e%2e/etc/passwd#L1', 'path-outside-repo'],
      ['src/../src/a.py', 'file-exists'], // `..` that stays inside is fine
    ]);
    expect(results.slice(0, 6).every((r) => r.verdict === 'unverified')).toBe(true);
  });

  it('reads a leading slash as the repository root, never the file system root', async () => {
    expect(existsSync('/etc/passwd')).toBe(true);
    const [whole, past, missing] = await check(['`/etc/passwd:L1-L2`', '`/etc/passwd:L3`', '`/etc/hostname`']);
    expect(whole).toMatchObject({ verdict: 'verified', code: 'range-exists' });
    // the repository's etc/passwd has 2 lines, whatever the machine's has
    expect(past).toMatchObject({ verdict: 'unverified', code: 'range-out-of-bounds', reason: `cites line 3 but etc/passwd has 2 lines at ${head.slice(0, 7)}` });
    expect(missing).toMatchObject({ verdict: 'unverified', code: 'file-not-found' });
    const [rooted] = await check(['`/passwd`'], { root: 'etc' });
    expect(rooted).toMatchObject({ verdict: 'verified', code: 'file-exists' });
  });

  it('reads committed files only: the working tree is not evidence', async () => {
    const [uncommitted, edited] = await check(['`src/uncommitted.py`', '`docs/notes.txt:L50`']);
    expect(uncommitted).toMatchObject({ verdict: 'unverified', code: 'file-not-found' });
    expect(edited).toMatchObject({ verdict: 'unverified', code: 'range-out-of-bounds', reason: expect.stringContaining('has 2 lines') });
  });

  it('never follows a symbolic link, to a file or folder outside the repository or inside it', async () => {
    const results = await check(['`links/passwd`', '`links/passwd:L1`', '`links/etc/passwd:L1`', '`links/etc/hostname`', '`links/inside.py:L1`']);
    expect(results.map((r) => [r.verdict, r.code])).toEqual(Array(5).fill(['unverified', 'not-a-regular-file']));
    expect(results[0]!.reason).toContain('links/passwd is a symbolic link');
    expect(results[2]!.reason).toContain('links/etc/passwd lies behind the symbolic link links/etc');
  });

  it('does not read a submodule or a path inside one as a file', async () => {
    const [link, inside] = await check(['`vendor/lib`', '`vendor/lib/src/x.py:L1`']);
    expect(link).toMatchObject({ verdict: 'unverified', code: 'not-a-regular-file', reason: expect.stringContaining('is a submodule') });
    expect(inside).toMatchObject({ verdict: 'unknown', code: 'inside-submodule' });
  });

  it('refuses line numbers past 2^31 and reversed ranges, never wrapping them round', async () => {
    const results = await check([
      '`src/a.py:L99999999999-L99999999999`',
      '`src/a.py:L2147483648`',
      '`src/a.py:L1-L4294967298`',
      '`src/a.py#L1-L99999999999999999999999999`',
      '`src/a.py:L2147483647`',
      '`src/a.py:L50-L10`',
      '`src/a.py:L2-L1`',
      '`src/a.py:L0`',
      '`src/a.py:L-5`',
    ]);
    expect(results.map((r) => [r.text, r.verdict, r.code])).toEqual([
      ['src/a.py:L99999999999-L99999999999', 'unverified', 'invalid-range'],
      ['src/a.py:L2147483648', 'unverified', 'invalid-range'],
      ['src/a.py:L1-L4294967298', 'unverified', 'invalid-range'],
      ['src/a.py#L1-L99999999999999999999999999', 'unverified', 'invalid-range'],
      ['src/a.py:L2147483647', 'unverified', 'range-out-of-bounds'],
      ['src/a.py:L50-L10', 'unverified', 'invalid-range'],
      ['src/a.py:L2-L1', 'unverified', 'invalid-range'],
      ['src/a.py:L0', 'unverified', 'invalid-range'],
      // `L-5` names no line: not a range, so not a claim either, and never verified
    ]);
  });

  it('refuses the same ranges in a YAML plan, and a negative line as an input error', async () => {
    const yaml = (lines: string) => `items:\n  - id: T-1\n    evidence:\n      - file: src/a.py\n        lines: ${lines}\n`;
    const results = await check([yaml('L99999999999-L99999999999').trimEnd()], { path: 'docs/plan.yaml' });
    expect(results).toMatchObject([{ verdict: 'unverified', code: 'invalid-range' }]);
    expect(verdicts(await verifyPlans([parsePlan('p.yaml', yaml('[10, 5]'))], new GitRepoReader(repo.dir), { ref: 'HEAD' }))).toMatchObject([{ code: 'invalid-range' }]);
    expect(() => parsePlan('p.yaml', yaml('-5'))).toThrow(PlanError);
  });

  it('never cuts a 41-digit sha to 40 and verifies it, in a Commit field, a commit URL or a permalink', async () => {
    const sha41 = `${head}0`;
    const report = await verifyPlans(
      [
        parsePlan(
          'docs/PLAN.md',
          [
            '#### T-001 - Commits',
            `- **Commit:** \`${sha41}\``,
            `- **Evidence:** fixed in commit ${sha41}`,
            `- **Evidence:** https://github.com/o/r/commit/${sha41}`,
            `- **Evidence:** https://github.com/o/r/blob/${sha41}/src/a.py#L1-L2`,
            `- **Commit:** \`${head}\``,
            '',
          ].join('\n'),
        ),
      ],
      new GitRepoReader(repo.dir),
      { ref: 'HEAD' },
    );
    const results = verdicts(report);
    expect(results.map((r) => [r.verdict, r.code])).toEqual([
      ['unverified', 'invalid-commit-id'],
      ['unverified', 'invalid-commit-id'],
      ['unverified', 'invalid-commit-id'],
      ['unverified', 'invalid-commit-id'],
      ['verified', 'commit-touches-files'],
    ]);
    expect(results[3]!.reason).toBe(`the link is pinned to '${sha41}', which is not a commit id (7 to 40 hex digits)`);
  });
});

describe('files too large to read whole', () => {
  const BIG = 6 * 1024 * 1024;

  it('keeps the line count of a file over 5 MB, so ranges are bounded, but does not verify what it cannot read', async () => {
    const repo = await TestRepo.create();
    try {
      const line = `${'x = 1  # padding'.padEnd(99, '.')}\n`;
      const text = line.repeat(Math.ceil(BIG / line.length));
      const count = text.split('\n').length - 1;
      await repo.commit('big', { 'gen/big.py': text, 'data/big.txt': text });
      await writeFile(join(repo.dir, 'PLAN.md'), planOf([`\`gen/big.py:L1-L3\``, `\`gen/big.py:L${count + 1}\``, `\`data/big.txt:L${count}\``, `\`data/big.txt:L1-L2\`: the retry loop`, '`gen/big.py`']));
      const plan = parsePlan('PLAN.md', readFileSync(join(repo.dir, 'PLAN.md'), 'utf8'));
      const results = verdicts(await verifyPlans([plan], new GitRepoReader(repo.dir), { ref: 'HEAD' }));
      expect(results.map((r) => [r.verdict, r.code])).toEqual([
        ['unknown', 'source-unavailable'], // code: whether the lines are a stub cannot be read
        ['unverified', 'range-out-of-bounds'],
        ['verified', 'range-exists'], // plain text: the lines exist, and nothing more was claimed
        ['unknown', 'source-unavailable'], // what the lines hold cannot be read
        ['verified', 'file-exists'],
      ]);
      expect(results[0]!.reason).toMatch(/^lines 1-3 of gen\/big\.py exist at \w{7}, but the file is too large \(\d+ bytes\) to read whether they hold real code$/);
      expect(results[3]!.reason).toContain('to read whether they hold "the retry loop"');
    } finally {
      await repo.remove();
    }
  });

  it('judges a file whose text the reader could not give (GraphQL truncation) by its line count alone, never verifying its code', () => {
    const snapshot = snapshotOf({ files: { 'src/big.ts': 'x\n' } });
    const key = blobKey(snapshot.ref, 'src/big.ts');
    snapshot.blobs.set(key, { size: 600_000, binary: false, lineCount: 12_000 });
    const plan = parsePlan('PLAN.md', planOf(['`src/big.ts:L10-L20`', '`src/big.ts:L12001`']));
    const results = checkPlans([plan], snapshot, DEFAULT_SETTINGS).plans[0]!.items[0]!.claims;
    expect(results.map((r) => [r.verdict, r.code])).toEqual([
      ['unknown', 'source-unavailable'],
      ['unverified', 'range-out-of-bounds'],
    ]);
  });
});
