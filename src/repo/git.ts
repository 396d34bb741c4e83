/**
 * RepoReader over a local clone. Evidence is read from git objects, never from the working tree:
 * one `ls-tree` per commit listed, one `cat-file --batch-check` for every commit id, one
 * `rev-list` walk for ancestry, one `git log --numstat` for every commit's changes and one
 * `cat-file --batch` for every blob. Nothing runs once per claim.
 */
import { readFile } from 'node:fs/promises';
import { simpleGit, type SimpleGit } from 'simple-git';
import { ancestorsAmong, catFile } from './git-process.js';
import { blobKey, RefError, type BlobFacts, type CommitFacts, type ContentNeeds, type FileChange, type FileHistory, type History, type Hunk, type Needs, type RepoReader, type Snapshot, type Tree } from './types.js';

/** Blobs larger than this keep their line count but not their text. */
const MAX_TEXT_BYTES = 5 * 1024 * 1024;

export class NotARepositoryError extends Error {
  constructor(dir: string) {
    super(`not a git repository: ${dir}`);
    this.name = 'NotARepositoryError';
  }
}

/** The top folder of the repository that holds `dir`. */
export async function findRepositoryRoot(dir: string): Promise<string> {
  try {
    return (await simpleGit({ baseDir: dir }).revparse(['--show-toplevel'])).trim();
  } catch {
    throw new NotARepositoryError(dir);
  }
}

export class GitRepoReader implements RepoReader {
  private readonly git: SimpleGit;
  /** Facts at a blob oid never change: one reader keeps them for every plan it reads. */
  private readonly blobCache = new Map<string, BlobFacts>();

  constructor(private readonly root: string) {
    this.git = simpleGit({ baseDir: root, maxConcurrentProcesses: 4 });
  }

