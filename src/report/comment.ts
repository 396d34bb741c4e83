/**
 * The sticky pull request comment: found again by its hidden marker, so the app keeps one comment
 * and edits it. Pure and deterministic (no timestamps): the same report gives a byte-identical
 * body, so the app can skip the update when nothing changed.
 */
import type { Report } from '../verify/report.js';
import { jsonKind } from './json.js';
import {
  ICON,
  RUN_LOCALLY,
  code,
  evidenceLabel,
  evidenceUrl,
  fit,
  headline,
  inline,
  itemBlocks,
  more,
  notVerified,
  planLineUrl,
  shortSha,
  type Block,
  type Shown,
} from './links.js';
import { MAX_SECTION_ROWS, readinessMarkdown, readinessOf } from './readiness.js';

export const STICKY_MARKER = '<!-- claimcheck:sticky -->';

/** GitHub's limit on an issue or pull request comment, in characters. */
export const COMMENT_LIMIT = 65_536;

export interface CommentOptions {
  /** `owner/repo`, for permalinks. */
  repository: string;
  /** The commit verified (the pull request's head): plan lines are linked there. */
  sha: string;
}

export function stickyComment(report: Report, options: CommentOptions): string {
  const s = report.summary;
  const head = [STICKY_MARKER, `## claimcheck: ${headline(s)}`, ''];
  const shown = notVerified(report);
  const scores = readinessOf(report);
  const readiness = readinessMarkdown(scores, { heading: '###', escape: inline, maxSections: MAX_SECTION_ROWS });
  if (shown.length === 0) {
    const line =
      s.claims === 0
        ? `No claims to verify at \`${shortSha(report.ref)}\`: the plans cite no evidence.`
        : `✅ All ${s.claims} claim${s.claims === 1 ? '' : 's'} verified at \`${shortSha(report.ref)}\`.`;
    // every claim verified: the table says something only when an item is still not ready (it cites nothing)
    const allReady = scores.overall.items.share === 1;
    return [...head, line, ...(readiness && !allReady ? ['', readiness] : [])].join('\n');
  }
  head.push(`Verified at \`${shortSha(report.ref)}\`.`);
  if (readiness) head.push('', readiness);
  const unverified = shown.filter((e) => e.result.verdict === 'unverified').length;
  const blocks: Block[] = shown.map((entry, i) => {
    const verdict = entry.result.verdict;
    const first = i === 0 || shown[i - 1]!.result.verdict !== verdict;
    const total = verdict === 'unverified' ? unverified : shown.length - unverified;
    const heading = first ? `\n### ${ICON[verdict]} ${verdict === 'unverified' ? 'Unverified' : 'Unknown'} (${total})\n\n` : '';
    return { text: `${heading}${bullet(entry, options)}`, count: 1 };
  });
  // The item table is one block: shown whole, or left out (it comes last, so only if the claims fit).
  const table = itemBlocks(report.plans, '####').map((b) => b.text).join('\n');
  blocks.push({ text: `\n<details>\n<summary>All items (${s.items})</summary>\n${table}\n\n</details>`, count: 0 });
  return fit(head.join('\n'), blocks, COMMENT_LIMIT, (n) =>
    n > 0
      ? `… ${more(n, 'claim')} and the item table not shown (comment limit); ${RUN_LOCALLY}`
      : `… the item table is not shown (comment limit); ${RUN_LOCALLY}`,
  );
}

/** Whether a comment body is claimcheck's sticky comment (it starts with the marker). */
export function isStickyComment(body: string | undefined | null): boolean {
  return typeof body === 'string' && body.trimStart().startsWith(STICKY_MARKER);
}

/**
 * `- ❌ **T-005** · [docs/PLAN.md:15](plan line) · range `src/a.ts:L9-L99` · `range-out-of-bounds`: reason ·
 * cited: [src/a.ts:L9-L99](permalink)`; without evidence the plan line link is the only link.
 */
function bullet({ plan, item, result }: Shown, options: CommentOptions): string {
  const { claim, verdict, evidence } = result;
  const parts = [
    `${ICON[verdict]} **${inline(item.item.id, 100)}**`,
    `[${inline(plan.path)}:${claim.line}](${planLineUrl(options.repository, options.sha, plan.path, claim.line)})`,
    `${jsonKind(claim)} ${code(claim.text, 200)}`,
    `${code(result.code)}: ${inline(result.reason, 1000)}`,
  ];
  if (evidence) parts.push(`cited: [${inline(evidenceLabel(evidence))}](${evidenceUrl(options.repository, evidence)})`);
  return `- ${parts.join(' · ')}`;
}
