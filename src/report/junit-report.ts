/**
 * The report as JUnit XML, for CI systems that display test results: a test suite per plan, a
 * test case per claim. `unverified` is a failure (message: the reason, type: the code), `unknown`
 * is skipped (message: the reason), `verified` passes. Pure. (Reading JUnit reports is
 * src/verify/junit.ts; this writes one.)
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { ClaimResult, PlanResult, Report } from '../verify/report.js';
import { jsonKind } from './json.js';
import { evidenceLabel } from './links.js';

type Node = Record<string, unknown>;

export function renderJUnit(report: Report): string {
  const suites = report.plans.map((plan) => suite(plan, report.ref));
  const s = report.summary;
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'claimcheck',
      '@_tests': s.claims,
      '@_failures': s.unverified,
      '@_errors': 0,
      '@_skipped': s.unknown,
      '@_time': 0,
      testsuite: suites,
    },
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });
  return builder.build(document) as string;
}

function suite(plan: PlanResult, ref: string): Node {
  const cases = plan.items.flatMap(({ item, claims }) => claims.map((result) => testCase(plan.path, item.id, item.title, result)));
  const claims = plan.items.flatMap((i) => i.claims);
  return {
    '@_name': attribute(plan.path),
    '@_tests': claims.length,
    '@_failures': claims.filter((c) => c.verdict === 'unverified').length,
    '@_errors': 0,
    '@_skipped': claims.filter((c) => c.verdict === 'unknown').length,
    '@_time': 0,
    '@_file': attribute(plan.path),
    properties: { property: [{ '@_name': 'ref', '@_value': ref }] },
    testcase: cases,
  };
}

/** `classname` is the plan path and item id (`docs/PLAN.md#M2-003`); `name` the claim and its line. */
function testCase(plan: string, id: string, title: string, result: ClaimResult): Node {
  const { claim, verdict, code, reason, evidence } = result;
  const kind = jsonKind(claim);
  const node: Node = {
    '@_classname': attribute(`${plan}#${id}`),
    '@_name': attribute(`${kind} ${claim.text} (line ${claim.line})`),
    '@_file': attribute(plan),
    '@_line': claim.line,
    '@_time': 0,
    properties: {
      property: [
        { '@_name': 'verdict', '@_value': verdict },
        { '@_name': 'code', '@_value': attribute(code) },
        { '@_name': 'item', '@_value': attribute(`${id} ${title}`) },
      ],
    },
  };
  const details = text(
    [`${code}: ${reason}`, `at ${plan}:${claim.line}:${claim.column}`, ...(evidence ? [`cited: ${evidenceLabel(evidence)} at ${evidence.commit.slice(0, 7)}`] : [])].join('\n'),
  );
  if (verdict === 'unverified') node.failure = { '@_message': attribute(reason), '@_type': attribute(code), '#text': details };
  if (verdict === 'unknown') node.skipped = { '@_message': attribute(reason), '#text': details };
  return node;
}

/**
 * Characters XML 1.0 cannot hold at all (most controls, lone surrogates, U+FFFE/U+FFFF) become
 * U+FFFD; the builder escapes the rest (`& < > " '`).
 */
function text(value: string): string {
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** An attribute is one line: a parser would fold its line breaks into spaces anyway. */
function attribute(value: string): string {
  return text(value.replace(/\s*[\r\n]+\s*/g, ' '));
}
