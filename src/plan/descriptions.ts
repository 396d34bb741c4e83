/**
 * What a cited range is said to hold: the words after it on its line, up to the next claim
 * (`src/a.py:L5-L9 — retry with backoff`), cleaned of separators, line counts and template text.
 * The relevance check (src/verify/relevance.ts) looks for them in the cited lines.
 */
import { findSignedLoc } from './loc.js';
import { isEmptyValue, isUnfilled } from './notation.js';
import { parseStatus } from './status.js';
import type { Claim, RangeClaim } from './types.js';

/**
 * The description of each range cited on one line: the text that follows the range, up to the next
 * claim on the line (`src/a.py:L5-L9 — retry with backoff, src/b.py:L1 (jitter)`). The line's
 * segments are laid end to end, code spans kept in backticks; claims mark where they start.
 */
export class Descriptions {
  private text = '';
  private readonly ranges: Array<{ claim: RangeClaim; end: number }> = [];
  private readonly starts: number[] = [];

  /** Lays a segment's text down; returns where it starts. */
  add(text: string): number {
    const from = this.text.length;
    this.text += text;
    return from;
  }

  /** The claims pushed since `before` came from the text at `from`..`to` (by default, to the end so far). */
  mark(claims: Claim[], before: number, from: number, to = this.text.length): void {
    if (claims.length === before) return;
    this.starts.push(from);
    for (const claim of claims.slice(before)) if (claim.kind === 'range') this.ranges.push({ claim, end: to });
  }

  finish(): void {
    // sorted once and searched, so that a line of thousands of claims costs n log n, not n²
    const starts = [...this.starts].sort((a, b) => a - b);
    for (const { claim, end } of this.ranges) {
      const next = starts[firstAtOrAfter(starts, end)] ?? this.text.length;
      const description = cleanDescription(this.text.slice(end, Math.min(next, end + MAX_DESCRIPTION)), next === this.text.length);
      if (description !== null) claim.description = description;
    }
  }
}

/** The index of the first of the sorted `values` at or after `target` (`values.length` if none). */
function firstAtOrAfter(values: number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A code span's text as Markdown writes it, with a fence its content cannot close. */
export function codeSpan(value: string): string {
  // not Math.max(...runs): a span of 200,000 runs would overflow the stack as arguments
  const longest = (value.match(/`+/g) ?? []).reduce((most, run) => Math.max(most, run.length), 0);
  const fence = '`'.repeat(longest + 1);
  return longest === 0 ? `${fence}${value}${fence}` : `${fence} ${value} ${fence}`;
}

/** A description is a phrase: past this many characters the rest of the line is not read. */
const MAX_DESCRIPTION = 500;
const FILE_LENGTH = /\(\s*(?:~|about|around)?\s*\d[\d,]*\s+(?:lines?|LOC)\s*\)/gi;

/**
 * The words after a range, as a description: separators (`:`, `—`, `-`), a wrapping `(...)`, line
 * counts (`(5 lines)`, `+45/-5`) and trailing conjunctions dropped, cut at the end of the sentence.
 * Null when nothing is left; for template text (`[description]`, `TBD`) or a status (`PASSING`);
 * for a new clause (`and also ...`); and for words that lead into the next claim (`..., the
 * backoff in src/b.py`): those describe the claim they lead to.
 */
function cleanDescription(raw: string, last: boolean): string | null {
  let text = raw.replace(/\s+/g, ' ').replace(FILE_LENGTH, ' ');
  const figures = findSignedLoc(text).filter((figure, i, all) => i === 0 || figure.index !== all[i - 1]!.index); // `+45/-5` is two
  for (const figure of figures.reverse()) text = `${text.slice(0, figure.index)} ${text.slice(figure.index + figure.length)}`;
  text = text.replace(/(`+[^`]*`+)|\(\s*\)/g, (_, code: string | undefined) => code ?? ' ');
  const sentence = /[.!?]\s+(?=\p{Lu})/u.exec(text);
  if (sentence) {
    text = text.slice(0, sentence.index);
    last = true;
  }
  if (!last && /(?:^|\s)(?:in|at|from|see|of|on|to|into|under|by|via)\s*$|:\s*$/i.test(text)) return null;
  for (;;) {
    const before = text;
    text = text
      .trim()
      .replace(/^[\s:;,.|=>→—–-]+/, '')
      .replace(/[\s:;,.|—–-]+$/, '')
      .replace(/(?:^|\s+)(?:and|or|&|plus)$/i, '');
    if (!text.includes(')')) text = text.replace(/^\(/, '');
    if (!text.includes('(')) text = text.replace(/\)$/, '');
    if (/^\([^()]*\)$/.test(text) || /^"[^"]*"$/.test(text) || /^“[^”]*”$/.test(text)) text = text.slice(1, -1);
    if (text === before) break;
  }
  if (!/\p{L}/u.test(text) || isEmptyValue(text) || isUnfilled(text)) return null;
  if (/^(?:and|but|or|so|then|also|plus)\b/i.test(text)) return null;
  return isStatusOnly(text) ? null : text;
}

/** `PASSING`, `✅ Done`, `In Progress`: a status, not what the lines hold (`open connection` is). */
function isStatusOnly(text: string): boolean {
  const words = text.split(' ');
  if (words.length > 2 || parseStatus(text) === null) return false;
  return words.length === 1 || parseStatus(words[1]!) !== null || /^(?:progress|do|started|hold|review)$/i.test(words[1]!);
}
