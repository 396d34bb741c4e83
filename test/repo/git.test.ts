import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { blobFacts, findRepositoryRoot, GitRepoReader, NotARepositoryError, repositoryOfUrl } from '../../src/repo/git.js';
import { RefError, blobKey, type ContentNeeds, type Needs, type Snapshot, type Tree } from '../../src/repo/types.js';
import { lines, TestRepo } from '../helpers/repo.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function needs(ref: string, over: Partial<Needs> = {}): Needs {
  return { ref, trees: new Set([ref]), commits: new Set(), ...over };
}

/** Both rounds, as the engine runs them: history, then the contents asked for in its trees. */
async function readAll(reader: GitRepoReader, wanted: Needs, contents: ContentNeeds = new Map()): Promise<Snapshot> {
  const history = await reader.readHistory(wanted);
  return { ...history, blobs: await reader.readContents(contents, history.trees) };
}

describe('GitRepoReader on a real repository', () => {
  let repo: TestRepo;
  let first: string;
  let second: string;
  let side: string;
  let head: string;

  beforeAll(async () => {
    repo = await TestRepo.create();
    first = await repo.commit('first', { 'src/a.ts': lines(10), 'docs/readme.md': 'hello' });
    second = await repo.commit('second', { 'src/a.ts': lines(12), 'bin/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) });
    await repo.git.checkoutLocalBranch('side');
    side = await repo.commit('side work', { 'src/side.ts': 'x\n' });
    await repo.git.checkout('main');
    await repo.symlink('link.ts', 'src/a.ts');
    await repo.submodule('vendor/lib', first);
    head = await repo.commit('links', { 'no-newline.txt': 'a\nb' });
    await repo.git.addRemote('origin', 'git@github.com:Acme/Widgets.git');
  });
  afterAll(() => repo.remove());

  it('resolves refs to full shas and refuses names that are no commit', async () => {
    const reader = new GitRepoReader(repo.dir);
    await expect(reader.resolveRef('HEAD')).resolves.toBe(head);
    await expect(reader.resolveRef('side')).resolves.toBe(side);
    await expect(reader.resolveRef(first.slice(0, 7))).resolves.toBe(first);
    await expect(reader.resolveRef('no-such-branch')).rejects.toBeInstanceOf(RefError);
    await expect(reader.resolveRef('--help')).rejects.toBeInstanceOf(RefError);
    await expect(reader.resolveRef('')).rejects.toBeInstanceOf(RefError);
  });

  it('lists every file with its mode, and the folders that hold them', async () => {
    const snapshot = await readAll(new GitRepoReader(repo.dir), needs(head));
    const tree = snapshot.trees.get(head) as Tree;
    expect(tree.entries.get('src/a.ts')?.mode).toBe('100644');
    expect(tree.entries.get('link.ts')?.mode).toBe('120000');
    expect(tree.entries.get('vendor/lib')).toEqual({ mode: '160000', oid: first });
    expect([...tree.folders].sort()).toEqual(['bin', 'docs', 'src', 'vendor']);
    expect(snapshot.repositories).toEqual(['acme/widgets']);
    expect(snapshot.shallow).toBe(false);
  });

  it('reads line counts and binary flags of the blobs asked for, at each commit', async () => {
    const contents = new Map([
      [head, new Set(['src/a.ts', 'bin/logo.png', 'no-newline.txt', 'missing.ts', 'link.ts'])],
      [first, new Set(['src/a.ts'])],
    ]);
    const snapshot = await readAll(new GitRepoReader(repo.dir), needs(head, { trees: new Set([head, first]), commits: new Set([first]) }), contents);
    expect(snapshot.blobs.get(blobKey(head, 'src/a.ts'))).toMatchObject({ lineCount: 12, binary: false });
    expect(snapshot.blobs.get(blobKey(first, 'src/a.ts'))).toMatchObject({ lineCount: 10 });
    expect(snapshot.blobs.get(blobKey(head, 'bin/logo.png'))).toMatchObject({ binary: true });
    expect(snapshot.blobs.get(blobKey(head, 'no-newline.txt'))).toMatchObject({ lineCount: 2, text: 'a\nb' });
    expect(snapshot.blobs.has(blobKey(head, 'missing.ts'))).toBe(false);
    expect(snapshot.blobs.has(blobKey(head, 'link.ts'))).toBe(false);
  });

  it('looks up commits: found with changes and ancestry, missing, or unreachable', async () => {
    const commits = new Set([first.slice(0, 7), second, side.slice(0, 10), 'deadbeefdeadbeef']);
    const snapshot = await readAll(new GitRepoReader(repo.dir), needs(head, { commits }));
    expect(snapshot.commits.get(first.slice(0, 7))).toMatchObject({ state: 'found', sha: first, reachable: true });
    const secondFacts = snapshot.commits.get(second);
    expect(secondFacts).toMatchObject({ state: 'found', reachable: true });
    expect(secondFacts?.state === 'found' && secondFacts.changes).toEqual([
      { path: 'bin/logo.png', added: null, removed: null },
      { path: 'src/a.ts', added: 2, removed: 0 },
    ]);
    expect(snapshot.commits.get(side.slice(0, 10))).toMatchObject({ state: 'found', sha: side, reachable: false });
    expect(snapshot.commits.get('deadbeefdeadbeef')).toEqual({ state: 'missing' });
  });

  it('lists the files of a root commit and of a merge against its first parent', async () => {
    await repo.git.checkout('side');
    const sideTip = await repo.commit('more side', { 'src/side2.ts': 'y\n' });
    await repo.git.checkout('main');
    await repo.git.merge(['--no-ff', '-m', 'merge side', 'side']);
    const merge = (await repo.git.revparse(['HEAD'])).trim();
    const snapshot = await readAll(new GitRepoReader(repo.dir), needs(merge, { commits: new Set([first, merge, sideTip]) }));
    const paths = (id: string) => {
      const facts = snapshot.commits.get(id);
      return facts?.state === 'found' ? facts.changes?.map((c) => c.path) : undefined;
    };
    expect(paths(first)).toEqual(['docs/readme.md', 'src/a.ts']);
    expect(paths(merge)).toEqual(['src/side.ts', 'src/side2.ts']);
    expect(snapshot.commits.get(sideTip)).toMatchObject({ reachable: true });
  });

  it('reports a missing tree for a pinned commit that does not exist', async () => {
    const ghost = 'f'.repeat(40);
    const snapshot = await readAll(new GitRepoReader(repo.dir), needs(head, { trees: new Set([head, ghost]), commits: new Set([ghost]) }));
    expect(snapshot.trees.get(ghost)).toEqual({ error: `commit ${ghost} not found` });
    expect(snapshot.commits.get(ghost)).toEqual({ state: 'missing' });
  });

  it('reads no content for paths that are not regular files, or from trees that failed', async () => {
    const reader = new GitRepoReader(repo.dir);
    const ghost = 'e'.repeat(40);
    const history = await reader.readHistory(needs(head, { trees: new Set([head, ghost]) }));
    const blobs = await reader.readContents(
      new Map([
        [head, new Set(['vendor/lib', 'src', 'src/a.ts'])],
        [ghost, new Set(['src/a.ts'])],
        ['not-listed', new Set(['src/a.ts'])],
      ]),
      history.trees,
    );
    expect([...blobs.keys()]).toEqual([blobKey(head, 'src/a.ts')]);
  });

  it('reads the same blob once for every commit that holds it, and again from its cache', async () => {
    const reader = new GitRepoReader(repo.dir);
    const history = await reader.readHistory(needs(head, { trees: new Set([head, second]), commits: new Set([second]) }));
    const wanted = new Map([
      [head, new Set(['src/a.ts'])],
      [second, new Set(['src/a.ts'])],
    ]);
    const blobs = await reader.readContents(wanted, history.trees);
    expect(blobs.get(blobKey(head, 'src/a.ts'))).toBe(blobs.get(blobKey(second, 'src/a.ts')));
    const again = await reader.readContents(wanted, history.trees);
    expect(again.get(blobKey(head, 'src/a.ts'))).toBe(blobs.get(blobKey(head, 'src/a.ts')));
    expect(again.get(blobKey(head, 'src/a.ts'))).toMatchObject({ lineCount: 12, text: lines(12) });
  });

  it('finds the repository root from a sub-folder and refuses folders outside any repository', async () => {
    await expect(findRepositoryRoot(join(repo.dir, 'src'))).resolves.toBe(await findRepositoryRoot(repo.dir));
    const outside = await mkdtemp(join(tmpdir(), 'claimcheck-norepo-'));
    await expect(findRepositoryRoot(outside)).rejects.toBeInstanceOf(NotARepositoryError);
  });
});

describe('a shallow clone', () => {
  let origin: TestRepo;
  let target: string;
  let shas: string[];

  beforeAll(async () => {
    origin = await TestRepo.create();
    shas = [
      await origin.commit('one', { 'a.txt': lines(5), 'old.txt': 'old\n' }),
      await origin.commit('two', { 'a.txt': lines(6), 'b.txt': lines(40) }),
      await origin.commit('three', { 'a.txt': lines(8) }),
    ];
    target = await mkdtemp(join(tmpdir(), 'claimcheck-shallow-'));
    await origin.git.clone(`file://${origin.dir}`, target, ['--depth', '2']);
  });
  afterAll(async () => {
    await origin.remove();
    await rm(target, { recursive: true, force: true });
  });

  it('says so, so that missing history is not taken for a missing commit', async () => {
    const reader = new GitRepoReader(target);
    const snapshot = await readAll(reader, needs(await reader.resolveRef('HEAD'), { commits: new Set([shas[0]!.slice(0, 7)]) }));
    expect(snapshot.shallow).toBe(true);
    expect(snapshot.commits.get(shas[0]!.slice(0, 7))).toEqual({ state: 'missing' });
  });

  it('knows no changes for the boundary commit, which git shows as adding every file', async () => {
    const reader = new GitRepoReader(target);
    const head = await reader.resolveRef('HEAD');
    expect(head).toBe(shas[2]);
    const snapshot = await readAll(reader, needs(head, { commits: new Set([shas[1]!, shas[2]!]) }));
    expect(snapshot.commits.get(shas[1]!)).toEqual({ state: 'found', sha: shas[1], reachable: true, changes: null });
    expect(snapshot.commits.get(shas[2]!)).toEqual({ state: 'found', sha: shas[2], reachable: true, changes: [{ path: 'a.txt', added: 2, removed: 0 }] });
  });

  it('still lists the files and reads the blobs at the ref', async () => {
    const reader = new GitRepoReader(target);
    const head = await reader.resolveRef('HEAD');
    const snapshot = await readAll(reader, needs(head), new Map([[head, new Set(['b.txt'])]]));
    expect((snapshot.trees.get(head) as Tree).entries.has('old.txt')).toBe(true);
    expect(snapshot.blobs.get(blobKey(head, 'b.txt'))).toMatchObject({ lineCount: 40 });
  });
});

describe('blobFacts', () => {
  it('counts lines as editors do and detects binaries by a NUL byte', () => {
    expect(blobFacts(Buffer.from(''))).toMatchObject({ lineCount: 0, binary: false, text: '' });
    expect(blobFacts(Buffer.from('a\n'))).toMatchObject({ lineCount: 1 });
    expect(blobFacts(Buffer.from('a\nb'))).toMatchObject({ lineCount: 2 });
    expect(blobFacts(Buffer.from('a\r\nb\r\n'))).toMatchObject({ lineCount: 2 });
    const binary = blobFacts(Buffer.from([1, 0, 2, 10]));
    expect(binary.binary).toBe(true);
    expect(binary.text).toBeUndefined();
  });
});

describe('repositoryOfUrl', () => {
  it.each([
    ['git@github.com:Acme/Widgets.git', 'acme/widgets'],
    ['https://github.com/acme/widgets', 'acme/widgets'],
    ['https://github.example.com/acme/widgets.git/', 'acme/widgets'],
    ['ssh://git@github.com/acme/widgets.git', 'acme/widgets'],
    ['/srv/git/widgets', 'git/widgets'],
    ['widgets', null],
  ])('%s → %s', (url, expected) => {
    expect(repositoryOfUrl(url)).toBe(expected);
  });
});

describe('drift facts from git', () => {
  it('parses zero-context hunks by file', async () => {
    const { parseHunks } = await import('../../src/repo/git.js');
    const diff = ['diff --git a/x.py b/x.py', 'index 1..2 100644', '--- a/x.py', '+++ b/x.py', '@@ -0,0 +1,2 @@', '+a', '+b', '@@ -5 +7 @@ y', '-c', '+d', 'diff --git a/z.py b/z.py', '@@ -3,2 +2,0 @@', ''].join('\n');
    expect(parseHunks(diff)).toEqual(
      new Map([
        ['x.py', [{ oldStart: 0, oldCount: 0, newStart: 1, newCount: 2 }, { oldStart: 5, oldCount: 1, newStart: 7, newCount: 1 }]],
        ['z.py', [{ oldStart: 3, oldCount: 2, newStart: 2, newCount: 0 }]],
      ]),
    );
  });

  it('blames plan lines (null when not committed) and reads a file as it was, with the hunks since', async () => {
    const repo = await TestRepo.create();
    const first = await repo.commit('one', { 'PLAN.md': 'a\nb\n', 'x.py': 'x = 1\ny = 2\n' });
    const second = await repo.commit('two', { 'x.py': 'import os\nx = 1\ny = 2\n' });
    await repo.write({ 'PLAN.md': 'a\nb\nc\n' });
    const reader = new GitRepoReader(repo.dir);
    expect(await reader.blameLines('PLAN.md', [1, 3, 3, 0])).toEqual(new Map([[1, first], [3, null]]));
    expect(await reader.blameLines('untracked.md', [1])).toEqual(new Map());
    const histories = await reader.readFileHistories(first, second, ['x.py', 'missing.py']);
    expect(histories.get('x.py')).toEqual({ oldText: 'x = 1\ny = 2\n', hunks: [{ oldStart: 0, oldCount: 0, newStart: 1, newCount: 1 }] });
    expect(histories.get('missing.py')).toEqual({ oldText: null, hunks: [] });
    await repo.remove();
  });
});
