import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { graphqlSync } from 'graphql';
import nock from 'nock';
import { newReaderCaches, type ReaderCaches } from '../../src/repo/github-caches.js';
import { GitHubRepoReader, MAX_ALIASES } from '../../src/repo/github.js';
import { RefError, blobKey, type Needs, type Tree } from '../../src/repo/types.js';
import { githubSchema, schemaErrors, testOctokit } from '../helpers/github.js';

const API = 'https://api.github.com';
const HEAD = 'a'.repeat(40);
const OLD = 'b'.repeat(40);
const SIDE = 'c'.repeat(40);
const FAR = 'd'.repeat(40);

interface GraphQLBody {
  query: string;
  variables: Record<string, unknown>;
}

/** Every GraphQL query the reader sends, validated against GitHub's real schema after each test. */
const queries: GraphQLBody[] = [];

/** What the fake GraphQL endpoint knows: objects by expression, the ref's history, blame ranges. */
interface World {
  objects?: Record<string, Record<string, unknown> | Error>;
  /** The ref's history, newest first, with committer dates. */
  history?: Array<{ oid: string; date: string }>;
  blame?: Array<{ startingLine: number; endingLine: number; commit: { oid: string } }>;
}

/** Answers one GraphQL request by executing it against GitHub's schema over `world`. */
function graphql(world: World, times = 1): nock.Scope {
  return nock(API)
    .post('/graphql')
    .times(times)
    .reply(200, (_uri, body) => {
      const request = body as GraphQLBody;
      queries.push(request);
      const object = ({ expression }: { expression: string }) => {
        const node = world.objects?.[expression] ?? (expression === HEAD ? commit(HEAD) : undefined);
        if (node instanceof Error) throw node;
        if (!node) return null;
        return {
          ...node,
          blame: () => ({ ranges: world.blame ?? [] }),
          history: ({ first, since, until }: { first: number; since?: string; until?: string }) => ({
            nodes: (world.history ?? []).filter((c) => (!since || c.date >= since) && (!until || c.date <= until)).slice(0, first),
          }),
        };
      };
      const result = graphqlSync({ schema: githubSchema(), source: request.query, variableValues: request.variables, rootValue: { repository: () => ({ object }) } });
      return { data: result.data, ...(result.errors ? { errors: result.errors.map((e) => ({ message: e.message, path: e.path })) } : {}) } as nock.Body;
    });
}

const commit = (oid: string, date = '2026-01-01T00:00:00Z') => ({ __typename: 'Commit', oid, committedDate: date, authoredDate: date });
const blob = (oid: string, text: string | null, extra: Record<string, unknown> = {}) => ({ __typename: 'Blob', oid, byteSize: text?.length ?? 3, isBinary: text === null, isTruncated: false, text, ...extra });

function reader(caches: ReaderCaches = newReaderCaches()): GitHubRepoReader {
  return new GitHubRepoReader(testOctokit(), { owner: 'acme', repo: 'widgets' }, caches);
}

function needs(over: Partial<Needs> = {}): Needs {
  return { ref: HEAD, trees: new Set([HEAD]), commits: new Set(), ...over };
}

function tree(entries: Array<{ path: string; type: string; mode: string; sha: string }>, truncated = false): nock.Body {
  return { sha: 't', truncated, tree: entries };
}

type Entry = { path: string; type: string; mode: string; sha: string };
const TREES = '/repos/acme/widgets/git/trees';
const file = (path: string, sha: string, mode = '100644'): Entry => ({ path, type: 'blob', mode, sha });
const folder = (path: string, sha: string): Entry => ({ path, type: 'tree', mode: '040000', sha });
/** GitHub's recursive listing of `id` (`?recursive=true`), cut short when `truncated`. */
const listing = (scope: nock.Scope, id: string, entries: Entry[], truncated = false): nock.Scope => scope.get(`${TREES}/${id}`).query({ recursive: 'true' }).reply(200, tree(entries, truncated));
/** One level of `id`, as GitHub lists it without `recursive`. */
const level = (scope: nock.Scope, id: string, entries: Entry[]): nock.Scope => scope.get(`${TREES}/${id}`).query((query) => Object.keys(query).length === 0).reply(200, tree(entries));

