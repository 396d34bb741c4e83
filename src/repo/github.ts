/**
 * RepoReader over the GitHub API. Round trips are what cost on GitHub (the throttle spaces every
 * GraphQL call about a second apart), so every fact is batched: commit ids in one aliased GraphQL
 * query, file texts in aliased queries of at most 100 objects, REST only where GraphQL has no
 * field (a commit's changed files, the recursive tree, ancestry, blobs too large for GraphQL).
 */
import type { ProbotOctokit } from 'probot';
import { blobFacts } from './git.js';
import { blobKey, RefError, type BlobFacts, type CommitFacts, type ContentNeeds, type FileChange, type FileHistory, type History, type Hunk, type Needs, type RepoReader, type Snapshot, type Tree } from './types.js';

export type GitHubClient = Pick<InstanceType<typeof ProbotOctokit>, 'graphql' | 'rest'>;

/** GitHub caps a commit's file list at 3,000: past that the list is not the whole change. */
const MAX_COMMIT_FILES = 3000;
const FILES_PER_PAGE = 300;
export const MAX_ALIASES = 100;

export interface GitHubRepository {
  owner: string;
  repo: string;
}

interface BlobNode {
  oid: string;
  byteSize: number;
  isBinary: boolean | null;
  isTruncated: boolean;
  text: string | null;
}

/** Blob facts by object id, shared by every reader: a blob's facts never change. */
const sharedBlobCache = new Map<string, BlobFacts>();

export class GitHubRepoReader implements RepoReader {
  /** Full shas of the commit ids the plans wrote, once looked up (contents are read by full sha). */
  private readonly fullSha = new Map<string, string>();

  constructor(
    private readonly client: GitHubClient,
    private readonly repository: GitHubRepository,
    private readonly blobCache: Map<string, BlobFacts> = sharedBlobCache,
  ) {}

  async resolveRef(revision: string): Promise<string> {
    if (/^[0-9a-f]{40}$/.test(revision)) return revision;
    const [found] = await this.lookUpObjects([revision]);
    if (!found?.oid) throw new RefError(`unknown revision '${revision}' in ${this.name}`);
    return found.oid;
  }

  async readHistory(needs: Needs): Promise<History> {
    const ids = [...new Set([...needs.commits, ...needs.trees].filter((id) => id !== needs.ref))];
    const objects = await this.lookUpObjects(ids);
    const commits = new Map<string, CommitFacts>();
    await Promise.all(
      ids.map(async (id, i) => {
        const object = objects[i];
        if (object?.error) commits.set(id, { state: 'unavailable', reason: object.error });
        else if (!object?.oid || object.type !== 'Commit') commits.set(id, { state: 'missing' });
        else {
          this.fullSha.set(id, object.oid);
          commits.set(id, await this.commitFacts(object.oid, needs.ref));
        }
      }),
    );
    const trees = new Map<string, Tree | { error: string }>();
    await Promise.all(
      [...needs.trees].map(async (id) => {
        const facts = id === needs.ref ? { state: 'found' as const, sha: id } : commits.get(id);
        trees.set(id, facts?.state === 'found' ? await this.listTree(facts.sha) : { error: `commit ${id} not found` });
      }),
    );
    return { ref: needs.ref, trees, commits, repositories: [this.name.toLowerCase()], shallow: false };
  }

  async readContents(wanted: ContentNeeds, trees: History['trees']): Promise<Snapshot['blobs']> {
    const blobs: Snapshot['blobs'] = new Map();
    const requests: Array<{ expression: string; oid: string; keys: string[] }> = [];
    const byOid = new Map<string, { expression: string; oid: string; keys: string[] }>();
    for (const [commit, paths] of wanted) {
      const tree = trees.get(commit);
      if (!tree || 'error' in tree) continue;
      const sha = this.fullSha.get(commit) ?? commit;
      for (const path of paths) {
        const entry = tree.entries.get(path);
        if (!entry || !entry.mode.startsWith('100')) continue;
        const key = blobKey(commit, path);
        const cached = this.blobCache.get(entry.oid);
        if (cached) {
          blobs.set(key, cached);
          continue;
        }
        const pending = byOid.get(entry.oid);
        if (pending) pending.keys.push(key);
        else {
          const request = { expression: `${sha}:${path}`, oid: entry.oid, keys: [key] };
          byOid.set(entry.oid, request);
          requests.push(request);
        }
      }
    }
    const answers = await Promise.all(chunks(requests, MAX_ALIASES).map((batch) => this.queryBlobs(batch.map((r) => r.expression))));
    const nodes = answers.flat();
    await Promise.all(
      requests.map(async (request, i) => {
        const facts = await this.blobFactsOf(request.oid, nodes[i]);
        if (!('error' in facts)) this.blobCache.set(request.oid, facts);
        for (const key of request.keys) blobs.set(key, facts);
      }),
    );
    return blobs;
  }

