/**
 * The SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers: one result per claim
 * that did not verify, located at its plan line; one rule per verdict code. `unverified` is level
 * `error`, `unknown` is `warning` (whatever `fail_on` says: the level tells what the verdict is,
 * the exit code tells whether it fails the run). Pure.
 */
import { createHash } from 'node:crypto';
import type { Verdict } from '../plan/types.js';
import type { ClaimResult, Report } from '../verify/report.js';
import { HOMEPAGE, VERSION } from '../version.js';
import { jsonKind } from './json.js';
import { encodePath, evidenceLabel } from './links.js';

type Failing = Exclude<Verdict, 'verified'>;

interface RuleText {
  verdict: Failing;
  /** A title: what is wrong, in a few words. */
  short: string;
  /** When the code is given, in a sentence or two. */
  full: string;
}

/** Every code a claim that does not verify can carry (README, "Verdicts"). */
export const RULES: Readonly<Record<string, RuleText>> = {
  'file-not-found': bad('Cited file not found', 'The cited path does not exist at the verified commit.'),
  'not-a-regular-file': bad('Cited path is not a regular file', 'The cited path is a folder, a symbolic link or a submodule, not a file that can be evidence.'),
  'binary-file': bad('Lines cited in a binary file', 'The plan cites lines of a binary file, which has no lines to cite.'),
  'path-outside-repo': bad('Path leaves the repository', 'The cited path leaves the repository with `..`; it is never read.'),
  'invalid-range': bad('Invalid line range', 'The cited range starts below 1, ends before it starts, or passes 2^31-1.'),
  'range-out-of-bounds': bad('Range past the end of the file', "The cited range ends past the file's last line."),
  'hollow-range': bad('Cited lines hold no real code', 'The cited lines hold only blank lines, comments, docstrings or a stub (`pass`, `raise NotImplementedError`, `todo!()`...).'),
  'range-irrelevant': bad('Cited lines do not hold what the plan says', "The plan says what the lines hold, but they do not mention it; the reason lists what is missing."),
  'range-drifted': bad('Cited block moved', 'The cited block moved since the plan line was written; the reason says where it stands now, and `claimcheck verify --fix` rewrites the range.'),
  'range-deleted': bad('Cited block deleted', 'The cited block is gone since the plan line was written.'),
  'hollow-file': bad('Cited file holds no real code', 'The cited code file holds only blank lines, comments or stubs.'),
  'invalid-commit-id': bad('Invalid commit id', 'A Commit field, commit URL or permalink holds hex that is not 7 to 40 digits.'),
  'commit-not-found': bad('Commit not found', 'No such commit exists in the repository.'),
  'commit-not-reachable': bad('Commit not in the history', 'The commit exists but is not in the history of the verified commit.'),
  'commit-does-not-touch': bad('Commit does not touch the cited files', 'The commit changes none of the files its item cites.'),
  'test-file-missing': bad('Test file missing', 'The cited test file does not exist.'),
  'test-not-defined': bad('Test not defined', 'The test file defines no such test (a name in a comment or a string does not count).'),
  'test-hollow': bad('Test cannot fail', 'The test asserts nothing and calls nothing that could fail (`pass`, an empty body, `it.todo`).'),
  'test-failed': bad('Test failed', 'The item says PASSING, but a cited test failed in the JUnit reports given.'),
  'test-skipped': bad('Test skipped', 'The item says PASSING, but a cited test was skipped in the JUnit reports given.'),
  'test-not-in-report': bad('Test not in the reports', 'The item says PASSING, but a cited test is in none of the JUnit reports given.'),
  'test-passed': bad('Test passed', 'The item says FAILING, but every cited test passed.'),
  'loc-mismatch': bad('Line count off', 'A claimed line count is further off than the tolerance; the reason gives both figures.'),
  'no-evidence': bad('Done without evidence', 'The item is marked done but cites nothing.'),
  'done-but-unverified': bad('Done but evidence does not hold', 'The item is marked done but some of its evidence does not hold.'),
  'not-started': unsure('Item not started', 'The item is marked to do, blocked or skipped: what it cites is a target, not evidence; the reason keeps the original finding.'),
  placeholder: unsure('Placeholder', 'Template text was never filled in (`[commit-hash]`, `LXX-LYY`, `/path/to/file.py`).'),
  'no-test-report': unsure('No test report', "A test outcome is claimed but no JUnit report was given (`--junit`) or found in the commit's CI."),
  'tests-running': unsure('Tests still running', "A test outcome is claimed while the commit's CI is still running; claimcheck verifies again when it completes."),
  'no-test-cited': unsure('No test cited', 'A test outcome is claimed but the item names no test.'),
  'no-test-file': unsure('Test without a file', 'The test is named without a file to look for it in.'),
  'test-not-matchable': unsure('Test not matchable', 'The test reference names a line rather than a test.'),
  'test-language-unsupported': unsure('Test language unsupported', 'claimcheck cannot read tests in that language.'),
  'no-commit': unsure('Line count without a commit', 'A line count is claimed but the item names no commit to count it in.'),
  'no-file': unsure('Line count without a file', 'A file length is claimed but no file is named to count.'),
  'loc-estimate-off': unsure('Estimate off', 'An estimated line count was off; estimates never fail.'),
  'ambiguous-path': unsure('Ambiguous path', 'A bare file name matches several files; the reason lists them.'),
  'inside-submodule': unsure('Path inside a submodule', 'The path lies inside a submodule, whose files are not checked.'),
  'ambiguous-commit': unsure('Ambiguous commit id', 'A short commit id matches several objects.'),
  'shallow-clone': unsure('Shallow clone', "The clone's history is too short to decide; fetch the full history (`fetch-depth: 0`)."),
  'foreign-repository': unsure('Another repository', 'A GitHub URL points into another repository than this one.'),
  'source-unavailable': unsure('Source unavailable', 'The file could not be read (git or GitHub did not give it), or it is too large to read its text.'),
  'commit-unavailable': unsure('Commit unavailable', 'git could not give the commit.'),
  'commit-changes-unavailable': unsure('Commit changes unavailable', 'git could not give the files the commit changes.'),
  'status-not-checked': unsure('Status not checked', 'Status claims are made by the verifier, not read from plans.'),
};

