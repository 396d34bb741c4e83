/**
 * The loopback fake GitHub (test/helpers/fake-github.ts) in a child process of its own, so its git
 * work does not stall the client's event loop (GitHub is another machine, after all). Controlled
 * over IPC: `{ type: 'stats' }` answers the requests recorded since `{ type: 'reset' }`, by kind,
 * and the CPU time the fake spent; `{ type: 'config', config }` sets the repository's
 * `.github/claimcheck.yml` (for the App's pushes); `reset` also forgets the check runs written.
 *
 * Two routes are added for the benchmark, answered from git as GitHub does:
 * - `GET /repos/:o/:r/contents/:path?ref=` for any file (the naive reader reads files this way);
 * - `GET /repos/:o/:r/compare/:base...:head`, listing at most `per_page` (≤ 300) files as GitHub
 *   does, from one `git diff`, where the test fake computes a patch for every changed file (minutes
 *   against an old commit of a 10,000-file repository).
 */
import { execFileSync } from 'node:child_process';
import { FakeGitHub } from '../test/helpers/fake-github.js';

type Route = [string, RegExp, (match: RegExpExecArray, body: unknown, url: URL) => unknown];

export interface FakeStats {
  graphql: number;
  restReads: number;
  /** The REST reads that are pages of a commit's file list (`GET /repos/:o/:r/commits/:sha`). */
  commitPages: number;
  writes: number;
  total: number;
  /**
   * Round trips in sequence: groups of requests whose time at the fake (arrival to response)
   * overlaps, so requests in flight together count once. `roundsBesideCommitPages` leaves the
   * commit file-list pages out.
   */
  rounds: number;
  roundsBesideCommitPages: number;
  /** CPU seconds the fake spent (its git processes excluded) since the last reset. */
  cpuSeconds: number;
  /** The check runs written since the last reset, in order. */
  checkRuns: Array<{ headSha: string; status: string; conclusion: string | null; title: string | null; annotations: number }>;
}

interface Timed {
  path: string;
  start: number;
  end: number;
}

const COMMIT_PAGE = /^\/repos\/[^/]+\/[^/]+\/commits\/[0-9a-f]+$/;

class BenchFakeGitHub extends FakeGitHub {
  /** Every request's time at the fake, for counting rounds. */
  readonly timings: Timed[] = [];

  override async start(): Promise<void> {
    await super.start();
    const server = (this as unknown as { server?: import('node:http').Server }).server;
    if (!server) throw new Error('FakeGitHub no longer keeps its `server`: update bench/fake-server.ts');
    server.prependListener('request', (req, res) => {
      const timed = { path: new URL(req.url ?? '/', 'http://127.0.0.1').pathname, start: performance.now(), end: Infinity };
      this.timings.push(timed);
      res.on('finish', () => {
        timed.end = performance.now();
        // CLAIMCHECK_BENCH_TRACE=1: every request on stderr, to see which ones make the rounds
        if (process.env.CLAIMCHECK_BENCH_TRACE) process.stderr.write(`fake ${req.method} ${req.url} ${timed.start.toFixed(0)}-${timed.end.toFixed(0)}\n`);
      });
    });
  }

  constructor(private readonly dir: string) {
    super(dir);
    const routes = (this as unknown as { routes?: Route[] }).routes;
    if (!Array.isArray(routes)) throw new Error('FakeGitHub no longer keeps a `routes` list: update bench/fake-server.ts');
    const r = `/repos/${this.owner}/${this.repo}`;
    routes.unshift(
      // the App's config file is the test fake's to answer (from `config`, not from git)
      ['GET', new RegExp(`^${r}/contents/(?!\\.github(?:%2F|/)claimcheck\\.yml)(.+)$`), (m, _b, url) => this.fileAt(decodeURIComponent(m[1]!), url.searchParams.get('ref') ?? 'HEAD')],
      ['GET', new RegExp(`^${r}/compare/([0-9a-f]+)\\.\\.\\.([0-9a-f]+)$`), (m, _b, url) => this.compareAtMost(m[1]!, m[2]!, Number(url.searchParams.get('per_page') ?? 300))],
    );
  }

  private run(args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
  }

