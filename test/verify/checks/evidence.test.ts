import { describe, expect, it } from '@jest/globals';
import type { PathRef, Pin } from '../../../src/plan/types.js';
import type { CheckContext } from '../../../src/verify/checks/context.js';
import { evidenceCommit, locate } from '../../../src/verify/checks/evidence.js';
import { REF, snapshotOf, type SnapshotSpec } from '../../helpers/snapshot.js';
import { contextOf, fileClaim, itemOf, rangeClaim } from '../claims.js';

const PIN = '0123456789abcdef0123456789abcdef01234567';
const SHORT_PIN = '0123456';
const pinned = (sha: string, repository = 'acme/widgets') => ({ pin: { sha, repository } });

type Cited = { target: PathRef; pin?: Pin };

/** Locates a claim's file as the checks do: its target, its pin, in the context of its item. */
function locateClaim(claim: Cited, context: CheckContext) {
  return locate(claim.target, claim.pin, context);
}

function locateIn(spec: SnapshotSpec, claim: Cited = fileClaim('src/a.ts', pinned(PIN))) {
  return locateClaim(claim, contextOf(snapshotOf(spec)));
}

describe('evidenceCommit', () => {
  it('reads unpinned evidence at the ref', () => {
    expect(evidenceCommit(fileClaim('src/a.ts').pin, REF)).toBe(REF);
    expect(evidenceCommit(fileClaim('src/a.ts', { pin: { repository: 'acme/widgets' } }).pin, REF)).toBe(REF);
  });

  it('reads a permalink at its pinned commit, as written', () => {
    expect(evidenceCommit(fileClaim('src/a.ts', pinned(SHORT_PIN)).pin, REF)).toBe(SHORT_PIN);
    expect(evidenceCommit(rangeClaim('src/a.ts', 1, 2, pinned(PIN)).pin, REF)).toBe(PIN);
  });
});

