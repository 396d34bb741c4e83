/**
 * Test reports from the commit's CI (GitHub Actions): the workflow runs of the head sha, their
 * artifacts whose names match `test_reports.artifacts`, downloaded as zips, unzipped and read by
 * the CLI's JUnit reader. Everything is size-capped. A failure never throws: whatever could not be
 * read is named (`unread`), so that a test that may have failed there is never said to pass.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import picomatch from 'picomatch';
import type { CiReports } from '../verify/checks/context.js';
import { parseJUnit, ReportError, type TestReport } from '../verify/junit.js';
import type { Octokit, Target } from './github-types.js';
import { describe } from './replies.js';

const MB = 1024 * 1024;

export interface ReportCaps {
  /** Bytes of one artifact's zip, as listed and as downloaded. */
  artifactBytes: number;
  /** Bytes of every zip downloaded for one commit. */
  downloadBytes: number;
  /** Bytes of one XML file, unzipped. */
  xmlBytes: number;
  /** Bytes of every XML file unzipped for one commit. */
  totalXmlBytes: number;
  /** XML files read for one commit. */
  xmlFiles: number;
  /** Artifacts downloaded for one commit. */
  artifacts: number;
}

export const DEFAULT_CAPS: ReportCaps = { artifactBytes: 20 * MB, downloadBytes: 100 * MB, xmlBytes: 5 * MB, totalXmlBytes: 50 * MB, xmlFiles: 500, artifacts: 30 };

/** Workflow runs listed a page at a time: more than this for one commit are not all read. */
const RUNS_PER_PAGE = 100;
/** Downloads at once. */
const PARALLEL = 4;

export interface WorkflowRun {
  id: number;
  name: string;
  status: string;
}

export interface CiTestReports {
  /** The JUnit reports read, in artifact then file order; null when none was. */
  reports: TestReport[] | null;
  ci: CiReports;
}

interface Artifact {
  id: number;
  name: string;
  size_in_bytes: number;
  expired: boolean;
}

/** The running totals of one commit's reading, against the caps. */
interface Budget {
  caps: ReportCaps;
  downloaded: number;
  unzipped: number;
  files: number;
}

/** The commit's workflow runs (the newest first, one page of them) and how many it has in all. */
export async function workflowRunsOf(octokit: Octokit, target: Target): Promise<{ runs: WorkflowRun[]; total: number }> {
  const { data } = await octokit.rest.actions.listWorkflowRunsForRepo({ owner: target.owner, repo: target.repo, head_sha: target.sha, per_page: RUNS_PER_PAGE });
  const runs = data.workflow_runs.map((run) => ({ id: run.id, name: run.name ?? `run ${run.id}`, status: run.status ?? 'unknown' }));
  return { runs, total: data.total_count };
}

/** The runs not completed yet (queued, in progress, waiting...). */
export function stillRunning(runs: WorkflowRun[]): WorkflowRun[] {
  return runs.filter((run) => run.status !== 'completed');
}

