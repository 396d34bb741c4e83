/** Reports built by hand, for the renderers' tests. */
import type { Claim, Verdict } from '../../src/plan/types.js';
import { itemVerdict } from '../../src/verify/item.js';
import { summarise, type ClaimResult, type EvidenceLocation, type ItemResult, type PlanResult, type Report } from '../../src/verify/report.js';
import { REF } from './snapshot.js';

export function fileClaim(text: string, line: number): Claim {
  return { kind: 'file', text, line, column: 3, target: { raw: text, base: 'root' } };
}

/** A claim result of `verdict` on plan line `line`, with a code and reason of that verdict. */
export function result(verdict: Verdict, line: number, extra: { code?: string; reason?: string; text?: string; evidence?: EvidenceLocation; claim?: Claim } = {}): ClaimResult {
  return {
    claim: extra.claim ?? fileClaim(extra.text ?? `src/f${line}.ts`, line),
    verdict,
    code: extra.code ?? { verified: 'file-exists', unverified: 'file-not-found', unknown: 'ambiguous-path' }[verdict],
    reason: extra.reason ?? `reason for line ${line}`,
    ...(extra.evidence ? { evidence: extra.evidence } : {}),
  };
}

/** An item holding `claims`, with the verdict the engine would give it. */
export function item(id: string, claims: ClaimResult[], title = `Title of ${id}`, line = 1): ItemResult {
  return { item: { id, title, line, column: 1, priority: null, status: 'done', claims: claims.map((c) => c.claim) }, verdict: itemVerdict(claims), claims };
}

export function reportOf(...plans: PlanResult[]): Report {
  return { ref: REF, plans, summary: summarise(plans) };
}

/** n claims of one verdict, each in its own item, at lines 10, 11, ... */
export function many(n: number, verdict: Verdict, prefix = 'T'): ItemResult[] {
  return Array.from({ length: n }, (_, i) => item(`${prefix}-${i + 1}`, [result(verdict, 10 + i)]));
}
