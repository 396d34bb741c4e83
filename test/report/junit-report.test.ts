import { describe, expect, it } from '@jest/globals';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parsePlan } from '../../src/plan/parse.js';
import { renderJUnit } from '../../src/report/junit-report.js';
import { parseJUnit } from '../../src/verify/junit.js';
import { checkPlans } from '../../src/verify/verify.js';
import { at } from '../helpers/position.js';
import { item, reportOf, result } from '../helpers/reports.js';
import { found, REF, snapshotOf } from '../helpers/snapshot.js';

const PLAN = `# Plan

### T-001: Add the parser
**Status:** Done
**File:** \`src/a.ts:L1-L5\`
**Commit:** \`a1b2c3d\`

### T-002: Parser tests
**Status:** Done
**Commit:** \`beefbeef\`

### T-003: Template
**Commit:** [commit-hash]
`;

type XmlNode = Record<string, any>;

/** The XML parsed back, every element a list, attributes as `@_name` strings. */
function parse(xml: string): XmlNode {
  expect(XMLValidator.validate(xml)).toBe(true);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseAttributeValue: false, isArray: (name, _path, _leaf, isAttribute) => !isAttribute && name !== '?xml' }).parse(xml);
}

describe('renderJUnit on a checked plan', () => {
  const snapshot = snapshotOf({ files: { 'src/a.ts': 'export const a = 1;\n'.repeat(12) }, commits: { a1b2c3d: found(['src/a.ts']), beefbeef: 'missing' } });
  const report = checkPlans([parsePlan('docs/PLAN.md', PLAN), parsePlan('docs/other.md', '# Nothing here\n')], snapshot);
  const xml = renderJUnit(report);
  const doc = parse(xml);
  const root = doc.testsuites[0];
  const suite = root.testsuite[0];
  const cases = suite.testcase as XmlNode[];

  it('is well-formed XML with the totals on <testsuites>', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const s = report.summary;
    expect(s.unverified).toBeGreaterThan(0);
    expect(s.unknown).toBeGreaterThan(0);
    expect(root['@_tests']).toBe(String(s.claims));
    expect(root['@_failures']).toBe(String(s.unverified));
    expect(root['@_skipped']).toBe(String(s.unknown));
    expect(root['@_errors']).toBe('0');
  });

  it('has one test suite per plan, with its own counts', () => {
    expect(root.testsuite.map((t: XmlNode) => t['@_name'])).toEqual(['docs/PLAN.md', 'docs/other.md']);
    const claims = report.plans[0]!.items.flatMap((i) => i.claims);
    expect(suite['@_tests']).toBe(String(claims.length));
    expect(suite['@_failures']).toBe(String(claims.filter((c) => c.verdict === 'unverified').length));
    expect(suite['@_skipped']).toBe(String(claims.filter((c) => c.verdict === 'unknown').length));
    expect(suite.properties[0].property[0]).toEqual({ '@_name': 'ref', '@_value': REF });
    expect(root.testsuite[1]['@_tests']).toBe('0');
    expect(root.testsuite[1].testcase).toBeUndefined();
  });

  it('has one test case per claim: classname plan#item, name kind, text and line', () => {
    expect(cases).toHaveLength(report.plans[0]!.items.flatMap((i) => i.claims).length);
    const range = cases.find((c) => c['@_name'].startsWith('range '))!;
    expect(range['@_classname']).toBe('docs/PLAN.md#T-001');
    expect(range['@_name']).toBe(`range src/a.ts:L1-L5 (line ${at(PLAN, 'src/a.ts:L1-L5').line})`);
    expect(range['@_file']).toBe('docs/PLAN.md');
    expect(range['@_line']).toBe(String(at(PLAN, 'src/a.ts:L1-L5').line));
    expect(range.failure).toBeUndefined();
    expect(range.skipped).toBeUndefined();
  });

  it('fails an unverified claim (message: reason, type: code) and skips an unknown one', () => {
    const commit = cases.find((c) => c['@_name'].startsWith('commit beefbeef'))!;
    expect(commit.failure[0]['@_type']).toBe('commit-not-found');
    expect(commit.failure[0]['@_message']).toBe('commit beefbeef does not exist in this repository');
    expect(commit.failure[0]['#text']).toContain(`at docs/PLAN.md:${at(PLAN, 'beefbeef').line}:${at(PLAN, 'beefbeef').column}`);
    const placeholder = cases.find((c) => c['@_name'].includes('[commit-hash]'))!;
    expect(placeholder.skipped[0]['@_message']).toBe("'[commit-hash]' is template text that was never filled in");
    expect(placeholder.failure).toBeUndefined();
  });

  it('is read back by claimcheck’s own JUnit reader with the same outcomes', () => {
    const back = parseJUnit(xml, 'claimcheck.xml');
    expect(back.cases.map((c) => c.outcome)).toEqual(
      report.plans.flatMap((p) => p.items.flatMap((i) => i.claims)).map((c) => ({ verified: 'passed', unverified: 'failed', unknown: 'skipped' })[c.verdict]),
    );
  });
});

describe('renderJUnit escaping', () => {
  it('keeps markup, quotes and characters XML cannot hold from breaking the document', () => {
    const nasty = 'a <b> & "c" \'d\' ]]> \u0001\u0000 \uD800 ok 🎉';
    const report = reportOf({
      path: 'docs/<plan>&.md',
      items: [item('X&1', [result('unverified', 4, { code: 'file-not-found', reason: `gone: ${nasty}\nsecond line`, text: nasty })])],
    });
    const xml = renderJUnit(report);
    const testcase = parse(xml).testsuites[0].testsuite[0].testcase[0];
    expect(testcase['@_classname']).toBe('docs/<plan>&.md#X&1');
    expect(testcase['@_name']).toBe('file a <b> & "c" \'d\' ]]> \uFFFD\uFFFD \uFFFD ok 🎉 (line 4)');
    expect(testcase.failure[0]['@_message']).toBe('gone: a <b> & "c" \'d\' ]]> \uFFFD\uFFFD \uFFFD ok 🎉 second line');
    expect(testcase.failure[0]['#text']).toContain('gone: a <b> & "c"');
    expect(testcase.failure[0]['#text']).toContain('\nsecond line');
  });

  it('renders an empty report as an empty, valid document', () => {
    const root = parse(renderJUnit(reportOf())).testsuites[0];
    expect(root['@_tests']).toBe('0');
    expect(root.testsuite).toBeUndefined();
  });
});
