/**
 * Webhooks and trust, over real HTTP: the App's server on 127.0.0.1 (startServer, as `npm start`
 * runs it) with the real app, talking to the loopback fake GitHub. A delivery that is not GitHub's
 * is refused before any handler runs; a redelivered id is handled once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import { readServerEnv } from '../../src/app/env.js';
import { DEFAULT_DELIVERY_CAPACITY, RecentDeliveries } from '../../src/app/deliveries.js';
import { oncePerDelivery } from '../../src/app/index.js';
import { appMetrics } from '../../src/app/metrics.js';
import { MAX_PAYLOAD_BYTES, startServer, type RunningServer } from '../../src/app/server.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { lines, TestRepo } from '../helpers/repo.js';
import { payloadOf } from '../helpers/webhooks.js';

const SECRET = 'trust-webhook-secret-42';
const PLAN = '# Plan\n\n#### T-001 - Parse\n- **Status:** Done\n- **File:** `src/a.ts:L1-L5`\n';

/** A counter's value for `labels` (0 when it was never incremented). */
async function counted(name: string, labels: Record<string, string>): Promise<number> {
  const metric = appMetrics.registry.getSingleMetric(name);
  const values = (await metric!.get()).values as Array<{ labels: Record<string, string | number>; value: number }>;
  return values.filter((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want)).reduce((sum, v) => sum + v.value, 0);
}

