import { describe, expect, it } from '@jest/globals';
import { parseJUnit, ReportError } from '../../src/verify/junit.js';
import { junitFixture as fixture } from '../helpers/junit.js';

const outcomes = (xml: string) => parseJUnit(xml, 'report.xml').cases.map((c) => `${c.classname} | ${c.name} | ${c.outcome}`);

describe('parseJUnit: reports of real reporters', () => {
  it('reads pytest: dotted classnames, parametrised names, failures, errors and skips', () => {
    const report = parseJUnit(fixture('pytest.xml'), 'reports/pytest.xml');
    expect(report.source).toBe('reports/pytest.xml');
    expect(outcomes(fixture('pytest.xml'))).toEqual([
      'tests.test_cart | test_total | passed',
      'tests.test_cart.TestCart | test_add[1] | passed',
      'tests.test_cart.TestCart | test_add[2] | passed',
      'tests.test_cart.TestCart | test_remove[a] | passed',
      'tests.test_cart.TestCart | test_remove[b] | failed',
      'tests.test_cart | test_later | skipped',
      'backend.tests.test_api | test_health | failed',
    ]);
  });

  it('reads jest-junit with its default templates, a failure that is only a trace included', () => {
    expect(outcomes(fixture('jest-junit.xml'))).toEqual([
      'math add adds two numbers | math add adds two numbers | passed',
      'math add adds 1 + 2 | math add adds 1 + 2 | passed',
      'math divides | math divides | failed',
      'math subtracts | math subtracts | skipped',
    ]);
  });

  it('reads Maven Surefire: a single testsuite root, names with parentheses, errors', () => {
    expect(outcomes(fixture('surefire.xml'))).toEqual([
      'com.acme.cart.CartTest | addsItems | passed',
      'com.acme.cart.CartTest | emptyTotal() | passed',
      'com.acme.cart.CartTest | positive(int)[1] | passed',
      'com.acme.cart.CartTest | broken | failed',
      'com.acme.cart.CartTest | later | skipped',
    ]);
  });

  it('reads go-junit-report: package paths as classnames, subtests as TestXxx/sub', () => {
    expect(outcomes(fixture('go-junit-report.xml'))).toEqual([
      'github.com/acme/shop/cart | TestAdd | passed',
      'github.com/acme/shop/cart | TestCheckout | passed',
      'github.com/acme/shop/cart | TestCheckout/empty_cart | passed',
      'github.com/acme/shop/cart | TestCheckout/with_coupon | failed',
    ]);
  });

  it('reads the RSpec formatter, with the file of each example', () => {
    const { cases } = parseJUnit(fixture('rspec.xml'), 'rspec.xml');
    expect(cases.map((c) => [c.name, c.file, c.outcome])).toEqual([
      ['Cart #add with one item counts it', './spec/cart_spec.rb', 'passed'],
      ['Cart #add with one item keeps the price', './spec/cart_spec.rb', 'failed'],
      ['Cart starts empty', './spec/cart_spec.rb', 'passed'],
      ['Order starts empty', './spec/order_spec.rb', 'skipped'],
    ]);
  });

  it('reads nested testsuites, passing a suite file down to its cases unless they name their own', () => {
    const { cases } = parseJUnit(fixture('nested.xml'), 'nested.xml');
    expect(cases.map((c) => [c.name, c.file, c.outcome])).toEqual([
      ['top', 'src/a.test.ts', 'passed'],
      ['deep', 'src/a.test.ts', 'passed'],
      ['deepest', 'src/c.test.ts', 'skipped'],
      ['other', 'src/s.test.ts', 'failed'],
    ]);
  });
});

describe('parseJUnit: outcomes', () => {
  const one = (inner: string) => parseJUnit(`<testsuite><testcase classname="c" name="t">${inner}</testcase></testsuite>`, 'r.xml').cases[0]!.outcome;

  it.each([
    ['nothing', '', 'passed'],
    ['system output only', '<system-out>hello</system-out>', 'passed'],
    ['an empty <skipped/>', '<skipped/>', 'skipped'],
    ['a <skipped> with a message', '<skipped message="later"/>', 'skipped'],
    ['a <skipped> with text only', '<skipped>later</skipped>', 'skipped'],
    ['an empty <failure/>', '<failure/>', 'failed'],
    ['a <failure> with a message', '<failure message="x" type="AssertionError">trace</failure>', 'failed'],
    ['a <failure> with a trace only', '<failure>AssertionError: x\n  at y</failure>', 'failed'],
    ['an <error> with a trace only', '<error>boom</error>', 'failed'],
    ['a failure and a skip', '<skipped/><failure/>', 'failed'],
  ])('a case with %s has %s', (_, inner, outcome) => {
    expect(one(inner)).toBe(outcome);
  });

  it('decodes character references in names', () => {
    const { cases } = parseJUnit('<testsuite><testcase classname="a &amp; b" name="doesn&apos;t &#x41;&#66; &lt;1&gt;"/></testsuite>', 'r.xml');
    expect(cases).toEqual([{ classname: 'a & b', name: "doesn't AB <1>", outcome: 'passed' }]);
  });

  it('reads a report with a byte order mark, and an empty report', () => {
    expect(parseJUnit('\uFEFF<testsuites><testsuite><testcase name="t"/></testsuite></testsuites>', 'r.xml').cases).toHaveLength(1);
    expect(parseJUnit('<testsuites/>', 'r.xml').cases).toEqual([]);
    expect(parseJUnit('<testsuite name="none" tests="0"/>', 'r.xml').cases).toEqual([]);
  });

  it('gives a case without names empty ones', () => {
    expect(parseJUnit('<testsuite><testcase/></testsuite>', 'r.xml').cases).toEqual([{ classname: '', name: '', outcome: 'passed' }]);
  });
});

describe('parseJUnit: refusals', () => {
  const refusal = (xml: string): Error => {
    try {
      parseJUnit(xml, 'out/junit.xml');
    } catch (error) {
      return error as Error;
    }
    throw new Error('no error');
  };

  it.each([
    ['a DOCTYPE', '<?xml version="1.0"?>\n<!DOCTYPE testsuite>\n<testsuite/>'],
    ['an entity declaration (an XML bomb)', '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;">\n]>\n<testsuite name="&lol2;"/>'],
    ['a lowercase doctype', '<!doctype testsuite><testsuite/>'],
  ])('refuses %s', (_, xml) => {
    const error = refusal(xml);
    expect(error).toBeInstanceOf(ReportError);
    expect(error.message).toBe('out/junit.xml: a JUnit report may not hold a DOCTYPE or entity declarations');
  });

  it('refuses invalid XML, naming the line', () => {
    const error = refusal('<testsuite name="x">\n  <testcase name="a">\n</testsuite>\n');
    expect(error).toBeInstanceOf(ReportError);
    expect(error.message).toMatch(/^out\/junit\.xml: invalid XML at line 3: /);
    expect(refusal('').message).toMatch(/^out\/junit\.xml: invalid XML at line 1/);
    expect(refusal('PASSED 3 tests').message).toMatch(/invalid XML at line 1/);
  });

  it('refuses XML that is not a JUnit report', () => {
    const error = refusal('<?xml version="1.0"?><coverage line-rate="0.9"/>');
    expect(error).toBeInstanceOf(ReportError);
    expect(error.message).toBe('out/junit.xml: not a JUnit report (no <testsuites> or <testsuite>)');
  });
});
