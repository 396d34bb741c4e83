import { describe, expect, it } from '@jest/globals';
import type { Claim, LocClaim } from '../../../src/plan/types.js';
import type { FileChange } from '../../../src/repo/types.js';
import { checkLoc } from '../../../src/verify/checks/loc.js';
import { found, lines, snapshotOf, type SnapshotSpec } from '../../helpers/snapshot.js';
import { commitClaim, contextOf, fileClaim, itemOf, locClaim, rangeClaim, testClaim, type ContextOptions } from '../claims.js';

const SHA = 'a1b2c3d';
const OTHER = 'b2c3d4e';

const change = (path: string, added: number | null, removed: number | null = 0): FileChange => ({ path, added, removed });

/** A repository whose commit a1b2c3d adds 40 and removes 6 lines in src/, and 100 in docs/. */
const REPO: SnapshotSpec = {
  files: { 'src/a.ts': lines(432), 'src/b.ts': lines(10), 'docs/guide.md': lines(100), 'backend/app/gemini.py': lines(20) },
  commits: {
    [SHA]: found([change('src/a.ts', 30, 4), change('src/b.ts', 10, 2), change('docs/guide.md', 100, 0)]),
    [OTHER]: found([change('src/a.ts', 5, 1), change('assets/logo.png', null, null)]),
  },
};

function check(claim: LocClaim, cited: Claim[] = [commitClaim(SHA)], spec: SnapshotSpec = REPO, options: ContextOptions = {}) {
  return checkLoc(claim, contextOf(snapshotOf(spec), { item: itemOf([...cited, claim]), ...options }));
}

describe('checkLoc: committed lines, verified', () => {
  it('verifies lines added across all files of the commit when the item cites none', () => {
    const outcome = check(locClaim('added', 140));
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'loc-matches' });
    expect(outcome.reason).toBe('claimed 140 added, actual 140 (within 14)');
  });

  it('counts only the files the item cites, when it cites some', () => {
    expect(check(locClaim('added', 40), [commitClaim(SHA), fileClaim('src/a.ts'), rangeClaim('src/b.ts', 1, 2)])).toMatchObject({ verdict: 'verified', code: 'loc-matches' });
    expect(check(locClaim('added', 30), [commitClaim(SHA), fileClaim('src/a.ts')])).toMatchObject({ verdict: 'verified', code: 'loc-matches' });
  });

  it('counts the files under a cited folder, and a cited test file', () => {
    expect(check(locClaim('added', 40), [commitClaim(SHA), fileClaim('src/')])).toMatchObject({ verdict: 'verified' });
    expect(check(locClaim('added', 100), [commitClaim(SHA), testClaim('x', 'docs/guide.md')])).toMatchObject({ verdict: 'verified' });
  });

  it('counts a file cited by a bare name as the file it names', () => {
    const spec: SnapshotSpec = { ...REPO, commits: { [SHA]: found([change('backend/app/gemini.py', 20, 0), change('README.md', 200, 0)]) } };
    expect(check(locClaim('added', 20), [commitClaim(SHA), fileClaim('gemini.py')], spec)).toMatchObject({ verdict: 'verified', code: 'loc-matches' });
  });

  it('sums over every commit the item cites', () => {
    expect(check(locClaim('added', 35), [commitClaim(SHA), commitClaim(OTHER), fileClaim('src/a.ts')])).toMatchObject({ verdict: 'verified' });
  });

  it('compares removed and modified lines with the lines numstat shows removed', () => {
    expect(check(locClaim('removed', 6), [commitClaim(SHA), fileClaim('src/a.ts'), fileClaim('src/b.ts')])).toMatchObject({ verdict: 'verified', code: 'loc-matches' });
    expect(check(locClaim('modified', 6), [commitClaim(SHA), fileClaim('src/a.ts'), fileClaim('src/b.ts')])).toMatchObject({ verdict: 'verified', code: 'loc-matches' });
  });

  it('compares changed lines with lines added plus removed', () => {
    expect(check(locClaim('changed', 46), [commitClaim(SHA), fileClaim('src/')])).toMatchObject({ verdict: 'verified', code: 'loc-matches' });
  });

  it('accepts lines added given net of modified lines when the item also claims modified lines', () => {
    const modified = locClaim('modified', 6);
    const cited = [commitClaim(SHA), fileClaim('src/'), modified];
    expect(check(locClaim('added', 34), cited)).toMatchObject({ verdict: 'verified', code: 'loc-matches' });
    expect(check(locClaim('added', 40), cited)).toMatchObject({ verdict: 'verified', code: 'loc-matches' });
    expect(check(locClaim('added', 34), [commitClaim(SHA), fileClaim('src/')])).toMatchObject({ verdict: 'unverified', code: 'loc-mismatch' });
  });

  it('counts binary changes as no lines', () => {
    expect(check(locClaim('added', 5), [commitClaim(OTHER)])).toMatchObject({ verdict: 'verified', code: 'loc-matches' });
  });
});

