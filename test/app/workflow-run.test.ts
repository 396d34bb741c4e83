/**
 * `workflow_run.completed`: the commit is verified again once all its CI has completed, with the
 * test reports of its artifacts; nothing while a run of it goes on, nor for plans that claim no
 * test outcome. Against a nock'd GitHub, asserting the exact requests.
 */
import { describe, expect, it } from '@jest/globals';
import { strToU8, zipSync } from 'fflate';
import nock from 'nock';
import { pino } from 'pino';
import { completedRunTarget, reverifyAfterCi } from '../../src/app/workflow-run.js';
import type { AppDeps } from '../../src/app/verify-commit.js';
import { testOctokit } from '../helpers/github.js';
import { junitFixture } from '../helpers/junit.js';
import { BOT, GitHubMock, OWNER, R, REPO, shaOf, withMockedGitHub, type Call } from './github-mock.js';

const SHA = shaOf('tested head');
const TARGET = { owner: OWNER, repo: REPO, sha: SHA };
const STORAGE = 'https://pipelines.actions.githubusercontent.com';

const SOURCES = {
  'README.md': '# Cart\n',
  'tests/test_cart.py': 'from cart import total\n\n\ndef test_total():\n    assert total([1, 2]) == 3\n',
};
const PLAN_PASSING = ['# Plan', '', '#### T-001 - Cart total', '- **Status:** Done', '- **Test:** `tests/test_cart.py::test_total` PASSING', ''].join('\n');
const PLAN_NO_OUTCOME = ['# Plan', '', '#### T-001 - Cart total', '- **Status:** Done', '- **Test:** `tests/test_cart.py::test_total`', ''].join('\n');

const RUNS: Call = { method: 'GET', path: `${R}/actions/runs?head_sha=${SHA}&per_page=100` };
const TREE: Call = { method: 'GET', path: `${R}/git/trees/${SHA}?recursive=true` };

function deps(): AppDeps {
  return { octokit: testOctokit(), loadConfig: async () => ({}), botLogin: async () => BOT, log: pino({ level: 'silent' }) };
}

function runs(github: GitHubMock, statuses: Array<[string, string]>): void {
  const list = statuses.map(([name, status], i) => ({ id: 11 + i, name, head_sha: SHA, status, conclusion: status === 'completed' ? 'success' : null }));
  github.get(RUNS.path, 200, { total_count: list.length, workflow_runs: list });
}

/** Run 11's one artifact, holding pytest's report, downloaded by way of a storage redirect. */
function artifact(github: GitHubMock): void {
  github.get(`${R}/actions/runs/11/artifacts?per_page=100`, 200, { total_count: 1, artifacts: [{ id: 101, name: 'junit', size_in_bytes: 2000, expired: false }] });
  github.get(`${R}/actions/artifacts/101/zip`, 302, '', { location: `${STORAGE}/a/101.zip` });
  nock(STORAGE).get('/a/101.zip').reply(200, Buffer.from(zipSync({ 'pytest.xml': strToU8(junitFixture('pytest.xml')) })), { 'content-type': 'application/zip' });
}

