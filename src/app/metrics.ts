/**
 * The App's Prometheus metrics (GET /metrics), on a registry of their own (never prom-client's
 * global one): deliveries, verifications, claims, GitHub requests and rate limits. One registry per
 * process, like the process itself: the use cases record into it without being handed it.
 * docs/operations.md explains each metric.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ProbotOctokit } from 'probot';
import type { Summary } from '../verify/report.js';
import { currentDelivery, inDelivery, outsideDelivery, type DeliveryScope } from './logging.js';

/** What became of a webhook delivery. */
export type DeliveryOutcome = 'processed' | 'failed' | 'duplicate' | 'ignored' | 'rejected';
/** How a GitHub request counts against GitHub's limits. */
export type RequestKind = 'graphql' | 'rest-read' | 'write' | 'auth';

export const VERIFICATION_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300];

export class AppMetrics {
  readonly registry = new Registry();
  readonly deliveries = new Counter({
    name: 'claimcheck_webhook_deliveries_total',
    help: 'Webhook deliveries by event and outcome (processed, failed, duplicate, ignored, rejected)',
    labelNames: ['event', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly verifications = new Counter({
    name: 'claimcheck_verifications_total',
    help: 'Commits verified for a push, pull request or re-run, by conclusion',
    labelNames: ['conclusion'] as const,
    registers: [this.registry],
  });
  readonly verificationSeconds = new Histogram({
    name: 'claimcheck_verification_duration_seconds',
    help: 'Time from the start of a verification to its published conclusion',
    labelNames: ['conclusion'] as const,
    buckets: VERIFICATION_BUCKETS,
    registers: [this.registry],
  });
  readonly claims = new Counter({
    name: 'claimcheck_claims_total',
    help: 'Claims judged in published verifications, by verdict',
    labelNames: ['verdict'] as const,
    registers: [this.registry],
  });
  readonly githubRequests = new Counter({
    name: 'claimcheck_github_requests_total',
    help: 'HTTP requests to the GitHub API (each attempt, retries included), by kind and status',
    labelNames: ['kind', 'status'] as const,
    registers: [this.registry],
  });
  readonly rateLimitRemaining = new Gauge({
    name: 'claimcheck_github_rate_limit_remaining',
    help: 'x-ratelimit-remaining of the latest GitHub answer, by installation ("app" for the JWT) and resource',
    labelNames: ['installation', 'resource'] as const,
    registers: [this.registry],
  });
  private processMetrics = false;

  /** Adds prom-client's process metrics (memory, CPU, event loop lag) once: a server calls it. */
  collectProcessMetrics(): void {
    if (this.processMetrics) return;
    this.processMetrics = true;
    collectDefaultMetrics({ register: this.registry });
  }
}

/** The process's metrics. */
export const appMetrics = new AppMetrics();

export function recordDelivery(event: string, outcome: DeliveryOutcome): void {
  appMetrics.deliveries.inc({ event, outcome });
}

/** One verification of a commit (push, pull request, re-run) and how long it took. */
export function recordVerification(conclusion: string, seconds: number): void {
  appMetrics.verifications.inc({ conclusion });
  appMetrics.verificationSeconds.observe({ conclusion }, seconds);
}

/** The claims of a published report, by verdict (verify-commit.ts calls it once per report). */
export function recordClaims(report: { summary: Pick<Summary, 'verified' | 'unverified' | 'unknown'> }): void {
  for (const verdict of ['verified', 'unverified', 'unknown'] as const) {
    appMetrics.claims.inc({ verdict }, report.summary[verdict]);
  }
}

/** The kind of a request, for GitHub's limits: GraphQL points, REST reads, writes (content-creating), tokens. */
export function requestKind(method: string, url: string): RequestKind {
  const path = new URL(url, 'http://github.invalid').pathname;
  if (/\/graphql$/.test(path)) return 'graphql';
  if (/\/app\/installations\/\d+\/access_tokens$/.test(path)) return 'auth';
  return method === 'GET' || method === 'HEAD' ? 'rest-read' : 'write';
}

/** The response headers' view of the rate limit (nothing when GitHub did not say). */
export function recordResponse(kind: RequestKind, status: number | 'network-error', installation: string, headers?: Headers): void {
  appMetrics.githubRequests.inc({ kind, status: String(status) });
  const remaining = Number(headers?.get('x-ratelimit-remaining') ?? Number.NaN);
  if (headers !== undefined && Number.isFinite(remaining)) {
    appMetrics.rateLimitRemaining.set({ installation, resource: headers.get('x-ratelimit-resource') ?? 'core' }, remaining);
  }
}

type Fetch = typeof globalThis.fetch;

/** Set while an observedFetch is counting an exchange: observedFetches it calls, however wrapped, do not count it again. */
const counting = new AsyncLocalStorage<true>();

/** The global fetch, looked up at each call (nock and other interceptors replace it). */
const globalFetch: Fetch = (input, init) => globalThis.fetch(input, init);

/**
 * `fetch` that records every exchange with GitHub: each attempt of a retried request, and the
 * token requests the App's JWT makes, which no Octokit hook sees. When observedFetches wrap one
 * another (Probot's `request.fetch`, a deadline around it, the plugin's around that), the
 * outermost one counts the exchange, once.
 */
export function observedFetch(installation: string, base: Fetch = globalFetch): Fetch {
  return async (input, init) => {
    if (counting.getStore()) return base(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const kind = requestKind(method, url);
    let response: Response;
    try {
      response = await counting.run(true, () => base(input, init));
    } catch (error) {
      recordResponse(kind, 'network-error', installation);
      throw error;
    }
    recordResponse(kind, response.status, installation, response.headers);
    return response;
  };
}

/** Where a request's delivery scope travels with it, for the throttling callbacks (below). */
const SCOPE = Symbol('claimcheck.deliveryScope');

interface RequestOptions {
  fetch?: Fetch;
  [SCOPE]?: DeliveryScope;
}

interface HookedOctokit {
  hook: { before(name: 'request', hook: (options: { request?: RequestOptions }) => void): void };
}

/**
 * Octokit plugin: every request of the client goes through observedFetch, labelled with the
 * client's installation. Added last, after Probot's own plugins (throttling, retry, ...): its hook
 * is the outermost and only swaps the fetch the innermost layer uses, so every attempt is seen.
 * It also notes the delivery the request is made for (see scopedThrottle).
 */
export function githubMetricsPlugin(octokit: HookedOctokit, options: { auth?: unknown }): void {
  const auth = options.auth as { installationId?: number | string } | undefined;
  const installation = auth?.installationId === undefined ? 'app' : String(auth.installationId);
  octokit.hook.before('request', (endpoint) => {
    endpoint.request = { ...endpoint.request, fetch: observedFetch(installation, endpoint.request?.fetch), [SCOPE]: currentDelivery() };
  });
}

type LimitCallback = (retryAfter: number, options: { request?: RequestOptions }, ...rest: unknown[]) => unknown;
const SCOPED = Symbol('claimcheck.scoped');

/**
 * The throttling plugin queues requests in Bottleneck, which runs a queued request, and calls the
 * rate-limit callbacks (Probot logs a warning there), in the async context of whichever request
 * freed the queue: another delivery's. The callbacks are run in their own request's scope instead,
 * so that a warning names the right delivery.
 */
function scopedCallback(callback: LimitCallback): LimitCallback {
  if ((callback as { [SCOPED]?: boolean })[SCOPED]) return callback;
  const scoped: LimitCallback = (retryAfter, options, ...rest) => {
    const scope = options?.request?.[SCOPE];
    const call = () => callback(retryAfter, options, ...rest);
    return scope ? inDelivery(scope, call) : outsideDelivery(call);
  };
  return Object.assign(scoped, { [SCOPED]: true });
}

function scopedThrottle(options: Record<string, unknown>): Record<string, unknown> {
  const throttle = options['throttle'] as Record<string, unknown> | undefined;
  if (!throttle) return options;
  const wrapped = { ...throttle };
  for (const name of ['onRateLimit', 'onSecondaryRateLimit']) {
    if (typeof throttle[name] === 'function') wrapped[name] = scopedCallback(throttle[name] as LimitCallback);
  }
  return { ...options, throttle: wrapped };
}

/**
 * ProbotOctokit (throttling, retry and the rest, as Probot configures them) with the metrics
 * plugin, and the throttling callbacks run in their request's delivery scope.
 */
export function instrumentedOctokit(base: typeof ProbotOctokit = ProbotOctokit): typeof ProbotOctokit {
  return base.plugin(githubMetricsPlugin as never).defaults(scopedThrottle as never) as typeof ProbotOctokit;
}