const files = (...names: string[]) => ({ files: names.map((filename) => ({ filename, additions: 1, deletions: 0 })) });

beforeAll(() => nock.disableNetConnect());
// nock patches node's http for the whole worker: later test files talk to loopback servers
afterAll(() => nock.enableNetConnect());
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
    graphql({ objects: { main: commit(HEAD) } });
    await expect(reader().resolveRef('main')).resolves.toBe(HEAD);
    expect(Object.values(queries[0]!.variables)).toContain('main');
    expect(queries[0]!.query).not.toContain('main');
  });

  it('refuses a revision that names nothing', async () => {
    graphql({});
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

  it('lists a tree GitHub truncated folder by folder, and reads it whole', async () => {
    const scope = nock(API);
    listing(scope, HEAD, [file('README.md', 'blob-r')], true);
    level(scope, HEAD, [file('README.md', 'blob-r'), folder('src', 'tree-src'), folder('docs', 'tree-docs')]);
    listing(scope, 'tree-src', [file('a.ts', 'blob-a'), folder('lib', 'tree-lib'), file('lib/b.ts', 'blob-b', '100755')]);
    listing(scope, 'tree-docs', [file('PLAN.md', 'blob-p')]);
    const listed = (await reader().readHistory(needs())).trees.get(HEAD) as Tree;
    expect(Object.fromEntries(listed.entries)).toEqual({
      'README.md': { mode: '100644', oid: 'blob-r' },
      'src/a.ts': { mode: '100644', oid: 'blob-a' },
      'src/lib/b.ts': { mode: '100755', oid: 'blob-b' },
      'docs/PLAN.md': { mode: '100644', oid: 'blob-p' },
    });
    expect([...listed.folders].sort()).toEqual(['docs', 'src', 'src/lib']);
  });

  it('reports a tree as unavailable, rather than guess what is missing, when folder by folder is still truncated three levels down', async () => {
    const scope = nock(API);
    const ids = [HEAD, 'tree-1', 'tree-2', 'tree-3'];
    ids.forEach((id, depth) => {
      listing(scope, id, [], true);
      if (depth < 3) level(scope, id, [folder(`d${depth + 1}`, ids[depth + 1]!)]);
    });
    const history = await reader().readHistory(needs());
    expect(history.trees.get(HEAD)).toEqual({ error: 'GitHub truncated the file list of aaaaaaa (too many files)' });
  });

  it('stops at 200 listings: a tree that would need more is unavailable, and no more requests go out', async () => {
    const scope = nock(API);
    listing(scope, HEAD, [], true);
    level(scope, HEAD, Array.from({ length: 250 }, (_, i) => folder(`pkg${i}`, `tree-${i}`)));
    scope
      .get(/\/repos\/acme\/widgets\/git\/trees\/tree-\d+$/)
      .query({ recursive: 'true' })
      .times(198)
      .reply(200, tree([file('index.ts', 'blob-i')]));
    const history = await reader().readHistory(needs());
    expect(history.trees.get(HEAD)).toEqual({ error: 'GitHub truncated the file list of aaaaaaa (too many files)' });
  });

  it('reports a tree as unavailable when one level of it alone is truncated', async () => {
    const scope = nock(API);
    listing(scope, HEAD, [], true);
    scope.get(`${TREES}/${HEAD}`).query((query) => Object.keys(query).length === 0).reply(200, tree([], true));
    const history = await reader().readHistory(needs());
    expect(history.trees.get(HEAD)).toEqual({ error: 'GitHub truncated the file list of aaaaaaa (too many files)' });
  });

  it('looks up every commit and the recent history in one query; commits found there need no compare', async () => {
    graphql({ objects: { bbbbbbb: commit(OLD), [HEAD]: commit(HEAD), deadbeef: undefined as never, [HEAD.slice(0, 9)]: { __typename: 'Tree', oid: 'x' } }, history: [{ oid: HEAD, date: '2026-02-01T00:00:00Z' }, { oid: OLD, date: '2026-01-01T00:00:00Z' }] });
    nock(API)
      .get('/repos/acme/widgets/commits/bbbbbbb')
      .query({ per_page: 300, page: 1 })
      .reply(200, { sha: OLD, files: [{ filename: 'src/a.ts', additions: 3, deletions: 1 }, { filename: 'src/new.ts', previous_filename: 'src/old.ts', additions: 0, deletions: 0 }] })
      .get('/repos/acme/widgets/commits/deadbeef')
      .query(true)
      .reply(404, { message: 'Not Found' })
      .get(`/repos/acme/widgets/commits/${HEAD.slice(0, 9)}`)
      .query(true)
      .reply(422, { message: 'No commit found' });
    const history = await reader().readHistory(needs({ trees: new Set(), commits: new Set(['bbbbbbb', 'deadbeef', HEAD.slice(0, 9)]) }));
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
    expect(history.commits.get('deadbeef')).toEqual({ state: 'missing' });
    expect(history.commits.get(HEAD.slice(0, 9))).toEqual({ state: 'missing' });
  });

  it('finds an older ancestor in its date window (one more query for all), and asks a compare only for the rest', async () => {
    const recent = Array.from({ length: 100 }, (_, i) => ({ oid: i.toString(16).padStart(40, '0'), date: `2026-03-01T00:00:${String(59 - (i % 60)).padStart(2, '0')}Z` }));
    graphql({ objects: { [FAR]: commit(FAR, '2025-06-01T12:00:00Z'), [SIDE]: commit(SIDE, '2025-07-01T12:00:00Z') }, history: [...recent, { oid: FAR, date: '2025-06-01T12:00:00Z' }] }, 2);
    nock(API)
      .get(`/repos/acme/widgets/compare/${SIDE}...${HEAD}`)
      .query({ per_page: 1 })
      .reply(200, { status: 'diverged' })
      .get(`/repos/acme/widgets/commits/${FAR}`)
      .query(true)
      .reply(200, files('x.ts'))
      .get(`/repos/acme/widgets/commits/${SIDE}`)
      .query(true)
      .reply(200, files());
    const history = await reader().readHistory(needs({ trees: new Set(), commits: new Set([FAR, SIDE]) }));
    expect(queries).toHaveLength(2);
    expect(history.commits.get(FAR)).toMatchObject({ state: 'found', reachable: true, changes: [{ path: 'x.ts', added: 1, removed: 0 }] });
    expect(history.commits.get(SIDE)).toEqual({ state: 'found', sha: SIDE, reachable: false, changes: [] });
  });

  it('says a commit is unavailable, not unreachable, when its ancestry cannot be read', async () => {
    graphql({ objects: { [SIDE]: commit(SIDE) } }, 2);
    nock(API).get(`/repos/acme/widgets/compare/${SIDE}...${HEAD}`).query(true).reply(500, { message: 'boom' }).get(`/repos/acme/widgets/commits/${SIDE}`).query(true).reply(200, files());
    const history = await reader().readHistory(needs({ trees: new Set(), commits: new Set([SIDE]) }));
    expect(history.commits.get(SIDE)).toMatchObject({ state: 'unavailable', reason: expect.stringContaining('could not be read') });
  });

  it('reads the changes again by full sha when the id as written named another commit', async () => {
    graphql({ objects: { cafe123: commit(OLD) }, history: [{ oid: OLD, date: '2026-01-01T00:00:00Z' }] });
    nock(API)
      .get('/repos/acme/widgets/commits/cafe123')
      .query(true)
      .reply(200, { sha: SIDE, files: [{ filename: 'wrong.ts', additions: 1, deletions: 0 }] })
      .get(`/repos/acme/widgets/commits/${OLD}`)
      .query(true)
      .reply(200, { sha: OLD, ...files('right.ts') });
    const history = await reader().readHistory(needs({ trees: new Set(), commits: new Set(['cafe123']) }));
    expect(history.commits.get('cafe123')).toMatchObject({ state: 'found', sha: OLD, changes: [{ path: 'right.ts', added: 1, removed: 0 }] });
  });

  it('pages through a large commit and gives up past 3,000 files (changes unknown)', async () => {
    const page = (n: number) => ({ sha: OLD, files: Array.from({ length: 300 }, (_, i) => ({ filename: `f${n}-${i}`, additions: 1, deletions: 0 })) });
    graphql({ objects: { [OLD]: commit(OLD) }, history: [{ oid: OLD, date: '2026-01-01T00:00:00Z' }] });
    const scope = nock(API);
    for (let n = 1; n <= 10; n++) scope.get(`/repos/acme/widgets/commits/${OLD}`).query({ per_page: 300, page: n }).reply(200, page(n));
    const history = await reader().readHistory(needs({ trees: new Set(), commits: new Set([OLD]) }));
    expect(history.commits.get(OLD)).toEqual({ state: 'found', sha: OLD, reachable: true, changes: null });
  });

  it('holds commit file pages to 6 in flight, so the lookup never waits behind them in the throttle queue', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `e${String(i).padStart(6, '0')}`);
    graphql({ objects: Object.fromEntries(ids.map((id) => [id, commit(OLD)])), history: [{ oid: OLD, date: '2026-01-01T00:00:00Z' }] });
    for (const id of ids) nock(API).get(`/repos/acme/widgets/commits/${id}`).query(true).delay(20).reply(200, { sha: OLD, ...files('a.py') });
    const octokit = testOctokit();
    let inFlight = 0;
    let most = 0;
    octokit.hook.wrap('request', async (request, options) => {
      if (!String(options.url).includes('/commits/')) return request(options);
      most = Math.max(most, ++inFlight);
      try {
        return await request(options);
      } finally {
        inFlight--;
      }
    });
    const history = await new GitHubRepoReader(octokit, { owner: 'acme', repo: 'widgets' }, newReaderCaches()).readHistory(needs({ trees: new Set(), commits: new Set(ids) }));
    expect(most).toBe(6);
    for (const id of ids) expect(history.commits.get(id)).toMatchObject({ state: 'found', sha: OLD, changes: [{ path: 'a.py', added: 1, removed: 0 }] });
  });

  it('keeps an alias-level error as that commit being unavailable, not missing', async () => {
    graphql({ objects: { '1234567': new Error('Something went wrong while executing your query.'), [OLD]: commit(OLD) }, history: [{ oid: OLD, date: '2026-01-01T00:00:00Z' }] });
    nock(API).get('/repos/acme/widgets/commits/1234567').query(true).reply(404, {}).get(`/repos/acme/widgets/commits/${OLD}`).query(true).reply(200, files());
    const history = await reader().readHistory(needs({ trees: new Set(), commits: new Set(['1234567', OLD]) }));
    expect(history.commits.get('1234567')).toEqual({ state: 'unavailable', reason: 'Something went wrong while executing your query.' });
    expect(history.commits.get(OLD)).toMatchObject({ state: 'found', reachable: true });
  });

  it('lists the tree of a pinned commit by its full sha', async () => {
    graphql({ objects: { bbbbbbb: commit(OLD) }, history: [{ oid: OLD, date: '2026-01-01T00:00:00Z' }] });
    nock(API)
      .get(`/repos/acme/widgets/git/trees/${OLD}`)
      .query(true)
      .reply(200, tree([{ path: 'a.py', type: 'blob', mode: '100644', sha: 'blob-old' }]));
    const history = await reader().readHistory(needs({ trees: new Set(['bbbbbbb']), commits: new Set() }));
    expect((history.trees.get('bbbbbbb') as Tree).entries.get('a.py')).toEqual({ mode: '100644', oid: 'blob-old' });
  });

  it('lists the tree of a commit pinned by full sha alongside the lookup, and not for a pin that names nothing', async () => {
    const order: string[] = [];
    nock(API)
      .post('/graphql')
      .delay(50)
      .reply(200, (_uri, body) => {
        order.push('lookup');
        const { query, variables } = body as GraphQLBody;
        queries.push({ query, variables });
        const result = graphqlSync({ schema: githubSchema(), source: query, variableValues: variables, rootValue: { repository: () => ({ object: ({ expression }: { expression: string }) => (expression === OLD ? { ...commit(OLD), history: () => ({ nodes: [] }) } : expression === HEAD ? { ...commit(HEAD), history: () => ({ nodes: [{ oid: OLD }] }) } : null) }) } });
        return { data: result.data } as nock.Body;
      })
      .get(`/repos/acme/widgets/git/trees/${OLD}`)
      .query(true)
      .reply(200, () => {
        order.push('tree');
        return tree([{ path: 'a.py', type: 'blob', mode: '100644', sha: 'blob-old' }]);
      })
      .get(`/repos/acme/widgets/git/trees/${FAR}`)
      .query(true)
      .reply(404, { message: 'Not Found' });
    const history = await reader().readHistory(needs({ trees: new Set([OLD, FAR]), commits: new Set() }));
    expect(order).toEqual(['tree', 'lookup']);
    expect((history.trees.get(OLD) as Tree).entries.get('a.py')).toEqual({ mode: '100644', oid: 'blob-old' });
    expect(history.trees.get(FAR)).toEqual({ error: `commit ${FAR} not found` });
  });

  it('keeps trees, changes and ancestry across readers: a second delivery asks nothing already known', async () => {
    const caches = newReaderCaches();
    graphql({ objects: { [OLD]: commit(OLD) }, history: [{ oid: OLD, date: '2026-01-01T00:00:00Z' }] }, 2);
    nock(API)
      .get(`/repos/acme/widgets/git/trees/${HEAD}`)
      .query(true)
      .reply(200, tree([{ path: 'a.py', type: 'blob', mode: '100644', sha: 'blob-a' }]))
      .get(`/repos/acme/widgets/commits/${OLD}`)
      .query(true)
      .reply(200, { sha: OLD, ...files('a.py') });
    const first = await reader(caches).readHistory(needs({ commits: new Set([OLD]) }));
    const second = await reader(caches).readHistory(needs({ commits: new Set([OLD]) }));
    expect(second).toEqual(first);
    // the second lookup still asks GraphQL what the id names (ids are as written), nothing else
    expect(queries).toHaveLength(2);
  });
});

