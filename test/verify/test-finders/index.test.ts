import { describe, expect, it } from '@jest/globals';
import { judgeBody, lookUpTest } from '../../../src/verify/test-finders/index.js';

describe('lookUpTest', () => {
  it.each([
    ['a Markdown file', 'docs/TESTS.md', null],
    ['a plain text file', 'tests/cases.txt', null],
    ['a PHP file', 'tests/CartTest.php', 'php'],
    ['a shell script', 'test/run.sh', 'shell'],
  ])('cannot read tests in %s', (_, path, language) => {
    expect(lookUpTest(path, 'def test_x():\n    assert 1\n', 'test_x')).toEqual({ status: 'unsupported', language });
  });

  it('trims the cited name', () => {
    expect(lookUpTest('t.py', 'def test_x():\n    assert 1\n', '  test_x ')).toMatchObject({ status: 'found' });
  });

  it('prefers a real definition when a name is defined more than once', () => {
    const text = 'class A:\n    def test_x(self):\n        pass\n\nclass B:\n    def test_x(self):\n        assert f()\n';
    expect(lookUpTest('t.py', text, 'test_x')).toMatchObject({ status: 'found', definition: { line: 6 } });
  });

  it('calls a name hollow only when every definition of it is', () => {
    const text = 'class A:\n    def test_x(self):\n        pass\n\nclass B:\n    def test_x(self):\n        ...\n';
    expect(lookUpTest('t.py', text, 'test_x')).toMatchObject({ status: 'hollow', definition: { line: 2 }, why: 'its body is only `pass`' });
  });
});

describe('judgeBody', () => {
  it.each([
    ['', 'its body is empty'],
    ['\n  \n', 'its body is empty'],
    ['{ }', 'its body is empty'],
    ['\n    pass\n', 'its body is only `pass`'],
    ['\n    ...\n', 'its body is only `...`'],
    ['\n    return\n', 'its body is empty'],
    ['\n    pending\n', 'its body is only `pending`'],
    ['\n    raise NotImplementedError("x")\n', 'its body is only a stub: `raise NotImplementedError("x")`'],
    ['{\n  todo!()\n}', 'its body is only a stub: `todo!()`'],
    ['{\n  console.log(x);\n  const y = 2;\n}', 'its body asserts nothing and calls nothing that could fail'],
    ['{\n  if (x) { y = 1 }\n}', 'its body asserts nothing and calls nothing that could fail'],
  ])('judges %j hollow: %s', (body, why) => {
    expect(judgeBody(body, 'typescript')).toBe(why);
  });

  it.each([
    ['{ expect(x).toBe(1) }', 'typescript'],
    ['\n    assert x == 1\n', 'python'],
    ['\n    self.assertTrue(x)\n', 'python'],
    ['\n\tif got != want {\n\t\tt.Errorf("got %d", got)\n\t}\n', 'go'],
    ['\n\trequire.NoError(t, err)\n', 'go'],
    ['{ assertThat(x).isEqualTo(1); }', 'java'],
    ['{ verify(mock).called(); }', 'java'],
    ['{ x.should.equal(1) }', 'javascript'],
    ['{ await page.goto("/"); }', 'typescript'],
    ['\n    cart.total\n', 'ruby'],
  ])('judges %j (%s) able to fail', (body, language) => {
    expect(judgeBody(body, language)).toBeNull();
  });
});
