/**
 * The soak test: signed deliveries (good pushes, forged signatures, redeliveries) driven at the
 * App's real HTTP server while the fake GitHub fails a share of its requests with 5xx. It counts
 * what became of every delivery: a completed check run, a neutral one, or only a log line saying
 * not even that could be written (GitHub refused every attempt); anything else is a lost delivery.
 * Used by test/app/soak.test.ts (a short run) and bench/soak.ts (the 1,000-delivery run).
 */
import { execFileSync } from 'node:child_process';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { readServerEnv } from '../../src/app/env.js';
import { startServer } from '../../src/app/server.js';
import { FakeGitHub } from './fake-github.js';
import { TestRepo } from './repo.js';
import { payloadOf } from './webhooks.js';

export interface SoakOptions {
  deliveries: number;
  /** Share of GitHub requests answered 500/502/504. */
  faultRate: number;
  seed?: number;
  /** Deliveries in flight at once. */
  concurrency?: number;
  /** Called with the process's heap after each quarter of the run (after a GC when exposed). */
  onQuarter?: (quarter: number, heapUsed: number, rss: number) => void;
}

export interface SoakResult {
  deliveries: { good: number; forged: number; redelivered: number };
  /** Good deliveries: concluded failure (the plan's true verdict), neutral, or unreportable. */
  outcomes: { failure: number; neutral: number; success: number; unreportable: number; lost: number };
  /** HTTP statuses the App answered, by kind of delivery. */
  statuses: Record<string, Record<number, number>>;
  /** Check runs written for redelivered ids beyond the first delivery's. */
  duplicateRuns: number;
  faultsInjected: number;
  requests: number;
  seconds: number;
  heap: Array<{ quarter: number; heapUsedMb: number; rssMb: number }>;
}