  async resolveRef(revision: string): Promise<string> {
    if (revision.length === 0 || revision.includes('\n')) throw new RefError(`unknown revision '${revision}'`);
    let sha = '';
    try {
      sha = (await this.git.raw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`])).trim();
    } catch {
      // reported below: rev-parse fails the same way for every revision that names no commit
    }
    if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha)) throw new RefError(`unknown revision '${revision}': it names no commit in ${this.root}`);
    return sha;
  }

  async readHistory(needs: Needs): Promise<History> {
    const commitIds = new Set([...needs.commits, ...needs.trees]);
    const [commits, repositories, shallow] = await Promise.all([this.lookUpCommits([...commitIds], needs.ref), this.repositories(), this.shallowBoundary()]);
    const trees = new Map<string, Tree | { error: string }>();
    await Promise.all(
      [...needs.trees].map(async (id) => {
        const facts = id === needs.ref ? { state: 'found' as const, sha: id } : commits.get(id);
        trees.set(id, facts?.state === 'found' ? await this.listTree(facts.sha) : { error: `commit ${id} not found` });
      }),
    );
    // The oldest commits of a shallow clone look like root commits: their "changes" list every file.
    for (const facts of commits.values()) if (facts.state === 'found' && shallow.has(facts.sha)) facts.changes = null;
    return { ref: needs.ref, trees, commits, repositories, shallow: shallow.size > 0 };
  }

  /** Existence, ancestry and changed files of every commit id, in three git processes. */
  private async lookUpCommits(ids: string[], ref: string): Promise<Map<string, CommitFacts>> {
    const answers = await catFile(this.root, ids.map((id) => `${id}^{commit}`), false);
    const found = new Map<string, string>();
    const facts = new Map<string, CommitFacts>();
    for (const [i, answer] of answers.entries()) {
      const id = ids[i]!;
      if (answer.found) found.set(id, answer.oid);
      else facts.set(id, { state: answer.reason });
    }
    const shas = new Set(found.values());
    const [reachable, changes] = await Promise.all([ancestorsAmong(this.root, ref, shas), this.changesOf([...shas])]);
    for (const [id, sha] of found) facts.set(id, { state: 'found', sha, reachable: reachable.has(sha), changes: changes.get(sha) ?? null });
    return facts;
  }

  /** Files changed by each commit against its first parent, from one `git log --numstat`. */
  private async changesOf(shas: string[]): Promise<Map<string, FileChange[]>> {
    const result = new Map<string, FileChange[]>();
    if (shas.length === 0) return result;
    const out = await this.git.raw(['log', '--no-walk=unsorted', '--diff-merges=first-parent', '--no-renames', '--numstat', '-z', '--format=%x01%H', ...shas, '--']);
    for (const chunk of out.split('\x01').slice(1)) {
      const [sha = '', ...entries] = chunk.split('\0');
      const files: FileChange[] = [];
      for (const entry of entries) {
        const [added, removed, path] = entry.replace(/^\n/, '').split('\t');
        if (path === undefined || added === undefined || removed === undefined) continue;
        files.push({ path, added: added === '-' ? null : Number(added), removed: removed === '-' ? null : Number(removed) });
      }
      result.set(sha, files);
    }
    return result;
  }

  private async listTree(sha: string): Promise<Tree> {
    const out = await this.git.raw(['ls-tree', '-r', '-z', '--full-tree', sha]);
    const tree: Tree = { entries: new Map(), folders: new Set() };
    for (const record of out.split('\0')) {
      const tab = record.indexOf('\t');
      if (tab === -1) continue;
      const [mode = '', , oid = ''] = record.slice(0, tab).split(' ');
      const path = record.slice(tab + 1);
      tree.entries.set(path, { mode, oid });
      for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
        const folder = path.slice(0, slash);
        if (tree.folders.has(folder)) break;
        tree.folders.add(folder);
      }
    }
    return tree;
  }

  /** The content facts of every (commit, path) asked for, from one `cat-file --batch`. */
  async readContents(contents: ContentNeeds, trees: History['trees']): Promise<Snapshot['blobs']> {
    const blobs: Snapshot['blobs'] = new Map();
    const wanted = new Map<string, string[]>();
    for (const [commit, paths] of contents) {
      const tree = trees.get(commit);
      if (!tree || 'error' in tree) continue;
      for (const path of paths) {
        const entry = tree.entries.get(path);
        if (!entry || !entry.mode.startsWith('100')) continue;
        const cached = this.blobCache.get(entry.oid);
        if (cached) blobs.set(blobKey(commit, path), cached);
        else wanted.set(entry.oid, [...(wanted.get(entry.oid) ?? []), blobKey(commit, path)]);
      }
    }
    for (const answer of await catFile(this.root, [...wanted.keys()], true)) {
      const keys = wanted.get(answer.request) ?? [];
      const facts: BlobFacts | { error: string } = answer.found && answer.content ? blobFacts(answer.content) : { error: `object ${answer.request} unreadable` };
      if (!('error' in facts)) this.blobCache.set(answer.request, facts);
      for (const key of keys) blobs.set(key, facts);
    }
    return blobs;
  }

  /** One `git blame --porcelain` for all the lines, on the plan as it stands in the working tree. */
  async blameLines(planPath: string, lines: number[]): Promise<Map<number, string | null>> {
    const origins = new Map<number, string | null>();
    const wanted = [...new Set(lines)].filter((n) => Number.isInteger(n) && n > 0).sort((a, b) => a - b);
    if (wanted.length === 0) return origins;
    let out: string;
    try {
      out = await this.git.raw(['blame', '--porcelain', ...wanted.flatMap((n) => ['-L', `${n},${n}`]), '--', planPath]);
    } catch {
      return origins; // an untracked plan has no history: no origin for any line
    }
    for (const line of out.split('\n')) {
      const header = /^([0-9a-f]{40}) \d+ (\d+)/.exec(line);
      if (header) origins.set(Number(header[2]), /^0+$/.test(header[1]!) ? null : header[1]!);
    }
    return origins;
  }

  /** The paths at `from` (one `cat-file --batch`) and the zero-context hunks up to `to` (one `git diff`). */
  async readFileHistories(from: string, to: string, paths: string[]): Promise<Map<string, FileHistory>> {
    const histories = new Map<string, FileHistory>();
    if (paths.length === 0) return histories;
    const [answers, diff] = await Promise.all([
      catFile(this.root, paths.map((path) => `${from}:${path}`), true),
      this.git.raw(['-c', 'core.quotePath=false', 'diff', '-U0', '--no-color', '--no-renames', '--no-ext-diff', from, to, '--', ...paths]),
    ]);
    const hunks = parseHunks(diff);
    paths.forEach((path, i) => {
      const answer = answers[i]!;
      const oldText = answer.found && answer.type === 'blob' && answer.content ? answer.content.toString('utf8') : null;
      histories.set(path, { oldText, hunks: hunks.get(path) ?? [] });
    });
    return histories;
  }

  /** `owner/repo` of every remote, so links into other repositories are told apart. */
  private async repositories(): Promise<string[] | null> {
    const remotes = await this.git.getRemotes(true);
    const names = remotes.flatMap((r) => [r.refs.fetch, r.refs.push]).map(repositoryOfUrl).filter((n): n is string => n !== null);
    return names.length ? [...new Set(names)] : null;
  }

  /** The boundary commits of a shallow clone (empty for a full clone). */
  private async shallowBoundary(): Promise<Set<string>> {
    if ((await this.git.raw(['rev-parse', '--is-shallow-repository'])).trim() !== 'true') return new Set();
    const file = (await this.git.raw(['rev-parse', '--path-format=absolute', '--git-path', 'shallow'])).trim();
    const text = await readFile(file, 'utf8').catch(() => '');
    return new Set(text.split('\n').filter((line) => /^[0-9a-f]{40,64}$/.test(line)));
  }
}

/** Hunks of a `git diff -U0` by the file's new path (`+++ b/<path>`). */
export function parseHunks(diff: string): Map<string, Hunk[]> {
  const byPath = new Map<string, Hunk[]>();
  let current: Hunk[] | null = null;
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      const path = /^diff --git a\/.* b\/(.*)$/.exec(line)?.[1];
      current = path === undefined ? null : [];
      if (path !== undefined && current) byPath.set(path, current);
      continue;
    }
    const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (m && current) current.push({ oldStart: Number(m[1]), oldCount: m[2] === undefined ? 1 : Number(m[2]), newStart: Number(m[3]), newCount: m[4] === undefined ? 1 : Number(m[4]) });
  }
  return byPath;
}

export function repositoryOfUrl(url: string): string | null {
  const m = /[:/]([^/:\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(url.trim());
  return m ? `${m[1]}/${m[2]}`.toLowerCase() : null;
}

/** Line count and binary test as git does it: a NUL byte in the first 8,000 bytes means binary. */
export function blobFacts(content: Buffer): BlobFacts {
  const binary = content.subarray(0, 8000).includes(0);
  let lineCount = 0;
  for (let i = content.indexOf(0x0a); i !== -1; i = content.indexOf(0x0a, i + 1)) lineCount++;
  if (content.length > 0 && content[content.length - 1] !== 0x0a) lineCount++;
  const facts: BlobFacts = { size: content.length, binary, lineCount };
  if (!binary && content.length <= MAX_TEXT_BYTES) facts.text = content.toString('utf8');
  return facts;
}
