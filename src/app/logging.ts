/**
 * The App's logger: pino, one JSON object a line (or Probot's pretty format for a terminal).
 * Every line written while a webhook delivery is handled carries `delivery` (X-GitHub-Delivery)
 * and, once its signature is verified, `repository` and `installation`, through an async context
 * that follows the delivery into Probot's and Octokit's own log lines. Secrets never reach the
 * output: pino's `redact` blanks the fields known to hold them, and every line is then scrubbed of
 * the webhook secret, the private key and anything shaped like a GitHub token or a JWT.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createPrivateKey } from 'node:crypto';
import { getTransformStream } from '@probot/pino';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogFormat, LogLevel } from './env.js';

/** What the log lines of one delivery carry; `repository` and `installation` once it is verified. */
export interface DeliveryScope {
  delivery: string;
  repository?: string;
  installation?: number;
  /** Set once a handler of the app took the delivery (the server counts the others as ignored). */
  handled?: boolean;
}

const scopes = new AsyncLocalStorage<DeliveryScope>();

/** The delivery being handled in this async context, if any. */
export function currentDelivery(): DeliveryScope | undefined {
  return scopes.getStore();
}

/** Runs `fn` as part of the delivery `scope` (its log lines carry the scope's fields). */
export function inDelivery<T>(scope: DeliveryScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/** Runs `fn` outside any delivery (its log lines carry none). */
export function outsideDelivery<T>(fn: () => T): T {
  return scopes.exit(fn);
}

/** The fields every line of `scope` carries (the delivery id cut short: it comes from the request). */
export function deliveryFields(scope: DeliveryScope): Record<string, string | number> {
  return {
    delivery: scope.delivery.slice(0, 100),
    ...(scope.repository === undefined ? {} : { repository: scope.repository }),
    ...(scope.installation === undefined ? {} : { installation: scope.installation }),
  };
}

export const REDACTED = '[Redacted]';

/** Fields that hold secrets wherever they appear (top level, or up to three objects down). */
const SECRET_KEYS = ['privateKey', 'private_key', 'secret', 'webhookSecret', 'token', 'jwt', 'password', 'authorization', 'cookie'];
/**
 * Webhook payloads: left out. @octokit/webhooks attaches the event, payload included, to the error
 * of a refused or failed delivery (nested in AggregateErrors), and Probot logs it at debug level on
 * receipt; a forged 25 MB delivery must not become 50 MB of log. GitHub keeps every delivery's
 * payload, found by its delivery id.
 */
function leftOut(payload: unknown): string {
  return typeof payload === 'string' ? `[payload left out: ${payload.length} characters]` : '[payload left out]';
}

/** pino's error serializer, with every `payload` inside the error left out. */
function serializeError(error: unknown): unknown {
  const ancestors = new Set<object>();
  const strip = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (ancestors.has(value) || ancestors.size > 8) return '[cut]';
    ancestors.add(value);
    const stripped = Array.isArray(value)
      ? value.map(strip)
      : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'payload' ? leftOut(v) : strip(v)]));
    ancestors.delete(value);
    return stripped;
  };
  return strip(pino.stdSerializers.err(error as Error));
}

export const REDACT_PATHS = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]),
  'headers["x-hub-signature-256"]',
  '*.headers["x-hub-signature-256"]',
  '*.*.headers["x-hub-signature-256"]',
  'event.payload',
];

/** What stands in a redacted field: the marker, or for a payload its size only. */
function censor(value: unknown, path: string[]): string {
  return path.at(-1) === 'payload' ? leftOut(value) : REDACTED;
}

/**
 * Tokens GitHub issues (ghs_ installation, ghu_/gho_/ghp_/ghr_, github_pat_), GHES `v1.` tokens
 * and JWTs. Written so that a line costs time in proportion to its length, whatever it holds (log
 * lines carry text from plans and comments): a JWT is a whole run of token characters, tested
 * anchored; the GitHub shapes end where their characters end, with nothing to backtrack over.
 */
