/** The pure parts of the slash commands: which comments hold one, what it asks, who may run it. */
import { describe, expect, it } from '@jest/globals';
import { accessOf, allows, requiredLevel, type Access } from '../../src/app/access.js';
import { commandOf, isBot, parseCommand, type CommentPayload } from '../../src/app/commands.js';
import { missingIds, notFoundReply, refusalReply, verifiedItemsReply } from '../../src/app/replies.js';
import { DEFAULT_CONFIG, PERMISSION_LEVELS, parseConfig } from '../../src/config.js';
import { parsePlan } from '../../src/plan/parse.js';
import { item, reportOf, result } from '../helpers/reports.js';
import { payloadOf } from '../helpers/webhooks.js';

describe('parseCommand', () => {
  it.each([
    ['/claimcheck verify', { name: 'verify', ids: [] }],
    ['/claimcheck verify M2-004 M2-005', { name: 'verify', ids: ['M2-004', 'M2-005'] }],
    ['/claimcheck verify M2-004, `M2-005`, M2-004', { name: 'verify', ids: ['M2-004', 'M2-005'] }],
    ['/claimcheck explain M2-004', { name: 'explain', id: 'M2-004' }],
    ['/claimcheck fix', { name: 'fix' }],
    ['/claimcheck help', { name: 'help' }],
    ['/claimcheck', { name: 'help' }],
    ['  /claimcheck   explain   T-001  ', { name: 'explain', id: 'T-001' }],
    ['/ClaimCheck FIX', { name: 'fix' }],
  ])('%j', (body, command) => {
    expect(parseCommand(body)).toEqual(command);
  });

  it('takes the first command line of a comment, whatever surrounds it', () => {
    expect(parseCommand('Thanks!\r\n\r\n/claimcheck explain T-002\r\n/claimcheck fix\r\n')).toEqual({ name: 'explain', id: 'T-002' });
    expect(parseCommand('Looks good.\n/claimcheck fix\nCheers')).toEqual({ name: 'fix' });
  });

  it('gives an invalid command for an unknown verb or wrong arguments, saying which', () => {
    expect(parseCommand('/claimcheck merge')).toEqual({ name: 'invalid', problem: 'unknown command' });
    expect(parseCommand('/claimcheck explain')).toEqual({ name: 'invalid', problem: expect.stringContaining('`explain` takes one item id') });
    expect(parseCommand('/claimcheck explain A-1 B-2')).toEqual({ name: 'invalid', problem: expect.stringContaining('`explain` takes one item id') });
    expect(parseCommand('/claimcheck fix now')).toEqual({ name: 'invalid', problem: expect.stringContaining('`fix` takes no arguments') });
  });

  it.each([
    ['no command at all', 'LGTM'],
    ['a command inside a sentence', 'please run /claimcheck fix on this'],
    ['a command with text before it on its line', 'bot: /claimcheck fix'],
    ['a longer word', '/claimcheckfix'],
    ['a command in a code span', '`/claimcheck fix`'],
    ['a command in a fenced code block', 'Run this:\n\n```\n/claimcheck fix\n```\n'],
    ['a command in a tilde fence', '~~~text\n/claimcheck fix\n~~~'],
    ['a command in an indented code block', 'Run this:\n\n    /claimcheck fix\n'],
    ['a command in a quote', '> /claimcheck fix\n\nI would not.'],
    ['a command in a quote, on a lazy continuation line', '> Someone said\n/claimcheck fix'],
    ['a command in a nested quote', '> > /claimcheck fix'],
    ['a command in an HTML comment', '<!--\n/claimcheck fix\n-->'],
    ['a command in a code block in a list', '- step\n\n  ```\n  /claimcheck fix\n  ```'],
  ])('ignores %s', (_, body) => {
    expect(parseCommand(body)).toBeNull();
  });

  it('reads a long line in linear time', () => {
    const started = Date.now();
    expect(parseCommand(`/claimcheck${' '.repeat(60_000)}a\u2028b`)).toEqual({ name: 'invalid', problem: 'unknown command' });
    expect(parseCommand(`/claimcheck verify${' x'.repeat(30_000)}`)).toEqual({ name: 'verify', ids: ['x'] });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reads nothing in a comment nested too deeply to parse, and does not throw', () => {
    expect(parseCommand(`${'> '.repeat(10_000)}x\n/claimcheck fix`)).toBeNull();
  });

  it('still finds a command after a code block or a quote', () => {
    expect(parseCommand('```\n/claimcheck fix\n```\n\n/claimcheck help')).toEqual({ name: 'help' });
    expect(parseCommand('> /claimcheck fix\n\n/claimcheck explain X-1')).toEqual({ name: 'explain', id: 'X-1' });
  });
});

