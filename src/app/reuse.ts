/**
 * Reuse of a previous push's facts. A push that changes neither a plan nor any file whose content
 * the checks read (and adds, removes or renames no file) leaves every fact the same, so its
 * verification re-runs the pure checks over the previous snapshot, rebased onto the new commit,
 * without a single read. Only what stays true along history is carried over: commits found in
 * the previous ref's history are in its descendants' too; anything else (a commit not found or
 * not reachable, a fact that could not be read, test results) makes the push read afresh.
 */
import { createHash } from 'node:crypto';
import { LruCache } from '../repo/lru.js';
import { blobKey, type Snapshot, type Tree } from '../repo/types.js';

/** What one verification read, to tell whether a later commit would read the same. */
export interface VerifiedFacts {
  snapshot: Snapshot;
  /** The configuration as validated (any change re-reads). */
  configKey: string;
  /** Plan path → blob oid at the verified commit. */
  plans: Map<string, string>;
  /** Path → blob oid at the verified commit, for every file whose content the checks read there. */
  reads: Map<string, string>;
  /** A digest of every path (and folder) at the verified commit: claims about existence depend on it. */
  paths: string;
}

/** What is known of the commit about to be verified, before any evidence is read. */
export interface NextCommit {
  sha: string;
  tree: Tree;
  configKey: string;
  plans: Map<string, string>;
  /** The plans claim test outcomes: those come from each commit's own CI, never from another's. */
  claimsTestResults?: boolean;
}

export function pathsDigest(tree: Tree): string {
  const hash = createHash('sha256');
  for (const path of [...tree.entries.keys()].sort()) hash.update(`${path}\0`);
  hash.update('\x01');
  for (const folder of [...tree.folders].sort()) hash.update(`${folder}\0`);
  return hash.digest('hex');
}

/** The facts of one verification, with the paths they read at its commit. */
export function factsOf(snapshot: Snapshot, configKey: string, plans: Map<string, string>): VerifiedFacts | null {
  const tree = snapshot.trees.get(snapshot.ref);
  if (!tree || 'error' in tree) return null;
  const reads = new Map<string, string>();
  const prefix = `${snapshot.ref}:`;
  const paths = [...snapshot.blobs.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
  for (const key of snapshot.drift?.files.keys() ?? []) paths.push(key.slice(key.indexOf(':') + 1));
  for (const path of paths) {
    const entry = tree.entries.get(path);
    if (entry) reads.set(path, entry.oid);
  }
  return { snapshot, configKey, plans, reads, paths: pathsDigest(tree) };
}

/** Why the previous facts cannot stand for the next commit, or null when they can. */
export function whyNotReusable(previous: VerifiedFacts, next: NextCommit): string | null {
  if (next.claimsTestResults) return 'the plans claim test results, which are read from each commit’s own CI';
  if (previous.configKey !== next.configKey) return 'the configuration changed';
  if (!sameMap(previous.plans, next.plans)) return 'a plan changed';
  if (pathsDigest(next.tree) !== previous.paths) return 'files were added, removed or renamed';
  for (const [path, oid] of previous.reads) if (next.tree.entries.get(path)?.oid !== oid) return `${path} changed`;
  for (const facts of previous.snapshot.commits.values()) if (facts.state !== 'found' || !facts.reachable) return 'a cited commit was not in the history';
  for (const [key, blob] of previous.snapshot.blobs) if ('error' in blob) return `${key} could not be read`;
  for (const tree of previous.snapshot.trees.values()) if ('error' in tree) return 'a file list could not be read';
  return null;
}

/** The previous snapshot as the next commit's: same facts, keyed by the new sha. */
export function rebase(previous: Snapshot, next: NextCommit): Snapshot {
  const old = previous.ref;
  const trees = new Map(previous.trees);
  trees.delete(old);
  trees.set(next.sha, next.tree);
  const blobs: Snapshot['blobs'] = new Map();
  for (const [key, blob] of previous.blobs) blobs.set(key.startsWith(`${old}:`) ? blobKey(next.sha, key.slice(old.length + 1)) : key, blob);
  return { ...previous, ref: next.sha, trees, blobs };
}

/** Verified facts by `owner/repo@sha`, bounded: the App keeps one for the process. */
export class FactsMemo {
  private readonly entries: LruCache<string, VerifiedFacts>;

  constructor(capacity = 200) {
    this.entries = new LruCache(capacity);
  }

  remember(repository: string, facts: VerifiedFacts): void {
    this.entries.set(`${repository}@${facts.snapshot.ref}`, facts);
  }

  /** The facts verified at `previousSha`, when they stand for the next commit too. */
  reusable(repository: string, previousSha: string | undefined, next: NextCommit): Snapshot | null {
    if (!previousSha) return null;
    const previous = this.entries.get(`${repository}@${previousSha}`);
    if (!previous || whyNotReusable(previous, next) !== null) return null;
    return rebase(previous.snapshot, next);
  }

  clear(): void {
    this.entries.clear();
  }
}

function sameMap(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}
