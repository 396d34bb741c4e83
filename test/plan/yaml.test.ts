import { describe, expect, it } from '@jest/globals';
import { parseYamlPlan } from '../../src/plan/yaml.js';
import { PlanError } from '../../src/plan/types.js';
import { at } from '../helpers/position.js';


function parse(source: string) {
  return parseYamlPlan('plan.yaml', source);
}

/** The PlanError message `source` fails with. */
function failure(source: string): string {
  try {
    parse(source);
  } catch (error) {
    expect(error).toBeInstanceOf(PlanError);
    return (error as PlanError).message;
  }
  throw new Error('expected a PlanError');
}

const FULL = `items:
  - id: M2-003
    title: Harden webhook security
    priority: P0
    status: done
    evidence:
      - file: backend/app/webhooks/security.py
        lines: L100-L150
      - file: "src/quoted.ts"
        lines: [10, 20]
      - file: src/whole.ts
      - file: src/one.ts
        lines: 7
      - commit: a1b2c3d
        lines_added: 45
        lines_modified: 5
        lines_removed: 2
    tests:
      - test: tests/test_webhooks.py::test_rejects_bad_hmac
        status: passing
      - file: tests/t.py
        test: test_other
  - id: M2-004
    title: Second
`;

describe('parseYamlPlan', () => {
  it('reads items with their id, title, priority, status and position', () => {
    const plan = parse(FULL);
    expect(plan.path).toBe('plan.yaml');
    expect(plan.items.map((i) => [i.id, i.title, i.priority, i.status, i.line, i.column])).toEqual([
      ['M2-003', 'Harden webhook security', 'P0', 'done', 2, 5],
      ['M2-004', 'Second', null, null, at(FULL, 'id: M2-004').line, 5],
    ]);
    expect(plan.items[0]!.statusField).toEqual({ text: 'done', ...at(FULL, 'done') });
  });

  it('reads evidence and tests as claims, each at its own line and column', () => {
    /** Where the value of `key: value` starts. */
    const valueOf = (key: string) => {
      const { line, column } = at(FULL, `${key}: `);
      return { line, column: column + key.length + 2 };
    };
    const [item] = parse(FULL).items;
    expect(item!.claims).toEqual([
      {
        kind: 'range',
        target: { raw: 'backend/app/webhooks/security.py', base: 'root' },
        start: 100,
        end: 150,
        text: 'backend/app/webhooks/security.py:L100-L150',
        ...at(FULL, 'backend/'),
      },
      { kind: 'range', target: { raw: 'src/quoted.ts', base: 'root' }, start: 10, end: 20, text: 'src/quoted.ts:10-20', ...at(FULL, 'src/quoted.ts') },
      { kind: 'file', target: { raw: 'src/whole.ts', base: 'root' }, text: 'src/whole.ts', ...at(FULL, 'src/whole.ts') },
      { kind: 'range', target: { raw: 'src/one.ts', base: 'root' }, start: 7, end: 7, text: 'src/one.ts:7', ...at(FULL, 'src/one.ts') },
      { kind: 'commit', sha: 'a1b2c3d', text: 'a1b2c3d', ...at(FULL, 'a1b2c3d') },
      { kind: 'loc', measure: 'added', value: 45, estimate: false, approximate: false, text: '45', ...valueOf('lines_added') },
      { kind: 'loc', measure: 'modified', value: 5, estimate: false, approximate: false, text: '5', ...valueOf('lines_modified') },
      { kind: 'loc', measure: 'removed', value: 2, estimate: false, approximate: false, text: '2', ...valueOf('lines_removed') },
      {
        kind: 'test',
        file: { raw: 'tests/test_webhooks.py', base: 'root' },
        name: 'test_rejects_bad_hmac',
        text: 'tests/test_webhooks.py::test_rejects_bad_hmac',
        ...at(FULL, 'tests/test_webhooks'),
      },
      { kind: 'test-result', status: 'done', text: 'passing', ...at(FULL, 'passing') },
      { kind: 'file', target: { raw: 'tests/t.py', base: 'root' }, text: 'tests/t.py', ...at(FULL, 'tests/t.py') },
      { kind: 'test', name: 'test_other', file: { raw: 'tests/t.py', base: 'root' }, text: 'tests/t.py::test_other', ...at(FULL, 'test_other') },
    ]);
  });

  it('takes the item status from a passing test when the item states none', () => {
    const source = 'items:\n  - id: A-1\n    tests:\n      - test: a.py::t\n        status: PASSING\n';
    expect(parse(source).items[0]).toMatchObject({ status: 'done', statusField: { text: 'PASSING', ...at(source, 'PASSING') } });
  });

  it('reads template placeholders as unfilled claims', () => {
    const source = [
      'items:',
      '  - id: 12',
      '    status: Done/In Progress',
      '    evidence:',
      '      - commit: "[commit-hash]"',
      '      - file: /path/to/file.py',
      '        lines: LXX-LYY',
      '        ',
    ].join('\n');
    const [item] = parse(source).items;
    expect(item!.id).toBe('12');
    expect(item!.status).toBeNull();
    expect(item!.claims).toEqual([
      { kind: 'unfilled', intended: 'status', text: 'Done/In Progress', ...at(source, 'Done') },
      { kind: 'unfilled', intended: 'commit', text: '[commit-hash]', ...at(source, '[commit') },
      { kind: 'unfilled', intended: 'range', text: '/path/to/file.py:LXX-LYY', ...at(source, '/path') },
    ]);
  });

  it('keeps a 41-digit commit id for the checker to reject', () => {
    const sha41 = '0123456789abcdef0123456789abcdef012345678';
    const source = `items:\n  - id: A-1\n    evidence:\n      - commit: ${sha41}\n`;
    expect(parse(source).items[0]!.claims).toEqual([{ kind: 'commit', sha: sha41, text: sha41, ...at(source, sha41) }]);
  });

  it('keeps line and column right with CRLF line endings', () => {
    const lf = 'items:\n  - id: A-1\n    evidence:\n      - file: src/a.ts\n        lines: 3-4\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(parse(crlf).items).toEqual(parse(lf).items);
    expect(parse(crlf).items[0]!.claims[0]).toMatchObject({ kind: 'range', start: 3, end: 4, line: 4, column: 15 });
  });

  it.each([
    ['an empty document', ''],
    ['a comment only', '# nothing yet\n'],
    ['an empty items key', 'items:\n'],
    ['an empty items list', 'items: []\n'],
    ['a mapping without items', 'title: later\n'],
  ])('reads %s as a plan without items', (_, source) => {
    expect(parse(source)).toEqual({ path: 'plan.yaml', items: [] });
  });

  it('resolves aliases to single values', () => {
    const source = 'defs:\n  f: &f src/a.ts\nitems:\n  - id: A-1\n    evidence:\n      - file: *f\n';
    expect(parse(source).items[0]!.claims).toMatchObject([{ kind: 'file', target: { raw: 'src/a.ts' } }]);
  });
});

