/** Every fact the plans need from the repository, deduplicated, so it can be read in one batch. */
import type { Plan } from '../plan/types.js';
import type { Needs } from '../repo/types.js';
import { isCommitId } from '../plan/notation.js';
import { evidenceCommit } from './checks/evidence.js';
import { resolvePath } from './paths.js';

export function collectNeeds(plans: Plan[], ref: string, root = ''): Needs {
  const needs: Needs = { ref, trees: new Set(), contents: new Map(), commits: new Set() };
  for (const plan of plans) {
    for (const item of plan.items) {
      for (const claim of item.claims) {
        if (claim.kind === 'commit') {
          if (isCommitId(claim.sha)) needs.commits.add(claim.sha);
          continue;
        }
        if (claim.kind !== 'file' && claim.kind !== 'range') continue;
        const resolved = resolvePath(claim.target, plan.path, root);
        if (!resolved.ok) continue;
        const commit = evidenceCommit(claim, ref);
        needs.trees.add(commit);
        if (claim.pin?.sha) needs.commits.add(claim.pin.sha);
        if (claim.kind === 'range') {
          const paths = needs.contents.get(commit) ?? new Set<string>();
          paths.add(resolved.path);
          needs.contents.set(commit, paths);
        }
      }
    }
  }
  return needs;
}
