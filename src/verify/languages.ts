/**
 * Comment and string syntax per language, by file extension, and a linear lexer that blanks out
 * comments (and Python docstrings) while keeping every line in place. Pure (memoized).
 */
import { LruCache } from '../repo/lru.js';

export type Family = 'python' | 'c' | 'hash' | 'ruby' | 'sql' | 'markup';

export interface Language {
  name: string;
  family: Family;
}

const EXTENSIONS: Record<string, Language> = {};
function register(name: string, family: Family, extensions: string[]): void {
  for (const ext of extensions) EXTENSIONS[ext] = { name, family };
}
register('python', 'python', ['py', 'pyi']);
register('typescript', 'c', ['ts', 'tsx', 'mts', 'cts']);
register('javascript', 'c', ['js', 'jsx', 'mjs', 'cjs']);
register('go', 'c', ['go']);
register('java', 'c', ['java']);
register('kotlin', 'c', ['kt', 'kts']);
register('scala', 'c', ['scala']);
register('rust', 'c', ['rs']);
register('c', 'c', ['c', 'h']);
register('cpp', 'c', ['cc', 'cpp', 'cxx', 'hpp', 'hh', 'hxx']);
register('csharp', 'c', ['cs']);
register('swift', 'c', ['swift']);
register('php', 'c', ['php']);
register('dart', 'c', ['dart']);
register('ruby', 'ruby', ['rb', 'rake', 'gemspec']);
register('shell', 'hash', ['sh', 'bash', 'zsh', 'ksh']);
register('yaml', 'hash', ['yml', 'yaml']);
register('toml', 'hash', ['toml']);
register('perl', 'hash', ['pl', 'pm']);
register('r', 'hash', ['r']);
register('sql', 'sql', ['sql']);
register('lua', 'sql', ['lua']);
register('html', 'markup', ['html', 'htm', 'xml', 'vue', 'svelte']);

const NAMED: Record<string, Language> = {
  Dockerfile: { name: 'dockerfile', family: 'hash' },
  Makefile: { name: 'make', family: 'hash' },
  Rakefile: { name: 'ruby', family: 'ruby' },
  Gemfile: { name: 'ruby', family: 'ruby' },
};

/** The language of a path, or null when claimcheck does not know its comment syntax. */
export function languageOf(path: string): Language | null {
  const name = path.split('/').pop() ?? '';
  if (NAMED[name]) return NAMED[name];
  const dot = name.lastIndexOf('.');
  return dot > 0 ? (EXTENSIONS[name.slice(dot + 1).toLowerCase()] ?? null) : null;
}

interface Syntax {
  line: string[];
  block: Array<[string, string]>;
  quotes: string[];
}

const SYNTAX: Record<Family, Syntax> = {
  python: { line: ['#'], block: [], quotes: ['"""', "'''", '"', "'"] },
  c: { line: ['//'], block: [['/*', '*/']], quotes: ['"', "'", '`'] },
  hash: { line: ['#'], block: [], quotes: ['"', "'"] },
  ruby: { line: ['#'], block: [['=begin', '=end']], quotes: ['"', "'"] },
  sql: { line: ['--'], block: [['/*', '*/'], ['--[[', ']]']], quotes: ['"', "'"] },
  markup: { line: [], block: [['<!--', '-->']], quotes: [] },
};

/**
 * The text with comments replaced by spaces, line breaks kept, so line numbers still match. In
 * Python a string that stands alone as a statement (a docstring) is blanked too; with `strings`,
 * every string literal is (so brackets and names inside strings are not taken for code).
 */
export function stripComments(text: string, family: Family, strings = false): string {
  // a file cited by many claims is stripped once, not once per claim (the same text object
  // comes back from the snapshot for each, so the lookup does not rehash it)
  const key = `${family}${strings ? '+strings' : ''}`;
  let memo = STRIPPED.get(key);
  if (!memo) STRIPPED.set(key, (memo = new LruCache<string, string>(64 * 1024 * 1024, (value) => value.length * 2)));
  const known = memo.get(text);
  if (known !== undefined) return known;
  const stripped = strip(text, family, strings);
  memo.set(text, stripped);
  return stripped;
}

/** Stripped texts by family: bounded, as a long-running App strips many files. */
const STRIPPED = new Map<string, LruCache<string, string>>();

/** Per family, the characters a comment, block or string can start with: runs of others are copied whole. */
const STARTERS: Record<Family, RegExp> = Object.fromEntries(
  (Object.entries(SYNTAX) as Array<[Family, Syntax]>).map(([family, syntax]) => {
    const firsts = new Set([...syntax.line, ...syntax.block.map(([open]) => open), ...syntax.quotes].map((marker) => marker[0]!));
    const escaped = [...firsts].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('');
    return [family, new RegExp(escaped ? `[${escaped}]` : '(?!)', 'g')];
  }),
) as Record<Family, RegExp>;

function strip(text: string, family: Family, strings: boolean): string {
  const syntax = SYNTAX[family];
  const starters = STARTERS[family];
  const out: string[] = [];
  let i = 0;
  let lineStart = true; // only whitespace since the last newline: a string here may be a docstring
  const blank = (from: number, to: number): void => {
    out.push(text.slice(from, to).replace(/[^\n]/g, ' '));
  };
  while (i < text.length) {
    starters.lastIndex = i;
    const next = starters.exec(text)?.index ?? text.length;
    if (next > i) {
      // plain code up to the next possible comment or string: copied in one piece
      const run = text.slice(i, next);
      const newline = run.lastIndexOf('\n');
      lineStart = newline === -1 ? lineStart && /^[ \t]*$/.test(run) : /^[ \t]*$/.test(run.slice(newline + 1));
      out.push(run);
      i = next;
      if (i >= text.length) break;
    }
    const ch = text[i]!;
    // blocks first: Lua's `--[[` opens a block, though it starts like the line comment `--`
    const block = syntax.block.find(([open]) => text.startsWith(open, i));
    if (block) {
      const close = text.indexOf(block[1], i + block[0].length);
      const stop = close === -1 ? text.length : close + block[1].length;
      blank(i, stop);
      i = stop;
      continue;
    }
    const line = syntax.line.find((m) => text.startsWith(m, i));
    if (line) {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      blank(i, stop);
      i = stop;
      continue;
    }
    const quote = syntax.quotes.find((q) => text.startsWith(q, i));
    if (quote) {
      const stop = endOfString(text, i, quote);
      if (strings || (family === 'python' && lineStart && isAloneOnLine(text, stop))) blank(i, stop);
      else out.push(text.slice(i, stop));
      i = stop;
      lineStart = false;
      continue;
    }
    out.push(ch);
    if (ch === '\n') lineStart = true;
    else if (ch !== ' ' && ch !== '\t') lineStart = false;
    i++;
  }
  return out.join('');
}

function endOfString(text: string, start: number, quote: string): number {
  let i = start + quote.length;
  const multiline = quote.length === 3 || quote === '`';
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (text.startsWith(quote, i)) return i + quote.length;
    if (ch === '\n' && !multiline) return i;
    i++;
  }
  return text.length;
}

function isAloneOnLine(text: string, from: number): boolean {
  const end = text.indexOf('\n', from);
  return /^[\s;]*(?:#.*)?$/.test(text.slice(from, end === -1 ? text.length : end));
}
