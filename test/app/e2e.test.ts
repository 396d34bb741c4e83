/**
 * End to end over real HTTP: the app's server on 127.0.0.1 receives signed webhook deliveries and
 * talks to a loopback fake GitHub that answers from a real git repository.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { STICKY_MARKER } from '../../src/report/comment.js';
import { startAppOverHttp, type AppOverHttp } from '../helpers/app-http.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { lines, TestRepo } from '../helpers/repo.js';
import { eventOf, payloadOf, type Aim, type Scenario } from '../helpers/webhooks.js';

const SECRET = 'e2e-webhook-secret';
const PLAN = (work: string): string =>
  [
    '# Plan',
    '',
    '#### M2-003 - Harden webhook security',
    '- **Status:** Done',
    '- **File:** `src/security.ts:L1-L10`',
    `- **Commit:** \`${work.slice(0, 7)}\``,
    '',
    '#### M2-004 - Retry failed deliveries',
    '- **Status:** Done',
    '- **File:** `src/retry.ts:L1-L400`',
    '- **Test:** `tests/retry.test.ts::retries three times`',
    '',
    '#### M2-005 - Audit log',
    '- **Status:** In Progress',
    '- **File:** `src/audit.ts`',
    '',
  ].join('\n');

describe('the App over HTTP, against a fake GitHub backed by a real repository', () => {
  let repo: TestRepo;
  let github: FakeGitHub;
  let app: AppOverHttp;
  let head: string;
  let work: string;

  beforeAll(async () => {
    repo = await TestRepo.create();
    work = await repo.commit('security', { 'src/security.ts': lines(20, 'const x ='), 'src/retry.ts': lines(30, 'const y =') });
    head = await repo.commit('plan', { 'docs/PLAN.md': PLAN(work), 'README.md': '# Widgets\n' });
    github = new FakeGitHub(repo.dir);
    await github.start();
    app = await startAppOverHttp(github.url, SECRET);
  }, 60_000);

  afterAll(async () => {
    await app.stop();
    await github.stop();
    await repo.remove();
  });

  async function deliver(scenario: Scenario, aim: Partial<Aim> = {}, signature?: string): Promise<number> {
    return app.deliver(eventOf(scenario), JSON.stringify(payloadOf(scenario, { owner: 'acme', repo: 'widgets', sha: head, ...aim })), signature);
  }

  it('refuses a delivery with a bad signature and does nothing', async () => {
    const before = github.requests.length;
    expect(await deliver('push', {}, 'sha256=' + '0'.repeat(64))).toBe(400);
    expect(github.requests.length).toBe(before);
    expect(github.checkRuns).toHaveLength(0);
  });

  it('publishes one failing check run on a push, with an annotation per non-verified claim', async () => {
    expect(await deliver('push')).toBe(200);
    expect(github.checkRuns).toHaveLength(1);
    const run = github.checkRuns[0]!;
    expect(run).toMatchObject({ name: 'claimcheck', head_sha: head, status: 'completed', conclusion: 'failure' });
    expect(run.output.title).toBe('2/6 claims verified · 4 unverified · 0 unknown');
    // out of bounds (10), a missing test file (11), done but unverified (9), a missing file (15)
    expect(run.annotations.map((a) => [a.path, a.start_line, a.annotation_level]).sort()).toEqual([
      ['docs/PLAN.md', 10, 'failure'],
      ['docs/PLAN.md', 11, 'failure'],
      ['docs/PLAN.md', 15, 'failure'],
      ['docs/PLAN.md', 9, 'failure'],
    ]);
    expect(run.actions).toEqual([expect.objectContaining({ identifier: 'reverify' })]);
  });

  it('keeps one sticky comment on the pull request and does not rewrite it when nothing changed', async () => {
    expect(await deliver('pull_request.opened', { pullNumber: 7 })).toBe(200);
    const comments = github.comments.get(7) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith(STICKY_MARKER)).toBe(true);
    expect(comments[0]!.body).toContain(`https://github.com/acme/widgets/blob/${head}/src/retry.ts#L1-L400`);
    const writes = github.writes().length;
    expect(await deliver('pull_request.synchronize', { pullNumber: 7 })).toBe(200);
    expect(github.comments.get(7)).toHaveLength(1);
    const newWrites = github.writes().slice(writes);
    expect(newWrites.some((w) => w.path.includes('/issues/'))).toBe(false);
    // the push and the pull request share the commit's one check run
    expect(github.checkRuns).toHaveLength(1);
  });

  it('reads the config, extended from the organisation: with fail_on: unknown, an unknown-only plan fails', async () => {
    const unknownOnly = await repo.commit('unknown plan', { 'docs/PLAN.md': '#### U-001 - Later\n- **Status:** In Progress\n- **File:** `README.md`\n- **Test:** `README.md::works`\n' });
    // the policy is set once for the organisation, in its .github repository
    github.config = '_extends: .github\n';
    github.orgConfig = 'fail_on: unknown\n';
    expect(await deliver('push', { sha: unknownOnly })).toBe(200);
    github.config = null;
    github.orgConfig = null;
    const run = github.checkRuns.at(-1)!;
    expect(run).toMatchObject({ head_sha: unknownOnly, conclusion: 'failure' });
    expect(run.output.title).toBe('1/2 claims verified · 0 unverified · 1 unknown');
    await repo.git.reset(['--hard', head]);
  });

  it('follows a range the code moved away from since the plan cited it (blame on GitHub)', async () => {
    const moved = await repo.commit('imports above the security code', { 'src/security.ts': ['import a from "a";', 'import b from "b";', ...lines(20, 'const x =').split('\n')].join('\n') });
    expect(await deliver('push', { sha: moved })).toBe(200);
    const run = github.checkRuns.at(-1)!;
    expect(run).toMatchObject({ head_sha: moved, conclusion: 'failure' });
    expect(run.annotations.find((a) => a.start_line === 5)).toMatchObject({ title: 'range-drifted: range', message: expect.stringContaining('now at L3-L12') });
    await repo.git.reset(['--hard', head]);
  });

  it('answers `/claimcheck explain` in a pull request comment: 👀, a reply with every claim of the item, 🚀', async () => {
    github.pulls.set(7, { head, base: work });
    github.roles.set('Codertocat', 'triage');
    const before = github.comments.get(7)?.length ?? 0;
    const runs = github.checkRuns.length;
    expect(await deliver('issue_comment.created', { pullNumber: 7, comment: '/claimcheck explain M2-004' })).toBe(200);
    const replies = (github.comments.get(7) ?? []).slice(before);
    expect(replies).toHaveLength(1);
    const plan = (line: number): string => `[docs/PLAN.md:${line}](https://github.com/acme/widgets/blob/${head}/docs/PLAN.md?plain=1#L${line})`;
    expect(replies[0]!.body.split('\n')).toEqual([
      '### ❌ M2-004 · Retry failed deliveries',
      '',
      `**unverified** at \`${head.slice(0, 7)}\` · ${plan(8)} · 0 verified · 3 unverified · 0 unknown`,
      '',
      expect.stringMatching(new RegExp(`^- ❌ range \`src/retry\\.ts:L1-L400\` · \`range-out-of-bounds\`: .* · \\[docs/PLAN\\.md:10\\]\\(.*\\) · cited: \\[src/retry\\.ts:L1-L400\\]\\(https://github\\.com/acme/widgets/blob/${head}/src/retry\\.ts#L1-L400\\)$`)),
      expect.stringMatching(/^- ❌ test `tests\/retry\.test\.ts::retries three times` · `test-file-missing`: /),
      expect.stringMatching(/^- ❌ status `Done` · `done-but-unverified`: M2-004 is marked done but 2 of its claims are unverified · /),
    ]);
    expect(github.reactions.filter((r) => r.commentId === 492700400).map((r) => r.content)).toEqual(['eyes', 'rocket']);
    // explain writes nothing else: no check run, no review
    expect(github.checkRuns).toHaveLength(runs);
    expect(github.reviews.size).toBe(0);
    github.reactions.length = 0;
  });

  it('answers `/claimcheck fix` with a review suggesting where a drifted range stands now, and pushes nothing', async () => {
    const moved = await repo.commit('imports above the security code', { 'src/security.ts': ['import a from "a";', 'import b from "b";', ...lines(20, 'const x =').split('\n')].join('\n') });
    // the pull request adds the plan, so its lines are in the diff
    github.pulls.set(7, { head: moved, base: work });
    github.roles.set('Codertocat', 'write');
    expect(await deliver('issue_comment.created', { pullNumber: 7, comment: '/claimcheck fix' })).toBe(200);
    expect(github.reviews.get(7)).toEqual([
      expect.objectContaining({
        commit_id: moved,
        event: 'COMMENT',
        body: expect.stringMatching(/^### claimcheck: 1 drifted range at `[0-9a-f]{7}`/),
        comments: [{ path: 'docs/PLAN.md', line: 5, side: 'RIGHT', body: expect.stringContaining('```suggestion\n- **File:** `src/security.ts:L3-L12`\n```') }],
      }),
    ]);
    expect(github.reactions.map((r) => r.content)).toEqual(['eyes', 'rocket']);
    expect(await repo.git.revparse(['HEAD'])).toBe(moved);
    github.reactions.length = 0;
    github.reviews.clear();
    await repo.git.reset(['--hard', head]);
  });

  it('refuses `/claimcheck fix` to a user with read access: one reply saying why, 😕, no review', async () => {
    github.pulls.set(7, { head, base: work });
    github.roles.set('Codertocat', 'read');
    const before = github.comments.get(7)?.length ?? 0;
    expect(await deliver('issue_comment.created', { pullNumber: 7, comment: '/claimcheck fix' })).toBe(200);
    expect((github.comments.get(7) ?? []).slice(before).map((c) => c.body)).toEqual([
      'claimcheck: `/claimcheck fix` needs write access to acme/widgets; @Codertocat has read access. Nothing was done.',
    ]);
    expect(github.reactions.map((r) => r.content)).toEqual(['eyes', 'confused']);
    expect(github.reviews.size).toBe(0);
    github.reactions.length = 0;
  });

  it('reuses the facts of the previous push when a push changes nothing the plan cites: no GraphQL, the same verdicts', async () => {
    const start = await repo.commit('helper', { 'src/other.ts': 'export const other = 1;\n' });
    expect(await deliver('push', { sha: start })).toBe(200);
    const first = github.checkRuns.at(-1)!;
    const unrelated = await repo.commit('helper edited', { 'src/other.ts': 'export const other = 2;\n' });
    const before = github.requests.length;
    expect(await deliver('push', { sha: unrelated, before: start })).toBe(200);
    const reused = github.checkRuns.at(-1)!;
    expect(github.requests.slice(before).filter((r) => r.path === '/graphql')).toEqual([]);
    expect(reused).toMatchObject({ head_sha: unrelated, conclusion: first.conclusion, output: { title: first.output.title } });
    const placed = (run: typeof first) => run.annotations.map((a) => [a.start_line, a.title]);
    expect(placed(reused)).toEqual(placed(first));
    // the reasons name the commit verified now, not the one the facts were read at
    expect(reused.annotations.map((a) => a.message).join('\n')).toContain(unrelated.slice(0, 7));
    // a push that edits a cited file reads afresh
    const edited = await repo.commit('retry grows', { 'src/retry.ts': lines(40, 'const y =') });
    const again = github.requests.length;
    expect(await deliver('push', { sha: edited, before: unrelated })).toBe(200);
    expect(github.requests.slice(again).some((r) => r.path === '/graphql')).toBe(true);
    await repo.git.reset(['--hard', head]);
  });

  it('verifies again on "Re-verify", and concludes a re-run of a superseded commit neutral', async () => {
    const before = github.checkRuns.length;
    expect(await deliver('check_run.requested_action')).toBe(200);
    expect(github.checkRuns).toHaveLength(before + 1);
    expect(github.checkRuns.at(-1)).toMatchObject({ head_sha: head, conclusion: 'failure', annotations: github.checkRuns[0]!.annotations });
    await repo.commit('newer', { 'src/audit.ts': 'export const audit = () => log();\n' });
    expect(await deliver('check_suite.rerequested')).toBe(200);
    const superseded = github.checkRuns.at(-1)!;
    expect(superseded).toMatchObject({ head_sha: head, conclusion: 'neutral' });
    expect(superseded.output.summary).toMatch(/Superseded: main is now at [0-9a-f]{7}/);
  });
});
