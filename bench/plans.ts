/**
 * Plans of an exact number of claims in the seed template's notations (§0.2 items, spec-kit task
 * lists, the Appendix F register), citing the synthetic repository. Most claims hold; a share of
 * items carry one fault (a missing file, a range past the end, a wrong, unreachable or unrelated
 * commit, a LOC figure far off, an undefined test, an irrelevant or hollow range, a placeholder).
 * Every claim's expected verdict code is recorded, so a run can be checked against the plan.
 */
import { dirname, extname } from 'node:path';
import type { CodeFunction } from './corpus.js';
import type { Random } from './random.js';
import type { CommitModel, Module, RepositoryModel } from './repository.js';

export type Verdict = 'verified' | 'unverified' | 'unknown';

export interface Expected {
  verdict: Verdict;
  code: string;
}

export interface PlanFacts {
  path: string;
  /** Claims the plan states (what parsing finds); the report adds status claims on top. */
  claims: number;
  items: number;
  /** Expected count per `verdict/code`, status claims included. */
  expected: Record<string, number>;
}

export interface PlanContext {
  random: Random;
  model: RepositoryModel;
  /** Full sha of every commit of the model, by index. */
  shas: string[];
  /** Unique abbreviation (7+ digits) of every commit, by index. */
  abbrev: string[];
  /** 7-digit ids that name no object in the repository. */
  missingIds: string[];
}

const FAULTS = ['range-past-eof', 'missing-file', 'wrong-commit', 'unreachable-commit', 'does-not-touch', 'loc-mismatch', 'test-not-defined', 'irrelevant-range', 'hollow-range', 'placeholder'] as const;
type Fault = (typeof FAULTS)[number] | null;

interface Built {
  lines: string[];
  outcomes: Expected[];
  status: 'done' | 'in-progress' | 'todo';
}

const ok = (code: string): Expected => ({ verdict: 'verified', code });
const bad = (code: string): Expected => ({ verdict: 'unverified', code });
const unsure = (code: string): Expected => ({ verdict: 'unknown', code });

export function writePlan(size: number, ctx: PlanContext): { text: string; facts: PlanFacts } {
  const { random, model } = ctx;
  const path = `plans/plan-${size}.md`;
  const modules = random.shuffled(model.modules);
  const withStubs = random.shuffled(model.modules.filter((m) => m.functions.slice(0, m.initialFunctions).some((f) => f.stub)));
  let next = 0;
  const take = (): Module => modules[next++ % modules.length]!;
  const detailed: Built[] = [];
  const tasks: Built[] = [];
  const rows: Built[] = [];
  let claims = 0;
  while (claims < size) {
    const remaining = size - claims;
    const roll = random.next();
    let built: Built | null = null;
    if (roll < 0.7) {
      const fault: Fault = random.chance(0.35) ? random.pick(FAULTS) : null;
      const module = fault === 'hollow-range' && withStubs.length > 0 ? withStubs.pop()! : take();
      const candidate = detailedItem(ctx, `M${Math.floor(detailed.length / 25) + 1}-${pad(detailed.length + 1, 3)}`, module, fault === 'hollow-range' && !module.functions.some((f) => f.stub) ? null : fault);
      if (claimCount(candidate) <= remaining) built = candidate;
    }
    if (!built && (roll >= 0.85 || remaining < 5)) built = taskItem(ctx, `T${pad(tasks.length + 1, 4)}`, take());
    built ??= registerRow(ctx, `R-${pad(rows.length + 1, 4)}`, take());
    const target = built.lines[0]!.startsWith('####') ? detailed : built.lines[0]!.startsWith('- [') ? tasks : rows;
    target.push(built);
    claims += claimCount(built);
  }
  const expected: Record<string, number> = {};
  for (const item of [...detailed, ...tasks, ...rows]) {
    for (const e of withStatusClaims(item)) expected[`${e.verdict}/${e.code}`] = (expected[`${e.verdict}/${e.code}`] ?? 0) + 1;
  }
  const text = [
    `# Widgets Platform — Remediation Master Plan (${size} claims)`,
    '',
    `**Plan ID:** BENCH-${size}`,
    '**Plan Owner:** platform team',
    '**Status:** In Progress',
    '',
    '## 0. Evidence-Based Remediation Tracking',
    '',
    'Every item cites its target file, the lines and commit that implement it, and its tests.',
    '',
    ...detailed.flatMap((item, i) => [...(i % 25 === 0 ? [`## Milestone ${i / 25 + 1} – ${milestone(i / 25)}`, ''] : []), ...item.lines, '']),
    '## Tasks',
    '',
    ...tasks.flatMap((t) => t.lines),
    '',
    '### F. Evidence Tracking Register',
    '',
    '| Task ID | Task Name | Priority | Target File | Expected LOC | Completion Evidence | Test Evidence | Status | Completed Date |',
    '|---------|-----------|----------|-------------|--------------|---------------------|---------------|--------|----------------|',
    ...rows.flatMap((r) => r.lines),
    '',
  ].join('\n');
  return { text, facts: { path, claims, items: detailed.length + tasks.length + rows.length, expected } };
}

