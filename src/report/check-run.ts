/**
 * The check run output of the GitHub App: conclusion, title, a Markdown summary (a table per
 * plan), the claims that did not verify, and one annotation per such claim on its plan line.
 * Pure: the caller sends it (annotations in pages of 50, see `annotationPages`).
 */
import type { Report } from '../verify/report.js';
import { jsonKind } from './json.js';
import {
  ICON,
  RUN_LOCALLY,
  clip,
  clipBytes,
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

/** GitHub's limit on a check run's `output.summary` and `output.text`, in characters. */
export const OUTPUT_LIMIT = 65_535;
/** GitHub's limit on the annotations of one create or update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** GitHub: an annotation title has at most 255 characters. */
export const ANNOTATION_TITLE_LIMIT = 255;
/** GitHub: an annotation's `message` and `raw_details` are at most 64 KB (kept below, in UTF-8 bytes). */
export const ANNOTATION_BYTES_LIMIT = 64_000;
/**
 * Annotations per check run: two requests' worth, so a push costs at most three writes (create,
 * two updates) however broken the plan. Unverified claims come first; every claim not verified
 * is still listed in the run's text.
 */
export const MAX_ANNOTATIONS = 2 * ANNOTATIONS_PER_REQUEST;

export type FailOn = 'unverified' | 'unknown';

export interface CheckRunOptions {
  /** `owner/repo`, for permalinks. */
  repository: string;
  /** The commit the check run is for. */
  sha: string;
  failOn: FailOn;
}

export type AnnotationLevel = 'notice' | 'warning' | 'failure';

/** A check run annotation, as the GitHub REST API takes it. */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: AnnotationLevel;
  title?: string;
  message: string;
  raw_details?: string;
}

export interface CheckRunResult {
  /** neutral: nothing failed, but GitHub did not give some facts (see FAULT_CODES): never success then. */
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  summary: string;
  text?: string;
  annotations: Annotation[];
}

export interface NeutralResult {
  conclusion: 'neutral';
  title: string;
  summary: string;
}

/** The button on the check run that asks for another run (GitHub: label ≤ 20, description ≤ 40, identifier ≤ 20). */
export const REVERIFY_ACTION = { label: 'Re-verify', description: 'Run claimcheck again on this commit', identifier: 'reverify' } as const;

const MEANING =
  '✅ **verified**: the evidence was found and holds · ❌ **unverified**: the evidence was checked and does not hold · ❔ **unknown**: it could not be decided here';

/** Unknown verdicts that mean a read failed (GitHub did not answer for that fact), not a plan's gap. */
export const FAULT_CODES: ReadonlySet<string> = new Set(['source-unavailable', 'commit-unavailable']);

export function checkRunOutput(report: Report, options: CheckRunOptions): CheckRunResult {
  const s = report.summary;
  const failed = s.unverified > 0 || (options.failOn === 'unknown' && s.unknown > 0);
  const faults = report.plans.flatMap((p) => p.items.flatMap((i) => i.claims)).filter((c) => c.verdict === 'unknown' && FAULT_CODES.has(c.code)).length;
  const shown = notVerified(report);
  return {
    conclusion: failed ? 'failure' : faults > 0 ? 'neutral' : 'success',
    title: headline(s),
    summary: summary(report, options, failed ? 0 : faults, shown.length),
    ...(shown.length > 0 ? { text: text(shown, options) } : {}),
    annotations: shown.slice(0, MAX_ANNOTATIONS).map((entry) => annotation(entry, options)),
  };
}

/** The output when claimcheck could not finish (the caller decides when): the reason as one paragraph. */
export function neutralOutput(reason: string): NeutralResult {
  const paragraph = reason.replace(/\s+/g, ' ').trim() || 'no reason was given';
  const escaped = paragraph.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return { conclusion: 'neutral', title: 'claimcheck could not finish', summary: clip(escaped, OUTPUT_LIMIT) };
}

/** Annotations in pages of at most `size` (GitHub takes 50 per request); none gives no page. */
export function annotationPages(annotations: Annotation[], size = ANNOTATIONS_PER_REQUEST): Annotation[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`page size must be a positive whole number, not ${size}`);
  const pages: Annotation[][] = [];
  for (let i = 0; i < annotations.length; i += size) pages.push(annotations.slice(i, i + size));
  return pages;
}

