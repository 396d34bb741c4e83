/**
 * The RepoReader port: what the engine needs from a repository (Needs) and the immutable facts a
 * reader answers with (Snapshot). Adapters: git.ts (a local clone), github.ts (the GitHub API).
 */

/** What the plans need from history: file listings and commit facts (first round). */
export interface Needs {
  /** The verified commit (40-hex sha). */
  ref: string;
  /** Commit ids whose file listing is needed: the ref and commits evidence is pinned to. */
  trees: Set<string>;
  /** Commit ids cited by the plans, as written (7 to 40 hex digits, lowercase). */
  commits: Set<string>;
}

/** The files whose content the checks need, per commit id (second round, once paths are known). */
export type ContentNeeds = Map<string, Set<string>>;

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

/** Facts about history: what the first round answers. */
export interface History {
  ref: string;
  /** Keyed by the commit id as it appears in `Needs.trees`. */
  trees: Map<string, Tree | { error: string }>;
  /** Keyed by the commit id as written in the plan (or in a permalink). */
  commits: Map<string, CommitFacts>;
  /** A shallow clone lacks history: a commit it cannot find may still exist. */
  shallow: boolean;
  /** `owner/repo` names this repository is known by (its remotes); null when it has none. */
  repositories: string[] | null;
}

/** One hunk of a zero-context diff (`@@ -oldStart,oldCount +newStart,newCount @@`). */
export interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
}

/** A cited file as it was when the claim was written, and how it changed since. */
export interface FileHistory {
  /** The file's text at the older commit; null when it did not exist there. */
  oldText: string | null;
  hunks: Hunk[];
}

/** Where ranges came from: for drift detection (third round, once ranges are located). */
export interface DriftFacts {
  /** `<plan path>#<line>` → the commit the claim on that plan line was written at (null: not committed). */
  origins: Map<string, string | null>;
  /** `<older commit>:<path>` → that file then, and the hunks from then to the ref. */
  files: Map<string, FileHistory>;
}

/** Every fact the checks see: history plus file contents, keyed by `<commit id>:<path>`. */
export interface Snapshot extends History {
  blobs: Map<string, BlobFacts | { error: string }>;
  /** Absent when the reader cannot tell where claims came from: no drift verdicts then. */
  drift?: DriftFacts;
}

export interface RepoReader {
  /** The full sha a revision names; throws RefError when it names no commit. */
  resolveRef(revision: string): Promise<string>;
  /** File listings and commit facts, in as few round trips as the backend allows. */
  readHistory(needs: Needs): Promise<History>;
  /** The content facts of every (commit, path) asked for, read from the listed trees. */
  readContents(wanted: ContentNeeds, trees: History['trees']): Promise<Snapshot['blobs']>;
  /**
   * The commit each given line of a plan was last written at (null for uncommitted lines): the
   * plan as the face read it (a local clone: the working tree; GitHub: the plan at `ref`).
   */
  blameLines?(planPath: string, lines: number[], ref: string): Promise<Map<number, string | null>>;
  /** Each path as it was at `from`, with the hunks that changed it up to `to`. */
  readFileHistories?(from: string, to: string, paths: string[]): Promise<Map<string, FileHistory>>;
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
