/**
 * Which files of a commit are plans: the config's `plans` globs, or else Markdown and YAML files
 * whose text holds evidence fields. Found through the tree at the head sha; read in one batch.
 */
import picomatch from 'picomatch';
import type { Config } from '../config.js';
import { sharedPlanParser } from '../plan/off-thread.js';
import { PLAN_LIMITS, tooLarge } from '../plan/limits.js';
import { PlanError, type Plan } from '../plan/types.js';
import type { RepoReader, Tree } from '../repo/types.js';

/** At most this many candidate files are read when looking for plans without a `plans` glob. */
export const MAX_CANDIDATES = 300;
/** A plan larger than this is not read (src/plan/limits.ts: a 1 MiB plan holds tens of thousands of claims). */
export const MAX_PLAN_BYTES = PLAN_LIMITS.maxBytes;

const PLAN_FILE = /\.(?:md|markdown|ya?ml)$/i;
const SKIPPED = /(?:^|\/)(?:node_modules|vendor|third_party|\.git)\//;
const EVIDENCE_FIELD =
  /^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?:Target File|Completion Evidence|Implementation Evidence|Test Evidence|Commit|Test File|Test Name)(?:\*\*|__)?\s*:|^\|.*\b(?:Completion Evidence|Target File|Test Evidence)\b.*\||^\s*-\s+\[[xX ]\]\s+T\d{3,}\b|^\s+evidence\s*:/im;

/** Candidate paths: the config's globs, or every Markdown/YAML file outside vendored folders. */
export function candidatePaths(tree: Tree, config: Config): string[] {
  const paths = [...tree.entries].filter(([, entry]) => entry.mode.startsWith('100')).map(([path]) => path);
  if (config.plans.length > 0) {
    const matches = picomatch(config.plans, { dot: true });
    return paths.filter((path) => matches(path)).sort();
  }
  return paths.filter((path) => PLAN_FILE.test(path) && !SKIPPED.test(path) && !path.startsWith('.github/')).sort().slice(0, MAX_CANDIDATES);
}

/** Labels common outside plans too (`File:`, `Status:`): they count under a task-id heading only. */
const PLAIN_FIELD = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?:File|Files|Test|Tests|Status|Evidence)(?:\*\*|__)?\s*:/im;
const TASK_HEADING = /^#{1,6}\s+(?:[^\w\n]{0,4}\s*)?[A-Z][A-Z0-9]*[-_.]?\d{2,}\b|^#{1,6}\s+[A-Z][A-Z0-9]*-\d+\b/m;

/** Whether a file's text reads as a plan: it holds evidence fields, a register, or tasks with ids. */
export function looksLikePlan(text: string): boolean {
  return EVIDENCE_FIELD.test(text) || (PLAIN_FIELD.test(text) && TASK_HEADING.test(text));
}

/**
 * The plans of a commit, parsed. Files named by the config's globs are plans whatever they hold;
 * without globs, only files that look like plans. A plan that cannot be parsed throws PlanError.
 */
export async function findPlans(reader: RepoReader, sha: string, config: Config): Promise<Plan[]> {
  const history = await reader.readHistory({ ref: sha, trees: new Set([sha]), commits: new Set() });
  const tree = history.trees.get(sha);
  if (!tree || 'error' in tree) throw new Error(`the files of ${sha.slice(0, 7)} could not be listed${tree ? `: ${tree.error}` : ''}`);
  const candidates = candidatePaths(tree, config);
  if (candidates.length === 0) return [];
  const blobs = await reader.readContents(new Map([[sha, new Set(candidates)]]), history.trees);
  const plans: Plan[] = [];
  for (const path of candidates) {
    const blob = blobs.get(`${sha}:${path}`);
    const named = config.plans.length > 0;
    // a file the config names as a plan and that cannot be one says so (neutral, with the reason);
    // a file only looked at as a candidate is passed over
    if (named && blob && !('error' in blob) && blob.size > MAX_PLAN_BYTES) throw tooLarge(path, blob.size, PLAN_LIMITS);
    if (named && blob && !('error' in blob) && blob.binary) throw new PlanError(path, 'the file is binary, not a Markdown or YAML plan');
    if (!blob || 'error' in blob || blob.text === undefined || blob.size > MAX_PLAN_BYTES) continue;
    if (!named && !looksLikePlan(blob.text)) continue;
    // off the event loop: a large plan must not hold the server's other deliveries
    plans.push(await sharedPlanParser.parse(path, blob.text));
  }
  return plans;
}
