import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { lines, TestRepo } from '../helpers/repo.js';
import { runCli } from '../helpers/cli.js';
import { createProgress } from '../../src/cli/progress.js';
import { runVerify } from '../../src/cli/verify.js';

const BIN = fileURLToPath(new URL('../../bin/claimcheck.js', import.meta.url));

describe('claimcheck verify', () => {
  let repo: TestRepo;
  let work: string;
  let early: string;

  beforeAll(async () => {
    repo = await TestRepo.create();
    early = await repo.commit('early', { 'src/old.ts': lines(5) });
    work = await repo.commit('security work', { 'src/security.ts': lines(40), 'tests/security.test.ts': lines(20) });
    await repo.commit('plans', {
      'docs/good.md': [
        '# Plan',
        '',
        '#### M2-003 - Harden webhook security',
        '- **Priority:** P0',
        '- **Status:** Done',
        '- **Target File:** `/src/security.ts`',
        `- **Commit:** \`${work.slice(0, 7)}\``,
        '- **Completion Evidence:** `src/security.ts:L10-L20`',
        '',
      ].join('\n'),
      'docs/bad.md': [
        '### T012: Broken claims',
        '- **File:** `src/security.ts:L30-L45`',
        '- **Commit:** `deadbeef`',
        '- **Test Name:** `test_x`',
        '',
        '### T013: Only unknowns',
        '- **Test Name:** `test_y`',
        '',
      ].join('\n'),
      'docs/unknown.md': '### T014: Pending\n- **Test Name:** `test_z`\n',
      'docs/plan.yaml': 'items:\n  - id: Y-1\n    title: YAML item\n    evidence:\n      - file: src/old.ts\n        lines: 1-5\n',
      'docs/broken.yaml': 'items: {id: 1}\n',
      'monorepo/backend/app.py': lines(3),
      'docs/mono.md': '### B-01: Backend\n- **File:** `/backend/app.py:L1-L3`\n',
    });
  });
  afterAll(() => repo.remove());

  it('exits 0 when every claim verifies, and prints one line per item', async () => {
    const run = await runCli(['verify', 'docs/good.md'], repo.dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✓ verified\s+M2-003\s+Harden webhook security/);
    expect(run.stdout).toMatch(/1 items, 3 claims: 3 verified, 0 unverified, 0 unknown/);
  });

  it('exits 1 when a claim is unverified and says why under the item', async () => {
    const run = await runCli(['verify', 'docs/bad.md'], repo.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ unverified  T012  Broken claims');
    expect(run.stdout).toContain('range-out-of-bounds: cites lines 30-45 but src/security.ts has 40 lines');
    expect(run.stdout).toContain('commit-not-found');
    expect(run.stdout).toMatch(/\? unknown\s+T013/);
  });

  it('exits 0 when claims are only unknown, and 1 with fail_on: unknown', async () => {
    expect((await runCli(['verify', 'docs/unknown.md'], repo.dir)).code).toBe(0);
    const dir = await mkdtemp(join(tmpdir(), 'claimcheck-cfg-'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'strict.yml'), 'fail_on: unknown\n');
    expect((await runCli(['verify', 'docs/unknown.md', '--config', join(dir, 'strict.yml')], repo.dir)).code).toBe(1);
  });

  it('prints the JSON contract', async () => {
    const run = await runCli(['verify', 'docs/good.md', 'docs/bad.md', '--format', 'json'], repo.dir);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['tool', 'version', 'ref', 'plans', 'summary', 'readiness']);
    expect(json.tool).toBe('claimcheck');
    expect(json.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(json.ref).toMatch(/^[0-9a-f]{40}$/);
    expect(json.plans.map((p: { path: string }) => p.path)).toEqual(['docs/good.md', 'docs/bad.md']);
    const item = json.plans[0].items[0];
    expect(item).toMatchObject({ id: 'M2-003', title: 'Harden webhook security', line: 3, priority: 'P0', status: 'done', verdict: 'verified' });
    expect(item.claims[0]).toEqual(
      expect.objectContaining({ kind: 'file', text: '/src/security.ts', line: 6, column: 21, verdict: 'verified', code: 'file-exists', reason: expect.any(String) }),
    );
    expect(json.summary).toEqual({ items: 3, claims: 7, verified: 3, unverified: 2, unknown: 2 });
    expect(json.plans[1].items[0].claims[0].evidence).toEqual({ path: 'src/security.ts', commit: json.ref, start: 30, end: 45 });
  });

  it('renders Markdown', async () => {
    const run = await runCli(['verify', 'docs/bad.md', '--format', 'markdown'], repo.dir);
    expect(run.stdout).toContain('| T012 | Broken claims | ❌ unverified | 0 | 2 | 1 |');
  });

  it('prints SARIF: a result per claim not verified, on its plan line', async () => {
    const run = await runCli(['verify', 'docs/good.md', 'docs/bad.md', '--format', 'sarif'], repo.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const sarif = JSON.parse(run.stdout);
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0].results as Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: any }> }>;
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ['range-out-of-bounds', 'error'],
      ['commit-not-found', 'error'],
      ['no-test-file', 'warning'],
      ['no-test-file', 'warning'],
    ]);
    expect(results[1]!.locations[0]!.physicalLocation).toMatchObject({ artifactLocation: { uri: 'docs/bad.md' }, region: { startLine: 3 } });
  });

  it('prints JUnit XML: a test case per claim, failures and skips counted per plan', async () => {
    const run = await runCli(['verify', 'docs/good.md', 'docs/bad.md', '--format', 'junit'], repo.dir);
    expect(run.code).toBe(1);
    const { XMLParser } = await import('fast-xml-parser');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(run.stdout);
    const suites = doc.testsuites.testsuite as Array<Record<string, any>>;
    expect(suites.map((s) => [s.name, s.tests, s.failures, s.skipped])).toEqual([
      ['docs/good.md', '3', '0', '0'],
      ['docs/bad.md', '4', '2', '2'],
    ]);
    const failed = suites[1]!.testcase.find((c: Record<string, any>) => c.failure);
    expect(failed.classname).toBe('docs/bad.md#T012');
    expect(failed.failure.type).toBe('range-out-of-bounds');
  });

  describe('progress on stderr', () => {
    it('is silent when stderr is not a terminal, and leaves stdout alone when it is', async () => {
      const plain = await runCli(['verify', 'docs/good.md', 'docs/bad.md'], repo.dir);
      expect(plain.stderr).toBe('');
      const terminal = await runCli(['verify', 'docs/good.md', 'docs/bad.md'], repo.dir, { isTTY: true });
      expect(terminal.stdout).toBe(plain.stdout);
      expect(terminal.code).toBe(plain.code);
      // a quick run may draw nothing at all; whatever it drew is erased
      if (terminal.stderr !== '') expect(terminal.stderr.endsWith('\r\u001b[2K')).toBe(true);
      expect(terminal.stderr).not.toContain('\n');
    });

    it('on a terminal, shows each phase and erases the line before the report is printed', async () => {
      const events: string[] = [];
      const io = {
        cwd: repo.dir,
        stdout: (t: string) => void events.push(`out:${t}`),
        stderr: (t: string) => void events.push(`err:${t}`),
        color: false,
        isTTY: true,
        env: {},
      };
      const options = { ref: 'HEAD', format: 'json' as const, junit: [] };
      const code = await runVerify(['docs/good.md', 'docs/bad.md'], options, io, (given) => createProgress(given, { delayMs: 0, intervalMs: 60_000 }));
      expect(code).toBe(1);
      const drawn = events.filter((e) => e.startsWith('err:')).map((e) => e.slice(4).replace(/^\r\u001b\[2K/, ''));
      expect(drawn[0]).toMatch(/^claimcheck: parsing 2 plans… \d+\.\ds$/);
      expect(drawn.some((d) => d.startsWith('claimcheck: resolving HEAD…'))).toBe(true);
      expect(drawn.some((d) => d.startsWith('claimcheck: reading the repository history…'))).toBe(true);
      expect(drawn.some((d) => /^claimcheck: reading \d+ files?…/.test(d))).toBe(true);
      expect(drawn.some((d) => d.startsWith('claimcheck: checking 7 claims…'))).toBe(true);
      const out = events.findIndex((e) => e.startsWith('out:'));
      expect(events[out - 1]).toBe('err:\r\u001b[2K');
      expect(events.slice(out + 1).filter((e) => e.startsWith('err:'))).toEqual([]);
      expect(JSON.parse(events[out]!.slice(4)).summary.claims).toBe(7);
    });

    it('erases the line before an error is printed', async () => {
      const events: string[] = [];
      const io = { cwd: repo.dir, stdout: (t: string) => void events.push(`out:${t}`), stderr: (t: string) => void events.push(`err:${t}`), color: false, isTTY: true, env: {} };
      const code = await runVerify(['docs/good.md'], { ref: 'no-such-ref', format: 'text', junit: [] }, io, (given) => createProgress(given, { delayMs: 0, intervalMs: 60_000 }));
      expect(code).toBe(2);
      expect(events.at(-2)).toBe('err:\r\u001b[2K');
      expect(events.at(-1)).toMatch(/^err:claimcheck: .*no-such-ref/);
    });
  });

  it('verifies at an older --ref, where later evidence does not exist yet', async () => {
    const run = await runCli(['verify', 'docs/good.md', '--ref', early, '--format', 'json'], repo.dir);
    expect(run.code).toBe(1);
    const codes = JSON.parse(run.stdout).plans[0].items[0].claims.map((c: { code: string }) => c.code);
    expect(codes).toEqual(['file-not-found', 'commit-not-reachable', 'file-not-found', 'done-but-unverified']);
  });

  it('reads YAML plans and takes --root for a leading slash', async () => {
    expect((await runCli(['verify', 'docs/plan.yaml'], repo.dir)).code).toBe(0);
    expect((await runCli(['verify', 'docs/mono.md'], repo.dir)).code).toBe(1);
    expect((await runCli(['verify', 'docs/mono.md', '--root', 'monorepo'], repo.dir)).code).toBe(0);
  });

  it('finds the repository from a sub-folder, with --repo, and plan paths relative to the current folder', async () => {
    expect((await runCli(['verify', 'docs/good.md'], join(repo.dir, 'src'))).code).toBe(0);
    expect((await runCli(['verify', 'good.md'], join(repo.dir, 'docs'))).code).toBe(0);
    expect((await runCli(['verify', 'docs/good.md', '--repo', repo.dir], tmpdir())).code).toBe(0);
  });

  it('colours only when asked to (a terminal)', async () => {
    expect((await runCli(['verify', 'docs/good.md'], repo.dir)).stdout).not.toContain('\u001b[');
    expect((await runCli(['verify', 'docs/good.md'], repo.dir, { color: true })).stdout).toContain('\u001b[');
  });

  describe('input errors exit 2 with one line on stderr', () => {
    it.each([
      [['verify', 'docs/nope.md'], 'plan not found: docs/nope.md'],
      [['verify', 'docs/good.md', '--ref', 'no-such-ref'], "unknown revision 'no-such-ref'"],
      [['verify', 'docs/broken.yaml'], 'docs/broken.yaml: `items` must be a list'],
      [['verify', 'docs/good.md', '--config', 'nope.yml'], 'config file not found: nope.yml'],
      [['verify', 'docs/good.md', '--junit', 'nope.xml'], 'test report not found: nope.xml'],
      [['verify', 'docs/good.md', '--format', 'xml'], "argument 'xml' is invalid"],
      [['verify'], "missing required argument 'plan'"],
      [['frobnicate'], "unknown command 'frobnicate'"],
      [['verify', 'docs/good.md', '--root', '../up'], 'must stay inside the repository'],
    ])('%j', async (args, message) => {
      const run = await runCli(args, repo.dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stdout).toBe('');
    });

    it('names the bad config key', async () => {
      await repo.write({ '.github/claimcheck.yml': 'fail_on: sometimes\n' });
      const run = await runCli(['verify', 'docs/good.md'], repo.dir);
      await repo.write({ '.github/claimcheck.yml': '' });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^claimcheck: \.github\/claimcheck\.yml: fail_on: /);
    });

    it('refuses a folder that is not a repository', async () => {
      const outside = await mkdtemp(join(tmpdir(), 'claimcheck-none-'));
      const run = await runCli(['verify', 'plan.md'], outside);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`claimcheck: not a git repository: ${outside}\n`);
    });
  });

  describe('real-world plans on a real repository', () => {
    beforeAll(async () => {
      await repo.commit('spec-kit work', {
        'specs/tasks.md': [
          '## Phase 3.1: Setup',
          '- [X] T001 Create the model in src/models/user.py',
          '- [X] T002 [P] Create the service in src/services/billing.py',
          '- [X] T003 Write the stub in src/models/stub.py',
          '- [ ] T004 Later: src/models/later.py',
          '',
        ].join('\n'),
        'src/models/user.py': 'class User:\n    def __init__(self, name):\n        self.name = name\n',
        'src/models/stub.py': 'def charge():\n    raise NotImplementedError\n',
        'pkg/a/util.py': 'x = 1\n',
        'pkg/b/util.py': 'y = 2\n',
        'docs/bare.md': '### B-1: Bare names\n- **File:** `user.py:L1-L3`\n- **File:** `util.py`\n',
        'tests/test_user.py': 'def test_name():\n    assert User("a").name == "a"\n',
        'docs/tested.md': '### R-1: Tested\n- **Test:** `tests/test_user.py::test_name` PASSING\n',
        'reports/fail.xml': '<testsuite><testcase classname="tests.test_user" name="test_name"><failure>boom</failure></testcase></testsuite>',
        'reports/pass.xml': '<testsuite><testcase classname="tests.test_user" name="test_name"/></testsuite>',
        'reports/broken.xml': '<testsuite><testcase>',
      });
    });

    it('catches phantom completions in a spec-kit tasks.md', async () => {
      const run = await runCli(['verify', 'specs/tasks.md', '--format', 'json'], repo.dir);
      expect(run.code).toBe(1);
      const items = JSON.parse(run.stdout).plans[0].items;
      expect(items.map((i: { id: string; status: string; verdict: string }) => [i.id, i.status, i.verdict])).toEqual([
        ['T001', 'done', 'verified'],
        ['T002', 'done', 'unverified'],
        ['T003', 'done', 'unverified'],
        ['T004', 'todo', 'unknown'],
      ]);
      expect(items[3].claims[0]).toMatchObject({ verdict: 'unknown', code: 'not-started', reason: expect.stringContaining('src/models/later.py does not exist') });
      expect(items[1].claims.map((c: { code: string }) => c.code)).toEqual(['file-not-found', 'done-but-unverified']);
      expect(items[2].claims.map((c: { code: string }) => c.code)).toEqual(['hollow-file', 'done-but-unverified']);
    });

    it('resolves a bare name by unique suffix and refuses to guess between two', async () => {
      const run = await runCli(['verify', 'docs/bare.md', '--format', 'json'], repo.dir);
      const claims = JSON.parse(run.stdout).plans[0].items[0].claims;
      expect(claims.map((c: { verdict: string; code: string }) => `${c.verdict}:${c.code}`)).toEqual(['verified:range-exists', 'unknown:ambiguous-path']);
      expect(claims[1].reason).toContain('pkg/a/util.py, pkg/b/util.py');
      expect(run.code).toBe(0);
    });

    it('checks PASSING against the --junit reports given', async () => {
      const codeOf = async (...junit: string[]) => {
        const run = await runCli(['verify', 'docs/tested.md', '--format', 'json', ...junit.flatMap((f) => ['--junit', f])], repo.dir);
        return JSON.parse(run.stdout).plans[0].items[0].claims.map((c: { code: string }) => c.code);
      };
      expect(await codeOf()).toEqual(['test-defined', 'no-test-report']);
      expect(await codeOf('reports/pass.xml')).toEqual(['test-defined', 'tests-passed']);
      expect(await codeOf('reports/pass.xml', 'reports/fail.xml')).toEqual(['test-defined', 'test-failed']);
      const broken = await runCli(['verify', 'docs/tested.md', '--junit', 'reports/broken.xml'], repo.dir);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toMatch(/^claimcheck: reports\/broken\.xml: invalid XML at line 1/);
    });
  });

  it('--fix rewrites a drifted range in the plan, byte for byte otherwise, and the plan then verifies', async () => {
    const fixing = await TestRepo.create();
    const code = 'def pay(amount):\n    return gateway.charge(amount)\n';
    await fixing.commit('code', { 'app/pay.py': `x = 1\n${code}` });
    const plan = '\uFEFF# Plan\r\n\r\n### F-001: Pay\r\n- **File:** `app/pay.py:L2-L3`  \r\n- **Notes:** keep this line as it is\r\n';
    await fixing.commit('plan', { 'docs/PLAN.md': plan });
    await fixing.commit('imports', { 'app/pay.py': `import os\nimport sys\nx = 1\n${code}` });
    const json = JSON.parse((await runCli(['verify', 'docs/PLAN.md', '--format', 'json'], fixing.dir)).stdout);
    expect(json.plans[0].items[0].claims[0]).toMatchObject({ code: 'range-drifted', suggestion: { start: 4, end: 5 } });
    const run = await runCli(['verify', 'docs/PLAN.md', '--fix'], fixing.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('range-drifted');
    expect(run.stderr).toBe('claimcheck: fixed docs/PLAN.md:4: app/pay.py:L2-L3 → app/pay.py:L4-L5\n');
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(join(fixing.dir, 'docs/PLAN.md'), 'utf8')).toBe(plan.replace('L2-L3', 'L4-L5'));
    const again = await runCli(['verify', 'docs/PLAN.md'], fixing.dir);
    expect(again.code).toBe(0);
    await fixing.remove();
  });

  it('prints help and version with exit 0', async () => {
    expect((await runCli(['--version'], repo.dir)).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await runCli(['verify', '--help'], repo.dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--format <format>');
  });

  it('runs as the installed bin, with no stack trace on errors', async () => {
    const exec = promisify(execFile);
    const ok = await exec('node', [BIN, 'verify', 'docs/good.md'], { cwd: repo.dir });
    expect(ok.stdout).toContain('M2-003');
    const failure = await exec('node', [BIN, 'verify', 'docs/missing.md'], { cwd: repo.dir }).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 2, stderr: 'claimcheck: plan not found: docs/missing.md\n' });
  });

  it('runs as the installed bin from its one-file bundle: the same report as the sources, its own version', async () => {
    const exec = promisify(execFile);
    const bundled = await exec('node', [BIN, 'verify', 'docs/good.md', '--format', 'json'], { cwd: repo.dir });
    const sources = await runCli(['verify', 'docs/good.md', '--format', 'json'], repo.dir);
    expect(JSON.parse(bundled.stdout)).toEqual(JSON.parse(sources.stdout));
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect((await exec('node', [BIN, '--version'])).stdout.trim()).toBe(pkg.version);
    // the bin loads the bundle, not the compiled modules one by one
    expect(readFileSync(BIN, 'utf8')).toContain("from '../dist/claimcheck.mjs'");
  });
});
