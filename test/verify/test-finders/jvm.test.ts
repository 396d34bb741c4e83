import { describe, expect, it } from '@jest/globals';
import { findAnnotatedTest } from '../../../src/verify/test-finders/jvm.js';
import { lookUpTest } from '../../../src/verify/test-finders/index.js';

const JAVA = `package com.acme.cart;

import org.junit.jupiter.api.Test;

class CartTest {
    @Test
    void addsItems() {
        assertEquals(1, new Cart().add(item).size());
    }

    @Test
    @DisplayName("empty cart totals zero")
    void emptyTotal() {
        assertEquals(0, new Cart().total());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void positive(int n) {
        assertTrue(n > 0);
    }

    public void testLegacyStyle() {
        assertTrue(true);
    }

    void helper() {
        build();
    }
}
`;

const lines = (code: string, name: string) => findAnnotatedTest(code, name).map((d) => d.line);

describe('findAnnotatedTest (JUnit)', () => {
  it('finds an @Test method as Class#method, Class.method, package.Class#method() or method', () => {
    for (const name of ['CartTest#addsItems', 'CartTest.addsItems', 'com.acme.cart.CartTest#addsItems()', 'addsItems', 'addsItems()']) {
      expect(lines(JAVA, name)).toEqual([7]);
    }
  });

  it('finds a method by its @DisplayName', () => {
    expect(lines(JAVA, 'empty cart totals zero')).toEqual([12]);
  });

  it('finds parameterised tests and JUnit 3 testXxx methods', () => {
    expect(lines(JAVA, 'positive')).toEqual([19]);
    expect(lines(JAVA, 'CartTest#testLegacyStyle')).toEqual([23]);
  });

  it('refuses a method without a test annotation, and a method of another class', () => {
    expect(lines(JAVA, 'helper')).toEqual([]);
    expect(lines(JAVA, 'OrderTest#addsItems')).toEqual([]);
    expect(lines(JAVA, 'adds')).toEqual([]);
  });

  it('finds Kotlin tests, backquoted names included', () => {
    const kotlin = 'class CartTest {\n    @Test\n    fun `adds items`() {\n        assertEquals(1, cart.size)\n    }\n\n    @Test\n    fun totals() {\n        assertEquals(0, cart.total)\n    }\n}\n';
    expect(lines(kotlin, 'adds items')).toEqual([3]);
    expect(lines(kotlin, 'CartTest#totals')).toEqual([8]);
  });

  it('finds C# [Fact] and [Test] methods', () => {
    const csharp = 'public class CartTests\n{\n    [Fact]\n    public void AddsItems()\n    {\n        Assert.Single(cart.Items);\n    }\n\n    [Test]\n    public void Totals() { Assert.That(cart.Total, Is.Zero); }\n}\n';
    expect(lines(csharp, 'CartTests.AddsItems')).toEqual([4]);
    expect(lines(csharp, 'Totals')).toEqual([10]);
  });

  it('finds Rust #[test] functions, by name or module path', () => {
    const rust = '#[cfg(test)]\nmod tests {\n    #[test]\n    fn adds() {\n        assert_eq!(add(1, 2), 3);\n    }\n\n    fn helper() {}\n}\n';
    expect(lines(rust, 'adds')).toEqual([4]);
    expect(lines(rust, 'tests::adds')).toEqual([4]);
    expect(lines(rust, 'helper')).toEqual([]);
  });
});

describe('annotated tests through lookUpTest', () => {
  it('says found for a JUnit test that asserts', () => {
    expect(lookUpTest('src/test/java/com/acme/cart/CartTest.java', JAVA, 'CartTest#addsItems')).toMatchObject({ status: 'found', definition: { line: 7 } });
    expect(lookUpTest('src/lib.rs', '#[test]\nfn adds() {\n    assert_eq!(add(1, 2), 3);\n}\n', 'adds')).toMatchObject({ status: 'found' });
  });

  it('does not count a test named only in a comment or a string', () => {
    const text = 'class CartTest {\n    // @Test void testGone() { fail(); }\n    String sample = "@Test void testGone() { fail(); }";\n}\n';
    expect(lookUpTest('CartTest.java', text, 'testGone')).toEqual({ status: 'not-found' });
  });

  it.each([
    ['an empty body', 'class T {\n    @Test\n    void x() {\n    }\n}\n', 'empty'],
    ['a TODO comment', 'class T {\n    @Test\n    void x() {\n        // TODO\n    }\n}\n', 'empty'],
    ['a print only', 'class T {\n    @Test\n    void x() {\n        System.out.println("x");\n    }\n}\n', 'asserts nothing'],
    ['UnsupportedOperationException', 'class T {\n    @Test\n    void x() {\n        throw new UnsupportedOperationException();\n    }\n}\n', 'stub'],
  ])('calls a JUnit test with %s hollow', (_, text, why) => {
    expect(lookUpTest('T.java', text, 'x')).toMatchObject({ status: 'hollow', why: expect.stringContaining(why) });
  });

  it('calls an empty Rust #[test] hollow', () => {
    expect(lookUpTest('src/lib.rs', '#[test]\nfn adds() {\n    todo!()\n}\n', 'adds')).toMatchObject({ status: 'hollow' });
  });
});
