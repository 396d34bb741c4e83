/**
 * Flattens mdast phrasing content into segments (text, inline code, links) that keep their offsets
 * in the plan source, split into lines. The claim extractor works on segments, never on raw
 * Markdown, so emphasis, escapes and link syntax are the parser's business, not ours.
 */
import type { Nodes, PhrasingContent } from 'mdast';

export interface Segment {
  type: 'text' | 'code' | 'link';
  /** Text as read: the text node's value, the code span's content, the link's visible text. */
  value: string;
  /** Offset of the segment in the plan source. */
  offset: number;
  /** True when `value` stands verbatim in the source at `offset` (no escapes or entities). */
  exact: boolean;
  /** The link target, for links. */
  url?: string;
}

export type Line = Segment[];

/** Offset → 1-based line and column. Lines end as Markdown ends them: at `\n`, `\r\n` or a lone `\r`. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(source: string) {
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i);
      if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

/** Segments of a run of phrasing nodes, in order, split into lines at newlines and hard breaks. */
export function toLines(nodes: PhrasingContent[], source: string): Line[] {
  const lines: Line[] = [[]];
  const push = (segment: Segment): void => {
    lines[lines.length - 1]!.push(segment);
  };
  const visit = (node: PhrasingContent): void => {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    switch (node.type) {
      case 'text': {
        const exact = source.slice(start, end) === node.value;
        let from = 0;
        for (const part of node.value.split('\n')) {
          if (from > 0) lines.push([]);
          if (part.length > 0) push({ type: 'text', value: part, offset: exact ? start + from : start, exact });
          from += part.length + 1;
        }
        return;
      }
      case 'inlineCode': {
        const raw = source.slice(start, end);
        const inner = raw.indexOf(node.value);
        push({ type: 'code', value: node.value, offset: inner >= 0 ? start + inner : start, exact: inner >= 0 });
        return;
      }
      case 'link':
        push({ type: 'link', value: plainText(node), offset: start, exact: false, url: node.url });
        return;
      case 'break':
        lines.push([]);
        return;
      default:
        if ('children' in node) for (const child of node.children as PhrasingContent[]) visit(child);
    }
  };
  for (const node of nodes) visit(node);
  return lines.filter((line) => line.length > 0);
}

/** The visible text of a line, for whole-field values such as a status or a test name. */
export function lineText(line: Line): string {
  return line.map((s) => s.value).join('');
}

/**
 * A line that starts with a label (`**Target File:** x`, `Status: Done`): the label's text and the
 * segments after the colon. The colon must end the label (followed by a space or the line's end)
 * so that `src/a.ts:L5` is never read as a label.
 */
export function splitLabel(line: Line): { label: string; rest: Line } | null {
  let label = '';
  for (let i = 0; i < line.length; i++) {
    const segment = line[i]!;
    if (segment.type !== 'text') return null;
    const colon = findLabelColon(segment.value);
    if (colon === -1) {
      label += segment.value;
      if (label.length > 60) return null;
      continue;
    }
    label += segment.value.slice(0, colon);
    if (!isLabelText(label)) return null;
    const after = segment.value.slice(colon + 1);
    const rest: Line = after.length > 0 ? [{ ...segment, value: after, offset: segment.exact ? segment.offset + colon + 1 : segment.offset }] : [];
    return { label, rest: [...rest, ...line.slice(i + 1)] };
  }
  return null;
}

function findLabelColon(text: string): number {
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) {
    const next = text[i + 1];
    if (next === undefined || next === ' ' || next === '\t' || next === '*' || next === '_') return i;
  }
  return -1;
}

function isLabelText(label: string): boolean {
  const words = label.replace(/[*_]/g, '').trim().split(/\s+/);
  return label.trim().length > 0 && words.length <= 6 && !/[/.\\`]/.test(label);
}
