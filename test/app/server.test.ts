import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApplicationFunction } from 'probot';
import { readServerEnv, type ServerConfig } from '../../src/app/env.js';
import { main, startServer, type RunningServer } from '../../src/app/server.js';

const BIN = fileURLToPath(new URL('../../bin/claimcheck-app.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/app/server.js', import.meta.url));
const SECRET = 'test-webhook-secret';

let privateKey: string;
let folders: string[] = [];

beforeAll(() => {
  privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
});

afterEach(async () => {
  jest.restoreAllMocks();
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
  folders = [];
});

/** An empty working folder, so no .env of the developer's is read. */
async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'claimcheck-app-'));
  folders.push(dir);
  return dir;
}

/** A port free on 127.0.0.1 a moment ago. */
async function freePort(): Promise<number> {
  const probe: Server = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** Runs `fn` with stderr captured. */
async function capturingStderr<T>(fn: () => Promise<T>): Promise<{ result: T; stderr: string }> {
  let stderr = '';
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  });
  const result = await fn();
  jest.restoreAllMocks();
  return { result, stderr };
}

describe('bin/claimcheck-app.js', () => {
  it('refuses to start without WEBHOOK_SECRET: exit code 2, one line on stderr, no stack trace', async () => {
    if (!existsSync(BUILT)) throw new Error('dist/app/server.js is missing: run `npm run build` first (`npm test` does)');
    const cwd = await folder();
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [BIN],
        { cwd, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? cwd }, timeout: 20_000 },
        (error, stdout, stderr) => resolve({ code: error ? ((error.code as number | undefined) ?? null) : 0, stdout, stderr }),
      );
    });
    expect(code).toBe(2);
    expect(stderr).toBe('claimcheck-app: WEBHOOK_SECRET is not set; refusing to start (see docs/deployment.md)\n');
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stdout).toBe('');
  });

  it('serves on the HOST and PORT given, answers /ping, /health and /metrics, logs JSON lines, and stops with exit code 0 on SIGTERM', async () => {
    if (!existsSync(BUILT)) throw new Error('dist/app/server.js is missing: run `npm run build` first (`npm test` does)');
    const cwd = await folder();
    const port = await freePort();
    const child = spawn(process.execPath, [BIN], {
      cwd,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? cwd,
        WEBHOOK_SECRET: SECRET,
        APP_ID: '1',
        PRIVATE_KEY: privateKey.replace(/\n/g, '\\n'),
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_FORMAT: 'json',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let stdout = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "listening" line within 15 s; stdout: ${stdout}`)), 15_000);
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes(`listening on http://127.0.0.1:${port}/api/github/webhooks`)) {
            clearTimeout(timer);
            resolve();
          }
        });
        void exited.then((code) => reject(new Error(`exited early with ${code}; stdout: ${stdout}`)));
      });
      const ping = await fetch(`http://127.0.0.1:${port}/ping`);
      expect([ping.status, await ping.text()]).toEqual([200, 'PONG']);
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('# TYPE claimcheck_webhook_deliveries_total counter');
      // every line on stdout is a JSON object
      for (const line of stdout.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

describe('main', () => {
  it('returns 2 and prints one line when the environment is refused', async () => {
    const cwd = await folder();
    const { result, stderr } = await capturingStderr(() => main({ WEBHOOK_SECRET: SECRET }, cwd));
    expect(result).toBe(2);
    expect(stderr).toBe('claimcheck-app: APP_ID is not set; refusing to start (see docs/deployment.md)\n');
  });

  it('fills in what the environment lacks from .env in the working folder; the environment wins', async () => {
    const cwd = await folder();
    await writeFile(join(cwd, '.env'), `WEBHOOK_SECRET=from-dotenv\nAPP_ID=7\nPORT=not-a-port\nLOG_LEVEL=\n`);
    const env: Record<string, string | undefined> = { PORT: 'also-not-a-port' };
    const { result, stderr } = await capturingStderr(() => main(env, cwd));
    expect(result).toBe(2);
    // .env gave the secret and the App ID; the key is missing; PORT came from the environment
    expect(stderr).toMatch(/^claimcheck-app: no private key: neither PRIVATE_KEY nor PRIVATE_KEY_PATH is set;/);
    expect(env).toEqual({ PORT: 'also-not-a-port', WEBHOOK_SECRET: 'from-dotenv', APP_ID: '7' });
  });

  it('returns 2 when .env exists but cannot be read', async () => {
    const cwd = await folder();
    await mkdir(join(cwd, '.env'));
    const { result, stderr } = await capturingStderr(() => main({}, cwd));
    expect(result).toBe(2);
    expect(stderr).toBe('claimcheck-app: .env cannot be read (EISDIR); refusing to start (see docs/deployment.md)\n');
  });

  it('returns 1 with one line when the port is taken', async () => {
    const cwd = await folder();
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const env = { WEBHOOK_SECRET: SECRET, APP_ID: '1', PRIVATE_KEY: privateKey, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'fatal' };
      const { result, stderr } = await capturingStderr(() => main(env, cwd));
      expect(result).toBe(1);
      expect(stderr).toBe(`claimcheck-app: could not start: 127.0.0.1:${port} is already in use\n`);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });
});

describe('startServer (loopback only)', () => {
  let server: RunningServer | undefined;
  const received: string[] = [];
  const app: ApplicationFunction = (probot) => {
    probot.on('ping', async (context) => {
      received.push(context.id);
    });
  };

  function config(): ServerConfig {
    const result = readServerEnv({ WEBHOOK_SECRET: SECRET, APP_ID: '1', PRIVATE_KEY: privateKey, HOST: '127.0.0.1', LOG_LEVEL: 'fatal' });
    if (!result.ok) throw new Error(result.message);
    return { ...result.config, port: 0 };
  }

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers GET /ping, 404 elsewhere, and only correctly signed webhooks', async () => {
    server = await startServer(config(), app);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const ping = await fetch(`${server.url}/ping`);
    expect([ping.status, await ping.text()]).toEqual([200, 'PONG']);
    expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
    // the routes are a table of their own: an inherited property is no route
    for (const path of ['/__proto__', '/constructor', '/toString']) expect((await fetch(`${server.url}${path}`)).status).toBe(404);
    expect((await fetch(`${server.url}/health`, { method: 'POST' })).status).toBe(404);

    const body = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
    const deliver = (signature: string) =>
      fetch(`${server!.url}/api/github/webhooks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'ping',
          'x-github-delivery': 'delivery-1',
          'x-hub-signature-256': signature,
        },
        body,
      });
    const forged = await deliver(`sha256=${createHmac('sha256', 'another-secret').update(body).digest('hex')}`);
    expect(forged.status).toBe(400);
    expect(received).toEqual([]);
    const signed = await deliver(`sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`);
    expect(signed.status).toBe(200);
    expect(received).toEqual(['delivery-1']);
  });
});
