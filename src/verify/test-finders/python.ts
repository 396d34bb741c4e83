/** pytest and unittest tests: `path.py::test_x`, `path.py::Class::test_x`, `test_x[param]`. */
import type { TestDefinition } from './scan.js';

const DEF = /^([ \t]*)(?:async[ \t]+)?def[ \t]+(\w+)[ \t]*\(/;
const CLASS = /^([ \t]*)class[ \t]+(\w+)/;

/**
 * `name` is the node path after the file (`Class::test_x[param]`). With classes in it the chain
 * must match exactly; a bare function name matches at any depth (a plan's "Test Name" rarely
 * spells the class).
 */
export function findPythonTest(code: string, name: string): TestDefinition[] {
  const parts = name.replace(/\[.*\]$/, '').split('::').filter((p) => p.length > 0);
  const func = parts.pop();
  if (!func) return [];
  const lines = code.split('\n');
  const found: TestDefinition[] = [];
  let lineStart = 0;
  lines.forEach((line, index) => {
    const def = DEF.exec(line);
    const offset = lineStart + (def?.[1]!.length ?? 0);
    lineStart += line.length + 1;
    if (!def || def[2] !== func) return;
    const chain = enclosingClasses(lines, index, def[1]!.length);
    if (parts.length > 0 && chain.join('::') !== parts.join('::')) return;
    found.push({ line: index + 1, offset, body: bodyOf(lines, index, def[1]!.length) });
  });
  return found;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function enclosingClasses(lines: string[], index: number, indent: number): string[] {
  const chain: string[] = [];
  let limit = indent;
  for (let i = index - 1; i >= 0 && limit > 0; i--) {
    const line = lines[i]!;
    if (line.trim().length === 0 || indentOf(line) >= limit) continue;
    limit = indentOf(line);
    const cls = CLASS.exec(line);
    if (cls) chain.unshift(cls[2]!);
  }
  return chain;
}

/** The indented block under the `def` (a one-line `def f(): pass` keeps what follows the colon). */
function bodyOf(lines: string[], index: number, indent: number): string {
  const header = lines[index]!;
  const inline = /\)\s*(?:->[^:]*)?:(.*)$/.exec(header)?.[1] ?? '';
  const body = [inline];
  for (let i = index + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim().length > 0 && indentOf(line) <= indent) break;
    body.push(line);
  }
  return body.join('\n');
}
