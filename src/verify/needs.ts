/**
 * Every fact the plans need from the repository, deduplicated, in two rounds: history first (file
 * listings, commits), then the contents of the files the claims turn out to cite.
 */
import type { Item, PathRef, Pin, Plan } from '../plan/types.js';
import type { ContentNeeds, History, Needs } from '../repo/types.js';
import { isCommitId } from '../plan/notation.js';
import { evidenceCommit, locate } from './checks/evidence.js';
import { pathRefs, type CheckSettings } from './checks/context.js';
import { contextsOf } from './contexts.js';

export function collectNeeds(plans: Plan[], ref: string): Needs {
  const needs: Needs = { ref, trees: new Set(), commits: new Set() };
  for (const plan of plans) {
    for (const item of plan.items) {
      // the tree each cited path is read in: its permalink's commit, else the ref
      for (const [, pin] of pinnedRefs(item)) needs.trees.add(evidenceCommit(pin, ref));
      for (const claim of item.claims) {
        if (claim.kind === 'commit' && isCommitId(claim.sha)) needs.commits.add(claim.sha);
        if ((claim.kind === 'file' || claim.kind === 'range') && claim.pin?.sha && isCommitId(claim.pin.sha)) needs.commits.add(claim.pin.sha);
      }
    }
  }
  return needs;
}

/** The (commit, path) of every file a claim cites, located in the listed trees. */
export function collectContents(plans: Plan[], history: History, settings: CheckSettings): ContentNeeds {
  const wanted: ContentNeeds = new Map();
  const snapshot = { ...history, blobs: new Map() };
  for (const plan of plans) {
    for (const context of contextsOf(plan, snapshot, settings)) {
      for (const [target, pin] of pinnedRefs(context.item)) {
        const found = locate(target, pin, context);
        if (!found.ok) continue;
        const paths = wanted.get(found.commit) ?? new Set<string>();
        paths.add(found.path);
        wanted.set(found.commit, paths);
      }
    }
  }
  return wanted;
}

/** Every path reference of an item with the permalink it came from, if any. */
function pinnedRefs(item: Item): Array<[PathRef, Pin | undefined]> {
  const pins = new Map(item.claims.flatMap((c) => ((c.kind === 'file' || c.kind === 'range') && c.pin ? [[c.target, c.pin] as const] : [])));
  return pathRefs(item).map((target) => [target, pins.get(target)]);
}
