/** `claimcheck verify`: wires files, config and the local git reader to the engine. */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConfigError, DEFAULT_CONFIG, DEFAULT_CONFIG_PATH, parseConfig, policyOf, type Config } from '../config.js';
import { parseJUnit, ReportError, type TestReport } from '../verify/junit.js';
import { parsePlan } from '../plan/parse.js';
import { PlanError, type Plan } from '../plan/types.js';
import { findRepositoryRoot, GitRepoReader, NotARepositoryError } from '../repo/git.js';
import { RefError } from '../repo/types.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderText } from '../report/text.js';
import { verifyPlans } from '../verify/verify.js';
import type { Report } from '../verify/report.js';
import { fixPlanFile } from './fix.js';
import { EXIT, type Io } from './io.js';

export interface VerifyCliOptions {
  repo?: string;
  ref: string;
  format: 'text' | 'json' | 'markdown';
  junit: string[];
  config?: string;
  root?: string;
  fix?: boolean;
}

/** A user error: printed as one line, exit 2. */
class InputError extends Error {}

export async function runVerify(planArgs: string[], options: VerifyCliOptions, io: Io): Promise<number> {
  try {
    const repoRoot = await findRepositoryRoot(resolve(io.cwd, options.repo ?? '.'));
    const config = await loadConfig(repoRoot, options, io.cwd);
    const root = options.root !== undefined ? parseConfig(`root: ${JSON.stringify(options.root)}`, '--root').root : config.root;
    const reports = options.junit.length > 0 ? await Promise.all(options.junit.map((file) => readReport(file, io.cwd))) : null;
    const read = await Promise.all(planArgs.map((arg) => readPlan(arg, repoRoot, io.cwd)));
    const report = await verifyPlans(read.map((r) => r.plan), new GitRepoReader(repoRoot), { ref: options.ref, root, reports, policy: policyOf(config) });
    io.stdout(render(report, options.format, io));
    if (options.fix) {
      for (const [i, plan] of report.plans.entries()) {
        for (const line of await fixPlanFile(read[i]!.file, plan)) io.stderr(`claimcheck: ${line}\n`);
      }
    }
    return failed(report, config) ? EXIT.failed : EXIT.ok;
  } catch (error) {
    if (isUserError(error)) {
      io.stderr(`claimcheck: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`claimcheck: internal error: ${(error as Error).message ?? String(error)}\n`);
    if (io.env.CLAIMCHECK_DEBUG) io.stderr(`${(error as Error).stack ?? ''}\n`);
    return EXIT.internal;
  }
}

function isUserError(error: unknown): error is Error {
  return [InputError, ConfigError, PlanError, RefError, NotARepositoryError, ReportError].some((kind) => error instanceof kind);
}

async function readReport(file: string, cwd: string): Promise<TestReport> {
  const path = resolve(cwd, file);
  if (!existsSync(path)) throw new InputError(`test report not found: ${file}`);
  return parseJUnit(await readFile(path, 'utf8'), file);
}

function failed(report: Report, config: Config): boolean {
  return report.summary.unverified > 0 || (config.fail_on === 'unknown' && report.summary.unknown > 0);
}

function render(report: Report, format: VerifyCliOptions['format'], io: Io): string {
  if (format === 'json') return renderJson(report);
  if (format === 'markdown') return renderMarkdown(report);
  return renderText(report, { color: io.color });
}

async function loadConfig(repoRoot: string, options: VerifyCliOptions, cwd: string): Promise<Config> {
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
  if (inRepo.startsWith('..') || isAbsolute(inRepo)) throw new InputError(`plan is outside the repository: ${arg}`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read plan ${arg}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return { plan: parsePlan(inRepo.split(sep).join('/'), text), file };
}