function bad(short: string, full: string): RuleText {
  return { verdict: 'unverified', short, full };
}

function unsure(short: string, full: string): RuleText {
  return { verdict: 'unknown', short, full };
}

export const LEVEL: Record<Failing, 'error' | 'warning'> = { unverified: 'error', unknown: 'warning' };

const ADVICE: Record<Failing, string> = {
  unverified: 'The evidence was checked and does not hold: fix the code or the plan so that the claim is true.',
  unknown: 'claimcheck could not decide this claim here; the reason says what was missing.',
};

export function renderSarif(report: Report): string {
  const failing = report.plans.flatMap((plan) =>
    plan.items.flatMap(({ item, claims }) => claims.filter((c) => c.verdict !== 'verified').map((result) => ({ plan: plan.path, item: item.id, result }))),
  );
  const codes = [...new Set(failing.map((f) => f.result.code))];
  const index = new Map(codes.map((code, i) => [code, i]));
  const seen = new Map<string, number>();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'claimcheck',
            version: VERSION,
            semanticVersion: VERSION,
            ...(HOMEPAGE ? { informationUri: HOMEPAGE } : {}),
            rules: codes.map((code) => rule(code, failing.find((f) => f.result.code === code)!.result.verdict as Failing)),
          },
        },
        // mdast columns count UTF-16 code units, as JavaScript strings do
        columnKind: 'utf16CodeUnits',
        properties: { ref: report.ref },
        results: failing.map(({ plan, item, result }) => {
          const identity = [plan, item, jsonKind(result.claim), result.claim.text, result.code].join('\u0000');
          const occurrence = (seen.get(identity) ?? 0) + 1;
          seen.set(identity, occurrence);
          return sarifResult(plan, item, result, index.get(result.code)!, fingerprint(`${identity}\u0000${occurrence}`));
        }),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function rule(code: string, seenAs: Failing): Record<string, unknown> {
  const known = RULES[code];
  const verdict = known?.verdict ?? seenAs;
  const short = known?.short ?? code;
  const full = known?.full ?? `A claim claimcheck found ${verdict} (code \`${code}\`).`;
  const plainFull = full.replace(/`/g, '');
  return {
    id: code,
    name: code.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase()),
    shortDescription: { text: short },
    fullDescription: { text: plainFull },
    help: {
      text: `${plainFull} Verdict: ${verdict}. ${ADVICE[verdict].replace(/`/g, '')}`,
      markdown: `**${verdict}** (\`${code}\`): ${full}\n\n${ADVICE[verdict]}`,
    },
    ...(HOMEPAGE ? { helpUri: `${HOMEPAGE}#verdicts` } : {}),
    defaultConfiguration: { level: LEVEL[verdict] },
    properties: { tags: ['claimcheck', verdict] },
  };
}

function sarifResult(plan: string, item: string, result: ClaimResult, ruleIndex: number, print: string): Record<string, unknown> {
  const { claim, verdict, code, reason, evidence } = result;
  const kind = jsonKind(claim);
  return {
    ruleId: code,
    ruleIndex,
    level: LEVEL[verdict as Failing],
    message: { text: `${item}: ${kind} ${oneLine(claim.text)}: ${reason}` },
    locations: [location(plan, claim.line, claim.column)],
    ...(evidence
      ? { relatedLocations: [{ id: 0, ...location(evidence.path, evidence.start, undefined, evidence.end), message: { text: `cited: ${evidenceLabel(evidence)} at ${evidence.commit.slice(0, 7)}` } }] }
      : {}),
    partialFingerprints: { 'claimcheckClaim/v1': print },
    properties: { verdict, item, kind, claim: claim.text },
  };
}

function location(path: string, line: number | undefined, column: number | undefined, endLine?: number): Record<string, unknown> {
  const start = line !== undefined && line >= 1 ? line : undefined;
  const region =
    start !== undefined
      ? {
          region: {
            startLine: start,
            ...(column !== undefined && column >= 1 ? { startColumn: column } : {}),
            ...(endLine !== undefined && endLine > start ? { endLine } : {}),
          },
        }
      : {};
  return { physicalLocation: { artifactLocation: { uri: encodePath(path), uriBaseId: '%SRCROOT%' }, ...region } };
}

/** Stable across runs and line moves, so code scanning keeps tracking the same alert. */
function fingerprint(identity: string): string {
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
