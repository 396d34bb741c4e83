import { describe, expect, it } from '@jest/globals';
import { examineRange } from '../../src/verify/hollow.js';
import { languageOf } from '../../src/verify/languages.js';

/** Judges lines start..end (the whole text by default) of a file at `path`. */
function judge(path: string, text: string, start = 1, end = text.replace(/\n$/, '').split('\n').length, extra: RegExp[] = []) {
  const language = languageOf(path);
  if (!language) throw new Error(`no language for ${path}`);
  return examineRange(text, language, start, end, extra);
}

const hollow = (why: string | RegExp = /./) => ({ hollow: true, why: typeof why === 'string' ? expect.stringContaining(why) : expect.stringMatching(why) });
const real = { hollow: false };

describe('examineRange: blank lines and comments', () => {
  it('calls a range of blank lines hollow', () => {
    expect(judge('a.py', 'x = 1\n\n\n\ny = 2\n', 2, 4)).toEqual({ hollow: true, why: 'it holds only blank lines' });
  });

  it.each([
    ['python', 'a.py', '# one\n# TODO: two\n\n'],
    ['typescript', 'a.ts', '// one\n/* two\n   three */\n'],
    ['javascript', 'a.js', '/**\n * JSDoc\n */\n'],
    ['go', 'a.go', '// Package x does things.\n'],
    ['java', 'A.java', '/** Javadoc. */\n// TODO\n'],
    ['kotlin', 'A.kt', '// TODO\n/* later */\n'],
    ['ruby', 'a.rb', '# one\n=begin\ntwo\n=end\n'],
    ['rust', 'a.rs', '/// doc\n//! inner doc\n'],
    ['c', 'a.c', '/* TODO */\n'],
    ['cpp', 'a.cpp', '// TODO\n'],
    ['csharp', 'A.cs', '/// <summary>Doc</summary>\n'],
    ['shell', 'a.sh', '#!/bin/sh\n# TODO: deploy\n'],
    ['yaml', 'a.yml', '# settings\n# TODO\n'],
  ])('calls a range of only comments hollow in %s', (_, path, text) => {
    expect(judge(path, text)).toEqual({ hollow: true, why: 'it holds only comments and blank lines' });
  });

  it('calls a range that holds only a Python docstring hollow', () => {
    expect(judge('a.py', 'def f():\n    """Explain.\n\n    More.\n    """\n    return 1\n', 2, 5)).toEqual(hollow('only comments'));
  });

  it('does not take strings holding // or # for comments', () => {
    expect(judge('a.ts', 'const url = "https://example.com/a";\n')).toEqual(real);
    expect(judge('a.py', 'tag = "#hashtag"\n')).toEqual(real);
    expect(judge('a.sh', 'echo "# not a comment"\n')).toEqual(real);
    expect(judge('a.rb', "puts '# not a comment'\n")).toEqual(real);
    expect(judge('a.yml', 'color: "#ff0000"\n')).toEqual(real);
  });
});