  /** `Commit.blame(path:)` at the ref, in one GraphQL query per plan. */
  async blameLines(planPath: string, lines: number[], ref: string): Promise<Map<number, string | null>> {
    const origins = new Map<number, string | null>();
    const query = `query($owner: String!, $name: String!, $ref: String!, $path: String!) { repository(owner: $owner, name: $name) { object(expression: $ref) { ... on Commit { blame(path: $path) { ranges { startingLine endingLine commit { oid } } } } } } }`;
    const result = await this.client.graphql<{ repository: { object: { blame?: { ranges: Array<{ startingLine: number; endingLine: number; commit: { oid: string } }> } } | null } | null }>(query, {
      owner: this.repository.owner,
      name: this.repository.repo,
      ref,
      path: planPath,
    });
    const ranges = result.repository?.object?.blame?.ranges ?? [];
    for (const line of lines) {
      const range = ranges.find((r) => line >= r.startingLine && line <= r.endingLine);
      if (range) origins.set(line, range.commit.oid);
    }
    return origins;
  }

  /**
   * The paths at `from` (one aliased GraphQL query) and the hunks up to `to`, from the patches of
   * one REST compare. A changed file whose patch GitHub leaves out has no history: no drift verdict.
   */
  async readFileHistories(from: string, to: string, paths: string[]): Promise<Map<string, FileHistory>> {
    const histories = new Map<string, FileHistory>();
    if (paths.length === 0) return histories;
    const [nodes, compare] = await Promise.all([
      Promise.all(chunks(paths, MAX_ALIASES).map((batch) => this.queryBlobs(batch.map((path) => `${from}:${path}`)))).then((answers) => answers.flat()),
      this.client.rest.repos.compareCommitsWithBasehead({ owner: this.repository.owner, repo: this.repository.repo, basehead: `${from}...${to}` }),
    ]);
    const changed = new Map((compare.data.files ?? []).map((f) => [f.filename, f.patch]));
    paths.forEach((path, i) => {
      const node = nodes[i];
      const oldText = node && !('error' in node) && !node.isBinary && !node.isTruncated ? node.text : null;
      const patch = changed.get(path);
      if (changed.has(path) && patch === undefined) histories.set(path, { oldText: null, hunks: [] });
      else histories.set(path, { oldText, hunks: patch ? hunksOfPatch(patch) : [] });
    });
    return histories;
  }

  private get name(): string {
    return `${this.repository.owner}/${this.repository.repo}`;
  }

  /** Commit ids (short or full) → their object id and type, in one aliased query per 100. */
  private async lookUpObjects(expressions: string[]): Promise<Array<{ oid?: string; type?: string; error?: string }>> {
    const results = await Promise.all(
      chunks(expressions, MAX_ALIASES).map(async (batch) => {
        const { data, errors } = await this.aliased(batch, 'o', (alias, variable) => `${alias}: object(expression: ${variable}) { __typename oid }`);
        return batch.map((_, i) => {
          const node = data?.[`o${i}`] as { __typename: string; oid: string } | null | undefined;
          const error = errors.get(`o${i}`);
          if (node) return { oid: node.oid, type: node.__typename };
          return error && !/could not resolve/i.test(error) ? { error } : {};
        });
      }),
    );
    return results.flat();
  }

  private async queryBlobs(expressions: string[]): Promise<Array<BlobNode | { error: string } | null>> {
    const { data, errors } = await this.aliased(
      expressions,
      'b',
      (alias, variable) => `${alias}: object(expression: ${variable}) { ... on Blob { oid byteSize isBinary isTruncated text } }`,
    );
    return expressions.map((_, i) => {
      const node = data?.[`b${i}`] as BlobNode | null | undefined;
      const error = errors.get(`b${i}`);
      return node ?? (error ? { error } : null);
    });
  }

  /**
   * One GraphQL query with an alias per expression, expressions passed as variables (never spliced
   * into the query). A failed alias does not fail the others: its error is kept by alias.
   */
  private async aliased(
    expressions: string[],
    prefix: string,
    field: (alias: string, variable: string) => string,
  ): Promise<{ data: Record<string, unknown> | null; errors: Map<string, string> }> {
    const variables: Record<string, string> = { owner: this.repository.owner, name: this.repository.repo };
    const declarations = ['$owner: String!', '$name: String!'];
    const fields = expressions.map((expression, i) => {
      variables[`e${i}`] = expression;
      declarations.push(`$e${i}: String!`);
      return field(`${prefix}${i}`, `$e${i}`);
    });
    const query = `query(${declarations.join(', ')}) { repository(owner: $owner, name: $name) { ${fields.join(' ')} } }`;
    try {
      const result = await this.client.graphql<{ repository: Record<string, unknown> | null }>(query, variables);
      return { data: result.repository, errors: new Map() };
    } catch (error) {
      const partial = error as { data?: { repository?: Record<string, unknown> | null }; errors?: Array<{ path?: Array<string | number>; message: string }> };
      if (!partial.errors || partial.data === undefined) throw error;
      const errors = new Map<string, string>();
      for (const e of partial.errors) {
        const alias = e.path?.[1];
        if (typeof alias === 'string') errors.set(alias, e.message);
        else throw error;
      }
      return { data: partial.data?.repository ?? null, errors };
    }
  }