function claimCount(item: Built): number {
  return item.outcomes.length;
}

/** The verifier's own claims about an item's status, as `src/verify/item.ts` makes them. */
function withStatusClaims(item: Built): Expected[] {
  if (item.status === 'todo') return item.outcomes.map((o) => (o.verdict === 'unverified' ? unsure('not-started') : o));
  if (item.status === 'done' && item.outcomes.some((o) => o.verdict === 'unverified')) return [...item.outcomes, bad('done-but-unverified')];
  return item.outcomes;
}

function detailedItem(ctx: PlanContext, id: string, module: Module, fault: Fault): Built {
  const { random, model, shas } = ctx;
  const extension = fault !== 'hollow-range' && module.extendedIn.length > 0 && random.chance(0.3) ? random.pick(module.extendedIn) : null;
  const work = extension ?? module.createdIn;
  const pool = extension !== null ? model.commits[extension]!.added.get(module.source)! : module.functions.slice(0, module.initialFunctions);
  const real = pool.filter((f) => !f.stub);
  const cited: CodeFunction[] = random.shuffled(real).slice(0, random.chance(0.5) ? 2 : 1);
  if (fault === 'hollow-range') cited[0] = module.functions.find((f) => f.stub)!;
  const paths = [module.source, module.test];
  const claimed = linesAdded(model.commits[work]!, paths);
  const roughEstimate = random.chance(0.15);
  const estimate = roughEstimate ? Math.round(claimed * 1.6) + 10 : Math.max(5, Math.round(claimed / 5) * 5);
  const status = random.chance(0.85) ? 'done' : random.chance(0.67) ? 'in-progress' : 'todo';
  const outcomes: Expected[] = [];
  const lines = [`#### ${id} - ${module.title}`, `- **Priority:** P${random.int(0, 2)}`, `- **Status:** ${status === 'done' ? '✅ COMPLETE' : status === 'in-progress' ? '🔄 IN PROGRESS' : 'Not Started'}`];
  lines.push(`- **Target File:** \`/${module.source}\``);
  outcomes.push(ok('file-exists'));
  lines.push(`- **Expected Changes:** +${estimate} lines`);
  const estimateAt = outcomes.push(unsure('pending')) - 1;
  lines.push('- **Implementation Evidence:**');
  cited.forEach((fn, i) => {
    const permalink = fault === null && extension === null && i === 0 && random.chance(0.05);
    if (i === 0 && fault === 'range-past-eof') {
      const n = module.sourceLines.length;
      lines.push(`  - File: \`/${module.source}:L${n + 5}-L${n + 20}\``);
      outcomes.push(bad('range-out-of-bounds'));
    } else if (permalink) {
      lines.push(`  - File: https://github.com/acme/widgets/blob/${shas[work]}/${module.source}#L${fn.start}-L${fn.end}`);
      outcomes.push(ok('range-exists'));
    } else {
      lines.push(`  - File: \`/${module.source}:L${fn.start}-L${fn.end}\`${description(random, fn, i === 0 && fault === 'irrelevant-range')}`);
      outcomes.push(i === 0 && fault === 'irrelevant-range' ? bad('range-irrelevant') : fn.stub ? bad('hollow-range') : ok('range-exists'));
    }
  });
  if (fault === 'missing-file') {
    const missing = `${dirname(module.source)}/${module.handle}_legacy${extname(module.source)}`;
    lines.push(`  - File: \`/${missing}\``);
    outcomes.push(bad('file-not-found'));
    paths.push(missing);
  }
  const commit = citedCommit(ctx, fault, work, module);
  lines.push(`  - Commit: ${commit.text}`);
  outcomes.push(commit.outcome);
  lines.push(`  - Lines Added: ${fault === 'loc-mismatch' ? claimed * 2 + 17 : claimed}`);
  outcomes.push(locOutcome(fault === 'loc-mismatch' ? claimed * 2 + 17 : claimed, false, commit.index, ctx, paths));
  outcomes[estimateAt] = locOutcome(estimate, true, commit.index, ctx, paths);
  const testFn = cited[0]!;
  lines.push('- **Test Evidence:**', `  - Test File: \`/${module.test}\``, `  - Test: \`${module.test}::${fault === 'test-not-defined' ? missingTest(module, testFn) : testFn.testName}\``, '  - Status: PASSING');
  outcomes.push(ok('file-exists'), fault === 'test-not-defined' ? bad('test-not-defined') : ok('test-defined'), unsure('no-test-report'));
  return { lines, outcomes, status };
}