describe('checkLoc: tolerance', () => {
  it('allows the larger of 10 % of the claim and 3 lines by default', () => {
    // 140 actual: a claim of 128 may be 12.8 off, 127 only 12.7; 155 may be 15.5 off, 156 only 15.6
    expect(check(locClaim('added', 128))).toMatchObject({ verdict: 'verified' });
    expect(check(locClaim('added', 127))).toMatchObject({ verdict: 'unverified', code: 'loc-mismatch' });
    expect(check(locClaim('added', 155))).toMatchObject({ verdict: 'verified' });
    expect(check(locClaim('added', 156))).toMatchObject({ verdict: 'unverified', code: 'loc-mismatch' });
    // 10 claimed for 10 lines of src/b.ts: 3 lines either way
    const b = [commitClaim(SHA), fileClaim('src/b.ts')];
    expect(check(locClaim('added', 7), b)).toMatchObject({ verdict: 'verified' });
    expect(check(locClaim('added', 13), b)).toMatchObject({ verdict: 'verified' });
    expect(check(locClaim('added', 14), b)).toMatchObject({ verdict: 'unverified', code: 'loc-mismatch' });
  });

  it('doubles the tolerance for an approximate figure (~, about)', () => {
    const b = [commitClaim(SHA), fileClaim('src/b.ts')];
    expect(check(locClaim('added', 16, { approximate: true }), b)).toMatchObject({ verdict: 'verified', code: 'loc-matches' });
    expect(check(locClaim('added', 17, { approximate: true }), b)).toMatchObject({ verdict: 'unverified', code: 'loc-mismatch' });
  });

  it('takes the tolerance from the config', () => {
    const b = [commitClaim(SHA), fileClaim('src/b.ts')];
    expect(check(locClaim('added', 11), b, REPO, { policy: { locTolerance: { percent: 0, lines: 0 } } })).toMatchObject({ verdict: 'unverified', code: 'loc-mismatch' });
    expect(check(locClaim('added', 10), b, REPO, { policy: { locTolerance: { percent: 0, lines: 0 } } })).toMatchObject({ verdict: 'verified', code: 'loc-matches' });
    expect(check(locClaim('added', 15), b, REPO, { policy: { locTolerance: { percent: 50, lines: 0 } } })).toMatchObject({ verdict: 'verified', code: 'loc-matches' });
  });
});

describe('checkLoc: unverified', () => {
  it('reports a count far off, giving the claimed and the actual figures', () => {
    const outcome = check(locClaim('added', 45), [commitClaim(SHA), fileClaim('src/a.ts')]);
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'loc-mismatch' });
    expect(outcome.reason).toBe('claimed 45 added, actual 30, more than 4.5 off');
  });

  it('never states a tolerance the difference does not exceed', () => {
    // 45 claimed, 40 actual: 5 off, tolerance 4.5
    const spec: SnapshotSpec = { ...REPO, commits: { [SHA]: found([change('src/a.ts', 40, 0)]) } };
    expect(check(locClaim('added', 45), undefined, spec).reason).toBe('claimed 45 added, actual 40, more than 4.5 off');
  });

  it('reports lines the cited files did not get, though the commit changed others', () => {
    expect(check(locClaim('added', 100), [commitClaim(SHA), fileClaim('src/b.ts')])).toMatchObject({ verdict: 'unverified', code: 'loc-mismatch' });
  });
});

