/**
 * The reply to `/claimcheck explain ITEM-ID`: every claim of the item, with its verdict, kind,
 * text, code and reason, linked to its plan line and to the cited lines at the verified commit.
 * Pure and deterministic, like the sticky comment.
 */
import type { ItemResult, PlanResult, Report } from '../verify/report.js';
import { COMMENT_LIMIT } from './comment.js';
import { jsonKind } from './json.js';
import { ICON, code, evidenceLabel, evidenceUrl, fit, inline, more, planLineUrl, shortSha, type Block } from './links.js';

export interface ExplainOptions {
  /** `owner/repo`, for permalinks. */
  repository: string;
  /** The commit verified (the pull request's head). */
  sha: string;
}

/** Item ids as a person types them: case does not matter. */
export function sameItemId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The reply explaining item `id`; null when no plan of the report holds it. */
export function explainItem(report: Report, id: string, options: ExplainOptions): string | null {
  const found = report.plans.flatMap((plan) => plan.items.filter((item) => sameItemId(item.item.id, id)).map((item) => ({ plan, item })));
  if (found.length === 0) return null;
  const blocks = found.flatMap(({ plan, item }, i) => section(plan, item, options, i > 0));
  return fit('', blocks, COMMENT_LIMIT, (n) => `… ${more(n, 'claim')} not shown (comment limit); run claimcheck locally for the full report`);
}

/**
 * `### ❌ M2-004 · Retry failed deliveries`, then `**unverified** at abc1234 · [docs/PLAN.md:8](…) ·
 * 0 verified · 3 unverified · 1 unknown`, the notice if any, and a bullet per claim.
 */
function section(plan: PlanResult, { item, verdict, claims, notice }: ItemResult, options: ExplainOptions, later: boolean): Block[] {
  const count = (v: string): number => claims.filter((c) => c.verdict === v).length;
  const where = `[${inline(plan.path)}:${item.line}](${planLineUrl(options.repository, options.sha, plan.path, item.line)})`;
  const head = [
    `${later ? '\n' : ''}### ${ICON[verdict]} ${inline(item.id, 100)} · ${inline(item.title, 200)}`,
    '',
    `**${verdict}** at \`${shortSha(options.sha)}\` · ${where} · ${count('verified')} verified · ${count('unverified')} unverified · ${count('unknown')} unknown`,
    ...(notice ? ['', `> ${inline(notice, 1000)}`] : []),
    '',
    ...(claims.length === 0 ? ['The item cites no evidence.'] : []),
  ].join('\n');
  return [
    { text: head, count: 0 },
    ...claims.map(({ claim, verdict: v, code: c, reason, evidence }) => {
      const parts = [
        `${ICON[v]} ${jsonKind(claim)} ${code(claim.text)}`,
        `${code(c)}: ${inline(reason, 1000)}`,
        `[${inline(plan.path)}:${claim.line}](${planLineUrl(options.repository, options.sha, plan.path, claim.line)})`,
      ];
      if (evidence) parts.push(`cited: [${inline(evidenceLabel(evidence))}](${evidenceUrl(options.repository, evidence)})`);
      return { text: `- ${parts.join(' · ')}`, count: 1 };
    }),
  ];
}
