/**
 * Annotated test methods: JUnit 4/5 and TestNG (Java, Kotlin, Scala), xUnit/NUnit/MSTest (C#),
 * Rust `#[test]`. Cited as `Class#method`, `Class.method`, `method`, or a `@DisplayName`.
 */
import { braceBlock, escapeRegExp, lineOf, type TestDefinition } from './scan.js';

const MARKERS = /@(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Property)\b|\[(?:Fact|Theory|Test|TestMethod|TestCase|DataTestMethod)\b|#\[(?:\w+::)*test\b/;

export function findAnnotatedTest(code: string, name: string): TestDefinition[] {
  const { owner, method } = splitName(name);
  const found: TestDefinition[] = [];
  const declaration = new RegExp(`(?:\\bfn|\\bfun|\\bvoid|\\bdef|[\\w>\\]]\\s)\\s*\`?${escapeRegExp(method)}\`?\\s*\\(`, 'g');
  for (const m of code.matchAll(declaration)) {
    if (isDeclared(code, m.index, method, owner)) found.push({ line: lineOf(code, m.index), offset: m.index, body: braceBlock(code, m.index) });
  }
  for (const m of code.matchAll(/@DisplayName\(\s*"((?:\\.|[^"\\])*)"\s*\)/g)) {
    if (m[1] === name) found.push({ line: lineOf(code, m.index), offset: m.index, body: braceBlock(code, m.index) });
  }
  return found;
}

function splitName(name: string): { owner?: string; method: string } {
  const cleaned = name.replace(/\(\)$/, '').replace(/::/g, '.');
  const hash = cleaned.lastIndexOf('#');
  if (hash > 0) return { owner: cleaned.slice(0, hash).split('.').pop(), method: cleaned.slice(hash + 1) };
  const parts = cleaned.split('.');
  const method = parts.pop() ?? cleaned;
  return parts.length ? { owner: parts.pop(), method } : { method };
}

/** A test marker in the annotations just above, or a JUnit 3 `testXxx` name; inside `owner`. */
function isDeclared(code: string, index: number, method: string, owner?: string): boolean {
  // annotation arguments may hold braces (`@ValueSource(ints = {1, 2})`): drop them first
  let before = code.slice(Math.max(0, index - 400), index);
  for (let shorter = before.replace(/\([^()]*\)/g, '()'); shorter !== before; shorter = before.replace(/\([^()]*\)/g, '()')) before = shorter;
  const annotations = before.slice(Math.max(before.lastIndexOf(';'), before.lastIndexOf('}'), before.lastIndexOf('{')) + 1);
  if (!MARKERS.test(annotations) && !/^test[A-Z_]/.test(method)) return false;
  if (!owner) return true;
  const head = code.slice(0, index);
  return new RegExp(`\\b(?:class|object|struct|mod|impl)\\s+${escapeRegExp(owner)}\\b`).test(head);
}