export async function readCiTestReports(octokit: Octokit, target: Target, patterns: string[], caps: ReportCaps = DEFAULT_CAPS): Promise<CiTestReports> {
  let listed: Awaited<ReturnType<typeof workflowRunsOf>>;
  try {
    listed = await workflowRunsOf(octokit, target);
  } catch (error) {
    return unreadable(`the workflow runs could not be listed: ${apiFault(error)}`);
  }
  const running = stillRunning(listed.runs);
  if (running.length > 0) return { reports: null, ci: { state: 'running', runs: running.map((run) => run.name) } };
  if (listed.runs.length === 0) return found([], [], 'no workflow run was found for it');
  const unread: string[] = [];
  if (listed.total > listed.runs.length) unread.push(`only the newest ${listed.runs.length} of its ${listed.total} workflow runs were read`);
  const wanted = picomatch(patterns, { dot: true });
  const listings = await inBatches(listed.runs, (run) => artifactsOf(octokit, target, run));
  const all: Artifact[] = [];
  listings.forEach((listing, i) => {
    const run = listed.runs[i]!.name;
    if ('error' in listing) unread.push(`the artifacts of workflow run '${run}' could not be listed: ${listing.error}`);
    else if (listing.total > listing.artifacts.length) unread.push(`only ${listing.artifacts.length} of the ${listing.total} artifacts of workflow run '${run}' were listed`);
    if (!('error' in listing)) all.push(...listing.artifacts);
  });
  const artifacts = all.filter((artifact) => wanted(artifact.name));
  if (artifacts.length === 0) {
    const runs = plural(listed.runs.length, 'workflow run');
    return found([], unread, all.length === 0 ? `its ${runs} uploaded no artifact` : `no artifact of its ${runs} matches test_reports.artifacts (${patterns.join(', ')})`);
  }
  const budget: Budget = { caps, downloaded: 0, unzipped: 0, files: 0 };
  const taken = artifacts.slice(0, caps.artifacts);
  if (artifacts.length > taken.length) unread.push(`${artifacts.length - taken.length} of ${artifacts.length} artifacts were not read (at most ${caps.artifacts} are)`);
  const zips = await inBatches(taken, (artifact) => downloadZip(octokit, target, artifact, budget));
  const reports: TestReport[] = [];
  zips.forEach((zip, i) => {
    const read = zip instanceof Uint8Array ? readZip(taken[i]!.name, zip, budget) : { reports: [], unread: [zip.unread] };
    reports.push(...read.reports);
    unread.push(...read.unread);
  });
  return found(reports, unread, `none of its ${plural(taken.length, 'artifact')} (${names(taken)}) holds a JUnit XML file`);
}

function found(reports: TestReport[], unread: string[], missing: string): CiTestReports {
  return { reports: reports.length > 0 ? reports : null, ci: { state: 'completed', missing, unread } };
}

function unreadable(reason: string): CiTestReports {
  return { reports: null, ci: { state: 'completed', missing: reason, unread: [reason] } };
}

/** A run's artifacts (one page of them) and how many it has in all. */
async function artifactsOf(octokit: Octokit, target: Target, run: WorkflowRun): Promise<{ artifacts: Artifact[]; total: number } | { error: string }> {
  try {
    const { data } = await octokit.rest.actions.listWorkflowRunArtifacts({ owner: target.owner, repo: target.repo, run_id: run.id, per_page: 100 });
    return { artifacts: data.artifacts.map(({ id, name, size_in_bytes, expired }) => ({ id, name, size_in_bytes, expired })), total: data.total_count };
  } catch (error) {
    return { error: apiFault(error) };
  }
}

/** One artifact's zip, downloaded within the caps; or why it was not. */
async function downloadZip(octokit: Octokit, target: Target, artifact: Artifact, budget: Budget): Promise<Uint8Array | { unread: string }> {
  const { caps } = budget;
  const skip = (why: string) => ({ unread: `artifact '${artifact.name}' ${why}` });
  if (artifact.expired) return skip('has expired');
  if (artifact.size_in_bytes > caps.artifactBytes) return skip(`is ${sizeOf(artifact.size_in_bytes)}, more than the ${sizeOf(caps.artifactBytes)} read`);
  // reserved before the first await: downloads started together take the budget in artifact order
  if (budget.downloaded + artifact.size_in_bytes > caps.downloadBytes) return skip(`was not downloaded: the artifacts of one commit are read up to ${sizeOf(caps.downloadBytes)}`);
  budget.downloaded += artifact.size_in_bytes;
  try {
    const response = await octokit.rest.actions.downloadArtifact({ owner: target.owner, repo: target.repo, artifact_id: artifact.id, archive_format: 'zip', request: { parseSuccessResponseBody: false } });
    return await bytesOf(response.data, caps.artifactBytes);
  } catch (error) {
    return skip(`could not be downloaded: ${error instanceof TooLarge ? `it is more than the ${sizeOf(caps.artifactBytes)} read` : apiFault(error)}`);
  }
}