/** The commit an item cites: the one that did the work, or the fault's. index: null when it names none. */
function citedCommit(ctx: PlanContext, fault: Fault, work: number, module: Module): { text: string; outcome: Expected; index: number | 'missing' | null } {
  const { random, model, shas, abbrev } = ctx;
  if (fault === 'placeholder') return { text: '`[commit-hash]`', outcome: unsure('placeholder'), index: null };
  if (fault === 'wrong-commit') return { text: `\`${random.pick(ctx.missingIds)}\``, outcome: bad('commit-not-found'), index: 'missing' };
  let index = work;
  if (fault === 'unreachable-commit') index = model.commits.findIndex((c) => c.branch === 'side');
  if (fault === 'does-not-touch') {
    do index = random.int(0, model.commits.length - 1);
    while (model.commits[index]!.branch !== 'main' || model.commits[index]!.numstat.has(module.source) || model.commits[index]!.numstat.has(module.test));
  }
  const touches = model.commits[index]!.numstat.has(module.source) || model.commits[index]!.numstat.has(module.test);
  const outcome = fault === 'unreachable-commit' ? bad('commit-not-reachable') : touches ? ok('commit-touches-files') : bad('commit-does-not-touch');
  const roll = random.next();
  const text = roll < 0.85 ? `\`${abbrev[index]}\`` : roll < 0.95 ? `\`${shas[index]}\`` : `https://github.com/acme/widgets/commit/${shas[index]}`;
  return { text, outcome, index };
}

/** What `src/verify/checks/loc.ts` decides for a line count against the cited commit's numstat. */
function locOutcome(value: number, estimate: boolean, commit: number | 'missing' | null, ctx: PlanContext, paths: string[]): Expected {
  if (commit === null) return unsure('no-commit');
  if (commit === 'missing') return unsure('commit-unavailable');
  const actual = linesAdded(ctx.model.commits[commit]!, paths);
  const tolerance = Math.max((value * 10) / 100, 3);
  if (Math.abs(actual - value) <= tolerance) return ok(estimate ? 'loc-estimate-close' : 'loc-matches');
  return estimate ? unsure('loc-estimate-off') : bad('loc-mismatch');
}

function linesAdded(commit: CommitModel, paths: string[]): number {
  return paths.reduce((sum, path) => sum + (commit.numstat.get(path)?.added ?? 0), 0);
}

/** A description the cited lines mention (their name's words), or none; or one they do not. */
function description(random: Random, fn: CodeFunction, irrelevant: boolean): string {
  if (irrelevant) return ' (circuit breaker with exponential backoff)';
  const roll = random.next();
  if (roll < 0.4) return '';
  if (roll < 0.8) return ` (${fn.words.join(' ')})`;
  return ` — \`${fn.name}()\``;
}

function missingTest(module: Module, fn: CodeFunction): string {
  if (module.language === 'python') return `${fn.testName}_handles_timeouts`;
  if (module.language === 'typescript') return `${fn.name} > handles timeouts`;
  return `${fn.testName}HandlesTimeouts`;
}

/** A spec-kit task entry: its checkbox is its status, the path it names a file claim. */
function taskItem(ctx: PlanContext, id: string, module: Module): Built {
  const { random } = ctx;
  const missing = random.chance(0.1);
  const todo = random.chance(0.1);
  const path = missing ? module.source.replace(/(\.\w+)$/, '_v2$1') : module.source;
  return {
    lines: [`- [${todo ? ' ' : 'X'}] ${id}${random.chance(0.5) ? ' [P]' : ''} Implement ${module.title.toLowerCase()} in ${path}`],
    outcomes: [missing ? bad('file-not-found') : ok('file-exists')],
    status: todo ? 'todo' : 'done',
  };
}

/** A row of the Appendix F register: target file, estimate (+A/-R), evidence range, test. */
function registerRow(ctx: PlanContext, id: string, module: Module): Built {
  const { random } = ctx;
  const fn = random.pick(module.functions.filter((f) => !f.stub));
  const pastEnd = random.chance(0.05);
  const undefinedTest = random.chance(0.05);
  const range = pastEnd ? `L${module.sourceLines.length + 1}-L${module.sourceLines.length + 9}` : `L${fn.start}-L${fn.end}`;
  const test = undefinedTest ? missingTest(module, fn) : fn.testName;
  const done = random.chance(0.9);
  return {
    lines: [`| ${id} | ${module.title} | P${random.int(0, 2)} | \`/${module.source}\` | +${random.int(20, 90)}/-${random.int(0, 9)} | \`/${module.source}:${range}\` | \`/${module.test}::${test}\` | ${done ? 'Done' : 'In Progress'} | 2025-${pad(random.int(1, 12), 2)}-${pad(random.int(1, 28), 2)} |`],
    // the register has no commit column: its LOC estimates have nothing to be counted against
    outcomes: [ok('file-exists'), unsure('no-commit'), unsure('no-commit'), pastEnd ? bad('range-out-of-bounds') : ok('range-exists'), undefinedTest ? bad('test-not-defined') : ok('test-defined')],
    status: done ? 'done' : 'in-progress',
  };
}

function milestone(n: number): string {
  const names = ['Billing hardening', 'Identity and sessions', 'Catalog search', 'Shipping reliability', 'Notifications', 'Reporting', 'Payments', 'Support tooling', 'Pricing rules', 'Inventory sync'];
  return names[n % names.length]!;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