  /** Throws (the fake answers 404) when the file is not there. */
  private fileAt(path: string, ref: string): unknown {
    const content = execFileSync('git', ['cat-file', 'blob', `${ref}:${path}`], { cwd: this.dir, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    return { type: 'file', encoding: 'base64', path, size: content.length, content: content.toString('base64') };
  }

  private compareAtMost(base: string, head: string, perPage: number): unknown {
    const isAncestor = (a: string, b: string): boolean => {
      try {
        execFileSync('git', ['merge-base', '--is-ancestor', a, b], { cwd: this.dir, stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    };
    const [b, h] = [this.run(['rev-parse', base]).trim(), this.run(['rev-parse', head]).trim()];
    const status = b === h ? 'identical' : isAncestor(b, h) ? 'ahead' : isAncestor(h, b) ? 'behind' : 'diverged';
    const names = this.run(['diff', '--name-only', '--no-renames', b, h]).split('\n').filter(Boolean);
    const listed = names.slice(0, Math.min(Math.max(perPage, 1), 300));
    const patches = listed.length ? splitPatches(this.run(['diff', '-U3', '--no-renames', b, h, '--', ...listed])) : new Map<string, string>();
    return { status, total_commits: 0, files: listed.map((filename) => ({ filename, patch: patches.get(filename) ?? '' })) };
  }
}

/** Groups of overlapping intervals: requests in flight together make one round trip. */
function rounds(timings: Timed[]): number {
  let count = 0;
  let end = -Infinity;
  for (const t of [...timings].sort((a, b) => a.start - b.start)) {
    if (t.start > end) count++;
    end = Math.max(end, t.end);
  }
  return count;
}

function splitPatches(diff: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of diff.split(/^diff --git /m).slice(1)) {
    const name = /^a\/.* b\/(.*)$/m.exec(part)?.[1];
    const at = part.indexOf('\n@@');
    if (name) out.set(name, at === -1 ? '' : part.slice(at + 1));
  }
  return out;
}

async function main(): Promise<void> {
  const [dir, latency] = process.argv.slice(2);
  if (!dir) throw new Error('usage: fake-server.ts REPO_DIR [LATENCY_MS]');
  const fake = new BenchFakeGitHub(dir);
  fake.latency = Number(latency ?? 100);
  await fake.start();
  let since = 0;
  let timedSince = 0;
  let cpuAt = process.cpuUsage();
  process.on('message', (message: { type: string; config?: string | null }) => {
    if (message.type === 'config') {
      fake.config = message.config ?? null;
      process.send!({ type: 'config' });
    } else if (message.type === 'reset') {
      fake.checkRuns.splice(0);
      since = fake.requests.length;
      timedSince = fake.timings.length;
      cpuAt = process.cpuUsage();
      process.send!({ type: 'reset' });
    } else if (message.type === 'stats') {
      const recorded = fake.requests.slice(since).filter((r) => !r.path.includes('access_tokens'));
      const timed = fake.timings.slice(timedSince).filter((t) => !t.path.includes('access_tokens'));
      const cpu = process.cpuUsage(cpuAt);
      const stats: FakeStats = {
        graphql: recorded.filter((r) => r.path === '/graphql').length,
        restReads: recorded.filter((r) => r.path !== '/graphql' && r.method === 'GET').length,
        commitPages: recorded.filter((r) => r.method === 'GET' && COMMIT_PAGE.test(r.path)).length,
        rounds: rounds(timed),
        roundsBesideCommitPages: rounds(timed.filter((t) => !COMMIT_PAGE.test(t.path))),
        writes: recorded.filter((r) => r.path !== '/graphql' && r.method !== 'GET').length,
        total: recorded.length,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        checkRuns: fake.checkRuns.map((run) => ({ headSha: run.head_sha, status: run.status, conclusion: run.conclusion ?? null, title: run.output?.title ?? null, annotations: run.annotations.length })),
      };
      process.send!({ type: 'stats', stats });
    } else if (message.type === 'stop') {
      void fake.stop().then(() => process.exit(0));
    }
  });
  process.send!({ type: 'ready', url: fake.url });
}

main().catch((error: Error) => {
  process.stderr.write(`fake-server: ${error.message}\n`);
  process.exit(2);
});
