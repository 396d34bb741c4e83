/** The JSON report: the stable machine contract (see README, "JSON contract"). Pure. */
import type { Claim } from '../plan/types.js';
import type { ClaimResult, Report } from '../verify/report.js';
import { readinessJson, readinessOf } from './readiness.js';
import { VERSION } from '../version.js';

export function renderJson(report: Report): string {
  const json = {
    tool: 'claimcheck',
    version: VERSION,
    ref: report.ref,
    plans: report.plans.map((plan) => ({
      path: plan.path,
      items: plan.items.map(({ item, verdict, claims, notice }) => ({
        id: item.id,
        title: item.title,
        line: item.line,
        priority: item.priority,
        status: item.status,
        ...(item.section ? { section: item.section } : {}),
        verdict,
        ...(notice ? { notice } : {}),
        claims: claims.map(claimJson),
      })),
    })),
    summary: report.summary,
    readiness: readinessJson(readinessOf(report)),
  };
  return JSON.stringify(json, null, 2) + '\n';
}

function claimJson(result: ClaimResult): Record<string, unknown> {
  const { claim, verdict, code, reason, evidence, suggestion } = result;
  return {
    kind: jsonKind(claim),
    text: claim.text,
    line: claim.line,
    column: claim.column,
    verdict,
    code,
    reason,
    ...details(claim),
    ...(evidence ? { evidence } : {}),
    ...(suggestion ? { suggestion } : {}),
  };
}

/** A placeholder reports the kind of evidence its slot was for. */
export function jsonKind(claim: Claim): string {
  return claim.kind === 'unfilled' ? claim.intended : claim.kind;
}

function details(claim: Claim): Record<string, unknown> {
  switch (claim.kind) {
    case 'file':
      return { path: claim.target.raw, ...(claim.pin?.sha ? { at: claim.pin.sha } : {}) };
    case 'range':
      return {
        path: claim.target.raw,
        start: claim.start,
        end: claim.end,
        ...(claim.pin?.sha ? { at: claim.pin.sha } : {}),
        ...(claim.description !== undefined ? { description: claim.description } : {}),
      };
    case 'commit':
      return { sha: claim.sha };
    case 'loc':
      return { measure: claim.measure, value: claim.value, estimate: claim.estimate };
    case 'test':
      return { name: claim.name, ...(claim.file ? { file: claim.file.raw } : {}) };
    default:
      return {};
  }
}