  private async blobFactsOf(oid: string, node: BlobNode | { error: string } | null | undefined): Promise<BlobFacts | { error: string }> {
    if (!node) return { error: `object ${oid} not found` };
    if ('error' in node) return { error: node.error };
    if (node.isBinary) return { size: node.byteSize, binary: true, lineCount: 0 };
    if (!node.isTruncated && node.text !== null) return blobFacts(Buffer.from(node.text, 'utf8'));
    // GraphQL cuts text at about 512 kB: the REST blob endpoint has the whole file
    const { data } = await this.client.rest.git.getBlob({ owner: this.repository.owner, repo: this.repository.repo, file_sha: oid });
    return blobFacts(Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8'));
  }

  private async commitFacts(sha: string, ref: string): Promise<CommitFacts> {
    const [reachable, changes] = await Promise.all([this.isAncestor(sha, ref), this.changesOf(sha)]);
    return { state: 'found', sha, reachable, changes };
  }

  /** `sha` is in the history of `ref` when comparing them finds `ref` ahead of it, or the same. */
  private async isAncestor(sha: string, ref: string): Promise<boolean> {
    if (sha === ref) return true;
    const { data } = await this.client.rest.repos.compareCommitsWithBasehead({ owner: this.repository.owner, repo: this.repository.repo, basehead: `${sha}...${ref}`, per_page: 1 });
    return data.status === 'ahead' || data.status === 'identical';
  }

  /** Files the commit changed, from REST get-a-commit; null when GitHub lists no more than 3,000. */
  private async changesOf(sha: string): Promise<FileChange[] | null> {
    const changes: FileChange[] = [];
    for (let page = 1; changes.length < MAX_COMMIT_FILES; page++) {
      const { data } = await this.client.rest.repos.getCommit({ owner: this.repository.owner, repo: this.repository.repo, ref: sha, per_page: FILES_PER_PAGE, page });
      const files = data.files ?? [];
      for (const file of files) {
        changes.push({ path: file.filename, added: file.additions, removed: file.deletions });
        if (file.previous_filename) changes.push({ path: file.previous_filename, added: 0, removed: 0 });
      }
      if (files.length < FILES_PER_PAGE) return changes;
    }
    return null;
  }

  /** Listings by commit sha: finding the plans and verifying them read the same tree once. */
  private readonly treeCache = new Map<string, Promise<Tree | { error: string }>>();

  private listTree(sha: string): Promise<Tree | { error: string }> {
    let listing = this.treeCache.get(sha);
    if (!listing) {
      listing = this.fetchTree(sha);
      listing.catch(() => this.treeCache.delete(sha));
      this.treeCache.set(sha, listing);
    }
    return listing;
  }

  private async fetchTree(sha: string): Promise<Tree | { error: string }> {
    const { data } = await this.client.rest.git.getTree({ owner: this.repository.owner, repo: this.repository.repo, tree_sha: sha, recursive: 'true' });
    if (data.truncated) return { error: `GitHub truncated the file list of ${sha.slice(0, 7)} (too many files)` };
    const tree: Tree = { entries: new Map(), folders: new Set() };
    for (const entry of data.tree) {
      if (!entry.path || !entry.sha || !entry.mode) continue;
      if (entry.type === 'tree') tree.folders.add(entry.path);
      else tree.entries.set(entry.path, { mode: entry.mode, oid: entry.sha });
    }
    return tree;
  }
}

/** Zero-context hunks from a unified diff with context, as `git diff -U0` would give them. */
export function hunksOfPatch(patch: string): Hunk[] {
  const hunks: Hunk[] = [];
  let oldLine = 0;
  let newLine = 0;
  let open: Hunk | null = null;
  const close = (): void => {
    if (open) hunks.push(open);
    open = null;
  };
  for (const line of patch.split('\n')) {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (header) {
      close();
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      continue;
    }
    if (line.startsWith('-') || line.startsWith('+')) {
      // git numbers an insertion after line n as `-n,0`, a deletion before line n as `+n-1,0`
      open ??= { oldStart: oldLine, oldCount: 0, newStart: newLine, newCount: 0 };
      if (line.startsWith('-')) {
        open.oldCount++;
        oldLine++;
      } else {
        open.newCount++;
        newLine++;
      }
      continue;
    }
    if (line.startsWith('\\')) continue;
    close();
    oldLine++;
    newLine++;
  }
  close();
  for (const h of hunks) {
    if (h.oldCount === 0) h.oldStart -= 1;
    if (h.newCount === 0) h.newStart -= 1;
  }
  return hunks;
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
