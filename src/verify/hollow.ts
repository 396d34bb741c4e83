/**
 * Hollow code: a cited range that holds no real code, only blank lines, comments, docstrings, or a
 * body that is nothing but a stub (`pass`, `raise NotImplementedError`, `todo!()`...). A range
 * with a real statement is never hollow, whatever TODO comment sits beside it. When in doubt (a
 * signature whose body lies outside the range) the range is not called hollow. Pure.
 */
import { stripComments, type Family, type Language } from './languages.js';

export type Hollowness = { hollow: false } | { hollow: true; why: string };

const IGNORABLE =
  /^(?:[{}()[\];,]+|end|else:?|begin|do|then|fi|done|esac|@[\w.]+(?:\(.*\))?|#!?\[.*\]|\[[A-Z][\w.]*(?:\(.*\))?\])$/;

const CONTROL = /^(?:if|for|while|switch|catch|with|foreach|else|elif|using|lock|synchronized|try|do|match|loop|select|when|return|new|await|yield)\b/;

const SIGNATURES: Record<Family, RegExp[]> = {
  python: [/^(?:async\s+)?def\s+\w+\s*\(.*\)\s*(?:->.*)?:$/, /^class\s+\w+.*:$/],
  c: [
    /^(?:export\s+)?(?:default\s+)?(?:async\s+)?function\b.*\{$/,
    /^(?:export\s+)?(?:default\s+)?(?:public\s+|private\s+|internal\s+|abstract\s+|sealed\s+|data\s+|static\s+)*(?:class|interface|struct|enum|trait|impl|namespace|module|object)\b.*\{$/,
    /^(?:pub(?:\([\w:]+\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?fn\b.*\{$/,
    /^func\b.*\{$/,
    /=>\s*\{$/,
    /=\s*(?:async\s+)?function\b.*\{$/,
    // C++ methods are defined out of line as `Type Class::name() const {`
    /^(?:[\w<>[\],.?*&:]+\s+)*[\w$~]+(?:::[\w$~]+)*\s*\([^)]*\)\s*(?:(?:const|noexcept|override|final)\s*)*(?::\s*[^{]+)?(?:throws\s+[\w.,\s]+)?\{$/,
  ],
  ruby: [/^def\s+[\w.?!=]+/, /^(?:class|module)\s+\w+/],
  hash: [/^(?:function\s+)?[\w-]+\s*\(\)\s*\{?$/, /^function\s+[\w-]+\s*\{?$/],
  sql: [/^(?:local\s+)?function\b.*\)$/, /^create\s+(?:or\s+replace\s+)?(?:function|procedure)\b/i],
  markup: [],
};

const STUBS: RegExp[] = [
  /^pass$/,
  /^\.\.\.$/,
  /^(?:raise|throw)\s+(?:new\s+)?(?:Not ?Implemented(?:Error|Exception)?|UnsupportedOperationException)\b.*$/i,
  /^throw\s+(?:new\s+)?\w*Error\(\s*(['"`]).*(?:not (?:yet )?implemented|todo|fixme|stub).*\1\s*\)$/i,
  /^(?:todo|unimplemented)!\(.*\)$/,
  /^panic!?\(\s*"(?:todo|fixme|not (?:yet )?implemented).*"\s*\)$/i,
  /^TODO\(.*\)$/,
  /^return(?:\s+(?:None|null|nil|undefined))?$/,
  /^(?:fail|abort)\(\s*["'](?:todo|not (?:yet )?implemented).*["']\s*\)$/i,
];

/** A statement that only marks work not done (`pass`, `todo!()`, `raise NotImplementedError`...). */
export function isStub(statement: string, extraStubs: RegExp[] = []): boolean {
  return STUBS.some((s) => s.test(statement)) || extraStubs.some((s) => s.test(statement));
}

/** Lines `start`..`end` (1-based) of `text`, judged in the syntax of `language`. */
export function examineRange(text: string, language: Language, start: number, end: number, extraStubs: RegExp[] = []): Hollowness {
  const original = text.split('\n').slice(start - 1, end);
  const stripped = stripComments(text, language.family).split('\n');
  const code = stripped.slice(start - 1, end);
  const masked = stripComments(text, language.family, true).split('\n').slice(start - 1, end);
  const pieces = logicalLines(code, masked, language.family)
    .flatMap((line) => split(line, language.family))
    .filter((p) => !IGNORABLE.test(p));
  if (pieces.length === 0) {
    const anything = original.some((l) => l.trim().length > 0);
    return { hollow: true, why: anything ? 'it holds only comments and blank lines' : 'it holds only blank lines' };
  }
  const stubs: string[] = [];
  let real = 0;
  for (const piece of pieces) {
    if (isSignature(piece, language.family)) continue;
    if (isStub(piece, extraStubs)) stubs.push(`\`${piece}\``);
    else real++;
  }
  const emptyBody = hasEmptyBody(code, original, pieces, language.family, stripped.slice(end));
  if (real > 0 || (stubs.length === 0 && !emptyBody)) return { hollow: false };
  return { hollow: true, why: `its body is only a stub: ${stubs[0] ?? 'an empty body'}` };
}

function isSignature(piece: string, family: Family): boolean {
  if (CONTROL.test(piece)) return false;
  return SIGNATURES[family].some((s) => s.test(piece));
}

/**
 * Physical lines joined into statements: a line that leaves a `(` or `[` open goes on with the
 * next (signatures and calls broken over lines), and in C-like code a `{` that opens a line
 * belongs to the line before (Allman braces). Otherwise the pieces of a signature written over
 * several lines look like statements, and a stub behind it like real code. `masked` is `code`
 * with string literals blanked, so brackets inside strings are not counted.
 */
function logicalLines(code: string[], masked: string[], family: Family): string[] {
  const lines: string[] = [];
  let depth = 0;
  code.forEach((line, i) => {
    const text = line.trim();
    const previous = lines.findLastIndex((l) => l.length > 0);
    const continues = depth > 0 || (family === 'c' && text.startsWith('{') && previous !== -1 && !/[;{}]$/.test(lines[previous]!));
    if (continues && previous !== -1) lines[previous] = `${lines[previous]} ${text}`;
    else lines.push(text);
    for (const ch of masked[i] ?? '') {
      if (ch === '(' || ch === '[') depth++;
      else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    }
  });
  return lines;
}

/** Statements of a line: braces split C-like lines, a colon splits Python one-liners. */
function split(line: string, family: Family): string[] {
  let text = line.trim();
  if (family === 'python') {
    const oneLiner = /^((?:async\s+)?def\s+\w+\s*\(.*\)\s*(?:->[^:]*)?:|class\s+\w+[^:]*:)\s*(\S.*)$/.exec(text);
    if (oneLiner) return [oneLiner[1]!, oneLiner[2]!.replace(/;$/, '').trim()];
  }
  if (family === 'c' || family === 'hash') text = text.replace(/\{/g, '{\n').replace(/\}/g, '\n}\n');
  return text
    .split('\n')
    .map((p) => p.trim().replace(/;+$/, '').trim())
    .filter((p) => p.length > 0);
}

/**
 * A declaration whose (empty) body the range holds: `{}` after a signature, `def ... end` with
 * nothing between, a Python `def` followed only by comments or a docstring. A range that ends on
 * the signature line only points at the declaration and is not judged, nor is a Python `def`
 * whose body goes on past the range (`after`: the comment-free lines that follow it).
 */
function hasEmptyBody(code: string[], original: string[], pieces: string[], family: Family, after: string[]): boolean {
  const joined = code.join('\n');
  if (family === 'c' || family === 'hash') return /(?:\)|=>)\s*(?:(?:const|noexcept|override|final)\s*)*(?::\s*[^{}\n]+)?\{\s*\}/.test(joined);
  if (!pieces.every((p) => isSignature(p, family))) return false;
  if (family === 'ruby') return /^\s*end\b/m.test(joined);
  if (family !== 'python') return false;
  const lastCode = code.map((l) => l.trim().length > 0).lastIndexOf(true);
  const lastWritten = original.map((l) => l.trim().length > 0).lastIndexOf(true);
  if (lastCode === -1 || lastCode >= lastWritten) return false;
  const header = code.findLast((l) => /^\s*(?:async\s+def|def|class)\s/.test(l));
  const next = after.find((l) => l.trim().length > 0);
  return header === undefined || next === undefined || indentOf(next) <= indentOf(header);
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
