/**
 * Slash commands against a nock'd GitHub: every test asserts the exact requests the app made (in
 * order, with their bodies), that no request went unanswered and that no interceptor was left.
 */
import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { pino } from 'pino';
import { Probot } from 'probot';
import type { Access } from '../../src/app/access.js';
import { botReply, onComment } from '../../src/app/command-handler.js';
import { depsOf } from '../../src/app/events.js';
import { helpReply } from '../../src/app/replies.js';
import type { Plan } from '../../src/plan/types.js';
import { REVERIFY_ACTION } from '../../src/report/check-run.js';
import { STICKY_MARKER } from '../../src/report/comment.js';
import { summarise, type ClaimResult, type PlanResult, type Report } from '../../src/verify/report.js';
import { unthrottled } from '../helpers/github.js';
import { BOT, CONFIG_PATH, GitHubMock, ORG_CONFIG_PATH, OWNER, R, REPO, deliver, shaOf, type Call, type Files, withMockedGitHub } from './github-mock.js';

const SHA = shaOf('pull head');
const SHORT = SHA.slice(0, 7);
const PULL_NUMBER = 7;
const COMMENT_ID = 492700400;
const USER = 'Codertocat';

const SOURCES: Files = {
  'README.md': '# Widgets\n',
  'src/a.ts': 'export function a(x: number): number {\n  return compute(x) + 2;\n}\n',
  'src/b.ts': 'export function b(x: number): number {\n  return compute(x) * 3;\n}\n',
};
const PLAN = ['# Plan', '', '#### T-001 - Parse input', '- **Status:** Done', '- **Target File:** `src/a.ts`', '', '#### T-002 - Render output', '- **Status:** Done', '- **Target File:** `src/b.ts`', '- **Target File:** `src/missing.ts`', ''].join('\n');
const FILES: Files = { ...SOURCES, 'docs/PLAN.md': PLAN };

// The requests, as the log records them
const TOKEN: Call = { method: 'POST', path: '/app/installations/1/access_tokens' };
const NO_CONFIG: Call[] = [
  { method: 'GET', path: CONFIG_PATH },
  { method: 'GET', path: ORG_CONFIG_PATH },
];
const CONFIG: Call = { method: 'GET', path: CONFIG_PATH };
const REACT = (content: string): Call => ({ method: 'POST', path: `${R}/issues/comments/${COMMENT_ID}/reactions`, body: { content } });
const EYES = REACT('eyes');
const ROCKET = REACT('rocket');
const CONFUSED = REACT('confused');
const PERMISSION: Call = { method: 'GET', path: `${R}/collaborators/${USER}/permission` };
const PULL: Call = { method: 'GET', path: `${R}/pulls/${PULL_NUMBER}` };
const TREE: Call = { method: 'GET', path: `${R}/git/trees/${SHA}?recursive=true` };
const APP: Call = { method: 'GET', path: '/app' };
const COMMENTS: Call = { method: 'GET', path: `${R}/issues/${PULL_NUMBER}/comments?per_page=100` };
const PULL_FILES: Call = { method: 'GET', path: `${R}/pulls/${PULL_NUMBER}/files?per_page=100` };
const REPLY = (body: unknown): Call => ({ method: 'POST', path: `${R}/issues/${PULL_NUMBER}/comments`, body: { body } });
const blobs = (...paths: string[]): Call => ({
  method: 'POST',
  path: '/graphql',
  body: { query: expect.any(String), variables: { owner: OWNER, name: REPO, ...Object.fromEntries(paths.map((p, i) => [`f${i}_e`, `${SHA}:${p}`])) } },
});
const CREATE_IN_PROGRESS: Call = { method: 'POST', path: `${R}/check-runs`, body: { name: 'claimcheck', head_sha: SHA, status: 'in_progress' } };
const update = (id: number, body: unknown): Call => ({ method: 'PATCH', path: `${R}/check-runs/${id}`, body });
/** Finding the plans of FILES at the head, then checking the evidence of PLAN. */
const FIND: Call[] = [TREE, blobs('README.md', 'docs/PLAN.md')];
const CHECK = blobs('src/a.ts', 'src/b.ts');