describe('examineRange: stub bodies', () => {
  it.each([
    ['pass', 'def save(self):\n    pass\n', '`pass`'],
    ['... with a TODO comment', 'def save(self):\n    # TODO: write it\n    ...\n', '`...`'],
    ['raise NotImplementedError', 'def save(self):\n    raise NotImplementedError("later")\n', 'NotImplementedError'],
    ['a docstring and pass', 'def save(self):\n    """Save it."""\n    pass\n', '`pass`'],
    ['only a docstring', 'def save(self):\n    """Save it."""\n', 'an empty body'],
    ['a lone return', 'def save(self):\n    return\n', '`return`'],
    ['return None', 'def save(self):\n    return None\n', '`return None`'],
    ['an async def with ...', 'async def save(self):\n    ...\n', '`...`'],
    ['a one-line def', 'def save(self): pass\n', '`pass`'],
    ['a class with pass', 'class Saver:\n    pass\n', '`pass`'],
    ['a decorated def', '@app.post("/save")\ndef save():\n    pass\n', '`pass`'],
    ['a signature over several lines', 'def save(\n    self,\n    force: bool = False,\n) -> None:\n    pass\n', '`pass`'],
  ])('Python: %s is hollow', (_, text, why) => {
    expect(judge('a.py', text)).toEqual(hollow(why));
  });

  it.each([
    ['TypeScript', 'a.ts', 'export function save(): void {\n  throw new Error("not implemented");\n}\n', 'not implemented'],
    ['TypeScript, with a TODO', 'a.ts', 'export function save(): void {\n  // TODO: save\n}\n', 'an empty body'],
    ['TypeScript, return null', 'a.ts', 'function load(): Data | null {\n  return null;\n}\n', '`return null`'],
    ['TypeScript, arrow', 'a.ts', 'const save = async (x: number) => {\n  // later\n};\n', 'an empty body'],
    ['TypeScript, signature over several lines', 'a.ts', 'export function save(\n  a: number,\n  b: number,\n): void {\n  throw new Error("TODO");\n}\n', 'TODO'],
    ['JavaScript', 'a.js', 'function save() {\n  throw new Error("Not yet implemented");\n}\n', 'Not yet implemented'],
    ['JavaScript, method', 'a.js', 'class A {\n  save() {}\n}\n', 'an empty body'],
    ['Go, panic("TODO")', 'a.go', 'func Save() error {\n\tpanic("TODO")\n}\n', 'panic("TODO")'],
    ['Go, empty method', 'a.go', 'func (s *Store) Save() {\n\t// TODO\n}\n', 'an empty body'],
    ['Go, signature over several lines', 'a.go', 'func Save(\n\tctx context.Context,\n) error {\n\tpanic("not implemented")\n}\n', 'panic'],
    ['Java', 'A.java', '@Override\npublic void save() {\n    throw new UnsupportedOperationException();\n}\n', 'UnsupportedOperationException'],
    ['Java, return null', 'A.java', 'public Data load() {\n    // TODO\n    return null;\n}\n', '`return null`'],
    ['Java, parameters over several lines', 'A.java', 'public void save(\n    int a,\n    int b) {\n}\n', 'an empty body'],
    ['Kotlin, TODO()', 'A.kt', 'fun save(): Int {\n    TODO("later")\n}\n', 'TODO("later")'],
    ['Ruby, empty def', 'a.rb', 'def save\n  # TODO\nend\n', 'an empty body'],
    ['Ruby, raise NotImplementedError', 'a.rb', 'def save\n  raise NotImplementedError\nend\n', 'NotImplementedError'],
    ['Rust, todo!()', 'a.rs', 'pub fn save(&self) -> Result<()> {\n    todo!()\n}\n', 'todo!()'],
    ['Rust, unimplemented!()', 'a.rs', 'fn save() {\n    // TODO\n    unimplemented!("save")\n}\n', 'unimplemented!'],
    ['C, empty body', 'a.c', 'void save(void) {\n    /* TODO */\n}\n', 'an empty body'],
    ['C, lone return', 'a.c', 'void save(void) {\n    return;\n}\n', '`return`'],
    ['C++, empty body', 'a.cpp', 'void Store::save() const {\n}\n', 'an empty body'],
    ['C#, NotImplementedException', 'A.cs', 'public void Save()\n{\n    throw new NotImplementedException();\n}\n', 'NotImplementedException'],
    ['C#, empty body on Allman braces', 'A.cs', 'public void Save()\n{\n    // TODO\n}\n', 'an empty body'],
    ['shell, empty function', 'a.sh', 'deploy() {\n  # TODO\n}\n', 'an empty body'],
  ])('%s stub is hollow', (_, path, text, why) => {
    expect(judge(path, text)).toEqual(hollow(why));
  });

  it('names the first stub it found', () => {
    expect(judge('a.py', 'def a():\n    pass\n\ndef b():\n    ...\n')).toEqual({ hollow: true, why: 'its body is only a stub: `pass`' });
  });
});

