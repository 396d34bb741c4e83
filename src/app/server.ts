// The App server (`npm start`, bin/claimcheck-app.js): validates the environment (./env.ts), then
// serves the Probot app. It builds the Probot instance itself and mounts it with
// createNodeMiddleware on a plain node:http server, because that is the one Probot 14 path that
// takes every validated option: run() always derives the API base URL from GHE_HOST (so a full
// GITHUB_API_URL, as GHE.com needs, cannot reach Octokit), and Server ignores LOG_LEVEL unless it
// is handed a pino logger of our own. Beside the webhook path it answers GET /ping and /health
// (liveness), /ready (readiness) and /metrics (Prometheus): docs/operations.md.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import type { DestinationStream } from 'pino';
import { Probot, createNodeMiddleware, type ApplicationFunction } from 'probot';
import claimcheckApp from './index.js';
import { readServerEnv, refusalLine, type ServerConfig } from './env.js';
import { createLogger, currentDelivery, inDelivery, secretsOf } from './logging.js';
import { appMetrics, instrumentedOctokit, observedFetch, recordDelivery } from './metrics.js';
import { withFaultPolicy, type FaultPolicy } from './octokit.js';

export interface RunningServer {
  probot: Probot;
  /** Where the server listens, e.g. http://127.0.0.1:3000 */
  url: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Where the log lines go (default: stdout). */
  logDestination?: DestinationStream;
  /** How long a readiness answer is reused, in milliseconds (default 5 s). */
  readinessTtlMs?: number;
  /** How long the readiness probe waits for GitHub, in milliseconds (default 5 s). */
  readinessTimeoutMs?: number;
  /** Retries, deadlines and rate-limit waits of GitHub requests (default: DEFAULT_FAULT_POLICY). */
  faultPolicy?: FaultPolicy;
}

/** GitHub caps webhook payloads at 25 MB: a larger body is refused before it is held in memory. */
export const MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