describe('GitHubRepoReader.readContents', () => {
  const listed = (paths: Record<string, string>): Map<string, Tree> =>
    new Map([[HEAD, { entries: new Map(Object.entries(paths).map(([path, oid]) => [path, { mode: '100644', oid }])), folders: new Set<string>() }]]);

  it('reads every text in one aliased query, by commit:path expressions, and caches by blob oid', async () => {
    const caches = newReaderCaches();
    graphql({ objects: { [`${HEAD}:src/a.ts`]: blob('o1', 'a\nb\n'), [`${HEAD}:logo.png`]: blob('o2', null) } });
    const trees = listed({ 'src/a.ts': 'o1', 'logo.png': 'o2', 'copy.ts': 'o1' });
    const wanted = new Map([[HEAD, new Set(['src/a.ts', 'logo.png', 'copy.ts', 'missing.ts'])]]);
    const blobs = await reader(caches).readContents(wanted, trees);
    expect(queries).toHaveLength(1);
    expect(Object.values(queries[0]!.variables).sort()).toEqual([`${HEAD}:logo.png`, `${HEAD}:src/a.ts`, 'acme', 'widgets']);
    expect(blobs.get(blobKey(HEAD, 'src/a.ts'))).toMatchObject({ lineCount: 2, binary: false, text: 'a\nb\n' });
    expect(blobs.get(blobKey(HEAD, 'copy.ts'))).toBe(blobs.get(blobKey(HEAD, 'src/a.ts')));
    expect(blobs.get(blobKey(HEAD, 'logo.png'))).toEqual({ size: 3, binary: true, lineCount: 0 });
    expect(blobs.has(blobKey(HEAD, 'missing.ts'))).toBe(false);
    // a second read of the same blobs costs no request
    const again = await reader(caches).readContents(new Map([[HEAD, new Set(['src/a.ts'])]]), trees);
    expect(again.get(blobKey(HEAD, 'src/a.ts'))).toMatchObject({ lineCount: 2 });
  });

  it('reads a blob GraphQL truncated through the REST blob endpoint', async () => {
    graphql({ objects: { [`${HEAD}:big.txt`]: blob('big', 'cut', { byteSize: 600000, isTruncated: true }) } });
    nock(API)
      .get('/repos/acme/widgets/git/blobs/big')
      .reply(200, { encoding: 'base64', content: Buffer.from('x\n'.repeat(3000)).toString('base64') });
    const blobs = await reader().readContents(new Map([[HEAD, new Set(['big.txt'])]]), listed({ 'big.txt': 'big' }));
    expect(blobs.get(blobKey(HEAD, 'big.txt'))).toMatchObject({ lineCount: 3000 });
  });

  it('splits more than 100 files into queries of at most 100 aliases, sent together', async () => {
    const paths = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}.ts`, `oid${i}`]));
    const objects = Object.fromEntries(Object.entries(paths).map(([path, oid]) => [`${HEAD}:${path}`, blob(oid, 'x\n')]));
    graphql({ objects }, 2);
    const blobs = await reader().readContents(new Map([[HEAD, new Set(Object.keys(paths))]]), listed(paths));
    const sizes = queries.map((q) => Object.keys(q.variables).length - 2).sort((a, b) => b - a);
    expect(sizes).toEqual([MAX_ALIASES, 50]);
    expect(blobs.size).toBe(150);
    expect(blobs.get(blobKey(HEAD, 'f149.ts'))).toMatchObject({ lineCount: 1 });
  });

  it('splits a query GitHub refuses for its resource limits and retries the halves', async () => {
    nock(API)
      .post('/graphql')
      .reply(200, (_uri, body) => {
        queries.push(body as GraphQLBody);
        return { data: null, errors: [{ type: 'RESOURCE_LIMITS_EXCEEDED', message: 'Resource limits for this query exceeded.' }] };
      });
    graphql({ objects: { [`${HEAD}:a.ts`]: blob('o1', 'a\n'), [`${HEAD}:b.ts`]: blob('o2', 'b\nb\n') } }, 2);
    const blobs = await reader().readContents(new Map([[HEAD, new Set(['a.ts', 'b.ts'])]]), listed({ 'a.ts': 'o1', 'b.ts': 'o2' }));
    expect(queries).toHaveLength(3);
    expect(blobs.get(blobKey(HEAD, 'a.ts'))).toMatchObject({ lineCount: 1 });
    expect(blobs.get(blobKey(HEAD, 'b.ts'))).toMatchObject({ lineCount: 2 });
  });

  it('answers a single file that alone exceeds the resource limits with an error, not a guess', async () => {
    nock(API).post('/graphql').reply(200, { data: null, errors: [{ type: 'RESOURCE_LIMITS_EXCEEDED', message: 'Resource limits for this query exceeded.' }] });
    const blobs = await reader().readContents(new Map([[HEAD, new Set(['a.ts'])]]), listed({ 'a.ts': 'o1' }));
    expect(blobs.get(blobKey(HEAD, 'a.ts'))).toEqual({ error: 'Resource limits for this query exceeded.' });
  });

  it('keeps one failed alias as an error of that file and reads the others', async () => {
    graphql({ objects: { [`${HEAD}:a.ts`]: new Error('timeout'), [`${HEAD}:b.ts`]: blob('o2', 'y\n') } });
    const blobs = await reader().readContents(new Map([[HEAD, new Set(['a.ts', 'b.ts'])]]), listed({ 'a.ts': 'o1', 'b.ts': 'o2' }));
    expect(blobs.get(blobKey(HEAD, 'a.ts'))).toEqual({ error: 'timeout' });
    expect(blobs.get(blobKey(HEAD, 'b.ts'))).toMatchObject({ lineCount: 1 });
  });

  it('lets a whole-query failure through to the caller', async () => {
    nock(API).post('/graphql').reply(502, 'Bad Gateway');
    await expect(reader().readContents(new Map([[HEAD, new Set(['a.ts'])]]), listed({ 'a.ts': 'o1' }))).rejects.toThrow();
  });
});

describe('GitHubRepoReader drift facts', () => {
  it('blames plan lines with Commit.blame at the ref, in the same query as the texts asked for alongside', async () => {
    graphql({ objects: { [HEAD]: commit(HEAD), [`${HEAD}:a.ts`]: blob('o1', 'a\n') }, blame: [{ startingLine: 1, endingLine: 4, commit: { oid: OLD } }, { startingLine: 5, endingLine: 9, commit: { oid: SIDE } }] });
    const r = reader();
    const trees = new Map([[HEAD, { entries: new Map([['a.ts', { mode: '100644', oid: 'o1' }]]), folders: new Set<string>() }]]);
    const [origins, blobs] = await Promise.all([r.blameLines('docs/PLAN.md', [2, 7, 12], HEAD), r.readContents(new Map([[HEAD, new Set(['a.ts'])]]), trees)]);
    expect(origins).toEqual(new Map([[2, OLD], [7, SIDE]]));
    expect(blobs.get(blobKey(HEAD, 'a.ts'))).toMatchObject({ lineCount: 1 });
    expect(queries).toHaveLength(1);
    expect(Object.values(queries[0]!.variables)).toEqual(expect.arrayContaining([HEAD, 'docs/PLAN.md']));
  });

  it('reads files as they were and diffs them against the ref in memory, without a compare', async () => {
    nock(API)
      .get(`/repos/acme/widgets/git/trees/${HEAD}`)
      .query(true)
      .reply(200, tree([{ path: 'a.py', type: 'blob', mode: '100644', sha: 'new-a' }, { path: 'c.py', type: 'blob', mode: '100644', sha: 'same-c' }, { path: 'bin.dat', type: 'blob', mode: '100644', sha: 'new-bin' }]));
    graphql({
      objects: {
        [`${OLD}:a.py`]: blob('old-a', 'a\nb\n'),
        [`${OLD}:c.py`]: blob('same-c', 'c\nd\n'),
        [`${OLD}:bin.dat`]: blob('old-bin', null),
        [`${HEAD}:a.py`]: blob('new-a', 'x\na\nb\n'),
        [`${HEAD}:c.py`]: blob('same-c', 'c\nd\n'),
        [`${HEAD}:bin.dat`]: blob('new-bin', null),
      },
    });
    const histories = await reader().readFileHistories(OLD, HEAD, ['a.py', 'c.py', 'gone.py', 'bin.dat']);
    expect(histories.get('a.py')).toEqual({ oldText: 'a\nb\n', hunks: [{ oldStart: 0, oldCount: 0, newStart: 1, newCount: 1 }] });
    expect(histories.get('c.py')).toEqual({ oldText: 'c\nd\n', hunks: [] });
    expect(histories.get('gone.py')).toEqual({ oldText: null, hunks: [] });
    expect(histories.get('bin.dat')).toEqual({ oldText: null, hunks: [] });
    expect(queries).toHaveLength(1);
  });
});