describe('examineRange: real code', () => {
  it.each([
    ['Python', 'a.py', 'def total(items):\n    # TODO: handle discounts\n    return sum(i.price for i in items)\n'],
    ['Python, a docstring then code', 'a.py', 'def total(items):\n    """Sum."""\n    return sum(items)\n'],
    ['Python, a signature over several lines', 'a.py', 'def total(\n    items,\n    tax,\n):\n    return sum(items) * tax\n'],
    ['Python, pass among statements', 'a.py', 'def f(x):\n    try:\n        x.close()\n    except OSError:\n        pass\n'],
    ['TypeScript', 'a.ts', 'export function total(items: Item[]): number {\n  // TODO: discounts\n  return items.reduce((s, i) => s + i.price, 0);\n}\n'],
    ['Go', 'a.go', 'func Total(items []Item) int {\n\t// TODO: discounts\n\tn := 0\n\tfor _, i := range items {\n\t\tn += i.Price\n\t}\n\treturn n\n}\n'],
    ['Java', 'A.java', 'public int total() {\n    // TODO\n    return items.size();\n}\n'],
    ['Ruby', 'a.rb', 'def total\n  # TODO\n  items.sum(&:price)\nend\n'],
    ['Rust', 'a.rs', 'fn total(items: &[Item]) -> u32 {\n    // TODO\n    items.iter().map(|i| i.price).sum()\n}\n'],
    ['C', 'a.c', 'int total(void) {\n    /* TODO */\n    return count * price;\n}\n'],
    ['C#, Allman braces', 'A.cs', 'public int Total()\n{\n    // TODO\n    return Items.Sum(i => i.Price);\n}\n'],
    ['shell', 'a.sh', 'deploy() {\n  # TODO: retries\n  rsync -a dist/ host:/srv\n}\n'],
    ['YAML', 'a.yml', 'jobs:\n  test: # TODO\n    runs-on: ubuntu-latest\n'],
    ['a stub next to a real function', 'a.py', 'def a():\n    pass\n\ndef b():\n    return 1\n'],
    ['a statement before a stub', 'a.py', 'def f():\n    x = 1\n    pass\n'],
    ['a data class', 'a.py', 'class Config:\n    retries = 3\n'],
    ['a TypeScript interface', 'a.ts', 'export interface Item {\n  price: number;\n}\n'],
    ['an empty if', 'a.ts', 'if (ready) {\n}\n'],
    ['a call over several lines', 'a.ts', 'register(\n  "a",\n  handler,\n);\n'],
  ])('%s with real statements is not hollow', (_, path, text) => {
    expect(judge(path, text)).toEqual(real);
  });

  it.each([
    ['Python', 'a.py', 'def total(items):\n    return sum(items)\n'],
    ['TypeScript', 'a.ts', 'export function total(items: Item[]): number {\n  return 0;\n}\n'],
    ['Ruby', 'a.rb', 'def total\n  items.sum\nend\n'],
    ['Go', 'a.go', 'func Total() int {\n\treturn n\n}\n'],
  ])('a one-line range that points at a %s signature is not hollow', (_, path, text) => {
    expect(judge(path, text, 1, 1)).toEqual(real);
  });

  it('does not judge a Python signature whose body goes on past the range', () => {
    expect(judge('a.py', 'def total(items):\n    # add them up\n    return sum(items)\n', 1, 2)).toEqual(real);
    expect(judge('a.py', 'def total(items):\n    """Sum."""\n\n    return sum(items)\n', 1, 2)).toEqual(real);
  });

  it('does judge a Python signature and docstring whose body ends inside the range or at the end of the file', () => {
    expect(judge('a.py', 'def total(items):\n    """Sum."""\n\ndef other():\n    return 1\n', 1, 2)).toEqual(hollow('an empty body'));
    expect(judge('a.py', 'class A:\n    def total(self):\n        """Sum."""\n', 2, 3)).toEqual(hollow('an empty body'));
  });

  it('does not judge a C-like signature whose body lies outside the range', () => {
    expect(judge('a.ts', 'function total() {\n  // add\n  return a + b;\n}\n', 1, 2)).toEqual(real);
  });

  it('does not count brackets inside strings when it joins lines', () => {
    expect(judge('a.ts', 'function f() {\n  log(")");\n}\nfunction g() {\n  return null;\n}\n', 4, 6)).toEqual(hollow('`return null`'));
    expect(judge('a.ts', 'const open = "(";\nsave();\n')).toEqual(real);
  });
});

describe('examineRange: configured stub patterns', () => {
  it('treats a statement matching an extra pattern as a stub', () => {
    const text = 'def save(self):\n    log_missing_feature()\n';
    expect(judge('a.py', text)).toEqual(real);
    expect(judge('a.py', text, 1, 2, [/^log_missing_feature\(\)$/])).toEqual(hollow('log_missing_feature()'));
  });

  it('never lets an extra pattern make a range of real statements hollow unless every statement matches', () => {
    expect(judge('a.py', 'def save(self):\n    log_missing_feature()\n    self.db.commit()\n', 1, 3, [/^log_missing_feature\(\)$/])).toEqual(real);
  });
});

describe('languages it cannot read', () => {
  it('has no language, so no judgement, for Markdown and plain text', () => {
    expect(languageOf('docs/PLAN.md')).toBeNull();
    expect(languageOf('notes.txt')).toBeNull();
  });
});
