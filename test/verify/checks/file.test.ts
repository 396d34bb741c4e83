import { describe, expect, it } from '@jest/globals';
import { checkFile } from '../../../src/verify/checks/file.js';
import { snapshotOf, type SnapshotSpec } from '../../helpers/snapshot.js';
import { contextOf, fileClaim } from '../claims.js';

const PIN = 'abcdef1234567abcdef1234567abcdef12345678';

const repo: SnapshotSpec = {
  files: { 'src/a.ts': 'export const a = 1;\n', 'docs/PLAN.md': '# plan\n', 'src/x.ts': 'x\n' },
  executables: { 'bin/run.sh': '#!/bin/sh\nexec node main.js "$@"\n' },
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

  it('does not find a file through a symbolic link', () => {
    const outcome = check('src/link.ts/a.ts');
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'not-a-regular-file' });
    expect(outcome.reason).toContain('lies behind the symbolic link src/link.ts');
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

describe('checkFile: hollow files', () => {
  const code: SnapshotSpec = {
    files: {
      'app/stub.py': '"""The payment module."""\n\n\ndef charge(amount):\n    # TODO: call the provider\n    raise NotImplementedError\n',
      'app/real.py': 'def charge(amount):\n    # TODO: retries\n    return provider.charge(amount)\n',
      'app/comments.ts': '// TODO: write the client\n/* later */\n',
      'app/todo.py': 'def charge(amount):\n    log_todo()\n',
      'docs/PLAN.md': '# Plan\n\n<!-- TODO -->\n',
      'docs/empty.md': '',
      'notes.txt': '\n\n',
    },
  };
  const judge = (raw: string, hollow: RegExp[] = []) => checkFile(fileClaim(raw), contextOf(snapshotOf(code), { policy: { hollow } }));

  it('reports a file of stubs as hollow', () => {
    const outcome = judge('app/stub.py');
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'hollow-file' });
    expect(outcome.reason).toBe('app/stub.py exists at feedfac but its body is only a stub: `raise NotImplementedError`');
  });

  it('reports a file of comments only as hollow', () => {
    expect(judge('app/comments.ts')).toMatchObject({ verdict: 'unverified', code: 'hollow-file', reason: expect.stringContaining('only comments') });
  });

  it('verifies a file with real code, TODO comments and all', () => {
    expect(judge('app/real.py')).toMatchObject({ verdict: 'verified', code: 'file-exists' });
  });

  it('applies the configured stub patterns', () => {
    expect(judge('app/todo.py')).toMatchObject({ verdict: 'verified', code: 'file-exists' });
    expect(judge('app/todo.py', [/^log_todo\(\)$/])).toMatchObject({ verdict: 'unverified', code: 'hollow-file' });
  });

  it('never judges files of languages it cannot read (Markdown, text) hollow', () => {
    expect(judge('docs/PLAN.md')).toMatchObject({ verdict: 'verified', code: 'file-exists' });
    expect(judge('docs/empty.md')).toMatchObject({ verdict: 'verified', code: 'file-exists' });
    expect(judge('notes.txt')).toMatchObject({ verdict: 'verified', code: 'file-exists' });
  });

  it('still verifies that the file exists when its content was not read', () => {
    expect(checkFile(fileClaim('app/stub.py'), contextOf(snapshotOf({ ...code, unread: ['app/stub.py'] })))).toMatchObject({ verdict: 'verified', code: 'file-exists' });
  });
});

describe('checkFile: bare and partial names', () => {
  const tree: SnapshotSpec = { files: { 'backend/app/gemini.py': 'x = 1\n', 'a/util.py': 'x = 1\n', 'b/util.py': 'y = 2\n' } };

  it('finds a unique file by its name or a tail of its path', () => {
    expect(check('gemini.py', tree)).toMatchObject({ verdict: 'verified', code: 'file-exists', reason: 'backend/app/gemini.py exists at feedfac' });
    expect(check('app/gemini.py', tree)).toMatchObject({ verdict: 'verified', reason: expect.stringContaining('backend/app/gemini.py') });
  });

  it('is unknown about a name that matches several files', () => {
    expect(check('util.py', tree)).toMatchObject({ verdict: 'unknown', code: 'ambiguous-path' });
  });

  it('never resolves a path with a leading slash by its tail', () => {
    expect(check('/gemini.py', tree)).toMatchObject({ verdict: 'unverified', code: 'file-not-found' });
  });
});

describe('checkFile: files inside submodules', () => {
  it('is unknown about a file inside a submodule: its files are not checked here', () => {
    const outcome = check('vendor/lib/x.ts');
    expect(outcome).toMatchObject({ verdict: 'unknown', code: 'inside-submodule' });
    expect(outcome.reason).toBe('vendor/lib/x.ts lies inside the submodule vendor/lib, whose files are not checked here');
  });
});
