/**
 * RepoReader over the GitHub API. Round trips are what cost on GitHub (the throttle spaces every
 * GraphQL call about a second apart per installation), so facts are batched: every GraphQL field
 * asked for in one turn of the event loop goes out in one aliased query (graphql-batch.ts); REST
 * only where GraphQL has no field (a commit's changed files, the recursive tree, blobs too large
 * for GraphQL) or as the last word on ancestry. Drift hunks are diffed in memory from texts read
 * anyway, not fetched as compares. Facts keyed by oid or sha are cached across deliveries.
 */
import pLimit from 'p-limit';
import { blobFacts } from './git.js';
import { sharedReaderCaches, type ReaderCaches } from './github-caches.js';
import type { GitHubClient, GitHubRepository } from './github-client.js';
import { GraphQLBatcher, type FieldAnswer } from './graphql-batch.js';
import { hunksBetween } from './hunks.js';
import { blobKey, RefError, type BlobFacts, type CommitFacts, type ContentNeeds, type FileChange, type FileHistory, type History, type Needs, type RepoReader, type Snapshot, type Tree } from './types.js';

export type { GitHubClient, GitHubRepository } from './github-client.js';
export { MAX_ALIASES } from './graphql-batch.js';

/** GitHub caps a commit's file list at 3,000: past that the list is not the whole change. */
const MAX_COMMIT_FILES = 3000;
const FILES_PER_PAGE = 300;
/** Commits of the ref's history read with the commit lookup: most cited commits are recent. */
const RECENT_HISTORY = 100;
/**
 * Probot's throttle lets 10 requests per installation into flight and queues the rest first come,
 * first served, GraphQL included. Bulk REST reads (commit file pages, tree listings) are held to 6
 * so that the lookup and the ancestry queries never wait in the queue behind them.
 */
const BULK_REST_IN_FLIGHT = 6;
/** A truncated tree is listed folder by folder at most this many levels down, in at most this many listings. */
const MAX_TREE_SPLIT_DEPTH = 3;
const MAX_TREE_LISTINGS = 200;

interface BlobNode {
  oid: string;
  byteSize: number;
  isBinary: boolean | null;
  isTruncated: boolean;
  text: string | null;
}

interface ObjectNode {
  __typename: string;
  oid: string;
  committedDate?: string;
  authoredDate?: string;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

const BLOB_FIELDS = 'object(expression: $e) { ... on Blob { oid byteSize isBinary isTruncated text } }';
const HISTORY_OIDS = 'history(first: $n) { nodes { oid } }';

export class GitHubRepoReader implements RepoReader {
  /** Full shas of the commit ids the plans wrote, once looked up (contents are read by full sha). */
  private readonly fullSha = new Map<string, string>();
  private readonly inFlightTrees = new Map<string, Promise<Tree | { error: string }>>();
  private readonly bulk = pLimit(BULK_REST_IN_FLIGHT);
  readonly batcher: GraphQLBatcher;

  constructor(
    private readonly client: GitHubClient,
    private readonly repository: GitHubRepository,
    private readonly caches: ReaderCaches = sharedReaderCaches,
  ) {
    this.batcher = new GraphQLBatcher(client, repository);
  }

  async resolveRef(revision: string): Promise<string> {
    if (/^[0-9a-f]{40}$/.test(revision)) return revision;
    const [found] = await this.lookUpObjects([revision]);
    if (!found?.node?.oid) throw new RefError(`unknown revision '${revision}' in ${this.name}`);
    return found.node.oid;
  }

