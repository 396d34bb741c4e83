import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePlan } from '../../src/plan/parse.js';
import { LEVEL, renderSarif, RULES } from '../../src/report/sarif.js';
import type { Report } from '../../src/verify/report.js';
import { checkPlans } from '../../src/verify/verify.js';
import { at } from '../helpers/position.js';
import { item, reportOf, result } from '../helpers/reports.js';
import { found, lines, REF, snapshotOf } from '../helpers/snapshot.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCHEMA = draft07(JSON.parse(readFileSync(join(ROOT, 'node_modules/@microsoft/sarif-matcher-utils/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')));
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; homepage?: string };

/**
 * The official schema is JSON Schema draft-04, which Ajv 8 does not load; the keywords it uses
 * (type, properties, required, enum, pattern, items, minimum, maximum, anyOf, oneOf, $ref...) mean
 * the same in draft-07, so only its header changes: `id` becomes `$id`, `$schema` goes.
 */
function draft07(schema: Record<string, unknown>): Record<string, unknown> {
  expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
  const { $schema: _draft, id, ...rest } = schema;
  return { $id: id, ...rest };
}

/** The official SARIF 2.1.0 schema, with the string formats it names checked too. */
const validate = (() => {
  // the schema's `language` pattern has a stray `]` that only non-Unicode regular expressions accept
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  const isUri = (value: string): boolean => URL.canParse(value);
  ajv.addFormat('uri', isUri);
  ajv.addFormat('uri-reference', (value: string) => isUri(value) || URL.canParse(value, 'file:///base/'));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile(SCHEMA);
})();

function expectValid(sarif: unknown): void {
  const valid = validate(sarif);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

const PLAN = `# Plan

### T-001: Add the parser
**Status:** Done
**File:** \`src/a.ts:L1-L5\`, \`src/b.ts\`
**Commit:** \`a1b2c3d\`

### T-002: Parser tests
**Status:** Done
**File:** \`src/a.ts:L8-L99\`
**Commit:** \`beefbeef\`

### T-003: Template
**Commit:** [commit-hash]
`;

function parsedReport(plan = PLAN): Report {
  const snapshot = snapshotOf({
    files: { 'src/a.ts': 'export const a = 1;\n'.repeat(12), 'src/b.ts': 'export const b = 2;\n', 'docs/guide.md': lines(2) },
    commits: { a1b2c3d: found(['src/a.ts']), beefbeef: 'missing' },
  });
  return checkPlans([parsePlan('docs/PLAN.md', plan)], snapshot);
}

describe('renderSarif', () => {
  const report = parsedReport();
  const sarif = JSON.parse(renderSarif(report));
  const run = sarif.runs[0];

  it('is valid SARIF 2.1.0 by the official schema', () => {
    expect(sarif.version).toBe('2.1.0');
    expectValid(sarif);
  });

  it('the schema check does catch a broken document', () => {
    const broken = structuredClone(sarif);
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    delete broken.runs[0].tool.driver.name;
    expect(validate(broken)).toBe(false);
  });

  it('names claimcheck and its version', () => {
    expect(run.tool.driver.name).toBe('claimcheck');
    expect(run.tool.driver.version).toBe(PACKAGE.version);
    // informationUri comes from package.json's homepage, and is left out while it has none
    expect(run.tool.driver.informationUri).toBe(PACKAGE.homepage);
    expect(run.properties.ref).toBe(REF);
  });

  it('gives one result per claim not verified, at its plan line and column', () => {
    const failing = report.plans[0]!.items.flatMap((i) => i.claims).filter((c) => c.verdict !== 'verified');
    expect(failing.length).toBeGreaterThan(2);
    expect(run.results).toHaveLength(failing.length);
    expect(run.results.map((r: { ruleId: string }) => r.ruleId)).toEqual(failing.map((c) => c.code));
    const range = run.results.find((r: { ruleId: string }) => r.ruleId === 'range-out-of-bounds');
    expect(range.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'docs/PLAN.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: at(PLAN, 'src/a.ts:L8-L99').line, startColumn: at(PLAN, 'src/a.ts:L8-L99').column },
    });
    expect(range.message.text).toBe('T-002: range src/a.ts:L8-L99: cites lines 8-99 but src/a.ts has 12 lines at feedfac');
    expect(range.properties).toEqual({ verdict: 'unverified', item: 'T-002', kind: 'range', claim: 'src/a.ts:L8-L99' });
  });

  it('is error for unverified, warning for unknown', () => {
    const levels = Object.fromEntries(run.results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]));
    expect(levels['commit-not-found']).toBe('error');
    expect(levels['placeholder']).toBe('warning');
  });

  it('has one rule per code used, with help text, and each result points at its rule', () => {
    const rules = run.tool.driver.rules as Array<Record<string, any>>;
    const codes = [...new Set(run.results.map((r: { ruleId: string }) => r.ruleId))];
    expect(rules.map((r) => r.id)).toEqual(codes);
    for (const res of run.results) expect(rules[res.ruleIndex]!.id).toBe(res.ruleId);
    const placeholder = rules.find((r) => r.id === 'placeholder')!;
    expect(placeholder.shortDescription.text).toBe('Placeholder');
    expect(placeholder.fullDescription.text).toContain('never filled in');
    expect(placeholder.help.text).toContain('Verdict: unknown');
    expect(placeholder.help.markdown).toContain('**unknown** (`placeholder`)');
    expect(placeholder.defaultConfiguration.level).toBe('warning');
    expect(rules.find((r) => r.id === 'range-out-of-bounds')!.defaultConfiguration.level).toBe('error');
  });

  it('fingerprints a claim by what it is, not where it stands', () => {
    const moved = JSON.parse(renderSarif(parsedReport(PLAN.replace('# Plan\n', '# Plan\n\nAn added paragraph.\n'))));
    const print = (doc: typeof sarif, code: string): { line: number; print: string } => {
      const r = doc.runs[0].results.find((x: { ruleId: string }) => x.ruleId === code);
      return { line: r.locations[0].physicalLocation.region.startLine, print: r.partialFingerprints['claimcheckClaim/v1'] };
    };
    expect(print(moved, 'commit-not-found').line).toBe(print(sarif, 'commit-not-found').line + 2);
    expect(print(moved, 'commit-not-found').print).toBe(print(sarif, 'commit-not-found').print);
    const prints = run.results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['claimcheckClaim/v1']);
    expect(new Set(prints).size).toBe(prints.length);
  });
});

