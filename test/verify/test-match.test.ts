import { describe, expect, it } from '@jest/globals';
import type { TestReport } from '../../src/verify/junit.js';
import { matchTestCases, type CitedTest } from '../../src/verify/test-match.js';
import { junitReport } from '../helpers/junit.js';

const REPORTS: TestReport[] = ['pytest.xml', 'jest-junit.xml', 'surefire.xml', 'go-junit-report.xml', 'rspec.xml'].map(junitReport);

/** The cases a cited test matches, as `classname | name | outcome`. */
function matched(name: string, file?: string, reports: TestReport[] = REPORTS): string[] {
  const test: CitedTest = { name, ...(file ? { file } : {}) };
  return matchTestCases(test, reports).map((c) => `${c.classname} | ${c.name} | ${c.outcome}`);
}

describe('matchTestCases: pytest', () => {
  it('maps a node id to its dotted classname and name: a/b/test_x.py::C::t[p]', () => {
    expect(matched('TestCart::test_add[1]', 'tests/test_cart.py')).toEqual(['tests.test_cart.TestCart | test_add[1] | passed']);
    expect(matched('test_total', 'tests/test_cart.py')).toEqual(['tests.test_cart | test_total | passed']);
  });

  it('matches every case of a parametrised test cited without its parameters', () => {
    expect(matched('TestCart::test_add', 'tests/test_cart.py')).toEqual(['tests.test_cart.TestCart | test_add[1] | passed', 'tests.test_cart.TestCart | test_add[2] | passed']);
    expect(matched('TestCart::test_remove', 'tests/test_cart.py')).toEqual([
      'tests.test_cart.TestCart | test_remove[a] | passed',
      'tests.test_cart.TestCart | test_remove[b] | failed',
    ]);
  });

  it('matches a method cited by its bare name, as the test finder finds it', () => {
    expect(matched('test_add', 'tests/test_cart.py')).toHaveLength(2);
  });

  it('refuses a case of another class, another module or another name', () => {
    expect(matched('TestCart::test_total', 'tests/test_cart.py')).toEqual([]);
    expect(matched('TestOther::test_add', 'tests/test_cart.py')).toEqual([]);
    expect(matched('test_total', 'tests/test_orders.py')).toEqual([]);
    expect(matched('test_total', 'other/test_cart.py')).toEqual([]);
    expect(matched('test_tot', 'tests/test_cart.py')).toEqual([]);
    expect(matched('TestCart::test_add[3]', 'tests/test_cart.py')).toEqual([]);
  });

  it('matches whichever folder pytest ran from: the classname may be a tail of the module path, or longer', () => {
    expect(matched('test_health', 'backend/tests/test_api.py')).toEqual(['backend.tests.test_api | test_health | failed']);
    expect(matched('test_health', 'tests/test_api.py')).toEqual(['backend.tests.test_api | test_health | failed']);
  });

  it('matches by name alone when the cited test names no file', () => {
    expect(matched('test_total')).toEqual(['tests.test_cart | test_total | passed']);
  });
});

describe('matchTestCases: jest-junit', () => {
  it('matches "{describe titles} {title}" from a chain written with > or ›', () => {
    expect(matched('math > add > adds two numbers', 'src/math.test.ts')).toEqual(['math add adds two numbers | math add adds two numbers | passed']);
    expect(matched('math › divides', 'src/math.test.ts')).toEqual(['math divides | math divides | failed']);
  });

  it('matches a bare title inside its describe blocks', () => {
    expect(matched('adds two numbers', 'src/math.test.ts')).toEqual(['math add adds two numbers | math add adds two numbers | passed']);
    expect(matched('adds 1 + 2', 'src/math.test.ts')).toEqual(['math add adds 1 + 2 | math add adds 1 + 2 | passed']);
  });

  it('refuses a chain that is not the one reported', () => {
    expect(matched('physics > add > adds two numbers', 'src/math.test.ts')).toEqual([]);
    expect(matched('add > adds two numbers', 'src/math.test.ts')).toEqual([]);
  });

  it('matches Vitest, which joins the chain with > in the name and gives the file as classname', () => {
    const vitest: TestReport = { source: 'v.xml', cases: [{ classname: 'src/math.test.ts', name: 'math > add > adds two numbers', outcome: 'passed' }] };
    expect(matched('math > add > adds two numbers', 'src/math.test.ts', [vitest])).toHaveLength(1);
    expect(matched('adds two numbers', 'src/math.test.ts', [vitest])).toHaveLength(1);
  });
});

