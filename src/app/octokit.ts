/**
 * How the App's GitHub client meets faults, chosen rather than inherited. Every request has a
 * deadline; a 5xx or a timeout is retried a bounded number of times with growing waits; a rate
 * limit is waited out once, and only when GitHub asks for a short wait. Past that the error
 * reaches the use case, which concludes the check run neutral and names the cause (faults.ts).
 * Webhook deliveries must not hang: GitHub gives up on an answer after ten seconds anyway.
 */
import { ProbotOctokit } from 'probot';

export interface FaultPolicy {
  /** Retries of a request that failed with a 5xx or timed out (so at most retries + 1 attempts). */
  retries: number;
  /** Milliseconds per unit of the retry backoff: waits are 1, 4, 9 … units. */
  retryAfterBaseValue: number;
  /** A request unanswered after this many milliseconds is abandoned (and retried). */
  timeoutMs: number;
  /** A rate limit is waited out (once) only when GitHub asks to wait at most this many seconds. */
  maxRateLimitWaitSeconds: number;
}

export const DEFAULT_FAULT_POLICY: FaultPolicy = { retries: 2, retryAfterBaseValue: 1000, timeoutMs: 20_000, maxRateLimitWaitSeconds: 30 };

type Fetch = typeof globalThis.fetch;
type OctokitClass = typeof ProbotOctokit;
type Options = Record<string, unknown> & { retry?: object; throttle?: object; request?: { fetch?: Fetch } & Record<string, unknown> };

/** A request that outlived the policy's deadline (a RequestError with status 500 wraps it). */
export class GitHubTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`GitHub did not answer within ${ms / 1000} s`);
    this.name = 'GitHubTimeoutError';
  }
}

/** `fetch` with a deadline, keeping any abort signal the caller passed. */
export function fetchWithDeadline(fetchImpl: Fetch, ms: number): Fetch {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      return await fetchImpl(input, { ...init, signal });
    } catch (error) {
      if (deadline.aborted && !init?.signal?.aborted) throw new GitHubTimeoutError(ms);
      throw error;
    }
  };
}

/** The Octokit class the App's Probot uses: `base` (Probot's) with the policy's retry, throttle and deadline. */
export function withFaultPolicy<T extends OctokitClass>(base: T, policy: FaultPolicy = DEFAULT_FAULT_POLICY): T {
  const waitOnce = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number): boolean => retryCount < 1 && retryAfter <= policy.maxRateLimitWaitSeconds;
  return base.defaults((options: Options) => ({
    ...options,
    retry: { ...options.retry, retries: policy.retries, retryAfterBaseValue: policy.retryAfterBaseValue },
    throttle: { ...options.throttle, ...installationLane(options), onRateLimit: waitOnce, onSecondaryRateLimit: waitOnce },
    request: { ...options.request, fetch: fetchWithDeadline(options.request?.fetch ?? globalThis.fetch, policy.timeoutMs) },
  })) as T;
}

/**
 * The throttle's lane: one per installation. Probot sets it for `probot.auth(id)`, but the octokit
 * it hands each webhook delivery is built without one, which would put every installation's
 * GraphQL calls and writes in a single queue a second apart: one busy organisation would slow
 * all the others. The installation id is in the options' auth.
 */
function installationLane(options: Options): { id?: string } {
  const installationId = (options['auth'] as { installationId?: unknown } | undefined)?.installationId;
  return typeof installationId === 'number' || typeof installationId === 'string' ? { id: String(installationId) } : {};
}
