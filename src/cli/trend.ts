/**
 * `claimcheck trend PLAN --since REV`: the readiness score over time. The plan is verified at REV
 * and at each later commit (up to --ref) that changed the plan or a file it cites, with the plan as
 * it stood at that commit (read from git, never from the working tree). One reader serves every
 * commit, so blobs that did not change are read once.
 */
import { writeFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { parseConfig, policyOf } from '../config.js';
import { parsePlan } from '../plan/parse.js';
import { PlanError, type Plan } from '../plan/types.js';
import { catFile } from '../repo/git-process.js';
import { findRepositoryRoot, GitRepoReader } from '../repo/git.js';
import { RefError } from '../repo/types.js';
import { bar, percent, readinessJson, readinessOf, type Share } from '../report/readiness.js';
import { renderTrendSvg } from '../report/trend-svg.js';
import { pathRefs } from '../verify/checks/context.js';
import { resolvePath } from '../verify/paths.js';
import { mayResolveBySuffix } from '../verify/suffix.js';
import { verifyPlans } from '../verify/verify.js';
import { EXIT, type Io } from './io.js';
import { createProgress, type Progress } from './progress.js';
import { InputError, isUserError, loadConfig, reportFailure } from './verify.js';

export interface TrendCliOptions {
  repo?: string;
  since: string;
  ref: string;
  svg?: string;
  format: 'json' | 'text';
  config?: string;
  root?: string;
}

interface Commit {
  sha: string;
  date: string;
  subject: string;
}

export interface TrendPoint {
  sha: string;
  date: string;
  subject: string;
  claims: Share;
  items: Share & { notStarted: number };
  byPriority: Record<string, unknown>;
  bySection: unknown[];
}

export interface Trend {
  plan: string;
  since: string;
  ref: string;
  points: TrendPoint[];
}

export async function runTrend(planArg: string, options: TrendCliOptions, io: Io, makeProgress: (io: Io) => Progress = createProgress): Promise<number> {
  const progress = makeProgress(io);
  try {
    const notes: string[] = [];
    let trend: Trend;
    try {
      trend = await computeTrend(planArg, options, io, progress, notes);
    } finally {
      // the progress line is erased before anything else is written to the terminal
      progress.done();
      for (const note of notes) io.stderr(`claimcheck: ${note}\n`);
    }
    if (options.svg !== undefined) await writeSvg(resolve(io.cwd, options.svg), renderTrendSvg(trend.points, { title: trend.plan }), options.svg);
    io.stdout(options.format === 'text' ? trendText(trend) : JSON.stringify(trend, null, 2) + '\n');
    return EXIT.ok;
  } catch (error) {
    return reportFailure(error, io);
  }
}

/** The points of the trend; what was left out, and why, goes to `notes`. */
async function computeTrend(planArg: string, options: TrendCliOptions, io: Io, progress: Progress, notes: string[]): Promise<Trend> {
  const repoRoot = await findRepositoryRoot(resolve(io.cwd, options.repo ?? '.'));
  const config = await loadConfig(repoRoot, options, io.cwd);
  const root = options.root !== undefined ? parseConfig(`root: ${JSON.stringify(options.root)}`, '--root').root : config.root;
  const git = simpleGit({ baseDir: repoRoot });
  const reader = new PlanAtCommitReader(repoRoot, git);
  const since = await reader.resolveRef(options.since).catch(named('--since'));
  const ref = await reader.resolveRef(options.ref).catch(named('--ref'));
  const planPath = await findPlanPath(planArg, repoRoot, io.cwd, [ref, since]);

  progress.phase('finding the commits that changed the plan or what it cites');
  const planCommits = await commitsTouching(git, since, ref, [literal(planPath)]);
  const versions = await plansAt(repoRoot, planPath, [since, ...planCommits.map((c) => c.sha), ref]);
  const cited = new Set<string>();
  for (const plan of versions.values()) if (!(plan instanceof PlanError)) for (const spec of pathspecsOf(plan, root)) cited.add(spec);
  const commits = [await commitOf(git, since), ...(await commitsTouching(git, since, ref, [literal(planPath), ...cited]))];
  const plans = await plansAt(repoRoot, planPath, commits.map((c) => c.sha));

  const points: TrendPoint[] = [];
  let absent = 0;
  for (const [i, commit] of commits.entries()) {
    const plan = plans.get(commit.sha);
    if (plan === undefined) {
      absent++;
      continue;
    }
    if (plan instanceof PlanError) {
      notes.push(`${commit.sha.slice(0, 7)} left out: ${plan.message}`);
      continue;
    }
    progress.phase(`verifying commit ${i + 1} of ${commits.length} (${commit.sha.slice(0, 7)})`);
    const report = await verifyPlans([plan], reader, { ref: commit.sha, root, reports: null, policy: policyOf(config) });
    const readiness = readinessJson(readinessOf(report)) as Pick<TrendPoint, 'claims' | 'items' | 'byPriority' | 'bySection'>;
    points.push({ ...commit, ...readiness });
  }
  if (absent > 0) notes.push(`${absent} commit${absent === 1 ? '' : 's'} left out: ${planPath} does not exist there`);
  if (points.length === 0) throw new InputError(`no commit from ${options.since} to ${options.ref} has a plan ${planPath} that can be read`);
  return { plan: planPath, since, ref, points };
}

/** A reader whose blame reads the plan at the verified commit: the plan is read there, not from the working tree. */
class PlanAtCommitReader extends GitRepoReader {
  constructor(
    root: string,
    private readonly blameGit: SimpleGit,
  ) {
    super(root);
  }

  override async blameLines(planPath: string, lines: number[], ref = 'HEAD'): Promise<Map<number, string | null>> {
    const origins = new Map<number, string | null>();
    const wanted = [...new Set(lines)].filter((n) => Number.isInteger(n) && n > 0).sort((a, b) => a - b);
    if (wanted.length === 0) return origins;
    const out = await this.blameGit.raw(['blame', '--porcelain', ...wanted.flatMap((n) => ['-L', `${n},${n}`]), ref, '--', planPath]).catch(() => '');
    for (const line of out.split('\n')) {
      const header = /^([0-9a-f]{40}) \d+ (\d+)/.exec(line);
      if (header) origins.set(Number(header[2]), header[1]!);
    }
    return origins;
  }
}

/** A revision error names the option it came from. */
function named(option: string): (error: unknown) => never {
  return (error) => {
    throw error instanceof RefError ? new RefError(`${option}: ${error.message}`) : error;
  };
}

/**
 * The plan's path in the repository: relative to the repository root, or to the current folder
 * when it lies inside the repository. It need not exist in the working tree, only at a commit.
 */
async function findPlanPath(arg: string, repoRoot: string, cwd: string, refs: string[]): Promise<string> {
  const candidates = (isAbsolute(arg) ? [arg] : [resolve(repoRoot, arg), resolve(cwd, arg)])
    .map((file) => relative(repoRoot, file))
    .filter((inRepo) => inRepo !== '' && !inRepo.startsWith('..') && !isAbsolute(inRepo))
    .map((inRepo) => inRepo.split(sep).join('/'));
  if (candidates.length === 0) throw new InputError(`plan is outside the repository: ${arg}`);
  for (const path of new Set(candidates)) {
    const answers = await catFile(repoRoot, refs.map((ref) => `${ref}:${path}`), false);
    if (answers.some((a) => a.found && a.type === 'blob')) return path;
  }
  throw new InputError(`plan not found at ${refs.map((r) => r.slice(0, 7)).join(' or ')}: ${arg}`);
}

/** Commits after `since` up to `ref` that touch any of `pathspecs`, oldest first. */
async function commitsTouching(git: SimpleGit, since: string, ref: string, pathspecs: string[]): Promise<Commit[]> {
  const out = await git.raw(['log', '--topo-order', '--reverse', '--format=%H%x1f%cI%x1f%s', `${since}..${ref}`, '--', ...pathspecs]);
  return out.split('\n').filter(Boolean).map(parseCommit);
}

async function commitOf(git: SimpleGit, sha: string): Promise<Commit> {
  return parseCommit((await git.raw(['log', '-1', '--format=%H%x1f%cI%x1f%s', sha])).trim());
}

function parseCommit(line: string): Commit {
  const [sha = '', date = '', subject = ''] = line.split('\x1f');
  return { sha, date, subject };
}

/** The plan as it stood at each commit (one `cat-file --batch`): parsed, a PlanError, or absent. */
async function plansAt(repoRoot: string, planPath: string, shas: string[]): Promise<Map<string, Plan | PlanError>> {
  const unique = [...new Set(shas)];
  const answers = await catFile(repoRoot, unique.map((sha) => `${sha}:${planPath}`), true);
  const plans = new Map<string, Plan | PlanError>();
  unique.forEach((sha, i) => {
    const answer = answers[i]!;
    if (!answer.found || answer.type !== 'blob' || !answer.content) return;
    try {
      plans.set(sha, parsePlan(planPath, answer.content.toString('utf8')));
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      plans.set(sha, error);
    }
  });
  return plans;
}

/** Git pathspecs for what a plan cites: each path as written, and anywhere for bare names (`gemini.py`). */
function pathspecsOf(plan: Plan, root: string): string[] {
  const specs = new Set<string>();
  for (const item of plan.items) {
    for (const target of pathRefs(item)) {
      const resolved = resolvePath(target, plan.path, root);
      if (!resolved.ok || resolved.path === '') continue;
      specs.add(literal(resolved.path));
      if (mayResolveBySuffix(target)) specs.add(`:(glob)**/${resolved.path.replace(/[*?[\]\\]/g, '\\$&')}`);
    }
  }
  return [...specs];
}

function literal(path: string): string {
  return `:(literal)${path}`;
}

async function writeSvg(file: string, svg: string, asGiven: string): Promise<void> {
  try {
    await writeFile(file, svg);
  } catch (error) {
    throw new InputError(`cannot write ${asGiven}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** `abc1234  2026-11-25  ████████░░   80 %  8/10 items  40/45 claims (88 %)  subject`, oldest first. */
export function trendText(trend: Trend): string {
  const items = trend.points.map((p) => `${p.items.verified}/${p.items.total} items`);
  const claims = trend.points.map((p) => `${p.claims.verified}/${p.claims.total} claims (${percent(p.claims.share)})`);
  const width = (texts: string[]): number => Math.max(0, ...texts.map((t) => t.length));
  const out = [`${trend.plan}: readiness at ${trend.points.length === 1 ? '1 commit' : `${trend.points.length} commits`} (verified share of items)`];
  trend.points.forEach((p, i) => {
    const day = p.date.slice(0, 10);
    out.push(`  ${p.sha.slice(0, 7)}  ${day}  ${bar(p.items.share)}  ${percent(p.items.share).padStart(5)}  ${items[i]!.padEnd(width(items))}  ${claims[i]!.padEnd(width(claims))}  ${p.subject}`.trimEnd());
  });
  return out.join('\n') + '\n';
}
