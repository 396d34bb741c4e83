/** Webhook payloads → the commit to verify. Thin: no verification logic here. */
import type { Context } from 'probot';
import type { AppDeps } from './verify-commit.js';
import type { Target } from './github-types.js';

const ZERO_SHA = /^0{40}$/;

/** A push to a branch (not a tag, not a deletion). */
export function pushTarget(context: Context<'push'>): Target | null {
  const { payload } = context;
  if (!payload.ref.startsWith('refs/heads/') || payload.deleted || ZERO_SHA.test(payload.after)) return null;
  const owner = payload.repository.owner?.login ?? payload.repository.full_name.split('/')[0]!;
  const fastForward = !payload.forced && !payload.created && !ZERO_SHA.test(payload.before);
  return { owner, repo: payload.repository.name, sha: payload.after, ...(fastForward ? { before: payload.before } : {}) };
}

export function pullRequestTarget(context: Context<'pull_request'>): Target {
  const { pull_request: pr, repository } = context.payload;
  return { owner: repository.owner.login, repo: repository.name, sha: pr.head.sha, pullNumber: pr.number };
}

/** What a use case needs from a Probot context. */
export function depsOf(context: Context, botLogin: () => Promise<string>): AppDeps {
  return {
    octokit: context.octokit,
    loadConfig: () => context.config('claimcheck.yml'),
    botLogin,
    log: context.log,
  };
}