describe('locate', () => {
  const atRef: SnapshotSpec = { files: { 'src/a.ts': 'a\n' } };

  it('finds a regular file at the ref, with its tree entry', () => {
    const located = locateClaim(fileClaim('src/a.ts'), contextOf(snapshotOf(atRef)));
    expect(located).toMatchObject({ ok: true, commit: REF, path: 'src/a.ts', at: 'feedfac', entry: { mode: '100644' } });
  });

  it('finds a permalinked file in the tree of its pinned commit (short id as written)', () => {
    const spec: SnapshotSpec = { commits: { [SHORT_PIN]: { sha: PIN } }, pinned: { [SHORT_PIN]: atRef } };
    expect(locateIn(spec, fileClaim('src/a.ts', pinned(SHORT_PIN)))).toMatchObject({ ok: true, commit: SHORT_PIN, path: 'src/a.ts' });
  });

  it('does not find a permalinked file at the ref when the pinned tree lacks it', () => {
    const spec: SnapshotSpec = { ...atRef, commits: { [PIN]: {} }, pinned: { [PIN]: { files: { 'other.ts': '' } } } };
    expect(locateIn(spec)).toMatchObject({ ok: false, outcome: { verdict: 'unverified', code: 'file-not-found' } });
  });

  it('refuses a pinned commit that does not exist', () => {
    const located = locateIn({ ...atRef, commits: { [PIN]: 'missing' } });
    expect(located).toMatchObject({ ok: false, outcome: { verdict: 'unverified', code: 'commit-not-found' } });
  });

  it('refuses a pinned commit outside the history of the ref', () => {
    const spec: SnapshotSpec = { ...atRef, commits: { [PIN]: { reachable: false } }, pinned: { [PIN]: atRef } };
    const located = locateIn(spec);
    expect(located).toMatchObject({ ok: false, outcome: { verdict: 'unverified', code: 'commit-not-reachable' } });
    if (!located.ok) expect(located.outcome.reason).toContain('not in the history of feedfac');
  });

  it('is unknown, never unverified, about a missing or unreachable pin in a shallow clone', () => {
    for (const commit of ['missing', { reachable: false }] as const) {
      const located = locateIn({ ...atRef, shallow: true, commits: { [PIN]: commit }, pinned: { [PIN]: atRef } });
      expect(located).toMatchObject({ ok: false, outcome: { verdict: 'unknown', code: 'shallow-clone' } });
    }
  });

  it('is unknown about an ambiguous, unreadable or unlooked-up pinned commit', () => {
    expect(locateIn({ ...atRef, commits: { [SHORT_PIN]: 'ambiguous' } }, fileClaim('src/a.ts', pinned(SHORT_PIN)))).toMatchObject({
      ok: false,
      outcome: { verdict: 'unknown', code: 'ambiguous-commit' },
    });
    expect(locateIn({ ...atRef, commits: { [PIN]: { unavailable: 'timeout' } } })).toMatchObject({
      ok: false,
      outcome: { verdict: 'unknown', code: 'commit-unavailable', reason: expect.stringContaining('timeout') },
    });
    expect(locateIn({ ...atRef, pinned: { [PIN]: atRef } })).toMatchObject({ ok: false, outcome: { verdict: 'unknown', code: 'commit-unavailable' } });
  });

  it('is unknown when the pinned tree is missing or failed', () => {
    expect(locateIn({ ...atRef, commits: { [PIN]: {} } })).toMatchObject({ ok: false, outcome: { verdict: 'unknown', code: 'source-unavailable' } });
    expect(locateIn({ ...atRef, commits: { [PIN]: {} }, pinned: { [PIN]: { error: 'boom' } } })).toMatchObject({
      ok: false,
      outcome: { verdict: 'unknown', code: 'source-unavailable', reason: expect.stringContaining('boom') },
    });
  });

  it('is unknown about a permalink into another repository, before looking its commit up', () => {
    const located = locateIn({ ...atRef, repositories: ['acme/widgets'], commits: { [PIN]: 'missing' } }, fileClaim('src/a.ts', pinned(PIN, 'someone/else')));
    expect(located).toMatchObject({ ok: false, outcome: { verdict: 'unknown', code: 'foreign-repository' } });
  });

  it('compares repository names without regard to case', () => {
    const spec: SnapshotSpec = { repositories: ['Acme/Widgets'], commits: { [PIN]: {} }, pinned: { [PIN]: atRef } };
    expect(locateIn(spec, fileClaim('src/a.ts', pinned(PIN, 'acme/WIDGETS')))).toMatchObject({ ok: true });
    expect(locateIn(spec, fileClaim('src/a.ts', pinned(PIN, 'acme/gadgets')))).toMatchObject({
      ok: false,
      outcome: { verdict: 'unknown', code: 'foreign-repository' },
    });
  });

  it('checks a permalink into any repository normally when this one has no known name', () => {
    const spec: SnapshotSpec = { repositories: null, commits: { [PIN]: 'missing' } };
    expect(locateIn(spec, fileClaim('src/a.ts', pinned(PIN, 'someone/else')))).toMatchObject({
      ok: false,
      outcome: { verdict: 'unverified', code: 'commit-not-found' },
    });
  });

  it('refuses a path outside the repository before anything else', () => {
    const located = locateClaim(fileClaim('../a.ts', pinned(PIN, 'someone/else')), contextOf(snapshotOf({ repositories: ['acme/widgets'] })));
    expect(located).toMatchObject({ ok: false, outcome: { verdict: 'unverified', code: 'path-outside-repo' } });
  });

  it('takes only regular-file modes as files: a tree entry with any other mode is not one', () => {
    const located = locateClaim(fileClaim('src/lib'), contextOf(snapshotOf({ oddModes: { 'src/lib': '040000' } })));
    expect(located).toMatchObject({ ok: false, outcome: { verdict: 'unverified', code: 'not-a-regular-file' } });
    if (!located.ok) expect(located.outcome.reason).toContain('040000');
  });
});