  /**
   * One round: the commit lookup and the ref's recent history (one GraphQL query), with each
   * commit's changed files (REST, by the id as written), the ref's tree and the trees of commits
   * pinned by full sha in flight alongside.
   */
  async readHistory(needs: Needs): Promise<History> {
    const ids = [...new Set([...needs.commits, ...needs.trees].filter((id) => id !== needs.ref))];
    const refTree = needs.trees.has(needs.ref) ? this.listTree(needs.ref) : undefined;
    // permalinks pin full shas: their trees are asked for alongside the lookup, not a round after it
    const pinnedTrees = new Map([...needs.trees].filter((id) => id !== needs.ref && /^[0-9a-f]{40}$/.test(id)).map((id) => [id, settle(this.listTree(id))]));
    const changes = new Map([...needs.commits].filter((id) => id !== needs.ref).map((id) => [id, settle(this.changesOf(id))]));
    const [objects, recent] = await Promise.all([this.lookUpObjects(ids), ids.length ? this.recentHistory(needs.ref) : new Set<string>()]);
    const found = new Map<string, ObjectNode>();
    const commits = new Map<string, CommitFacts>();
    ids.forEach((id, i) => {
      const object = objects[i];
      if (object?.error) commits.set(id, { state: 'unavailable', reason: object.error });
      else if (!object?.node?.oid || object.node.__typename !== 'Commit') commits.set(id, { state: 'missing' });
      else {
        this.fullSha.set(id, object.node.oid);
        found.set(id, object.node);
      }
    });
    const reachable = await this.ancestry([...found.values()], needs.ref, recent);
    await Promise.all(
      [...found].map(async ([id, node]) => {
        const ancestor = reachable.get(node.oid);
        if (!ancestor?.ok) {
          const why = ancestor ? (ancestor.error instanceof Error ? ancestor.error.message : String(ancestor.error)) : 'no answer';
          commits.set(id, { state: 'unavailable', reason: `whether ${node.oid.slice(0, 7)} is in the history of the ref could not be read: ${why.split('\n')[0]}` });
          return;
        }
        commits.set(id, { state: 'found', sha: node.oid, reachable: ancestor.value, changes: needs.commits.has(id) ? await this.changesFor(id, node.oid, changes.get(id)) : null });
      }),
    );
    const trees = new Map<string, Tree | { error: string }>();
    await Promise.all(
      [...needs.trees].map(async (id) => {
        if (id === needs.ref) return trees.set(id, await refTree!);
        // a pinned commit's files are listed whatever its ancestry: the pin names the snapshot
        const sha = found.get(id)?.oid;
        if (!sha) return trees.set(id, { error: `commit ${id} not found` });
        const early = sha === id ? await pinnedTrees.get(id) : undefined;
        trees.set(id, early?.ok ? early.value : await this.listTree(sha));
      }),
    );
    return { ref: needs.ref, trees, commits, repositories: [this.name.toLowerCase()], shallow: false };
  }

  async readContents(wanted: ContentNeeds, trees: History['trees']): Promise<Snapshot['blobs']> {
    const blobs: Snapshot['blobs'] = new Map();
    const byOid = new Map<string, { expression: string; keys: string[] }>();
    for (const [commit, paths] of wanted) {
      const tree = trees.get(commit);
      if (!tree || 'error' in tree) continue;
      const sha = this.fullSha.get(commit) ?? commit;
      for (const path of paths) {
        const entry = tree.entries.get(path);
        if (!entry || !entry.mode.startsWith('100')) continue;
        const key = blobKey(commit, path);
        const cached = this.caches.blobs.get(entry.oid);
        if (cached) blobs.set(key, cached);
        else if (byOid.has(entry.oid)) byOid.get(entry.oid)!.keys.push(key);
        else byOid.set(entry.oid, { expression: `${sha}:${path}`, keys: [key] });
      }
    }
    await Promise.all(
      [...byOid].map(async ([oid, { expression, keys }]) => {
        const facts = await this.readBlob(oid, expression);
        for (const key of keys) blobs.set(key, facts);
      }),
    );
    return blobs;
  }

