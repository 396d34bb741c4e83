/**
 * The GitHub Action (action.yml): verifies plans on the runner's checkout with the local git reader
 * (no App, no token), prints the report to the log, writes the Markdown report to the job summary,
 * annotates the plan lines with workflow commands, writes a SARIF file and the report for later
 * steps, sets outputs, and fails the step per `fail-on`. Everything the runner gives it comes
 * through `io.env`; the exit code is the step's.
 */
import { appendFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPlans } from '../app/plans.js';
import type { Config } from '../config.js';
import { EXIT, type Io } from '../cli/io.js';
import { fails, FORMATS, InputError, isUserError, loadConfig, renderReport, verifyFiles, type Format } from '../cli/verify.js';
import { jsonKind } from '../report/json.js';
import { headline } from '../report/links.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { findRepositoryRoot, GitRepoReader } from '../repo/git.js';
import type { Report } from '../verify/report.js';
import { annotationCommand, annotationLevel, outputEntries, summaryText, withoutCommands } from './commands.js';

export const FAIL_ON = ['unverified', 'unknown', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface ActionInputs {
  plans: string[];
  ref: string;
  /** Unset: the config's `fail_on`. */
  failOn?: FailOn;
  junit: string[];
  root?: string;
  format: Format;
}

const EXTENSION: Record<Format, string> = { text: 'txt', json: 'json', markdown: 'md', sarif: 'sarif', junit: 'xml' };

/**
 * An input as the runner passes it to a node action: `INPUT_` and the name upper-cased, spaces as
 * `_`, hyphens kept (`INPUT_FAIL-ON`). A composite action passes inputs itself, and a shell may
 * refuse a hyphen in a name, so action.yml uses `INPUT_FAIL_ON`: both are read.
 */
export function input(env: Io['env'], name: string): string {
  const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
  return (env[key] ?? env[key.replace(/-/g, '_')] ?? '').trim();
}

/** A list input: one entry a line (a path may hold commas and spaces). */
function list(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

export function readInputs(env: Io['env']): ActionInputs {
  const failOn = input(env, 'fail-on');
  if (failOn && !(FAIL_ON as readonly string[]).includes(failOn)) throw new InputError(`input fail-on must be one of ${FAIL_ON.join(', ')}, not '${failOn}'`);
  const format = input(env, 'format') || 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new InputError(`input format must be one of ${FORMATS.join(', ')}, not '${format}'`);
  const root = input(env, 'root');
  return {
    plans: list(input(env, 'plans')),
    ref: input(env, 'ref') || 'HEAD',
    ...(failOn ? { failOn: failOn as FailOn } : {}),
    junit: list(input(env, 'junit')),
    ...(root ? { root } : {}),
    format: format as Format,
  };
}

export async function runAction(io: Io): Promise<number> {
  const env = io.env;
  try {
    const inputs = readInputs(env);
    const workspace = env.GITHUB_WORKSPACE || io.cwd;
    const options = { ref: inputs.ref, junit: inputs.junit, ...(inputs.root !== undefined ? { root: inputs.root } : {}) };
    const plans = inputs.plans.length > 0 ? inputs.plans : await discoverPlans(workspace, inputs.ref);
    if (plans.length === 0) {
      io.stdout(annotationCommand('warning', 'found no plans: name them in the `plans` input, or as `plans` globs in .github/claimcheck.yml', { title: 'claimcheck' }));
      await setOutputs(env, { conclusion: 'success', items: 0, claims: 0, verified: 0, unverified: 0, unknown: 0 });
      return EXIT.ok;
    }
    const { report, config } = await verifyFiles(plans, options, workspace);
    const failOn: FailOn = inputs.failOn ?? config.fail_on;
    const failed = failOn !== 'never' && fails(report, failOn);
    const color = inputs.format === 'text' && !env.NO_COLOR;
    io.stdout(withoutCommands(renderReport(report, inputs.format, color)));
    for (const command of annotations(report)) io.stdout(command);
    if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, summaryText(`${renderMarkdown(report)}\n${policy(failOn, config)}\n`));
    const files = await writeFiles(env, report, inputs.format);
    const s = report.summary;
    const counts = { items: s.items, claims: s.claims, verified: s.verified, unverified: s.unverified, unknown: s.unknown };
    await setOutputs(env, { conclusion: failed ? 'failure' : 'success', ...counts, ref: report.ref, ...files });
    io.stderr(`claimcheck: ${headline(s)}${failed ? ` — failing (fail-on: ${failOn})` : ''}\n`);
    return failed ? EXIT.failed : EXIT.ok;
  } catch (error) {
    const user = isUserError(error);
    const message = user ? error.message : `internal error: ${(error as Error).message ?? String(error)}`;
    io.stdout(annotationCommand('error', message, { title: 'claimcheck' }));
    if (!user && env.CLAIMCHECK_DEBUG) io.stderr(`${(error as Error).stack ?? ''}\n`);
    await setOutputs(env, { conclusion: 'error' }).catch(() => undefined);
    return user ? EXIT.usage : EXIT.internal;
  }
}

/** No `plans` input: the plans the App would check at that commit (config globs, else files that read as plans). */
async function discoverPlans(workspace: string, ref: string): Promise<string[]> {
  const repoRoot = await findRepositoryRoot(workspace);
  const config = await loadConfig(repoRoot, {}, workspace);
  const reader = new GitRepoReader(repoRoot);
  const plans = await findPlans(reader, await reader.resolveRef(ref), config);
  return plans.map((plan) => plan.path);
}

/** GitHub shows at most this many error and this many warning annotations of a step; the rest would vanish unsaid. */
export const ANNOTATIONS_PER_LEVEL = 10;

/**
 * An annotation per claim not verified, on its plan line, unverified first: as many of each level
 * as GitHub shows, then a notice counting the ones left out.
 */
function annotations(report: Report): string[] {
  const failing = report.plans.flatMap((plan) =>
    plan.items.flatMap(({ item, claims }) => claims.filter((c) => c.verdict !== 'verified').map((result) => ({ plan: plan.path, id: item.id, result }))),
  );
  const commands: string[] = [];
  let left = 0;
  for (const verdict of ['unverified', 'unknown'] as const) {
    const ofLevel = failing.filter((f) => f.result.verdict === verdict);
    left += Math.max(0, ofLevel.length - ANNOTATIONS_PER_LEVEL);
    for (const { plan, id, result } of ofLevel.slice(0, ANNOTATIONS_PER_LEVEL)) {
      const { claim, code, reason } = result;
      const message = `${id}: ${jsonKind(claim)} ${claim.text.replace(/\s*[\r\n]+\s*/g, ' ')}: ${reason}`;
      commands.push(annotationCommand(annotationLevel(verdict), message, { file: plan, line: claim.line, col: claim.column, title: code }));
    }
  }
  if (left > 0) {
    const message = `${left} more claim${left === 1 ? '' : 's'} not verified, not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} annotations of a kind per step): see the job summary or the SARIF file`;
    commands.push(annotationCommand('notice', message, { title: 'claimcheck' }));
  }
  return commands;
}

function policy(failOn: FailOn, config: Config): string {
  const source = failOn === config.fail_on ? '' : ' (the `fail-on` input)';
  if (failOn === 'never') return '_This step reports only: it never fails on claims (`fail-on: never`)._';
  return `_This step fails on ${failOn === 'unknown' ? 'unverified or unknown' : 'unverified'} claims${source}._`;
}

/** The SARIF report and the report in `format`, in a folder of their own under RUNNER_TEMP. */
async function writeFiles(env: Io['env'], report: Report, format: Format): Promise<{ sarif: string; report: string }> {
  const dir = await mkdtemp(join(env.RUNNER_TEMP || tmpdir(), 'claimcheck-'));
  const sarif = join(dir, 'claimcheck.sarif');
  const formatted = join(dir, `claimcheck.${EXTENSION[format]}`);
  await writeFile(sarif, renderSarif(report));
  if (format !== 'sarif') await writeFile(formatted, renderReport(report, format, false));
  return { sarif, report: formatted };
}

async function setOutputs(env: Io['env'], values: Record<string, string | number>): Promise<void> {
  if (env.GITHUB_OUTPUT) await appendFile(env.GITHUB_OUTPUT, outputEntries(values));
}
