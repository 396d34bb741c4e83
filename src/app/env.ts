// The App server's environment contract: every variable claimcheck-app reads, validated in one
// place. readServerEnv does no I/O of its own (a key file is read through the `readFile` it is
// given), so every accepted and refused case is unit-tested (test/app/env.test.ts).
// docs/deployment.md documents the same contract for operators.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = 'json' | 'pretty';

export const DEFAULT_HOST = 'localhost'; // Probot's default too: reachable from this machine only
export const DEFAULT_PORT = 3000;
export const DEFAULT_WEBHOOK_PATH = '/api/github/webhooks'; // Probot's (and @octokit/webhooks') default
export const DEFAULT_API_URL = 'https://api.github.com';

/** Probot falls back to this webhook secret when none is set; claimcheck-app refuses it. */
const PROBOT_PLACEHOLDER_SECRET = 'development';

export interface ServerConfig {
  appId: number;
  /** The App's private key, re-encoded as PKCS#8 PEM (what Octokit's JWT signing needs). */
  privateKey: string;
  webhookSecret: string;
  host: string;
  port: number;
  webhookPath: string;
  /** REST API base URL without a trailing slash; Octokit derives the GraphQL endpoint from it. */
  baseUrl: string;
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** A Redis server every instance shares: Probot's throttle is then kept there (deployment.md §7). */
  redisUrl?: string;
}

export type ServerEnvResult = { ok: true; config: ServerConfig } | { ok: false; message: string };

export interface ReadServerEnvOptions {
  /** Folder a relative PRIVATE_KEY_PATH is resolved against (default: the current folder). */
  cwd?: string;
  /** Reads the key file named by PRIVATE_KEY_PATH (default: fs.readFileSync as UTF-8). */
  readFile?: (path: string) => string;
}

type Env = Readonly<Record<string, string | undefined>>;

class EnvError extends Error {}

/** The one line claimcheck-app prints on stderr before exiting with code 2. */
export function refusalLine(message: string): string {
  return `claimcheck-app: ${message}; refusing to start (see docs/deployment.md)`;
}

/**
 * Validates the environment the App server starts with. The first problem found is reported as
 * one line (never holding a secret's value); nothing is defaulted that would weaken security.
 */
export function readServerEnv(env: Env, options: ReadServerEnvOptions = {}): ServerEnvResult {
  try {
    const webhookSecret = readWebhookSecret(env);
    const appId = readAppId(env);
    const privateKey = readPrivateKey(env, options);
    const config: ServerConfig = {
      appId,
      privateKey,
      webhookSecret,
      host: readHost(env),
      port: readPort(env),
      webhookPath: readWebhookPath(env),
      baseUrl: readBaseUrl(env),
      logLevel: readLogLevel(env),
      logFormat: readLogFormat(env),
    };
    const redisUrl = readRedisUrl(env);
    return { ok: true, config: redisUrl ? { ...config, redisUrl } : config };
  } catch (error) {
    if (error instanceof EnvError) return { ok: false, message: error.message };
    throw error;
  }
}

/** A set variable: unset, empty and all-blank values all count as not set. */
function value(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw;
}

/** A value quoted for a one-line message, cut short. Only for values that are not secrets. */
function shown(raw: string): string {
  return JSON.stringify(raw.length > 60 ? `${raw.slice(0, 57)}...` : raw);
}

function readWebhookSecret(env: Env): string {
  const secret = value(env, 'WEBHOOK_SECRET');
  if (secret === undefined) throw new EnvError('WEBHOOK_SECRET is not set');
  if (secret === PROBOT_PLACEHOLDER_SECRET) {
    throw new EnvError(
      `WEBHOOK_SECRET is Probot's placeholder "${PROBOT_PLACEHOLDER_SECRET}", not the App's webhook secret`,
    );
  }
  return secret;
}

function readAppId(env: Env): number {
  const raw = value(env, 'APP_ID');
  if (raw === undefined) throw new EnvError('APP_ID is not set');
  const id = raw.trim();
  if (!/^[1-9][0-9]{0,14}$/.test(id)) {
    throw new EnvError(`APP_ID must be the App's numeric ID (got ${shown(raw)})`);
  }
  return Number(id);
}

