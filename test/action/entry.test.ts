import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { input } from '../../src/action/run.js';
import { lines, TestRepo } from '../helpers/repo.js';
import { activeCommands, readOutputs, runnerFiles } from './runner.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('../../bin/claimcheck-action.js', import.meta.url));

interface ActionYml {
  inputs: Record<string, { default?: string; description: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Array<{ id?: string; run: string; env?: Record<string, string>; 'working-directory'?: string }> };
}

describe('action.yml', () => {
  let action: ActionYml;
  beforeAll(async () => {
    action = parseYaml(await readFile(`${ROOT}action.yml`, 'utf8')) as ActionYml;
  });

  it('takes exactly the inputs plans, ref, fail-on, junit, root and format', () => {
    expect(Object.keys(action.inputs)).toEqual(['plans', 'ref', 'fail-on', 'junit', 'root', 'format']);
    for (const spec of Object.values(action.inputs)) expect(spec.description.length).toBeGreaterThan(20);
  });

  it('passes every input to the entry point under a name the entry point reads', () => {
    expect(action.runs.using).toBe('composite');
    const verify = action.runs.steps.find((s) => s.id === 'verify')!;
    expect(verify.run).toBe('node "$GITHUB_ACTION_PATH/bin/claimcheck-action.js"');
    expect(verify['working-directory']).toBe('${{ github.workspace }}');
    for (const name of Object.keys(action.inputs)) {
      const passed = Object.entries(verify.env!).find(([, value]) => value === `\${{ inputs.${name} }}`);
      expect(passed).toBeDefined();
      expect(input({ [passed![0]]: 'given' }, name)).toBe('given');
    }
  });

  it('is used in docs/action.md with inputs it has and outputs it sets', async () => {
    const doc = await readFile(`${ROOT}docs/action.md`, 'utf8');
    const workflow = parseYaml(/```yaml\n([\s\S]*?)```/.exec(doc)![1]!) as { jobs: Record<string, { steps: Array<{ id?: string; uses?: string; with?: Record<string, string> }> }> };
    const steps = Object.values(workflow.jobs)[0]!.steps;
    const step = steps.find((s) => s.id === 'claimcheck')!;
    expect(step.uses).toMatch(/claimcheck@/);
    for (const name of Object.keys(step.with!)) expect(Object.keys(action.inputs)).toContain(name);
    const used = [...doc.matchAll(/steps\.claimcheck\.outputs\.([a-z-]+)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(Object.keys(action.outputs)).toContain(name);
  });

  it('maps each output to the verify step', () => {
    for (const [name, spec] of Object.entries(action.outputs)) expect(spec.value).toBe(`\${{ steps.verify.outputs.${name} }}`);
  });
});

describe('the action entry point, run as the runner runs it', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commit('work', { 'src/a.ts': lines(10) });
    await repo.commit('plan', { 'docs/PLAN.md': '### T-001: Parser\n- **Status:** Done\n- **File:** `src/a.ts:L1-L5`\n- **Commit:** `deadbeef`\n' });
  });
  afterAll(() => repo.remove());

  // needs the build (`npm run build`, which `npm test` runs first), as action.yml's install step does
  it('reads INPUT_* and the GITHUB_* files, annotates, and exits 1 on an unverified claim', async () => {
    const runner = await runnerFiles(repo.dir);
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...runner.env, INPUT_PLANS: 'docs/PLAN.md', 'INPUT_FAIL-ON': 'unverified', INPUT_FORMAT: 'json' };
    const run = await promisify(execFile)('node', [ENTRY], { cwd: tmpdir(), env }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(run).toMatchObject({ code: 1 });
    const commands = activeCommands(run.stdout);
    expect(commands.map((c) => [c.command, c.properties.file, c.properties.line, c.properties.title])).toEqual([
      ['error', 'docs/PLAN.md', '4', 'commit-not-found'],
      ['error', 'docs/PLAN.md', '2', 'done-but-unverified'],
    ]);
    const outputs = await readOutputs(runner.output);
    expect(outputs).toMatchObject({ conclusion: 'failure', claims: '3', verified: '1', unverified: '2', unknown: '0' });
    expect(JSON.parse(await readFile(outputs.report!, 'utf8')).summary.unverified).toBe(2);
    expect(JSON.parse(await readFile(outputs.sarif!, 'utf8')).version).toBe('2.1.0');
    expect(await readFile(runner.summary, 'utf8')).toContain('## claimcheck: 1/3 claims verified');
    expect(run.stderr).toContain('failing (fail-on: unverified)');
  });
});
