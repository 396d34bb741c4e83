/**
 * Test reports from CI against a nock'd GitHub: real zip artifacts, built here with fflate and
 * holding real reporters' JUnit XML, served as GitHub does (a 302 to a storage host). Every
 * interceptor must be used and no request may go unanswered.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { strToU8, zipSync } from 'fflate';
import nock from 'nock';
import { DEFAULT_CAPS, readCiTestReports, type ReportCaps } from '../../src/app/test-reports.js';
import { checkTestResult } from '../../src/verify/checks/test-result.js';
import type { TestReport } from '../../src/verify/junit.js';
import { testOctokit } from '../helpers/github.js';
import { junitFixture } from '../helpers/junit.js';
import { snapshotOf } from '../helpers/snapshot.js';
import { contextOf, itemOf, testClaim, testResultClaim } from '../verify/claims.js';

const API = 'https://api.github.com';
const R = '/repos/acme/widgets';
const SHA = 'c1'.repeat(20);
const TARGET = { owner: 'acme', repo: 'widgets', sha: SHA };
const STORAGE = 'https://pipelines.actions.githubusercontent.com';
const COBERTURA = '<?xml version="1.0"?><coverage line-rate="0.9"><packages/></coverage>';

let unmatched: string[];
const onNoMatch = (req: { method?: string; href?: string; path?: string }): void => void unmatched.push(`${req.method} ${req.href ?? req.path}`);

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(() => {
  unmatched = [];
  nock.emitter.on('no match', onNoMatch);
});
afterEach(() => {
  nock.emitter.removeListener('no match', onNoMatch);
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(unmatched).toEqual([]);
  expect(pending).toEqual([]);
});

function zip(files: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([path, content]) => [path, typeof content === 'string' ? strToU8(content) : content])));
}

type Run = { id: number; name: string; status?: string };

function runs(list: Run[], total = list.length): void {
  nock(API)
    .get(`${R}/actions/runs`)
    .query({ head_sha: SHA, per_page: '100' })
    .reply(200, { total_count: total, workflow_runs: list.map((r) => ({ head_sha: SHA, status: 'completed', conclusion: 'success', ...r })) });
}

function artifacts(run: number, list: Array<{ id: number; name: string; size?: number; expired?: boolean }>, total = list.length): void {
  nock(API)
    .get(`${R}/actions/runs/${run}/artifacts`)
    .query({ per_page: '100' })
    .reply(200, { total_count: total, artifacts: list.map((a) => ({ id: a.id, name: a.name, size_in_bytes: a.size ?? 1000, expired: a.expired ?? false })) });
}

/** The download as GitHub answers it: a 302 to a storage URL, which must not receive the token. */
function download(id: number, bytes: Uint8Array): void {
  nock(API).get(`${R}/actions/artifacts/${id}/zip`).reply(302, '', { location: `${STORAGE}/artifact/${id}.zip?sig=abc` });
  nock(STORAGE, { badheaders: ['authorization'] })
    .get(`/artifact/${id}.zip`)
    .query({ sig: 'abc' })
    .reply(200, Buffer.from(bytes), { 'content-type': 'application/zip' });
}

const read = (patterns: string[] = ['*'], caps?: ReportCaps) => readCiTestReports(testOctokit(), TARGET, patterns, caps);
const sources = (reports: TestReport[] | null) => reports?.map((r) => r.source) ?? null;

