/**
 * Rewrites a range notation in place, keeping the writer's style (`L10-L20`, `10-20`, `#L10-L20`,
 * `:10–20`, a single `L5`), and applies such rewrites to a plan's text without touching any
 * other byte. The inverse of notation.ts, for `claimcheck verify --fix`. Pure.
 */

const SUFFIX = /^(L?)(\d{1,20})(?:(\s*[-–—]\s*)(L?)(\d{1,20}))?((?:C\d+)?)$/;

/** `path:L10-L20` with lines `start`-`end`; null when the text holds no range notation. */
export function rewriteRangeText(text: string, start: number, end: number): string | null {
  for (const separator of ['#', ':']) {
    const at = text.lastIndexOf(separator);
    if (at <= 0) continue;
    const m = SUFFIX.exec(text.slice(at + 1));
    if (!m) continue;
    const [, startL = '', , dash, endL, , column = ''] = m;
    const fragment = separator === '#';
    const lineMark = fragment ? 'L' : startL;
    const endMark = endL ?? (fragment ? 'L' : lineMark);
    const range = start === end ? `${lineMark}${start}` : `${lineMark}${start}${dash ?? '-'}${endMark}${end}`;
    return `${text.slice(0, at + 1)}${range}${start === end ? column : ''}`;
  }
  return null;
}

export interface RangeFix {
  /** 1-based line and column of the claim in the plan. */
  line: number;
  column: number;
  /** The claim's text as parsed (a token, or a link's target). */
  text: string;
  start: number;
  end: number;
}

export interface AppliedFix {
  line: number;
  before: string;
  after: string;
}

/**
 * The plan text with each fix applied on its own line; every other byte (line endings, a byte
 * order mark, trailing spaces) stays as it was. Fixes whose text is not on their line are skipped.
 */
export function applyRangeFixes(source: string, fixes: RangeFix[]): { text: string; applied: AppliedFix[] } {
  const bom = source.startsWith('\uFEFF') ? '\uFEFF' : '';
  const lines = source.slice(bom.length).split('\n');
  const applied: AppliedFix[] = [];
  const byLine = [...fixes].sort((a, b) => a.line - b.line || b.column - a.column);
  for (const fix of byLine) {
    const line = lines[fix.line - 1];
    const after = rewriteRangeText(fix.text, fix.start, fix.end);
    if (line === undefined || after === null || after === fix.text) continue;
    const from = line.startsWith(fix.text, fix.column - 1) ? fix.column - 1 : line.indexOf(fix.text);
    if (from === -1) continue;
    lines[fix.line - 1] = line.slice(0, from) + after + line.slice(from + fix.text.length);
    applied.push({ line: fix.line, before: fix.text, after });
  }
  return { text: bom + lines.join('\n'), applied: applied.sort((a, b) => a.line - b.line) };
}