/** What the collaborator-permission API answers for a role (`permission` is the legacy level). */
const LEGACY: Record<Access, string> = { admin: 'admin', maintain: 'write', write: 'write', triage: 'read', read: 'read', none: 'none' };

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

describe('slash commands', () => {
  let github: GitHubMock;
  let probot: Probot;
  withMockedGitHub((g, p) => {
    github = g;
    probot = p;
  });

  /** A new comment on pull request 7 by Codertocat, on a public repository unless told. */
  const comment = (body: string, edit: (payload: Record<string, any>) => void = () => undefined, on: Probot = probot): Promise<void> =>
    deliver(on, 'issue_comment.created', { sha: SHA, pullNumber: PULL_NUMBER }, (payload) => {
      payload.comment.body = body;
      edit(payload);
    });
  const privately = (payload: Record<string, any>): void => void (payload.repository.private = true);

  // the interceptors, each answering once
  const react = (...contents: string[]): GitHubMock => contents.reduce((g, content) => g.post(`${R}/issues/comments/${COMMENT_ID}/reactions`, 201, { id: 1, content }), github);
  const permission = (access: Access): GitHubMock => github.get(`${R}/collaborators/${USER}/permission`, 200, { permission: LEGACY[access], role_name: access, user: { login: USER } });
  const pull = (): GitHubMock => github.get(`${R}/pulls/${PULL_NUMBER}`, 200, { number: PULL_NUMBER, head: { sha: SHA, ref: 'feature' }, base: { ref: 'main' } });
  const reply = (): GitHubMock => github.post(`${R}/issues/${PULL_NUMBER}/comments`, 201, { id: 900 });

  describe('what is ignored, without a single request', () => {
    it.each<[string, (p: Record<string, any>) => void]>([
      ['an edited comment', (p) => (p.action = 'edited')],
      ['a deleted comment', (p) => (p.action = 'deleted')],
      ['a comment by a bot without a command', (p) => ((p.comment.user = { ...p.comment.user, login: 'helper[bot]', type: 'Bot' }), (p.comment.body = 'Deployed to staging'))],
      ['a comment on a plain issue', (p) => delete p.issue.pull_request],
      ['a command in a code block', (p) => (p.comment.body = 'try:\n\n```\n/claimcheck fix\n```')],
      ['a command in a quote', (p) => (p.comment.body = '> /claimcheck fix')],
      ['a comment without a command', (p) => (p.comment.body = 'Looks good to me')],
    ])('%s', async (_, edit) => {
      await comment('/claimcheck fix', edit);
      expect(github.calls).toEqual([]);
      expect(nock.pendingMocks()).toEqual([]);
    });
  });

  describe('help and unknown commands', () => {
    it('help: 👀, the command list, 🚀; no config or permission asked', async () => {
      github.token();
      react('eyes');
      reply();
      react('rocket');
      await comment('Thanks!\n\n/claimcheck help');
      expect(github.calls).toEqual([TOKEN, EYES, REPLY(helpReply()), ROCKET]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('an unknown command: 👀, the command list after saying so, 😕', async () => {
      github.token();
      react('eyes');
      reply();
      react('confused');
      await comment('/claimcheck merge');
      expect(github.calls).toEqual([TOKEN, EYES, REPLY(`claimcheck: unknown command.\n\n${helpReply()}`), CONFUSED]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('explain without an id: the usage, 😕', async () => {
      github.token();
      react('eyes');
      reply();
      react('confused');
      await comment('/claimcheck explain');
      expect(github.calls).toEqual([TOKEN, EYES, REPLY(expect.stringMatching(/^claimcheck: `explain` takes one item id: `\/claimcheck explain ITEM-ID`\.\n\n\*\*claimcheck commands\*\*/)), CONFUSED]);
      expect(nock.pendingMocks()).toEqual([]);
    });
  });

  describe('permissions', () => {
    const LEVELS: Access[] = ['admin', 'maintain', 'write', 'triage', 'read', 'none'];
    const ALLOWED: Record<string, Access[]> = {
      'fix private': ['admin', 'maintain', 'write'],
      'fix public': ['admin', 'maintain', 'write'],
      'verify private': ['admin', 'maintain', 'write', 'triage', 'read'],
      'verify public': ['admin', 'maintain', 'write', 'triage'],
      'explain private': ['admin', 'maintain', 'write', 'triage', 'read'],
      'explain public': ['admin', 'maintain', 'write', 'triage'],
    };
    const NEEDED: Record<string, string> = { 'fix private': 'write', 'fix public': 'write', 'verify private': 'read', 'verify public': 'triage', 'explain private': 'read', 'explain public': 'triage' };
    const cases = Object.keys(ALLOWED).flatMap((key) => LEVELS.map((access) => [key, access, ALLOWED[key]!.includes(access)] as const));

    it.each(cases)('%s with %s access: allowed %s', async (key, access, allowed) => {
      const [command, visibility] = key.split(' ') as [string, string];
      const text = command === 'explain' ? '/claimcheck explain T-001' : `/claimcheck ${command}`;
      github.token();
      react('eyes');
      github.config(null);
      permission(access);
      if (allowed) {
        // a repository without a plan: each command goes as far as the plans, and answers
        pull().tree(SHA, SOURCES).blobs(SHA, SOURCES);
        if (command === 'verify') github.appSlug().comments(PULL_NUMBER, []);
      }
      reply();
      react(allowed && command !== 'explain' ? 'rocket' : 'confused');
      await comment(text, visibility === 'private' ? privately : undefined);
      const has = access === 'none' ? 'has no access to it' : `has ${access} access`;
      const refusal = `claimcheck: \`/claimcheck ${command}\` needs ${NEEDED[key]} access to acme/widgets; @${USER} ${has}. Nothing was done.`;
      const answer = {
        verify: [APP, COMMENTS, REPLY(`claimcheck: no plan found at \`${SHORT}\`, so there is nothing to verify.`), ROCKET],
        explain: [REPLY(`claimcheck: no item \`T-001\` in the plans at \`${SHORT}\`. Nothing was done.\n\nThe plans hold no items.`), CONFUSED],
        fix: [REPLY(`claimcheck: no drifted ranges to fix at \`${SHORT}\`.`), ROCKET],
      }[command]!;
      const start = [TOKEN, EYES, ...NO_CONFIG, PERMISSION];
      expect(github.calls).toEqual(allowed ? [...start, PULL, TREE, blobs('README.md'), ...answer] : [...start, REPLY(refusal), CONFUSED]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    const asBot = (login: string, type = 'Bot') => (p: Record<string, any>): void => void (p.comment.user = { ...p.comment.user, login, type });

    // a bot is refused whatever its role: its permission is not even asked
    it.each(Object.keys(ALLOWED))('%s by a bot: one reply, 😕, nothing else written', async (key) => {
      const [command, visibility] = key.split(' ') as [string, string];
      github.appSlug().token();
      react('eyes');
      reply();
      react('confused');
      await comment(command === 'explain' ? '/claimcheck explain T-001' : `/claimcheck ${command}`, (p) => {
        asBot('dependabot[bot]')(p);
        if (visibility === 'private') privately(p);
      });
      expect(github.calls).toEqual([APP, TOKEN, EYES, REPLY('claimcheck: commands from bots are not run (`dependabot[bot]` is a bot). Nothing was done.'), CONFUSED]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it.each<[string, (p: Record<string, any>) => void, string]>([
      ['user type Bot', asBot('helper'), 'helper'],
      ['a login ending in [bot] (type User)', asBot('renovate[bot]', 'User'), 'renovate[bot]'],
      ['the sender is a Bot', (p) => void (p.sender = { ...p.sender, login: 'ci-bot', type: 'Bot' }), 'ci-bot'],
    ])('a bot by %s: refused with one reply, even `help`', async (_, edit, login) => {
      github.appSlug().token();
      react('eyes');
      reply();
      react('confused');
      await comment('/claimcheck help', edit);
      expect(github.calls).toEqual([APP, TOKEN, EYES, REPLY(botReply(login)), CONFUSED]);
      expect(github.calls.filter((c) => c.method !== 'GET' && c.path !== TOKEN.path)).toHaveLength(3);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it("the App's own comment holding a command is ignored: nothing written", async () => {
      github.appSlug();
      await comment('/claimcheck verify', asBot(BOT));
      expect(github.calls).toEqual([APP]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('a contributor from a fork (read access to a public repository) is refused verify, once, and nothing else is written', async () => {
      github.token();
      react('eyes');
      github.config(null).get(`${R}/collaborators/forker/permission`, 200, { permission: 'read', role_name: 'read', user: { login: 'forker' } });
      reply();
      react('confused');
      await comment('/claimcheck verify', (p) => (p.comment.user = { ...p.comment.user, login: 'forker' }));
      expect(github.calls).toEqual([
        TOKEN,
        EYES,
        ...NO_CONFIG,
        { method: 'GET', path: `${R}/collaborators/forker/permission` },
        REPLY('claimcheck: `/claimcheck verify` needs triage access to acme/widgets; @forker has read access. Nothing was done.'),
        CONFUSED,
      ]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it("the comment author's role is what counts: a fork's author with triage is refused fix (write), once, and nothing else is written", async () => {
      github.token();
      react('eyes');
      github.config(null).get(`${R}/collaborators/forker/permission`, 200, { permission: 'read', role_name: 'triage', user: { login: 'forker' } });
      reply();
      react('confused');
      await comment('/claimcheck fix', (p) => (p.comment.user = { ...p.comment.user, login: 'forker' }));
      expect(github.calls).toEqual([
        TOKEN,
        EYES,
        ...NO_CONFIG,
        { method: 'GET', path: `${R}/collaborators/forker/permission` },
        REPLY('claimcheck: `/claimcheck fix` needs write access to acme/widgets; @forker has triage access. Nothing was done.'),
        CONFUSED,
      ]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('a login the permission API does not know (404) has no access', async () => {
      github.token();
      react('eyes');
      github.config(null).get(`${R}/collaborators/${USER}/permission`, 404, { message: 'Not Found' });
      reply();
      react('confused');
      await comment('/claimcheck explain T-001', privately);
      expect(github.calls).toEqual([TOKEN, EYES, ...NO_CONFIG, PERMISSION, REPLY(expect.stringContaining(`@${USER} has no access to it`)), CONFUSED]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('the config sets the levels: `commands.verify: write` refuses triage, `commands.fix: admin` refuses write', async () => {
      github.token();
      react('eyes', 'eyes');
      github.config('commands:\n  verify: write\n  fix: admin\n');
      permission('triage');
      reply();
      react('confused');
      github.config('commands:\n  verify: write\n  fix: admin\n');
      permission('write');
      reply();
      react('confused');
      await comment('/claimcheck verify', privately);
      await comment('/claimcheck fix', privately);
      expect(github.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/comments'))).toEqual([
        REPLY('claimcheck: `/claimcheck verify` needs write access to acme/widgets; @Codertocat has triage access. Nothing was done.'),
        REPLY('claimcheck: `/claimcheck fix` needs admin access to acme/widgets; @Codertocat has write access. Nothing was done.'),
      ]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('an invalid config: access judged by the default levels, then the config error, 😕, nothing verified', async () => {
      github.token();
      react('eyes');
      github.config('fail_on: sometimes\n');
      permission('write');
      reply();
      react('confused');
      await comment('/claimcheck fix');
      expect(github.calls).toEqual([
        TOKEN,
        EYES,
        CONFIG,
        PERMISSION,
        REPLY('claimcheck: The configuration is invalid: .github/claimcheck.yml: fail_on: Invalid option: expected one of "unverified"|"unknown". Nothing was done.'),
        CONFUSED,
      ]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('an invalid config does not tell a user without access more than the refusal', async () => {
      github.token();
      react('eyes');
      github.config('fail_on: sometimes\n');
      permission('read');
      reply();
      react('confused');
      await comment('/claimcheck fix');
      expect(github.calls).toEqual([TOKEN, EYES, CONFIG, PERMISSION, REPLY(expect.stringContaining('needs write access')), CONFUSED]);
      expect(nock.pendingMocks()).toEqual([]);
    });
  });

  describe('explain', () => {
    it('replies with every claim of the item, linked at the head, then 🚀; nothing else is written', async () => {
      github.token();
      react('eyes');
      github.config(null);
      permission('read');
      pull().tree(SHA, FILES).blobs(SHA, FILES).blobs(SHA, FILES);
      reply();
      react('rocket');
      await comment('/claimcheck explain t-002', privately);
      const plan = (line: number): string => `[docs/PLAN.md:${line}](https://github.com/acme/widgets/blob/${SHA}/docs/PLAN.md?plain=1#L${line})`;
      const body = [
        '### ❌ T-002 · Render output',
        '',
        `**unverified** at \`${SHORT}\` · ${plan(7)} · 1 verified · 2 unverified · 0 unknown`,
        '',
        `- ✅ file \`src/b.ts\` · \`file-exists\`: src/b.ts exists at ${SHORT} · ${plan(9)} · cited: [src/b.ts](https://github.com/acme/widgets/blob/${SHA}/src/b.ts)`,
        `- ❌ file \`src/missing.ts\` · \`file-not-found\`: src/missing.ts does not exist at ${SHORT} · ${plan(10)}`,
        `- ❌ status \`Done\` · \`done-but-unverified\`: T-002 is marked done but 1 of its claims is unverified · ${plan(8)}`,
      ].join('\n');
      expect(github.calls).toEqual([TOKEN, EYES, ...NO_CONFIG, PERMISSION, PULL, ...FIND, CHECK, REPLY(body), ROCKET]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('an id no plan holds: a reply naming it and the items there are, 😕, nothing verified', async () => {
      github.token();
      react('eyes');
      github.config(null);
      permission('triage');
      pull().tree(SHA, FILES).blobs(SHA, FILES);
      reply();
      react('confused');
      await comment('/claimcheck explain T-404');
      expect(github.calls).toEqual([TOKEN, EYES, ...NO_CONFIG, PERMISSION, PULL, ...FIND, REPLY(`claimcheck: no item \`T-404\` in the plans at \`${SHORT}\`. Nothing was done.\n\nItems: \`T-001\`, \`T-002\`.`), CONFUSED]);
      expect(nock.pendingMocks()).toEqual([]);
    });
  });

  describe('verify', () => {
    const sticky = expect.stringContaining(`${STICKY_MARKER}\n## claimcheck: 2/4 claims verified · 2 unverified · 0 unknown`);
    const completed = update(30, expect.objectContaining({ status: 'completed', conclusion: 'failure', actions: [REVERIFY_ACTION] }));

    it('a new check run on the head commit (even though one exists), the sticky comment, 🚀 and no reply', async () => {
      github.token();
      react('eyes');
      github.config(null);
      permission('write');
      pull().tree(SHA, FILES).blobs(SHA, FILES).createCheckRun(30).blobs(SHA, FILES).updateCheckRun(30).appSlug().comments(PULL_NUMBER, []).post(`${R}/issues/${PULL_NUMBER}/comments`, 201, { id: 901 });
      react('rocket');
      await comment('/claimcheck verify');
      expect(github.calls).toEqual([TOKEN, EYES, ...NO_CONFIG, PERMISSION, PULL, ...FIND, CREATE_IN_PROGRESS, CHECK, completed, APP, COMMENTS, REPLY(sticky), ROCKET]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('limited to ids: the whole plan in the check run, the verdicts of those items in a reply', async () => {
      github.token();
      react('eyes');
      github.config(null);
      permission('read');
      pull().tree(SHA, FILES).blobs(SHA, FILES).createCheckRun(30).blobs(SHA, FILES).updateCheckRun(30).appSlug().comments(PULL_NUMBER, []).post(`${R}/issues/${PULL_NUMBER}/comments`, 201, { id: 901 });
      reply();
      react('rocket');
      await comment('/claimcheck verify T-002', privately);
      const items = [
        `claimcheck verified \`${SHORT}\` again (2/4 claims verified · 2 unverified · 0 unknown); the check run and the summary comment are updated.`,
        '',
        '#### `docs/PLAN.md`',
        '',
        '| Item | Title | Verdict | Verified | Unverified | Unknown |',
        '| --- | --- | --- | ---: | ---: | ---: |',
        '| T-002 | Render output | ❌ unverified | 1 | 2 | 0 |',
      ].join('\n');
      expect(github.calls).toEqual([TOKEN, EYES, ...NO_CONFIG, PERMISSION, PULL, ...FIND, CREATE_IN_PROGRESS, CHECK, completed, APP, COMMENTS, REPLY(sticky), REPLY(items), ROCKET]);
      const run = github.calls.find((c) => c.method === 'PATCH')!.body as { output: { summary: string } };
      expect(run.output.summary).toContain('| T-001 | Parse input | ✅ verified | 1 | 0 | 0 |');
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('ids no plan holds: a reply naming them, 😕, and no check run', async () => {
      github.token();
      react('eyes');
      github.config(null);
      permission('admin');
      pull().tree(SHA, FILES).blobs(SHA, FILES);
      reply();
      react('confused');
      await comment('/claimcheck verify T-001 X-9 Y-1');
      expect(github.calls).toEqual([TOKEN, EYES, ...NO_CONFIG, PERMISSION, PULL, ...FIND, REPLY(`claimcheck: no items \`X-9\`, \`Y-1\` in the plans at \`${SHORT}\`. Nothing was done.\n\nItems: \`T-001\`, \`T-002\`.`), CONFUSED]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('a GitHub fault after the run started: the run concluded neutral, a reply saying why, 😕', async () => {
      github.token();
      react('eyes');
      github.config(null);
      permission('write');
      pull().tree(SHA, FILES).blobs(SHA, FILES).createCheckRun(31).graphqlFault(502, 'Bad Gateway').updateCheckRun(31);
      reply();
      react('confused');
      await comment('/claimcheck verify');
      expect(github.calls).toEqual([
        TOKEN,
        EYES,
        ...NO_CONFIG,
        PERMISSION,
        PULL,
        ...FIND,
        CREATE_IN_PROGRESS,
        CHECK,
        update(31, expect.objectContaining({ conclusion: 'neutral', output: { title: 'claimcheck could not finish', summary: expect.stringMatching(/^claimcheck could not finish: GitHub answered 502: Bad Gateway/) } })),
        REPLY(expect.stringMatching(/^claimcheck: `\/claimcheck verify` did not finish: GitHub answered 502: Bad Gateway/)),
        CONFUSED,
      ]);
      expect(nock.pendingMocks()).toEqual([]);
    });
  });

  describe('fix', () => {
    it('no drifted range: a reply saying so, 🚀, no review', async () => {
      github.token();
      react('eyes');
      github.config(null);
      permission('write');
      pull().tree(SHA, FILES).blobs(SHA, FILES).blobs(SHA, FILES);
      reply();
      react('rocket');
      await comment('/claimcheck fix');
      expect(github.calls).toEqual([TOKEN, EYES, ...NO_CONFIG, PERMISSION, PULL, ...FIND, CHECK, REPLY(`claimcheck: no drifted ranges to fix at \`${SHORT}\`.`), ROCKET]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    const DRIFT_PLAN = [
      '# Plan',
      '',
      '#### T-001 - Parse input',
      '- **Status:** Done',
      '- **Target File:** `src/a.ts:L1-L3`',
      '- **Target File:** `src/b.ts:L1-L2`',
      '',
      '#### T-002 - Render output',
      '- **Status:** Done',
      '- **Target File:** `src/b.ts#L2`, `src/a.ts:2-3` (moved)',
      '',
    ].join('\n');
    const DRIFT_FILES: Files = { ...SOURCES, 'docs/PLAN.md': DRIFT_PLAN };
    /** The engine stood in for: each range drifted two lines down, except `src/b.ts:L1-L2`, which holds. */
    const drifting = async (plans: Plan[]): Promise<Report> => {
      const results: PlanResult[] = plans.map((plan) => ({
        path: plan.path,
        items: plan.items.map((item) => {
          const claims: ClaimResult[] = item.claims.map((claim) =>
            claim.kind === 'range' && claim.text !== 'src/b.ts:L1-L2'
              ? { claim, verdict: 'unverified', code: 'range-drifted', reason: `moved: now at L${claim.start + 2}-L${claim.end + 2}`, suggestion: { start: claim.start + 2, end: claim.end + 2 } }
              : { claim, verdict: 'verified', code: 'range-exists', reason: 'holds' },
          );
          return { item, verdict: 'unverified', claims };
        }),
      }));
      return { ref: SHA, plans: results, summary: summarise(results) };
    };

    it('a drifted claim: one review on the head commit with a suggestion per drifted range on its plan line, 🚀', async () => {
      const stubbed = new Probot({ appId: 1, privateKey, Octokit: unthrottled(), log: pino({ level: 'silent' }) });
      await stubbed.load((app) => {
        app.on('issue_comment.created', (context) => onComment(context, { ...depsOf(context, async () => BOT), verify: drifting }));
      });
      github.token();
      react('eyes');
      github.config(null);
      permission('maintain');
      pull()
        .tree(SHA, DRIFT_FILES)
        .blobs(SHA, DRIFT_FILES)
        .get(`${R}/pulls/${PULL_NUMBER}/files?per_page=100`, 200, [
          { filename: 'src/a.ts', status: 'modified', patch: '@@ -1,3 +1,5 @@\n+import x\n+\n export function a' },
          { filename: 'docs/PLAN.md', status: 'modified', patch: '@@ -3,8 +3,8 @@ ...' },
        ])
        .post(`${R}/pulls/${PULL_NUMBER}/reviews`, 200, { id: 77 });
      react('rocket');
      await comment('/claimcheck fix', undefined, stubbed);
      const suggestion = (lines: string[], after: string): string =>
        [`claimcheck: ${lines.length === 1 ? 'this range drifted' : 'these ranges drifted'} (\`range-drifted\` at \`${SHORT}\`).`, '', ...lines, '', '```suggestion', after, '```'].join('\n');
      expect(github.calls).toEqual([
        TOKEN,
        EYES,
        ...NO_CONFIG,
        PERMISSION,
        PULL,
        TREE,
        blobs('README.md', 'docs/PLAN.md'),
        PULL_FILES,
        {
          method: 'POST',
          path: `${R}/pulls/${PULL_NUMBER}/reviews`,
          body: {
            commit_id: SHA,
            event: 'COMMENT',
            body: `### claimcheck: 3 drifted ranges at \`${SHORT}\`\n\nEach suggestion below moves a cited range to where its code stands now. claimcheck pushes nothing: commit the suggestions you accept.`,
            comments: [
              { path: 'docs/PLAN.md', line: 5, side: 'RIGHT', body: suggestion(['- `src/a.ts:L1-L3` → `src/a.ts:L3-L5`: moved: now at L3-L5'], '- **Target File:** `src/a.ts:L3-L5`') },
              {
                path: 'docs/PLAN.md',
                line: 10,
                side: 'RIGHT',
                body: suggestion(['- `src/b.ts#L2` → `src/b.ts#L4`: moved: now at L4-L4', '- `src/a.ts:2-3` → `src/a.ts:4-5`: moved: now at L4-L5'], '- **Target File:** `src/b.ts#L4`, `src/a.ts:4-5` (moved)'),
              },
            ],
          },
        },
        ROCKET,
      ]);
      expect(github.calls.some((c) => c.path.includes('/git/') && c.method !== 'GET')).toBe(false);
      expect(nock.pendingMocks()).toEqual([]);
    });
  });

  describe('reactions', () => {
    it('a 👀 that cannot be written does not stop the command', async () => {
      github.token().post(`${R}/issues/comments/${COMMENT_ID}/reactions`, 403, { message: 'Resource not accessible by integration' });
      reply();
      react('rocket');
      await comment('/claimcheck help');
      expect(github.calls).toEqual([TOKEN, EYES, REPLY(helpReply()), ROCKET]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('a reply that cannot be written is logged, not thrown', async () => {
      github.token();
      react('eyes');
      github.post(`${R}/issues/${PULL_NUMBER}/comments`, 403, { message: 'Resource not accessible by integration' });
      await expect(comment('/claimcheck help')).resolves.toBeUndefined();
      expect(github.calls).toEqual([TOKEN, EYES, REPLY(helpReply())]);
      expect(nock.pendingMocks()).toEqual([]);
    });
  });
});
