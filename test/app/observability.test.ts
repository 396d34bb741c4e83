/**
 * GET /health, /ready and /metrics on the App's server, and the GitHub request metrics of the
 * Octokit it builds. GitHub is a loopback server here: the fake GitHub for whole deliveries, a
 * scripted one for the readiness probe and the request metrics.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProbotOctokit } from 'probot';
import { readServerEnv, type ServerConfig } from '../../src/app/env.js';
import { appMetrics, githubMetricsPlugin, instrumentedOctokit, observedFetch, recordClaims, requestKind } from '../../src/app/metrics.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/app/server.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { lines, TestRepo } from '../helpers/repo.js';
import { eventOf, payloadOf, type Scenario } from '../helpers/webhooks.js';

const SECRET = 'observability-secret';
const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

function configFor(apiUrl: string): ServerConfig {
  const env = readServerEnv({ WEBHOOK_SECRET: SECRET, APP_ID: '1', PRIVATE_KEY: privateKey, HOST: '127.0.0.1', GITHUB_API_URL: apiUrl, LOG_LEVEL: 'fatal', LOG_FORMAT: 'json' });
  if (!env.ok) throw new Error(env.message);
  return { ...env.config, port: 0 };
}

/** A metric's value for `labels` (summed over the other labels; 0 when never set). */
async function valueOf(name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = appMetrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const values = (await metric.get()).values as Array<{ labels: Record<string, string | number>; value: number; metricName?: string }>;
  // a histogram's value here is its count of observations
  return values
    .filter((v) => (v.metricName === undefined || v.metricName === name || v.metricName === `${name}_count`) && Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want))
    .reduce((sum, v) => sum + v.value, 0);
}

