/**
 * GitHub faults in one line a person can act on: what failed and, where GitHub said, until when.
 * Used for neutral check runs and command replies; never for a verdict.
 */
import { GitHubTimeoutError } from './octokit.js';

interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
  cause?: unknown;
}

/** The fault, described; null when the error is not a GitHub fault this knows. */
export function describeFault(error: unknown): string | null {
  const e = (error ?? {}) as RequestErrorLike;
  if (isTimeout(error)) return (findTimeout(error) ?? new GitHubTimeoutError(0)).message.replace(' within 0 s', ' in time');
  const headers = e.response?.headers ?? {};
  const message = String(e.message ?? '');
  if ((e.status === 403 || e.status === 429) && String(headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    const until = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC` : '';
    return `GitHub's rate limit for this installation is used up${until}`;
  }
  if ((e.status === 403 || e.status === 429) && /secondary rate/i.test(message)) {
    const after = Number(headers['retry-after']);
    return `GitHub's secondary rate limit was hit${Number.isFinite(after) && after > 0 ? ` (GitHub asked to wait ${after} s)` : ''}`;
  }
  if (e.status === 403 && /suspended/i.test(message)) return 'the installation is suspended: GitHub refuses its requests until an owner unsuspends it';
  return null;
}

function isTimeout(error: unknown): boolean {
  return findTimeout(error) !== null;
}

/** The timeout, wherever Octokit wrapped it (RequestError keeps the original as `cause`). */
function findTimeout(error: unknown, depth = 0): GitHubTimeoutError | null {
  if (error instanceof GitHubTimeoutError) return error;
  if (depth > 4 || error === null || typeof error !== 'object') return null;
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined) return findTimeout(cause, depth + 1);
  // @octokit/request rethrows fetch failures as RequestError(message, 500) without a cause
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && /^GitHub did not answer within ([\d.]+) s/.test(message) ? new GitHubTimeoutError(Number(/within ([\d.]+) s/.exec(message)![1]) * 1000) : null;
}
