/**
 * The local face: the real CLI (`node bin/claimcheck.js verify PLAN --repo DIR --format json`) per
 * plan size, several runs, median wall time and peak RSS; beside it the naive baseline
 * (bench/naive-local.ts: one git process per claim), measured the same way. Where the naive run
 * would take too long it runs on a sample of the plan and its per-claim cost is extrapolated
 * linearly; the result says so. An in-process run splits claimcheck's time into parse, read, check.
 */
import { join } from 'node:path';
import { GitRepoReader } from '../src/repo/git.js';
import { verifyPlans } from '../src/verify/verify.js';
import type { Manifest } from './generate.js';
import { bundle, measure, median, RSS_METHOD } from './measure.js';
import { loadPlan } from './plan-cache.js';
import { tallyDifferences, tallyJson, type Tally } from './tally.js';
import { timedReader } from './timed-reader.js';

export interface LocalRow {
  claims: number;
  design: 'claimcheck' | 'naive';
  /** Median wall time; for a sampled naive run, the linear extrapolation to the whole plan. */
  seconds: number;
  runs: number[];
  peakRssMb: number | null;
  /** Set when the naive baseline ran on a sample: what was measured. */
  sample?: { claims: number; seconds: number; perClaimSeconds: number };
  gitProcesses?: number;
  /** Empty when every verdict code came out as the generator expects. */
  mixDifferences: string[];
  summary: { claims: number; verified: number; unverified: number; unknown: number };
}

export interface Breakdown {
  claims: number;
  parse: number;
  read: number;
  check: number;
}

export interface LocalOptions {
  oursRuns: (claims: number) => number;
  naiveRuns: (claims: number) => number;
  /** Plans larger than this run the naive baseline on a sample of `naiveSample` claims. */
  naiveFullUpTo: number;
  naiveSample: number;
  log: (line: string) => void;
}

export const DEFAULT_LOCAL_OPTIONS: LocalOptions = {
  oursRuns: (n) => (n >= 10000 ? 3 : 5),
  naiveRuns: (n) => (n <= 100 ? 3 : 1),
  naiveFullUpTo: 1000,
  naiveSample: 1000,
  log: () => undefined,
};

export async function benchLocal(manifest: Manifest, projectRoot: string, options: LocalOptions = DEFAULT_LOCAL_OPTIONS): Promise<{ rows: LocalRow[]; breakdown: Breakdown[]; rssMethod: string }> {
  const rows: LocalRow[] = [];
  const breakdown: Breakdown[] = [];
  const naiveScript = await bundle('bench/naive-local.ts', projectRoot);
  for (const facts of manifest.plans) {
    const plan = join(manifest.dir, facts.path);
    const cli = ['bin/claimcheck.js', 'verify', plan, '--repo', manifest.dir, '--format', 'json'];
    const ours = [];
    for (let i = 0; i < options.oursRuns(facts.claims); i++) {
      const sample = await measure(process.execPath, cli, projectRoot);
      if (sample.exitCode !== 0 && sample.exitCode !== 1) throw new Error(`claimcheck verify ${facts.path} exited ${sample.exitCode}: ${sample.stderr.trim()}`);
      ours.push(sample);
    }
    const json = JSON.parse(ours[0]!.stdout) as Parameters<typeof tallyJson>[0] & { summary: LocalRow['summary'] };
    rows.push({
      claims: facts.claims,
      design: 'claimcheck',
      seconds: median(ours.map((s) => s.seconds)),
      runs: ours.map((s) => s.seconds),
      peakRssMb: medianOrNull(ours.map((s) => s.peakRssMb)),
      mixDifferences: tallyDifferences(facts.expected, tallyJson(json)),
      summary: json.summary,
    });
    options.log(`local  ${facts.claims} claims  claimcheck  ${fmt(rows.at(-1)!.seconds)} s  ${fmtMb(rows.at(-1)!.peakRssMb)}`);

    const sampled = facts.claims > options.naiveFullUpTo;
    const naiveArgs = [naiveScript, plan, '--repo', manifest.dir, ...(sampled ? ['--limit', String(options.naiveSample)] : [])];
    const naive = [];
    for (let i = 0; i < options.naiveRuns(facts.claims); i++) naive.push(await measure(process.execPath, naiveArgs, projectRoot));
    const outputs = naive.map((s) => {
      if (s.exitCode !== 0) throw new Error(`naive baseline on ${facts.path} exited ${s.exitCode}: ${s.stderr.trim()}`);
      return JSON.parse(s.stdout) as NaiveOutput;
    });
    const out = outputs[0]!;
    const measured = median(naive.map((s) => s.seconds));
    const perClaim = median(outputs.map((o) => (o.phases.read + o.phases.check) / o.claims));
    // parse and start-up were measured on the whole plan; reads and checks grow with the claims
    const seconds = sampled ? measured + perClaim * (facts.claims - out.claims) : measured;
    rows.push({
      claims: facts.claims,
      design: 'naive',
      seconds,
      runs: naive.map((s) => s.seconds),
      peakRssMb: medianOrNull(naive.map((s) => s.peakRssMb)),
      ...(sampled ? { sample: { claims: out.claims, seconds: measured, perClaimSeconds: perClaim } } : {}),
      gitProcesses: sampled ? Math.round((out.processes / out.claims) * facts.claims) : out.processes,
      mixDifferences: sampled ? [] : tallyDifferences(facts.expected, out.codes),
      summary: out.summary,
    });
    options.log(`local  ${facts.claims} claims  naive       ${fmt(seconds)} s${sampled ? ` (extrapolated from ${out.claims} claims in ${fmt(measured)} s)` : ''}  ${fmtMb(rows.at(-1)!.peakRssMb)}`);

    breakdown.push(await phases(manifest, facts.path, facts.claims));
  }
  return { rows, breakdown, rssMethod: RSS_METHOD };
}

interface NaiveOutput {
  claims: number;
  summary: LocalRow['summary'];
  codes: Tally;
  processes: number;
  phases: { parse: number; read: number; check: number };
}

/** claimcheck's time split in one in-process run: parse, reads (the reader's calls), checks (the rest). */
async function phases(manifest: Manifest, planPath: string, claims: number): Promise<Breakdown> {
  const { plan, parseSeconds } = loadPlan(manifest.dir, planPath);
  const started = performance.now();
  const { reader, clock } = timedReader(new GitRepoReader(manifest.dir));
  await verifyPlans([plan], reader, { ref: manifest.head });
  const verify = (performance.now() - started) / 1000;
  return { claims, parse: parseSeconds, read: clock.seconds(), check: verify - clock.seconds() };
}

function medianOrNull(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? median(known) : null;
}

export const fmt = (seconds: number): string => (seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1));
export const fmtMb = (mb: number | null): string => (mb === null ? 'n/a' : `${Math.round(mb)} MB`);
