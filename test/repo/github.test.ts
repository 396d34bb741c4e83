import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { GitHubRepoReader, MAX_ALIASES } from '../../src/repo/github.js';
import { RefError, blobKey, type BlobFacts, type Needs, type Tree } from '../../src/repo/types.js';
import { schemaErrors, testOctokit } from '../helpers/github.js';

const API = 'https://api.github.com';
const HEAD = 'a'.repeat(40);
const OLD = 'b'.repeat(40);
const SIDE = 'c'.repeat(40);

interface GraphQLBody {
  query: string;
  variables: Record<string, string>;
}

/** Every GraphQL query the reader sends, validated against GitHub's real schema. */
const queries: GraphQLBody[] = [];

function graphql(answer: (body: GraphQLBody) => unknown): nock.Scope {
  return nock(API)
    .post('/graphql')
    .reply(200, (_uri, body) => {
      const request = body as GraphQLBody;
      queries.push(request);
      return answer(request) as nock.Body;
    });
}

/** Answers `object(expression:)` aliases from a table of expression → node. */
function objects(table: Record<string, unknown>): (body: GraphQLBody) => unknown {
  return ({ variables }) => {
    const repository: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(variables)) {
      if (!/^e\d+$/.test(name)) continue;
      const alias = Object.keys(table).length >= 0 ? name.replace('e', '') : '';
      const prefix = queries.at(-1)!.query.includes('__typename oid') ? 'o' : 'b';
      repository[`${prefix}${alias}`] = table[value] ?? null;
    }
    return { data: { repository } };
  };
}

function reader(cache = new Map<string, BlobFacts>()): GitHubRepoReader {
  return new GitHubRepoReader(testOctokit(), { owner: 'acme', repo: 'widgets' }, cache);
}

function needs(over: Partial<Needs> = {}): Needs {
  return { ref: HEAD, trees: new Set([HEAD]), commits: new Set(), ...over };
}

function tree(entries: Array<{ path: string; type: string; mode: string; sha: string }>, truncated = false): nock.Body {
  return { sha: 't', truncated, tree: entries };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
  for (const { query } of queries.splice(0)) expect(schemaErrors(query)).toEqual([]);
});

describe('GitHubRepoReader.resolveRef', () => {
  it('takes a full sha as it is, without a request', async () => {
    await expect(reader().resolveRef(HEAD)).resolves.toBe(HEAD);
  });

  it('looks a branch up in GraphQL, passing it as a variable', async () => {
    graphql(objects({ main: { __typename: 'Commit', oid: HEAD } }));
    await expect(reader().resolveRef('main')).resolves.toBe(HEAD);
    expect(queries[0]!.variables).toEqual({ owner: 'acme', name: 'widgets', e0: 'main' });
    expect(queries[0]!.query).not.toContain('main');
  });

  it('refuses a revision that names nothing', async () => {
    graphql(objects({}));
    await expect(reader().resolveRef('nope')).rejects.toBeInstanceOf(RefError);
  });
});