describe('readCiTestReports: reports found', () => {
  it('unzips every JUnit XML file of the artifacts, following the redirect to storage without the token', async () => {
    runs([{ id: 11, name: 'CI' }]);
    artifacts(11, [{ id: 101, name: 'junit-results' }]);
    download(101, zip({ 'pytest.xml': junitFixture('pytest.xml'), 'js/jest-junit.xml': junitFixture('jest-junit.xml'), 'log.txt': 'not xml' }));
    const { reports, ci } = await read();
    expect(ci).toEqual({ state: 'completed', missing: expect.any(String), unread: [] });
    expect(sources(reports)).toEqual(['junit-results/js/jest-junit.xml', 'junit-results/pytest.xml']);
    expect(reports![1]!.cases).toContainEqual({ classname: 'tests.test_cart', name: 'test_total', outcome: 'passed' });
  });

  it('also reads a zip GitHub serves directly, across several runs', async () => {
    runs([
      { id: 11, name: 'CI' },
      { id: 12, name: 'Java' },
    ]);
    artifacts(11, [{ id: 101, name: 'py' }]);
    artifacts(12, [{ id: 102, name: 'java' }]);
    download(101, zip({ 'pytest.xml': junitFixture('pytest.xml') }));
    nock(API).get(`${R}/actions/artifacts/102/zip`).reply(200, Buffer.from(zip({ 'target/surefire-reports/TEST-Cart.xml': junitFixture('surefire.xml') })), { 'content-type': 'application/zip' });
    expect(sources((await read()).reports)).toEqual(['py/pytest.xml', 'java/target/surefire-reports/TEST-Cart.xml']);
  });

  it('ignores XML that is not JUnit (coverage, lint) and macOS resource forks', async () => {
    runs([{ id: 11, name: 'CI' }]);
    artifacts(11, [{ id: 101, name: 'reports' }]);
    download(101, zip({ 'coverage.xml': COBERTURA, 'junit.xml': junitFixture('pytest.xml'), '__MACOSX/._junit.xml': 'binary', '._junit.xml': 'binary' }));
    const { reports, ci } = await read();
    expect(sources(reports)).toEqual(['reports/junit.xml']);
    expect(ci).toMatchObject({ unread: [] });
  });

  it('downloads only the artifacts whose names match test_reports.artifacts', async () => {
    runs([{ id: 11, name: 'CI' }]);
    artifacts(11, [
      { id: 101, name: 'junit-linux' },
      { id: 102, name: 'dist', size: 90 * 1024 * 1024 },
      { id: 103, name: 'test-results-windows' },
    ]);
    download(101, zip({ 'a.xml': junitFixture('pytest.xml') }));
    download(103, zip({ 'b.xml': junitFixture('rspec.xml') }));
    const { reports, ci } = await read(['junit-*', 'test-results-*']);
    expect(sources(reports)).toEqual(['junit-linux/a.xml', 'test-results-windows/b.xml']);
    expect(ci).toMatchObject({ unread: [] });
  });
});

describe('readCiTestReports: CI running, or no report', () => {
  it('says CI is still running, without listing or downloading any artifact', async () => {
    runs([
      { id: 11, name: 'CI', status: 'in_progress' },
      { id: 12, name: 'Lint' },
      { id: 13, name: 'Deploy', status: 'queued' },
    ]);
    expect(await read()).toEqual({ reports: null, ci: { state: 'running', runs: ['CI', 'Deploy'] } });
  });

  it('says why no report was found: no run, no artifact, no matching artifact, no JUnit in the artifacts', async () => {
    runs([]);
    expect(await read()).toEqual({ reports: null, ci: { state: 'completed', missing: 'no workflow run was found for it', unread: [] } });
    runs([
      { id: 11, name: 'CI' },
      { id: 12, name: 'Lint' },
    ]);
    artifacts(11, []);
    artifacts(12, []);
    expect(await read()).toEqual({ reports: null, ci: { state: 'completed', missing: 'its 2 workflow runs uploaded no artifact', unread: [] } });
    runs([{ id: 11, name: 'CI' }]);
    artifacts(11, [{ id: 101, name: 'dist' }]);
    expect(await read(['junit-*'])).toEqual({ reports: null, ci: { state: 'completed', missing: 'no artifact of its 1 workflow run matches test_reports.artifacts (junit-*)', unread: [] } });
    runs([{ id: 11, name: 'CI' }]);
    artifacts(11, [{ id: 101, name: 'coverage' }]);
    download(101, zip({ 'coverage.xml': COBERTURA, 'index.html': '<html></html>' }));
    expect(await read()).toEqual({ reports: null, ci: { state: 'completed', missing: "none of its 1 artifact ('coverage') holds a JUnit XML file", unread: [] } });
  });
});

