/**
 * JUnit XML test reports (pytest, jest-junit, Maven Surefire, go-junit-report, RSpec) read with a
 * real XML parser into plain test-case results. Documents with a DOCTYPE are refused: a test
 * report never needs one, and entity declarations are how XML bombs are built.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type Outcome = 'passed' | 'failed' | 'skipped';

export interface TestCaseResult {
  classname: string;
  name: string;
  /** The `file` attribute, when the reporter writes one. */
  file?: string;
  outcome: Outcome;
}

export interface TestReport {
  /** Where the report came from (a file path), for reasons. */
  source: string;
  cases: TestCaseResult[];
}

export class ReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportError';
  }
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: true,
  // numeric references (`&#39;`) appear in reporters' names; with DOCTYPEs refused, decoding is safe
  htmlEntities: true,
  isArray: (name) => ['testsuites', 'testsuite', 'testcase', 'failure', 'error', 'skipped'].includes(name),
});

export function parseJUnit(xml: string, source: string): TestReport {
  const text = xml.replace(/^\uFEFF/, '');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new ReportError(`${source}: a JUnit report may not hold a DOCTYPE or entity declarations`);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new ReportError(`${source}: invalid XML at line ${valid.err.line}: ${valid.err.msg}`);
  const doc = parser.parse(text) as XmlNode;
  const roots = [...asNodes(doc['testsuites']), ...asNodes(doc['testsuite']).map((suite) => ({ testsuite: [suite] }))];
  if (roots.length === 0) throw new ReportError(`${source}: not a JUnit report (no <testsuites> or <testsuite>)`);
  const cases: TestCaseResult[] = [];
  for (const root of roots) collectSuites(root, cases, undefined);
  return { source, cases };
}

/**
 * Elements as objects. An element without attributes parses as its text: '' when empty
 * (`<skipped/>`), the trace when it holds one (jest-junit's `<failure>trace</failure>`); both count.
 */
function asNodes(value: unknown): XmlNode[] {
  const list: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.flatMap((v) => (typeof v === 'object' && v !== null ? [v as XmlNode] : typeof v === 'string' ? [{}] : []));
}

function collectSuites(node: XmlNode, cases: TestCaseResult[], inheritedFile: string | undefined): void {
  for (const suite of asNodes(node['testsuite'])) {
    const file = typeof suite['file'] === 'string' ? suite['file'] : inheritedFile;
    for (const testcase of asNodes(suite['testcase'])) cases.push(caseOf(testcase, file));
    collectSuites(suite, cases, file);
  }
}

function caseOf(node: XmlNode, suiteFile: string | undefined): TestCaseResult {
  const failed = asNodes(node['failure']).length > 0 || asNodes(node['error']).length > 0;
  const skipped = asNodes(node['skipped']).length > 0;
  const file = typeof node['file'] === 'string' ? node['file'] : suiteFile;
  return {
    classname: typeof node['classname'] === 'string' ? node['classname'] : '',
    name: typeof node['name'] === 'string' ? node['name'] : '',
    ...(file ? { file } : {}),
    outcome: failed ? 'failed' : skipped ? 'skipped' : 'passed',
  };
}
