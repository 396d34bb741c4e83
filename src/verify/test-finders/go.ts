/** Go tests: `func TestXxx(t *testing.T)`, subtests `TestXxx/sub` through `t.Run("sub", ...)`. */
import { braceBlock, escapeRegExp, lineOf, type TestDefinition } from './scan.js';

export function findGoTest(code: string, name: string): TestDefinition[] {
  const [func, ...subs] = name.split('/');
  if (!func || !/^(?:Test|Benchmark|Example|Fuzz)\w*$/.test(func)) return [];
  const found: TestDefinition[] = [];
  for (const m of code.matchAll(new RegExp(`^func\\s+${escapeRegExp(func)}\\s*\\(`, 'gm'))) {
    const body = braceBlock(code, m.index);
    if (subs.every((sub) => definesSubtest(body, sub))) found.push({ line: lineOf(code, m.index), offset: m.index, body });
  }
  return found;
}

/**
 * `t.Run("sub name", ...)`; go test reports spaces as underscores. Table-driven names
 * (`t.Run(tc.name, ...)`) count when the name stands as a string literal in the test.
 */
function definesSubtest(body: string, sub: string): boolean {
  const spaced = sub.replace(/_/g, ' ');
  const literal = (s: string): boolean => body.includes(`"${s}"`) || body.includes(`\`${s}\``);
  if (/\.Run\(\s*["`]/.test(body) && (literal(sub) || literal(spaced))) return true;
  return /\.Run\(\s*[\w.[\]]+\s*,/.test(body) && (literal(sub) || literal(spaced));
}