describe('matchTestCases: Surefire', () => {
  const FILE = 'src/test/java/com/acme/cart/CartTest.java';

  it('matches Class#method, package.Class#method() and a bare method in the cited file', () => {
    for (const name of ['CartTest#addsItems', 'com.acme.cart.CartTest#addsItems', 'CartTest.addsItems', 'addsItems']) {
      expect(matched(name, FILE)).toEqual(['com.acme.cart.CartTest | addsItems | passed']);
    }
  });

  it('matches names Surefire writes with parentheses, parameterised cases included', () => {
    expect(matched('emptyTotal', FILE)).toEqual(['com.acme.cart.CartTest | emptyTotal() | passed']);
    expect(matched('CartTest#emptyTotal()', FILE)).toEqual(['com.acme.cart.CartTest | emptyTotal() | passed']);
    expect(matched('positive', FILE)).toEqual(['com.acme.cart.CartTest | positive(int)[1] | passed']);
  });

  it('refuses a method of another class', () => {
    expect(matched('OrderTest#addsItems', FILE)).toEqual([]);
    expect(matched('addsItems', 'src/test/java/com/acme/cart/OrderTest.java')).toEqual([]);
  });
});

describe('matchTestCases: go-junit-report', () => {
  it('matches TestXxx and TestXxx/sub in the package of the cited folder, spaces as underscores', () => {
    expect(matched('TestAdd', 'cart/cart_test.go')).toEqual(['github.com/acme/shop/cart | TestAdd | passed']);
    expect(matched('TestCheckout/empty cart', 'cart/cart_test.go')).toEqual(['github.com/acme/shop/cart | TestCheckout/empty_cart | passed']);
    expect(matched('TestCheckout/with_coupon', 'services/cart/cart_test.go')).toEqual(['github.com/acme/shop/cart | TestCheckout/with_coupon | failed']);
  });

  it('matches the parent test alone when it is cited', () => {
    expect(matched('TestCheckout', 'cart/cart_test.go')).toEqual(['github.com/acme/shop/cart | TestCheckout | passed']);
  });

  it('refuses a test of another package, even one whose name ends the same', () => {
    expect(matched('TestAdd', 'orders/orders_test.go')).toEqual([]);
    expect(matched('TestAdd', 'notcart/cart_test.go')).toEqual([]);
  });
});

describe('matchTestCases: RSpec', () => {
  it('matches the full description in the cited file', () => {
    expect(matched('Cart #add with one item counts it', 'spec/cart_spec.rb')).toEqual(['spec.cart_spec | Cart #add with one item counts it | passed']);
    expect(matched('Cart > #add > with one item > keeps the price', 'spec/cart_spec.rb')).toEqual(['spec.cart_spec | Cart #add with one item keeps the price | failed']);
  });

  it('refuses an example the report gives to another file', () => {
    expect(matched('Cart starts empty', 'spec/order_spec.rb')).toEqual([]);
    expect(matched('Order starts empty', 'spec/order_spec.rb')).toEqual(['spec.order_spec | Order starts empty | skipped']);
  });

  it('matches a file path cited with or without ./', () => {
    expect(matched('Cart starts empty', './spec/cart_spec.rb')).toHaveLength(1);
  });
});

describe('matchTestCases: no reports', () => {
  it('matches nothing in no reports or in empty ones', () => {
    expect(matched('test_total', 'tests/test_cart.py', [])).toEqual([]);
    expect(matched('test_total', 'tests/test_cart.py', [{ source: 'r.xml', cases: [] }])).toEqual([]);
  });
});
