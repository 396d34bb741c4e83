/**
 * The App's logs: pino JSON lines that carry the delivery's id, repository and installation, and
 * never a secret. The last tests capture every line of a startup and of whole deliveries (at
 * `trace`, the most verbose level) over real HTTP, and search them for the secrets.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Probot } from 'probot';
import { readServerEnv, type ServerConfig } from '../../src/app/env.js';
import { RecentDeliveries } from '../../src/app/deliveries.js';
import claimcheckApp, { oncePerDelivery } from '../../src/app/index.js';
import { createLogger, inDelivery, REDACTED, scrubber, secretsOf, type LoggerOptions } from '../../src/app/logging.js';
import { instrumentedOctokit } from '../../src/app/metrics.js';
import { startServer } from '../../src/app/server.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { lines, TestRepo } from '../helpers/repo.js';
import { eventOf, payloadOf, type Scenario } from '../helpers/webhooks.js';

const SECRET = 'log-test-webhook-secret-7f3a';
const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PKCS1 = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const PKCS8 = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
/** The base64 lines of the key, in both encodings: none may appear in a log. */
const KEY_LINES = [PKCS1, PKCS8].flatMap((pem) => pem.split('\n').filter((l) => l.length > 0 && !l.startsWith('-----')));

type Line = Record<string, unknown>;

/** A logger writing into an array, as the App builds it. */
async function capturing(options: Partial<LoggerOptions> = {}): Promise<{ log: Awaited<ReturnType<typeof createLogger>>; out: string[]; parsed: () => Line[] }> {
  const out: string[] = [];
  const log = await createLogger({ level: 'trace', format: 'json', secrets: secretsOf({ webhookSecret: SECRET, privateKey: PKCS8 }), ...options }, { write: (l) => void out.push(l) });
  return { log, out, parsed: () => out.map((l) => JSON.parse(l) as Line) };
}

function config(apiUrl: string, level = 'trace'): ServerConfig {
  const env = readServerEnv({ WEBHOOK_SECRET: SECRET, APP_ID: '1', PRIVATE_KEY: PKCS1, HOST: '127.0.0.1', GITHUB_API_URL: apiUrl, LOG_LEVEL: level, LOG_FORMAT: 'json' });
  if (!env.ok) throw new Error(env.message);
  return { ...env.config, port: 0 };
}

