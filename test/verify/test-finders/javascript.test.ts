import { describe, expect, it } from '@jest/globals';
import { findJavaScriptTest } from '../../../src/verify/test-finders/javascript.js';
import { lookUpTest } from '../../../src/verify/test-finders/index.js';

const FILE = `import { add } from './math';

describe('math', () => {
  describe('add', () => {
    it('adds two numbers', () => {
      expect(add(1, 2)).toBe(3);
    });

    test.each([[1, 2, 3], [2, 2, 4]])('adds %i + %i', (a, b, sum) => {
      expect(add(a, b)).toBe(sum);
    });

    test.each\`
      a    | b    | sum
      \${1} | \${1} | \${2}
    \`('returns $sum for $a and $b', ({ a, b, sum }) => {
      expect(add(a, b)).toBe(sum);
    });
  });

  it.todo('subtracts');

  it('a > b compares', async function () {
    expect(await compare(2, 1)).toBe(true);
  });
});

test('top level', () => expect(add(0, 0)).toBe(0));
`;

const lines = (name: string) => findJavaScriptTest(FILE, name).map((d) => d.line);

describe('findJavaScriptTest', () => {
  it('finds a test by its bare title, inside any describe blocks', () => {
    expect(lines('adds two numbers')).toEqual([5]);
    expect(lines('top level')).toEqual([28]);
  });

  it('finds a test by its describe chain, with > or ›', () => {
    expect(lines('math > add > adds two numbers')).toEqual([5]);
    expect(lines('math › add › adds two numbers')).toEqual([5]);
    expect(lines('math > adds two numbers')).toEqual([5]);
  });

  it('refuses a chain the test is not in', () => {
    expect(lines('physics > adds two numbers')).toEqual([]);
    expect(lines('add > math > adds two numbers')).toEqual([]);
    expect(lines('math > top level')).toEqual([]);
  });

  it('matches the titles test.each makes from %s/%i and $name placeholders (at the line of test.each)', () => {
    expect(lines('adds 1 + 2')).toEqual([9]);
    expect(lines('math > add > adds 2 + 2')).toEqual([9]);
    expect(lines('returns 2 for 1 and 1')).toEqual([13]);
    expect(lines('adds one')).toEqual([]);
  });

  it('finds a title that itself holds " > "', () => {
    expect(lines('a > b compares')).toEqual([23]);
  });

  it('finds it.todo, with no body', () => {
    expect(findJavaScriptTest(FILE, 'subtracts')).toEqual([{ line: 21, offset: expect.any(Number), body: '' }]);
  });

  it('takes the callback body of a test', () => {
    expect(findJavaScriptTest(FILE, 'adds two numbers')[0]!.body).toContain('expect(add(1, 2)).toBe(3)');
    expect(findJavaScriptTest(FILE, 'top level')[0]!.body.trim()).toBe('expect(add(0, 0)).toBe(0)');
  });

  it('does not take a describe block for a test', () => {
    expect(lines('math')).toEqual([]);
    expect(lines('add')).toEqual([]);
  });
});

describe('JavaScript and TypeScript tests through lookUpTest', () => {
  it('says found for a test that asserts, in .ts, .tsx and .js files', () => {
    for (const path of ['src/math.test.ts', 'src/App.test.tsx', 'test/math.spec.js']) {
      expect(lookUpTest(path, FILE, 'math > add > adds two numbers')).toMatchObject({ status: 'found', definition: { line: 5 } });
    }
  });

  it('does not count a test named only in a comment or a string', () => {
    const text = `// it('adds', () => { expect(1).toBe(1) });\nconst sample = "it('adds', () => expect(1).toBe(1))";\n/* test('adds', () => expect(1).toBe(1)) */\n`;
    expect(lookUpTest('src/a.test.ts', text, 'adds')).toEqual({ status: 'not-found' });
  });

  it.each([
    ['it.todo', "it.todo('adds');\n", 'empty'],
    ['an empty callback', "it('adds', () => {});\n", 'empty'],
    ['an empty async callback', "test('adds', async () => {\n  // TODO\n});\n", 'empty'],
    ['a log only', "it('adds', () => {\n  console.log('ran');\n});\n", 'asserts nothing'],
    ['a throw of "not implemented"', "it('adds', () => {\n  throw new Error('not implemented');\n});\n", 'stub'],
    ['declarations only', "it('adds', () => {\n  const a = 1;\n});\n", 'asserts nothing'],
  ])('calls a test with %s hollow', (_, text, why) => {
    expect(lookUpTest('src/a.test.ts', text, 'adds')).toMatchObject({ status: 'hollow', why: expect.stringContaining(why) });
  });

  it('calls a test that only calls something that can fail real', () => {
    expect(lookUpTest('src/a.test.tsx', "it('renders', () => {\n  render(<App />);\n  screen.getByText('hi');\n});\n", 'renders')).toMatchObject({ status: 'found' });
  });
});
