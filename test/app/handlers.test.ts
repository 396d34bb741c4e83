/**
 * The App's webhook handlers against a nock'd GitHub: every test asserts the exact requests the
 * app made (in order, with their bodies), that every GraphQL query is valid against GitHub's
 * schema, that no request went unanswered, and that no interceptor was left unused.
 */
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import type { Probot } from 'probot';
import { REVERIFY_ACTION } from '../../src/report/check-run.js';
import { STICKY_MARKER } from '../../src/report/comment.js';
import { BOT, CONFIG_PATH, GitHubMock, ORG_CONFIG_PATH, OWNER, R, REPO, deliver, loadedProbot, shaOf, type Call, type Files, withMockedGitHub } from './github-mock.js';

const SHA = shaOf('head');
const SHORT = SHA.slice(0, 7);
const NEWER = shaOf('newer');

const SOURCES: Files = {
  'README.md': '# Widgets\n\nA small library.\n',
  'src/a.ts': 'export function a(x: number): number {\n  return compute(x) + 2;\n}\n',
  'src/b.ts': 'export function b(x: number): number {\n  return compute(x) * 3;\n}\n',
};

const PLAN_OK = [
  '# Plan',
  '',
  '#### T-001 - Parse input',
  '- **Status:** Done',
  '- **Target File:** `src/a.ts`',
  '',
  '#### T-002 - Render output',
  '- **Status:** Done',
  '- **Target File:** `src/b.ts`',
  '',
].join('\n');

/** `n` items, each citing a file that does not exist: one unverified claim per item, on line 4 + 3i. */
function missingPlan(n: number): string {
  const items = Array.from({ length: n }, (_, i) => {
    const id = String(i + 1).padStart(3, '0');
    return [`#### T-${id} - Item ${id}`, `- **Target File:** \`missing/f${id}.ts\``, ''];
  });
  return ['# Plan', '', ...items.flat()].join('\n');
}

/** One item whose commit was never filled in: a single `unknown` claim. */
const PLAN_UNKNOWN = ['# Plan', '', '#### T-001 - Audit log', '- **Commit:** TBD', ''].join('\n');

// The requests, as the log records them
const TOKEN: Call = { method: 'POST', path: '/app/installations/1/access_tokens' };
const NO_CONFIG: Call[] = [
  { method: 'GET', path: CONFIG_PATH },
  { method: 'GET', path: ORG_CONFIG_PATH },
];
const CONFIG: Call = { method: 'GET', path: CONFIG_PATH };
const TREE: Call = { method: 'GET', path: `${R}/git/trees/${SHA}?recursive=true` };
const LIST_RUNS: Call = { method: 'GET', path: `${R}/commits/${SHA}/check-runs?check_name=claimcheck&filter=latest&per_page=1` };
const APP: Call = { method: 'GET', path: '/app' };
const COMMENTS = (pull: number): Call => ({ method: 'GET', path: `${R}/issues/${pull}/comments?per_page=100` });
const blobs = (...paths: string[]): Call => ({
  method: 'POST',
  path: '/graphql',
  body: { query: expect.any(String), variables: { owner: OWNER, name: REPO, ...Object.fromEntries(paths.map((p, i) => [`f${i}_e`, `${SHA}:${p}`])) } },
});
const CREATE_IN_PROGRESS: Call = { method: 'POST', path: `${R}/check-runs`, body: { name: 'claimcheck', head_sha: SHA, status: 'in_progress' } };
const update = (id: number, body: Record<string, unknown>): Call => ({ method: 'PATCH', path: `${R}/check-runs/${id}`, body });
const neutral = (summary: unknown) => ({
  status: 'completed',
  conclusion: 'neutral',
  output: { title: 'claimcheck could not finish', summary },
  actions: [REVERIFY_ACTION],
});
const createNeutral = (summary: unknown): Call => ({ method: 'POST', path: `${R}/check-runs`, body: { name: 'claimcheck', head_sha: SHA, ...neutral(summary) } });

/** The conclusion of every check run write, in order (`undefined`: none given). */
function conclusions(calls: Call[]): unknown[] {
  return calls.filter((c) => c.path.includes('/check-runs') && c.method !== 'GET').map((c) => (c.body as { conclusion?: string }).conclusion);
}

