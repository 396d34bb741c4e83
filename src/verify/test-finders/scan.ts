/** Small linear scanners over comment-free source: balanced brackets, string literals, lines. */

export interface TestDefinition {
  /** 1-based line of the definition. */
  line: number;
  /** Offset of the definition's keyword (`def`, `it`, `func`...) in the code searched. */
  offset: number;
  /** The test's body, comments removed. Empty when the test has none (`it.todo('x')`). */
  body: string;
}

const QUOTES = new Set(['"', "'", '`']);

/** Index of the bracket that closes the one at `open`, skipping string literals; -1 if none. */
export function matchingClose(text: string, open: number): number {
  const opener = text[open];
  const closer = opener === '(' ? ')' : opener === '{' ? '}' : opener === '[' ? ']' : '';
  if (!closer) return -1;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (QUOTES.has(ch)) {
      i = endOfLiteral(text, i) - 1;
    } else if (ch === opener) {
      depth++;
    } else if (ch === closer) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** The index just past the string literal that starts at `start`. */
export function endOfLiteral(text: string, start: number): number {
  const quote = text[start]!;
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\') i++;
    else if (ch === quote) return i + 1;
    else if (ch === '\n' && quote !== '`') return i;
  }
  return text.length;
}

/** The string literal at `start` (its unescaped-enough value), or null. */
export function readLiteral(text: string, start: number): { value: string; end: number } | null {
  if (!QUOTES.has(text[start] ?? '')) return null;
  const end = endOfLiteral(text, start);
  return { value: text.slice(start + 1, end - 1).replace(/\\(.)/g, '$1'), end };
}

export function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/** 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The `{ ... }` block that follows `from`, or '' when none does. */
export function braceBlock(text: string, from: number): string {
  const open = text.indexOf('{', from);
  if (open === -1) return '';
  const close = matchingClose(text, open);
  return text.slice(open + 1, close === -1 ? text.length : close);
}
