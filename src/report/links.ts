/**
 * What the GitHub renderers (check run output, the sticky PR comment) share: permalinks to cited
 * lines, escaping of text that comes from plans, the headline counts, the claims that did not
 * verify in the order they are shown, item tables, and fitting text under GitHub's size limits.
 * Pure: no I/O, and the same report always gives the same text.
 */
import type { Verdict } from '../plan/types.js';
import type { ClaimResult, EvidenceLocation, ItemResult, PlanResult, Report, Summary } from '../verify/report.js';
import { cell } from './markdown.js';

export const ICON: Record<Verdict, string> = { verified: '✅', unverified: '❌', unknown: '❔' };

/** GitHub renders these files, so a line anchor needs `?plain=1` to reach the source line. */
const RENDERED = /\.(md|markdown|mdown|mkdn|mkd|mdwn|rst|adoc|asciidoc|org|textile|rdoc|creole|mediawiki|wiki|pod|ipynb)$/i;

/** A URL path segment: everything but unreserved characters percent-encoded (also `()` for Markdown links). */
function segment(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A repository path for a URL: each segment encoded, `/` kept. */
export function encodePath(path: string): string {
  return path.replace(/^\/+/, '').split('/').map(segment).join('/');
}

/** `#L5` for one line, `#L5-L9` for a range, nothing without lines. */
export function lineFragment(start?: number, end?: number): string {
  if (start === undefined) return '';
  return end === undefined || end === start ? `#L${start}` : `#L${start}-L${end}`;
}

/** `https://github.com/<repository>/blob/<commit>/<path>#L<start>-L<end>`. */
export function blobUrl(repository: string, commit: string, path: string, start?: number, end?: number): string {
  const fragment = lineFragment(start, end);
  const plain = fragment && RENDERED.test(path) ? '?plain=1' : '';
  return `https://github.com/${encodePath(repository)}/blob/${segment(commit)}/${encodePath(path)}${plain}${fragment}`;
}

/** The permalink to the lines (or the file) where a claim's evidence was found. */
export function evidenceUrl(repository: string, evidence: EvidenceLocation): string {
  return blobUrl(repository, evidence.commit, evidence.path, evidence.start, evidence.end);
}

/** The plan line a claim stands on, in the plan at `sha`. */
export function planLineUrl(repository: string, sha: string, planPath: string, line: number): string {
  return blobUrl(repository, sha, planPath, line);
}

/** `path:L9-L99`, `path:L9` or `path`: the label of an evidence link. */
export function evidenceLabel(evidence: EvidenceLocation): string {
  return `${evidence.path}${lineFragment(evidence.start, evidence.end).replace('#', ':')}`;
}

/** At most `max` UTF-16 units, ending in `…` when cut (never inside a surrogate pair). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** At most `max` UTF-8 bytes, ending in `…` when cut (never inside a character). */
export function clipBytes(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  let bytes = 3; // the ellipsis
  let out = '';
  for (const char of text) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > max) break;
    out += char;
  }
  return `${out}…`;
}

/**
 * Plan text shown as Markdown prose or in a table cell: one line, no HTML, no emphasis, links or
 * table breaks, and no @-mentions (a zero-width space after `@`, so nobody is pinged).
 */
export function inline(text: string, max = 300): string {
  const escaped = clip(text.replace(/\r\n?/g, '\n'), max)
    .replace(/[\\`*_[\]~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '@&#8203;');
  return cell(escaped).trim();
}

/** Plan text as a code span: literal (no HTML, no mentions), fenced past any backticks it holds. */
export function code(text: string, max = 300): string {
  const flat = clip(text.replace(/\s*[\r\n]+\s*/g, ' '), max);
  if (flat.length === 0) return '` `';
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** `38/42 claims verified · 3 unverified · 1 unknown`. */
export function headline(summary: Summary): string {
  return `${summary.verified}/${summary.claims} claims verified · ${summary.unverified} unverified · ${summary.unknown} unknown`;
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

export interface Shown {
  plan: PlanResult;
  item: ItemResult;
  result: ClaimResult;
}

/** Every claim not verified: the unverified ones first, then the unknown, each in plan order. */
export function notVerified(report: Report): Shown[] {
  const all = report.plans.flatMap((plan) => plan.items.flatMap((item) => item.claims.map((result) => ({ plan, item, result }))));
  return [...all.filter((s) => s.result.verdict === 'unverified'), ...all.filter((s) => s.result.verdict === 'unknown')];
}

/** The table row of one item: id, title, verdict and its claims by verdict. */
export function itemRow({ item, verdict, claims }: ItemResult): string {
  const count = (v: Verdict): number => claims.filter((c) => c.verdict === v).length;
  return `| ${inline(item.id, 100)} | ${inline(item.title, 200)} | ${ICON[verdict]} ${verdict} | ${count('verified')} | ${count('unverified')} | ${count('unknown')} |`;
}

export const TABLE_HEAD = '| Item | Title | Verdict | Verified | Unverified | Unknown |\n| --- | --- | --- | ---: | ---: | ---: |';

/**
 * One block per item, for `fit`: a plan's heading and table head ride on its first row, so a cut
 * never leaves a table without its head. A plan without items is one block counting no item.
 */
export function itemBlocks(plans: PlanResult[], heading: string): Block[] {
  return plans.flatMap((plan) => {
    const head = `\n${heading} ${code(plan.path)}\n\n`;
    if (plan.items.length === 0) return [{ text: `${head}No items with evidence found.`, count: 0 }];
    return plan.items.map((item, i) => ({ text: `${i === 0 ? `${head}${TABLE_HEAD}\n` : ''}${itemRow(item)}`, count: 1 }));
  });
}

/** A piece of output that is shown whole or not at all; `count` is how many things it shows. */
export interface Block {
  text: string;
  count: number;
}

export const RUN_LOCALLY = 'run claimcheck locally for the full report';

/** `1 more claim`, `3 more claims`. */
export function more(n: number, noun: string): string {
  return `${n} more ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * `head` and then as many blocks (one per line or group of lines) as fit in `limit` characters;
 * when some do not, the output stops at a block boundary and ends, after a blank line (so it
 * never joins a table), with `note(how many things were left out)`.
 */
export function fit(head: string, blocks: Block[], limit: number, note: (hidden: number) => string): string {
  const parts = head === '' ? blocks.map((b) => b.text) : [head, ...blocks.map((b) => b.text)];
  const skip = parts.length - blocks.length;
  const whole = parts.join('\n');
  if (whole.length <= limit) return whole;
  // The longest run of blocks that still leaves room for the note (a blank line, then the note).
  let hidden = blocks.reduce((sum, b) => sum + b.count, 0);
  let shown = 0;
  let shownHidden = hidden;
  let length = head.length;
  for (let i = 0; i < blocks.length; i++) {
    length += (i + skip === 0 ? 0 : 1) + blocks[i]!.text.length;
    hidden -= blocks[i]!.count;
    if (length + 2 + note(hidden).length > limit) break;
    shown = i + 1;
    shownHidden = hidden;
  }
  const ending = `\n\n${note(shownHidden)}`;
  if (skip + shown === 0) return note(shownHidden);
  if (shown === 0 && head.length + ending.length > limit) return `${clip(head, limit - ending.length)}${ending}`;
  return `${parts.slice(0, skip + shown).join('\n')}${ending}`;
}
