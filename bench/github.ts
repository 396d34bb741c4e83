/**
 * The GitHub face: verifyPlans through GitHubRepoReader against the loopback fake GitHub (in its
 * own process, 100 ms of latency per request), with an Octokit built as the App builds it
 * (ProbotOctokit, retries on, Probot's throttling on: GraphQL calls and writes about 1 s apart, at
 * most 10 requests in flight). The fake counts requests by kind. Beside it the naive reader
 * (bench/naive-github.ts), on 100 and 1,000 claims; at 10,000 (over 20 minutes at 100 ms a request)
 * its cost is extrapolated linearly from 1,000, and the row says so.
 *
 * Then the App itself, as deployed (startServer: Probot, the fault policy, the throttle lane per
 * installation), receives one signed push per plan size up to 1,000 claims, with the plan named in
 * the repository's config: every request of that delivery is counted, the check run's writes
 * included, and its title must match what verifyPlans found.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { ProbotOctokit } from 'probot';
import { readServerEnv } from '../src/app/env.js';
import { startServer } from '../src/app/server.js';
import { headline } from '../src/report/links.js';
import { GitHubRepoReader } from '../src/repo/github.js';
import { clearSharedReaderCaches, newReaderCaches } from '../src/repo/github-caches.js';
import { payloadOf } from '../test/helpers/webhooks.js';
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
  /** `app`: one push delivered to the App, every request of the delivery (writes included). */
  design: 'claimcheck' | 'naive' | 'app';
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
  /** Plan sizes pushed to the App. */
  appSizes: number[];
  log: (line: string) => void;
}

export const DEFAULT_GITHUB_OPTIONS: GitHubOptions = { latencyMs: 100, throttled: true, naiveSizes: [100, 1000], appSizes: [100, 300, 1000], log: () => undefined };

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
    /** verifyPlans' headline per plan size: the App's check run must say the same. */
    const titles = new Map<number, string>();
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
        const { checkRuns: _none, ...requests } = counts;
        const row: GitHubRow = { claims: facts.claims, design, seconds, readSeconds: clock.seconds(), ...requests, fakeCpuSeconds: cpuSeconds, mixDifferences: tallyDifferences(facts.expected, tallyCodes(report)) };
        if (design === 'claimcheck') titles.set(facts.claims, headline(report.summary));
        options.log(`github ${facts.claims} claims  ${design.padEnd(10)}  ${row.seconds.toFixed(1)} s  ${row.graphql} GraphQL, ${row.restReads} REST reads, ${row.writes} writes, ${row.rounds} round trips in sequence`);
        return row;
      };
      // fresh caches: every run reads cold, as the first push of a repository does
      const ours = await run('claimcheck', new GitHubRepoReader(octokit, REPOSITORY, newReaderCaches()));
      rows.push(ours);
      if (options.naiveSizes.includes(facts.claims)) {
        lastNaive = await run('naive', naiveGitHubReader([plan], octokit, REPOSITORY));
        rows.push(lastNaive);
      } else if (lastNaive && facts.claims > Math.max(...options.naiveSizes)) {
        rows.push(extrapolate(lastNaive, facts.claims));
        options.log(`github ${facts.claims} claims  naive       ${rows.at(-1)!.seconds.toFixed(0)} s (extrapolated from ${lastNaive.claims} claims)`);
      }
    }
    const pushed = manifest.plans.filter((facts) => options.appSizes.includes(facts.claims));
    if (pushed.length > 0) {
      const app = await startApp(fake.url);
      try {
        for (const facts of pushed) {
          const row = await appPush(fake, app, manifest.head, facts.path, facts.claims, titles.get(facts.claims));
          options.log(`github ${facts.claims} claims  App push    ${row.seconds.toFixed(1)} s  ${row.graphql} GraphQL, ${row.restReads} REST reads, ${row.writes} writes, ${row.rounds} round trips in sequence`);
          rows.push(row);
        }
      } finally {
        await app.close();
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

interface App {
  deliver(event: string, payload: unknown): Promise<number>;
  close(): Promise<void>;
}

const SECRET = 'bench-webhook-secret';

/** The App as deployed, on 127.0.0.1, talking to the fake; its logs are dropped. */
async function startApp(githubUrl: string): Promise<App> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const env = readServerEnv({ WEBHOOK_SECRET: SECRET, APP_ID: '1', PRIVATE_KEY: privateKey, HOST: '127.0.0.1', PORT: '3000', GITHUB_API_URL: githubUrl, LOG_LEVEL: 'error', LOG_FORMAT: 'json' });
  if (!env.ok) throw new Error(env.message);
  const server = await startServer({ ...env.config, port: 0 }, undefined, { logDestination: { write: () => undefined } });
  let deliveries = 0;
  return {
    async deliver(event, payload) {
      const body = JSON.stringify(payload);
      const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
      const response = await fetch(`${server.url}/api/github/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': `bench-${++deliveries}`, 'x-hub-signature-256': signature }, body });
      await response.text();
      return response.status;
    },
    close: () => server.close(),
  };
}

/** One push of the plan at `planPath` (named in the repository's config), from delivery to completed check run, caches cold. */
async function appPush(fake: Fake, app: App, head: string, planPath: string, claims: number, expectedTitle: string | undefined): Promise<GitHubRow> {
  await fake.ask('config', `plans:\n  - ${planPath}\n`);
  await fake.ask('reset');
  clearSharedReaderCaches();
  const started = performance.now();
  const status = await app.deliver('push', payloadOf('push', { owner: REPOSITORY.owner, repo: REPOSITORY.repo, sha: head }));
  if (status !== 200 && status !== 202) throw new Error(`the App answered the push with HTTP ${status}`);
  // past GitHub's 10 s budget the App answers 202 and goes on: wait for the completed run
  let stats: FakeStats;
  for (;;) {
    stats = (await fake.ask('stats')).stats as FakeStats;
    if (stats.checkRuns.some((run) => run.status === 'completed')) break;
    if (performance.now() - started > 600_000) throw new Error(`the App wrote no completed check run for ${planPath} in 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  const { cpuSeconds, checkRuns, ...counts } = stats;
  const run = checkRuns.find((r) => r.status === 'completed')!;
  const differences = run.title === expectedTitle ? [] : [`the App's check run says '${run.title}', verifyPlans '${expectedTitle}'`];
  return { claims, design: 'app', seconds, readSeconds: Number.NaN, ...counts, fakeCpuSeconds: cpuSeconds, mixDifferences: differences };
}

interface Fake {
  url: string;
  ask(type: 'reset' | 'stats' | 'config', config?: string): Promise<{ type: string; stats?: FakeStats }>;
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
    async ask(type, config) {
      const answer = next();
      child.send({ type, ...(config === undefined ? {} : { config }) });
      return answer;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      await exited;
    },
  };
}
