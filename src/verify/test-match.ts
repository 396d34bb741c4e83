/**
 * Maps a cited test (its file and name) to the test cases of JUnit reports, in the naming of each
 * reporter: pytest (`a/b/test_x.py::C::t[p]` → classname `a.b.test_x.C`, name `t[p]`), jest-junit
 * (`"{classname} {title}"`, describes joined by spaces), Surefire (`com.x.FooTest` / `method`),
 * go-junit-report (`TestXxx/sub`), RSpec (full description). Pure.
 */
import type { TestCaseResult, TestReport } from './junit.js';
import { languageOf } from './languages.js';

export interface CitedTest {
  /** Repository path of the test file, when known. */
  file?: string;
  name: string;
}

/** Every case of every report that is this test (several for parametrised tests). */
export function matchTestCases(test: CitedTest, reports: TestReport[]): TestCaseResult[] {
  const language = test.file ? languageOf(test.file)?.name : undefined;
  const match = language === 'python' ? pythonMatcher(test) : language === 'go' ? goMatcher(test) : isJvm(language) ? jvmMatcher(test) : titleMatcher(test);
  return reports.flatMap((r) => r.cases).filter((c) => sameFile(test.file, c.file) && match(c));
}

const normalise = (text: string): string => text.replace(/\s+[>›]\s+/g, ' ').replace(/\s+/g, ' ').trim();

function isJvm(language: string | undefined): boolean {
  return language === 'java' || language === 'kotlin' || language === 'scala' || language === 'csharp';
}

/** When the report names files, a case from another file is another test. */
function sameFile(cited: string | undefined, reported: string | undefined): boolean {
  if (!cited || !reported) return true;
  const a = cited.replace(/^\.\//, '');
  const b = reported.replace(/^\.\//, '');
  return a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);
}

/** Dotted paths where one ends the other (`tests.test_x` and `backend.tests.test_x`). */
function dottedTail(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

function pythonMatcher(test: CitedTest): (c: TestCaseResult) => boolean {
  const parts = test.name.split('::');
  const func = parts.pop() ?? '';
  const module = test.file ? test.file.replace(/\.pyi?$/, '').replace(/\//g, '.') : '';
  const classPath = [module, ...parts].filter((p) => p.length > 0).join('.');
  const bare = !func.includes('[');
  return (c) => {
    const nameOk = c.name === func || (bare && c.name.startsWith(`${func}[`));
    if (!nameOk) return false;
    if (!test.file) return parts.length === 0 || c.classname.endsWith(parts.join('.'));
    if (!c.classname.split('.').includes(module.split('.').pop() ?? '')) return false;
    if (parts.length > 0) return dottedTail(c.classname, classPath);
    // a function cited without its class (as the finder allows) is the module's, or a method of one of its classes
    const segments = c.classname.split('.');
    return segments.some((_, i) => dottedTail(segments.slice(0, i + 1).join('.'), classPath));
  };
}

function goMatcher(test: CitedTest): (c: TestCaseResult) => boolean {
  const name = test.name.replace(/ /g, '_');
  const folder = test.file?.split('/').slice(0, -1).join('/') ?? '';
  // whole path segments only: package `shop/notcart` is not folder `cart`
  const endsWith = (path: string, tail: string): boolean => tail !== '' && (path === tail || path.endsWith(`/${tail}`));
  return (c) => c.name === name && (folder === '' || c.classname === '' || endsWith(c.classname, folder) || endsWith(folder, c.classname.split('/').pop() ?? ''));
}

function jvmMatcher(test: CitedTest): (c: TestCaseResult) => boolean {
  const cleaned = test.name.replace(/::/g, '.');
  const hash = cleaned.lastIndexOf('#');
  const owner = hash > 0 ? cleaned.slice(0, hash) : cleaned.includes('.') ? cleaned.slice(0, cleaned.lastIndexOf('.')) : '';
  const method = (hash > 0 ? cleaned.slice(hash + 1) : cleaned.split('.').pop() ?? cleaned).replace(/\(\)$/, '');
  const fileClass = test.file?.split('/').pop()?.replace(/\.\w+$/, '') ?? '';
  const klass = owner.split('.').pop() || fileClass;
  return (c) => {
    // Surefire writes `method()`, and `method(int)[1]` for each case of a parameterised test
    const name = c.name.replace(/\(.*$/, '');
    if (name !== method && c.name !== test.name) return false;
    return klass === '' || dottedTail(c.classname, klass) || c.classname.split(/[.$]/).includes(klass);
  };
}

/** jest-junit, Vitest, Mocha, RSpec: titles joined by spaces, in the name or classname + name. */
function titleMatcher(test: CitedTest): (c: TestCaseResult) => boolean {
  const cited = normalise(test.name);
  const qualified = /\s[>›]\s/.test(test.name);
  return (c) => {
    const name = normalise(c.name);
    const full = normalise(`${c.classname} ${c.name}`);
    if (name === cited || full === cited) return true;
    // a bare title also matches its test inside describe blocks
    return !qualified && (name.endsWith(` ${cited}`) || full.endsWith(` ${cited}`));
  };
}
