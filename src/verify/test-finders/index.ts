/**
 * Finds a cited test's definition in its file and judges its body: a test that asserts nothing
 * and calls nothing that could fail proves nothing (`test-hollow`). Pure.
 */
import { isStub } from '../hollow.js';
import { languageOf, stripComments } from '../languages.js';
import { findGoTest } from './go.js';
import { findJavaScriptTest } from './javascript.js';
import { findAnnotatedTest } from './jvm.js';
import { findPythonTest } from './python.js';
import { findRubyTest } from './ruby.js';
import type { TestDefinition } from './scan.js';

export type TestLookup =
  | { status: 'unsupported'; language: string | null }
  | { status: 'not-found' }
  | { status: 'found'; definition: TestDefinition }
  | { status: 'hollow'; definition: TestDefinition; why: string };

type Finder = (code: string, name: string) => TestDefinition[];

const FINDERS: Record<string, Finder> = {
  python: findPythonTest,
  typescript: findJavaScriptTest,
  javascript: findJavaScriptTest,
  go: findGoTest,
  java: findAnnotatedTest,
  kotlin: findAnnotatedTest,
  scala: findAnnotatedTest,
  csharp: findAnnotatedTest,
  rust: findAnnotatedTest,
  ruby: findRubyTest,
};

const ASSERTION =
  /\bassert\w*\b|\bexpect\w*\s*[(.]|\.should\b|\bshould\w*\b|\bt\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\b|\brequire\.\w+|\bverify\w*\s*\(|\bfail\w*\s*\(|\bpytest\.raises\b|\bmust_\w+|\bcheck\w*\s*\(|\braises?\b|\bthrow\b|\bpanic!?\s*\(/;
const HARMLESS_CALL =
  /\b(?:print|println|printf|puts|pp|console\.(?:log|info|debug|warn|error|trace)|t\.(?:Log|Logf|Helper|Parallel|Skip|Skipf|SkipNow)|fmt\.(?:Print|Println|Printf|Sprintf)|System\.out\.print\w*|logger\.\w+|logging\.\w+|self\.skipTest|pytest\.skip|skip|pending)\s*\(/g;
const NOT_CALLS = new Set(['if', 'for', 'while', 'switch', 'catch', 'function', 'return', 'typeof', 'await', 'async', 'with', 'elif', 'and', 'or', 'not', 'in', 'foreach', 'using', 'lock', 'def', 'fn', 'func', 'fun']);

export function lookUpTest(path: string, text: string, name: string): TestLookup {
  const language = languageOf(path);
  const finder = language ? FINDERS[language.name] : undefined;
  if (!language || !finder) return { status: 'unsupported', language: language?.name ?? null };
  const code = stripComments(text, language.family);
  // a definition that stands inside a string literal (a fixture, a code sample) defines nothing
  const masked = stripComments(text, language.family, true);
  const definitions = finder(code, name.trim()).filter((d) => masked[d.offset] === code[d.offset]);
  if (definitions.length === 0) return { status: 'not-found' };
  const solid = definitions.find((d) => judgeBody(d.body, language.name) === null);
  if (solid) return { status: 'found', definition: solid };
  return { status: 'hollow', definition: definitions[0]!, why: judgeBody(definitions[0]!.body, language.name)! };
}

/** null when the body can fail (it asserts, or calls something); else why it proves nothing. */
export function judgeBody(body: string, language: string): string | null {
  const stub = /^\s*(pass|\.\.\.|TODO)\s*$/m.exec(body)?.[1];
  const statements = body
    .split('\n')
    .map((l) => l.trim().replace(/^[{}\s;,]+|[{}\s;,]+$/g, ''))
    .filter((l) => l.length > 0 && !/^[()[\]]+$/.test(l) && !/^(?:pass|\.\.\.|return|end|TODO)$/.test(l));
  if (statements.length === 0) return stub ? `its body is only \`${stub}\`` : 'its body is empty';
  if (statements.every((s) => /^(?:pending|skip)\b/.test(s))) return `its body is only \`${statements[0]}\``;
  // `raise NotImplementedError`, `throw new Error("TODO")`: it fails, but only because it is unwritten
  if (statements.every((s) => isStub(s))) return `its body is only a stub: \`${statements[0]}\``;
  if (language === 'ruby') return null;
  const code = statements.join('\n');
  if (ASSERTION.test(code)) return null;
  const withoutHarmless = code.replace(HARMLESS_CALL, ' ');
  for (const m of withoutHarmless.matchAll(/([\w$]+|[\])])\s*\(/g)) {
    if (!NOT_CALLS.has(m[1]!)) return null;
  }
  return 'its body asserts nothing and calls nothing that could fail';
}
