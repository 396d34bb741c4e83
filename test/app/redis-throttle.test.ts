/**
 * REDIS_URL: N instances share Probot's throttle through Redis, so together they space one
 * installation's GraphQL calls as one instance would. Two real processes (the built App, set up
 * from the environment as `npm start` does) against a loopback GitHub and a real redis-server on
 * 127.0.0.1. Without REDIS_URL the same two processes overlap: the control shows the test can fail.
 * Needs `redis-server`: .ci/run installs it and sets CLAIMCHECK_REQUIRE_REDIS, which makes its
 * absence an error; elsewhere (a newcomer's `npm test`) the tests say they did nothing, and pass.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const INSTANCE = fileURLToPath(new URL('../fixtures/processes/throttled-instance.mjs', import.meta.url));
const redisServer = await promisify(execFile)('sh', ['-c', 'command -v redis-server']).then(
  ({ stdout }) => stdout.trim(),
  () => '',
);
if (!redisServer && process.env['CLAIMCHECK_REQUIRE_REDIS']) throw new Error('CLAIMCHECK_REQUIRE_REDIS is set but redis-server is not installed');

describe('REDIS_URL: the throttle shared by every instance', () => {
  let redis: ChildProcess;
  let redisPort: number;
  let github: Server;
  let arrivals: number[] = [];
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

  beforeAll(async () => {
    if (!redisServer) return void process.stderr.write('redis-throttle.test.ts: redis-server is not installed; the REDIS_URL tests did nothing\n');
    redisPort = 20000 + Math.floor(Math.random() * 20000);
    redis = spawn(redisServer, ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await untilListening(redisPort);
    github = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url?.includes('/access_tokens')) {
          res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'ghs_x', expires_at: new Date(Date.now() + 3600_000).toISOString() }));
          return;
        }
        arrivals.push(Date.now());
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { viewer: { login: 'x' } } }));
      });
    });
    await new Promise<void>((resolve) => github.listen(0, '127.0.0.1', resolve));
  }, 30_000);

  afterAll(async () => {
    redis?.kill();
    if (github) await new Promise((resolve) => github.close(resolve));
  });

  async function twoInstances(extra: Record<string, string>): Promise<number[]> {
    arrivals = [];
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '',
      APP_ID: '1',
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: 'redis-throttle-secret',
      GITHUB_API_URL: `http://127.0.0.1:${(github.address() as AddressInfo).port}`,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'fatal',
      ...extra,
    };
    const ports = await Promise.all([freePort(), freePort()]);
    const codes = await Promise.all(ports.map((port) => new Promise<number | null>((resolve) => spawn(process.execPath, [INSTANCE], { env: { ...env, PORT: String(port) }, stdio: 'inherit' }).on('exit', resolve))));
    expect(codes).toEqual([0, 0]);
    return [...arrivals].sort((a, b) => a - b);
  }

  const gaps = (times: number[]): number[] => times.slice(1).map((t, i) => t - times[i]!);

  it('spaces the GraphQL calls of both instances about a second apart, as one instance would', async () => {
    if (!redisServer) return;
    const times = await twoInstances({ REDIS_URL: `redis://127.0.0.1:${redisPort}` });
    expect(times).toHaveLength(4);
    expect(Math.min(...gaps(times))).toBeGreaterThanOrEqual(800);
  }, 60_000);

  it('control: without REDIS_URL each instance spaces only its own calls, so theirs overlap', async () => {
    if (!redisServer) return;
    const times = await twoInstances({});
    expect(times).toHaveLength(4);
    expect(Math.min(...gaps(times))).toBeLessThan(800);
  }, 60_000);
});

/** A port free on 127.0.0.1 a moment ago. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Resolves once something accepts connections on 127.0.0.1:port. */
async function untilListening(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      }).on('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}
