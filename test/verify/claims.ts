/** Claims, items and check contexts built by hand, for the unit tests of src/verify/. */
import type { Claim, CommitClaim, FileClaim, Item, PathBase, Pin, RangeClaim } from '../../src/plan/types.js';
import type { Snapshot } from '../../src/repo/types.js';
import type { CheckContext } from '../../src/verify/checks/context.js';

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

export function itemOf(claims: Claim[], extra: Partial<Item> = {}): Item {
  return { id: 'T-1', title: 'Thing', priority: null, status: null, claims, ...AT, ...extra };
}

export function contextOf(snapshot: Snapshot, options: { item?: Item; planPath?: string; root?: string } = {}): CheckContext {
  return { snapshot, planPath: options.planPath ?? 'PLAN.md', root: options.root ?? '', item: options.item ?? itemOf([]) };
}
