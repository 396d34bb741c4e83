/**
 * The facts drift detection needs, read after the ranges are located: where each range claim was
 * written (blame of its plan line), and each cited file as it was then with the hunks since. A
 * reader that cannot tell (no blame) gives none: ranges are then judged as they stand.
 */
import type { Plan, RangeClaim } from '../plan/types.js';
import type { DriftFacts, History, RepoReader } from '../repo/types.js';
import type { CheckSettings } from './checks/context.js';
import { locate } from './checks/evidence.js';
import { contextsOf } from './contexts.js';

export function originKey(planPath: string, line: number): string {
  return `${planPath}#${line}`;
}

/**
 * Drift facts, or none when the reader cannot give them or fails to: the ranges are then judged as
 * they stand, which is what a reader without history would have done anyway.
 */
export async function readDriftFacts(plans: Plan[], history: History, reader: RepoReader, settings: CheckSettings): Promise<DriftFacts | undefined> {
  if (!reader.blameLines || !reader.readFileHistories) return undefined;
  return gatherDriftFacts(plans, history, reader, settings).catch(() => undefined);
}

async function gatherDriftFacts(plans: Plan[], history: History, reader: RepoReader, settings: CheckSettings): Promise<DriftFacts> {
  const snapshot = { ...history, blobs: new Map() };
  const located: Array<{ plan: string; claim: RangeClaim; path: string }> = [];
  for (const plan of plans) {
    for (const context of contextsOf(plan, snapshot, settings)) {
      for (const claim of context.item.claims) {
        if (claim.kind !== 'range' || claim.pin?.sha) continue;
        const found = locate(claim.target, claim.pin, context);
        if (found.ok) located.push({ plan: plan.path, claim, path: found.path });
      }
    }
  }
  const facts: DriftFacts = { origins: new Map(), files: new Map() };
  const byPlan = new Map<string, number[]>();
  for (const { plan, claim } of located) byPlan.set(plan, [...(byPlan.get(plan) ?? []), claim.line]);
  await Promise.all(
    [...byPlan].map(async ([plan, lines]) => {
      for (const [line, origin] of await reader.blameLines!(plan, lines, history.ref)) facts.origins.set(originKey(plan, line), origin);
    }),
  );
  const pathsByOrigin = new Map<string, Set<string>>();
  for (const { plan, claim, path } of located) {
    const origin = facts.origins.get(originKey(plan, claim.line));
    if (!origin || origin === history.ref) continue;
    pathsByOrigin.set(origin, (pathsByOrigin.get(origin) ?? new Set()).add(path));
  }
  await Promise.all(
    [...pathsByOrigin].map(async ([origin, paths]) => {
      for (const [path, file] of await reader.readFileHistories!(origin, history.ref, [...paths])) facts.files.set(`${origin}:${path}`, file);
    }),
  );
  return facts;
}
