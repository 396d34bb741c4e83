/**
 * nock interceptors for the GitHub API as the App uses it, each answering once, and a log of every
 * request they answered (method, path with query, body) so a test can assert the exact exchange.
 * Requests no interceptor matches are collected in `unmatched` (net connect is disabled).
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from '@jest/globals';
import { clearSharedReaderCaches } from '../../src/repo/github-caches.js';
import { sharedFactsMemo } from '../../src/app/verify-commit.js';
import nock from 'nock';
import { pino } from 'pino';
import { Probot } from 'probot';
import claimcheckApp from '../../src/app/index.js';
import { schemaErrors, unthrottled } from '../helpers/github.js';
import { eventOf, payloadOf, type Aim, type Scenario } from '../helpers/webhooks.js';

export const API = 'https://api.github.com';
export const OWNER = 'acme';
export const REPO = 'widgets';
export const R = `/repos/${OWNER}/${REPO}`;
export const SLUG = 'claimcheck-test';
export const BOT = `${SLUG}[bot]`;
export const CONFIG_PATH = `${R}/contents/.github%2Fclaimcheck.yml`;
export const ORG_CONFIG_PATH = `/repos/${OWNER}/.github/contents/.github%2Fclaimcheck.yml`;

export interface Call {
  method: string;
  path: string;
  body?: unknown;
}

export type Files = Record<string, string>;

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

/** A fresh Probot (its own token cache and bot login) with the app loaded. */
export async function loadedProbot(): Promise<Probot> {
  const probot = new Probot({ appId: 1, privateKey, Octokit: unthrottled(), log: pino({ level: 'silent' }) });
  await probot.load(claimcheckApp);
  return probot;
}

let deliveries = 0;

/** Delivers the recorded payload of `scenario`, aimed at acme/widgets; `edit` may change it first. */
export async function deliver(probot: Probot, scenario: Scenario, aim: Partial<Aim> & { sha: string }, edit?: (payload: Record<string, any>) => void): Promise<void> {
  const payload = payloadOf(scenario, { owner: OWNER, repo: REPO, ...aim });
  edit?.(payload);
  await probot.receive({ id: `delivery-${++deliveries}`, name: eventOf(scenario), payload } as never);
}