function summary(report: Report, options: CheckRunOptions, faults: number, notVerifiedCount: number): string {
  const failsOn = options.failOn === 'unknown' ? 'unverified or unknown claims' : 'unverified claims';
  const head = [`Verified at \`${shortSha(report.ref)}\`; this check fails on ${failsOn}.`, '', MEANING];
  if (notVerifiedCount > MAX_ANNOTATIONS) {
    head.push('', `Annotations mark the first ${MAX_ANNOTATIONS} of the ${notVerifiedCount} claims not verified on the plan's lines (unverified first); the list below names them all, as far as GitHub's output limit allows.`);
  }
  if (faults > 0) {
    const claims = faults === 1 ? '1 claim' : `${faults} claims`;
    head.unshift(`> ⚠️ ${claims} could not be checked because GitHub did not give the facts (\`source-unavailable\`, \`commit-unavailable\`): neutral, not success. Re-verify to try again.`, '');
  }
  if (report.plans.length === 0) head.push('', 'No plans were checked.');
  const readiness = readinessMarkdown(readinessOf(report), { heading: '###', escape: inline, maxSections: MAX_SECTION_ROWS });
  if (readiness) head.push('', readiness);
  return fit(head.join('\n'), itemBlocks(report.plans, '###'), OUTPUT_LIMIT, (n) =>
    n > 0 ? `… ${more(n, 'item')} not shown (output limit); ${RUN_LOCALLY}` : `… the rest is not shown (output limit); ${RUN_LOCALLY}`,
  );
}

function text(shown: Shown[], options: CheckRunOptions): string {
  const unverified = shown.filter((s) => s.result.verdict === 'unverified').length;
  const blocks: Block[] = shown.map((entry, i) => {
    const verdict = entry.result.verdict;
    const first = i === 0 || shown[i - 1]!.result.verdict !== verdict;
    const total = verdict === 'unverified' ? unverified : shown.length - unverified;
    const heading = first ? `${i === 0 ? '' : '\n'}### ${ICON[verdict]} ${verdict === 'unverified' ? 'Unverified' : 'Unknown'} (${total})\n\n` : '';
    return { text: `${heading}${bullet(entry, options)}`, count: 1 };
  });
  return fit('', blocks, OUTPUT_LIMIT, (n) => `… ${more(n, 'claim')} not shown (output limit); ${RUN_LOCALLY}`);
}

/**
 * `- ❌ [docs/PLAN.md:15](plan line) · **T-005** · range `src/a.ts:L9-L99` · `range-out-of-bounds`: reason ·
 * [src/a.ts:L9-L99](permalink to the cited lines, when the evidence was found)`.
 */
function bullet({ plan, item, result }: Shown, options: CheckRunOptions): string {
  const { claim, verdict, evidence } = result;
  const parts = [
    `${ICON[verdict]} [${inline(plan.path)}:${claim.line}](${planLineUrl(options.repository, options.sha, plan.path, claim.line)})`,
    `**${inline(item.item.id, 100)}**`,
    `${jsonKind(claim)} ${code(claim.text)}`,
    `${code(result.code)}: ${inline(result.reason, 1000)}`,
  ];
  if (evidence) parts.push(`[${inline(evidenceLabel(evidence))}](${evidenceUrl(options.repository, evidence)})`);
  return `- ${parts.join(' · ')}`;
}

function annotation({ plan, result }: Shown, options: CheckRunOptions): Annotation {
  const { claim, verdict, evidence } = result;
  const message = evidence ? `${result.reason}\n${evidenceUrl(options.repository, evidence)}` : result.reason;
  return {
    path: plan.path,
    start_line: claim.line,
    end_line: claim.line,
    annotation_level: verdict === 'unverified' ? 'failure' : 'warning',
    title: clip(`${result.code}: ${jsonKind(claim)}`, ANNOTATION_TITLE_LIMIT),
    message: clipBytes(message, ANNOTATION_BYTES_LIMIT),
    ...(claim.text ? { raw_details: clipBytes(claim.text, ANNOTATION_BYTES_LIMIT) } : {}),
  };
}