  /** `Commit.blame(path:)` at the ref: one field of the next batched query per plan. */
  async blameLines(planPath: string, lines: number[], ref: string): Promise<Map<number, string | null>> {
    const origins = new Map<number, string | null>();
    const answer = await this.batcher.field('object(expression: $ref) { ... on Commit { blame(path: $path) { ranges { startingLine endingLine commit { oid } } } } }', {
      ref: { type: 'String!', value: ref },
      path: { type: 'String!', value: planPath },
    });
    if (answer.error !== undefined) throw new Error(answer.error);
    const ranges = (answer.value as { blame?: { ranges: Array<{ startingLine: number; endingLine: number; commit: { oid: string } }> } } | null)?.blame?.ranges ?? [];
    for (const line of lines) {
      const range = ranges.find((r) => line >= r.startingLine && line <= r.endingLine);
      if (range) origins.set(line, range.commit.oid);
    }
    return origins;
  }

  /**
   * The paths as they were at `from` and their hunks up to `to`, diffed in memory: the texts at
   * `to` are the ones the checks read (cached by oid), those at `from` one batched field each.
   */
  async readFileHistories(from: string, to: string, paths: string[]): Promise<Map<string, FileHistory>> {
    const histories = new Map<string, FileHistory>();
    if (paths.length === 0) return histories;
    const toTree = await this.listTree(to);
    await Promise.all(
      paths.map(async (path) => {
        const [before, after] = await Promise.all([this.textAt(from, path), this.textAt(to, path, toTree)]);
        const hunks = before !== null && after !== null ? hunksBetween(before, after) : null;
        // a file absent at either end, binary or too changed to diff has no usable history
        histories.set(path, hunks === null ? { oldText: null, hunks: [] } : { oldText: before, hunks });
      }),
    );
    return histories;
  }

  private get name(): string {
    return `${this.repository.owner}/${this.repository.repo}`;
  }

  private cacheKey(sha: string): string {
    return `${this.name}@${sha}`;
  }

  /** Commit ids (short or full) → their object, one batched field each. */
  private async lookUpObjects(expressions: string[]): Promise<Array<{ node?: ObjectNode; error?: string }>> {
    const answers = await Promise.all(
      expressions.map((expression) =>
        this.batcher.field('object(expression: $e) { __typename oid ... on Commit { committedDate authoredDate } }', { e: { type: 'String!', value: expression } }),
      ),
    );
    return answers.map((answer) => {
      if (answer.error !== undefined) return /could not resolve/i.test(answer.error) ? {} : { error: answer.error };
      return answer.value ? { node: answer.value as ObjectNode } : {};
    });
  }

  /** The newest commits of the ref's history, asked for in the same query as the lookup. */
  private async recentHistory(ref: string): Promise<Set<string>> {
    const answer = await this.batcher.field(`object(expression: $ref) { ... on Commit { ${HISTORY_OIDS} } }`, { ref: { type: 'String!', value: ref }, n: { type: 'Int', value: RECENT_HISTORY } });
    return new Set(historyOids(answer));
  }

  /**
   * Which commits are in the ref's history. Positive evidence only from GitHub's own history of
   * the ref: the recent commits, then the ref's commits in each one's date window (one batched
   * query for all); a commit found in neither is settled by a REST compare, never assumed.
   */
  private async ancestry(nodes: ObjectNode[], ref: string, recent: Set<string>): Promise<Map<string, Settled<boolean>>> {
    const result = new Map<string, Settled<boolean>>();
    const open: ObjectNode[] = [];
    for (const node of nodes) {
      const cached = this.caches.ancestry.get(this.cacheKey(`${node.oid}..${ref}`));
      if (node.oid === ref || recent.has(node.oid) || cached === true) result.set(node.oid, { ok: true, value: true });
      else if (cached === false) result.set(node.oid, { ok: true, value: false });
      else open.push(node);
    }
    await Promise.all(
      open.map(async (node) => {
        const settled = await settle(this.inWindow(node, ref).then((seen) => seen || this.isAncestorByCompare(node.oid, ref)));
        if (settled.ok) this.caches.ancestry.set(this.cacheKey(`${node.oid}..${ref}`), settled.value);
        result.set(node.oid, settled);
      }),
    );
    return result;
  }

