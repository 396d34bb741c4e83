import { describe, expect, it } from '@jest/globals';
import { checkFile } from '../../../src/verify/checks/file.js';
import { snapshotOf, type SnapshotSpec } from '../../helpers/snapshot.js';
import { contextOf, fileClaim } from '../claims.js';

const PIN = 'abcdef1234567abcdef1234567abcdef12345678';

const repo: SnapshotSpec = {
  files: { 'src/a.ts': 'export const a = 1;\n', 'docs/PLAN.md': '# plan\n', 'src/x.ts': 'x\n' },
  executables: { 'bin/run.sh': '#!/bin/sh\n' },
  symlinks: { 'src/link.ts': 'a.ts' },
  submodules: ['vendor/lib'],
};

function check(raw: string, spec: SnapshotSpec = repo, options: Parameters<typeof fileClaim>[1] = {}, planPath = 'PLAN.md') {
  return checkFile(fileClaim(raw, options), contextOf(snapshotOf(spec), { planPath }));
}

describe('checkFile: verified', () => {
  it('verifies a regular file at the ref', () => {
    const outcome = check('src/a.ts');
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'file-exists' });
    expect(outcome.reason).toContain('src/a.ts exists at feedfac');
  });

  it('verifies an executable file', () => {
    expect(check('bin/run.sh')).toMatchObject({ verdict: 'verified', code: 'file-exists' });
  });

  it('verifies a path with a leading slash', () => {
    expect(check('/src/a.ts')).toMatchObject({ verdict: 'verified', code: 'file-exists' });
  });

  it('resolves a plan-relative link from docs/PLAN.md: `../src/x.ts` is src/x.ts', () => {
    const outcome = check('../src/x.ts', repo, { base: 'plan' }, 'docs/PLAN.md');
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'file-exists' });
    expect(outcome.reason).toContain('src/x.ts');
  });

  it('reads a permalink at its pinned commit, not at the ref', () => {
    const spec: SnapshotSpec = { files: {}, commits: { [PIN]: { reachable: true } }, pinned: { [PIN]: { files: { 'src/old.ts': 'old\n' } } } };
    const outcome = check('src/old.ts', spec, { pin: { sha: PIN, repository: 'acme/widgets' } });
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'file-exists' });
    expect(outcome.reason).toContain('abcdef1');
  });
});

describe('checkFile: unverified', () => {
  it('reports a missing file', () => {
    const outcome = check('src/missing.ts');
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'file-not-found' });
    expect(outcome.reason).toContain('does not exist');
  });

  it('does not find a file through a symbolic link or into a submodule', () => {
    expect(check('src/link.ts/a.ts')).toMatchObject({ verdict: 'unverified', code: 'file-not-found' });
    expect(check('vendor/lib/x.ts')).toMatchObject({ verdict: 'unverified', code: 'file-not-found' });
  });

  it.each([
    ['src/link.ts', 'symbolic link'],
    ['vendor/lib', 'submodule'],
    ['src', 'folder'],
    ['src/', 'folder'],
    ['/', 'folder'],
    ['', 'folder'],
  ])('refuses %j: not a regular file (%s)', (raw, what) => {
    const outcome = check(raw);
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'not-a-regular-file' });
    expect(outcome.reason).toContain(what);
  });

  it.each([
    ['../x', 'root', 'PLAN.md'],
    ['/../x', 'root', 'PLAN.md'],
    ['../../x', 'plan', 'docs/PLAN.md'],
  ] as const)('refuses %j (%s base, plan %s): it leaves the repository', (raw, base, planPath) => {
    const outcome = check(raw, repo, { base }, planPath);
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'path-outside-repo' });
    expect(outcome.reason).toContain('leaves the repository');
  });

  it('reports a permalink whose file is missing at the pinned commit, though it exists at the ref', () => {
    const spec: SnapshotSpec = { ...repo, commits: { [PIN]: {} }, pinned: { [PIN]: { files: {} } } };
    const outcome = check('src/a.ts', spec, { pin: { sha: PIN } });
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'file-not-found' });
    expect(outcome.reason).toContain('abcdef1');
  });
});

describe('checkFile: unknown', () => {
  it('is unknown when the tree at the ref could not be listed', () => {
    const outcome = check('src/a.ts', { ...repo, error: 'ls-tree failed' });
    expect(outcome).toMatchObject({ verdict: 'unknown', code: 'source-unavailable' });
    expect(outcome.reason).toContain('ls-tree failed');
  });

  it('is unknown when the tree at the ref was never read', () => {
    expect(check('src/a.ts', { ...repo, noTree: true })).toMatchObject({ verdict: 'unknown', code: 'source-unavailable' });
  });

  it('is unknown for a permalink into another repository', () => {
    const outcome = check('src/a.ts', { ...repo, repositories: ['acme/widgets'] }, { pin: { repository: 'other/thing' } });
    expect(outcome).toMatchObject({ verdict: 'unknown', code: 'foreign-repository' });
    expect(outcome.reason).toContain('other/thing');
  });

  it('checks the permalink normally when the repository has no known name', () => {
    expect(check('src/a.ts', { ...repo, repositories: null }, { pin: { repository: 'other/thing' } })).toMatchObject({
      verdict: 'verified',
      code: 'file-exists',
    });
  });
});