describe('redaction', () => {
  it('blanks the fields that hold secrets, at any of the first levels', async () => {
    const { log, parsed } = await capturing();
    log.info(
      {
        privateKey: 'plain-1',
        secret: 'plain-2',
        token: 'plain-3',
        headers: { authorization: 'plain-4', 'x-hub-signature-256': 'plain-5', accept: 'application/json' },
        err: { request: { headers: { authorization: 'plain-6' } } },
        options: { auth: { webhookSecret: 'plain-7', installationId: 3 } },
      },
      'redacted',
    );
    expect(parsed()[0]).toMatchObject({
      privateKey: REDACTED,
      secret: REDACTED,
      token: REDACTED,
      headers: { authorization: REDACTED, 'x-hub-signature-256': REDACTED, accept: 'application/json' },
      err: { request: { headers: { authorization: REDACTED } } },
      options: { auth: { webhookSecret: REDACTED, installationId: 3 } },
      msg: 'redacted',
    });
  });

  it('scrubs the webhook secret, the key and GitHub tokens wherever they are, even in a message', async () => {
    const { log, out } = await capturing();
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjF9.c2lnbmF0dXJl';
    log.info({ note: `secret ${SECRET}`, pem: PKCS1, other: PKCS8 }, `token ghs_16C7e42F292c6912E7710c838347Ae178B4a and ${jwt} and ghu_abcdef1234 and github_pat_11ABCDEFG0123456789`);
    log.warn(`a key line: ${KEY_LINES[3]}`);
    const text = out.join('');
    expect(text).not.toContain(SECRET);
    for (const line of KEY_LINES) expect(text).not.toContain(line);
    expect(text).not.toMatch(/ghs_|ghu_|github_pat_|eyJhbGci/);
    expect(text).toContain(`token ${REDACTED} and ${REDACTED} and ${REDACTED} and ${REDACTED}`);
    // what is not a secret stays readable
    expect(text).toContain('-----BEGIN RSA PRIVATE KEY-----');
  });

  it('scrubs a secret written with JSON escapes, and leaves ordinary text alone', () => {
    const scrub = scrubber(['quote"and\\slash']);
    expect(scrub(JSON.stringify({ msg: 'x quote"and\\slash y' }))).toBe(JSON.stringify({ msg: `x ${REDACTED} y` }));
    expect(scrub('{"msg":"verified acme/widgets at 1a95462: 3 claims"}')).toBe('{"msg":"verified acme/widgets at 1a95462: 3 claims"}');
  });

  it('scrubs a line in time proportional to its length, whatever it holds (plans and comments reach the logs)', () => {
    const scrub = scrubber(secretsOf({ webhookSecret: SECRET, privateKey: PKCS8 }));
    for (const unit of ['eyJ-', 'eyJa.', 'ghs_', 'gh-', 'v1.', 'a', SECRET.slice(0, -1), `${KEY_LINES[2]!.slice(0, 60)}-`]) {
      const line = JSON.stringify({ msg: unit.repeat(Math.ceil(1_000_000 / unit.length)) });
      const started = performance.now();
      scrub(line);
      const ms = performance.now() - started;
      expect({ unit, fast: ms < 1_500 }).toEqual({ unit, fast: true });
    }
  });

  it('secretsOf knows the key in both encodings, whichever one it was given in', () => {
    const secrets = secretsOf({ webhookSecret: SECRET, privateKey: PKCS8 });
    expect(secrets).toContain(SECRET);
    for (const line of KEY_LINES.filter((l) => l.length >= 16)) expect(secrets).toContain(line);
    expect(createPrivateKey(PKCS8).asymmetricKeyType).toBe('rsa');
  });

  it('pretty lines are scrubbed too', async () => {
    const { log, out } = await capturing({ format: 'pretty' });
    log.info({ repository: 'acme/widgets' }, `verified with ${SECRET}`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(out.join('')).toContain('verified with');
    expect(out.join('')).not.toContain(SECRET);
    expect(() => JSON.parse(out[0]!)).toThrow();
  });
});

describe('delivery fields', () => {
  it("every line inside a delivery's scope carries them, once; lines outside carry none", async () => {
    const { log, out, parsed } = await capturing();
    log.info('before');
    await inDelivery({ delivery: 'd-1', repository: 'acme/widgets', installation: 7 }, async () => {
      log.child({ name: 'octokit' }).debug('GitHub request');
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.info({ repository: 'acme/widgets', sha: 'abc' }, 'verified');
      log.child({ delivery: 'd-1' }).warn('bound already');
    });
    log.info('after');
    expect(parsed().map((l) => [l['msg'], l['delivery'], l['repository'], l['installation']])).toEqual([
      ['before', undefined, undefined, undefined],
      ['GitHub request', 'd-1', 'acme/widgets', 7],
      ['verified', 'd-1', 'acme/widgets', 7],
      ['bound already', 'd-1', undefined, undefined],
      ['after', undefined, undefined, undefined],
    ]);
    for (const line of out) {
      expect(line.match(/"delivery"/g)?.length ?? 0).toBeLessThanOrEqual(1);
      expect(line.match(/"repository"/g)?.length ?? 0).toBeLessThanOrEqual(1);
    }
  });

  it('a rate-limit warning names the delivery whose request was limited, not the one ahead of it in the queue', async () => {
    // the write queue spaces requests 1 s apart; B waits behind A and is answered "secondary rate limit"
    const github: Server = createServer((req, res) => {
      req.resume();
      if (req.url === '/b') res.writeHead(403, { 'content-type': 'application/json', 'retry-after': '1' }).end(JSON.stringify({ message: 'You have exceeded a secondary rate limit' }));
      else setTimeout(() => res.writeHead(201, { 'content-type': 'application/json' }).end('{}'), 50);
    });
    await new Promise<void>((resolve) => github.listen(0, '127.0.0.1', resolve));
    const { log, parsed } = await capturing();
    try {
      const octokit = new (instrumentedOctokit())({
        baseUrl: `http://127.0.0.1:${(github.address() as AddressInfo).port}`,
        auth: { token: 'ghs_aaaaaaaaaaaaaaaa' },
        log,
        retry: { enabled: false },
        throttle: { onRateLimit: () => false, onSecondaryRateLimit: (after: number, options: { url: string }) => void log.warn(`secondary rate limit on ${options.url}, retry in ${after} s`) },
      });
      const a = inDelivery({ delivery: 'A' }, () => octokit.request('POST /a'));
      const b = inDelivery({ delivery: 'B' }, () => octokit.request('POST /b'));
      await a;
      await expect(b).rejects.toMatchObject({ status: 403 });
    } finally {
      github.closeAllConnections();
      await new Promise<void>((resolve) => github.close(() => resolve()));
    }
    const warnings = parsed().filter((l) => String(l['msg']).startsWith('secondary rate limit'));
    expect(warnings.map((l) => [l['msg'], l['delivery']])).toEqual([['secondary rate limit on /b, retry in 1 s', 'B']]);
  }, 20_000);
});

describe('logs of a startup and of whole deliveries, over HTTP at trace level', () => {
  let repo: TestRepo;
  let github: FakeGitHub;
  let head: string;
  const out: string[] = [];

  beforeAll(async () => {
    repo = await TestRepo.create();
    head = await repo.commit('plan', { 'src/a.ts': lines(10, 'const a ='), 'docs/PLAN.md': '#### T-1 - A\n- **Status:** Done\n- **File:** `src/a.ts:L1-L5`\n- **File:** `src/gone.ts`\n' });
    github = new FakeGitHub(repo.dir);
    await github.start();
    github.pulls.set(7, { head, base: head });
    github.roles.set('Codertocat', 'read');
  }, 60_000);

  afterAll(async () => {
    await github.stop();
    await repo.remove();
  });

  /** Delivers `scenario` signed (or with a forged signature) and returns the lines it wrote. */
  async function deliver(url: string, scenario: Scenario, id: string, forged = false): Promise<Line[]> {
    const from = out.length;
    const body = JSON.stringify(payloadOf(scenario, { owner: 'acme', repo: 'widgets', sha: head, pullNumber: 7, installation: 5, comment: '/claimcheck fix' }));
    const signature = `sha256=${createHmac('sha256', forged ? 'forged' : SECRET).update(body).digest('hex')}`;
    const response = await fetch(`${url}/api/github/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': eventOf(scenario), 'x-github-delivery': id, 'x-hub-signature-256': signature }, body });
    await response.text();
    return out.slice(from).map((l) => JSON.parse(l) as Line);
  }

  it('every line of a delivery carries its id, repository and installation; no line holds the secret, the key or a token', async () => {
    const server = await startServer(config(github.url), undefined, { logDestination: { write: (l) => void out.push(l) } });
    try {
      expect(out.some((l) => l.includes('listening on'))).toBe(true);
      for (const [scenario, id] of [['push', 'delivery-push'], ['pull_request.opened', 'delivery-pr'], ['issue_comment.created', 'delivery-comment']] as const) {
        const written = await deliver(server.url, scenario, id);
        expect(written.length).toBeGreaterThan(3);
        // the first line (debug) is the receipt, before the signature is verified: the id only
        expect(written[0]).toMatchObject({ delivery: id, msg: expect.stringContaining('event received') });
        for (const line of written.slice(1)) expect({ line: line['msg'], delivery: line['delivery'], repository: line['repository'], installation: line['installation'] }).toEqual({ line: line['msg'], delivery: id, repository: 'acme/widgets', installation: 5 });
      }
      expect(github.checkRuns.length).toBeGreaterThan(0);
      expect(github.comments.get(7)?.some((c) => c.body.includes('needs write access'))).toBe(true);

      const forged = await deliver(server.url, 'push', 'delivery-forged', true);
      expect(forged.length).toBeGreaterThan(0);
      for (const line of forged) expect(line['delivery']).toBe('delivery-forged');
      // the refused payload is not written out: a forged 25 MB body must not become 50 MB of log
      expect(forged.some((l) => JSON.stringify(l).includes('[payload left out'))).toBe(true);
      for (const line of forged) expect(JSON.stringify(line).length).toBeLessThan(8_000);
    } finally {
      await server.close();
    }
    const text = out.join('');
    expect(text).not.toContain(SECRET);
    for (const line of KEY_LINES) expect(text).not.toContain(line);
    expect(text).not.toContain('ghs_fake'); // the installation token the fake GitHub issues
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\./); // the App's JWT
  }, 60_000);

  it("a handler's failure is logged by Probot with the delivery's id, repository and installation", async () => {
    const failing = (app: Probot): void => {
      app.on('push', oncePerDelivery(new RecentDeliveries(), async () => {
        throw new Error('the handler failed');
      }));
    };
    const server = await startServer(config(github.url, 'info'), failing, { logDestination: { write: (l) => void out.push(l) } });
    try {
      const written = await deliver(server.url, 'push', 'delivery-failing');
      const errors = written.filter((l) => l['level'] === 50);
      expect(errors.length).toBeGreaterThan(0);
      for (const line of errors) expect(line).toMatchObject({ delivery: 'delivery-failing', repository: 'acme/widgets', installation: 5 });
      expect(JSON.stringify(errors)).toContain('the handler failed');
    } finally {
      await server.close();
    }
  }, 30_000);

  it('the app module still loads as Probot expects (a function of the app)', () => {
    expect(typeof claimcheckApp).toBe('function');
  });
});