describe('renderSarif on hand-made reports', () => {
  it('a report with nothing failing has no results and is still valid', () => {
    const sarif = JSON.parse(renderSarif(reportOf({ path: 'docs/PLAN.md', items: [item('A-1', [result('verified', 3)])] })));
    expect(sarif.runs[0].results).toEqual([]);
    expect(sarif.runs[0].tool.driver.rules).toEqual([]);
    expectValid(sarif);
  });

  it('encodes plan paths as URI references and links the evidence found', () => {
    const evidence = { path: 'src/my file#1.ts', commit: REF, start: 4, end: 9 };
    const report = reportOf({
      path: 'docs/my plans/plan #2.md',
      items: [item('A-1', [result('unverified', 7, { code: 'hollow-range', text: 'src/my file#1.ts:L4-L9', evidence })])],
    });
    const sarif = JSON.parse(renderSarif(report));
    const res = sarif.runs[0].results[0];
    expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe('docs/my%20plans/plan%20%232.md');
    expect(res.relatedLocations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'src/my%20file%231.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4, endLine: 9 },
    });
    expect(res.relatedLocations[0].message.text).toBe('cited: src/my file#1.ts:L4-L9 at feedfac');
    expectValid(sarif);
  });

  it('a code it has no text for still gets a rule, by its verdict', () => {
    const report = reportOf({ path: 'p.md', items: [item('A-1', [result('unknown', 2, { code: 'brand-new-code', reason: 'why' })])] });
    const sarif = JSON.parse(renderSarif(report));
    const rule = sarif.runs[0].tool.driver.rules[0];
    expect(rule.id).toBe('brand-new-code');
    expect(rule.defaultConfiguration.level).toBe('warning');
    expect(rule.fullDescription.text).toContain('unknown');
    expectValid(sarif);
  });
});

describe('the rule catalogue', () => {
  /** Every `unverified('code'` and `unknown('code'` in the engine's sources. */
  function emittedCodes(): Map<string, string> {
    const codes = new Map<string, string>();
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) {
          for (const m of readFileSync(path, 'utf8').matchAll(/\b(unverified|unknown)\(\s*'([a-z][a-z-]*)'/g)) codes.set(m[2]!, m[1]!);
        }
      }
    };
    walk(join(ROOT, 'src/verify'));
    return codes;
  }

  it('has text, with the right verdict and level, for every code the engine gives', () => {
    const emitted = emittedCodes();
    expect(emitted.size).toBeGreaterThan(30);
    for (const [code, verdict] of emitted) {
      expect([code, RULES[code]?.verdict]).toEqual([code, verdict]);
    }
    expect(LEVEL).toEqual({ unverified: 'error', unknown: 'warning' });
  });
});
