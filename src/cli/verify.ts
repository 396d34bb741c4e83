/** `claimcheck verify`: wires files, config and the local git reader to the engine. */
import { open, readFile, realpath, stat, type FileHandle } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConfigError, DEFAULT_CONFIG, DEFAULT_CONFIG_PATH, parseConfig, policyOf, type Config } from '../config.js';
import { parseJUnit, ReportError, type TestReport } from '../verify/junit.js';
import { decodePlan } from '../plan/decode.js';
import { PLAN_LIMITS, tooLarge } from '../plan/limits.js';
import { parsePlan } from '../plan/parse.js';
import { PlanError, type Plan } from '../plan/types.js';
import { findRepositoryRoot, GitRepoReader, NotARepositoryError } from '../repo/git.js';
import { RefError } from '../repo/types.js';
import { renderJson } from '../report/json.js';
import { renderJUnit } from '../report/junit-report.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { renderText } from '../report/text.js';
import { verifyPlans } from '../verify/verify.js';
import type { Report } from '../verify/report.js';
import { fixPlanFile } from './fix.js';
import { EXIT, type Io } from './io.js';
import { createProgress, SILENT_PROGRESS, withProgress, type Progress } from './progress.js';

export const FORMATS = ['text', 'json', 'markdown', 'sarif', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export interface VerifyCliOptions {
  repo?: string;
  ref: string;
  format: Format;
  junit: string[];
  config?: string;
  root?: string;
  fix?: boolean;
}

/** A user error: printed as one line, exit 2. */
export class InputError extends Error {}

/** What `verifyFiles` found: the report, the config it was judged by, and each plan's file on disk. */
export interface Verification {
  report: Report;
  config: Config;
  files: string[];
}

export async function runVerify(planArgs: string[], options: VerifyCliOptions, io: Io, makeProgress: (io: Io) => Progress = createProgress): Promise<number> {
  const progress = makeProgress(io);
  try {
    let verification: Verification;
    try {
      verification = await verifyFiles(planArgs, options, io.cwd, progress);
    } finally {
      // the progress line is erased before anything else is written to the terminal
      progress.done();
    }
    const { report, config, files } = verification;
    io.stdout(renderReport(report, options.format, io.color));
    if (options.fix) {
      for (const [i, plan] of report.plans.entries()) {
        for (const line of await fixPlanFile(files[i]!, plan)) io.stderr(`claimcheck: ${line}\n`);
      }
    }
    return fails(report, config.fail_on) ? EXIT.failed : EXIT.ok;
  } catch (error) {
    return reportFailure(error, io);
  }
}

/**
 * Reads the config, the test reports and the plans (from the working tree), and verifies the plans
 * with the local clone holding `cwd` (or `options.repo`). Shared by the CLI and the Action.
 */
export async function verifyFiles(
  planArgs: string[],
  options: Omit<VerifyCliOptions, 'format' | 'fix'>,
  cwd: string,
  progress: Progress = SILENT_PROGRESS,
): Promise<Verification> {
  const repoRoot = await findRepositoryRoot(resolve(cwd, options.repo ?? '.'));
  const config = await loadConfig(repoRoot, options, cwd);
  const root = options.root !== undefined ? parseConfig(`root: ${JSON.stringify(options.root)}`, '--root').root : config.root;
  const reports = options.junit.length > 0 ? await Promise.all(options.junit.map((file) => readReport(file, cwd))) : null;
  progress.phase(`parsing ${planArgs.length === 1 ? '1 plan' : `${planArgs.length} plans`}`);
  const read = await Promise.all(planArgs.map((arg) => readPlan(arg, repoRoot, cwd)));
  const claims = read.reduce((n, r) => n + r.plan.items.reduce((m, item) => m + item.claims.length, 0), 0);
  const reader = withProgress(new GitRepoReader(repoRoot), progress, claims);
  const report = await verifyPlans(read.map((r) => r.plan), reader, { ref: options.ref, root, reports, policy: policyOf(config) });
  return { report, config, files: read.map((r) => r.file) };
}

/** A command that failed: one line, exit 2 for what the user can fix, else 3 (the stack only with CLAIMCHECK_DEBUG). */
export function reportFailure(error: unknown, io: Io): number {
  if (isUserError(error)) {
    io.stderr(`claimcheck: ${error.message}\n`);
    return EXIT.usage;
  }
  io.stderr(`claimcheck: internal error: ${(error as Error).message ?? String(error)}\n`);
  if (io.env.CLAIMCHECK_DEBUG) io.stderr(`${(error as Error).stack ?? ''}\n`);
  return EXIT.internal;
}

export function isUserError(error: unknown): error is Error {
  return [InputError, ConfigError, PlanError, RefError, NotARepositoryError, ReportError].some((kind) => error instanceof kind);
}

async function readReport(file: string, cwd: string): Promise<TestReport> {
  const path = resolve(cwd, file);
  if (!existsSync(path)) throw new InputError(`test report not found: ${file}`);
  return parseJUnit(await readFile(path, 'utf8'), file);
}

/** Whether the run fails: any claim unverified, or (with `fail_on: unknown`) any unknown. */
export function fails(report: Report, failOn: Config['fail_on']): boolean {
  return report.summary.unverified > 0 || (failOn === 'unknown' && report.summary.unknown > 0);
}

export function renderReport(report: Report, format: Format, color: boolean): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'sarif':
      return renderSarif(report);
    case 'junit':
      return renderJUnit(report);
    case 'text':
      return renderText(report, { color });
  }
}