/** A loopback GitHub whose answers the test scripts; it records the paths asked. */
class ScriptedGitHub {
  readonly asked: string[] = [];
  answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  private server: Server = createServer((req, res) => {
    this.asked.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => this.answer(req, res));
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

describe('GET /health and GET /ready', () => {
  let github: ScriptedGitHub;
  let url: string;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    github = new ScriptedGitHub();
    url = await github.start();
  });
  afterAll(async () => {
    await github.stop();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const start = async (apiUrl = url, options: ServerOptions = {}): Promise<RunningServer> => (server = await startServer(configFor(apiUrl), undefined, options));
  const get = async (path: string): Promise<{ status: number; body: unknown; type: string | null }> => {
    const response = await fetch(`${server!.url}${path}`);
    const type = response.headers.get('content-type');
    return { status: response.status, type, body: type?.startsWith('application/json') ? await response.json() : await response.text() };
  };

  it('/health answers 200 while the process serves, whatever GitHub does', async () => {
    github.answer = (_req, res) => json(res, 503, { message: 'down' });
    await start();
    expect(await get('/health')).toEqual({ status: 200, type: 'application/json', body: { status: 'ok' } });
    expect(github.asked).toEqual([]);
  });

  it('/ready: 200 once GitHub answers GET /app to the App JWT, and the answer is reused for a few seconds', async () => {
    github.asked.length = 0;
    let authorization = '';
    github.answer = (req, res) => {
      authorization = String(req.headers.authorization);
      json(res, 200, { id: 1, slug: 'claimcheck-test' });
    };
    await start();
    expect(await get('/ready')).toEqual({ status: 200, type: 'application/json', body: { status: 'ready', checks: { privateKey: 'ok', github: 'ok' } } });
    expect(authorization).toMatch(/^bearer eyJ/i);
    await get('/ready');
    await get('/ready');
    expect(github.asked).toEqual(['GET /app']);
  });

  it('/ready: 503 with the reason when GitHub refuses the JWT, and asks again once the answer is stale', async () => {
    github.asked.length = 0;
    github.answer = (_req, res) => json(res, 401, { message: 'A JSON web token could not be decoded' });
    await start(url, { readinessTtlMs: 50 });
    const refused = await get('/ready');
    expect(refused).toEqual({
      status: 503,
      type: 'application/json',
      body: { status: 'not ready', reason: "GitHub refused the App's JWT (401): check APP_ID and the private key", checks: { privateKey: 'ok', github: expect.stringContaining('401') } },
    });
    github.answer = (_req, res) => json(res, 200, { id: 1 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await get('/ready')).status).toBe(200);
    expect(github.asked).toEqual(['GET /app', 'GET /app']);
  });

  it('/ready: 503 when GitHub answers with an error, is unreachable, or does not answer in time', async () => {
    github.answer = (_req, res) => json(res, 502, { message: 'Bad Gateway' });
    await start();
    expect(await get('/ready')).toMatchObject({ status: 503, body: { status: 'not ready', reason: expect.stringMatching(/^GitHub answered GET \/app with 502/) } });
    await server!.close();

    const closed = new ScriptedGitHub();
    const closedUrl = await closed.start();
    await closed.stop();
    await start(closedUrl);
    expect(await get('/ready')).toMatchObject({ status: 503, body: { reason: expect.stringMatching(/^GitHub cannot be reached: /) } });
    await server!.close();

    github.answer = () => undefined; // never answers
    await start(url, { readinessTimeoutMs: 200 });
    expect(await get('/ready')).toMatchObject({ status: 503, body: { reason: 'GitHub did not answer GET /app within 0.2 s' } });
    expect((await get('/health')).status).toBe(200);
  });
});

describe('GET /metrics after real deliveries', () => {
  let repo: TestRepo;
  let github: FakeGitHub;
  let server: RunningServer;
  let head: string;

  beforeAll(async () => {
    repo = await TestRepo.create();
    head = await repo.commit('plan', { 'src/a.ts': lines(10, 'const a ='), 'docs/PLAN.md': '#### T-1 - A\n- **Status:** Done\n- **File:** `src/a.ts:L1-L5`\n- **File:** `src/gone.ts`\n' });
    github = new FakeGitHub(repo.dir);
    await github.start();
    server = await startServer(configFor(github.url));
  }, 60_000);

  afterAll(async () => {
    await server.close();
    await github.stop();
    await repo.remove();
  });

  async function deliver(scenario: Scenario | 'ping', id: string, secret = SECRET): Promise<number> {
    const payload = scenario === 'ping' ? { zen: 'Design for failure.', hook_id: 1 } : payloadOf(scenario, { owner: 'acme', repo: 'widgets', sha: head });
    const body = JSON.stringify(payload);
    const response = await fetch(`${server.url}/api/github/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': scenario === 'ping' ? 'ping' : eventOf(scenario), 'x-github-delivery': id, 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` },
      body,
    });
    await response.text();
    return response.status;
  }

  it('counts deliveries by event and outcome, verifications by conclusion with their duration, and GitHub requests by kind and status', async () => {
    const before = {
      processed: await valueOf('claimcheck_webhook_deliveries_total', { event: 'push', outcome: 'processed' }),
      duplicate: await valueOf('claimcheck_webhook_deliveries_total', { event: 'push', outcome: 'duplicate' }),
      ignored: await valueOf('claimcheck_webhook_deliveries_total', { event: 'ping', outcome: 'ignored' }),
      rejected: await valueOf('claimcheck_webhook_deliveries_total', { event: 'unverified', outcome: 'rejected' }),
      failures: await valueOf('claimcheck_verifications_total', { conclusion: 'failure' }),
      durations: await valueOf('claimcheck_verification_duration_seconds', { conclusion: 'failure' }),
      requests: Object.fromEntries(await Promise.all(['auth', 'graphql', 'rest-read', 'write'].map(async (kind) => [kind, await valueOf('claimcheck_github_requests_total', { kind })] as const))),
      tokens: await valueOf('claimcheck_github_requests_total', { kind: 'auth', status: '201' }),
    };
    expect(await deliver('push', 'm-1')).toBe(200);
    expect(await deliver('push', 'm-1')).toBe(200);
    expect(await deliver('ping', 'm-2')).toBe(200);
    expect(await deliver('push', 'm-3', 'wrong')).toBe(400);
    expect(github.checkRuns.map((r) => r.conclusion)).toEqual(['failure']);

    expect(await valueOf('claimcheck_webhook_deliveries_total', { event: 'push', outcome: 'processed' })).toBe(before.processed + 1);
    expect(await valueOf('claimcheck_webhook_deliveries_total', { event: 'push', outcome: 'duplicate' })).toBe(before.duplicate + 1);
    expect(await valueOf('claimcheck_webhook_deliveries_total', { event: 'ping', outcome: 'ignored' })).toBe(before.ignored + 1);
    expect(await valueOf('claimcheck_webhook_deliveries_total', { event: 'unverified', outcome: 'rejected' })).toBe(before.rejected + 1);
    expect(await valueOf('claimcheck_verifications_total', { conclusion: 'failure' })).toBe(before.failures + 1);
    expect(await valueOf('claimcheck_verification_duration_seconds', { conclusion: 'failure' })).toBe(before.durations + 1);

    // the exchanges the fake GitHub saw, each counted once by kind
    const seen = { auth: 0, graphql: 0, 'rest-read': 0, write: 0 } as Record<string, number>;
    for (const r of github.requests) seen[requestKind(r.method, r.path)]!++;
    for (const kind of ['auth', 'graphql', 'rest-read', 'write']) {
      expect({ kind, count: (await valueOf('claimcheck_github_requests_total', { kind })) - before.requests[kind]! }).toEqual({ kind, count: seen[kind] });
      expect(seen[kind]).toBeGreaterThan(0);
    }
    expect((await valueOf('claimcheck_github_requests_total', { kind: 'auth', status: '201' })) - before.tokens).toBe(seen['auth']);

    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    expect(text).toMatch(/^claimcheck_webhook_deliveries_total\{event="push",outcome="processed"\} \d+$/m);
    expect(text).toMatch(/^claimcheck_verification_duration_seconds_bucket\{le="\+Inf",conclusion="failure"\} \d+$/m);
    expect(text).toMatch(/^claimcheck_github_requests_total\{kind="graphql",status="200"\} \d+$/m);
    expect(text).toMatch(/^# TYPE claimcheck_claims_total counter$/m);
    expect(text).toMatch(/^# TYPE claimcheck_github_rate_limit_remaining gauge$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    // not prom-client's global registry: nothing of the app's is in it
    const { register } = await import('prom-client');
    expect(register.getSingleMetric('claimcheck_webhook_deliveries_total')).toBeUndefined();
  }, 60_000);
});

describe('GitHub request metrics (the Octokit plugin)', () => {
  let github: ScriptedGitHub;
  let url: string;
  beforeAll(async () => {
    github = new ScriptedGitHub();
    url = await github.start();
  });
  afterAll(async () => {
    await github.stop();
  });

  it("keeps Probot's plugins (throttling and retry among them) and adds itself last", () => {
    const plugins = (octokit: unknown): unknown[] => (octokit as { plugins: unknown[] }).plugins;
    expect(plugins(instrumentedOctokit())).toEqual([...plugins(ProbotOctokit), githubMetricsPlugin]);
  });

  it('counts each attempt of a retried request, and keeps the rate limit GitHub reports per installation and resource', async () => {
    const Octokit = instrumentedOctokit();
    const octokit = new Octokit({ baseUrl: url, auth: { token: 'ghs_test', installationId: 42 }, retry: { retryAfterBaseValue: 1 }, throttle: { enabled: false } });
    let calls = 0;
    github.answer = (req, res) => {
      calls++;
      if (req.url === '/repos/acme/widgets' && calls === 1) return json(res, 502, { message: 'Bad Gateway' });
      const resource = req.url === '/graphql' ? 'graphql' : 'core';
      json(res, req.method === 'POST' && req.url !== '/graphql' ? 201 : 200, req.url === '/graphql' ? { data: { viewer: { login: 'x' } } } : { id: 1 }, { 'x-ratelimit-remaining': String(5000 - calls), 'x-ratelimit-resource': resource });
    };
    const before = {
      bad: await valueOf('claimcheck_github_requests_total', { kind: 'rest-read', status: '502' }),
      read: await valueOf('claimcheck_github_requests_total', { kind: 'rest-read', status: '200' }),
      graphql: await valueOf('claimcheck_github_requests_total', { kind: 'graphql', status: '200' }),
      write: await valueOf('claimcheck_github_requests_total', { kind: 'write', status: '201' }),
    };
    await expect(octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'widgets' })).resolves.toMatchObject({ status: 200 });
    expect(await valueOf('claimcheck_github_requests_total', { kind: 'rest-read', status: '502' })).toBe(before.bad + 1);
    expect(await valueOf('claimcheck_github_requests_total', { kind: 'rest-read', status: '200' })).toBe(before.read + 1);
    expect(await valueOf('claimcheck_github_rate_limit_remaining', { installation: '42', resource: 'core' })).toBe(4998);

    await octokit.graphql('query { viewer { login } }');
    await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner: 'acme', repo: 'widgets', issue_number: 1, body: 'hi' });
    expect(await valueOf('claimcheck_github_requests_total', { kind: 'graphql', status: '200' })).toBe(before.graphql + 1);
    expect(await valueOf('claimcheck_github_requests_total', { kind: 'write', status: '201' })).toBe(before.write + 1);
    expect(await valueOf('claimcheck_github_rate_limit_remaining', { installation: '42', resource: 'graphql' })).toBe(4997);
    expect(await valueOf('claimcheck_github_rate_limit_remaining', { installation: '42', resource: 'core' })).toBe(4996);
  });

  it('counts each exchange once when fetch wrappers stack up (Probot\'s request.fetch, a deadline, the plugin), even queued by the throttle', async () => {
    const deadline = (inner: typeof fetch): typeof fetch => (input, init) => inner(input, { ...init, signal: AbortSignal.timeout(5_000) });
    const Octokit = instrumentedOctokit().defaults((options: Record<string, any>) => ({ ...options, request: { ...options.request, fetch: deadline(observedFetch('app')) } }));
    const octokit = new Octokit({ baseUrl: url, auth: { token: 'ghs_test', installationId: 77 }, retry: { enabled: false } });
    let answered = 0;
    github.answer = (_req, res) => void (answered++, json(res, 201, { id: 1 }, { 'x-ratelimit-remaining': '4000' }));
    const before = { installation: await valueOf('claimcheck_github_requests_total', { kind: 'write' }) };
    // three writes at once: the throttle runs them one after another, from its own queue
    await Promise.all([1, 2, 3].map((n) => octokit.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { owner: 'acme', repo: 'widgets', check_run_id: n, status: 'completed' })));
    expect(answered).toBe(3);
    expect((await valueOf('claimcheck_github_requests_total', { kind: 'write' })) - before.installation).toBe(3);
    expect(await valueOf('claimcheck_github_rate_limit_remaining', { installation: '77', resource: 'core' })).toBe(4000);
    expect(await valueOf('claimcheck_github_rate_limit_remaining', { installation: 'app' })).toBe(0);
  }, 20_000);

  it('counts a request that never got an answer as network-error', async () => {
    const closed = new ScriptedGitHub();
    const closedUrl = await closed.start();
    await closed.stop();
    const octokit = new (instrumentedOctokit())({ baseUrl: closedUrl, auth: { token: 'ghs_test' }, retry: { enabled: false }, throttle: { enabled: false } });
    const before = await valueOf('claimcheck_github_requests_total', { kind: 'rest-read', status: 'network-error' });
    await expect(octokit.request('GET /app')).rejects.toThrow();
    expect(await valueOf('claimcheck_github_requests_total', { kind: 'rest-read', status: 'network-error' })).toBe(before + 1);
  });

  it('sorts requests into kinds by what they cost at GitHub', () => {
    expect(requestKind('POST', 'https://api.github.com/graphql')).toBe('graphql');
    expect(requestKind('POST', 'https://ghes.example.com/api/graphql')).toBe('graphql');
    expect(requestKind('GET', 'https://api.github.com/repos/a/b/git/trees/x?recursive=true')).toBe('rest-read');
    expect(requestKind('POST', 'https://api.github.com/app/installations/7/access_tokens')).toBe('auth');
    expect(requestKind('PATCH', 'https://api.github.com/repos/a/b/check-runs/1')).toBe('write');
    expect(requestKind('DELETE', '/repos/a/b/issues/comments/1')).toBe('write');
  });
});

describe('claims by verdict', () => {
  it('recordClaims adds a report’s claims to each verdict', async () => {
    const before = await Promise.all(['verified', 'unverified', 'unknown'].map((verdict) => valueOf('claimcheck_claims_total', { verdict })));
    recordClaims({ summary: { verified: 3, unverified: 2, unknown: 0 } });
    recordClaims({ summary: { verified: 1, unverified: 0, unknown: 4 } });
    const after = await Promise.all(['verified', 'unverified', 'unknown'].map((verdict) => valueOf('claimcheck_claims_total', { verdict })));
    expect(after.map((v, i) => v - before[i]!)).toEqual([4, 2, 4]);
  });
});