/** The JUnit XML files of one zip, parsed, within the caps (unzipped in artifact order: the same budget each time). */
function readZip(artifact: string, zip: Uint8Array, budget: Budget): { reports: TestReport[]; unread: string[] } {
  const unread: string[] = [];
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, { filter: (file) => admits(file, artifact, budget, unread) });
  } catch (error) {
    return { reports: [], unread: [...unread, `artifact '${artifact}' is not a readable zip: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const reports: TestReport[] = [];
  for (const path of Object.keys(files).sort()) {
    const source = `${artifact}/${path}`;
    try {
      reports.push(parseJUnit(new TextDecoder().decode(files[path]), source));
    } catch (error) {
      // XML that is not JUnit (coverage, lint results) is no test report; a broken one may have been
      if (!(error instanceof ReportError && /not a JUnit report/.test(error.message))) unread.push(`${source} could not be read: ${error instanceof ReportError ? error.message.slice(source.length + 2) : String(error)}`);
    }
  }
  return { reports, unread };
}

/** Whether to unzip an entry: an XML file within the caps (an XML file over them is named in `unread`). */
function admits(file: UnzipFileInfo, artifact: string, budget: Budget, unread: string[]): boolean {
  const { caps } = budget;
  const base = file.name.slice(file.name.lastIndexOf('/') + 1);
  // macOS resource forks (`__MACOSX/`, `._name.xml`) are not the files they sit beside
  if (!/\.xml$/i.test(base) || base.startsWith('._') || file.name.startsWith('__MACOSX/')) return false;
  // a stored entry is copied at its stored size; a deflated one is inflated into its declared size
  const size = Math.max(file.size, file.originalSize);
  const refusal =
    size > caps.xmlBytes
      ? `is ${sizeOf(size)}, more than the ${sizeOf(caps.xmlBytes)} read per file`
      : budget.files >= caps.xmlFiles
        ? `was not read: at most ${caps.xmlFiles} XML files are read per commit`
        : budget.unzipped + size > caps.totalXmlBytes
          ? `was not read: at most ${sizeOf(caps.totalXmlBytes)} of XML is read per commit`
          : null;
  if (refusal) {
    unread.push(`${artifact}/${file.name} ${refusal}`);
    return false;
  }
  budget.files += 1;
  budget.unzipped += size;
  return true;
}

class TooLarge extends Error {}

/** The body's bytes, read no further than `cap`: a stream (as asked for) or an already-read buffer. */
async function bytesOf(data: unknown, cap: number): Promise<Uint8Array> {
  if (data instanceof ArrayBuffer) return capped(new Uint8Array(data), cap);
  if (data instanceof Uint8Array) return capped(data, cap);
  if (!(data instanceof ReadableStream)) throw new Error('GitHub answered without the artifact’s bytes');
  const reader = (data as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > cap) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) bytes.set(chunk, (at += chunk.byteLength) - chunk.byteLength);
  return bytes;
}

function capped(bytes: Uint8Array, cap: number): Uint8Array {
  if (bytes.byteLength > cap) throw new TooLarge();
  return bytes;
}

/** GitHub's refusal, with the fix when it is the permission the App lacks. */
function apiFault(error: unknown): string {
  const status = (error as { status?: number } | null)?.status;
  const missing = status === 403 && /not accessible by integration/i.test(error instanceof Error ? error.message : '');
  return missing ? `${describe(error)} (the App needs the Actions read permission: accept it in the installation's settings)` : describe(error);
}

/** `work` over `items`, PARALLEL at a time, the results in the items' order. */
async function inBatches<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL) results.push(...(await Promise.all(items.slice(i, i + PARALLEL).map(work))));
  return results;
}

function names(artifacts: Artifact[]): string {
  const shown = artifacts.slice(0, 3).map((a) => `'${a.name}'`).join(', ');
  return artifacts.length > 3 ? `${shown} and ${artifacts.length - 3} more` : shown;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [value, unit] = bytes < MB ? [bytes / 1024, 'KB'] : [bytes / MB, 'MB'];
  return `${value.toFixed(1).replace(/\.0$/, '')} ${unit}`;
}
