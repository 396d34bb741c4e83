/** `claimcheck verify --fix`: drifted ranges rewritten in the plan files, nothing else touched. */
import { readFile, writeFile } from 'node:fs/promises';
import { applyRangeFixes, type RangeFix } from '../plan/rewrite.js';
import type { PlanResult } from '../verify/report.js';

/** The fixes a plan's results call for, and the drifts no rewrite of a range can mend. */
export function fixesOf(plan: PlanResult): { fixes: RangeFix[]; unfixable: string[] } {
  const fixes: RangeFix[] = [];
  const unfixable: string[] = [];
  for (const { claims } of plan.items) {
    for (const { claim, code, suggestion } of claims) {
      if (code !== 'range-drifted' || claim.kind !== 'range') continue;
      if (!suggestion) unfixable.push(`${plan.path}:${claim.line}: ${claim.text}: more than one place holds the block now`);
      else if (suggestion.path) unfixable.push(`${plan.path}:${claim.line}: ${claim.text}: moved to ${suggestion.path}:L${suggestion.start}-L${suggestion.end}; change the path by hand`);
      else fixes.push({ line: claim.line, column: claim.column, text: claim.text, start: suggestion.start, end: suggestion.end });
    }
  }
  return { fixes, unfixable };
}

/** Rewrites one plan file; returns one line per change and per drift left alone. */
export async function fixPlanFile(file: string, plan: PlanResult): Promise<string[]> {
  const { fixes, unfixable } = fixesOf(plan);
  const notes = unfixable.map((u) => `not fixed: ${u}`);
  if (fixes.length === 0) return notes;
  if (/\.ya?ml$/i.test(plan.path)) return [...notes, ...fixes.map((f) => `not fixed: ${plan.path}:${f.line}: ${f.text}: --fix rewrites Markdown plans only`)];
  const source = await readFile(file, 'utf8');
  const { text, applied } = applyRangeFixes(source, fixes);
  if (text !== source) await writeFile(file, text);
  return [...applied.map((a) => `fixed ${plan.path}:${a.line}: ${a.before} → ${a.after}`), ...notes];
}
