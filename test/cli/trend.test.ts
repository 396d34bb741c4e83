import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { runCli } from '../helpers/cli.js';
import { TestRepo } from '../helpers/repo.js';

interface Point {
  sha: string;
  date: string;
  subject: string;
  items: { verified: number; total: number; share: number | null; notStarted: number };
  claims: { verified: number; total: number; share: number | null };
  byPriority: Record<string, { items: { verified: number; total: number } }>;
  bySection: Array<{ section: string | null; items: { verified: number; total: number } }>;
}

const PLAN = `# Plan

## Milestone 1

### T-001: Parser (P0)
**File:** \`src/a.ts\`

### T-002: Reader (P0)
**File:** \`src/b.ts\`

## Milestone 2

### T-003: Checks (P1)
**File:** \`src/c.ts\`
`;

const LATER_ITEM = `
### T-004: Helper (P1)
**File:** \`helper.py\`
`;

describe('claimcheck trend', () => {
  let repo: TestRepo;
  const shas: Record<string, string> = {};

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commit('before the plan', { 'README.md': 'hello\n' });
    shas.start = await repo.commit('plan', { 'docs/PLAN.md': PLAN, 'src/a.ts': 'export const a = 1;\n' });
    shas.b = await repo.commit('add b', { 'src/b.ts': 'export const b = 1;\n' });
    shas.unrelated = await repo.commit('unrelated', { 'docs/notes.md': 'notes\n' });
    shas.c = await repo.commit('add c', { 'src/c.ts': 'export const c = 1;\n' });
    // the plan grows an item citing a bare name; the file comes later, in a folder
    shas.grow = await repo.commit('plan grows', { 'docs/PLAN.md': PLAN + LATER_ITEM });
    shas.helper = await repo.commit('add helper', { 'lib/helper.py': 'def helper():\n    return 1\n' });
    // what the working tree holds is not what any commit held: trend must not read it
    await writeFile(join(repo.dir, 'docs/PLAN.md'), '# Nothing here\n');
  });

  afterAll(async () => {
    await repo.remove();
  });

  it('scores the plan at --since and at each commit that changed it or what it cites, oldest first', async () => {
    const run = await runCli(['trend', 'docs/PLAN.md', '--since', shas.start!], repo.dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const trend = JSON.parse(run.stdout) as { plan: string; since: string; ref: string; points: Point[] };
    expect(trend.plan).toBe('docs/PLAN.md');
    expect(trend.since).toBe(shas.start);
    expect(trend.ref).toBe(shas.helper);
    expect(trend.points.map((p) => p.sha)).toEqual([shas.start, shas.b, shas.c, shas.grow, shas.helper]);
    expect(trend.points.map((p) => p.subject)).toEqual(['plan', 'add b', 'add c', 'plan grows', 'add helper']);
    expect(trend.points.map((p) => [p.items.verified, p.items.total])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
      [3, 4],
      [4, 4],
    ]);
    expect(trend.points.map((p) => p.claims.share)).toEqual([0.3333, 0.6666, 1, 0.75, 1]);
    expect(trend.points[0]!.date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('scores each priority and section at each commit', async () => {
    const trend = JSON.parse((await runCli(['trend', 'docs/PLAN.md', '--since', shas.start!], repo.dir)).stdout) as { points: Point[] };
    expect(trend.points.map((p) => Object.fromEntries(Object.entries(p.byPriority).map(([k, v]) => [k, `${v.items.verified}/${v.items.total}`])))).toEqual([
      { P0: '1/2', P1: '0/1' },
      { P0: '2/2', P1: '0/1' },
      { P0: '2/2', P1: '1/1' },
      { P0: '2/2', P1: '1/2' },
      { P0: '2/2', P1: '2/2' },
    ]);
    expect(trend.points[0]!.bySection.map((s) => [s.section, s.items.verified, s.items.total])).toEqual([
      ['Milestone 1', 1, 2],
      ['Milestone 2', 0, 1],
    ]);
  });

  it('stops at --ref', async () => {
    const trend = JSON.parse((await runCli(['trend', 'docs/PLAN.md', '--since', shas.start!, '--ref', shas.c!], repo.dir)).stdout) as { points: Point[] };
    expect(trend.points.map((p) => p.sha)).toEqual([shas.start, shas.b, shas.c]);
  });

  it('writes an SVG chart with one point per commit in each series', async () => {
    const file = join(repo.dir, '..', `trend-${Date.now()}.svg`);
    const run = await runCli(['trend', 'docs/PLAN.md', '--since', shas.start!, '--svg', file], repo.dir);
    expect(run.code).toBe(0);
    const svg = await readFile(file, 'utf8');
    await rm(file);
    expect(XMLValidator.validate(svg)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['g', 'circle'].includes(name) }).parse(svg) as {
      svg: { g: Array<{ '@class': string; circle: Array<{ '@cy': string }> }> };
    };
    const items = parsed.svg.g.find((g) => g['@class'] === 'series items')!;
    expect(items.circle).toHaveLength(5);
    const ys = items.circle.map((c) => Number(c['@cy']));
    expect(ys[1]!).toBeLessThan(ys[0]!);
    expect(ys[2]!).toBeLessThan(ys[1]!);
    expect(ys[3]!).toBeGreaterThan(ys[2]!);
    expect(ys[4]).toBe(ys[2]);
    expect(svg).toContain('Readiness: docs/PLAN.md');
  });

  it('prints a table with --format text', async () => {
    const run = await runCli(['trend', 'docs/PLAN.md', '--since', shas.start!, '--format', 'text'], repo.dir);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('docs/PLAN.md: readiness at 5 commits (verified share of items)');
    expect(lines[1]).toMatch(new RegExp(`^  ${shas.start!.slice(0, 7)}  \\d{4}-\\d{2}-\\d{2}  ███░░░░░░░ +33 %  1/3 items  1/3 claims \\(33 %\\) +plan$`));
    expect(lines[5]).toMatch(/██████████  100 %  4\/4 items  4\/4 claims \(100 %\)  add helper$/);
  });

  it('leaves out commits at which the plan does not exist, and says so', async () => {
    const first = (await repo.git.raw(['rev-list', '--max-parents=0', 'HEAD'])).trim();
    const run = await runCli(['trend', 'docs/PLAN.md', '--since', first], repo.dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('claimcheck: 1 commit left out: docs/PLAN.md does not exist there\n');
    expect((JSON.parse(run.stdout) as { points: Point[] }).points.map((p) => p.sha)).toEqual([shas.start, shas.b, shas.c, shas.grow, shas.helper]);
  });

  it('refuses a bad --since with one line and exit 2', async () => {
    const run = await runCli(['trend', 'docs/PLAN.md', '--since', 'no-such-rev'], repo.dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^claimcheck: --since: unknown revision 'no-such-rev'[^\n]*\n$/);
  });

  it('says in one line when the chart cannot be written, and prints nothing', async () => {
    const run = await runCli(['trend', 'docs/PLAN.md', '--since', shas.start!, '--svg', 'no/such/folder/trend.svg'], repo.dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('claimcheck: cannot write no/such/folder/trend.svg: ENOENT\n');
  });

  it('requires --since, and a plan that exists at some commit', async () => {
    const missing = await runCli(['trend', 'docs/PLAN.md'], repo.dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--since <rev>' not specified");
    const nowhere = await runCli(['trend', 'docs/NOPE.md', '--since', shas.start!], repo.dir);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toMatch(/^claimcheck: plan not found at [0-9a-f]{7} or [0-9a-f]{7}: docs\/NOPE\.md\n$/);
  });
});

describe('claimcheck trend and drift', () => {
  it('blames the plan at each commit, so a range that moved is drifted there and verified once repaired', async () => {
    const repo = await TestRepo.create();
    const code = 'def pay(amount):\n    return gateway.charge(amount)\n';
    await repo.commit('code', { 'app/pay.py': `x = 1\n${code}` });
    const plan = (range: string) => `# Plan\n\n### F-001: Pay\n- **File:** \`app/pay.py:${range}\`\n`;
    const since = await repo.commit('plan', { 'docs/PLAN.md': plan('L2-L3') });
    const moved = await repo.commit('imports', { 'app/pay.py': `import os\nimport sys\nx = 1\n${code}` });
    const fixed = await repo.commit('plan fixed', { 'docs/PLAN.md': plan('L4-L5') });
    // no plan in the working tree at all: everything is read from the commits
    await rm(join(repo.dir, 'docs/PLAN.md'));
    const run = await runCli(['trend', 'docs/PLAN.md', '--since', since], repo.dir);
    expect(run.stderr).toBe('');
    const points = (JSON.parse(run.stdout) as { points: Point[] }).points;
    expect(points.map((p) => [p.sha, p.claims.verified, p.claims.total])).toEqual([
      [since, 1, 1],
      [moved, 0, 1],
      [fixed, 1, 1],
    ]);
    await repo.remove();
  });
});

describe('claimcheck trend on a plan that cannot be read at some commit', () => {
  it('leaves that commit out with one line on stderr, and scores the others', async () => {
    const repo = await TestRepo.create();
    const yaml = (file: string) => `items:\n  - id: Y-1\n    title: One\n    evidence:\n      - file: ${file}\n`;
    const since = await repo.commit('plan', { 'plan.yml': yaml('src/a.ts') });
    const broken = await repo.commit('broken plan', { 'plan.yml': 'items: [\n' });
    const mended = await repo.commit('mended', { 'plan.yml': yaml('src/a.ts'), 'src/a.ts': 'export const a = 1;\n' });
    const run = await runCli(['trend', 'plan.yml', '--since', since], repo.dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`^claimcheck: ${broken.slice(0, 7)} left out: plan\\.yml: invalid YAML at line \\d+[^\\n]*\\n$`));
    const points = (JSON.parse(run.stdout) as { points: Point[] }).points;
    expect(points.map((p) => [p.sha, p.items.verified, p.items.total])).toEqual([
      [since, 0, 1],
      [mended, 1, 1],
    ]);
    await repo.remove();
  });
});
