import { beforeAll, describe, expect, it } from '@jest/globals';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { readServerEnv, refusalLine, type ServerConfig } from '../../src/app/env.js';

let pkcs1: string; // what GitHub generates: -----BEGIN RSA PRIVATE KEY-----
let pkcs8: string;
let publicKey: string;

beforeAll(() => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  pkcs1 = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  pkcs8 = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
});

const SECRET = 'a-webhook-secret-0123456789';

function valid(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { APP_ID: '123456', WEBHOOK_SECRET: SECRET, PRIVATE_KEY: pkcs1, ...extra };
}

function accepted(env: Record<string, string | undefined>, readFile?: (path: string) => string): ServerConfig {
  const result = readServerEnv(env, { cwd: '/srv/app', ...(readFile ? { readFile } : {}) });
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return result.config;
}

function refused(env: Record<string, string | undefined>, readFile?: (path: string) => string): string {
  const result = readServerEnv(env, { cwd: '/srv/app', ...(readFile ? { readFile } : {}) });
  if (result.ok) throw new Error('accepted an environment that should be refused');
  // one line, and never the value of a secret
  expect(result.message).not.toMatch(/[\r\n]/);
  expect(result.message).not.toContain(SECRET);
  expect(result.message).not.toContain('MII');
  return result.message;
}

/** The same RSA key, whatever its encoding. */
function samePublicKey(pem: string): string {
  return createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();
}

