import { describe, expect, it } from '@jest/globals';
import { evidenceCommit, locate } from '../../../src/verify/checks/evidence.js';
import { REF, snapshotOf, type SnapshotSpec } from '../../helpers/snapshot.js';
import { contextOf, fileClaim, rangeClaim } from '../claims.js';

const PIN = '0123456789abcdef0123456789abcdef01234567';
const SHORT_PIN = '0123456';
const pinned = (sha: string, repository = 'acme/widgets') => ({ pin: { sha, repository } });

function locateIn(spec: SnapshotSpec, claim = fileClaim('src/a.ts', pinned(PIN))) {
  return locate(claim, contextOf(snapshotOf(spec)));
}

describe('evidenceCommit', () => {
  it('reads unpinned evidence at the ref', () => {
    expect(evidenceCommit(fileClaim('src/a.ts'), REF)).toBe(REF);
    expect(evidenceCommit(fileClaim('src/a.ts', { pin: { repository: 'acme/widgets' } }), REF)).toBe(REF);
  });

  it('reads a permalink at its pinned commit, as written', () => {
    expect(evidenceCommit(fileClaim('src/a.ts', pinned(SHORT_PIN)), REF)).toBe(SHORT_PIN);
    expect(evidenceCommit(rangeClaim('src/a.ts', 1, 2, pinned(PIN)), REF)).toBe(PIN);
  });
});

describe('locate', () => {
  const atRef: SnapshotSpec = { files: { 'src/a.ts': 'a\n' } };

  it('finds a regular file at the ref, with its tree entry', () => {
    const located = locate(fileClaim('src/a.ts'), contextOf(snapshotOf(atRef)));
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
    const located = locate(fileClaim('../a.ts', pinned(PIN, 'someone/else')), contextOf(snapshotOf({ repositories: ['acme/widgets'] })));
    expect(located).toMatchObject({ ok: false, outcome: { verdict: 'unverified', code: 'path-outside-repo' } });
  });

  it('takes only regular-file modes as files: a tree entry with any other mode is not one', () => {
    const located = locate(fileClaim('src/lib'), contextOf(snapshotOf({ oddModes: { 'src/lib': '040000' } })));
    expect(located).toMatchObject({ ok: false, outcome: { verdict: 'unverified', code: 'not-a-regular-file' } });
    if (!located.ok) expect(located.outcome.reason).toContain('040000');
  });
});