describe('webhook deliveries over HTTP', () => {
  let repo: TestRepo;
  let github: FakeGitHub;
  let server: RunningServer;
  let head: string;
  const logs: string[] = [];

  beforeAll(async () => {
    repo = await TestRepo.create();
    head = await repo.commit('plan', { 'src/a.ts': lines(10, 'const a ='), 'docs/PLAN.md': PLAN });
    github = new FakeGitHub(repo.dir);
    await github.start();
    const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const env = readServerEnv({ WEBHOOK_SECRET: SECRET, APP_ID: '1', PRIVATE_KEY: privateKey, HOST: '127.0.0.1', GITHUB_API_URL: github.url, LOG_FORMAT: 'json' });
    if (!env.ok) throw new Error(env.message);
    server = await startServer({ ...env.config, port: 0 }, undefined, { logDestination: { write: (line) => void logs.push(line) } });
  }, 60_000);

  afterAll(async () => {
    await server.close();
    await github.stop();
    await repo.remove();
  });

  const body = (): string => JSON.stringify(payloadOf('push', { owner: 'acme', repo: 'widgets', sha: head }));
  const sign = (text: string, secret = SECRET): string => `sha256=${createHmac('sha256', secret).update(text).digest('hex')}`;

  async function post(text: string, headers: Record<string, string | undefined>): Promise<{ status: number; body: string }> {
    const sent = Object.fromEntries(Object.entries({ 'content-type': 'application/json', 'x-github-event': 'push', ...headers }).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const response = await fetch(`${server.url}/api/github/webhooks`, { method: 'POST', headers: sent, body: text });
    return { status: response.status, body: await response.text() };
  }

  describe('a delivery that is not signed with the webhook secret is refused, and nothing is done', () => {
    it.each<[string, (text: string) => string | undefined]>([
      ['no X-Hub-Signature-256', () => undefined],
      ['signed with another secret', (text) => sign(text, 'not-the-secret')],
      ['the signature of another body', (text) => sign(`${text} `)],
      ['a malformed signature', () => 'sha256=xyz'],
      ['a SHA-1 signature only', (text) => `sha1=${createHmac('sha1', SECRET).update(text).digest('hex')}`],
      ['an empty signature', () => ''],
    ])('%s: 400', async (_, signature) => {
      const text = body();
      const requests = github.requests.length;
      const rejected = await counted('claimcheck_webhook_deliveries_total', { outcome: 'rejected' });
      const answer = await post(text, { 'x-github-delivery': `forged-${Math.random()}`, 'x-hub-signature-256': signature(text) });
      expect(answer.status).toBe(400);
      expect(github.requests.length).toBe(requests);
      expect(github.checkRuns).toHaveLength(0);
      expect(await counted('claimcheck_webhook_deliveries_total', { outcome: 'rejected' })).toBe(rejected + 1);
    });

    it('a body larger than GitHub ever sends: 413 before it is read', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const url = new URL(`${server.url}/api/github/webhooks`);
        const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(MAX_PAYLOAD_BYTES + 1), 'x-github-event': 'push', 'x-github-delivery': 'huge', 'x-hub-signature-256': 'sha256=00' } });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        });
        req.on('error', reject);
        req.flushHeaders();
      });
      expect(status).toBe(413);
      expect(github.checkRuns).toHaveLength(0);
    });

    it('a body that grows past the limit without announcing its length: 413, and the rest is not kept', async () => {
      // a raw socket, not http.request: every failure of a write the server's refusal cut short
      // (EPIPE, ECONNRESET) comes to this socket's own 'error' handler, whatever patches node's http
      const status = await new Promise<number | 'closed'>((resolve) => {
        const url = new URL(server.url);
        const socket = connect(Number(url.port), url.hostname);
        let answer = '';
        let settled = false;
        const settle = (value: number | 'closed'): void => {
          if (settled) return;
          settled = true;
          resolve(value);
          socket.destroy();
        };
        socket.on('data', (data: Buffer) => {
          answer += data.toString('latin1');
          const line = /^HTTP\/1\.1 (\d{3})/.exec(answer);
          if (line) settle(Number(line[1]));
        });
        // the server answered and closed while this side still wrote: refused all the same; that the
        // server is unharmed is asserted below
        socket.on('error', () => settle('closed'));
        socket.on('close', () => settle('closed'));
        const head = ['POST /api/github/webhooks HTTP/1.1', `Host: ${url.host}`, 'Content-Type: application/json', 'Transfer-Encoding: chunked', 'X-GitHub-Event: push', 'X-GitHub-Delivery: chunked', 'X-Hub-Signature-256: sha256=00', '', ''];
        socket.write(head.join('\r\n'));
        const chunk = Buffer.alloc(1024 * 1024, 'a');
        const send = (left: number): void => {
          if (settled || socket.destroyed) return;
          if (left === 0) return void socket.end('0\r\n\r\n');
          socket.write(`${chunk.length.toString(16)}\r\n`);
          socket.write(chunk);
          socket.write('\r\n', (error) => (error ? undefined : send(left - 1)));
        };
        send(40);
      });
      expect([413, 'closed']).toContain(status);
      expect(github.checkRuns).toHaveLength(0);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    }, 30_000);

    it('a client that goes away in the middle of its body harms nothing: the server serves on', async () => {
      await new Promise<void>((resolve) => {
        const url = new URL(`${server.url}/api/github/webhooks`);
        const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '1000', 'x-github-event': 'push', 'x-github-delivery': 'cut', 'x-hub-signature-256': 'sha256=00' } });
        req.on('error', () => undefined);
        req.write('{"ref":', () => {
          req.destroy();
          setTimeout(resolve, 50);
        });
      });
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      expect(github.checkRuns).toHaveLength(0);
      // whether the server saw the cut request (it then logs that it could not be read) or only a
      // broken connection depends on timing; either way the next delivery is answered as usual
      const next = await fetch(`${server.url}/api/github/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': 'after-cut', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` }, body: '{}' });
      expect(next.status).toBe(400);
      expect(logs.filter((l) => l.includes('"delivery":"cut"')).every((l) => !l.includes('"level":50'))).toBe(true);
    });

    it('the webhook path with a trailing slash is the same endpoint, refused the same way', async () => {
      const text = body();
      const response = await fetch(`${server.url}/api/github/webhooks/`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': 'slash', 'x-hub-signature-256': sign(text, 'nope') }, body: text });
      expect(response.status).toBe(400);
      expect(logs.some((l) => l.includes('"delivery":"slash"') && l.includes('webhook delivery refused'))).toBe(true);
    });

    it('each refusal is logged with its status, and never with the secret', () => {
      const refused = logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['msg'] === 'webhook delivery refused');
      expect(refused.length).toBeGreaterThanOrEqual(8);
      expect(refused.every((l) => l['status'] === 400 || l['status'] === 413)).toBe(true);
      expect(logs.join('')).not.toContain(SECRET);
    });
  });

  describe('redeliveries', () => {
    it('a signed delivery is handled; the same X-GitHub-Delivery again answers 2xx and does nothing', async () => {
      const text = body();
      const first = await post(text, { 'x-github-delivery': 'delivery-A', 'x-hub-signature-256': sign(text) });
      expect(first.status).toBe(200);
      expect(github.checkRuns).toHaveLength(1);
      const requests = github.requests.length;
      const duplicates = await counted('claimcheck_webhook_deliveries_total', { event: 'push', outcome: 'duplicate' });
      const again = await post(text, { 'x-github-delivery': 'delivery-A', 'x-hub-signature-256': sign(text) });
      expect(again.status).toBe(200);
      expect(github.requests.length).toBe(requests);
      expect(github.checkRuns).toHaveLength(1);
      expect(await counted('claimcheck_webhook_deliveries_total', { event: 'push', outcome: 'duplicate' })).toBe(duplicates + 1);
      const logged = logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['delivery'] === 'delivery-A' && String(l['msg']).startsWith('redelivery'));
      expect(logged).toEqual([expect.objectContaining({ repository: 'acme/widgets', installation: 1, event: 'push' })]);
    });

    it('the same delivery twice at once is handled once', async () => {
      const runs = github.checkRuns.length;
      const text = body();
      const answers = await Promise.all([1, 2, 3].map(() => post(text, { 'x-github-delivery': 'delivery-B', 'x-hub-signature-256': sign(text) })));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(github.checkRuns).toHaveLength(runs + 1);
    });

    it('another delivery id of the same event is handled (a new push of the same commit is not a redelivery)', async () => {
      const runs = github.checkRuns.length;
      const text = body();
      expect((await post(text, { 'x-github-delivery': 'delivery-C', 'x-hub-signature-256': sign(text) })).status).toBe(200);
      expect(github.checkRuns).toHaveLength(runs + 1);
    });
  });
});

