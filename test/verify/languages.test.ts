import { describe, expect, it } from '@jest/globals';
import { languageOf, stripComments, type Family } from '../../src/verify/languages.js';

describe('languageOf', () => {
  it.each([
    ['app/main.py', 'python', 'python'],
    ['typings/x.pyi', 'python', 'python'],
    ['src/a.ts', 'typescript', 'c'],
    ['src/A.TSX', 'typescript', 'c'],
    ['src/a.mjs', 'javascript', 'c'],
    ['cmd/main.go', 'go', 'c'],
    ['src/main/java/A.java', 'java', 'c'],
    ['build.gradle.kts', 'kotlin', 'c'],
    ['src/lib.rs', 'rust', 'c'],
    ['src/a.c', 'c', 'c'],
    ['include/a.hpp', 'cpp', 'c'],
    ['Program.cs', 'csharp', 'c'],
    ['lib/a.rb', 'ruby', 'ruby'],
    ['Rakefile', 'ruby', 'ruby'],
    ['Gemfile', 'ruby', 'ruby'],
    ['scripts/deploy.sh', 'shell', 'hash'],
    ['.github/workflows/ci.yml', 'yaml', 'hash'],
    ['config.yaml', 'yaml', 'hash'],
    ['docker/Dockerfile', 'dockerfile', 'hash'],
    ['Makefile', 'make', 'hash'],
    ['db/schema.sql', 'sql', 'sql'],
    ['index.html', 'html', 'markup'],
  ])('%s is %s (%s comments)', (path, name, family) => {
    expect(languageOf(path)).toEqual({ name, family });
  });

  it.each(['README.md', 'docs/PLAN.md', 'LICENSE', 'notes.txt', '.bashrc', 'data.json', 'a.unknown', ''])('knows no comment syntax for %j', (path) => {
    expect(languageOf(path)).toBeNull();
  });
});

/** stripComments keeps every line in place: comments and docstrings become spaces. */
function strip(text: string, family: Family, strings = false): string[] {
  const out = stripComments(text, family, strings);
  expect(out.length).toBe(text.length);
  expect(out.split('\n').length).toBe(text.split('\n').length);
  return out.split('\n').map((l) => l.trimEnd());
}

describe('stripComments', () => {
  it('blanks C-like line and block comments, keeping line breaks', () => {
    expect(strip('a(); // call\n/* one\n two */ b();\n', 'c')).toEqual(['a();', '', '        b();', '']);
  });

  it('keeps strings that hold comment markers in C-like code', () => {
    expect(strip('const u = "http://x/*y*/"; // real\nconst t = `a\n// b`;\n', 'c')).toEqual(['const u = "http://x/*y*/";', 'const t = `a', '// b`;', '']);
  });

  it('knows escaped quotes end no string', () => {
    expect(strip('s = "a \\" // b"; // c\n', 'c')).toEqual(['s = "a \\" // b";', '']);
  });

  it('blanks an unterminated block comment to the end', () => {
    expect(strip('a();\n/* open\nb();\n', 'c')).toEqual(['a();', '', '', '']);
  });

  it('blanks Python comments and docstrings but keeps strings that are values', () => {
    const text = 'def f():\n    """Doc\n    # still doc\n    """\n    x = "# not a comment"  # a comment\n    return x\n';
    expect(strip(text, 'python')).toEqual(['def f():', '', '', '', '    x = "# not a comment"', '    return x', '']);
  });

  it('keeps a Python string that is part of an expression, even alone on its line', () => {
    expect(strip('x = (\n    "a" +\n    "b"\n)\n', 'python')).toEqual(['x = (', '    "a" +', '', ')', '']);
  });

  it('blanks # comments in shell and YAML, but not inside strings', () => {
    expect(strip('#!/bin/sh\necho "# hi" # bye\n', 'hash')).toEqual(['', 'echo "# hi"', '']);
    expect(strip('key: "a # b" # c\n# d\n', 'hash')).toEqual(['key: "a # b"', '', '']);
  });

  it('blanks Ruby =begin/=end blocks and # comments', () => {
    expect(strip('x = 1 # one\n=begin\nnot code\n=end\ny = "#{x}"\n', 'ruby')).toEqual(['x = 1', '', '', '', 'y = "#{x}"', '']);
  });

  it("blanks SQL comments, and Lua block comments that start like line comments", () => {
    expect(strip('select 1; -- one\n/* two */ select 2;\n--[[ three ]] x()\n', 'sql')).toEqual(['select 1;', '          select 2;', '              x()', '']);
    expect(strip('--[[ many\nlines ]]\nf()\n', 'sql')).toEqual(['', '', 'f()', '']);
  });

  it('blanks HTML comments', () => {
    expect(strip('<p>a</p><!-- b\nc -->\n', 'markup')).toEqual(['<p>a</p>', '', '']);
  });

  it('blanks every string literal too when asked, so nothing inside one looks like code', () => {
    expect(strip('it("works", () => f("(")); // x\n', 'c', true)).toEqual(['it(       , () => f(   ));', '']);
    expect(strip('x = "def test_x():"\n', 'python', true)).toEqual(['x =', '']);
  });
});