/** A 40-hex sha, distinct per seed. */
export function shaOf(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

export class GitHubMock {
  readonly calls: Call[] = [];
  readonly unmatched: string[] = [];
  readonly queries: string[] = [];
  /** Blob object ids are salted per mock: the reader's blob cache is shared by the whole test file. */
  private readonly salt = `${Math.random()}`;
  private readonly onNoMatch = (req: { method?: string; path?: string; href?: string }): void => {
    this.unmatched.push(`${req.method} ${req.href ?? req.path}`);
  };

  constructor() {
    nock.emitter.on('no match', this.onNoMatch);
  }

  dispose(): void {
    nock.emitter.removeListener('no match', this.onNoMatch);
    nock.cleanAll();
  }

  /** Answers once, logging the request. */
  private on(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, answer: (body: unknown) => [number, unknown, Record<string, string>?]): this {
    const [pathname, query] = path.split('?') as [string, string | undefined];
    const interceptor = nock(API).intercept(pathname, method);
    const scoped = query === undefined ? interceptor : interceptor.query(new URLSearchParams(query));
    const calls = this.calls;
    scoped.reply(function (uri, body) {
      calls.push({ method, path: uri, ...(body === '' || body === undefined ? {} : { body }) });
      return answer(body) as [number, string];
    });
    return this;
  }

  get(path: string, status: number, body: unknown, headers?: Record<string, string>): this {
    return this.on('GET', path, () => [status, body, headers]);
  }

  post(path: string, status: number, body: unknown): this {
    return this.on('POST', path, () => [status, body]);
  }

  patch(path: string, status: number, body: unknown): this {
    return this.on('PATCH', path, () => [status, body]);
  }

  delete(path: string, status = 204): this {
    return this.on('DELETE', path, () => [status, '']);
  }

  token(): this {
    return this.post('/app/installations/1/access_tokens', 201, { token: 'ghs_test', expires_at: '2999-01-01T00:00:00Z', permissions: {}, repository_selection: 'all' });
  }

  /** `.github/claimcheck.yml` as Probot reads it (raw); none: 404 in the repository and in the org's `.github`. */
  config(text: string | null): this {
    if (text === null) return this.get(CONFIG_PATH, 404, { message: 'Not Found' }).get(ORG_CONFIG_PATH, 404, { message: 'Not Found' });
    return this.get(CONFIG_PATH, 200, text, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
  }

  appSlug(): this {
    return this.get('/app', 200, { id: 1, slug: SLUG, name: 'claimcheck' });
  }

  oid(path: string, text: string): string {
    return shaOf(`${this.salt}\0${path}\0${text}`);
  }

  tree(sha: string, files: Files): this {
    const folders = new Set(Object.keys(files).flatMap((p) => p.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
    const tree = [
      ...[...folders].map((path) => ({ path, mode: '040000', type: 'tree', sha: shaOf(`tree:${path}`) })),
      ...Object.entries(files).map(([path, text]) => ({ path, mode: '100644', type: 'blob', sha: this.oid(path, text), size: Buffer.byteLength(text) })),
    ];
    return this.get(`${R}/git/trees/${sha}?recursive=true`, 200, { sha, truncated: false, tree });
  }

  /**
   * One aliased GraphQL query of `object(expression: "<sha>:<path>")`, answered from `files` (the
   * query is kept for validation against GitHub's schema; the test asserts its variables).
   */
  blobs(sha: string, files: Files): this {
    return this.on('POST', '/graphql', (body) => {
      const { query, variables } = body as { query: string; variables: Record<string, string> };
      this.queries.push(query);
      const repository: Record<string, unknown> = {};
      for (const [, alias, variable] of query.matchAll(/(\w+): object\(expression: \$(\w+)\)/g)) {
        const path = variables[variable!]!.slice(sha.length + 1);
        const text = files[path];
        repository[alias!] = text === undefined ? null : { oid: this.oid(path, text), byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false, text };
      }
      return [200, { data: { repository } }];
    });
  }

  /** A GraphQL request answered with `status` (a fault), its query still validated. */
  graphqlFault(status: number, message: string): this {
    return this.on('POST', '/graphql', (body) => {
      this.queries.push((body as { query: string }).query);
      return [status, { message }];
    });
  }

  /** The commit's claimcheck check runs (the newest first). */
  checkRuns(sha: string, runs: Array<{ id: number; status?: string; conclusion?: string | null }> = []): this {
    return this.get(`${R}/commits/${sha}/check-runs?check_name=claimcheck&filter=latest&per_page=1`, 200, {
      total_count: runs.length,
      check_runs: runs.map((r) => ({ name: 'claimcheck', head_sha: sha, status: 'completed', conclusion: 'success', ...r })),
    });
  }

  createCheckRun(id: number): this {
    return this.post(`${R}/check-runs`, 201, { id, name: 'claimcheck' });
  }

  updateCheckRun(id: number): this {
    return this.patch(`${R}/check-runs/${id}`, 200, { id, name: 'claimcheck' });
  }

  comments(pull: number, comments: Array<{ id: number; login: string; body: string }>): this {
    return this.get(
      `${R}/issues/${pull}/comments?per_page=100`,
      200,
      comments.map((c) => ({ id: c.id, body: c.body, user: { login: c.login, type: c.login.endsWith('[bot]') ? 'Bot' : 'User' } })),
    );
  }

  /** Every GraphQL query sent, validated against GitHub's schema: their errors (none expected). */
  queryErrors(): string[] {
    return this.queries.flatMap(schemaErrors);
  }
}

/**
 * The harness every App test file needs: nock with net connect disabled, a fresh GitHubMock and
 * Probot per test (handed to `use`), and after each test the checks that nothing the app asked for
 * went unanswered, every GraphQL query was valid and no promise was dropped.
 */
export function withMockedGitHub(use: (github: GitHubMock, probot: Probot) => void): void {
  let github: GitHubMock;
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
    // each test replays shas with contents of its own: facts cached by a previous test would hide requests
    clearSharedReaderCaches();
    sharedFactsMemo.clear();
    github = new GitHubMock();
    use(github, await loadedProbot());
  });
  afterEach(() => {
    expect(github.unmatched).toEqual([]);
    expect(github.queryErrors()).toEqual([]);
    expect(rejections).toEqual([]);
    github.dispose();
  });
}