describe('oncePerDelivery', () => {
  const silent = { child: () => silent, info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined } as never;
  const context = (id: string) => ({ id, name: 'push', payload: { repository: { full_name: 'acme/widgets' }, installation: { id: 9 } }, log: silent });

  it('runs the handler once per id; a handler that failed is run again on a redelivery', async () => {
    const runs: string[] = [];
    let fail = true;
    const handle = oncePerDelivery(new RecentDeliveries(), async (c: ReturnType<typeof context>) => {
      runs.push(c.id);
      if (fail) throw new Error('GitHub is down');
    });
    await expect(handle(context('d1'))).rejects.toThrow('GitHub is down');
    fail = false;
    await handle(context('d1'));
    await handle(context('d1'));
    await handle(context('d2'));
    expect(runs).toEqual(['d1', 'd1', 'd2']);
  });
});

describe('RecentDeliveries', () => {
  it('claims an id once, in flight or done; forgets a failed one; keeps the newest ids within its capacity', () => {
    const recent = new RecentDeliveries(3);
    expect(recent.begin('a')).toBe(true);
    expect(recent.begin('a')).toBe(false); // in flight
    recent.finish('a', true);
    expect(recent.begin('a')).toBe(false); // done
    expect(recent.begin('b')).toBe(true);
    recent.finish('b', false);
    expect(recent.begin('b')).toBe(true); // failed: a redelivery runs again
    expect(recent.begin('c')).toBe(true);
    expect(recent.begin('d')).toBe(true); // 'a', the oldest, is forgotten
    expect(recent.size).toBe(3);
    expect(recent.begin('a')).toBe(true);
    expect(recent.begin('d')).toBe(false);
  });

  it('stays bounded under many deliveries', () => {
    const recent = new RecentDeliveries();
    for (let i = 0; i < DEFAULT_DELIVERY_CAPACITY * 2; i++) recent.finish(`id-${i}`, recent.begin(`id-${i}`));
    expect(recent.size).toBe(DEFAULT_DELIVERY_CAPACITY);
    expect(recent.begin(`id-${DEFAULT_DELIVERY_CAPACITY * 2 - 1}`)).toBe(false);
    expect(recent.begin('id-0')).toBe(true);
  });

  it('refuses a capacity that is not a positive whole number', () => {
    expect(() => new RecentDeliveries(0)).toThrow(RangeError);
  });
});
