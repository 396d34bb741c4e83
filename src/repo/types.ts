/**
 * The RepoReader port: what the engine needs from a repository (Needs) and the immutable facts a
 * reader answers with (Snapshot). Adapters: git.ts (a local clone), github.ts (the GitHub API).
 */

export interface Needs {
  /** The verified commit (40-hex sha). */
  ref: string;
  /** Commit ids whose file listing is needed: the ref and commits evidence is pinned to. */
  trees: Set<string>;
  /** Per commit id (as in `trees`): paths whose content is needed (line counts, binary test). */
  contents: Map<string, Set<string>>;
  /** Commit ids cited by the plans, as written (7 to 40 hex digits, lowercase). */
  commits: Set<string>;
}

export interface TreeEntry {
  /** Git file mode: 100644 / 100755 regular, 120000 symlink, 160000 submodule. */
  mode: string;
  oid: string;
}

export interface Tree {
  entries: Map<string, TreeEntry>;
  /** Every folder that holds an entry. */
  folders: Set<string>;
}

export interface BlobFacts {
  size: number;
  binary: boolean;
  lineCount: number;
  /** The text, when the blob is text and small enough to keep. */
  text?: string;
}

export interface FileChange {
  path: string;
  /** null for binary changes. */
  added: number | null;
  removed: number | null;
}

export type CommitFacts =
  | {
      state: 'found';
      sha: string;
      /** Whether the commit is an ancestor of (or is) the verified ref. */
      reachable: boolean;
      /** Files changed against the first parent (all files for a root commit). */
      changes: FileChange[] | null;
    }
  | { state: 'missing' }
  | { state: 'ambiguous' }
  | { state: 'unavailable'; reason: string };

export interface Snapshot {
  ref: string;
  /** Keyed by the commit id as it appears in `Needs.trees`. */
  trees: Map<string, Tree | { error: string }>;
  /** Keyed by `<commit id>:<path>`. */
  blobs: Map<string, BlobFacts | { error: string }>;
  /** Keyed by the commit id as written in the plan (or in a permalink). */
  commits: Map<string, CommitFacts>;
  /** A shallow clone lacks history: a commit it cannot find may still exist. */
  shallow: boolean;
  /** `owner/repo` names this repository is known by (its remotes); null when it has none. */
  repositories: string[] | null;
}

export interface RepoReader {
  /** The full sha a revision names; throws RefError when it names no commit. */
  resolveRef(revision: string): Promise<string>;
  /** Every fact `needs` asks for, in as few round trips as the backend allows. */
  read(needs: Needs): Promise<Snapshot>;
}

/** A revision that names no commit (a user error: exit 2, one line). */
export class RefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefError';
  }
}

export function blobKey(commit: string, path: string): string {
  return `${commit}:${path}`;
}
