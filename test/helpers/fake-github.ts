/**
 * A loopback fake of the GitHub API (REST and GraphQL) that answers from a real git repository and
 * records what the app writes: check runs, comments, reactions and pull request reviews. It also
 * serves GitHub Actions workflow runs and artifact zips set by the test. It listens on 127.0.0.1 only. GraphQL
 * queries are executed against GitHub's real schema, so an invalid query fails here as it would
 * on GitHub.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { graphql } from 'graphql';
import { githubSchema } from './github.js';

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  /** When it arrived (ms since the epoch). */
  at?: number;
}

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string; text?: string };
  annotations: Array<Record<string, unknown>>;
  actions: unknown[];
}

export interface Comment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface Reaction {
  commentId: number;
  content: string;
}

export interface Review {
  id: number;
  commit_id: string;
  event: string;
  body: string;
  comments: Array<{ path: string; line: number; side: string; body: string }>;
}

/** A GitHub Actions workflow run of a commit. */
export interface WorkflowRun {
  id: number;
  name: string;
  head_sha: string;
  /** `queued`, `in_progress`, `completed`... */
  status: string;
  conclusion: string | null;
}

/** An artifact of a workflow run: the zip GitHub serves for it. */
export interface Artifact {
  id: number;
  name: string;
  zip: Uint8Array;
  expired?: boolean;
}

/** A pull request: its head and base commits (anything git names). */
export interface PullRequest {
  head: string;
  base: string;
}

interface HistoryArgs {
  first?: number;
  since?: string;
  until?: string;
}

