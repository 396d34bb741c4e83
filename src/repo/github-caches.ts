/**
 * Facts the GitHub reader keeps across deliveries. Everything here is keyed by something
 * immutable (a blob oid, a commit sha, a pair of commit shas), so a cached fact is never stale;
 * the budgets keep a long-running App's memory flat.
 */
import { LruCache } from './lru.js';
import type { BlobFacts, FileChange, Tree } from './types.js';

export interface ReaderCaches {
  /** Blob facts by blob oid (the same bytes have the same facts in every repository). */
  blobs: LruCache<string, BlobFacts>;
  /** File listings by `owner/repo@sha`. */
  trees: LruCache<string, Tree>;
  /** Files a commit changed, by `owner/repo@sha` (null: more than GitHub lists). */
  changes: LruCache<string, FileChange[] | null>;
  /** Whether a commit is an ancestor of another, by `owner/repo@sha..ref`. */
  ancestry: LruCache<string, boolean>;
}

/** Budgets: about 256 MB of text, two million tree entries, a million changed-file records. */
export function newReaderCaches(scale = 1): ReaderCaches {
  return {
    blobs: new LruCache(256 * 1024 * 1024 * scale, (facts) => 128 + (facts.text?.length ?? 0) * 2),
    trees: new LruCache(2_000_000 * scale, (tree) => 1 + tree.entries.size + tree.folders.size),
    changes: new LruCache(1_000_000 * scale, (changes) => 1 + (changes?.length ?? 0)),
    ancestry: new LruCache(200_000 * scale),
  };
}

/** The process-wide caches every reader shares unless given its own (tests). */
export const sharedReaderCaches: ReaderCaches = newReaderCaches();

/** Empties the process-wide caches (tests that replay the same shas with other contents). */
export function clearSharedReaderCaches(): void {
  for (const cache of Object.values(sharedReaderCaches)) cache.clear();
}