describe('readServerEnv: a complete environment', () => {
  it('applies the defaults: localhost:3000, Probot webhook path, github.com, info, pretty', () => {
    const config = accepted(valid());
    expect(config).toEqual({
      appId: 123456,
      privateKey: expect.stringMatching(/^-----BEGIN PRIVATE KEY-----\n/),
      webhookSecret: SECRET,
      host: 'localhost',
      port: 3000,
      webhookPath: '/api/github/webhooks',
      baseUrl: 'https://api.github.com',
      logLevel: 'info',
      logFormat: 'pretty',
    });
    expect(samePublicKey(config.privateKey)).toBe(publicKey);
  });

  it('reads HOST, PORT, WEBHOOK_PATH, LOG_LEVEL and LOG_FORMAT', () => {
    const config = accepted(
      valid({ HOST: '0.0.0.0', PORT: '8080', WEBHOOK_PATH: '/hooks/github', LOG_LEVEL: 'DEBUG', LOG_FORMAT: 'json' }),
    );
    expect(config).toMatchObject({ host: '0.0.0.0', port: 8080, webhookPath: '/hooks/github', logLevel: 'debug', logFormat: 'json' });
  });

  it('logs JSON by default when NODE_ENV is production', () => {
    expect(accepted(valid({ NODE_ENV: 'production' })).logFormat).toBe('json');
    expect(accepted(valid({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' })).logFormat).toBe('pretty');
  });

  it('treats empty and blank values as not set', () => {
    const config = accepted(valid({ HOST: '', PORT: '  ', LOG_LEVEL: '', GHE_HOST: '', PRIVATE_KEY_PATH: '' }));
    expect(config).toMatchObject({ host: 'localhost', port: 3000, logLevel: 'info', baseUrl: 'https://api.github.com' });
  });
});

describe('readServerEnv: the private key', () => {
  it.each([
    ['PKCS#1, as GitHub generates it', () => pkcs1],
    ['PKCS#8', () => pkcs8],
    ['with line breaks written as \\n (one-line variables, Probot .env files)', () => pkcs1.replace(/\n/g, '\\n')],
    ['with line breaks turned into spaces', () => pkcs1.replace(/\n/g, ' ')],
    ['with CRLF line breaks', () => pkcs1.replace(/\n/g, '\r\n')],
    ['base64-encoded on one line', () => Buffer.from(pkcs1).toString('base64')],
  ])('accepts PRIVATE_KEY %s and re-encodes it as PKCS#8', (_name, key) => {
    const config = accepted(valid({ PRIVATE_KEY: key() }));
    expect(config.privateKey.startsWith('-----BEGIN PRIVATE KEY-----\n')).toBe(true);
    expect(samePublicKey(config.privateKey)).toBe(publicKey);
  });

  it('reads PRIVATE_KEY_PATH relative to the working folder', () => {
    const read: string[] = [];
    const config = accepted(valid({ PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: 'keys/app.pem' }), (path) => {
      read.push(path);
      return pkcs1;
    });
    expect(read).toEqual([join('/srv/app', 'keys/app.pem')]);
    expect(samePublicKey(config.privateKey)).toBe(publicKey);
  });

  it('refuses no key, both key variables, or an unreadable key file', () => {
    expect(refused(valid({ PRIVATE_KEY: undefined }))).toBe('no private key: neither PRIVATE_KEY nor PRIVATE_KEY_PATH is set');
    expect(refused(valid({ PRIVATE_KEY_PATH: 'app.pem' }))).toBe('both PRIVATE_KEY and PRIVATE_KEY_PATH are set; set only one');
    const missing = (): string => {
      throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    };
    expect(refused(valid({ PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: 'gone.pem' }), missing)).toBe(
      'PRIVATE_KEY_PATH "gone.pem" cannot be read (ENOENT)',
    );
  });

  it('refuses what is not an unencrypted RSA private key, without showing it', () => {
    expect(refused(valid({ PRIVATE_KEY: 'not a key at all' }))).toMatch(/^PRIVATE_KEY is not a PEM private key/);
    expect(refused(valid({ PRIVATE_KEY: publicKey }))).toMatch(/^PRIVATE_KEY is not a PEM private key/);
    const damaged = pkcs1.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    expect(refused(valid({ PRIVATE_KEY: damaged }))).toBe('PRIVATE_KEY holds a damaged or unreadable private key');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    expect(refused(valid({ PRIVATE_KEY: ec.toString() }))).toBe('PRIVATE_KEY is a key of type ec; a GitHub App key is RSA');
    const encrypted = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pass' },
    }).privateKey;
    expect(refused(valid({ PRIVATE_KEY: encrypted }))).toMatch(/^PRIVATE_KEY is an encrypted private key/);
  });

  it('names the key file when its contents are refused', () => {
    const message = refused(valid({ PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: 'app.pem' }), () => 'garbage');
    expect(message).toMatch(/^the file PRIVATE_KEY_PATH names \("app\.pem"\) is not a PEM private key/);
  });
});

describe('readServerEnv: required variables', () => {
  it.each([
    ['unset', undefined],
    ['empty', ''],
    ['blank', '   '],
  ])('refuses WEBHOOK_SECRET %s', (_name, secret) => {
    expect(refused(valid({ WEBHOOK_SECRET: secret }))).toBe('WEBHOOK_SECRET is not set');
  });

  it('refuses Probot\'s placeholder secret "development"', () => {
    expect(refused(valid({ WEBHOOK_SECRET: 'development' }))).toMatch(/^WEBHOOK_SECRET is Probot's placeholder "development"/);
  });

  it('reports WEBHOOK_SECRET first when everything is missing', () => {
    expect(refused({})).toBe('WEBHOOK_SECRET is not set');
    expect(refused({ WEBHOOK_SECRET: SECRET })).toBe('APP_ID is not set');
  });

  it.each(['abc', '0', '12.5', '-3', '1e5', '12 34'])('refuses APP_ID %j', (id) => {
    expect(refused(valid({ APP_ID: id }))).toBe(`APP_ID must be the App's numeric ID (got ${JSON.stringify(id)})`);
  });

  it('accepts APP_ID with surrounding blanks', () => {
    expect(accepted(valid({ APP_ID: ' 42 ' })).appId).toBe(42);
  });
});

describe('readServerEnv: server, logs and API URL', () => {
  it.each(['0', '65536', 'abc', '3000x', '-1', '80.5'])('refuses PORT %j', (port) => {
    expect(refused(valid({ PORT: port }))).toBe(`PORT must be a whole number from 1 to 65535 (got ${JSON.stringify(port)})`);
  });

  it('refuses a HOST that is not an address or host name', () => {
    expect(refused(valid({ HOST: 'http://0.0.0.0' }))).toMatch(/^HOST must be an address or host name/);
    expect(refused(valid({ HOST: 'a b' }))).toMatch(/^HOST must be an address or host name/);
  });

  it('refuses a WEBHOOK_PATH that is not a URL path', () => {
    expect(refused(valid({ WEBHOOK_PATH: 'webhooks' }))).toBe('WEBHOOK_PATH must be a URL path starting with "/" (got "webhooks")');
    expect(refused(valid({ WEBHOOK_PATH: '/hooks?x=1' }))).toMatch(/^WEBHOOK_PATH must be a URL path/);
  });

  it('refuses unknown LOG_LEVEL and LOG_FORMAT values', () => {
    expect(refused(valid({ LOG_LEVEL: 'verbose' }))).toBe(
      'LOG_LEVEL must be one of trace, debug, info, warn, error, fatal (got "verbose")',
    );
    expect(refused(valid({ LOG_FORMAT: 'xml' }))).toBe('LOG_FORMAT must be json or pretty (got "xml")');
  });

  it('builds a GitHub Enterprise Server API URL from GHE_HOST and GHE_PROTOCOL, as Probot does', () => {
    expect(accepted(valid({ GHE_HOST: 'github.example.com' })).baseUrl).toBe('https://github.example.com/api/v3');
    expect(accepted(valid({ GHE_HOST: 'ghes.internal:8443', GHE_PROTOCOL: 'HTTP' })).baseUrl).toBe(
      'http://ghes.internal:8443/api/v3',
    );
  });

  it('takes GITHUB_API_URL whole (GHE.com), without its trailing slash', () => {
    expect(accepted(valid({ GITHUB_API_URL: 'https://api.acme.ghe.com/' })).baseUrl).toBe('https://api.acme.ghe.com');
    expect(accepted(valid({ GITHUB_API_URL: 'https://ghes.example.com/api/v3' })).baseUrl).toBe(
      'https://ghes.example.com/api/v3',
    );
  });

  it('refuses a malformed or ambiguous API location', () => {
    expect(refused(valid({ GHE_HOST: 'https://github.example.com' }))).toMatch(/^GHE_HOST must be a host name/);
    expect(refused(valid({ GHE_HOST: 'github.example.com/api/v3' }))).toMatch(/^GHE_HOST must be a host name/);
    expect(refused(valid({ GHE_HOST: 'github.example.com', GHE_PROTOCOL: 'ftp' }))).toBe(
      'GHE_PROTOCOL must be https or http (got "ftp")',
    );
    expect(refused(valid({ GITHUB_API_URL: 'api.github.com' }))).toBe('GITHUB_API_URL must be an absolute URL (got "api.github.com")');
    expect(refused(valid({ GITHUB_API_URL: 'ftp://api.github.com' }))).toMatch(/^GITHUB_API_URL must be an http\(s\) URL/);
    expect(refused(valid({ GITHUB_API_URL: 'https://user:pw@api.github.com' }))).toBe(
      'GITHUB_API_URL must be a plain base URL, without credentials, query or fragment',
    );
    expect(refused(valid({ GITHUB_API_URL: 'https://api.acme.ghe.com', GHE_HOST: 'github.example.com' }))).toBe(
      'both GITHUB_API_URL and GHE_HOST are set; set only one',
    );
  });

  it('cuts long values short in messages', () => {
    const message = refused(valid({ PORT: '9'.repeat(200) }));
    expect(message.length).toBeLessThan(140);
  });
});

describe('refusalLine', () => {
  it('names the program, the problem and where to read more, on one line', () => {
    expect(refusalLine('WEBHOOK_SECRET is not set')).toBe(
      'claimcheck-app: WEBHOOK_SECRET is not set; refusing to start (see docs/deployment.md)',
    );
  });
});

describe('readServerEnv: REDIS_URL', () => {
  it('is optional, and kept as written when it is a redis:// or rediss:// URL', () => {
    expect(accepted(valid()).redisUrl).toBeUndefined();
    expect(accepted(valid({ REDIS_URL: '' })).redisUrl).toBeUndefined();
    expect(accepted(valid({ REDIS_URL: 'redis://127.0.0.1:6379' })).redisUrl).toBe('redis://127.0.0.1:6379');
    expect(accepted(valid({ REDIS_URL: 'rediss://:s3cret@cache.internal:6380/2' })).redisUrl).toBe('rediss://:s3cret@cache.internal:6380/2');
  });

  it('refuses what is not a Redis URL, in one line', () => {
    expect(refused(valid({ REDIS_URL: 'localhost:6379' }))).toMatch(/^REDIS_URL must start with redis:\/\/ or rediss:\/\/, not localhost:/);
    expect(refused(valid({ REDIS_URL: 'http://cache:6379' }))).toBe('REDIS_URL must start with redis:// or rediss://, not http://');
    expect(refused(valid({ REDIS_URL: 'not a url' }))).toMatch(/^REDIS_URL is not a URL/);
  });
});
