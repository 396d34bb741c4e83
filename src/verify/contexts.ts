/** One check context per item of a plan, sharing what the whole plan cites. Pure. */
import type { Plan } from '../plan/types.js';
import type { Snapshot } from '../repo/types.js';
import { pathRefs, resolve, type CheckContext, type CheckSettings } from './checks/context.js';

export function contextsOf(plan: Plan, snapshot: Snapshot, settings: CheckSettings): CheckContext[] {
  const base = { ...settings, snapshot, planPath: plan.path };
  const planPaths = new Set<string>();
  for (const item of plan.items) {
    for (const target of pathRefs(item)) {
      const resolved = resolve(target, base);
      if (resolved.ok && resolved.path.includes('/')) planPaths.add(resolved.path);
    }
  }
  return plan.items.map((item) => ({ ...base, item, planPaths }));
}
