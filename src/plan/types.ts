/** The parsed plan: items holding claims, each with its position in the plan file. Plain data. */

export type Verdict = 'verified' | 'unverified' | 'unknown';

/** Where a cited path is anchored: the repository root, or the plan's own folder (Markdown links). */
export type PathBase = 'root' | 'plan';

export interface PathRef {
  /** The path as written (without range suffix, URL decoding applied). */
  raw: string;
  base: PathBase;
}

export interface Position {
  /** 1-based line in the plan file. */
  line: number;
  /** 1-based column in the plan file. */
  column: number;
}

interface ClaimBase extends Position {
  /** The raw text of the claim as it stands in the plan. */
  text: string;
}

/** Where a GitHub URL points: its repository, and the commit when the URL is a permalink. */
export interface Pin {
  /** The commit the evidence is pinned to; absent for branch links (checked at the ref). */
  sha?: string;
  /** `owner/repo` named by the URL, so a link into another repository is not checked here. */
  repository?: string;
}

export interface FileClaim extends ClaimBase {
  kind: 'file';
  target: PathRef;
  pin?: Pin;
}

export interface RangeClaim extends ClaimBase {
  kind: 'range';
  target: PathRef;
  start: number;
  end: number;
  pin?: Pin;
  /**
   * What the plan says the lines hold: the text after the range on its line, up to the next claim
   * (`gemini.py:71-79: Circuit breaker instantiation`). Markup dropped, code spans kept in backticks.
   */
  description?: string;
}

export interface CommitClaim extends ClaimBase {
  kind: 'commit';
  /** 7 to 40 lowercase hex digits. */
  sha: string;
  repository?: string;
}

export type LocMeasure = 'added' | 'removed' | 'modified' | 'changed' | 'file-lines';

export interface LocClaim extends ClaimBase {
  kind: 'loc';
  measure: LocMeasure;
  value: number;
  /** "Expected Changes", "Expected LOC": estimates, reported but never failed. */
  estimate: boolean;
  /** "~", "about", "around" widen the tolerance. */
  approximate: boolean;
  /** For `file-lines`: the file the count is about. */
  target?: PathRef;
}

export interface TestClaim extends ClaimBase {
  kind: 'test';
  /** The test file, when the reference names one (`path.py::test_x`) or the item has a Test File. */
  file?: PathRef;
  /** The test's name or node path (`Class::test_x[param]`, `describe > it`, `TestXxx/sub`). */
  name: string;
}

export interface TestResultClaim extends ClaimBase {
  kind: 'test-result';
  /** The claimed outcome, normalised: `done` for PASSING, `failing` for FAILING... */
  status: ItemStatus;
}

/** What an item's status asserts; made by the verifier when the status is not borne out. */
export interface StatusClaim extends ClaimBase {
  kind: 'status';
  status: ItemStatus;
}

/** Template text that was never filled in (`[commit-hash]`, `LXX-LYY`, `/path/to/file.py`). */
export interface UnfilledClaim extends ClaimBase {
  kind: 'unfilled';
  /** The kind the slot would have held. */
  intended: Exclude<ClaimKind, 'unfilled'>;
}

export type Claim =
  | FileClaim
  | RangeClaim
  | CommitClaim
  | LocClaim
  | TestClaim
  | TestResultClaim
  | StatusClaim
  | UnfilledClaim;

export type ClaimKind = Claim['kind'];

export type ItemStatus =
  | 'done'
  | 'in-progress'
  | 'todo'
  | 'failing'
  | 'blocked'
  | 'skipped'
  | 'partial';

export interface ItemField extends Position {
  text: string;
}

export interface Item extends Position {
  id: string;
  title: string;
  priority: string | null;
  status: ItemStatus | null;
  /** Where the status was written, for claims about it. */
  statusField?: ItemField;
  /** The heading the item stands under (a milestone, a phase), for readiness per section; absent when none. */
  section?: string;
  claims: Claim[];
}

export interface Plan {
  /** The plan's path relative to the repository root, with `/` separators. */
  path: string;
  items: Item[];
}

/** A plan the parser could not read at all (invalid YAML, wrong shape): one clear line. */
export class PlanError extends Error {
  constructor(
    readonly planPath: string,
    message: string,
  ) {
    super(`${planPath}: ${message}`);
    this.name = 'PlanError';
  }
}
