/**
 * Plans parsed on a worker thread (the App's way): the same plans and errors as in line, the event
 * loop free meanwhile, a deadline that ends a stuck worker. Runs the built worker
 * (dist/parse-worker.mjs): `npm test` builds before it tests.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OffThreadParser, WORKER_FILE } from '../../src/plan/off-thread.js';
import { parsePlan } from '../../src/plan/parse.js';
import { PlanError } from '../../src/plan/types.js';

const item = (i: number): string => [`#### T-${String(i).padStart(4, '0')} - Item ${i}`, '- **Status:** Done', `- **Target File:** \`src/module${i}.ts:L1-L20\` — handles case ${i}`, `- **Commit:** \`abc${String(i % 10).repeat(4)}\``, ''].join('\n');
const plan = (items: number): string => ['# Plan', '', ...Array.from({ length: items }, (_, i) => item(i + 1))].join('\n');

const parser = new OffThreadParser();
afterAll(() => parser.close());

describe('OffThreadParser', () => {
  it('runs the built worker (npm run build makes dist/parse-worker.mjs)', () => {
    expect(parser.offThread).toBe(true);
    expect(WORKER_FILE).toMatch(/dist[\\/]parse-worker\.mjs$/);
  });

  it('gives exactly the plan parsePlan gives, positions included, Markdown and YAML', async () => {
    const markdown = plan(40);
    expect(await parser.parse('docs/PLAN.md', markdown)).toEqual(parsePlan('docs/PLAN.md', markdown));
    const yaml = 'items:\n  - id: T-001\n    title: One\n    status: done\n    evidence:\n      - file: src/a.ts\n        lines: L1-L5\n      - commit: abc1234\n';
    expect(await parser.parse('plan.yml', yaml)).toEqual(parsePlan('plan.yml', yaml));
  });

  it('gives the PlanError parsePlan gives, as a PlanError with the same one line', async () => {
    const bad = 'items: [unclosed\n';
    const inLine = (() => {
      try {
        parsePlan('plan.yml', bad);
      } catch (error) {
        return error as PlanError;
      }
      throw new Error('the plan parsed');
    })();
    const offThread = await parser.parse('plan.yml', bad).catch((error: unknown) => error);
    expect(offThread).toBeInstanceOf(PlanError);
    expect((offThread as PlanError).message).toBe(inLine.message);
    expect((offThread as PlanError).planPath).toBe('plan.yml');
  });

  it('leaves the event loop free while it parses a large plan', async () => {
    const large = plan(1500);
    await parser.parse('warm.md', plan(1));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const parsed = await parser.parse('docs/PLAN.md', large);
    clearInterval(timer);
    expect(parsed.items).toHaveLength(1500);
    // parsed in line, the same plan would let no timer run until it was done
    expect(ticks).toBeGreaterThan(3);
  });

  it('parses plans one after another in the order asked, each with its own answer', async () => {
    const answers = await Promise.all([plan(3), plan(1), plan(2)].map((text, i) => parser.parse(`p${i}.md`, text)));
    expect(answers.map((p) => [p.path, p.items.length])).toEqual([
      ['p0.md', 3],
      ['p1.md', 1],
      ['p2.md', 2],
    ]);
  });

  it('ends a worker past the deadline with a PlanError, and parses the next plan on a new one', async () => {
    await parser.parse('warm.md', plan(1));
    const late = await parser.parse('docs/PLAN.md', plan(1500), 20).catch((error: unknown) => error);
    expect(late).toBeInstanceOf(PlanError);
    expect((late as PlanError).message).toBe('docs/PLAN.md: reading the plan took longer than 0.02 s, the most a plan may take');
    expect((await parser.parse('next.md', plan(2))).items).toHaveLength(2);
  });

  it('replaces a worker that failed while idle, and says why a worker that cannot start failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimcheck-worker-'));
    const flaky = join(dir, 'flaky.mjs');
    writeFileSync(flaky, ["import { parentPort } from 'node:worker_threads';", "parentPort.on('message', ({ id, path }) => {", '  parentPort.postMessage({ id, plan: { path, items: [] } });', "  setTimeout(() => { throw new Error('crashed while idle'); }, 10);", '});'].join('\n'));
    const parser = new OffThreadParser(flaky);
    expect(await parser.parse('a.md', 'x')).toEqual({ path: 'a.md', items: [] });
    // the worker fails with no plan in hand: no uncaught exception here, and the next plan gets a new worker
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await parser.parse('b.md', 'y')).toEqual({ path: 'b.md', items: [] });
    await parser.close();
    const broken = join(dir, 'broken.mjs');
    writeFileSync(broken, "throw new Error('cannot start');\n");
    await expect(new OffThreadParser(broken).parse('c.md', 'z')).rejects.toThrow('cannot start');
  });

  it('parses in line when the worker was not built', async () => {
    const inLine = new OffThreadParser('/nowhere/parse-worker.mjs');
    expect(inLine.offThread).toBe(false);
    expect(await inLine.parse('docs/PLAN.md', plan(5))).toEqual(parsePlan('docs/PLAN.md', plan(5)));
    await expect(inLine.parse('plan.yml', 'items: [unclosed\n')).rejects.toBeInstanceOf(PlanError);
  });
});