describe('parseYamlPlan errors', () => {
  it.each([
    ['invalid YAML', 'items: [\n  - id: x\n', 'plan.yaml: invalid YAML at line 2: '],
    ['a duplicated key', 'items:\n  - id: a\n    id: b\n', 'plan.yaml: invalid YAML at line 3: Map keys must be unique'],
    ['a list at the top', '- a\n- b\n', 'plan.yaml: a YAML plan must be a mapping with an `items:` list'],
    ['a scalar at the top', 'hello\n', 'plan.yaml: a YAML plan must be a mapping with an `items:` list'],
    ['items that are not a list', 'items: 5\n', 'plan.yaml: `items` must be a list'],
    ['an item that is not a mapping', 'items:\n  - just text\n', 'plan.yaml: items[0]: expected a mapping'],
    ['an item without id', 'items:\n  - title: x\n', 'plan.yaml: items[0].id: every item needs an id'],
    ['an item with an empty id', 'items:\n  - id: ""\n', 'plan.yaml: items[0].id: every item needs an id'],
    ['a list as a file', 'items:\n  - id: A-1\n    evidence:\n      - file: [1, 2]\n', 'plan.yaml: items[0].evidence[0].file: expected a single value'],
    ['a mapping as a file', 'items:\n  - id: A-1\n    evidence:\n      - file: {a: 1}\n', 'plan.yaml: items[0].evidence[0].file: expected a single value'],
    ['a list as a title', 'items:\n  - id: A-1\n    title: [a]\n', 'plan.yaml: items[0].title: expected a single value'],
    ['evidence that is not a list', 'items:\n  - id: A-1\n    evidence: src/a.ts\n', 'plan.yaml: items[0].evidence: expected a list'],
    ['tests that are not a list', 'items:\n  - id: A-1\n    tests: {a: 1}\n', 'plan.yaml: items[0].tests: expected a list'],
    ['evidence without file or commit', 'items:\n  - id: A-1\n    evidence:\n      - lines: 3-4\n', 'plan.yaml: items[0].evidence[0]: evidence needs a `file` or a `commit`'],
    ['an undefined alias', 'items:\n  - id: A-1\n    evidence:\n      - file: *nope\n', 'plan.yaml: items[0].evidence[0].file: alias *nope is not defined'],
  ])('reports %s', (_, source, message) => {
    expect(failure(source)).toContain(message);
  });

  it('names the item by its index in the list', () => {
    expect(failure('items:\n  - id: A-1\n  - id: A-2\n    evidence:\n      - file: [1]\n')).toBe(
      'plan.yaml: items[1].evidence[0].file: expected a single value',
    );
  });

  it.each([
    ['items', 'its: &its [{id: A-1}]\nitems: *its\n', 'plan.yaml: items: an alias (*its)'],
    ['an item', 'x: &x {id: A-1}\nitems:\n  - *x\n', 'plan.yaml: items[0]: an alias (*x)'],
    ['an evidence list', 'e: &e [{file: a.ts}]\nitems:\n  - id: A-1\n    evidence: *e\n', 'plan.yaml: items[0].evidence: an alias (*e)'],
    ['an evidence entry', 'e: &e {file: a.ts}\nitems:\n  - id: A-1\n    evidence:\n      - *e\n', 'plan.yaml: items[0].evidence[0]: an alias (*e)'],
    ['a field', 'x: &x [a, b]\nitems:\n  - id: A-1\n    evidence:\n      - file: *x\n', 'plan.yaml: items[0].evidence[0].file: an alias (*x)'],
    ['line bounds', 'x: &x [1, 2]\nitems:\n  - id: A-1\n    evidence:\n      - file: a.ts\n        lines: *x\n', 'plan.yaml: items[0].evidence[0].lines: an alias (*x)'],
  ])('refuses an alias to a collection for %s', (_, source, message) => {
    expect(failure(source)).toContain(message);
    expect(failure(source)).toContain('may stand for a single value only');
  });

  it('does not expand a "billion laughs" document', () => {
    const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'abcdefghi';
    for (let i = 1; i < names.length; i++) {
      const prev = `*${names[i - 1]}`;
      rows.push(`${names[i]}: &${names[i]} [${Array(9).fill(prev).join(',')}]`);
    }
    const bomb = `${rows.join('\n')}\nitems:\n  - id: A-1\n    evidence: *i\n`;
    const started = Date.now();
    expect(failure(bomb)).toBe('plan.yaml: items[0].evidence: an alias (*i) may stand for a single value only, not a list or mapping');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('ignores a bomb it never has to read', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nitems:\n  - id: A-1\n';
    expect(parse(bomb).items).toMatchObject([{ id: 'A-1', claims: [] }]);
  });

  it('reports nesting too deep in one line', () => {
    const deep = `x: ${'['.repeat(5000)}${']'.repeat(5000)}\nitems: []\n`;
    expect(failure(deep)).toBe('plan.yaml: the YAML nests too deeply to be read');
  });
});
