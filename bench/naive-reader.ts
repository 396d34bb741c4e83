/**
 * The naive design, for comparison: walk the claims in order and fetch what each one needs, one
 * request (or git process) at a time, with no batching and no reuse between claims. A file cited by
 * three claims is read three times; a commit is looked up, then asked about ancestry. The facts
 * then go through the same pure checks as claimcheck's own readers, so both designs give the same
 * verdicts and only the reading differs. `NaiveFetcher` is the backend: git processes or REST.
 */
import type { Claim, Item, Plan } from '../src/plan/types.js';
import { blobFacts } from '../src/repo/git.js';
import { blobKey, type BlobFacts, type CommitFacts, type ContentNeeds, type FileChange, type History, type Needs, type RepoReader, type Snapshot, type Tree } from '../src/repo/types.js';
import { resolvePath } from '../src/verify/paths.js';

export interface NaiveFetcher {
  resolveRef(revision: string): Promise<string>;
  /** The file's bytes at `commit`; null when it has no such file. One request or process. */
  readFile(commit: string, path: string): Promise<Buffer | null>;
  /** The commit's full sha and changed files; null when there is no such commit. */
  readCommit(id: string): Promise<{ sha: string; changes: FileChange[] } | null>;
  /** Whether `sha` is in the history of `ref`. One request or process. */
  isAncestor(sha: string, ref: string): Promise<boolean>;
}

export interface NaiveCounts {
  fileReads: number;
  commitReads: number;
  ancestryChecks: number;
}

export class NaiveReader implements RepoReader {
  readonly counts: NaiveCounts = { fileReads: 0, commitReads: 0, ancestryChecks: 0 };
  private readonly blobs: Snapshot['blobs'] = new Map();

  constructor(
    private readonly plans: Plan[],
    private readonly fetcher: NaiveFetcher,
    private readonly root = '',
  ) {}

  resolveRef(revision: string): Promise<string> {
    return this.fetcher.resolveRef(revision);
  }

  /** Everything, claim by claim, in plan order: the naive verifier does all its reading here. */
  async readHistory(needs: Needs): Promise<History> {
    const ref = needs.ref;
    const trees = new Map<string, Tree | { error: string }>([[ref, emptyTree()]]);
    const commits = new Map<string, CommitFacts>();
    for (const plan of this.plans) {
      for (const item of plan.items) {
        for (const claim of item.claims) await this.fetchFor(claim, item, plan.path, ref, trees, commits);
      }
    }
    return { ref, trees, commits, repositories: null, shallow: false };
  }

  /** No second round: what the claims cite was read with them. */
  async readContents(wanted: ContentNeeds): Promise<Snapshot['blobs']> {
    const out: Snapshot['blobs'] = new Map();
    for (const [commit, paths] of wanted) {
      for (const path of paths) {
        const facts = this.blobs.get(blobKey(commit, path));
        if (facts) out.set(blobKey(commit, path), facts);
      }
    }
    return out;
  }

  private async fetchFor(claim: Claim, item: Item, planPath: string, ref: string, trees: History['trees'], commits: Map<string, CommitFacts>): Promise<void> {
    switch (claim.kind) {
      case 'file':
      case 'range':
        if (claim.pin?.sha) await this.lookUpCommit(claim.pin.sha, ref, commits);
        return this.fetchFile(claim.target, claim.pin?.sha ?? ref, planPath, trees, commits);
      case 'test':
        return claim.file ? this.fetchFile(claim.file, ref, planPath, trees, commits) : undefined;
      case 'loc':
        if (claim.measure === 'file-lines') return claim.target ? this.fetchFile(claim.target, ref, planPath, trees, commits) : undefined;
        // a naive verifier asks for the item's commits again to count their lines
        for (const c of item.claims) if (c.kind === 'commit') await this.lookUpCommit(c.sha, ref, commits, false);
        return;
      case 'commit':
        return this.lookUpCommit(claim.sha, ref, commits);
      default:
        return; // statuses, placeholders and test outcomes need nothing from the repository
    }
  }

  private async fetchFile(target: { raw: string; base: 'root' | 'plan' }, commit: string, planPath: string, trees: History['trees'], commits: Map<string, CommitFacts>): Promise<void> {
    const resolved = resolvePath(target, planPath, this.root);
    if (!resolved.ok || resolved.path.length === 0) return;
    const facts = commits.get(commit);
    const at = facts?.state === 'found' ? facts.sha : commit;
    if (facts && facts.state !== 'found') return;
    let tree = trees.get(commit);
    if (!tree) trees.set(commit, (tree = emptyTree()));
    if ('error' in tree) return;
    this.counts.fileReads++;
    const content = await this.fetcher.readFile(at, resolved.path);
    if (content === null) return;
    tree.entries.set(resolved.path, { mode: '100644', oid: `naive:${commit}:${resolved.path}` });
    for (let slash = resolved.path.lastIndexOf('/'); slash > 0; slash = resolved.path.lastIndexOf('/', slash - 1)) tree.folders.add(resolved.path.slice(0, slash));
    const blob: BlobFacts = blobFacts(content);
    this.blobs.set(blobKey(commit, resolved.path), blob);
  }

  private async lookUpCommit(id: string, ref: string, commits: Map<string, CommitFacts>, withAncestry = true): Promise<void> {
    if (!/^[0-9a-f]{7,40}$/.test(id)) return;
    this.counts.commitReads++;
    const found = await this.fetcher.readCommit(id);
    if (!found) {
      commits.set(id, { state: 'missing' });
      return;
    }
    const known = commits.get(id);
    let reachable = known?.state === 'found' ? known.reachable : false;
    if (withAncestry || known?.state !== 'found') {
      this.counts.ancestryChecks++;
      reachable = await this.fetcher.isAncestor(found.sha, ref);
    }
    commits.set(id, { state: 'found', sha: found.sha, reachable, changes: found.changes });
  }
}

function emptyTree(): Tree {
  return { entries: new Map(), folders: new Set() };
}
