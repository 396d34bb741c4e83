/** Which files of a commit are plans: candidate paths, the plan heuristic, and findPlans over a stub reader. */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CONFIG, type Config } from '../../src/config.js';
import { MAX_CANDIDATES, MAX_PLAN_BYTES, candidatePaths, findPlans, looksLikePlan } from '../../src/app/plans.js';
import { PlanError } from '../../src/plan/types.js';
import { blobKey, type BlobFacts, type ContentNeeds, type History, type Needs, type RepoReader, type Tree } from '../../src/repo/types.js';

const SHA = 'a'.repeat(40);

function treeOf(paths: string[], mode = '100644'): Tree {
  return { entries: new Map(paths.map((p, i) => [p, { mode, oid: String(i).padStart(40, '0') }])), folders: new Set() };
}

const config = (over: Partial<Config> = {}): Config => ({ ...DEFAULT_CONFIG, ...over });

describe('candidatePaths', () => {
  it('without globs: Markdown and YAML files, sorted, outside vendored folders and .github', () => {
    const tree = treeOf([
      'src/index.ts',
      'docs/PLAN.md',
      'README.md',
      'plans/q1.yaml',
      'plans/q2.YML',
      'notes/idea.markdown',
      'node_modules/pkg/README.md',
      'packages/a/node_modules/x/CHANGELOG.md',
      'vendor/lib/plan.md',
      'third_party/x/plan.md',
      '.github/workflows/ci.yml',
      '.github/claimcheck.yml',
      'docs/image.png',
    ]);
    expect(candidatePaths(tree, config())).toEqual(['README.md', 'docs/PLAN.md', 'notes/idea.markdown', 'plans/q1.yaml', 'plans/q2.YML']);
  });

  it('only regular files: no symlinks or submodules', () => {
    const tree = treeOf(['docs/PLAN.md']);
    tree.entries.set('docs/link.md', { mode: '120000', oid: 'f'.repeat(40) });
    tree.entries.set('deps/sub.md', { mode: '160000', oid: 'e'.repeat(40) });
    tree.entries.set('bin/run.md', { mode: '100755', oid: 'd'.repeat(40) });
    expect(candidatePaths(tree, config())).toEqual(['bin/run.md', 'docs/PLAN.md']);
  });

  it(`without globs: at most ${MAX_CANDIDATES}, the first in path order`, () => {
    const paths = Array.from({ length: MAX_CANDIDATES + 20 }, (_, i) => `docs/n${String(i).padStart(4, '0')}.md`);
    const found = candidatePaths(treeOf([...paths].reverse()), config());
    expect(found).toHaveLength(MAX_CANDIDATES);
    expect(found).toEqual(paths.slice(0, MAX_CANDIDATES));
  });

  it('with globs: exactly the files they match, of any kind, dot folders included, without a cap', () => {
    const tree = treeOf(['docs/PLAN.md', 'docs/guide.md', 'plans/a.txt', 'plans/deep/b.md', '.plans/c.md', 'README.md']);
    expect(candidatePaths(tree, config({ plans: ['plans/**', '.plans/*.md', 'docs/PLAN.md'] }))).toEqual(['.plans/c.md', 'docs/PLAN.md', 'plans/a.txt', 'plans/deep/b.md']);
    const many = Array.from({ length: MAX_CANDIDATES + 1 }, (_, i) => `p/${i}.md`);
    expect(candidatePaths(treeOf(many), config({ plans: ['p/*.md'] }))).toHaveLength(MAX_CANDIDATES + 1);
  });
});

describe('looksLikePlan', () => {
  it.each([
    ['a Target File field', '#### T-001 - A\n- **Target File:** `src/a.ts`\n'],
    ['a Commit field', '#### T-001 - A\nCommit: abc1234\n'],
    ['an underscored Completion Evidence field', '__Completion Evidence__: src/a.ts:L1-L9\n'],
    ['a Test Name field in a list', '* Test Name: parses input\n'],
    ['an evidence register table', '| Task ID | Completion Evidence |\n| --- | --- |\n| T-1 | src/a.ts |\n'],
    ['a task list with ids', '- [x] T012 [P] Create User model in src/models/user.py\n'],
    ['an unchecked task with an id', '- [ ] T0001 Write docs\n'],
    ['a YAML plan', 'items:\n  - id: T-1\n    evidence:\n      - file: src/a.ts\n'],
    ['a File field under a task-id heading', '#### U-001 - Later\n- **File:** `README.md`\n'],
    ['a Status field under an id like M2-003', '### M2-003: Harden\nStatus: Done\n'],
  ])('%s reads as a plan', (_, text) => {
    expect(looksLikePlan(text)).toBe(true);
  });

  it.each([
    ['a README', '# Widgets\n\nInstall with npm. Commits are signed.\n'],
    ['a field name inside prose', 'The Target File: is where it goes? No: this line starts with prose.\n'],
    ['a plain task list', '- [x] write docs\n- [ ] ship\n'],
    ['a task id of two digits', '- [x] T12 write docs\n'],
    ['a top-level YAML evidence key', 'evidence: none\n'],
    ['a File field without a task heading', '# Notes\n- **File:** `README.md`\n'],
    ['a Status field under an ordinary heading', '## Release 2\nStatus: shipped\n'],
  ])('%s does not', (_, text) => {
    expect(looksLikePlan(text)).toBe(false);
  });
});

