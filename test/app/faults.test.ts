/**
 * GitHub faults against the App as it runs in production: Probot's throttling on, and the fault
 * policy of src/app/octokit.ts (here with millisecond waits). Each fault gets bounded retries, then
 * a neutral check run naming the cause, or nothing when even that cannot be written; never
 * success, never an unhandled rejection, and the App goes on serving other deliveries.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import claimcheckApp from '../../src/app/index.js';
import { withFaultPolicy } from '../../src/app/octokit.js';
import { clearSharedReaderCaches } from '../../src/repo/github-caches.js';
import { sharedFactsMemo } from '../../src/app/verify-commit.js';
import { payloadOf } from '../helpers/webhooks.js';

const API = 'https://api.github.com';
const R = '/repos/acme/widgets';
const FAST = { retries: 2, retryAfterBaseValue: 1, timeoutMs: 300, maxRateLimitWaitSeconds: 1 };
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

let sha = 0;
const nextSha = (): string => (++sha).toString(16).padStart(40, 'e');

describe('GitHub faults, with the production fault policy', () => {
  let probot: Probot;
  let checkRuns: Array<Record<string, unknown>>;
  let treeAttempts: number;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => void rejections.push(reason);

  beforeAll(() => {
    nock.disableNetConnect();
    process.on('unhandledRejection', onRejection);
  });
  afterAll(() => {
    process.off('unhandledRejection', onRejection);
    nock.enableNetConnect();
  });
  beforeEach(async () => {
    clearSharedReaderCaches();
    sharedFactsMemo.clear();
    probot = new Probot({ appId: 1, privateKey, Octokit: withFaultPolicy(ProbotOctokit, FAST), log: pino({ level: 'silent' }) });
    await probot.load(claimcheckApp);
    checkRuns = [];
    treeAttempts = 0;
    nock(API)
      .persist()
      .post(/^\/app\/installations\/1\/access_tokens$/)
      .reply(201, { token: 'ghs_test', expires_at: '2999-01-01T00:00:00Z' })
      .get(/\/contents\//)
      .reply(404, { message: 'Not Found' })
      .post(`${R}/check-runs`)
      .reply(201, (_uri, body) => {
        checkRuns.push(body as Record<string, unknown>);
        return { id: checkRuns.length };
      });
  });
  afterEach(() => {
    nock.cleanAll();
    expect(rejections).toEqual([]);
  });

  /** The tree answers with `faults` in turn (then the last one forever), counting attempts. */
  function tree(...faults: Array<[number, unknown, Record<string, string>?] | 'ok'>): void {
    nock(API)
      .persist()
      .get(/\/git\/trees\//)
      .query(true)
      .reply(function () {
        const fault = faults[Math.min(treeAttempts++, faults.length - 1)]!;
        if (fault === 'ok') return [200, { sha: 't', truncated: false, tree: [{ path: 'src/a.ts', mode: '100644', type: 'blob', sha: 'a'.repeat(40) }] }];
        return fault;
      });
  }

  async function push(): Promise<void> {
    const payload = payloadOf('push', { owner: 'acme', repo: 'widgets', sha: nextSha() });
    await probot.receive({ id: `d-${sha}`, name: 'push', payload } as never);
  }

  const neutral = () => checkRuns.map((run) => [run['conclusion'], (run['output'] as { summary?: string } | undefined)?.summary ?? '']);

  it.each([500, 502, 504])('a %d that persists: three attempts, then a neutral check run naming it', async (status) => {
    tree([status, { message: 'Server Error' }]);
    await push();
    expect(treeAttempts).toBe(3);
    expect(neutral()).toEqual([['neutral', expect.stringContaining(`GitHub answered ${status}`)]]);
  });

  it('a 502 that passes: retried, and the push verified as if nothing happened', async () => {
    tree([502, { message: 'Bad Gateway' }], 'ok');
    await push();
    expect(treeAttempts).toBe(2);
    // the commit has no plan: nothing to write
    expect(checkRuns).toEqual([]);
  });

  it('a request GitHub never answers: abandoned at the deadline, retried, then neutral', async () => {
    nock(API).persist().get(/\/git\/trees\//).query(true).delay(1000).reply(200, () => {
      treeAttempts++;
      return { sha: 't', truncated: false, tree: [] };
    });
    await push();
    expect(treeAttempts).toBe(3);
    expect(neutral()).toEqual([['neutral', expect.stringContaining('GitHub did not answer within 0.3 s')]]);
  }, 15_000);

  it('a secondary rate limit asking a short wait: waited out once, then the push goes on', async () => {
    tree([403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '1' }], 'ok');
    await push();
    expect(treeAttempts).toBe(2);
    expect(checkRuns).toEqual([]);
  }, 15_000);

  it('a secondary rate limit that persists: neutral, naming it', async () => {
    tree([403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '1' }]);
    await push();
    expect(treeAttempts).toBe(2);
    expect(neutral()).toEqual([['neutral', expect.stringContaining("GitHub's secondary rate limit was hit")]]);
  }, 15_000);

  it('the rate limit used up for an hour: no waiting, a neutral check run saying until when', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    tree([403, { message: 'API rate limit exceeded for installation.' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }]);
    await push();
    expect(treeAttempts).toBe(1);
    const until = new Date(reset * 1000).toISOString().slice(11, 16);
    expect(neutral()).toEqual([['neutral', expect.stringContaining(`rate limit for this installation is used up until ${until} UTC`)]]);
  });

  it('GraphQL partial data, an error for one file: that claim unknown, and the run neutral, not success', async () => {
    const plan = '# Plan\n\n#### T-001 - Parse\n- **Status:** Done\n- **Target File:** `src/a.ts:L1-L2`\n\n#### T-002 - Render\n- **Target File:** `src/b.ts`\n';
    const blob = (oid: string, text: string) => ({ oid, byteSize: text.length, isBinary: false, isTruncated: false, text });
    nock(API)
      .get(/\/git\/trees\//)
      .query(true)
      .reply(200, {
        sha: 't',
        truncated: false,
        tree: [
          { path: 'docs/PLAN.md', mode: '100644', type: 'blob', sha: 'p'.repeat(40) },
          { path: 'src', mode: '040000', type: 'tree', sha: 's'.repeat(40) },
          { path: 'src/a.ts', mode: '100644', type: 'blob', sha: 'a'.repeat(40) },
          { path: 'src/b.ts', mode: '100644', type: 'blob', sha: 'b'.repeat(40) },
        ],
      })
      .persist()
      .post('/graphql')
      .reply(200, (_uri, body) => {
        const { variables } = body as { variables: Record<string, string> };
        const repository: Record<string, unknown> = {};
        const errors: Array<{ path: string[]; message: string }> = [];
        for (const [name, value] of Object.entries(variables)) {
          const alias = /^(f\d+)_e$/.exec(name)?.[1];
          if (!alias) continue;
          if (value.endsWith(':docs/PLAN.md')) repository[alias] = blob('p'.repeat(40), plan);
          else {
            repository[alias] = null;
            errors.push({ path: ['repository', alias], message: 'Could not load the blob' });
          }
        }
        return { data: { repository }, ...(errors.length ? { errors } : {}) };
      })
      .patch(/\/check-runs\/\d+$/)
      .reply(200, (_uri, body) => {
        checkRuns.push(body as Record<string, unknown>);
        return {};
      });
    await push();
    const completed = checkRuns.filter((run) => run['status'] === 'completed');
    expect(completed.map((run) => run['conclusion'])).toEqual(['neutral']);
    expect((completed[0]!['output'] as { summary: string }).summary).toContain('could not be checked because GitHub did not give the facts');
    expect(JSON.stringify(completed[0]!['output'])).toContain('Could not load the blob');
  });

  it('a suspended installation: nothing can be written, nothing thrown, and the next delivery is served', async () => {
    nock.cleanAll();
    nock(API).post('/app/installations/1/access_tokens').times(2).reply(403, { message: 'This installation has been suspended' });
    await expect(push()).resolves.toBeUndefined();
    expect(checkRuns).toEqual([]);
    // the next delivery is served as usual
    nock(API)
      .post('/app/installations/1/access_tokens')
      .reply(201, { token: 'ghs_test', expires_at: '2999-01-01T00:00:00Z' })
      .get(/\/contents\//)
      .times(2)
      .reply(404, {});
    tree('ok');
    await push();
    expect(treeAttempts).toBe(1);
  });
});
