/**
 * End to end over real HTTP, "Status: PASSING" learnt from CI: the app's server on 127.0.0.1
 * receives signed deliveries (a push while CI runs, then `workflow_run.completed`) and talks to a
 * loopback fake GitHub that answers from a real git repository and serves the CI's workflow runs
 * and a real zip artifact holding a JUnit report.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { strToU8, zipSync } from 'fflate';
import { startAppOverHttp, type AppOverHttp } from '../helpers/app-http.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { junitFixture } from '../helpers/junit.js';
import { TestRepo } from '../helpers/repo.js';
import { payloadOf } from '../helpers/webhooks.js';

const SECRET = 'e2e-ci-webhook-secret';
const PLAN = ['# Plan', '', '#### C-001 - Cart total', '- **Status:** Done', '- **Test:** `tests/test_cart.py::test_total` PASSING', ''].join('\n');
const PASSING_LINE = 5;

describe('the App and the CI of a commit, over HTTP against a fake GitHub', () => {
  let repo: TestRepo;
  let github: FakeGitHub;
  let app: AppOverHttp;
  let head: string;

  beforeAll(async () => {
    repo = await TestRepo.create();
    head = await repo.commit('cart and its plan', {
      'src/cart.py': 'def total(items):\n    return sum(item.price for item in items)\n',
      'tests/test_cart.py': 'from src.cart import total\n\n\ndef test_total():\n    assert total([]) == 0\n',
      'docs/PLAN.md': PLAN,
    });
    github = new FakeGitHub(repo.dir);
    await github.start();
    app = await startAppOverHttp(github.url, SECRET);
  }, 60_000);

  afterAll(async () => {
    await app.stop();
    await github.stop();
    await repo.remove();
  });

  /** Posts a signed delivery of `event`; the HTTP status the App answered. */
  async function deliver(event: string, payload: object): Promise<number> {
    return app.deliver(event, JSON.stringify(payload));
  }

  /** `workflow_run.completed` as GitHub sends it, for run `id` of the head commit (the recorded repository, sender and installation). */
  function workflowRunCompleted(id: number, name: string, pullNumber?: number): object {
    const { repository, sender, installation } = payloadOf('check_suite.rerequested', { owner: 'acme', repo: 'widgets', sha: head });
    const pulls = pullNumber === undefined ? [] : [{ id: 1, number: pullNumber, url: `https://api.github.com/repos/acme/widgets/pulls/${pullNumber}`, head: { ref: 'feature', sha: head, repo: { id: repository.id, name: 'widgets' } }, base: { ref: 'main', sha: head, repo: { id: repository.id, name: 'widgets' } } }];
    return {
      action: 'completed',
      workflow_run: { id, name, head_branch: 'main', head_sha: head, event: 'push', status: 'completed', conclusion: 'success', workflow_id: 1, run_attempt: 1, pull_requests: pulls, repository },
      workflow: { id: 1, name, path: '.github/workflows/ci.yml', state: 'active' },
      repository,
      sender,
      installation,
    };
  }

  const actionsRequests = (from: number) => github.requests.slice(from).filter((r) => r.path.includes('/actions/') || r.path.startsWith('/_storage/'));

  it('leaves a PASSING claim unknown (tests-running) on a push while CI runs, and downloads nothing', async () => {
    github.workflowRuns.push({ id: 1, name: 'CI', head_sha: head, status: 'in_progress', conclusion: null }, { id: 2, name: 'Lint', head_sha: head, status: 'completed', conclusion: 'success' });
    const before = github.requests.length;
    expect(await deliver('push', payloadOf('push', { owner: 'acme', repo: 'widgets', sha: head }))).toBe(200);
    const run = github.checkRuns.at(-1)!;
    expect(run).toMatchObject({ head_sha: head, status: 'completed', conclusion: 'success', output: { title: '1/2 claims verified · 0 unverified · 1 unknown' } });
    expect(run.annotations).toEqual([
      expect.objectContaining({
        path: 'docs/PLAN.md',
        start_line: PASSING_LINE,
        annotation_level: 'warning',
        title: 'tests-running: test-result',
        message: `tests still running ('CI' not completed at ${head.slice(0, 7)}); verified again when CI completes`,
      }),
    ]);
    expect(actionsRequests(before).map((r) => r.path)).toEqual(['/repos/acme/widgets/actions/runs']);
  });

  it('does nothing when a run completes while another of the commit still runs', async () => {
    const runs = github.checkRuns.length;
    github.workflowRuns.push({ id: 3, name: 'Docs', head_sha: head, status: 'completed', conclusion: 'success' });
    const before = github.requests.length;
    expect(await deliver('workflow_run', workflowRunCompleted(3, 'Docs'))).toBe(200);
    // it looked at the commit's runs, saw CI still going, and stopped there
    expect(github.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /repos/acme/widgets/actions/runs']);
    expect(github.checkRuns).toHaveLength(runs);
  });

  it('verifies again on workflow_run.completed: PASSING verified from the JUnit report in the run’s artifact, the comment updated', async () => {
    github.workflowRuns[0]!.status = 'completed';
    github.workflowRuns[0]!.conclusion = 'success';
    github.artifacts.set(1, [
      { id: 901, name: 'junit-results', zip: zipSync({ 'reports/pytest.xml': strToU8(junitFixture('pytest.xml')), 'coverage.xml': strToU8('<coverage/>') }) },
      { id: 902, name: 'dist', zip: zipSync({ 'app.js': strToU8('console.log(1)') }) },
    ]);
    const runs = github.checkRuns.length;
    const before = github.requests.length;
    expect(await deliver('workflow_run', workflowRunCompleted(1, 'CI', 7))).toBe(200);
    expect(github.checkRuns).toHaveLength(runs + 1);
    const run = github.checkRuns.at(-1)!;
    expect(run).toMatchObject({ head_sha: head, status: 'completed', conclusion: 'success', output: { title: '2/2 claims verified · 0 unverified · 0 unknown' } });
    expect(run.annotations).toEqual([]);
    // the artifact was downloaded by way of GitHub's redirect to its storage
    expect(actionsRequests(before).map((r) => r.path)).toEqual(
      expect.arrayContaining(['/repos/acme/widgets/actions/runs/1/artifacts', '/repos/acme/widgets/actions/artifacts/901/zip', '/_storage/artifacts/901.zip']),
    );
    expect(github.comments.get(7)?.at(-1)?.body).toContain('2/2 claims verified');
  });

  it('says so, unknown and never verified, when the artifact cannot be read', async () => {
    const broken = await repo.commit('plan touched', { 'docs/PLAN.md': `${PLAN}\n` });
    github.workflowRuns.push({ id: 4, name: 'CI', head_sha: broken, status: 'completed', conclusion: 'success' });
    github.artifacts.set(4, [{ id: 903, name: 'junit-results', zip: strToU8('PK\u0003\u0004 truncated upload') }]);
    github.artifactRedirect = false;
    head = broken;
    const before = github.requests.length;
    expect(await deliver('workflow_run', workflowRunCompleted(4, 'CI'))).toBe(200);
    expect(actionsRequests(before).map((r) => r.path)).toEqual(['/repos/acme/widgets/actions/runs', '/repos/acme/widgets/actions/runs', '/repos/acme/widgets/actions/runs/4/artifacts', '/repos/acme/widgets/actions/artifacts/903/zip']);
    const run = github.checkRuns.at(-1)!;
    expect(run).toMatchObject({ head_sha: broken, output: { title: '1/2 claims verified · 0 unverified · 1 unknown' } });
    expect(run.annotations).toEqual([
      expect.objectContaining({
        start_line: PASSING_LINE,
        title: 'no-test-report: test-result',
        message: `no JUnit test report could be read for ${broken.slice(0, 7)}: artifact 'junit-results' is not a readable zip: invalid zip data`,
      }),
    ]);
  });
});
