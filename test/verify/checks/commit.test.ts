import { describe, expect, it } from '@jest/globals';
import type { Claim } from '../../../src/plan/types.js';
import { checkCommit, commitProblem, foreignRepository } from '../../../src/verify/checks/commit.js';
import { found, snapshotOf, type SnapshotSpec } from '../../helpers/snapshot.js';
import { commitClaim, contextOf, fileClaim, itemOf, rangeClaim } from '../claims.js';

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const SHORT = 'a1b2c3d';

function check(sha: string, spec: SnapshotSpec, cited: Claim[] = [], repository?: string) {
  const claim = commitClaim(sha, repository);
  return checkCommit(claim, contextOf(snapshotOf(spec), { item: itemOf([...cited, claim]) }));
}

describe('checkCommit: verified', () => {
  it('verifies a commit in the history of the ref when its item cites no file', () => {
    const outcome = check(SHORT, { commits: { [SHORT]: { sha: SHA } } });
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'commit-in-history' });
    expect(outcome.reason).toBe('commit a1b2c3d is in the history of feedfac');
  });

  it('verifies a commit that changes a file its item cites', () => {
    const outcome = check(SHA, { commits: { [SHA]: found(['README.md', 'src/a.ts']) } }, [fileClaim('src/a.ts')]);
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'commit-touches-files' });
    expect(outcome.reason).toContain('changes src/a.ts');
  });

  it('verifies a commit that changes one of several cited files (ranges and test files count)', () => {
    const test: Claim = { kind: 'test', name: 'test_x', file: { raw: 'tests/test_a.py', base: 'root' }, text: 't', line: 1, column: 1 };
    const outcome = check(SHA, { commits: { [SHA]: found(['tests/test_a.py']) } }, [rangeClaim('src/b.ts', 1, 2), test]);
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'commit-touches-files' });
    expect(outcome.reason).toContain('tests/test_a.py');
  });

  it('verifies a commit that changes a file inside a cited folder', () => {
    const outcome = check(SHA, { commits: { [SHA]: found(['src/verify/checks/range.ts']) } }, [fileClaim('src/verify/')]);
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'commit-touches-files' });
    expect(outcome.reason).toContain('src/verify');
  });

  it('verifies a commit that changes the one file a bare name names at the ref', () => {
    const spec: SnapshotSpec = { files: { 'backend/app/gemini.py': 'x = 1\n' }, commits: { [SHA]: found(['backend/app/gemini.py']) } };
    const outcome = check(SHA, spec, [fileClaim('gemini.py')]);
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'commit-touches-files' });
    expect(outcome.reason).toContain('changes backend/app/gemini.py');
    expect(check(SHA, spec, [fileClaim('app/gemini.py')])).toMatchObject({ verdict: 'verified', code: 'commit-touches-files' });
  });

  it('keeps a name that matches several files as written: it stands for none of them', () => {
    const spec: SnapshotSpec = { files: { 'a/gemini.py': '', 'b/gemini.py': '' }, commits: { [SHA]: found(['a/gemini.py']) } };
    expect(check(SHA, spec, [fileClaim('gemini.py')])).toMatchObject({ verdict: 'unverified', code: 'commit-does-not-touch' });
  });

  it('keeps a cited file that is gone at the ref as written, so its deletion still counts', () => {
    expect(check(SHA, { files: { 'src/other/a.ts': '' }, commits: { [SHA]: found(['src/a.ts']) } }, [fileClaim('src/a.ts')])).toMatchObject({
      verdict: 'verified',
      code: 'commit-touches-files',
    });
  });

  it('ignores cited paths that name the root or leave the repository', () => {
    expect(check(SHA, { commits: { [SHA]: found(['src/a.ts']) } }, [fileClaim('/'), fileClaim('../x.ts')])).toMatchObject({
      verdict: 'verified',
      code: 'commit-in-history',
    });
  });

  it('resolves cited link targets from the plan folder before comparing', () => {
    const claim = commitClaim(SHA);
    const item = itemOf([fileClaim('../src/a.ts', { base: 'plan' }), claim]);
    const outcome = checkCommit(claim, contextOf(snapshotOf({ commits: { [SHA]: found(['src/a.ts']) } }), { item, planPath: 'docs/PLAN.md' }));
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'commit-touches-files' });
  });

  it('checks a commit URL normally when this repository has no known name', () => {
    expect(check(SHA, { repositories: null, commits: { [SHA]: {} } }, [], 'other/repo')).toMatchObject({ verdict: 'verified', code: 'commit-in-history' });
  });

  it('checks a commit URL into this repository, whatever the case of its name', () => {
    expect(check(SHA, { repositories: ['acme/widgets'], commits: { [SHA]: {} } }, [], 'Acme/Widgets')).toMatchObject({ verdict: 'verified' });
    expect(check(SHA, { repositories: ['Acme/Widgets'], commits: { [SHA]: {} } }, [], 'acme/widgets')).toMatchObject({ verdict: 'verified' });
  });
});