describe('reverifyAfterCi', () => {
  let github: GitHubMock;
  withMockedGitHub((g) => {
    github = g;
  });

  it('does nothing but look while another workflow run of the commit is going: the last to complete triggers it', async () => {
    runs(github, [
      ['CI', 'completed'],
      ['Integration', 'in_progress'],
    ]);
    expect(await reverifyAfterCi(deps(), TARGET)).toBe('ci-running');
    expect(github.calls).toEqual([RUNS]);
  });

  it('verifies again once every run completed, PASSING checked against the artifact’s JUnit report', async () => {
    const files = { ...SOURCES, 'docs/PLAN.md': PLAN_PASSING };
    runs(github, [
      ['CI', 'completed'],
      ['Lint', 'completed'],
    ]);
    github.tree(SHA, files).blobs(SHA, files).createCheckRun(51);
    runs(github, [
      ['CI', 'completed'],
      ['Lint', 'completed'],
    ]);
    artifact(github);
    github.get(`${R}/actions/runs/12/artifacts?per_page=100`, 200, { total_count: 0, artifacts: [] });
    github.blobs(SHA, files).updateCheckRun(51);
    expect(await reverifyAfterCi(deps(), TARGET)).toBe('success');
    const update = github.calls.at(-1)!;
    expect(github.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `GET ${RUNS.path}`,
      `GET ${TREE.path}`,
      'POST /graphql',
      `POST ${R}/check-runs`,
      `GET ${RUNS.path}`,
      `GET ${R}/actions/runs/11/artifacts?per_page=100`,
      `GET ${R}/actions/runs/12/artifacts?per_page=100`,
      `GET ${R}/actions/artifacts/101/zip`,
      'POST /graphql',
      `PATCH ${R}/check-runs/51`,
    ]);
    // the test is defined, and it passed in the report: no claim is left unknown
    expect(update.body).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: '2/2 claims verified · 0 unverified · 0 unknown' } });
  });

  it('creates the check run while it looks up the test reports: both in flight together, one round trip', async () => {
    const files = { ...SOURCES, 'docs/PLAN.md': PLAN_PASSING };
    runs(github, [['CI', 'completed']]);
    github.tree(SHA, files).blobs(SHA, files).createCheckRun(51);
    runs(github, [['CI', 'completed']]);
    github.get(`${R}/actions/runs/11/artifacts?per_page=100`, 200, { total_count: 0, artifacts: [] });
    github.blobs(SHA, files).updateCheckRun(51);
    const withHooks = deps();
    const events: string[] = [];
    const named = (options: { method: string; url: string }): string => `${options.method} ${options.url.replace(/\?.*/, '')}`;
    withHooks.octokit.hook.before('request', (options) => void events.push(`asked ${named(options)}`));
    withHooks.octokit.hook.after('request', (_response, options) => void events.push(`answered ${named(options)}`));
    expect(await reverifyAfterCi(withHooks, TARGET)).toBe('success');
    const create = events.indexOf('asked POST /repos/{owner}/{repo}/check-runs');
    const created = events.indexOf('answered POST /repos/{owner}/{repo}/check-runs');
    const runsAsked = events.lastIndexOf('asked GET /repos/{owner}/{repo}/actions/runs');
    expect(create).toBeGreaterThan(-1);
    expect(runsAsked).toBeGreaterThan(create);
    expect(runsAsked).toBeLessThan(created);
  });

  it('does not verify again a plan that claims no test outcome: CI completing changes nothing for it', async () => {
    const files = { ...SOURCES, 'docs/PLAN.md': PLAN_NO_OUTCOME };
    runs(github, [['CI', 'completed']]);
    github.tree(SHA, files).blobs(SHA, files);
    expect(await reverifyAfterCi(deps(), TARGET)).toBe('no-test-results');
    expect(github.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET ${RUNS.path}`, `GET ${TREE.path}`, 'POST /graphql']);
  });
});

describe('completedRunTarget', () => {
  const payload = (pulls: Array<{ number: number; head: string }>) =>
    ({
      payload: {
        action: 'completed',
        workflow_run: { id: 11, name: 'CI', head_sha: SHA, head_branch: 'feature', status: 'completed', conclusion: 'success', pull_requests: pulls.map((p) => ({ number: p.number, head: { sha: p.head, ref: 'feature' } })) },
        repository: { name: REPO, owner: { login: OWNER } },
      },
    }) as never;

  it('is the run’s commit, with the pull request whose head it tested', () => {
    expect(completedRunTarget(payload([]))).toEqual(TARGET);
    expect(completedRunTarget(payload([{ number: 7, head: SHA }]))).toEqual({ ...TARGET, pullNumber: 7 });
  });

  it('leaves out a pull request whose head is another commit: its comment reports on that one', () => {
    expect(completedRunTarget(payload([{ number: 7, head: shaOf('newer') }]))).toEqual(TARGET);
  });
});
