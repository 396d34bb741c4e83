import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { input, readInputs, runAction } from '../../src/action/run.js';
import type { Io } from '../../src/cli/io.js';
import { at } from '../helpers/position.js';
import { lines, TestRepo } from '../helpers/repo.js';
import { activeCommands, readOutputs, runnerFiles, type RunnerFiles } from './runner.js';

interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  runner: RunnerFiles;
}

/** Runs the action in-process as a runner would: inputs as INPUT_*, the runner's files as temp files. */
async function runActionIn(workspace: string, inputs: Record<string, string>): Promise<ActionRun> {
  const runner = await runnerFiles(workspace);
  let stdout = '';
  let stderr = '';
  const io: Io = {
    // the step runs wherever; the action reads the workspace from GITHUB_WORKSPACE
    cwd: tmpdir(),
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    color: false,
    env: { ...runner.env, ...inputs, NO_COLOR: '1' },
  };
  const code = await runAction(io);
  return { code, stdout, stderr, outputs: await readOutputs(runner.output), summary: await readFile(runner.summary, 'utf8'), runner };
}

const BAD = ['### T012: Broken claims', '- **File:** `src/security.ts:L30-L45`', '- **Commit:** `deadbeef`', '- **Test Name:** `test_x`', ''].join('\n');