describe('checkCommit: unverified', () => {
  it('refuses a commit that changes none of the cited files', () => {
    const outcome = check(SHA, { commits: { [SHA]: found(['docs/README.md']) } }, [fileClaim('src/a.ts')]);
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'commit-does-not-touch' });
    expect(outcome.reason).toBe("commit a1b2c3d changes none of the item's files (src/a.ts); it changes docs/README.md");
  });

  it('does not take a file beside a cited folder, or a cited file as a folder, as touched', () => {
    expect(check(SHA, { commits: { [SHA]: found(['src/verifyx/a.ts', 'src/a.ts.bak']) } }, [fileClaim('src/verify'), fileClaim('src/a.ts')])).toMatchObject({
      verdict: 'unverified',
      code: 'commit-does-not-touch',
    });
  });

  it('says so when the commit changes no file at all, and lists at most five', () => {
    expect(check(SHA, { commits: { [SHA]: found([]) } }, [fileClaim('src/a.ts')]).reason).toContain('it changes no file');
    const many = ['1', '2', '3', '4', '5', '6', '7'].map((n) => `docs/${n}.md`);
    expect(check(SHA, { commits: { [SHA]: found(many) } }, [fileClaim('src/a.ts')]).reason).toContain('docs/5.md and 2 more');
  });

  it('refuses a commit that does not exist', () => {
    const outcome = check(SHORT, { commits: { [SHORT]: 'missing' } });
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'commit-not-found' });
    expect(outcome.reason).toContain('does not exist');
  });

  it('refuses a commit outside the history of the ref, even when it touches the cited file', () => {
    const outcome = check(SHA, { commits: { [SHA]: found(['src/a.ts'], false) } }, [fileClaim('src/a.ts')]);
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'commit-not-reachable' });
    expect(outcome.reason).toContain('not in the history of feedfac');
  });

  it.each([
    ['a'.repeat(41), '41 hex digits'],
    ['abc12', 'too short'],
    ['xyz1234', 'not hex'],
    ['', 'empty'],
  ])('refuses %j as no commit id (%s)', (sha) => {
    const outcome = check(sha, { commits: { [sha]: {} } });
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'invalid-commit-id' });
    expect(outcome.reason).toContain('7 to 40 hex digits');
  });
});

describe('checkCommit: unknown', () => {
  it('is unknown, never unverified, about a commit missing from a shallow clone', () => {
    const outcome = check(SHA, { shallow: true, commits: { [SHA]: 'missing' } });
    expect(outcome).toMatchObject({ verdict: 'unknown', code: 'shallow-clone' });
    expect(outcome.reason).toContain('shallow clone');
  });

  it('is unknown, never unverified, about the ancestry of a commit in a shallow clone', () => {
    expect(check(SHA, { shallow: true, commits: { [SHA]: found(['src/a.ts'], false) } }, [fileClaim('src/a.ts')])).toMatchObject({
      verdict: 'unknown',
      code: 'shallow-clone',
    });
  });

  it('is unknown about an ambiguous short id', () => {
    const outcome = check(SHORT, { commits: { [SHORT]: 'ambiguous' } });
    expect(outcome).toMatchObject({ verdict: 'unknown', code: 'ambiguous-commit' });
    expect(outcome.reason).toContain('more than one');
  });

  it('is unknown when the changed files could not be read', () => {
    const outcome = check(SHA, { commits: { [SHA]: found(null) } }, [fileClaim('src/a.ts')]);
    expect(outcome).toMatchObject({ verdict: 'unknown', code: 'commit-changes-unavailable' });
  });

  it('is unknown when the commit could not be read or was never looked up', () => {
    expect(check(SHA, { commits: { [SHA]: { unavailable: 'API error 502' } } })).toMatchObject({
      verdict: 'unknown',
      code: 'commit-unavailable',
      reason: expect.stringContaining('API error 502'),
    });
    expect(check(SHA, {})).toMatchObject({ verdict: 'unknown', code: 'commit-unavailable' });
  });

  it('is unknown about a commit URL into another repository, even one that exists here', () => {
    const outcome = check(SHA, { repositories: ['acme/widgets'], commits: { [SHA]: {} } }, [], 'someone/else');
    expect(outcome).toMatchObject({ verdict: 'unknown', code: 'foreign-repository' });
    expect(outcome.reason).toContain('someone/else');
  });
});

describe('commitProblem and foreignRepository', () => {
  const context = (spec: SnapshotSpec) => contextOf(snapshotOf(spec));

  it('finds no problem with a reachable commit', () => {
    const snapshot = snapshotOf({ commits: { [SHA]: {} } });
    expect(commitProblem(SHA, snapshot.commits.get(SHA), contextOf(snapshot))).toBeNull();
  });

  it('finds no foreign repository without a name on either side', () => {
    expect(foreignRepository(undefined, context({ repositories: ['acme/widgets'] }))).toBeNull();
    expect(foreignRepository('other/repo', context({ repositories: null }))).toBeNull();
    expect(foreignRepository('other/repo', context({ repositories: ['acme/widgets'] }))).toMatchObject({ verdict: 'unknown', code: 'foreign-repository' });
  });
});
