/**
 * `/claimcheck fix`: a pull request review on the plan with a GitHub suggested change for each
 * drifted range (`range-drifted` with a `suggestion`), the plan line with only the line numbers of
 * the range rewritten. Pure: the caller reads the plan texts and the diff, and sends the review.
 */
import { applyRangeFixes, rewriteRangeText } from '../plan/rewrite.js';
import type { Claim } from '../plan/types.js';
import type { ClaimResult, Report, RangeSuggestion } from '../verify/report.js';
import { code, inline, planLineUrl, shortSha } from './links.js';

export interface Drifted {
  /** The plan's path. */
  plan: string;
  result: ClaimResult;
}

/** A review comment as `POST /repos/{o}/{r}/pulls/{n}/reviews` takes it. */
export interface ReviewComment {
  path: string;
  line: number;
  side: 'RIGHT';
  body: string;
}

export interface FixReview {
  body: string;
  comments: ReviewComment[];
}

export interface FixOptions {
  /** `owner/repo`, for permalinks. */
  repository: string;
  /** The pull request's head commit: the plan lines are those of the plan there. */
  sha: string;
}

/** Every `range-drifted` claim of the report, in plan order. */
export function driftedClaims(report: Report): Drifted[] {
  return report.plans.flatMap((plan) => plan.items.flatMap((item) => item.claims.filter((c) => c.code === 'range-drifted').map((result) => ({ plan: plan.path, result }))));
}

/**
 * `line` with the claim's range moved to the suggestion's lines, in the writer's style (`L10-L20`,
 * `10-20`, `#L10-L20`, `:10–20`, `L5`, a link's `#L10-L20`); nothing else on the line changes.
 * Null when the claim is no range on this line, or the block moved to another file (a path to
 * rewrite, not only line numbers).
 */
export function rewriteRange(line: string, claim: Claim, suggestion: RangeSuggestion): string | null {
  if (claim.kind !== 'range' || suggestion.path !== undefined) return null;
  const fix = { line: 1, column: claim.column, text: claim.text, start: suggestion.start, end: suggestion.end };
  const { text, applied } = applyRangeFixes(line, [fix]);
  return applied.length === 1 ? text : null;
}

/** The lines of the new file a patch shows (added and context lines): the ones a review comment may sit on. */
export function diffLines(patch: string | undefined): Set<number> {
  const lines = new Set<number>();
  for (const [, start, count] of (patch ?? '').matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const first = Number(start);
    for (let n = 0; n < (count === undefined ? 1 : Number(count)); n++) lines.add(first + n);
  }
  return lines;
}

/**
 * The review: a suggestion per drifted range on its plan line (ranges that share a line share one
 * suggestion, since GitHub applies one per line), and, in the body, the drifts no suggestion can
 * carry: a line outside the pull request's diff, a block moved to another file or to several places.
 */
export function fixReview(drifted: Drifted[], texts: Map<string, string>, diff: Map<string, Set<number>>, options: FixOptions): FixReview {
  const lines = new Map<string, { plan: string; line: number; fixes: Drifted[] }>();
  const notes: string[] = [];
  const where = (plan: string, line: number): string => `[${inline(plan)}:${line}](${planLineUrl(options.repository, options.sha, plan, line)})`;
  for (const d of drifted) {
    const { claim, suggestion } = d.result;
    const note = (why: string): number => notes.push(`- ${where(d.plan, claim.line)} · ${code(claim.text)}: ${why}`);
    const text = planLine(texts.get(d.plan), claim.line);
    if (!suggestion) note(inline(d.result.reason, 1000));
    else if (suggestion.path !== undefined) note(`moved to ${code(`${suggestion.path}:L${suggestion.start}-L${suggestion.end}`)}; change the path by hand`);
    else if (text === undefined || rewriteRange(text, claim, suggestion) === null) note('the range is not on its plan line as claimcheck read it; change it by hand');
    else {
      const key = `${d.plan}\0${claim.line}`;
      const entry = lines.get(key) ?? { plan: d.plan, line: claim.line, fixes: [] };
      lines.set(key, { ...entry, fixes: [...entry.fixes, d] });
    }
  }
  const comments: ReviewComment[] = [];
  const outside: string[] = [];
  for (const { plan, line, fixes } of lines.values()) {
    const before = planLine(texts.get(plan), line)!;
    // right to left, so a rewrite does not move the columns of the ranges before it
    const after = [...fixes].sort((a, b) => b.result.claim.column - a.result.claim.column).reduce((text, f) => rewriteRange(text, f.result.claim, f.result.suggestion!) ?? text, before);
    const moves = fixes.map(({ result: { claim, suggestion } }) => `${code(claim.text)} → ${code(rewriteRangeText(claim.text, suggestion!.start, suggestion!.end) ?? claim.text)}`);
    if (diff.get(plan)?.has(line)) comments.push({ path: plan, line, side: 'RIGHT', body: suggestionBody(fixes, moves, after, options) });
    else outside.push(`- ${where(plan, line)} · ${moves.join(', ')}`);
  }
  const total = drifted.length;
  const body = [
    `### claimcheck: ${total} drifted range${total === 1 ? '' : 's'} at \`${shortSha(options.sha)}\``,
    '',
    comments.length > 0 ? 'Each suggestion below moves a cited range to where its code stands now. claimcheck pushes nothing: commit the suggestions you accept.' : 'No suggestion could be placed on the plan lines.',
    ...(outside.length > 0
      ? ['', "These plan lines are not part of this pull request's diff, where GitHub takes suggestions: change them by hand, or run `claimcheck verify --fix` on the plan.", '', ...outside]
      : []),
    ...(notes.length > 0 ? ['', 'Not suggested:', '', ...notes] : []),
  ];
  return { body: body.join('\n'), comments };
}

function suggestionBody(fixes: Drifted[], moves: string[], after: string, options: FixOptions): string {
  const reasons = fixes.map((f, i) => `- ${moves[i]}: ${inline(f.result.reason, 1000)}`);
  const fence = '`'.repeat(Math.max(3, ...(after.match(/`+/g) ?? []).map((run) => run.length + 1)));
  return [`claimcheck: ${fixes.length === 1 ? 'this range drifted' : 'these ranges drifted'} (\`range-drifted\` at \`${shortSha(options.sha)}\`).`, '', ...reasons, '', `${fence}suggestion`, after, fence].join('\n');
}

/** Line `n` (1-based) of a plan's text, without its line ending or byte order mark. */
function planLine(text: string | undefined, n: number): string | undefined {
  const line = text?.replace(/^\uFEFF/, '').split('\n')[n - 1];
  return line?.replace(/\r$/, '');
}