describe('GitHubRepoReader.readHistory', () => {
  it('lists the tree at the ref: files with modes, folders, submodules', async () => {
    nock(API)
      .get(`/repos/acme/widgets/git/trees/${HEAD}`)
      .query({ recursive: 'true' })
      .reply(
        200,
        tree([
          { path: 'src', type: 'tree', mode: '040000', sha: '1' },
          { path: 'src/a.ts', type: 'blob', mode: '100644', sha: 'blob-a' },
          { path: 'link', type: 'blob', mode: '120000', sha: 'blob-l' },
          { path: 'vendor/lib', type: 'commit', mode: '160000', sha: OLD },
        ]),
      );
    const history = await reader().readHistory(needs());
    const listed = history.trees.get(HEAD) as Tree;
    expect([...listed.entries]).toEqual([
      ['src/a.ts', { mode: '100644', oid: 'blob-a' }],
      ['link', { mode: '120000', oid: 'blob-l' }],
      ['vendor/lib', { mode: '160000', oid: OLD }],
    ]);
    expect([...listed.folders]).toEqual(['src']);
    expect(history.repositories).toEqual(['acme/widgets']);
    expect(history.shallow).toBe(false);
  });

  it('reports a truncated tree as unavailable rather than guess what is missing', async () => {
    nock(API).get(`/repos/acme/widgets/git/trees/${HEAD}`).query(true).reply(200, tree([], true));
    const history = await reader().readHistory(needs());
    expect(history.trees.get(HEAD)).toEqual({ error: 'GitHub truncated the file list of aaaaaaa (too many files)' });
  });

  it('looks up every commit in one query, then ancestry and changed files per found commit', async () => {
    graphql(objects({ bbbbbbb: { __typename: 'Commit', oid: OLD }, [SIDE]: { __typename: 'Commit', oid: SIDE }, deadbeef: null, [HEAD.slice(0, 9)]: { __typename: 'Tree', oid: 'x' } }));
    nock(API)
      .get(`/repos/acme/widgets/compare/${OLD}...${HEAD}`)
      .query({ per_page: 1 })
      .reply(200, { status: 'ahead' })
      .get(`/repos/acme/widgets/compare/${SIDE}...${HEAD}`)
      .query({ per_page: 1 })
      .reply(200, { status: 'diverged' })
      .get(`/repos/acme/widgets/commits/${OLD}`)
      .query({ per_page: 300, page: 1 })
      .reply(200, { files: [{ filename: 'src/a.ts', additions: 3, deletions: 1 }, { filename: 'src/new.ts', previous_filename: 'src/old.ts', additions: 0, deletions: 0 }] })
      .get(`/repos/acme/widgets/commits/${SIDE}`)
      .query({ per_page: 300, page: 1 })
      .reply(200, { files: [] });
    const history = await reader().readHistory(needs({ trees: new Set(), commits: new Set(['bbbbbbb', SIDE, 'deadbeef', HEAD.slice(0, 9)]) }));
    expect(queries).toHaveLength(1);
    expect(history.commits.get('bbbbbbb')).toEqual({
      state: 'found',
      sha: OLD,
      reachable: true,
      changes: [
        { path: 'src/a.ts', added: 3, removed: 1 },
        { path: 'src/new.ts', added: 0, removed: 0 },
        { path: 'src/old.ts', added: 0, removed: 0 },
      ],
    });
    expect(history.commits.get(SIDE)).toEqual({ state: 'found', sha: SIDE, reachable: false, changes: [] });
    expect(history.commits.get('deadbeef')).toEqual({ state: 'missing' });
    expect(history.commits.get(HEAD.slice(0, 9))).toEqual({ state: 'missing' });
  });

  it('pages through a large commit and gives up past 3,000 files (changes unknown)', async () => {
    const page = (n: number) => ({ files: Array.from({ length: 300 }, (_, i) => ({ filename: `f${n}-${i}`, additions: 1, deletions: 0 })) });
    graphql(objects({ [OLD]: { __typename: 'Commit', oid: OLD } }));
    const scope = nock(API).get(`/repos/acme/widgets/compare/${OLD}...${HEAD}`).query(true).reply(200, { status: 'behind' });
    for (let n = 1; n <= 10; n++) scope.get(`/repos/acme/widgets/commits/${OLD}`).query({ per_page: 300, page: n }).reply(200, page(n));
    const history = await reader().readHistory(needs({ trees: new Set(), commits: new Set([OLD]) }));
    expect(history.commits.get(OLD)).toEqual({ state: 'found', sha: OLD, reachable: false, changes: null });
  });

  it('keeps an alias-level error as that commit being unavailable, not missing', async () => {
    graphql(() => ({
      data: { repository: { o0: null, o1: { __typename: 'Commit', oid: OLD } } },
      errors: [{ path: ['repository', 'o0'], message: 'Something went wrong while executing your query.' }],
    }));
    nock(API)
      .get(`/repos/acme/widgets/compare/${OLD}...${HEAD}`)
      .query(true)
      .reply(200, { status: 'identical' })
      .get(`/repos/acme/widgets/commits/${OLD}`)
      .query(true)
      .reply(200, { files: [] });
    const history = await reader().readHistory(needs({ trees: new Set(), commits: new Set(['1234567', OLD]) }));
    expect(history.commits.get('1234567')).toEqual({ state: 'unavailable', reason: 'Something went wrong while executing your query.' });
    expect(history.commits.get(OLD)).toMatchObject({ state: 'found', reachable: true });
  });

  it('lists the tree of a pinned commit by its full sha', async () => {
    graphql(objects({ bbbbbbb: { __typename: 'Commit', oid: OLD } }));
    nock(API)
      .get(`/repos/acme/widgets/compare/${OLD}...${HEAD}`)
      .query(true)
      .reply(200, { status: 'ahead' })
      .get(`/repos/acme/widgets/commits/${OLD}`)
      .query(true)
      .reply(200, { files: [] })
      .get(`/repos/acme/widgets/git/trees/${OLD}`)
      .query(true)
      .reply(200, tree([{ path: 'a.py', type: 'blob', mode: '100644', sha: 'blob-old' }]));
    const history = await reader().readHistory(needs({ trees: new Set(['bbbbbbb']), commits: new Set(['bbbbbbb']) }));
    expect((history.trees.get('bbbbbbb') as Tree).entries.get('a.py')).toEqual({ mode: '100644', oid: 'blob-old' });
  });
});