const SECRET = 'soak-webhook-secret-0123456789';
const PLAN = [
  '# Plan',
  '',
  '#### S-001 - Checkout',
  '- **Status:** Done',
  '- **File:** `src/checkout.ts:L1-L5`',
  '',
  '#### S-002 - Refunds',
  '- **Status:** Done',
  '- **File:** `src/refunds.ts`',
  '',
].join('\n');

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const { deliveries, faultRate, seed = 7, concurrency = 24 } = options;
  const repo = await TestRepo.create();
  const github = new FakeGitHub(repo.dir);
  const lines: string[] = [];
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    await repo.commit('checkout and its plan', { 'src/checkout.ts': Array.from({ length: 12 }, (_, i) => `export const step${i} = ${i};`).join('\n') + '\n', 'docs/PLAN.md': PLAN });
    const shas = emptyCommits(repo.dir, deliveries);
    await github.start();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const env = readServerEnv({ WEBHOOK_SECRET: SECRET, APP_ID: '1', PRIVATE_KEY: privateKey, HOST: '127.0.0.1', PORT: '3000', GITHUB_API_URL: github.url, LOG_LEVEL: 'info', LOG_FORMAT: 'json' });
    if (!env.ok) throw new Error(env.message);
    server = await startServer({ ...env.config, port: 0 }, undefined, {
      logDestination: { write: (line: string) => void lines.push(line) },
      faultPolicy: { retries: 2, retryAfterBaseValue: 5, timeoutMs: 10_000, maxRateLimitWaitSeconds: 1 },
    });
    github.faults = { rate: faultRate, seed };
    const url = `${server.url}/api/github/webhooks`;
    const plan = planDeliveries(deliveries, seed);
    const statuses: SoakResult['statuses'] = { good: {}, forged: {}, redelivered: {} };
    const goodIds = new Map<string, string>();
    const heap: SoakResult['heap'] = [];
    const started = performance.now();
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      while (next < plan.length) {
        const i = next++;
        const kind = plan[i]!;
        // a redelivery repeats an earlier good delivery, byte for byte, under its id
        const earlier = kind === 'redelivered' ? [...goodIds.keys()][i % Math.max(1, goodIds.size)] : undefined;
        const id = earlier ?? `soak-${i}`;
        const sha = earlier ? goodIds.get(earlier)! : shas[i]!;
        const body = JSON.stringify(payloadOf('push', { owner: 'acme', repo: 'widgets', sha, installation: 1 + (i % 40) }));
        if (kind === 'good') goodIds.set(id, sha);
        const signature = kind === 'forged' ? `sha256=${'0'.repeat(64)}` : `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': id, 'x-hub-signature-256': signature }, body });
        await response.text();
        const kindStatuses = statuses[kind === 'redelivered' && !earlier ? 'good' : kind]!;
        kindStatuses[response.status] = (kindStatuses[response.status] ?? 0) + 1;
        done++;
        if (done % Math.ceil(plan.length / 4) === 0) heap.push(sample(done / plan.length));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    // GitHub's 10 s budget: the App answers 202 for a delivery still being handled, and goes on
    await settled(() => outcomesOf(goodIds, github, lines).lost === 0, () => github.requests.length);
    const seconds = (performance.now() - started) / 1000;
    if (heap.length < 4) heap.push(sample(1));
    for (const h of heap) options.onQuarter?.(h.quarter, h.heapUsedMb, h.rssMb);
    return {
      deliveries: { good: goodIds.size, forged: plan.filter((k) => k === 'forged').length, redelivered: plan.filter((k) => k === 'redelivered').length },
      outcomes: outcomesOf(goodIds, github, lines),
      statuses,
      duplicateRuns: [...new Set(goodIds.values())].reduce((n, sha) => n + Math.max(0, github.checkRuns.filter((r) => r.head_sha === sha && r.status === 'completed').length - 1), 0),
      faultsInjected: github.injected.length,
      requests: github.requests.length,
      seconds,
      heap,
      ...(process.env['SOAK_TRACE'] ? { trace: github.requests.map((r) => `${r.at} ${r.method} ${r.path}`) } : {}),
    };
  } finally {
    await server?.close();
    await github.stop();
    await repo.remove();
  }
}

/** Resolves when `done`, or when nothing has happened for 15 s (what is left then is lost). */
async function settled(done: () => boolean, activity: () => number): Promise<void> {
  let last = activity();
  let quietSince = performance.now();
  while (!done() && performance.now() - quietSince < 15_000) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = activity();
    if (now !== last) {
      last = now;
      quietSince = performance.now();
    }
  }
}

/** 70 % good pushes, 15 % forged signatures, 15 % redeliveries, in a seeded order. */
function planDeliveries(n: number, seed: number): Array<'good' | 'forged' | 'redelivered'> {
  let state = seed;
  const random = (): number => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, (_, i) => {
    if (i < 5) return 'good';
    const r = random();
    return r < 0.7 ? 'good' : r < 0.85 ? 'forged' : 'redelivered';
  });
}

/** `n` empty commits on top of HEAD, by git fast-import (one process, not n). */
function emptyCommits(dir: string, n: number): string[] {
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir }).toString().trim();
  const stream = Array.from({ length: n }, (_, i) => `commit refs/heads/main\nmark :${i + 1}\ncommitter Soak <soak@example.com> ${1_700_000_000 + i} +0000\ndata 7\nsoak ${String(i % 10)}\n${i === 0 ? `from ${head}\n` : ''}\n`).join('');
  execFileSync('git', ['fast-import', '--quiet', `--export-marks=${dir}/.git/soak-marks`], { cwd: dir, input: stream });
  const marks = new Map(execFileSync('cat', [`${dir}/.git/soak-marks`]).toString().trim().split('\n').map((l) => l.split(' ') as [string, string]));
  return Array.from({ length: n }, (_, i) => marks.get(`:${i + 1}`)!);
}

function outcomesOf(good: Map<string, string>, github: FakeGitHub, lines: string[]): SoakResult['outcomes'] {
  const outcomes = { failure: 0, neutral: 0, success: 0, unreportable: 0, lost: 0 };
  const unreportable = new Set(
    lines
      .map((line) => JSON.parse(line) as { delivery?: string; msg?: string })
      .filter((entry) => entry.msg === 'could not even conclude the check run')
      .map((entry) => entry.delivery),
  );
  for (const [id, sha] of good) {
    const run = github.checkRuns.find((r) => r.head_sha === sha && r.status === 'completed');
    if (run?.conclusion === 'failure' || run?.conclusion === 'neutral' || run?.conclusion === 'success') outcomes[run.conclusion]++;
    else if (unreportable.has(id)) outcomes.unreportable++;
    else outcomes.lost++;
  }
  return outcomes;
}

function sample(quarter: number): { quarter: number; heapUsedMb: number; rssMb: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return { quarter, heapUsedMb: Math.round(heapUsed / 1e5) / 10, rssMb: Math.round(rss / 1e5) / 10 };
}