describe('commandOf', () => {
  const payload = (edit: (p: Record<string, any>) => void = () => undefined): CommentPayload => {
    const p = payloadOf('issue_comment.created', { owner: 'acme', repo: 'widgets', sha: '', pullNumber: 7, comment: '/claimcheck explain M2-004' });
    edit(p);
    return p as CommentPayload;
  };

  it('reads the command of a new comment on a pull request, with where it was written and by whom', () => {
    expect(commandOf(payload())).toEqual({ owner: 'acme', repo: 'widgets', pullNumber: 7, commentId: 492700400, login: 'Codertocat', private: false, command: { name: 'explain', id: 'M2-004' } });
    expect(commandOf(payload((p) => (p.repository.private = true)))?.private).toBe(true);
  });

  it.each<[string, (p: Record<string, any>) => void]>([
    ['an edit', (p) => (p.action = 'edited')],
    ['a deletion', (p) => (p.action = 'deleted')],
    ['a comment on a plain issue', (p) => delete p.issue.pull_request],
    ['a comment by a bot (type)', (p) => (p.comment.user.type = 'Bot')],
    ['a comment by a bot (login)', (p) => (p.comment.user = { login: 'renovate[bot]', type: 'User' })],
    ['a comment by a deleted user', (p) => (p.comment.user = null)],
    ['a comment without a command', (p) => (p.comment.body = 'Nice work!')],
    ['a comment without a body', (p) => (p.comment.body = null)],
  ])('ignores %s', (_, edit) => {
    expect(commandOf(payload(edit))).toBeNull();
  });

  it('knows bots by type or by login', () => {
    expect(isBot({ login: 'claimcheck[bot]' })).toBe(true);
    expect(isBot({ login: 'dependabot', type: 'Bot' })).toBe(true);
    expect(isBot({ login: 'octocat', type: 'User' })).toBe(false);
  });
});

describe('who may run a command', () => {
  it('reads role_name when it is a repository role, else permission', () => {
    expect(accessOf({ permission: 'write', role_name: 'maintain' })).toBe('maintain');
    expect(accessOf({ permission: 'read', role_name: 'triage' })).toBe('triage');
    expect(accessOf({ permission: 'admin', role_name: 'admin' })).toBe('admin');
    expect(accessOf({ permission: 'write', role_name: 'security-reviewer' })).toBe('write');
    expect(accessOf({ permission: 'read' })).toBe('read');
    expect(accessOf({ permission: 'none', role_name: 'none' })).toBe('none');
    expect(accessOf({ permission: 'owner' })).toBe('none');
    expect(accessOf({})).toBe('none');
  });

  it('orders the levels none < read < triage < write < maintain < admin', () => {
    const order: Access[] = ['none', ...PERMISSION_LEVELS];
    for (const [i, access] of order.entries()) {
      for (const [j, needed] of PERMISSION_LEVELS.entries()) expect(allows(access, needed)).toBe(i >= j + 1);
    }
  });

  it('by default: fix needs write; verify and explain need read on a private repository, triage on a public one', () => {
    const { commands } = DEFAULT_CONFIG;
    expect(requiredLevel('fix', commands, true)).toBe('write');
    expect(requiredLevel('fix', commands, false)).toBe('write');
    expect(requiredLevel('verify', commands, true)).toBe('read');
    expect(requiredLevel('verify', commands, false)).toBe('triage');
    expect(requiredLevel('explain', commands, true)).toBe('read');
    expect(requiredLevel('explain', commands, false)).toBe('triage');
  });

  it('the config sets each level, whatever the visibility', () => {
    const { commands } = parseConfig('commands:\n  verify: write\n  explain: read\n  fix: admin\n', '.github/claimcheck.yml');
    expect([requiredLevel('verify', commands, true), requiredLevel('verify', commands, false)]).toEqual(['write', 'write']);
    expect([requiredLevel('explain', commands, true), requiredLevel('explain', commands, false)]).toEqual(['read', 'read']);
    expect([requiredLevel('fix', commands, true), requiredLevel('fix', commands, false)]).toEqual(['admin', 'admin']);
  });
});

describe('replies', () => {
  const plan = parsePlan('docs/PLAN.md', '#### M2-003 - A\n- **File:** `a.ts`\n\n#### M2-004 - B\n- **File:** `b.ts`\n');

  it('names the ids no plan holds, and the ones it does', () => {
    expect(missingIds([plan], ['m2-004', 'M2-999', 'X'])).toEqual(['M2-999', 'X']);
    expect(notFoundReply(['M2-999'], [plan], 'a'.repeat(40))).toBe('claimcheck: no item `M2-999` in the plans at `aaaaaaa`. Nothing was done.\n\nItems: `M2-003`, `M2-004`.');
  });

  it('says why a user is refused', () => {
    expect(refusalReply('fix', 'mallory', 'write', 'read', 'acme/widgets')).toBe('claimcheck: `/claimcheck fix` needs write access to acme/widgets; @mallory has read access. Nothing was done.');
    expect(refusalReply('verify', 'eve', 'triage', 'none', 'acme/widgets')).toContain('@eve has no access to it');
  });

  it("lists the verdicts of the items asked for, and only those", () => {
    const report = reportOf({ path: 'docs/PLAN.md', items: [item('T-1', [result('verified', 3)]), item('T-2', [result('unverified', 5)])] });
    const body = verifiedItemsReply(report, ['t-2']);
    expect(body).toContain('| T-2 | Title of T-2 | ❌ unverified | 0 | 1 | 0 |');
    expect(body).not.toContain('| T-1 |');
    expect(body.split('\n')[0]).toBe('claimcheck verified `feedfac` again (1/2 claims verified · 1 unverified · 0 unknown); the check run and the summary comment are updated.');
  });
});