describe('checkLoc: estimates', () => {
  it('says an estimate is close, never more', () => {
    const outcome = check(locClaim('added', 130, { estimate: true }));
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'loc-estimate-close' });
  });

  it('is unknown, never unverified, about an estimate that is off', () => {
    const outcome = check(locClaim('added', 500, { estimate: true }));
    expect(outcome).toMatchObject({ verdict: 'unknown', code: 'loc-estimate-off' });
    expect(outcome.reason).toBe('an estimate: claimed 500 added, actual 140');
  });
});

describe('checkLoc: unknown', () => {
  it('is unknown when the item cites no commit', () => {
    expect(check(locClaim('added', 45), [fileClaim('src/a.ts')])).toMatchObject({ verdict: 'unknown', code: 'no-commit' });
  });

  it.each([
    ['missing', 'missing' as const],
    ['ambiguous', 'ambiguous' as const],
    ['unreadable', { unavailable: 'timeout' }],
    ['without known changes (a shallow boundary)', found(null)],
  ])('is unknown when a cited commit is %s', (_, commit) => {
    const outcome = check(locClaim('added', 45), [commitClaim(SHA)], { ...REPO, commits: { [SHA]: commit } });
    expect(outcome).toMatchObject({ verdict: 'unknown', code: 'commit-unavailable' });
    expect(outcome.reason).toContain(SHA);
  });

  it('is unknown when any of several commits is unavailable', () => {
    expect(check(locClaim('added', 35), [commitClaim(SHA), commitClaim('c0ffee1')])).toMatchObject({ verdict: 'unknown', code: 'commit-unavailable' });
  });
});

describe('checkLoc: file lengths ("(432 lines)")', () => {
  const length = (value: number, target = 'src/a.ts', approximate = false) => locClaim('file-lines', value, { target, approximate });

  it('verifies a file length within tolerance', () => {
    const outcome = check(length(432), []);
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'loc-matches' });
    expect(outcome.reason).toBe('claimed 432 lines long, actual 432 (within 43.2)');
    expect(check(length(400), [])).toMatchObject({ verdict: 'verified', code: 'loc-matches' });
  });

  it('reports a file length far off', () => {
    const outcome = check(length(200), []);
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'loc-mismatch' });
    expect(outcome.reason).toContain('claimed 200 lines long, actual 432');
  });

  it('doubles the tolerance for "(~200 lines)"', () => {
    expect(check(length(8, 'src/b.ts'), [])).toMatchObject({ verdict: 'verified' });
    expect(check(length(4, 'src/b.ts', true), [])).toMatchObject({ verdict: 'verified' });
    expect(check(length(3, 'src/b.ts', true), [])).toMatchObject({ verdict: 'unverified', code: 'loc-mismatch' });
  });

  it('needs no commit, and reads the file a bare name names', () => {
    expect(check(length(20, 'gemini.py'), [])).toMatchObject({ verdict: 'verified', code: 'loc-matches' });
  });

  it('passes on why the file cannot be found', () => {
    expect(check(length(10, 'src/missing.ts'), [])).toMatchObject({ verdict: 'unverified', code: 'file-not-found' });
    expect(check(length(10, 'src'), [])).toMatchObject({ verdict: 'unverified', code: 'not-a-regular-file' });
    expect(check(length(10, 'src/a.ts'), [], { ...REPO, noTree: true })).toMatchObject({ verdict: 'unknown', code: 'source-unavailable' });
  });

  it('is unknown when the file could not be read, or no file is named', () => {
    expect(check(length(432), [], { ...REPO, unread: ['src/a.ts'] })).toMatchObject({ verdict: 'unknown', code: 'source-unavailable' });
    expect(check(length(432), [], { ...REPO, unreadable: ['src/a.ts'] })).toMatchObject({ verdict: 'unknown', code: 'source-unavailable' });
    expect(check(locClaim('file-lines', 432), [])).toMatchObject({ verdict: 'unknown', code: 'no-file' });
  });
});
