import { describe, expect, it } from '@jest/globals';
import { checkTest } from '../../../src/verify/checks/test.js';
import { snapshotOf, type SnapshotSpec } from '../../helpers/snapshot.js';
import { contextOf, fileClaim, itemOf, testClaim } from '../claims.js';

const PY = `import pytest


def test_total():
    assert total([1, 2]) == 3


def test_stub():
    pass


# def test_commented():
#     assert True

SAMPLE = "def test_in_string(): assert True"
`;

const REPO: SnapshotSpec = {
  files: {
    'tests/test_cart.py': PY,
    'web/src/cart.test.ts': "describe('cart', () => {\n  it('totals', () => {\n    expect(total()).toBe(0);\n  });\n  it.todo('discounts');\n});\n",
    'cart/cart_test.go': 'package cart\n\nfunc TestTotal(t *testing.T) {\n}\n',
    'spec/cart_spec.rb': 'describe Cart do\n  it "totals" do\n    pending\n  end\nend\n',
    'tests/CartTest.php': '<?php\nclass CartTest {}\n',
    'a/test_dup.py': 'def test_x():\n    assert 1\n',
    'b/test_dup.py': 'def test_x():\n    assert 1\n',
    'docs/TESTS.md': '# tests\n',
  },
  symlinks: { 'tests/link.py': 'test_cart.py' },
};

function check(name: string, file?: string, spec: SnapshotSpec = REPO, planPaths?: string[]) {
  const claim = testClaim(name, file);
  return checkTest(claim, contextOf(snapshotOf(spec), { item: itemOf([claim]), ...(planPaths ? { planPaths } : {}) }));
}

describe('checkTest: verified', () => {
  it('verifies a test defined in its file, giving where', () => {
    const outcome = check('test_total', 'tests/test_cart.py');
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'test-defined' });
    expect(outcome.reason).toBe("'test_total' is defined at tests/test_cart.py:4");
  });

  it('verifies tests in other languages', () => {
    expect(check('cart > totals', 'web/src/cart.test.ts')).toMatchObject({ verdict: 'verified', code: 'test-defined' });
  });

  it('finds the test file by a bare name when it is unique', () => {
    expect(check('test_total', 'test_cart.py')).toMatchObject({ verdict: 'verified', code: 'test-defined', reason: expect.stringContaining('tests/test_cart.py:4') });
  });
});

describe('checkTest: unverified', () => {
  it('reports a test its file does not define', () => {
    const outcome = check('test_missing', 'tests/test_cart.py');
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'test-not-defined' });
    expect(outcome.reason).toBe("tests/test_cart.py defines no test 'test_missing' at feedfac");
  });

  it('does not count a test named only in a comment or a string', () => {
    expect(check('test_commented', 'tests/test_cart.py')).toMatchObject({ verdict: 'unverified', code: 'test-not-defined' });
    expect(check('test_in_string', 'tests/test_cart.py')).toMatchObject({ verdict: 'unverified', code: 'test-not-defined' });
  });

  it('reports a missing test file', () => {
    const outcome = check('test_total', 'tests/test_orders.py');
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'test-file-missing' });
    expect(outcome.reason).toContain('tests/test_orders.py does not exist');
  });

  it.each([
    ['a pytest pass', 'test_stub', 'tests/test_cart.py', 'only `pass`'],
    ['it.todo', 'discounts', 'web/src/cart.test.ts', 'empty'],
    ['an empty Go test', 'TestTotal', 'cart/cart_test.go', 'empty'],
    ['an RSpec pending', 'totals', 'spec/cart_spec.rb', 'only `pending`'],
  ])('reports a hollow test: %s', (_, name, file, why) => {
    const outcome = check(name, file);
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'test-hollow' });
    expect(outcome.reason).toContain(why);
    expect(outcome.reason).toMatch(new RegExp(`\\(${file}:\\d+\\) proves nothing`));
  });

  it('passes on why the test file is not a file, or lies outside the repository', () => {
    expect(check('test_total', 'tests/link.py')).toMatchObject({ verdict: 'unverified', code: 'not-a-regular-file' });
    expect(check('test_total', 'tests')).toMatchObject({ verdict: 'unverified', code: 'not-a-regular-file' });
    expect(check('test_total', '../tests/test_cart.py')).toMatchObject({ verdict: 'unverified', code: 'path-outside-repo' });
  });
});

describe('checkTest: unknown', () => {
  it('is unknown when no test file is named', () => {
    const outcome = check('test_total');
    expect(outcome).toMatchObject({ verdict: 'unknown', code: 'no-test-file' });
    expect(outcome.reason).toContain("'test_total'");
  });

  it('is unknown for a language whose tests it cannot read', () => {
    expect(check('testTotal', 'tests/CartTest.php')).toMatchObject({ verdict: 'unknown', code: 'test-language-unsupported', reason: expect.stringContaining('php') });
    expect(check('totals', 'docs/TESTS.md')).toMatchObject({ verdict: 'unknown', code: 'test-language-unsupported' });
  });

  it('is unknown when the test file could not be read', () => {
    expect(check('test_total', 'tests/test_cart.py', { ...REPO, unread: ['tests/test_cart.py'] })).toMatchObject({ verdict: 'unknown', code: 'source-unavailable' });
    expect(check('test_total', 'tests/test_cart.py', { ...REPO, unreadable: ['tests/test_cart.py'] })).toMatchObject({ verdict: 'unknown', code: 'source-unavailable' });
    expect(check('test_total', 'tests/test_cart.py', { ...REPO, noTree: true })).toMatchObject({ verdict: 'unknown', code: 'source-unavailable' });
  });

  it('is unknown about a bare test file name that matches several files, unless the plan cites one in full', () => {
    const outcome = check('test_x', 'test_dup.py');
    expect(outcome).toMatchObject({ verdict: 'unknown', code: 'ambiguous-path' });
    expect(outcome.reason).toContain('a/test_dup.py, b/test_dup.py');
    expect(check('test_x', 'test_dup.py', REPO, ['b/test_dup.py'])).toMatchObject({ verdict: 'verified', reason: expect.stringContaining('b/test_dup.py') });
  });

  it('is unknown about a test file inside a submodule', () => {
    expect(check('test_x', 'vendor/lib/test_x.py', { ...REPO, submodules: ['vendor/lib'] })).toMatchObject({ verdict: 'unknown', code: 'inside-submodule' });
  });
});

describe('checkTest: the item cites the file in full elsewhere', () => {
  it('prefers the path the plan cites in full', () => {
    const claim = testClaim('test_x', 'test_dup.py');
    const item = itemOf([fileClaim('a/test_dup.py'), claim]);
    expect(checkTest(claim, contextOf(snapshotOf(REPO), { item }))).toMatchObject({ verdict: 'verified', reason: expect.stringContaining('a/test_dup.py') });
  });
});