describe('the GitHub Action', () => {
  let repo: TestRepo;

  beforeAll(async () => {
    repo = await TestRepo.create();
    const work = await repo.commit('work', { 'src/security.ts': lines(40) });
    await repo.commit('plans', {
      'docs/good.md': ['### M2-003: Harden webhook security', '- **Status:** Done', '- **File:** `src/security.ts:L10-L20`', `- **Commit:** \`${work.slice(0, 7)}\``, ''].join('\n'),
      'docs/bad.md': BAD,
      'docs/unknown.md': '### T014: Pending\n- **Test Name:** `test_z`\n',
      'docs/odd, name: 100%.md': '### T015: Odd\n- **File:** `src/100%0A.ts`\n',
      'docs/forged.md': '### T016: ::error::forged\n- **File:** `src/missing.ts`\n',
    });
  });
  afterAll(() => repo.remove());

  it('verifies the plans on the checkout, writes the summary, outputs and files, and fails on unverified claims', async () => {
    const run = await runActionIn(repo.dir, { INPUT_PLANS: 'docs/good.md\ndocs/bad.md', 'INPUT_FAIL-ON': '', INPUT_FORMAT: 'text' });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ conclusion: 'failure', items: '2', claims: '5', verified: '2', unverified: '2', unknown: '1' });
    expect(run.outputs.ref).toMatch(/^[0-9a-f]{40}$/);
    expect(run.summary).toContain('## claimcheck: 2/5 claims verified · 2 unverified · 1 unknown');
    expect(run.summary).toContain('| T012 | Broken claims | ❌ unverified | 0 | 2 | 1 |');
    expect(run.summary).toContain('_This step fails on unverified claims._');
    expect(run.stderr).toBe('claimcheck: 2/5 claims verified · 2 unverified · 1 unknown — failing (fail-on: unverified)\n');

    const sarif = JSON.parse(await readFile(run.outputs.sarif!, 'utf8'));
    expect(sarif.runs[0].results).toHaveLength(3);
    expect(dirname(dirname(run.outputs.sarif!))).toBe(run.runner.temp);
    expect(run.outputs.report!.endsWith('.txt')).toBe(true);
    expect(await readFile(run.outputs.report!, 'utf8')).toContain('✗ unverified  T012  Broken claims');
  });

  it('annotates each claim not verified on its plan line: error for unverified, warning for unknown', async () => {
    const run = await runActionIn(repo.dir, { INPUT_PLANS: 'docs/bad.md' });
    const commands = activeCommands(run.stdout);
    expect(commands.map((c) => [c.command, c.properties.title, c.properties.file, c.properties.line])).toEqual([
      ['error', 'range-out-of-bounds', 'docs/bad.md', '2'],
      ['error', 'commit-not-found', 'docs/bad.md', '3'],
      ['warning', 'no-test-file', 'docs/bad.md', '4'],
    ]);
    expect(commands[0]!.properties.col).toBe(String(at(BAD, 'src/security.ts:L30-L45').column));
    expect(commands[1]!.message).toBe('T012: commit deadbeef: commit deadbeef does not exist in this repository');
  });

  it('annotates as many of a kind as GitHub shows, then counts the rest in a notice', async () => {
    const many = Array.from({ length: 13 }, (_, i) => `### T1${String(i).padStart(2, '0')}: Item ${i}\n- **File:** \`src/gone${i}.ts\`\n- **Test Name:** \`test_${i}\`\n`).join('\n');
    await repo.write({ 'docs/many.md': many });
    const run = await runActionIn(repo.dir, { INPUT_PLANS: 'docs/many.md' });
    const commands = activeCommands(run.stdout);
    expect(commands.filter((c) => c.command === 'error')).toHaveLength(10);
    expect(commands.filter((c) => c.command === 'warning')).toHaveLength(10);
    const notice = commands.filter((c) => c.command === 'notice');
    expect(notice).toHaveLength(1);
    expect(notice[0]!.message).toMatch(/^6 more claims not verified, not annotated/);
    expect(run.outputs).toMatchObject({ unverified: '13', unknown: '13' });
    expect(run.summary).toContain('src/gone12.ts');
  });

  it('prints the report in the log where the runner reads no commands, whatever the plan says', async () => {
    const run = await runActionIn(repo.dir, { INPUT_PLANS: 'docs/forged.md', INPUT_FORMAT: 'markdown' });
    expect(run.stdout).toContain('::error::forged');
    const commands = activeCommands(run.stdout);
    expect(commands.every((c) => c.message !== 'forged')).toBe(true);
    expect(commands).toHaveLength(1);
    expect(commands[0]!.properties.title).toBe('file-not-found');
    const again = await runActionIn(repo.dir, { INPUT_PLANS: 'docs/forged.md' });
    expect(run.stdout.match(/::stop-commands::(\S+)/)![1]).not.toBe(again.stdout.match(/::stop-commands::(\S+)/)![1]);
  });

  it('escapes plan paths and text in commands, so they stay one command with the right values', async () => {
    const run = await runActionIn(repo.dir, { INPUT_PLANS: 'docs/odd, name: 100%.md' });
    const line = run.stdout.split('\n').find((l) => l.startsWith('::error '))!;
    expect(line).toContain('file=docs/odd%2C name%3A 100%25.md');
    const [command] = activeCommands(run.stdout);
    expect(command!.properties.file).toBe('docs/odd, name: 100%.md');
    expect(command!.message).toMatch(/^T015: file src\/100%0A\.ts: src\/100%0A\.ts does not exist at [0-9a-f]{7}$/);
    expect(line).toContain('::T015: file src/100%250A.ts:');
  });

  it('fails per fail-on: never, unknown, or the config when unset', async () => {
    expect((await runActionIn(repo.dir, { INPUT_PLANS: 'docs/bad.md', 'INPUT_FAIL-ON': 'never' })).code).toBe(0);
    const never = await runActionIn(repo.dir, { INPUT_PLANS: 'docs/bad.md', 'INPUT_FAIL-ON': 'never' });
    expect(never.outputs.conclusion).toBe('success');
    expect(never.summary).toContain('never fails on claims');
    expect((await runActionIn(repo.dir, { INPUT_PLANS: 'docs/unknown.md' })).code).toBe(0);
    const strict = await runActionIn(repo.dir, { INPUT_PLANS: 'docs/unknown.md', 'INPUT_FAIL-ON': 'unknown' });
    expect(strict.code).toBe(1);
    expect(strict.outputs.conclusion).toBe('failure');
    expect(strict.summary).toContain('_This step fails on unverified or unknown claims (the `fail-on` input)._');
    // a composite action passes the input as INPUT_FAIL_ON (a shell refuses the hyphen)
    expect((await runActionIn(repo.dir, { INPUT_PLANS: 'docs/unknown.md', INPUT_FAIL_ON: 'unknown' })).code).toBe(1);
  });

  it('writes the report in the format asked for', async () => {
    const run = await runActionIn(repo.dir, { INPUT_PLANS: 'docs/bad.md', INPUT_FORMAT: 'junit' });
    expect(run.outputs.report!.endsWith('.xml')).toBe(true);
    const xml = await readFile(run.outputs.report!, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('type="commit-not-found"');
    expect(run.stdout).toContain('<testsuites name="claimcheck"');
    const sarif = await runActionIn(repo.dir, { INPUT_PLANS: 'docs/bad.md', INPUT_FORMAT: 'sarif' });
    expect(sarif.outputs.report).toBe(sarif.outputs.sarif);
  });

  describe('errors a user can cause: one ::error, conclusion error, exit 2', () => {
    it.each([
      [{ INPUT_PLANS: 'docs/nope.md' }, 'plan not found: docs/nope.md'],
      [{ INPUT_PLANS: 'docs/good.md', INPUT_REF: 'no-such-ref' }, 'no-such-ref'],
      [{ INPUT_PLANS: 'docs/good.md', INPUT_JUNIT: 'reports/nope.xml' }, 'test report not found: reports/nope.xml'],
      [{ INPUT_PLANS: 'docs/good.md', INPUT_FORMAT: 'xml' }, "input format must be one of text, json, markdown, sarif, junit, not 'xml'"],
      [{ INPUT_PLANS: 'docs/good.md', 'INPUT_FAIL-ON': 'sometimes' }, "input fail-on must be one of unverified, unknown, never, not 'sometimes'"],
    ])('%j', async (inputs, message) => {
      const run = await runActionIn(repo.dir, inputs);
      expect(run.code).toBe(2);
      const commands = activeCommands(run.stdout);
      expect(commands).toHaveLength(1);
      expect(commands[0]!.command).toBe('error');
      expect(commands[0]!.properties.title).toBe('claimcheck');
      expect(commands[0]!.message).toContain(message);
      expect(run.outputs.conclusion).toBe('error');
      expect(run.stderr).not.toContain('    at ');
    });

    it('a workspace that is not a repository', async () => {
      const run = await runActionIn(tmpdir(), { INPUT_PLANS: 'docs/good.md' });
      expect(run.code).toBe(2);
      expect(activeCommands(run.stdout)[0]!.message).toMatch(/not .*git repository/i);
    });
  });
});

