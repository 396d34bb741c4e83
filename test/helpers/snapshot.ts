/**
 * In-memory snapshots for the pure checks: no git, no I/O. Trees, folders and blob facts are built
 * the way src/repo/git.ts builds them (`ls-tree -r` entries, every folder that holds an entry,
 * `blobFacts` of each regular file), so a check sees exactly what a real reader would give it.
 */
import { createHash } from 'node:crypto';
import { blobFacts } from '../../src/repo/git.js';
import { blobKey, type BlobFacts, type CommitFacts, type FileChange, type Snapshot, type Tree } from '../../src/repo/types.js';

/** The verified commit of every snapshot unless a test names another. */
export const REF = 'feedfacefeedfacefeedfacefeedfacefeedface';

/** The files at one commit. */
export interface TreeSpec {
  /** Regular files (mode 100644) and their content. */
  files?: Record<string, string | Buffer>;
  /** Executable regular files (mode 100755). */
  executables?: Record<string, string>;
  /** Symbolic links (mode 120000): path → target. */
  symlinks?: Record<string, string>;
  /** Submodules (gitlinks, mode 160000). */
  submodules?: string[];
  /** Binary files: a NUL byte among text lines. */
  binaries?: string[];
  /** Entries with any other mode, as some reader might list them: path → mode. */
  oddModes?: Record<string, string>;
  /** Regular files whose content could not be read: the blob fact is an error. */
  unreadable?: string[];
  /** Regular files whose content was never read: no blob fact at all. */
  unread?: string[];
  /** The listing itself failed. */
  error?: string;
}

export type CommitSpec =
  | 'missing'
  | 'ambiguous'
  | { unavailable: string }
  | {
      /** The full sha; by default the id padded to 40 digits. */
      sha?: string;
      /** Default true. */
      reachable?: boolean;
      /** Changed paths (or full changes); null when they could not be read. Default []. */
      changes?: Array<string | FileChange> | null;
    };

export interface SnapshotSpec extends TreeSpec {
  ref?: string;
  /** Commit facts keyed by the id as written in the plan. */
  commits?: Record<string, CommitSpec>;
  /** Trees at other commits (permalink pins), keyed by the id as written. */
  pinned?: Record<string, TreeSpec>;
  /** No tree at the ref at all (never listed). */
  noTree?: boolean;
  shallow?: boolean;
  /** Default null: a clone without remotes. */
  repositories?: string[] | null;
}

export function snapshotOf(spec: SnapshotSpec = {}): Snapshot {
  const ref = spec.ref ?? REF;
  const trees: Snapshot['trees'] = new Map();
  const blobs: Snapshot['blobs'] = new Map();
  if (!spec.noTree) addTree(ref, spec, trees, blobs);
  for (const [id, tree] of Object.entries(spec.pinned ?? {})) addTree(id, tree, trees, blobs);
  const commits = new Map<string, CommitFacts>();
  for (const [id, commit] of Object.entries(spec.commits ?? {})) commits.set(id, commitFacts(id, commit));
  return { ref, trees, blobs, commits, shallow: spec.shallow ?? false, repositories: spec.repositories ?? null };
}

/** A commit the snapshot knows as found, reachable, changing `changes`. */
export function found(changes: Array<string | FileChange> | null = [], reachable = true): CommitSpec {
  return { reachable, changes };
}

/** Text of `n` lines, each ending in a newline. */
export function lines(n: number): string {
  return Array.from({ length: n }, (_, i) => `line ${i + 1}\n`).join('');
}

function addTree(id: string, spec: TreeSpec, trees: Snapshot['trees'], blobs: Snapshot['blobs']): void {
  if (spec.error !== undefined) {
    trees.set(id, { error: spec.error });
    return;
  }
  const tree: Tree = { entries: new Map(), folders: new Set() };
  const put = (path: string, mode: string, content: Buffer): void => {
    tree.entries.set(path, { mode, oid: gitOid(mode === '160000' ? 'commit' : 'blob', content) });
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) tree.folders.add(path.slice(0, slash));
    if (!mode.startsWith('100')) return;
    const facts: BlobFacts | { error: string } = spec.unreadable?.includes(path) ? { error: `object for ${path} unreadable` } : blobFacts(content);
    if (!spec.unread?.includes(path)) blobs.set(blobKey(id, path), facts);
  };
  for (const [path, text] of Object.entries(spec.files ?? {})) put(path, '100644', Buffer.from(text));
  for (const [path, text] of Object.entries(spec.executables ?? {})) put(path, '100755', Buffer.from(text));
  for (const [path, target] of Object.entries(spec.symlinks ?? {})) put(path, '120000', Buffer.from(target));
  for (const path of spec.submodules ?? []) put(path, '160000', Buffer.from(path));
  for (const path of spec.binaries ?? []) put(path, '100644', Buffer.from('PNG\n\0\x01\x02\nmore\n', 'binary'));
  for (const [path, mode] of Object.entries(spec.oddModes ?? {})) put(path, mode, Buffer.from(path));
  trees.set(id, tree);
}

function commitFacts(id: string, spec: CommitSpec): CommitFacts {
  if (spec === 'missing' || spec === 'ambiguous') return { state: spec };
  if ('unavailable' in spec) return { state: 'unavailable', reason: spec.unavailable };
  const changes = spec.changes === undefined ? [] : spec.changes;
  return {
    state: 'found',
    sha: spec.sha ?? id.padEnd(40, '0'),
    reachable: spec.reachable ?? true,
    changes: changes === null ? null : changes.map((c) => (typeof c === 'string' ? { path: c, added: 1, removed: 0 } : c)),
  };
}

function gitOid(type: string, content: Buffer): string {
  return createHash('sha1').update(`${type} ${content.length}\0`).update(content).digest('hex');
}