type Handler = (match: RegExpExecArray, body: unknown, url: URL, req: IncomingMessage) => unknown;

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly checkRuns: CheckRun[] = [];
  readonly comments = new Map<number, Comment[]>();
  readonly reactions: Reaction[] = [];
  readonly reviews = new Map<number, Review[]>();
  /** Pull requests by number. */
  readonly pulls = new Map<number, PullRequest>();
  /** Each user's role on the repository (`role_name`); anyone else has none. */
  readonly roles = new Map<string, string>();
  /** The repository's workflow runs (Actions), any commit's. */
  readonly workflowRuns: WorkflowRun[] = [];
  /** Each workflow run's artifacts, by run id. */
  readonly artifacts = new Map<number, Artifact[]>();
  /** Serve an artifact's zip as GitHub does, by a 302 to a storage URL (here a loopback path); false: directly. */
  artifactRedirect = true;
  /** Extra latency per request, in milliseconds (benchmarks). */
  latency = 0;
  /**
   * Injected faults (soak tests): each request but the token's fails with this probability, with a
   * 500, 502 or 504 — decided by a seeded generator, so a run can be replayed.
   */
  faults = { rate: 0, seed: 1 };
  /** Requests answered with an injected fault. */
  readonly injected: RecordedRequest[] = [];
  /** Config file text served for `.github/claimcheck.yml`, or null for none. */
  config: string | null = null;
  /** The organisation's shared config (its `.github` repository), for `_extends: .github`. */
  orgConfig: string | null = null;
  readonly appSlug = 'claimcheck-test';
  private server: Server | undefined;
  private nextId = 1;
  private readonly routes: Array<[string, RegExp, Handler]>;

  constructor(
    private readonly repoDir: string,
    readonly owner = 'acme',
    readonly repo = 'widgets',
  ) {
    const r = `/repos/${owner}/${repo}`;
    this.routes = [
      ['POST', /^\/app\/installations\/\d+\/access_tokens$/, () => ({ token: 'ghs_fake', expires_at: new Date(Date.now() + 3600_000).toISOString() })],
      ['GET', /^\/app$/, () => ({ id: 1, slug: this.appSlug })],
      ['GET', new RegExp(`^${r}/contents/(.+)$`), (m, _b, _u, req) => this.contents(decodeURIComponent(m[1]!), String(req.headers.accept ?? ''), this.config)],
      ['GET', new RegExp(`^/repos/${owner}/\\.github/contents/(.+)$`), (m, _b, _u, req) => this.contents(decodeURIComponent(m[1]!), String(req.headers.accept ?? ''), this.orgConfig)],
      ['GET', new RegExp(`^${r}/git/trees/([0-9a-f]+)$`), (m) => this.tree(m[1]!)],
      ['GET', new RegExp(`^${r}/git/blobs/([0-9a-f]+)$`), (m) => ({ encoding: 'base64', content: this.gitBuffer(['cat-file', 'blob', m[1]!]).toString('base64') })],
      ['GET', new RegExp(`^${r}/commits/([0-9a-f]+)/check-runs$`), (m, _b, url) => this.listCheckRuns(m[1]!, url)],
      ['GET', new RegExp(`^${r}/commits/([0-9a-f]+)$`), (m, _b, url) => this.commit(m[1]!, url)],
      ['GET', new RegExp(`^${r}/compare/([0-9a-f]+)\\.\\.\\.([0-9a-f]+)$`), (m) => this.compare(m[1]!, m[2]!)],
      ['GET', new RegExp(`^${r}/branches/(.+)$`), (m) => this.branch(decodeURIComponent(m[1]!))],
      ['POST', new RegExp(`^${r}/check-runs$`), (_m, body) => this.createCheckRun(body as Partial<CheckRun>)],
      ['PATCH', new RegExp(`^${r}/check-runs/(\\d+)$`), (m, body) => this.updateCheckRun(Number(m[1]), body as Record<string, unknown>)],
      ['GET', new RegExp(`^${r}/issues/(\\d+)/comments$`), (m) => this.comments.get(Number(m[1])) ?? []],
      ['POST', new RegExp(`^${r}/issues/(\\d+)/comments$`), (m, body) => this.addComment(Number(m[1]), (body as { body: string }).body)],
      ['PATCH', new RegExp(`^${r}/issues/comments/(\\d+)$`), (m, body) => this.editComment(Number(m[1]), (body as { body: string }).body)],
      ['DELETE', new RegExp(`^${r}/issues/comments/(\\d+)$`), (m) => this.deleteComment(Number(m[1]))],
      ['POST', new RegExp(`^${r}/issues/comments/(\\d+)/reactions$`), (m, body) => this.react(Number(m[1]), (body as { content: string }).content)],
      ['GET', new RegExp(`^${r}/collaborators/([^/]+)/permission$`), (m) => this.permission(decodeURIComponent(m[1]!))],
      ['GET', new RegExp(`^${r}/pulls/(\\d+)$`), (m) => this.pull(Number(m[1]))],
      ['GET', new RegExp(`^${r}/pulls/(\\d+)/files$`), (m, _b, url) => this.pullFiles(Number(m[1]), url)],
      ['POST', new RegExp(`^${r}/pulls/(\\d+)/reviews$`), (m, body) => this.addReview(Number(m[1]), body as Omit<Review, 'id'>)],
      ['GET', new RegExp(`^${r}/actions/runs$`), (_m, _b, url) => this.listWorkflowRuns(url)],
      ['GET', new RegExp(`^${r}/actions/runs/(\\d+)/artifacts$`), (m) => this.listArtifacts(Number(m[1]))],
      ['GET', new RegExp(`^${r}/actions/artifacts/(\\d+)/zip$`), (m) => this.downloadArtifact(Number(m[1]))],
      ['GET', /^\/_storage\/artifacts\/(\d+)\.zip$/, (m) => this.artifactZip(Number(m[1]))],
      ['POST', /^\/graphql$/, (_m, body) => this.graphql(body as { query: string; variables: Record<string, unknown> })],
    ];
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests that wrote something (POST, PATCH, DELETE, GraphQL mutations excluded). */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql' && !r.path.includes('access_tokens'));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body: unknown = text ? JSON.parse(text) : undefined;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/^\/api\/v3/, '');
    this.requests.push({ method: req.method ?? 'GET', path, body, at: Date.now() });
    if (this.latency) await new Promise((r) => setTimeout(r, this.latency));
    if (this.faults.rate > 0 && !path.includes('access_tokens') && this.nextRandom() < this.faults.rate) {
      const status = [500, 502, 504][Math.floor(this.nextRandom() * 3)]!;
      this.injected.push({ method: req.method ?? 'GET', path, body });
      return send(res, status, { message: `injected fault ${status}` });
    }
    for (const [method, pattern, handler] of this.routes) {
      const match = method === req.method ? pattern.exec(path) : null;
      if (!match) continue;
      try {
        const answer = await handler(match, body, url, req);
        if (answer === NOT_FOUND) return send(res, 404, { message: 'Not Found' });
        if (answer === GONE) return send(res, 410, { message: 'Artifact has expired' });
        if (answer instanceof Redirect) {
          res.writeHead(302, { location: `${this.url}${answer.path}` });
          return void res.end();
        }
        if (answer instanceof Bytes) {
          res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(answer.bytes.byteLength) });
          return void res.end(answer.bytes);
        }
        if (answer instanceof Raw) {
          res.writeHead(200, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
          return void res.end(answer.text);
        }
        return send(res, req.method === 'POST' && path !== '/graphql' ? 201 : answer === NO_CONTENT ? 204 : 200, answer === NO_CONTENT ? undefined : answer);
      } catch (error) {
        return send(res, 404, { message: (error as Error).message.split('\n')[0] });
      }
    }
    send(res, 404, { message: `fake GitHub has no route for ${req.method} ${path}` });
  }

  /** mulberry32: small, fast and seeded. */
  private nextRandom(): number {
    let t = (this.faults.seed = (this.faults.seed + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  private git(args: string[]): string {
    return this.gitBuffer(args).toString('utf8');
  }

  private gitBuffer(args: string[]): Buffer {
    return execFileSync('git', args, { cwd: this.repoDir, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  }

  /** Probot's config plugin asks for the raw file; other clients get the JSON form. */
  private contents(path: string, accept: string, text: string | null): unknown {
    if (path !== '.github/claimcheck.yml' || text === null) return NOT_FOUND;
    if (accept.includes('raw')) return new Raw(text);
    return { type: 'file', encoding: 'base64', path, content: Buffer.from(text).toString('base64') };
  }

  private tree(sha: string): unknown {
    const out = this.git(['ls-tree', '-r', '-t', '-z', '--full-tree', sha]);
    const tree = out
      .split('\0')
      .filter((record) => record.includes('\t'))
      .map((record) => {
        const [meta, path] = record.split('\t') as [string, string];
        const [mode, type, oid] = meta.split(' ') as [string, string, string];
        return { path, mode, type, sha: oid };
      });
    return { sha, truncated: false, tree };
  }

  private commit(sha: string, url: URL): unknown {
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const out = this.git(['show', '--no-renames', '--numstat', '--format=', '--diff-merges=first-parent', sha]);
    const files = out
      .split('\n')
      .filter((l) => l.includes('\t'))
      .map((l) => {
        const [added, removed, filename] = l.split('\t') as [string, string, string];
        return { filename, additions: added === '-' ? 0 : Number(added), deletions: removed === '-' ? 0 : Number(removed) };
      });
    return { sha: this.git(['rev-parse', sha]).trim(), files: files.slice((page - 1) * perPage, page * perPage) };
  }

  private compare(base: string, head: string): unknown {
    if (this.git(['rev-parse', base]).trim() === this.git(['rev-parse', head]).trim()) return { status: 'identical', files: [] };
    const names = this.git(['diff', '--name-only', '--no-renames', base, head]).split('\n').filter((n) => n.length > 0);
    const patchOf = (filename: string): string => {
      const diff = this.git(['diff', '-U3', '--no-renames', base, head, '--', filename]);
      const at = diff.indexOf('\n@@');
      return at === -1 ? '' : diff.slice(at + 1);
    };
    const files = names.map((filename) => ({ filename, patch: patchOf(filename) }));
    return { ...(this.ancestry(base, head) as object), files };
  }

  private ancestry(base: string, head: string): unknown {
    const isAncestor = (a: string, b: string): boolean => {
      try {
        execFileSync('git', ['merge-base', '--is-ancestor', a, b], { cwd: this.repoDir, stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    };
    if (isAncestor(base, head)) return { status: 'ahead' };
    if (isAncestor(head, base)) return { status: 'behind' };
    return { status: 'diverged' };
  }

  /** `Commit.history(first:, since:, until:)`: the commit's ancestors, newest first, by committer date as git filters. */
  private history(oid: string, { first, since, until }: HistoryArgs): unknown {
    const args = ['rev-list', `--max-count=${first ?? 100}`, ...(since ? [`--since=${since}`] : []), ...(until ? [`--until=${until}`] : []), oid];
    return { nodes: this.git(args).split('\n').filter((line) => line.length > 0).map((sha) => ({ oid: sha })) };
  }

  /** `Commit.blame(path:)`: one range per line, from `git blame --porcelain`. */
  private blame(sha: string, path: string): unknown {
    const out = this.git(['blame', '--porcelain', sha, '--', path]);
    const ranges = [...out.matchAll(/^([0-9a-f]{40}) \d+ (\d+)/gm)].map((m) => ({ startingLine: Number(m[2]), endingLine: Number(m[2]), commit: { oid: m[1] } }));
    return { ranges };
  }

  private branch(name: string): unknown {
    return { name, commit: { sha: this.git(['rev-parse', `refs/heads/${name}`]).trim() } };
  }

  private listCheckRuns(sha: string, url: URL): unknown {
    const name = url.searchParams.get('check_name');
    const runs = this.checkRuns.filter((c) => c.head_sha === sha && (!name || c.name === name)).reverse();
    return { total_count: runs.length, check_runs: runs };
  }

  private createCheckRun(body: Partial<CheckRun> & { output?: { annotations?: Array<Record<string, unknown>> } }): CheckRun {
    const run: CheckRun = {
      id: this.nextId++,
      name: body.name ?? '',
      head_sha: body.head_sha ?? '',
      status: body.status ?? 'queued',
      conclusion: body.conclusion ?? null,
      output: {},
      annotations: [],
      actions: [],
    };
    this.checkRuns.push(run);
    return this.updateCheckRun(run.id, body as Record<string, unknown>);
  }

  private updateCheckRun(id: number, body: Record<string, unknown>): CheckRun {
    const run = this.checkRuns.find((c) => c.id === id);
    if (!run) throw new Error('no such check run');
    const { output, ...rest } = body as { output?: { annotations?: Array<Record<string, unknown>>; title?: string; summary?: string; text?: string } };
    Object.assign(run, Object.fromEntries(Object.entries(rest).filter(([k]) => ['status', 'conclusion', 'actions'].includes(k))));
    if (output) {
      const { annotations, ...text } = output;
      run.output = { ...run.output, ...text };
      if (annotations) run.annotations.push(...annotations);
    }
    return run;
  }

  /** `GET /actions/runs?head_sha=`: the newest first, as GitHub lists them. */
  private listWorkflowRuns(url: URL): unknown {
    const sha = url.searchParams.get('head_sha');
    const runs = this.workflowRuns.filter((run) => !sha || run.head_sha === sha).reverse();
    return { total_count: runs.length, workflow_runs: runs };
  }

  private listArtifacts(runId: number): unknown {
    const artifacts = (this.artifacts.get(runId) ?? []).map((a) => ({
      id: a.id,
      name: a.name,
      size_in_bytes: a.zip.byteLength,
      expired: a.expired ?? false,
      archive_download_url: `${this.url}/repos/${this.owner}/${this.repo}/actions/artifacts/${a.id}/zip`,
    }));
    return { total_count: artifacts.length, artifacts };
  }

  private artifact(id: number): Artifact | undefined {
    return [...this.artifacts.values()].flat().find((a) => a.id === id);
  }

  private downloadArtifact(id: number): unknown {
    const artifact = this.artifact(id);
    if (!artifact || artifact.expired) return artifact ? GONE : NOT_FOUND;
    return this.artifactRedirect ? new Redirect(`/_storage/artifacts/${id}.zip`) : new Bytes(artifact.zip);
  }

  private artifactZip(id: number): unknown {
    const artifact = this.artifact(id);
    return artifact ? new Bytes(artifact.zip) : NOT_FOUND;
  }

  private addComment(issue: number, body: string): Comment {
    const comment = { id: this.nextId++, body, user: { login: `${this.appSlug}[bot]`, type: 'Bot' } };
    this.comments.set(issue, [...(this.comments.get(issue) ?? []), comment]);
    return comment;
  }

  private editComment(id: number, body: string): Comment {
    const comment = [...this.comments.values()].flat().find((c) => c.id === id);
    if (!comment) throw new Error('no such comment');
    comment.body = body;
    return comment;
  }

  private deleteComment(id: number): unknown {
    for (const [issue, list] of this.comments) this.comments.set(issue, list.filter((c) => c.id !== id));
    return NO_CONTENT;
  }

  private react(commentId: number, content: string): unknown {
    this.reactions.push({ commentId, content });
    return { id: this.nextId++, content };
  }

  /** `permission` is the legacy level GitHub still reports next to `role_name`. */
  private permission(login: string): unknown {
    const role = this.roles.get(login) ?? 'none';
    const legacy: Record<string, string> = { maintain: 'write', triage: 'read' };
    return { permission: legacy[role] ?? role, role_name: role, user: { login } };
  }

  private pull(number: number): unknown {
    const pull = this.pulls.get(number);
    if (!pull) return NOT_FOUND;
    const sha = (rev: string): string => this.git(['rev-parse', rev]).trim();
    return { number, state: 'open', head: { sha: sha(pull.head), ref: 'feature' }, base: { sha: sha(pull.base), ref: 'main' } };
  }

  /** The files a pull request changes, with their patches (base...head), a page at a time. */
  private pullFiles(number: number, url: URL): unknown {
    const pull = this.pulls.get(number);
    if (!pull) return NOT_FOUND;
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const { files } = this.compare(pull.base, pull.head) as { files: Array<{ filename: string; patch: string }> };
    return files.map((f) => ({ ...f, status: 'modified' })).slice((page - 1) * perPage, page * perPage);
  }

  private addReview(number: number, body: Omit<Review, 'id'>): Review {
    const review = { id: this.nextId++, commit_id: body.commit_id, event: body.event, body: body.body, comments: body.comments ?? [] };
    this.reviews.set(number, [...(this.reviews.get(number) ?? []), review]);
    return review;
  }

  /** GraphQL over GitHub's real schema: `repository { object(expression:) }` answered by git. */
  private async graphql(body: { query: string; variables: Record<string, unknown> }): Promise<unknown> {
    const rootValue = { repository: () => ({ object: ({ expression }: { expression: string }) => this.object(expression) }) };
    return graphql({ schema: githubSchema(), source: body.query, variableValues: body.variables, rootValue });
  }

  private object(expression: string): unknown {
    let oid: string;
    let type: string;
    try {
      oid = this.git(['rev-parse', '--verify', '--quiet', expression]).trim();
      type = this.git(['cat-file', '-t', oid]).trim();
    } catch {
      return null;
    }
    if (type === 'commit') {
      const [committedDate, authoredDate] = this.git(['show', '-s', '--format=%cI%n%aI', oid]).trim().split('\n');
      return { __typename: 'Commit', oid, committedDate, authoredDate, blame: ({ path }: { path: string }) => this.blame(oid, path), history: (args: HistoryArgs) => this.history(oid, args) };
    }
    if (type !== 'blob') return { __typename: 'Tree', oid };
    const content = this.gitBuffer(['cat-file', 'blob', oid]);
    const isBinary = content.subarray(0, 8000).includes(0);
    return { __typename: 'Blob', oid, byteSize: content.length, isBinary, isTruncated: false, text: isBinary ? null : content.toString('utf8') };
  }
}

const NOT_FOUND = Symbol('not found');
const GONE = Symbol('gone');

class Redirect {
  constructor(readonly path: string) {}
}

class Bytes {
  constructor(readonly bytes: Uint8Array) {}
}

class Raw {
  constructor(readonly text: string) {}
}
const NO_CONTENT = Symbol('no content');

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body === undefined ? '' : JSON.stringify(body));
}
