import { describe, expect, it } from '@jest/globals';
import { FactsMemo, factsOf, rebase, whyNotReusable, type NextCommit } from '../../src/app/reuse.js';
import type { BlobFacts, Snapshot, Tree } from '../../src/repo/types.js';

const OLD = 'a'.repeat(40);
const NEW = 'b'.repeat(40);
const WORK = 'c'.repeat(40);

function tree(files: Record<string, string>): Tree {
  const entries = new Map(Object.entries(files).map(([path, oid]) => [path, { mode: '100644', oid }]));
  const folders = new Set(Object.keys(files).flatMap((p) => (p.includes('/') ? [p.slice(0, p.lastIndexOf('/'))] : [])));
  return { entries, folders };
}

const text: BlobFacts = { size: 4, binary: false, lineCount: 2, text: 'a\nb\n' };

function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    ref: OLD,
    trees: new Map([[OLD, tree({ 'docs/PLAN.md': 'plan1', 'src/a.ts': 'a1', 'src/b.ts': 'b1' })]]),
    commits: new Map([['ccccccc', { state: 'found', sha: WORK, reachable: true, changes: [] }]]),
    blobs: new Map([[`${OLD}:src/a.ts`, text]]),
    shallow: false,
    repositories: ['acme/widgets'],
    ...over,
  };
}

const plans = new Map([['docs/PLAN.md', 'plan1']]);

function next(files: Record<string, string>, over: Partial<NextCommit> = {}): NextCommit {
  return { sha: NEW, tree: tree(files), configKey: '{}', plans, ...over };
}

describe('reuse of a previous push', () => {
  const facts = factsOf(snapshot(), '{}', plans)!;
  const same = { 'docs/PLAN.md': 'plan1', 'src/a.ts': 'a1', 'src/b.ts': 'b2' };

  it('records the contents read at the verified commit', () => {
    expect([...facts.reads]).toEqual([['src/a.ts', 'a1']]);
  });

  it('stands when only files the checks did not read changed', () => {
    expect(whyNotReusable(facts, next(same))).toBeNull();
  });

  it('does not stand when a read file, a plan, the config or the set of paths changed', () => {
    expect(whyNotReusable(facts, next({ ...same, 'src/a.ts': 'a2' }))).toBe('src/a.ts changed');
    expect(whyNotReusable(facts, next(same, { plans: new Map([['docs/PLAN.md', 'plan2']]) }))).toBe('a plan changed');
    expect(whyNotReusable(facts, next(same, { configKey: '{"fail_on":"unknown"}' }))).toBe('the configuration changed');
    expect(whyNotReusable(facts, next({ ...same, 'src/c.ts': 'c1' }))).toBe('files were added, removed or renamed');
  });

  it('does not stand on facts that may change along history or were not read', () => {
    const unreachable = factsOf(snapshot({ commits: new Map([['ccccccc', { state: 'found', sha: WORK, reachable: false, changes: [] }]]) }), '{}', plans)!;
    expect(whyNotReusable(unreachable, next(same))).toBe('a cited commit was not in the history');
    const missing = factsOf(snapshot({ commits: new Map([['ccccccc', { state: 'missing' }]]) }), '{}', plans)!;
    expect(whyNotReusable(missing, next(same))).toBe('a cited commit was not in the history');
    const failed = factsOf(snapshot({ blobs: new Map([[`${OLD}:src/a.ts`, { error: 'timeout' }]]) }), '{}', plans)!;
    expect(whyNotReusable(failed, next(same))).toBe(`${OLD}:src/a.ts could not be read`);
  });

  it('does not stand when the plans claim test results: those are read from each commit’s own CI', () => {
    expect(whyNotReusable(facts, next(same, { claimsTestResults: true }))).toBe('the plans claim test results, which are read from each commit’s own CI');
    expect(whyNotReusable(facts, next(same, { claimsTestResults: false }))).toBeNull();
    const memo = new FactsMemo();
    memo.remember('acme/widgets', facts);
    expect(memo.reusable('acme/widgets', OLD, next(same, { claimsTestResults: true }))).toBeNull();
  });

  it('rebases the snapshot onto the new commit: its tree, and the contents keyed by the new sha', () => {
    const rebased = rebase(snapshot(), next(same));
    expect(rebased.ref).toBe(NEW);
    expect(rebased.trees.has(OLD)).toBe(false);
    expect((rebased.trees.get(NEW) as Tree).entries.get('src/b.ts')?.oid).toBe('b2');
    expect(rebased.blobs.get(`${NEW}:src/a.ts`)).toBe(text);
    expect(rebased.commits).toEqual(snapshot().commits);
  });

  it('the memo answers only for the previous head it recorded, and only when the facts stand', () => {
    const memo = new FactsMemo();
    memo.remember('acme/widgets', facts);
    expect(memo.reusable('acme/widgets', OLD, next(same))?.ref).toBe(NEW);
    expect(memo.reusable('acme/widgets', undefined, next(same))).toBeNull();
    expect(memo.reusable('acme/other', OLD, next(same))).toBeNull();
    expect(memo.reusable('acme/widgets', OLD, next({ ...same, 'src/a.ts': 'a2' }))).toBeNull();
  });
});