  private async inWindow(node: ObjectNode, ref: string): Promise<boolean> {
    const dates = [node.committedDate, node.authoredDate].filter((d): d is string => typeof d === 'string').sort();
    if (dates.length === 0) return false;
    const answer = await this.batcher.field(`object(expression: $ref) { ... on Commit { history(first: $n, since: $since, until: $until) { nodes { oid } } } }`, {
      ref: { type: 'String!', value: ref },
      n: { type: 'Int', value: RECENT_HISTORY },
      since: { type: 'GitTimestamp', value: dates[0] },
      until: { type: 'GitTimestamp', value: dates.at(-1) },
    });
    return historyOids(answer).includes(node.oid);
  }

  /** `sha` is in the history of `ref` when comparing them finds `ref` ahead of it, or the same. */
  private async isAncestorByCompare(sha: string, ref: string): Promise<boolean> {
    const { data } = await this.client.rest.repos.compareCommitsWithBasehead({ owner: this.repository.owner, repo: this.repository.repo, basehead: `${sha}...${ref}`, per_page: 1 });
    return data.status === 'ahead' || data.status === 'identical';
  }

  /** The changes read by the id as written, unless that named another commit (then by sha). */
  private async changesFor(id: string, sha: string, early: Promise<Settled<{ sha: string; changes: FileChange[] | null }>> | undefined): Promise<FileChange[] | null> {
    const cached = this.caches.changes.get(this.cacheKey(sha));
    if (cached !== undefined) return cached;
    const settled = await early;
    const read = settled?.ok && settled.value.sha === sha ? settled.value : await this.changesOf(sha);
    this.caches.changes.set(this.cacheKey(sha), read.changes);
    return read.changes;
  }

  /** Files the commit changed, from REST get-a-commit; null when GitHub lists no more than 3,000. */
  private async changesOf(ref: string): Promise<{ sha: string; changes: FileChange[] | null }> {
    if (/^[0-9a-f]{40}$/.test(ref)) {
      const cached = this.caches.changes.get(this.cacheKey(ref));
      if (cached !== undefined) return { sha: ref, changes: cached };
    }
    const changes: FileChange[] = [];
    let sha = ref;
    for (let page = 1; changes.length < MAX_COMMIT_FILES; page++) {
      const { data } = await this.bulk(() => this.client.rest.repos.getCommit({ owner: this.repository.owner, repo: this.repository.repo, ref, per_page: FILES_PER_PAGE, page }));
      sha = data.sha || sha;
      const files = data.files ?? [];
      for (const file of files) {
        changes.push({ path: file.filename, added: file.additions, removed: file.deletions });
        if (file.previous_filename) changes.push({ path: file.previous_filename, added: 0, removed: 0 });
      }
      if (files.length < FILES_PER_PAGE) return { sha, changes };
    }
    return { sha, changes: null };
  }

  private async readBlob(oid: string, expression: string): Promise<BlobFacts | { error: string }> {
    const cached = this.caches.blobs.get(oid);
    if (cached) return cached;
    const answer = await this.batcher.field(BLOB_FIELDS, { e: { type: 'String!', value: expression } });
    const facts = answer.error !== undefined ? { error: answer.error } : await this.blobFactsOf(oid, answer.value as BlobNode | null);
    if (!('error' in facts)) this.caches.blobs.set(oid, facts);
    return facts;
  }

  /** A text file's content at a commit; null when absent, binary or unreadable. */
  private async textAt(commit: string, path: string, tree?: Tree | { error: string }): Promise<string | null> {
    const entry = tree && !('error' in tree) ? tree.entries.get(path) : undefined;
    if (tree && !entry) return null;
    const facts = entry ? await this.readBlob(entry.oid, `${commit}:${path}`) : await this.readUnlisted(commit, path);
    return facts && !('error' in facts) && !facts.binary && facts.text !== undefined ? facts.text : null;
  }

  /** A file at a commit whose tree was not listed: one batched field, cached by the oid it answers with. */
  private async readUnlisted(commit: string, path: string): Promise<BlobFacts | { error: string } | null> {
    const answer = await this.batcher.field(BLOB_FIELDS, { e: { type: 'String!', value: `${commit}:${path}` } });
    const node = answer.value as BlobNode | null;
    if (answer.error !== undefined || !node?.oid) return null;
    const facts = this.caches.blobs.get(node.oid) ?? (await this.blobFactsOf(node.oid, node));
    if (!('error' in facts)) this.caches.blobs.set(node.oid, facts);
    return facts;
  }

