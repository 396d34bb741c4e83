import { describe, expect, it } from '@jest/globals';
import { findGoTest } from '../../../src/verify/test-finders/go.js';
import { lookUpTest } from '../../../src/verify/test-finders/index.js';

const FILE = `package cart

import "testing"

func TestAdd(t *testing.T) {
	if Add(1, 2) != 3 {
		t.Fatal("wrong sum")
	}
}

func TestCheckout(t *testing.T) {
	t.Run("empty cart", func(t *testing.T) {
		require.Error(t, Checkout(nil))
	})
	t.Run(\`with_coupon\`, func(t *testing.T) {
		require.NoError(t, Checkout(cart))
	})
}

func TestTable(t *testing.T) {
	cases := []struct {
		name string
		in   int
	}{
		{name: "zero value", in: 0},
		{name: "one", in: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			check(t, tc.in)
		})
	}
}

func BenchmarkAdd(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Add(1, 2)
	}
}

func helper() {}
`;

const lines = (name: string) => findGoTest(FILE, name).map((d) => d.line);

describe('findGoTest', () => {
  it('finds TestXxx and BenchmarkXxx functions', () => {
    expect(lines('TestAdd')).toEqual([5]);
    expect(lines('BenchmarkAdd')).toEqual([35]);
  });

  it('finds a subtest by its t.Run name, spaces written as underscores as go test reports them', () => {
    expect(lines('TestCheckout/empty_cart')).toEqual([11]);
    expect(lines('TestCheckout/empty cart')).toEqual([11]);
    expect(lines('TestCheckout/with_coupon')).toEqual([11]);
  });

  it('finds a table-driven subtest whose name stands as a literal in the test', () => {
    expect(lines('TestTable/zero_value')).toEqual([20]);
    expect(lines('TestTable/one')).toEqual([20]);
  });

  it('refuses a subtest the test does not define', () => {
    expect(lines('TestCheckout/full_cart')).toEqual([]);
    expect(lines('TestAdd/anything')).toEqual([]);
    expect(lines('TestTable/two')).toEqual([]);
  });

  it('refuses names that are not Go test functions, and prefixes of test names', () => {
    expect(lines('helper')).toEqual([]);
    expect(lines('TestAd')).toEqual([]);
    expect(lines('')).toEqual([]);
  });

  it('takes the function body', () => {
    expect(findGoTest(FILE, 'TestAdd')[0]!.body).toContain('t.Fatal("wrong sum")');
  });
});

describe('Go tests through lookUpTest', () => {
  it('says found for a test that fails on error', () => {
    expect(lookUpTest('cart/cart_test.go', FILE, 'TestCheckout/empty_cart')).toMatchObject({ status: 'found', definition: { line: 11 } });
  });

  it('does not count a test in a comment or a raw string', () => {
    const text = 'package x\n\n// func TestGone(t *testing.T) { t.Fatal("x") }\nvar sample = `\nfunc TestGone(t *testing.T) { t.Fatal("x") }\n`\n';
    expect(lookUpTest('x_test.go', text, 'TestGone')).toEqual({ status: 'not-found' });
  });

  it.each([
    ['an empty body', 'func TestX(t *testing.T) {\n}\n', 'empty'],
    ['a TODO comment', 'func TestX(t *testing.T) {\n\t// TODO\n}\n', 'empty'],
    ['a log only', 'func TestX(t *testing.T) {\n\tt.Log("later")\n}\n', 'asserts nothing'],
    ['a skip only', 'func TestX(t *testing.T) {\n\tt.Skip("later")\n}\n', 'asserts nothing'],
    ['panic("TODO")', 'func TestX(t *testing.T) {\n\tpanic("TODO")\n}\n', 'stub'],
  ])('calls a test with %s hollow', (_, text, why) => {
    expect(lookUpTest('x_test.go', `package x\n\n${text}`, 'TestX')).toMatchObject({ status: 'hollow', why: expect.stringContaining(why) });
  });
});