/** Starts the App on config.host:config.port (port 0 picks a free port: tests only). */
export async function startServer(
  config: ServerConfig,
  appFn: ApplicationFunction = claimcheckApp,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const log = await createLogger({ level: config.logLevel, format: config.logFormat, secrets: secretsOf(config) }, options.logDestination);
  const probot = new Probot({
    appId: config.appId,
    privateKey: config.privateKey,
    secret: config.webhookSecret,
    baseUrl: config.baseUrl,
    webhookPath: config.webhookPath,
    log,
    // Probot's ProbotOctokit (throttling, retry) plus the request metrics; the token requests the
    // App's JWT makes go through `request.fetch`
    Octokit: withFaultPolicy(instrumentedOctokit(), options.faultPolicy),
    // with REDIS_URL, Probot keeps its throttle in Redis (Bottleneck clustering): N instances space calls as one
    ...(config.redisUrl ? { redisConfig: config.redisUrl } : {}),
    request: { fetch: observedFetch('app') },
  });
  appMetrics.collectProcessMetrics();
  const readiness = readinessOf(config, probot, options);
  const middleware = await createNodeMiddleware(appFn, { probot, webhooksPath: config.webhookPath });
  const notFound = (res: ServerResponse) => () => {
    if (!res.headersSent) res.writeHead(404).end();
  };
  const json = (res: ServerResponse, status: number, body: unknown): void =>
    void res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  const routes = new Map<string, (res: ServerResponse) => Promise<void> | void>([
    ['/ping', (res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('PONG')],
    ['/health', (res) => json(res, 200, { status: 'ok' })],
    [
      '/ready',
      async (res) => {
        const answer = await readiness();
        json(res, answer.ready ? 200 : 503, answer.body);
      },
    ],
    [
      '/metrics',
      async (res) => {
        const text = await appMetrics.registry.metrics();
        res.writeHead(200, { 'content-type': appMetrics.registry.contentType }).end(text);
      },
    ],
  ]);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url?.split('?')[0] ?? '/';
    const route = req.method === 'GET' ? routes.get(path) : undefined;
    if (route) {
      Promise.resolve(route(res)).catch((error: unknown) => {
        probot.log.error({ err: error, path }, 'could not answer');
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    if (req.method === 'POST' && path.replace(/\/+$/, '') === config.webhookPath.replace(/\/+$/, '')) {
      receiveDelivery(req, res, async () => middleware(req, res, notFound(res)), probot.log).catch((error: unknown) => {
        probot.log.error({ err: error }, 'webhook delivery failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    void middleware(req, res, notFound(res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  probot.log.info(`claimcheck-app listening on ${url}${config.webhookPath}, GitHub API ${config.baseUrl}`);
  const close = () =>
    new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return { probot, url, close };
}

/**
 * One webhook delivery: its body read (up to MAX_PAYLOAD_BYTES), then Probot's middleware, which
 * verifies the signature and runs the handlers, all inside the delivery's log scope. A refused
 * delivery (bad or missing signature or headers, too large) and one no handler took are counted
 * here; the handlers count the others (index.ts).
 */
async function receiveDelivery(req: IncomingMessage, res: ServerResponse, handle: () => Promise<unknown>, log: Probot['log']): Promise<void> {
  const header = req.headers['x-github-delivery'];
  const delivery = (Array.isArray(header) ? header[0] : header) ?? '-';
  await inDelivery({ delivery }, async () => {
    const scope = currentDelivery()!;
    res.once('finish', () => {
      const event = String(req.headers['x-github-event'] ?? '-');
      if (res.statusCode >= 400 && res.statusCode < 500) {
        // the event name of a delivery that is not GitHub's is anyone's choice: not a label
        recordDelivery('unverified', 'rejected');
        log.warn({ status: res.statusCode, event: event.slice(0, 50) }, 'webhook delivery refused');
      } else if (!scope.handled) {
        // no handler of the app took it: none listens to the event, or Probot failed before one ran
        recordDelivery(event, res.statusCode < 300 ? 'ignored' : 'failed');
      }
    });
    let body: string | null;
    try {
      body = await readBody(req);
    } catch (error) {
      // the client went away while sending: nothing to answer, nothing was handled
      log.warn({ err: error }, 'webhook delivery could not be read');
      return;
    }
    if (body === null) {
      res.writeHead(413, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'payload too large' }));
      return;
    }
    // @octokit/webhooks takes a string body as the payload (and verifies its signature)
    (req as IncomingMessage & { body?: string }).body = body;
    await handle();
  });
}

/**
 * The request body as text, or null once it is larger than GitHub ever sends (the rest is then
 * read and dropped, never kept; Node's request timeout bounds a body that never ends).
 */
function readBody(req: IncomingMessage): Promise<string | null> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_PAYLOAD_BYTES) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const gone = (): Error => new Error('the client closed the connection before the body ended');
    // the client may have gone before this runs: its 'close' is then past, and would never come
    if ((req.destroyed || req.socket?.destroyed) && !req.complete) return reject(gone());
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES) return void chunks.push(chunk);
      req.off('data', onData);
      chunks.length = 0;
      req.resume();
      resolve(null);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
    // a client that goes away mid-body does not always make the request emit 'error' first
    req.once('close', () => (req.complete ? undefined : reject(gone())));
  });
}

interface ReadinessAnswer {
  ready: boolean;
  body: { status: 'ready' | 'not ready'; reason?: string; checks: { privateKey: string; github: string } };
}

/**
 * Readiness: the private key parses, and GitHub answers GET /app with the App's JWT (which proves
 * the key and the App ID too). One probe at a time, its answer reused for `readinessTtlMs`.
 */
function readinessOf(config: ServerConfig, probot: Probot, options: ServerOptions): () => Promise<ReadinessAnswer> {
  const ttl = options.readinessTtlMs ?? 5_000;
  const timeout = options.readinessTimeoutMs ?? 5_000;
  let cached: { at: number; answer: Promise<ReadinessAnswer> } | undefined;
  const probe = async (): Promise<ReadinessAnswer> => {
    try {
      createPrivateKey(config.privateKey);
    } catch {
      const reason = 'the private key cannot be parsed';
      return { ready: false, body: { status: 'not ready', reason, checks: { privateKey: reason, github: 'not checked' } } };
    }
    try {
      const octokit = await probot.auth();
      // no retries: a probe answers quickly, and the next one asks again
      await octokit.request('GET /app', { request: { retries: 0, signal: AbortSignal.timeout(timeout) } });
      return { ready: true, body: { status: 'ready', checks: { privateKey: 'ok', github: 'ok' } } };
    } catch (error) {
      const reason = githubProblem(error, timeout);
      return { ready: false, body: { status: 'not ready', reason, checks: { privateKey: 'ok', github: reason } } };
    }
  };
  return () => {
    const now = Date.now();
    if (cached === undefined || now - cached.at >= ttl) cached = { at: now, answer: probe() };
    return cached.answer;
  };
}

/** Why GitHub did not answer GET /app, in one line. */
function githubProblem(error: unknown, timeout: number): string {
  const { status, response } = error as { status?: number; response?: unknown };
  if (response !== undefined && status === 401) return "GitHub refused the App's JWT (401): check APP_ID and the private key";
  if (response !== undefined) return `GitHub answered GET /app with ${status}: ${firstLine(error)}`;
  // No answer (Octokit reports it as a 500 without a response): the innermost cause says why
  let cause: unknown = error;
  for (let depth = 0; depth < 5 && (cause as { cause?: unknown } | null)?.cause !== undefined; depth++) {
    if (/^(TimeoutError|AbortError)$/.test(String((cause as { name?: string }).name))) break;
    cause = (cause as { cause?: unknown }).cause;
  }
  if (/^(TimeoutError|AbortError)$/.test(String((cause as { name?: string } | null)?.name))) return `GitHub did not answer GET /app within ${timeout / 1000} s`;
  return `GitHub cannot be reached: ${firstLine(cause)}`;
}

function firstLine(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  const text = typeof message === 'string' && message !== '' ? message : String(error);
  return (text.split('\n')[0] ?? '').slice(0, 200);
}

/** .env in `cwd` fills in variables the environment does not set (the environment wins; empty values are skipped). */
function loadDotEnv(env: Record<string, string | undefined>, cwd: string): void {
  let text: string;
  try {
    text = readFileSync(join(cwd, '.env'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] === undefined && value) env[name] = value;
  }
}

/**
 * Returns an exit code when the server did not start (2: the environment is refused, 1: it failed
 * to start), or undefined once it listens; SIGTERM and SIGINT then stop it.
 */
export async function main(
  env: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): Promise<number | undefined> {
  try {
    loadDotEnv(env, cwd);
  } catch (error) {
    process.stderr.write(refusalLine(`.env cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`) + '\n');
    return 2;
  }
  const result = readServerEnv(env, { cwd });
  if (!result.ok) {
    process.stderr.write(refusalLine(result.message) + '\n');
    return 2;
  }
  let running: RunningServer;
  try {
    running = await startServer(result.config);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const reason = code === 'EADDRINUSE' ? `${result.config.host}:${result.config.port} is already in use` : message;
    process.stderr.write(`claimcheck-app: could not start: ${String(reason).split('\n')[0]}\n`);
    return 1;
  }
  const stop = (signal: NodeJS.Signals) => {
    running.probot.log.info(`${signal}: stopping`);
    // Webhook deliveries in flight finish first; GitHub waits 10 s for an answer, so do we
    setTimeout(() => process.exit(0), 10_000).unref();
    running.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return undefined;
}