const TOKEN_RUN = /[A-Za-z0-9_.-]+/g;
const JWT = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.?$/;
const GITHUB_TOKEN = /\b(?:gh[opsur]_|github_pat_)[A-Za-z0-9_]+|\bv1\.[0-9a-f]{40}(?![0-9a-f])/g;

function scrubTokens(line: string): string {
  return line.replace(TOKEN_RUN, (run) => (JWT.test(run) ? REDACTED : run.replace(GITHUB_TOKEN, REDACTED)));
}

/**
 * The strings a line must never hold: the webhook secret, and the private key's base64 lines in
 * both encodings it may have been given in (PKCS#1 as GitHub generates it, PKCS#8 as it is used).
 */
export function secretsOf(config: { webhookSecret: string; privateKey: string; redisUrl?: string }): string[] {
  const key = createPrivateKey(config.privateKey);
  const bodies = [key.export({ type: 'pkcs1', format: 'pem' }), key.export({ type: 'pkcs8', format: 'pem' })].map(String);
  const keyLines = bodies.flatMap((pem) => pem.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----')));
  return [config.webhookSecret, ...keyLines, ...redisPassword(config.redisUrl)];
}

/** The password in REDIS_URL (as written and decoded), never to be logged. */
function redisPassword(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const { password } = new URL(url);
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}

/** Replaces every secret and token in `line`. */
export function scrubber(secrets: string[]): (line: string) => string {
  const literal = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  const escaped = literal.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // a secret with JSON-escaped characters (quotes, backslashes) is written escaped: match that form too
  const jsonForms = literal.map((s) => JSON.stringify(s).slice(1, -1)).filter((s, i) => s !== literal[i]);
  const all = [...escaped, ...jsonForms.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))];
  const secretPattern = all.length > 0 ? new RegExp(all.join('|'), 'g') : null;
  return (line) => {
    const scrubbed = secretPattern ? line.replace(secretPattern, REDACTED) : line;
    return scrubTokens(scrubbed);
  };
}

export interface LoggerOptions {
  level: LogLevel | 'silent';
  format: LogFormat;
  /** Strings never to write (secretsOf). */
  secrets: string[];
}

const DELIVERY_MIXIN = Symbol('claimcheck.deliveryMixin');

/**
 * Whether `logger` (or the logger it is a child of) adds the delivery's fields to its lines by
 * itself: createLogger's do. Another logger (Probot's own, a test's) needs a child binding them.
 */
export function addsDeliveryFields(logger: object): boolean {
  return (logger as { [DELIVERY_MIXIN]?: boolean })[DELIVERY_MIXIN] === true;
}

/**
 * The logger: JSON lines (or pretty ones) written to `destination` (stdout by default) after the
 * scrubber. A line written inside a delivery's async context gets the delivery's fields (a field
 * the line sets itself wins: one key each), unless its logger binds `delivery` already.
 */
export async function createLogger(options: LoggerOptions, destination: DestinationStream = pino.destination({ dest: 1, sync: true })): Promise<Logger> {
  const scrub = scrubber(options.secrets);
  let write: (line: string) => void = (line) => destination.write(line);
  if (options.format === 'pretty') {
    const pretty = await getTransformStream({ logFormat: 'pretty' });
    pretty.on('data', (chunk: Buffer | string) => destination.write(chunk.toString()));
    write = (line) => void pretty.write(line);
  }
  const stream: DestinationStream = { write: (line) => write(scrub(line)) };
  const logger = pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor },
      serializers: { err: serializeError },
      mixin(_object, _level, logger) {
        const scope = scopes.getStore();
        if (scope === undefined || 'delivery' in logger.bindings()) return {};
        return deliveryFields(scope);
      },
    },
    stream,
  );
  // children are made with Object.create(parent): they inherit the mark
  return Object.assign(logger, { [DELIVERY_MIXIN]: true });
}
