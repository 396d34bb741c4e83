/** Real webhook payloads (recorded shapes, test/fixtures/webhooks), pointed at a test repository. */
import { readFileSync } from 'node:fs';

export type Scenario =
  | 'push'
  | 'pull_request.opened'
  | 'pull_request.synchronize'
  | 'pull_request.reopened'
  | 'check_run.rerequested'
  | 'check_run.requested_action'
  | 'check_suite.rerequested'
  | 'issue_comment.created';

export interface Aim {
  owner: string;
  repo: string;
  sha: string;
  branch?: string;
  pullNumber?: number;
  installation?: number;
  /** `push`: the previous head of a fast-forward push (the recorded push creates its branch). */
  before?: string;
  /** `issue_comment`: the comment's text (the recorded one says `/claimcheck help`). */
  comment?: string;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The scenario's payload, with its repository, commit, branch and pull request replaced. */
export function payloadOf(scenario: Scenario, aim: Aim): Json {
  const payload = JSON.parse(readFileSync(new URL(`../fixtures/webhooks/${scenario}.json`, import.meta.url), 'utf8')) as Json;
  const branch = aim.branch ?? 'main';
  payload.repository.owner.login = aim.owner;
  payload.repository.name = aim.repo;
  payload.repository.full_name = `${aim.owner}/${aim.repo}`;
  payload.installation = { ...(payload.installation ?? {}), id: aim.installation ?? 1 };
  const pulls = aim.pullNumber === undefined ? [] : [{ number: aim.pullNumber, head: { ref: branch, sha: aim.sha }, base: { ref: 'main' } }];
  if (scenario === 'push') Object.assign(payload, { ref: `refs/heads/${branch}`, after: aim.sha, deleted: false });
  if (scenario === 'push' && aim.before) Object.assign(payload, { before: aim.before, created: false, forced: false });
  if (scenario.startsWith('pull_request')) {
    payload.number = aim.pullNumber ?? 1;
    Object.assign(payload.pull_request, { number: aim.pullNumber ?? 1, head: { ...payload.pull_request.head, sha: aim.sha, ref: branch } });
  }
  if (scenario.startsWith('check_run')) {
    Object.assign(payload.check_run, { head_sha: aim.sha, name: 'claimcheck', pull_requests: pulls });
    payload.check_run.check_suite = { ...payload.check_run.check_suite, head_branch: branch, head_sha: aim.sha };
    if (scenario === 'check_run.requested_action') payload.requested_action = { identifier: 'reverify' };
  }
  if (scenario === 'check_suite.rerequested') Object.assign(payload.check_suite, { head_sha: aim.sha, head_branch: branch, pull_requests: pulls });
  if (scenario === 'issue_comment.created') {
    // a pull request's comment carries no commit: the app asks for the pull request's head
    const number = aim.pullNumber ?? 1;
    const issues = `https://api.github.com/repos/${aim.owner}/${aim.repo}/issues/${number}`;
    Object.assign(payload.issue, { number, url: issues, html_url: `https://github.com/${aim.owner}/${aim.repo}/pull/${number}` });
    payload.issue.pull_request = { ...payload.issue.pull_request, url: `https://api.github.com/repos/${aim.owner}/${aim.repo}/pulls/${number}` };
    Object.assign(payload.comment, { issue_url: issues, ...(aim.comment === undefined ? {} : { body: aim.comment }) });
  }
  return payload;
}

/** The event name of a scenario (`pull_request.opened` → `pull_request`). */
export function eventOf(scenario: Scenario): string {
  return scenario.split('.')[0]!;
}