  private async blobFactsOf(oid: string, node: BlobNode | null): Promise<BlobFacts | { error: string }> {
    if (!node) return { error: `object ${oid} not found` };
    if (node.isBinary) return { size: node.byteSize, binary: true, lineCount: 0 };
    if (!node.isTruncated && node.text !== null) return blobFacts(Buffer.from(node.text, 'utf8'));
    // GraphQL cuts text at about 512 kB: the REST blob endpoint has the whole file
    const { data } = await this.client.rest.git.getBlob({ owner: this.repository.owner, repo: this.repository.repo, file_sha: oid });
    return blobFacts(Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8'));
  }

  /** Listings by commit sha, cached across deliveries; concurrent asks share one request. */
  private listTree(sha: string): Promise<Tree | { error: string }> {
    const key = this.cacheKey(sha);
    const cached = this.caches.trees.get(key);
    if (cached) return Promise.resolve(cached);
    let listing = this.inFlightTrees.get(key);
    if (!listing) {
      listing = this.fetchTree(sha).finally(() => this.inFlightTrees.delete(key));
      this.inFlightTrees.set(key, listing);
    }
    return listing;
  }

  private async fetchTree(sha: string): Promise<Tree | { error: string }> {
    const tree: Tree = { entries: new Map(), folders: new Set() };
    const budget = { listings: MAX_TREE_LISTINGS };
    if (!(await this.listInto(tree, sha, '', 0, budget))) return { error: `GitHub truncated the file list of ${sha.slice(0, 7)} (too many files)` };
    this.caches.trees.set(this.cacheKey(sha), tree);
    return tree;
  }

  /**
   * Lists the tree `id` (a commit or tree sha) into `tree` under `prefix`. GitHub cuts a recursive
   * listing past about 100,000 entries (`truncated`): then this level is listed on its own and
   * each folder of it recursively, in parallel, so a large monorepo is still read whole. False
   * when even that cannot give the whole list (too deep, or too many listings).
   */
  private async listInto(tree: Tree, id: string, prefix: string, depth: number, budget: { listings: number }): Promise<boolean> {
    const list = async (recursive: boolean) => {
      if (--budget.listings < 0) return null;
      const { data } = await this.bulk(() => this.client.rest.git.getTree({ owner: this.repository.owner, repo: this.repository.repo, tree_sha: id, ...(recursive ? { recursive: 'true' } : {}) }));
      return data;
    };
    const whole = await list(true);
    if (!whole) return false;
    if (!whole.truncated) {
      addEntries(tree, whole.tree, prefix);
      return true;
    }
    const level = depth < MAX_TREE_SPLIT_DEPTH ? await list(false) : null;
    if (!level || level.truncated) return false;
    addEntries(tree, level.tree, prefix);
    const folders = level.tree.filter((entry) => entry.type === 'tree' && entry.path && entry.sha);
    const listed = await Promise.all(folders.map((folder) => this.listInto(tree, folder.sha!, `${prefix}${folder.path}/`, depth + 1, budget)));
    return listed.every(Boolean);
  }
}

interface ListedEntry {
  path?: string;
  mode?: string;
  type?: string;
  sha?: string;
}

function addEntries(tree: Tree, entries: ListedEntry[], prefix: string): void {
  for (const entry of entries) {
    if (!entry.path || !entry.sha || !entry.mode) continue;
    if (entry.type === 'tree') tree.folders.add(prefix + entry.path);
    else tree.entries.set(prefix + entry.path, { mode: entry.mode, oid: entry.sha });
  }
}

function historyOids(answer: FieldAnswer): string[] {
  if (answer.error !== undefined) return [];
  return (answer.value as { history?: { nodes: Array<{ oid: string }> } } | null)?.history?.nodes.map((n) => n.oid) ?? [];
}

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}
