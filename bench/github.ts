/**
 * The GitHub face: verifyPlans through GitHubRepoReader against the loopback fake GitHub (in its
 * own process, 100 ms of latency per request), with an Octokit built as the App builds it
 * (ProbotOctokit, retries on, Probot's throttling on: GraphQL calls and writes about 1 s apart, at
 * most 10 requests in flight). The fake counts requests by kind. Beside it the naive reader
 * (bench/naive-github.ts), on 100 and 1,000 claims; at 10,000 (over 20 minutes at 100 ms a request)
 * its cost is extrapolated linearly from 1,000, and the row says so.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ProbotOctokit } from 'probot';
import { GitHubRepoReader } from '../src/repo/github.js';
import { newReaderCaches } from '../src/repo/github-caches.js';
import type { RepoReader } from '../src/repo/types.js';
import { verifyPlans } from '../src/verify/verify.js';
import type { FakeStats } from './fake-server.js';
import type { Manifest } from './generate.js';
import { naiveGitHubReader } from './naive-github.js';
import { loadPlan } from './plan-cache.js';
import { tallyCodes, tallyDifferences } from './tally.js';
import { timedReader } from './timed-reader.js';

export interface GitHubRow {
  claims: number;
  design: 'claimcheck' | 'naive';
  seconds: number;
  /** Seconds during which a read was in flight (the rest is checking). */
  readSeconds: number;
  graphql: number;
  restReads: number;
  /** REST reads that were pages of a commit's file list. */
  commitPages: number;
  writes: number;
  total: number;
  /** Round trips in sequence (requests in flight together count once), with and without commit pages. */
  rounds: number;
  roundsBesideCommitPages: number;
  fakeCpuSeconds: number;
  /** Set when the row is a linear extrapolation from a measured size, not a measurement. */
  extrapolatedFrom?: number;
  mixDifferences: string[];
}

export interface GitHubOptions {
  latencyMs: number;
  throttled: boolean;
  /** Plan sizes the naive reader runs on; larger plans get a row extrapolated from the largest of them. */
  naiveSizes: number[];
  log: (line: string) => void;
}

export const DEFAULT_GITHUB_OPTIONS: GitHubOptions = { latencyMs: 100, throttled: true, naiveSizes: [100, 1000], log: () => undefined };

const REPOSITORY = { owner: 'acme', repo: 'widgets' };

export async function benchGitHub(manifest: Manifest, projectRoot: string, options: GitHubOptions = DEFAULT_GITHUB_OPTIONS): Promise<{ rows: GitHubRow[]; latencyMs: number; throttled: boolean }> {
  const fake = await startFake(projectRoot, manifest.dir, options.latencyMs);
  try {
    const octokit = new ProbotOctokit({
      auth: { token: 'bench-token' },
      baseUrl: fake.url,
      // retries on (Probot's default): a dropped keep-alive connection is retried, as in the App
      throttle: { enabled: options.throttled, id: 'bench-installation', onRateLimit: () => false, onSecondaryRateLimit: () => false },
    });
    const rows: GitHubRow[] = [];
    let lastNaive: GitHubRow | null = null;
    for (const facts of manifest.plans) {
      const { plan } = loadPlan(manifest.dir, facts.path);
      const run = async (design: GitHubRow['design'], reader: RepoReader): Promise<GitHubRow> => {
        await fake.ask('reset');
        const { reader: timed, clock } = timedReader(reader);
        const started = performance.now();
        const report = await verifyPlans([plan], timed, { ref: manifest.head });
        const seconds = (performance.now() - started) / 1000;
        const { cpuSeconds, ...counts } = (await fake.ask('stats')).stats as FakeStats;
        const row: GitHubRow = { claims: facts.claims, design, seconds, readSeconds: clock.seconds(), ...counts, fakeCpuSeconds: cpuSeconds, mixDifferences: tallyDifferences(facts.expected, tallyCodes(report)) };
        options.log(`github ${facts.claims} claims  ${design.padEnd(10)}  ${row.seconds.toFixed(1)} s  ${row.graphql} GraphQL, ${row.restReads} REST reads, ${row.writes} writes, ${row.rounds} round trips in sequence`);
        return row;
      };
      // fresh caches: every run reads cold, as the first push of a repository does
      rows.push(await run('claimcheck', new GitHubRepoReader(octokit, REPOSITORY, newReaderCaches())));
      if (options.naiveSizes.includes(facts.claims)) {
        lastNaive = await run('naive', naiveGitHubReader([plan], octokit, REPOSITORY));
        rows.push(lastNaive);
      } else if (lastNaive && facts.claims > Math.max(...options.naiveSizes)) {
        rows.push(extrapolate(lastNaive, facts.claims));
        options.log(`github ${facts.claims} claims  naive       ${rows.at(-1)!.seconds.toFixed(0)} s (extrapolated from ${lastNaive.claims} claims)`);
      }
    }
    return { rows, latencyMs: options.latencyMs, throttled: options.throttled };
  } finally {
    await fake.stop();
  }
}

/** The naive reader's cost is per claim: scale a measured row to `claims`. */
function extrapolate(row: GitHubRow, claims: number): GitHubRow {
  const k = claims / row.claims;
  const scale = (n: number): number => Math.round(n * k);
  return { ...row, claims, seconds: row.seconds * k, readSeconds: row.readSeconds * k, graphql: scale(row.graphql), restReads: scale(row.restReads), commitPages: scale(row.commitPages), writes: scale(row.writes), total: scale(row.total), rounds: scale(row.rounds), roundsBesideCommitPages: scale(row.roundsBesideCommitPages), fakeCpuSeconds: row.fakeCpuSeconds * k, extrapolatedFrom: row.claims, mixDifferences: [] };
}

interface Fake {
  url: string;
  ask(type: 'reset' | 'stats'): Promise<{ type: string; stats?: FakeStats }>;
  stop(): Promise<void>;
}

async function startFake(projectRoot: string, dir: string, latencyMs: number): Promise<Fake> {
  const child: ChildProcess = fork(join(projectRoot, 'bench', 'fake-server.ts'), [dir, String(latencyMs)], { cwd: projectRoot, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = (): Promise<{ type: string; url?: string; stats?: FakeStats }> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`the fake GitHub exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (message) => {
        child.off('exit', onExit);
        resolve(message as { type: string; url?: string; stats?: FakeStats });
      });
    });
  const ready = await next();
  return {
    url: ready.url!,
    async ask(type) {
      const answer = next();
      child.send({ type });
      return answer;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      await exited;
    },
  };
}
