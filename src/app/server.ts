// The App server (`npm start`, bin/claimcheck-app.js): validates the environment (./env.ts), then
// serves the Probot app. It builds the Probot instance itself and mounts it with
// createNodeMiddleware on a plain node:http server, because that is the one Probot 14 path that
// takes every validated option: run() always derives the API base URL from GHE_HOST (so a full
// GITHUB_API_URL, as GHE.com needs, cannot reach Octokit), and Server ignores LOG_LEVEL unless it
// is handed a pino logger of our own. GET /ping answers "PONG" as Probot's Server does.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { Probot, createNodeMiddleware, type ApplicationFunction } from 'probot';
import claimcheckApp from './index.js';
import { readServerEnv, refusalLine, type ServerConfig } from './env.js';

export interface RunningServer {
  probot: Probot;
  /** Where the server listens, e.g. http://127.0.0.1:3000 */
  url: string;
  close(): Promise<void>;
}

/** Starts the App on config.host:config.port (port 0 picks a free port: tests only). */
export async function startServer(
  config: ServerConfig,
  appFn: ApplicationFunction = claimcheckApp,
): Promise<RunningServer> {
  const probot = new Probot({
    appId: config.appId,
    privateKey: config.privateKey,
    secret: config.webhookSecret,
    baseUrl: config.baseUrl,
    webhookPath: config.webhookPath,
    logLevel: config.logLevel,
    logFormat: config.logFormat,
  });
  const middleware = await createNodeMiddleware(appFn, { probot, webhooksPath: config.webhookPath });
  const notFound = (res: ServerResponse) => () => {
    if (!res.headersSent) res.writeHead(404).end();
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/ping') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('PONG');
      return;
    }
    void middleware(req, res, notFound(res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  probot.log.info(`claimcheck-app listening on ${url}${config.webhookPath}, GitHub API ${config.baseUrl}`);
  const close = () =>
    new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return { probot, url, close };
}

/** .env in `cwd` fills in variables the environment does not set (the environment wins; empty values are skipped). */
function loadDotEnv(env: Record<string, string | undefined>, cwd: string): void {
  let text: string;
  try {
    text = readFileSync(join(cwd, '.env'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] === undefined && value) env[name] = value;
  }
}

/**
 * Returns an exit code when the server did not start (2: the environment is refused, 1: it failed
 * to start), or undefined once it listens; SIGTERM and SIGINT then stop it.
 */
export async function main(
  env: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): Promise<number | undefined> {
  try {
    loadDotEnv(env, cwd);
  } catch (error) {
    process.stderr.write(refusalLine(`.env cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`) + '\n');
    return 2;
  }
  const result = readServerEnv(env, { cwd });
  if (!result.ok) {
    process.stderr.write(refusalLine(result.message) + '\n');
    return 2;
  }
  let running: RunningServer;
  try {
    running = await startServer(result.config);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const reason = code === 'EADDRINUSE' ? `${result.config.host}:${result.config.port} is already in use` : message;
    process.stderr.write(`claimcheck-app: could not start: ${String(reason).split('\n')[0]}\n`);
    return 1;
  }
  const stop = (signal: NodeJS.Signals) => {
    running.probot.log.info(`${signal}: stopping`);
    // Webhook deliveries in flight finish first; GitHub waits 10 s for an answer, so do we
    setTimeout(() => process.exit(0), 10_000).unref();
    running.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return undefined;
}