describe('locate: bare and partial names', () => {
  const tree: SnapshotSpec = {
    files: {
      'backend/app/gemini.py': '',
      'backend/app/util.py': '',
      'frontend/app/util.py': '',
      'scripts/util.py': '',
      'README.md': '',
      'a/x/deep.py': '',
      'b/x/deep.py': '',
      'c/d.py': '',
      'e/c/d.py': '',
    },
    symlinks: { 'links/linked.py': '../backend/app/gemini.py' },
    submodules: ['vendor/lib'],
  };
  const at = (raw: string, planPaths?: string[], spec: SnapshotSpec = tree) => locate({ raw, base: 'root' }, undefined, contextOf(snapshotOf(spec), planPaths ? { planPaths } : {}));

  it('resolves a bare name to the one file that has it', () => {
    expect(at('gemini.py')).toMatchObject({ ok: true, path: 'backend/app/gemini.py', commit: REF });
  });

  it('resolves a partial path by whole path segments', () => {
    expect(at('app/gemini.py')).toMatchObject({ ok: true, path: 'backend/app/gemini.py' });
    expect(at('pp/gemini.py')).toMatchObject({ ok: false, outcome: { verdict: 'unverified', code: 'file-not-found' } });
  });

  it('prefers a file that is at the cited path itself', () => {
    expect(at('c/d.py')).toMatchObject({ ok: true, path: 'c/d.py' });
  });

  it('is unknown about a name several files have, listing them', () => {
    const located = at('util.py');
    expect(located).toMatchObject({ ok: false, outcome: { verdict: 'unknown', code: 'ambiguous-path' } });
    if (!located.ok) expect(located.outcome.reason).toBe('util.py matches 3 files at feedfac: backend/app/util.py, frontend/app/util.py, scripts/util.py; cite the full path');
    expect(at('app/util.py')).toMatchObject({ ok: false, outcome: { code: 'ambiguous-path', reason: expect.stringContaining('matches 2 files') } });
    expect(at('x/deep.py')).toMatchObject({ ok: false, outcome: { code: 'ambiguous-path' } });
  });

  it('lists at most five candidates', () => {
    const many: SnapshotSpec = { files: Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((d) => [`${d}/x.py`, ''])) };
    const located = at('x.py', undefined, many);
    if (located.ok) throw new Error('located');
    expect(located.outcome.reason).toBe('x.py matches 7 files at feedfac: a/x.py, b/x.py, c/x.py, d/x.py, e/x.py, ...; cite the full path');
  });

  it('takes the candidate the plan cites in full elsewhere', () => {
    expect(at('util.py', ['frontend/app/util.py'])).toMatchObject({ ok: true, path: 'frontend/app/util.py' });
    expect(at('util.py', ['frontend/app/util.py', 'scripts/util.py'])).toMatchObject({ ok: false, outcome: { code: 'ambiguous-path', reason: expect.stringContaining('matches 2 files') } });
    expect(at('util.py', ['unrelated/util.py'])).toMatchObject({ ok: false, outcome: { code: 'ambiguous-path', reason: expect.stringContaining('matches 3 files') } });
  });

  it('learns the full paths from the other claims of the plan', () => {
    const item = itemOf([fileClaim('scripts/util.py'), fileClaim('util.py')]);
    const context = contextOf(snapshotOf(tree), { item });
    expect([...context.planPaths]).toEqual(['scripts/util.py']);
    expect(locate({ raw: 'util.py', base: 'root' }, undefined, context)).toMatchObject({ ok: true, path: 'scripts/util.py' });
  });

  it('never resolves a path with a leading slash by its tail', () => {
    expect(at('/gemini.py')).toMatchObject({ ok: false, outcome: { verdict: 'unverified', code: 'file-not-found' } });
    expect(at('/app/gemini.py')).toMatchObject({ ok: false, outcome: { verdict: 'unverified', code: 'file-not-found' } });
  });

  it('does not resolve a name that is a folder, and refuses a symbolic link it resolves to', () => {
    expect(at('app')).toMatchObject({ ok: false, outcome: { code: 'file-not-found' } });
    expect(at('linked.py')).toMatchObject({ ok: false, outcome: { verdict: 'unverified', code: 'not-a-regular-file', reason: expect.stringContaining('links/linked.py is a symbolic link') } });
  });

  it('is unknown about a path inside a submodule, rather than resolving it elsewhere', () => {
    expect(at('vendor/lib/gemini.py')).toMatchObject({ ok: false, outcome: { verdict: 'unknown', code: 'inside-submodule' } });
  });

  it('resolves names in the tree of a pinned commit, not at the ref', () => {
    const PINNED = '0123456789abcdef0123456789abcdef01234567';
    const spec: SnapshotSpec = { ...tree, commits: { [PINNED]: {} }, pinned: { [PINNED]: { files: { 'old/place/gemini.py': '' } } } };
    expect(locate({ raw: 'gemini.py', base: 'root' }, { sha: PINNED }, contextOf(snapshotOf(spec)))).toMatchObject({ ok: true, commit: PINNED, path: 'old/place/gemini.py' });
  });
});