describe('readCiTestReports: what cannot be read is named, never taken as a pass', () => {
  it('names the missing Actions permission when GitHub refuses the runs', async () => {
    nock(API).get(`${R}/actions/runs`).query(true).reply(403, { message: 'Resource not accessible by integration' });
    const { reports, ci } = await read();
    expect(reports).toBeNull();
    expect(ci).toEqual({
      state: 'completed',
      missing: expect.any(String),
      unread: ["the workflow runs could not be listed: GitHub answered 403: Resource not accessible by integration (the App needs the Actions read permission: accept it in the installation's settings)"],
    });
  });

  it('names an artifact listing, a download or a zip that failed, and reads the rest', async () => {
    runs([
      { id: 11, name: 'CI' },
      { id: 12, name: 'Nightly' },
    ]);
    artifacts(11, [
      { id: 101, name: 'junit-linux' },
      { id: 102, name: 'junit-windows' },
      { id: 103, name: 'junit-mac' },
      { id: 104, name: 'junit-old', expired: true },
    ]);
    nock(API).get(`${R}/actions/runs/12/artifacts`).query(true).reply(502, { message: 'Bad Gateway' });
    download(101, zip({ 'junit.xml': junitFixture('pytest.xml') }));
    nock(API).get(`${R}/actions/artifacts/102/zip`).reply(500, { message: 'Server Error' });
    download(103, strToU8('this is not a zip'));
    const { reports, ci } = await read();
    expect(sources(reports)).toEqual(['junit-linux/junit.xml']);
    expect(ci).toEqual({
      state: 'completed',
      missing: expect.any(String),
      unread: [
        "the artifacts of workflow run 'Nightly' could not be listed: GitHub answered 502: Bad Gateway",
        "artifact 'junit-windows' could not be downloaded: GitHub answered 500: Server Error",
        "artifact 'junit-mac' is not a readable zip: invalid zip data",
        "artifact 'junit-old' has expired",
      ],
    });
  });

  it('names a JUnit file that is not well-formed (a crashed run writes half a report) or holds a DOCTYPE', async () => {
    runs([{ id: 11, name: 'CI' }]);
    artifacts(11, [{ id: 101, name: 'junit' }]);
    const half = junitFixture('pytest.xml').slice(0, 400);
    const doctype = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><testsuite name="x"><testcase name="t"/></testsuite>`;
    download(101, zip({ 'half.xml': half, 'evil.xml': doctype }));
    const { reports, ci } = await read();
    expect(reports).toBeNull();
    expect(ci).toMatchObject({
      unread: ['junit/evil.xml could not be read: a JUnit report may not hold a DOCTYPE or entity declarations', expect.stringMatching(/^junit\/half\.xml could not be read: invalid XML at line 1: /)],
    });
  });

  it('reads more than one page of runs or artifacts only as far as the first, and says so', async () => {
    runs([{ id: 11, name: 'CI' }], 150);
    artifacts(11, [{ id: 101, name: 'junit' }], 130);
    download(101, zip({ 'junit.xml': junitFixture('pytest.xml') }));
    expect((await read()).ci).toMatchObject({ unread: ['only the newest 1 of its 150 workflow runs were read', "only 1 of the 130 artifacts of workflow run 'CI' were listed"] });
  });

  it('makes a cited test that passed in the reports read unknown when another artifact could not be downloaded', async () => {
    runs([{ id: 11, name: 'CI' }]);
    artifacts(11, [
      { id: 101, name: 'junit-linux' },
      { id: 102, name: 'junit-windows' },
    ]);
    download(101, zip({ 'junit.xml': junitFixture('pytest.xml') }));
    nock(API).get(`${R}/actions/artifacts/102/zip`).reply(404, { message: 'Not Found' });
    const { reports, ci } = await read();
    const claim = testResultClaim('done');
    const context = contextOf(snapshotOf(), { item: itemOf([testClaim('test_total', 'tests/test_cart.py'), claim]), reports });
    expect(checkTestResult(claim, context)).toMatchObject({ verdict: 'verified' });
    expect(checkTestResult(claim, { ...context, ci })).toMatchObject({ verdict: 'unknown', code: 'no-test-report', reason: expect.stringContaining("artifact 'junit-windows' could not be downloaded: GitHub answered 404") });
  });
});

describe('readCiTestReports: size caps', () => {
  const small: ReportCaps = { artifactBytes: 4096, downloadBytes: 10_000, xmlBytes: 3000, totalXmlBytes: 5000, xmlFiles: 3, artifacts: 3 };
  const tiny = '<testsuite name="s"><testcase classname="c" name="t"/></testsuite>';

  it('by default reads zips up to 20 MB and XML files up to 5 MB, 50 MB in all, 500 files, 30 artifacts', () => {
    expect(DEFAULT_CAPS).toEqual({ artifactBytes: 20 * 1024 * 1024, downloadBytes: 100 * 1024 * 1024, xmlBytes: 5 * 1024 * 1024, totalXmlBytes: 50 * 1024 * 1024, xmlFiles: 500, artifacts: 30 });
  });

  it('does not download an artifact listed above the cap (default caps)', async () => {
    runs([{ id: 11, name: 'CI' }]);
    artifacts(11, [{ id: 101, name: 'junit-big', size: 21 * 1024 * 1024 }]);
    expect((await read()).ci).toMatchObject({ unread: ["artifact 'junit-big' is 21 MB, more than the 20 MB read"] });
  });

  it('does not unzip an XML file declared above 5 MB (default caps), and reads the others', async () => {
    runs([{ id: 11, name: 'CI' }]);
    artifacts(11, [{ id: 101, name: 'junit' }]);
    const huge = `<testsuite name="s">${'<testcase classname="c" name="t"/>'.repeat(170_000)}</testsuite>`;
    download(101, zip({ 'huge.xml': huge, 'ok.xml': tiny }));
    const { reports, ci } = await read();
    expect(sources(reports)).toEqual(['junit/ok.xml']);
    expect(ci).toMatchObject({ unread: ['junit/huge.xml is 5.5 MB, more than the 5 MB read per file'] });
  });

  it('stops a download that runs past the cap, whatever size the listing said', async () => {
    runs([{ id: 11, name: 'CI' }]);
    artifacts(11, [{ id: 101, name: 'junit', size: 100 }]);
    download(101, new Uint8Array(8192).fill(7));
    expect((await read(['*'], small)).ci).toMatchObject({ unread: ["artifact 'junit' could not be downloaded: it is more than the 4 KB read"] });
  });

  it('reads at most the XML files, bytes and artifacts the caps allow, naming the rest', async () => {
    runs([{ id: 11, name: 'CI' }]);
    artifacts(11, [
      { id: 101, name: 'a' },
      { id: 102, name: 'b', size: 9000 },
      { id: 103, name: 'c' },
      { id: 104, name: 'd' },
    ]);
    const filler = `<testsuite name="f">${' '.repeat(2000)}</testsuite>`;
    download(101, zip({ '1.xml': tiny, '2.xml': tiny, '3.xml': filler, '4.xml': tiny }));
    download(103, zip({ '5.xml': filler }));
    const { reports, ci } = await read(['*'], small);
    expect(sources(reports)).toEqual(['a/1.xml', 'a/2.xml', 'a/3.xml']);
    expect(ci).toMatchObject({
      unread: [
        '1 of 4 artifacts were not read (at most 3 are)',
        'a/4.xml was not read: at most 3 XML files are read per commit',
        "artifact 'b' is 8.8 KB, more than the 4 KB read",
        'c/5.xml was not read: at most 3 XML files are read per commit',
      ],
    });
  });

  it('reads no more XML in all than the total cap', async () => {
    runs([{ id: 11, name: 'CI' }]);
    artifacts(11, [{ id: 101, name: 'a' }]);
    const filler = `<testsuite name="f">${' '.repeat(2000)}</testsuite>`;
    download(101, zip({ '1.xml': filler, '2.xml': filler, '3.xml': filler }));
    const { reports, ci } = await read(['*'], { ...small, xmlFiles: 10 });
    expect(sources(reports)).toEqual(['a/1.xml', 'a/2.xml']);
    expect(ci).toMatchObject({ unread: ['a/3.xml was not read: at most 4.9 KB of XML is read per commit'] });
  });
});