function readPrivateKey(env: Env, options: ReadServerEnvOptions): string {
  const inline = value(env, 'PRIVATE_KEY');
  const path = value(env, 'PRIVATE_KEY_PATH');
  if (inline !== undefined && path !== undefined) {
    throw new EnvError('both PRIVATE_KEY and PRIVATE_KEY_PATH are set; set only one');
  }
  if (inline !== undefined) return parsePrivateKey(inline, 'PRIVATE_KEY');
  if (path === undefined) {
    throw new EnvError('no private key: neither PRIVATE_KEY nor PRIVATE_KEY_PATH is set');
  }
  const file = resolve(options.cwd ?? process.cwd(), path.trim());
  const readFile = options.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  let text: string;
  try {
    text = readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EnvError(
      `PRIVATE_KEY_PATH ${shown(path)} cannot be read${code ? ` (${code})` : ''}`,
    );
  }
  return parsePrivateKey(text, `the file PRIVATE_KEY_PATH names (${shown(path)})`);
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

/**
 * Accepts the .pem GitHub generates (PKCS#1 or PKCS#8) as it is, with its line breaks written as
 * `\n` (one-line variables, Probot's .env), with line breaks turned into spaces, or base64-encoded.
 * Returns the key as PKCS#8 PEM. `where` names the source for messages; the key is never shown.
 */
function parsePrivateKey(raw: string, where: string): string {
  let text = raw.trim();
  if (!text.includes('-----BEGIN') && /^[A-Za-z0-9+/=\s]+$/.test(text)) {
    text = Buffer.from(text, 'base64').toString('utf8').trim();
  }
  const match = PEM_BLOCK.exec(text.replace(/\\r/g, '').replace(/\\n/g, '\n'));
  const label = match?.[1];
  if (match === null || label === undefined || !label.endsWith('PRIVATE KEY')) {
    throw new EnvError(
      `${where} is not a PEM private key (expected the .pem file GitHub generated for the App, its contents, or its contents in base64)`,
    );
  }
  if (label.includes('ENCRYPTED')) {
    throw new EnvError(`${where} is an encrypted private key; give the key GitHub generated, unencrypted`);
  }
  const body = (match[2] ?? '').replace(/\s+/g, '');
  const pem = `-----BEGIN ${label}-----\n${body.replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END ${label}-----\n`;
  let key;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new EnvError(`${where} holds a damaged or unreadable private key`);
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new EnvError(`${where} is a key of type ${key.asymmetricKeyType ?? 'unknown'}; a GitHub App key is RSA`);
  }
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function readHost(env: Env): string {
  const raw = value(env, 'HOST');
  if (raw === undefined) return DEFAULT_HOST;
  const host = raw.trim();
  if (/[\s/]/.test(host)) {
    throw new EnvError(`HOST must be an address or host name to listen on, such as 0.0.0.0 (got ${shown(raw)})`);
  }
  return host;
}

function readPort(env: Env): number {
  const raw = value(env, 'PORT');
  if (raw === undefined) return DEFAULT_PORT;
  const port = raw.trim();
  if (!/^[0-9]{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    throw new EnvError(`PORT must be a whole number from 1 to 65535 (got ${shown(raw)})`);
  }
  return Number(port);
}

function readWebhookPath(env: Env): string {
  const raw = value(env, 'WEBHOOK_PATH');
  if (raw === undefined) return DEFAULT_WEBHOOK_PATH;
  const path = raw.trim();
  if (!/^\/[^\s?#]*$/.test(path)) {
    throw new EnvError(`WEBHOOK_PATH must be a URL path starting with "/" (got ${shown(raw)})`);
  }
  return path;
}

/**
 * GITHUB_API_URL is the REST API base URL, whole (GitHub Enterprise Cloud with data residency:
 * https://api.SUBDOMAIN.ghe.com). GHE_HOST (+ GHE_PROTOCOL) is Probot's shorthand for a GitHub
 * Enterprise Server: <protocol>://<host>/api/v3. Neither: github.com.
 */
function readBaseUrl(env: Env): string {
  const apiUrl = value(env, 'GITHUB_API_URL');
  const gheHost = value(env, 'GHE_HOST');
  const protocolRaw = value(env, 'GHE_PROTOCOL');
  if (apiUrl !== undefined && gheHost !== undefined) {
    throw new EnvError('both GITHUB_API_URL and GHE_HOST are set; set only one');
  }
  if (apiUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(apiUrl.trim());
    } catch {
      throw new EnvError(`GITHUB_API_URL must be an absolute URL (got ${shown(apiUrl)})`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new EnvError(`GITHUB_API_URL must be an http(s) URL (got ${shown(apiUrl)})`);
    }
    if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
      throw new EnvError('GITHUB_API_URL must be a plain base URL, without credentials, query or fragment');
    }
    return url.href.replace(/\/+$/, '');
  }
  const protocol = protocolRaw?.trim().toLowerCase() ?? 'https';
  if (protocol !== 'https' && protocol !== 'http') {
    throw new EnvError(`GHE_PROTOCOL must be https or http (got ${shown(protocolRaw ?? '')})`);
  }
  if (gheHost === undefined) return DEFAULT_API_URL;
  const host = gheHost.trim();
  if (!/^[A-Za-z0-9.-]+(:[0-9]{1,5})?$/.test(host)) {
    throw new EnvError(
      `GHE_HOST must be a host name such as github.example.com, without scheme or path (got ${shown(gheHost)})`,
    );
  }
  return `${protocol}://${host}/api/v3`;
}

function readLogLevel(env: Env): LogLevel {
  const raw = value(env, 'LOG_LEVEL');
  if (raw === undefined) return 'info';
  const level = raw.trim().toLowerCase();
  const known = LOG_LEVELS.find((l) => l === level);
  if (known === undefined) {
    throw new EnvError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got ${shown(raw)})`);
  }
  return known;
}

function readLogFormat(env: Env): LogFormat {
  const raw = value(env, 'LOG_FORMAT');
  if (raw === undefined) return env['NODE_ENV'] === 'production' ? 'json' : 'pretty';
  const format = raw.trim().toLowerCase();
  if (format !== 'json' && format !== 'pretty') {
    throw new EnvError(`LOG_FORMAT must be json or pretty (got ${shown(raw)})`);
  }
  return format;
}

/** REDIS_URL: a redis:// or rediss:// URL; its password (if any) is a secret like the others. */
function readRedisUrl(env: Env): string | undefined {
  const value = env['REDIS_URL']?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new EnvError('REDIS_URL is not a URL (expected redis://host:6379 or rediss://host:6380)');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new EnvError(`REDIS_URL must start with redis:// or rediss://, not ${url.protocol}//`);
  return value;
}