describe('the GitHub Action without a plans input', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commit('code and plans', {
      'src/a.ts': lines(10),
      'docs/PLAN.md': '### T-001: Parser\n- **Status:** Done\n- **File:** `src/a.ts:L1-L5`\n',
      'notes/other.md': '### T-002: Elsewhere\n- **Status:** Done\n- **File:** `src/missing.ts`\n',
      'README.md': '# Just a readme\n',
    });
  });
  afterAll(() => repo.remove());

  it('checks the files that read as plans, as the App finds them', async () => {
    const run = await runActionIn(repo.dir, {});
    expect(run.code).toBe(1);
    expect(run.summary).toContain('### `docs/PLAN.md`');
    expect(run.summary).toContain('### `notes/other.md`');
    expect(run.summary).not.toContain('README.md');
  });

  it("follows the config's plans globs and fail_on", async () => {
    await repo.commit('config', { '.github/claimcheck.yml': 'plans: ["docs/*.md"]\nfail_on: unknown\n' });
    const run = await runActionIn(repo.dir, {});
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ conclusion: 'success', items: '1', verified: '1' });
    expect(run.summary).toContain('_This step fails on unverified or unknown claims._');
    expect(run.summary).not.toContain('notes/other.md');
  });

  it('warns and succeeds when there is no plan at all', async () => {
    const empty = await TestRepo.create();
    await empty.commit('readme', { 'README.md': '# Nothing to check\n' });
    const run = await runActionIn(empty.dir, {});
    expect(run.code).toBe(0);
    const [warning] = activeCommands(run.stdout);
    expect(warning!.command).toBe('warning');
    expect(warning!.message).toContain('found no plans');
    expect(run.outputs).toMatchObject({ conclusion: 'success', claims: '0' });
    await empty.remove();
  });
});

describe('action inputs', () => {
  it('are read as the runner names them, lists one a line', () => {
    const env = { INPUT_PLANS: ' docs/a.md\n\ndocs/b, c.md \r\ndocs/d.md', 'INPUT_FAIL-ON': 'unknown', INPUT_JUNIT: 'r1.xml\nr2.xml', INPUT_ROOT: ' backend ' };
    expect(input(env, 'fail-on')).toBe('unknown');
    expect(readInputs(env)).toEqual({ plans: ['docs/a.md', 'docs/b, c.md', 'docs/d.md'], ref: 'HEAD', failOn: 'unknown', junit: ['r1.xml', 'r2.xml'], root: 'backend', format: 'text' });
    expect(readInputs({})).toEqual({ plans: [], ref: 'HEAD', junit: [], format: 'text' });
  });
});