describe('the App handlers', () => {
  let github: GitHubMock;
  let probot: Probot;
  withMockedGitHub((g, p) => {
    github = g;
    probot = p;
  });

  describe('push', () => {
    it('does nothing at all for a tag or a branch deletion', async () => {
      await deliver(probot, 'push', { sha: SHA }, (p) => Object.assign(p, { ref: 'refs/tags/v1.0.0', created: true }));
      await deliver(probot, 'push', { sha: SHA }, (p) => Object.assign(p, { after: '0'.repeat(40), deleted: true }));
      expect(github.calls).toEqual([]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('reads the config, the tree and the candidate texts of a commit without a plan, and writes nothing', async () => {
      const files = { ...SOURCES, 'docs/guide.md': '# Guide\n\nRun `npm test`.\n' };
      github.token().config(null).tree(SHA, files).blobs(SHA, files);
      await deliver(probot, 'push', { sha: SHA });
      expect(github.calls).toEqual([TOKEN, ...NO_CONFIG, TREE, blobs('README.md', 'docs/guide.md')]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('concludes success when every claim verifies', async () => {
      const files = { ...SOURCES, 'docs/PLAN.md': PLAN_OK };
      github.token().config(null).tree(SHA, files).blobs(SHA, files).createCheckRun(41).blobs(SHA, files).updateCheckRun(41);
      await deliver(probot, 'push', { sha: SHA });
      expect(github.calls).toEqual([
        TOKEN,
        ...NO_CONFIG,
        TREE,
        blobs('README.md', 'docs/PLAN.md'),
        CREATE_IN_PROGRESS,
        blobs('src/a.ts', 'src/b.ts'),
        update(41, {
          status: 'completed',
          conclusion: 'success',
          output: { title: '2/2 claims verified · 0 unverified · 0 unknown', summary: expect.stringContaining('| T-002 | Render output | ✅ verified | 1 | 0 | 0 |') },
          actions: [REVERIFY_ACTION],
        }),
      ]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('sends 60 annotations as a page of 50 and a page of 10, the conclusion only with the last', async () => {
      const files = { ...SOURCES, 'docs/PLAN.md': missingPlan(60) };
      github.token().config(null).tree(SHA, files).blobs(SHA, files).createCheckRun(42).updateCheckRun(42).updateCheckRun(42);
      await deliver(probot, 'push', { sha: SHA });
      const annotations = Array.from({ length: 60 }, (_, i) => {
        const id = String(i + 1).padStart(3, '0');
        return {
          path: 'docs/PLAN.md',
          start_line: 4 + 3 * i,
          end_line: 4 + 3 * i,
          annotation_level: 'failure',
          title: 'file-not-found: file',
          message: expect.stringContaining(`missing/f${id}.ts`),
          raw_details: `missing/f${id}.ts`,
        };
      });
      const output = { title: '0/60 claims verified · 60 unverified · 0 unknown', summary: expect.stringContaining('| T-060 |'), text: expect.stringContaining('### ❌ Unverified (60)') };
      expect(github.calls).toEqual([
        TOKEN,
        ...NO_CONFIG,
        TREE,
        blobs('README.md', 'docs/PLAN.md'),
        CREATE_IN_PROGRESS,
        update(42, { output: { ...output, annotations: annotations.slice(0, 50) } }),
        update(42, { status: 'completed', conclusion: 'failure', output: { ...output, annotations: annotations.slice(50) }, actions: [REVERIFY_ACTION] }),
      ]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('with `fail_on: unknown`, concludes failure on a plan whose only claim is unknown', async () => {
      const files = { ...SOURCES, 'docs/PLAN.md': PLAN_UNKNOWN };
      github.token().config('fail_on: unknown\n').tree(SHA, files).blobs(SHA, files).createCheckRun(43).updateCheckRun(43);
      await deliver(probot, 'push', { sha: SHA });
      expect(github.calls).toEqual([
        TOKEN,
        CONFIG,
        TREE,
        blobs('README.md', 'docs/PLAN.md'),
        CREATE_IN_PROGRESS, // the plan cites no file: nothing more to read
        update(43, {
          status: 'completed',
          conclusion: 'failure',
          output: {
            title: '0/1 claims verified · 0 unverified · 1 unknown',
            summary: expect.stringContaining('this check fails on unverified or unknown claims'),
            text: expect.stringContaining('### ❔ Unknown (1)'),
            annotations: [
              {
                path: 'docs/PLAN.md',
                start_line: 4,
                end_line: 4,
                annotation_level: 'warning',
                title: 'placeholder: commit',
                message: "'TBD' is template text that was never filled in",
                raw_details: 'TBD',
              },
            ],
          },
          actions: [REVERIFY_ACTION],
        }),
      ]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('with the default config, the same unknown-only plan concludes success', async () => {
      const files = { ...SOURCES, 'docs/PLAN.md': PLAN_UNKNOWN };
      github.token().config(null).tree(SHA, files).blobs(SHA, files).createCheckRun(44).updateCheckRun(44);
      await deliver(probot, 'push', { sha: SHA });
      expect(github.calls.at(-1)).toEqual(update(44, expect.objectContaining({ status: 'completed', conclusion: 'success' })));
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('lists the plans and the cited files of the commit once: the tree is read a single time', async () => {
      const files = { ...SOURCES, 'docs/PLAN.md': PLAN_OK };
      github.token().config(null).tree(SHA, files).blobs(SHA, files).createCheckRun(45).blobs(SHA, files).updateCheckRun(45);
      await deliver(probot, 'push', { sha: SHA });
      expect(github.calls.filter((c) => c.path.includes('/git/trees/'))).toEqual([TREE]);
      expect(nock.pendingMocks()).toEqual([]);
    });
  });

  describe('GitHub faults', () => {
    it('a 500 on the tree: a neutral check run naming the status, nothing else', async () => {
      github.token().config(null).get(`${R}/git/trees/${SHA}?recursive=true`, 500, { message: 'Server Error' }).createCheckRun(50);
      await deliver(probot, 'push', { sha: SHA });
      expect(github.calls).toEqual([TOKEN, ...NO_CONFIG, TREE, createNeutral(expect.stringMatching(/^claimcheck could not finish: GitHub answered 500: Server Error/))]);
      expect(conclusions(github.calls)).toEqual(['neutral']);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('a GraphQL 502 while looking for plans: a neutral check run naming the status', async () => {
      const files = { ...SOURCES, 'docs/PLAN.md': PLAN_OK };
      github.token().config(null).tree(SHA, files).graphqlFault(502, 'Bad Gateway').createCheckRun(51);
      await deliver(probot, 'push', { sha: SHA });
      expect(github.calls).toEqual([TOKEN, ...NO_CONFIG, TREE, blobs('README.md', 'docs/PLAN.md'), createNeutral(expect.stringMatching(/^claimcheck could not finish: GitHub answered 502: Bad Gateway/))]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('a GraphQL 502 after the check run started: that run concluded neutral, never success', async () => {
      const files = { ...SOURCES, 'docs/PLAN.md': PLAN_OK };
      github.token().config(null).tree(SHA, files).blobs(SHA, files).createCheckRun(52).graphqlFault(502, 'Bad Gateway').updateCheckRun(52);
      await deliver(probot, 'push', { sha: SHA });
      expect(github.calls).toEqual([
        TOKEN,
        ...NO_CONFIG,
        TREE,
        blobs('README.md', 'docs/PLAN.md'),
        CREATE_IN_PROGRESS,
        blobs('src/a.ts', 'src/b.ts'),
        update(52, neutral(expect.stringMatching(/^claimcheck could not finish: GitHub answered 502: Bad Gateway/))),
      ]);
      expect(conclusions(github.calls)).toEqual([undefined, 'neutral']);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('a 500 on the first annotation page: the run is concluded neutral, not failure', async () => {
      const files = { ...SOURCES, 'docs/PLAN.md': missingPlan(60) };
      github.token().config(null).tree(SHA, files).blobs(SHA, files).createCheckRun(53).patch(`${R}/check-runs/53`, 500, { message: 'Server Error' }).updateCheckRun(53);
      await deliver(probot, 'push', { sha: SHA });
      expect(github.calls.slice(-2)).toEqual([
        update(53, { output: expect.objectContaining({ annotations: expect.any(Array) }) }),
        update(53, neutral(expect.stringMatching(/^claimcheck could not finish: GitHub answered 500/))),
      ]);
      expect(conclusions(github.calls)).toEqual([undefined, undefined, 'neutral']);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('even the neutral conclusion failing is logged, not thrown', async () => {
      github.token().config(null).get(`${R}/git/trees/${SHA}?recursive=true`, 500, { message: 'Server Error' }).post(`${R}/check-runs`, 403, { message: 'Resource not accessible by integration' });
      await expect(deliver(probot, 'push', { sha: SHA })).resolves.toBeUndefined();
      expect(github.calls).toEqual([TOKEN, ...NO_CONFIG, TREE, createNeutral(expect.any(String))]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('a 500 reading the config: a neutral check run naming the cause', async () => {
      github.token().get(CONFIG_PATH, 500, { message: 'Server Error' }).createCheckRun(54);
      await deliver(probot, 'push', { sha: SHA });
      expect(github.calls).toEqual([TOKEN, CONFIG, createNeutral(expect.stringMatching(/^The configuration could not be read: GitHub answered 500: Server Error/))]);
      expect(nock.pendingMocks()).toEqual([]);
    });
  });

  describe('configuration', () => {
    it('an invalid value: a neutral check run naming the key, and nothing read from the commit', async () => {
      github.token().config('fail_on: sometimes\n').createCheckRun(60);
      await deliver(probot, 'push', { sha: SHA });
      expect(github.calls).toEqual([
        TOKEN,
        CONFIG,
        createNeutral('The configuration is invalid: .github/claimcheck.yml: fail_on: Invalid option: expected one of "unverified"|"unknown"'),
      ]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('an unknown key: a neutral check run naming it', async () => {
      github.token().config('plan: docs/PLAN.md\n').createCheckRun(61);
      await deliver(probot, 'push', { sha: SHA });
      expect(github.calls).toEqual([TOKEN, CONFIG, createNeutral("The configuration is invalid: .github/claimcheck.yml: unknown key 'plan'")]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('YAML that does not parse: a neutral check run saying so', async () => {
      github.token().config('fail_on: [unknown\n').createCheckRun(62);
      await deliver(probot, 'push', { sha: SHA });
      expect(github.calls).toEqual([TOKEN, CONFIG, createNeutral(expect.stringMatching(/^The configuration could not be read: .*invalid YAML/))]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('`plans` globs name the plans, whatever they hold', async () => {
      const files = { ...SOURCES, 'plans/roadmap.md': PLAN_OK, 'docs/other.md': PLAN_OK };
      github.token().config('plans:\n  - plans/**/*.md\n').tree(SHA, files).blobs(SHA, files).createCheckRun(63).blobs(SHA, files).updateCheckRun(63);
      await deliver(probot, 'push', { sha: SHA });
      expect(github.calls).toEqual([
        TOKEN,
        CONFIG,
        TREE,
        blobs('plans/roadmap.md'),
        CREATE_IN_PROGRESS,
        blobs('src/a.ts', 'src/b.ts'),
        update(63, expect.objectContaining({ conclusion: 'success', output: expect.objectContaining({ title: '2/2 claims verified · 0 unverified · 0 unknown' }) })),
      ]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('a plan named by a glob that cannot be parsed: a neutral check run naming the plan', async () => {
      const files = { ...SOURCES, 'plans/q1.yml': 'items: [\n' };
      github.token().config('plans: [plans/*.yml]\n').tree(SHA, files).blobs(SHA, files).createCheckRun(64);
      await deliver(probot, 'push', { sha: SHA });
      expect(github.calls).toEqual([TOKEN, CONFIG, TREE, blobs('plans/q1.yml'), createNeutral(expect.stringMatching(/^A plan could not be read: plans\/q1\.yml: invalid YAML at line \d+/))]);
      expect(nock.pendingMocks()).toEqual([]);
    });
  });

  describe('pull requests and the sticky comment', () => {
    const FILES = { ...SOURCES, 'docs/PLAN.md': PLAN_OK };
    const BODY = [STICKY_MARKER, '## claimcheck: 2/2 claims verified · 0 unverified · 0 unknown', '', `✅ All 2 claims verified at \`${SHORT}\`.`].join('\n');
    const VERIFIED: Call[] = [
      TOKEN,
      ...NO_CONFIG,
      TREE,
      blobs('README.md', 'docs/PLAN.md'),
      LIST_RUNS,
      CREATE_IN_PROGRESS,
      blobs('src/a.ts', 'src/b.ts'),
      update(70, expect.objectContaining({ status: 'completed', conclusion: 'success' })),
      APP,
      COMMENTS(7),
    ];
    const verifying = (): GitHubMock => github.token().config(null).tree(SHA, FILES).blobs(SHA, FILES).checkRuns(SHA).createCheckRun(70).blobs(SHA, FILES).updateCheckRun(70).appSlug();

    it('opened: a check run and one new sticky comment', async () => {
      verifying().comments(7, []).post(`${R}/issues/7/comments`, 201, { id: 100 });
      await deliver(probot, 'pull_request.opened', { sha: SHA, pullNumber: 7 });
      expect(github.calls).toEqual([...VERIFIED, { method: 'POST', path: `${R}/issues/7/comments`, body: { body: BODY } }]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('synchronize with the same result: the identical sticky comment is left alone', async () => {
      verifying().comments(7, [{ id: 101, login: BOT, body: BODY }]);
      await deliver(probot, 'pull_request.synchronize', { sha: SHA, pullNumber: 7 });
      expect(github.calls).toEqual(VERIFIED);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it("synchronize with a new result: only the app's own sticky comment is edited", async () => {
      verifying()
        .comments(7, [
          { id: 102, login: 'mallory', body: `${STICKY_MARKER}\n## claimcheck: all good, trust me` },
          { id: 103, login: BOT, body: 'Thanks for the pull request!' },
          { id: 104, login: BOT, body: `${STICKY_MARKER}\n## claimcheck: 1/2 claims verified · 1 unverified · 0 unknown` },
        ])
        .patch(`${R}/issues/comments/104`, 200, { id: 104 });
      await deliver(probot, 'pull_request.synchronize', { sha: SHA, pullNumber: 7 });
      expect(github.calls).toEqual([...VERIFIED, { method: 'PATCH', path: `${R}/issues/comments/104`, body: { body: BODY } }]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it("synchronize where only another user's comment carries the marker: a new comment of the app's own", async () => {
      verifying().comments(7, [{ id: 105, login: 'mallory', body: BODY }]).post(`${R}/issues/7/comments`, 201, { id: 106 });
      await deliver(probot, 'pull_request.synchronize', { sha: SHA, pullNumber: 7 });
      expect(github.calls).toEqual([...VERIFIED, { method: 'POST', path: `${R}/issues/7/comments`, body: { body: BODY } }]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('a comment that cannot be written leaves the completed check run as it concluded', async () => {
      const files = { ...SOURCES, 'docs/PLAN.md': missingPlan(1) };
      github
        .token()
        .config(null)
        .tree(SHA, files)
        .blobs(SHA, files)
        .checkRuns(SHA)
        .createCheckRun(71)
        .updateCheckRun(71)
        .appSlug()
        .comments(7, [])
        .post(`${R}/issues/7/comments`, 403, { message: 'Resource not accessible by integration' });
      await expect(deliver(probot, 'pull_request.opened', { sha: SHA, pullNumber: 7 })).resolves.toBeUndefined();
      expect(github.calls.slice(-4)).toEqual([
        update(71, expect.objectContaining({ status: 'completed', conclusion: 'failure' })),
        APP,
        COMMENTS(7),
        { method: 'POST', path: `${R}/issues/7/comments`, body: { body: expect.stringContaining('## claimcheck: 0/1 claims verified · 1 unverified · 0 unknown') } },
      ]);
      // a failing verification must not turn neutral (which passes required checks) over a comment
      expect(conclusions(github.calls)).toEqual([undefined, 'failure']);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('synchronize on a commit whose push already has its check run: only the comment is written', async () => {
      github.token().config(null).tree(SHA, FILES).blobs(SHA, FILES).checkRuns(SHA, [{ id: 9 }]).blobs(SHA, FILES).appSlug().comments(7, [{ id: 101, login: BOT, body: BODY }]);
      await deliver(probot, 'pull_request.synchronize', { sha: SHA, pullNumber: 7 });
      expect(github.calls).toEqual([TOKEN, ...NO_CONFIG, TREE, blobs('README.md', 'docs/PLAN.md'), LIST_RUNS, blobs('src/a.ts', 'src/b.ts'), APP, COMMENTS(7)]);
      expect(github.calls.filter((c) => c.path.includes('/check-runs') && c.method !== 'GET')).toEqual([]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('synchronize without a plan any more: the sticky comment is deleted, no check run', async () => {
      github
        .token()
        .config(null)
        .tree(SHA, SOURCES)
        .blobs(SHA, SOURCES)
        .appSlug()
        .comments(7, [
          { id: 107, login: 'mallory', body: BODY },
          { id: 108, login: BOT, body: BODY },
        ])
        .delete(`${R}/issues/comments/108`);
      await deliver(probot, 'pull_request.synchronize', { sha: SHA, pullNumber: 7 });
      expect(github.calls).toEqual([TOKEN, ...NO_CONFIG, TREE, blobs('README.md'), APP, COMMENTS(7), { method: 'DELETE', path: `${R}/issues/comments/108` }]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('synchronize without a plan and without a sticky comment: nothing written', async () => {
      github.token().config(null).tree(SHA, SOURCES).blobs(SHA, SOURCES).appSlug().comments(7, [{ id: 109, login: 'mallory', body: BODY }]);
      await deliver(probot, 'pull_request.synchronize', { sha: SHA, pullNumber: 7 });
      expect(github.calls).toEqual([TOKEN, ...NO_CONFIG, TREE, blobs('README.md'), APP, COMMENTS(7)]);
      expect(nock.pendingMocks()).toEqual([]);
    });
  });

  describe('re-runs', () => {
    const BRANCH: Call = { method: 'GET', path: `${R}/branches/main` };

    it('check_run.rerequested on a superseded commit: one neutral check run saying so, nothing else', async () => {
      github.token().get(`${R}/branches/main`, 200, { name: 'main', commit: { sha: NEWER } }).createCheckRun(80);
      await deliver(probot, 'check_run.rerequested', { sha: SHA, branch: 'main' });
      expect(github.calls).toEqual([TOKEN, BRANCH, createNeutral(`Superseded: main is now at ${NEWER.slice(0, 7)}, so ${SHORT} was not verified again.`)]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('check_run.requested_action with another identifier: nothing', async () => {
      await deliver(probot, 'check_run.requested_action', { sha: SHA }, (p) => (p.requested_action = { identifier: 'something-else' }));
      expect(github.calls).toEqual([]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('"Re-verify" on the head of its branch: verified again in a new check run (GitHub shows the latest)', async () => {
      const files = { ...SOURCES, 'docs/PLAN.md': PLAN_OK };
      github
        .token()
        .get(`${R}/branches/main`, 200, { name: 'main', commit: { sha: SHA } })
        .config(null)
        .tree(SHA, files)
        .blobs(SHA, files)
        .createCheckRun(81)
        .blobs(SHA, files)
        .updateCheckRun(81);
      await deliver(probot, 'check_run.requested_action', { sha: SHA });
      expect(github.calls).toEqual([
        TOKEN,
        BRANCH,
        ...NO_CONFIG,
        TREE,
        blobs('README.md', 'docs/PLAN.md'),
        CREATE_IN_PROGRESS,
        blobs('src/a.ts', 'src/b.ts'),
        update(81, expect.objectContaining({ status: 'completed', conclusion: 'success' })),
      ]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('check_suite.rerequested when the branch is gone: the commit is verified all the same', async () => {
      github.token().get(`${R}/branches/gone`, 404, { message: 'Branch not found' }).config(null).tree(SHA, SOURCES).blobs(SHA, SOURCES);
      await deliver(probot, 'check_suite.rerequested', { sha: SHA, branch: 'gone' });
      expect(github.calls).toEqual([TOKEN, { method: 'GET', path: `${R}/branches/gone` }, ...NO_CONFIG, TREE, blobs('README.md')]);
      expect(nock.pendingMocks()).toEqual([]);
    });
  });
});

describe('the harness', () => {
  it('sees a request no interceptor answers (net connect is disabled)', async () => {
    nock.disableNetConnect();
    const github = new GitHubMock();
    const probot = await loadedProbot();
    // the org-level config lookup is left out on purpose
    github.token().get(CONFIG_PATH, 404, { message: 'Not Found' });
    await deliver(probot, 'push', { sha: SHA }).catch(() => undefined);
    expect(github.unmatched[0]).toMatch(/^GET .*\/repos\/acme\/\.github\/contents\/\.github%2Fclaimcheck\.yml$/);
    github.dispose();
    nock.enableNetConnect();
  });
});
