/**
 * Jest / Vitest / Mocha tests: `it("...")`, `test("...")`, `test.each(...)("... %s")`, nested in
 * `describe` blocks; cited as `describe > it`, `describe › it` or the bare title.
 */
import { escapeRegExp, lineOf, matchingClose, readLiteral, skipSpace, type TestDefinition } from './scan.js';

const CALLEE = /\b[xf]?(describe|context|suite|it|test|specify)\b/g;

interface Call {
  kind: 'group' | 'test';
  title: string;
  start: number;
  /** Offsets of the call's parentheses. */
  open: number;
  close: number;
}

export function findJavaScriptTest(code: string, name: string): TestDefinition[] {
  const segments = name.split(/\s+[>›]\s+/).map((s) => s.trim()).filter((s) => s.length > 0);
  const calls = findCalls(code);
  const found = findIn(code, calls, segments);
  // a title may itself hold ` > ` (`it("a > b")`): then the whole name is the title
  return found.length > 0 || segments.length < 2 ? found : findIn(code, calls, [name.trim()]);
}

function findIn(code: string, calls: Call[], path: string[]): TestDefinition[] {
  const segments = [...path];
  const title = segments.pop();
  if (!title) return [];
  const groups = calls.filter((c) => c.kind === 'group');
  return calls
    .filter((c) => c.kind === 'test' && titleMatches(c.title, title))
    .filter((test) => {
      const chain = groups.filter((g) => g.open < test.start && test.close <= g.close).map((g) => g.title);
      return isSubsequence(segments, chain);
    })
    .map((test) => ({ line: lineOf(code, test.start), offset: test.start, body: callbackBody(code, test) }));
}

function findCalls(code: string): Call[] {
  const calls: Call[] = [];
  for (const m of code.matchAll(CALLEE)) {
    if (code[m.index - 1] === '.' || code[m.index - 1] === '$') continue;
    let i = m.index + m[0].length;
    for (;;) {
      i = skipSpace(code, i);
      if (code[i] !== '.') break;
      const word = /^\.\s*(\w+)/.exec(code.slice(i, i + 40));
      if (!word) break;
      i = skipSpace(code, i + word[0].length);
      if (word[1] === 'each') {
        if (code[i] === '(') i = matchingClose(code, i) + 1;
        else if (code[i] === '`') i = readLiteral(code, i)?.end ?? i + 1;
        if (i <= 0) break;
      }
    }
    if (code[i] !== '(') continue;
    const literal = readLiteral(code, skipSpace(code, i + 1));
    if (!literal) continue;
    const close = matchingClose(code, i);
    calls.push({ kind: m[1] === 'it' || m[1] === 'test' || m[1] === 'specify' ? 'test' : 'group', title: literal.value, start: m.index, open: i, close: close === -1 ? code.length : close });
  }
  return calls;
}

/** Exact, or an instance of a `test.each` title (`adds %i + %i`, `$a plus $b`). */
function titleMatches(written: string, cited: string): boolean {
  if (written === cited) return true;
  if (!/%[sdifjop#]|\$\w/.test(written) || written.length > 500) return false;
  const pattern = written
    .split(/(%[sdifjop#]|\$[\w.]+)/)
    .map((part, i) => (i % 2 === 1 ? '.+?' : escapeRegExp(part.replace(/%%/g, '%'))))
    .join('');
  return new RegExp(`^${pattern}$`, 's').test(cited);
}

function isSubsequence(wanted: string[], chain: string[]): boolean {
  let i = 0;
  for (const title of chain) if (i < wanted.length && wanted[i] === title) i++;
  return i === wanted.length;
}

/** What follows the title inside the call: the callback, or nothing for `it.todo('x')`. */
function callbackBody(code: string, call: Call): string {
  const literal = readLiteral(code, skipSpace(code, call.open + 1));
  const rest = code.slice(literal?.end ?? call.open + 1, call.close).replace(/^\s*,/, '');
  return rest.replace(/^\s*(?:async\s+)?(?:function\s*\w*\s*)?\([^()]*\)\s*(?:=>)?|^\s*(?:async\s+)?\w+\s*=>/, '');
}