/** A reader answering from memory, recording what was asked. */
class MemoryReader implements RepoReader {
  readonly asked: string[][] = [];
  constructor(
    private readonly tree: Tree | { error: string },
    private readonly blobs: Record<string, BlobFacts | { error: string }>,
  ) {}
  async resolveRef(revision: string): Promise<string> {
    return revision;
  }
  async readHistory(needs: Needs): Promise<History> {
    return { ref: needs.ref, trees: new Map([[needs.ref, this.tree]]), commits: new Map(), shallow: false, repositories: ['acme/widgets'] };
  }
  async readContents(wanted: ContentNeeds): Promise<Map<string, BlobFacts | { error: string }>> {
    const out = new Map<string, BlobFacts | { error: string }>();
    for (const [commit, paths] of wanted) {
      this.asked.push([...paths]);
      for (const path of paths) if (this.blobs[path]) out.set(blobKey(commit, path), this.blobs[path]!);
    }
    return out;
  }
}

const text = (t: string, size = Buffer.byteLength(t)): BlobFacts => ({ size, binary: false, lineCount: t.split('\n').length - 1, text: t });
const PLAN = '# Plan\n\n#### T-001 - A\n- **Target File:** `src/a.ts`\n';

describe('findPlans', () => {
  it('parses the candidates that look like plans, and only those', async () => {
    const reader = new MemoryReader(treeOf(['README.md', 'docs/PLAN.md', 'docs/big.md', 'docs/bin.md', 'docs/gone.md', 'src/a.ts']), {
      'README.md': text('# Widgets\n'),
      'docs/PLAN.md': text(PLAN),
      'docs/big.md': text(PLAN, MAX_PLAN_BYTES + 1),
      'docs/bin.md': { size: 10, binary: true, lineCount: 0 },
      'docs/gone.md': { error: 'object not found' },
    });
    const plans = await findPlans(reader, SHA, config());
    expect(plans.map((p) => [p.path, p.items.map((i) => i.id)])).toEqual([['docs/PLAN.md', ['T-001']]]);
    expect(reader.asked).toEqual([['README.md', 'docs/PLAN.md', 'docs/big.md', 'docs/bin.md', 'docs/gone.md']]);
  });

  it('reads nothing when no file is a candidate', async () => {
    const reader = new MemoryReader(treeOf(['src/a.ts', 'package.json']), {});
    expect(await findPlans(reader, SHA, config())).toEqual([]);
    expect(reader.asked).toEqual([]);
  });

  it('takes files named by globs as plans whatever they hold; a broken one throws PlanError', async () => {
    const reader = new MemoryReader(treeOf(['plans/empty.md', 'plans/broken.yml']), { 'plans/empty.md': text('# Nothing yet\n'), 'plans/broken.yml': text('items: [\n') });
    await expect(findPlans(reader, SHA, config({ plans: ['plans/*.md'] }))).resolves.toEqual([{ path: 'plans/empty.md', items: [] }]);
    await expect(findPlans(reader, SHA, config({ plans: ['plans/*'] }))).rejects.toThrow(PlanError);
  });

  it('refuses a file the globs name that is too large or binary, in one line naming the limit', async () => {
    const reader = new MemoryReader(treeOf(['plans/big.md', 'plans/logo.md']), { 'plans/big.md': text(PLAN, MAX_PLAN_BYTES + 1), 'plans/logo.md': { size: 10, binary: true, lineCount: 0 } });
    await expect(findPlans(reader, SHA, config({ plans: ['plans/big.md'] }))).rejects.toThrow(/plans\/big\.md.*1,048,577 bytes; a plan may be 1,048,576 bytes at most/);
    await expect(findPlans(reader, SHA, config({ plans: ['plans/logo.md'] }))).rejects.toThrow(/the file is binary/);
  });

  it('throws when the files of the commit cannot be listed', async () => {
    const reader = new MemoryReader({ error: 'GitHub truncated the file list of aaaaaaa (too many files)' }, {});
    await expect(findPlans(reader, SHA, config())).rejects.toThrow('the files of aaaaaaa could not be listed: GitHub truncated the file list of aaaaaaa (too many files)');
  });
});