describe('GitHubRepoReader.readContents', () => {
  const listed = (paths: Record<string, string>): Map<string, Tree> =>
    new Map([[HEAD, { entries: new Map(Object.entries(paths).map(([path, oid]) => [path, { mode: '100644', oid }])), folders: new Set<string>() }]]);

  it('reads every text in one aliased query, by commit:path expressions, and caches by blob oid', async () => {
    const cache = new Map<string, BlobFacts>();
    graphql(({ variables }) => ({
      data: {
        repository: {
          b0: { oid: 'o1', byteSize: 4, isBinary: false, isTruncated: false, text: 'a\nb\n' },
          b1: { oid: 'o2', byteSize: 3, isBinary: true, isTruncated: false, text: null },
        },
      },
      ...(variables['e0'] === `${HEAD}:src/a.ts` ? {} : { errors: [{ message: 'wrong expression' }] }),
    }));
    const trees = listed({ 'src/a.ts': 'o1', 'logo.png': 'o2', 'copy.ts': 'o1' });
    const wanted = new Map([[HEAD, new Set(['src/a.ts', 'logo.png', 'copy.ts', 'missing.ts'])]]);
    const blobs = await reader(cache).readContents(wanted, trees);
    expect(queries).toHaveLength(1);
    expect(queries[0]!.variables).toEqual({ owner: 'acme', name: 'widgets', e0: `${HEAD}:src/a.ts`, e1: `${HEAD}:logo.png` });
    expect(blobs.get(blobKey(HEAD, 'src/a.ts'))).toMatchObject({ lineCount: 2, binary: false, text: 'a\nb\n' });
    expect(blobs.get(blobKey(HEAD, 'copy.ts'))).toBe(blobs.get(blobKey(HEAD, 'src/a.ts')));
    expect(blobs.get(blobKey(HEAD, 'logo.png'))).toEqual({ size: 3, binary: true, lineCount: 0 });
    expect(blobs.has(blobKey(HEAD, 'missing.ts'))).toBe(false);
    // a second read of the same blobs costs no request
    const again = await reader(cache).readContents(new Map([[HEAD, new Set(['src/a.ts'])]]), trees);
    expect(again.get(blobKey(HEAD, 'src/a.ts'))).toMatchObject({ lineCount: 2 });
  });

  it('reads a blob GraphQL truncated through the REST blob endpoint', async () => {
    graphql(() => ({ data: { repository: { b0: { oid: 'big', byteSize: 600000, isBinary: false, isTruncated: true, text: 'cut' } } } }));
    nock(API)
      .get('/repos/acme/widgets/git/blobs/big')
      .reply(200, { encoding: 'base64', content: Buffer.from('x\n'.repeat(3000)).toString('base64') });
    const blobs = await reader().readContents(new Map([[HEAD, new Set(['big.txt'])]]), listed({ 'big.txt': 'big' }));
    expect(blobs.get(blobKey(HEAD, 'big.txt'))).toMatchObject({ lineCount: 3000 });
  });

  it('splits more than 100 files into queries of at most 100 aliases', async () => {
    const paths = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}.ts`, `oid${i}`]));
    const sizes: number[] = [];
    const answer = ({ variables }: GraphQLBody) => {
      const count = Object.keys(variables).filter((k) => k.startsWith('e')).length;
      sizes.push(count);
      return { data: { repository: Object.fromEntries(Array.from({ length: count }, (_, i) => [`b${i}`, { oid: 'x', byteSize: 2, isBinary: false, isTruncated: false, text: 'x\n' }])) } };
    };
    graphql(answer);
    graphql(answer);
    const blobs = await reader().readContents(new Map([[HEAD, new Set(Object.keys(paths))]]), listed(paths));
    expect(sizes.sort((a, b) => b - a)).toEqual([MAX_ALIASES, 50]);
    expect(blobs.size).toBe(150);
  });

  it('keeps one failed alias as an error of that file and reads the others', async () => {
    graphql(() => ({
      data: { repository: { b0: null, b1: { oid: 'o2', byteSize: 2, isBinary: false, isTruncated: false, text: 'y\n' } } },
      errors: [{ path: ['repository', 'b0'], message: 'timeout' }],
    }));
    const blobs = await reader().readContents(new Map([[HEAD, new Set(['a.ts', 'b.ts'])]]), listed({ 'a.ts': 'o1', 'b.ts': 'o2' }));
    expect(blobs.get(blobKey(HEAD, 'a.ts'))).toEqual({ error: 'timeout' });
    expect(blobs.get(blobKey(HEAD, 'b.ts'))).toMatchObject({ lineCount: 1 });
  });

  it('lets a whole-query failure through to the caller', async () => {
    nock(API).post('/graphql').reply(502, 'Bad Gateway');
    await expect(reader().readContents(new Map([[HEAD, new Set(['a.ts'])]]), listed({ 'a.ts': 'o1' }))).rejects.toThrow();
  });
});

describe('hunksOfPatch', () => {
  it('gives the zero-context hunks git diff -U0 gives, from a patch with context', async () => {
    const { TestRepo } = await import('../helpers/repo.js');
    const { parseHunks } = await import('../../src/repo/git.js');
    const { hunksOfPatch } = await import('../../src/repo/github.js');
    const repo = await TestRepo.create();
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
    const from = await repo.commit('one', { 'a.txt': lines.join('\n') + '\n' });
    const edited = [...lines];
    edited.splice(30, 3, 'changed 31', 'changed 32'); // replace three lines by two
    edited.splice(20, 0, 'inserted a', 'inserted b'); // insert after line 20
    edited.splice(9, 2); // delete lines 10-11
    edited.splice(0, 0, 'new first line');
    const to = await repo.commit('two', { 'a.txt': edited.join('\n') + '\n' });
    const zero = parseHunks(await repo.git.raw(['diff', '-U0', from, to, '--', 'a.txt'])).get('a.txt');
    const patch = (await repo.git.raw(['diff', '-U3', from, to, '--', 'a.txt'])).split('\n').slice(4).join('\n');
    expect(hunksOfPatch(patch)).toEqual(zero);
    await repo.remove();
  });
});

describe('GitHubRepoReader drift facts', () => {
  it('blames plan lines with Commit.blame at the ref', async () => {
    graphql(() => ({ data: { repository: { object: { blame: { ranges: [{ startingLine: 1, endingLine: 4, commit: { oid: OLD } }, { startingLine: 5, endingLine: 9, commit: { oid: SIDE } }] } } } } }));
    expect(await reader().blameLines('docs/PLAN.md', [2, 7, 12], HEAD)).toEqual(new Map([[2, OLD], [7, SIDE]]));
    expect(queries[0]!.variables).toEqual({ owner: 'acme', name: 'widgets', ref: HEAD, path: 'docs/PLAN.md' });
  });

  it('reads files as they were and their hunks since from one compare', async () => {
    graphql(() => ({
      data: {
        repository: {
          b0: { oid: 'o1', byteSize: 4, isBinary: false, isTruncated: false, text: 'a\nb\n' },
          b1: { oid: 'o2', byteSize: 4, isBinary: false, isTruncated: false, text: 'c\nd\n' },
          b2: null,
        },
      },
    }));
    nock(API)
      .get(`/repos/acme/widgets/compare/${OLD}...${HEAD}`)
      .reply(200, { files: [{ filename: 'a.py', patch: '@@ -1,2 +1,3 @@\n+x\n a\n b' }, { filename: 'huge.py' }] });
    const histories = await reader().readFileHistories(OLD, HEAD, ['a.py', 'c.py', 'huge.py']);
    expect(histories.get('a.py')).toEqual({ oldText: 'a\nb\n', hunks: [{ oldStart: 0, oldCount: 0, newStart: 1, newCount: 1 }] });
    expect(histories.get('c.py')).toEqual({ oldText: 'c\nd\n', hunks: [] });
    expect(histories.get('huge.py')).toEqual({ oldText: null, hunks: [] });
  });
});
