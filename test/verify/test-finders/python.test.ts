import { describe, expect, it } from '@jest/globals';
import { findPythonTest } from '../../../src/verify/test-finders/python.js';
import { lookUpTest } from '../../../src/verify/test-finders/index.js';

const FILE = `import pytest


def test_top():
    assert total([1, 2]) == 3


class TestCart:
    def test_add(self):
        assert Cart().add(1).count == 1

    class TestNested:
        def test_deep(self):
            assert True


@pytest.mark.parametrize("n", [1, 2])
def test_param(n):
    assert n > 0


async def test_async():
    assert await fetch() == 200


def test_one_liner(): assert ping()
`;

const lines = (name: string) => findPythonTest(FILE, name).map((d) => d.line);

describe('findPythonTest', () => {
  it('finds a module-level test by its function name', () => {
    expect(lines('test_top')).toEqual([4]);
    expect(findPythonTest(FILE, 'test_top')[0]).toMatchObject({ line: 4, body: expect.stringContaining('assert total([1, 2]) == 3') });
  });

  it('finds a method by its class chain, as pytest node ids write it', () => {
    expect(lines('TestCart::test_add')).toEqual([9]);
    expect(lines('TestCart::TestNested::test_deep')).toEqual([13]);
  });

  it('refuses a wrong class chain', () => {
    expect(lines('TestOther::test_add')).toEqual([]);
    expect(lines('TestNested::test_deep')).toEqual([]);
    expect(lines('TestCart::test_top')).toEqual([]);
  });

  it('finds a method by its bare name at any depth', () => {
    expect(lines('test_add')).toEqual([9]);
    expect(lines('test_deep')).toEqual([13]);
  });

  it('finds a parametrised test from a case id', () => {
    expect(lines('test_param[1]')).toEqual([18]);
    expect(lines('test_param[n-with-dashes]')).toEqual([18]);
  });

  it('finds async tests and one-line tests, keeping the one-liner body', () => {
    expect(lines('test_async')).toEqual([22]);
    expect(findPythonTest(FILE, 'test_one_liner')).toEqual([{ line: 26, offset: expect.any(Number), body: expect.stringContaining('assert ping()') }]);
  });

  it('finds no test for a name that is only a prefix of one, or is empty', () => {
    expect(lines('test_to')).toEqual([]);
    expect(lines('')).toEqual([]);
    expect(lines('TestCart::')).toEqual([]);
  });

  it('takes the body to the end of the indented block only', () => {
    const [def] = findPythonTest(FILE, 'test_top');
    expect(def!.body).not.toContain('TestCart');
  });
});

describe('Python tests through lookUpTest', () => {
  it('says found for a test that asserts', () => {
    expect(lookUpTest('tests/test_cart.py', FILE, 'TestCart::test_add')).toMatchObject({ status: 'found', definition: { line: 9 } });
  });

  it('does not count a test named only in a comment or a string', () => {
    const text = '# def test_gone():\n#     assert 1\nSAMPLE = """\ndef test_gone():\n    assert True\n"""\nNAME = "test_gone"\n';
    expect(lookUpTest('tests/test_x.py', text, 'test_gone')).toEqual({ status: 'not-found' });
  });

  it.each([
    ['pass', 'def test_x():\n    pass\n', 'only `pass`'],
    ['...', 'def test_x():\n    ...\n', 'only `...`'],
    ['a docstring', 'def test_x():\n    """Later."""\n', 'empty'],
    ['a TODO comment', 'def test_x():\n    # TODO\n    pass\n', 'only `pass`'],
    ['an assignment', 'def test_x():\n    x = 1\n', 'asserts nothing'],
    ['a print', 'def test_x():\n    print("ran")\n', 'asserts nothing'],
    ['a skip', 'def test_x():\n    pytest.skip("later")\n', 'asserts nothing'],
    ['raise NotImplementedError', 'def test_x():\n    raise NotImplementedError\n', 'stub'],
    ['a one-line pass', 'def test_x(): pass\n', 'only `pass`'],
  ])('calls a test whose body is %s hollow', (_, text, why) => {
    expect(lookUpTest('tests/test_x.py', text, 'test_x')).toMatchObject({ status: 'hollow', why: expect.stringContaining(why) });
  });

  it.each([
    ['pytest.raises', 'def test_x():\n    with pytest.raises(ValueError):\n        parse("")\n'],
    ['a unittest assertion', 'class T(unittest.TestCase):\n    def test_x(self):\n        self.assertEqual(f(), 1)\n'],
    ['a call that can fail', 'def test_x(client):\n    client.get("/health")\n'],
  ])('calls a test with %s real', (_, text) => {
    expect(lookUpTest('tests/test_x.py', text, 'test_x')).toMatchObject({ status: 'found' });
  });
});