export async function loadConfig(repoRoot: string, options: Pick<VerifyCliOptions, 'config'>, cwd: string): Promise<Config> {
  const path = options.config !== undefined ? resolve(cwd, options.config) : join(repoRoot, DEFAULT_CONFIG_PATH);
  if (!existsSync(path)) {
    if (options.config !== undefined) throw new InputError(`config file not found: ${options.config}`);
    return DEFAULT_CONFIG;
  }
  return parseConfig(await readFile(path, 'utf8'), options.config ?? DEFAULT_CONFIG_PATH);
}

/**
 * A plan path is relative to the repository root; a path that only exists relative to the current
 * folder is accepted too, as long as it lies inside the repository.
 */
async function readPlan(arg: string, repoRoot: string, cwd: string): Promise<{ plan: Plan; file: string }> {
  const candidates = isAbsolute(arg) ? [arg] : [resolve(repoRoot, arg), resolve(cwd, arg)];
  const file = candidates.find((c) => existsSync(c));
  if (!file) throw new InputError(`plan not found: ${arg}`);
  const inRepo = relative(repoRoot, file);
  if (leaves(inRepo)) throw new InputError(`plan is outside the repository: ${arg}`);
  // a link inside the repository to a file outside it is outside it too
  const [real, realRoot] = await Promise.all([realpath(file).catch(() => file), realpath(repoRoot).catch(() => repoRoot)]);
  if (leaves(relative(realRoot, real))) throw new InputError(`plan is outside the repository: ${arg} (a link to ${real})`);
  const planPath = inRepo.split(sep).join('/');
  const bytes = await readPlanBytes(file, arg, planPath);
  return { plan: parsePlan(planPath, decodePlan(planPath, bytes)), file };
}

function leaves(relativePath: string): boolean {
  return relativePath === '..' || relativePath.startsWith(`..${sep}`) || isAbsolute(relativePath);
}

/**
 * The plan's bytes, never more than a plan may hold plus one: a regular file only (a FIFO or
 * `/dev/zero` would never end), its size checked before reading and again while reading.
 */
async function readPlanBytes(file: string, arg: string, planPath: string): Promise<Uint8Array> {
  const max = PLAN_LIMITS.maxBytes;
  let handle: FileHandle | undefined;
  try {
    // checked before opening too: opening a FIFO waits for a writer that may never come
    if (!(await stat(file)).isFile()) throw new InputError(`plan is not a regular file: ${arg}`);
    handle = await open(file, 'r');
    const stats = await handle.stat();
    if (!stats.isFile()) throw new InputError(`plan is not a regular file: ${arg}`);
    if (stats.size > max) throw tooLarge(planPath, stats.size, PLAN_LIMITS);
    const buffer = Buffer.alloc(max + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > max) throw tooLarge(planPath, length, PLAN_LIMITS);
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (isUserError(error)) throw error;
    throw new InputError(`cannot read plan ${arg}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  } finally {
    await handle?.close();
  }
}
