/** Claims, items and check contexts built by hand, for the unit tests of src/verify/. */
import type { Claim, CommitClaim, FileClaim, Item, LocClaim, LocMeasure, PathBase, PathRef, Pin, RangeClaim, TestClaim, TestResultClaim } from '../../src/plan/types.js';
import type { Snapshot } from '../../src/repo/types.js';
import { DEFAULT_SETTINGS, type CheckContext, type Policy } from '../../src/verify/checks/context.js';
import { contextsOf } from '../../src/verify/contexts.js';
import type { TestReport } from '../../src/verify/junit.js';

const AT = { line: 1, column: 1 };

export function fileClaim(raw: string, options: { base?: PathBase; pin?: Pin } = {}): FileClaim {
  return { kind: 'file', target: { raw, base: options.base ?? 'root' }, ...(options.pin ? { pin: options.pin } : {}), text: raw, ...AT };
}

export function rangeClaim(raw: string, start: number, end: number, options: { base?: PathBase; pin?: Pin } = {}): RangeClaim {
  return { kind: 'range', target: { raw, base: options.base ?? 'root' }, start, end, ...(options.pin ? { pin: options.pin } : {}), text: `${raw}:L${start}-L${end}`, ...AT };
}

export function commitClaim(sha: string, repository?: string): CommitClaim {
  return { kind: 'commit', sha, ...(repository ? { repository } : {}), text: sha, ...AT };
}

/** A test reference: `file` as written (root-based), `name` the node path after it. */
export function testClaim(name: string, file?: string): TestClaim {
  const target: PathRef | undefined = file === undefined ? undefined : { raw: file, base: 'root' };
  return { kind: 'test', name, ...(target ? { file: target } : {}), text: file ? `${file}::${name}` : name, ...AT };
}

export function testResultClaim(status: TestResultClaim['status'] = 'done'): TestResultClaim {
  return { kind: 'test-result', status, text: status === 'failing' ? 'FAILING' : 'PASSING', ...AT };
}

export function locClaim(measure: LocMeasure, value: number, options: { estimate?: boolean; approximate?: boolean; target?: string } = {}): LocClaim {
  return {
    kind: 'loc',
    measure,
    value,
    estimate: options.estimate ?? false,
    approximate: options.approximate ?? false,
    ...(options.target !== undefined ? { target: { raw: options.target, base: 'root' as const } } : {}),
    text: `${value}`,
    ...AT,
  };
}

export function itemOf(claims: Claim[], extra: Partial<Item> = {}): Item {
  return { id: 'T-1', title: 'Thing', priority: null, status: null, claims, ...AT, ...extra };
}

export interface ContextOptions {
  item?: Item;
  planPath?: string;
  root?: string;
  reports?: TestReport[] | null;
  policy?: Partial<Policy>;
  /** Paths the plan cites in full; by default those of the item, as the engine computes them. */
  planPaths?: string[];
}

/** The context the engine would give the item's claims, in a plan holding only that item. */
export function contextOf(snapshot: Snapshot, options: ContextOptions = {}): CheckContext {
  const item = options.item ?? itemOf([]);
  const settings = {
    root: options.root ?? DEFAULT_SETTINGS.root,
    reports: options.reports === undefined ? DEFAULT_SETTINGS.reports : options.reports,
    policy: { ...DEFAULT_SETTINGS.policy, ...options.policy },
  };
  const [context] = contextsOf({ path: options.planPath ?? 'PLAN.md', items: [item] }, snapshot, settings);
  return options.planPaths ? { ...context!, planPaths: new Set(options.planPaths) } : context!;
}
