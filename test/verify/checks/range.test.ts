import { describe, expect, it } from '@jest/globals';
import { checkRange } from '../../../src/verify/checks/range.js';
import { lines, snapshotOf, type SnapshotSpec } from '../../helpers/snapshot.js';
import { contextOf, rangeClaim } from '../claims.js';

const PIN = '0123456789abcdef0123456789abcdef01234567';

const repo: SnapshotSpec = {
  files: {
    'src/a.ts': lines(10),
    'src/no-final-newline.ts': 'one\ntwo\nthree',
    'src/empty.ts': '',
  },
  binaries: ['assets/logo.png'],
  symlinks: { 'src/link.ts': 'a.ts' },
  submodules: ['vendor/lib'],
};

function check(raw: string, start: number, end: number, spec: SnapshotSpec = repo, options: Parameters<typeof rangeClaim>[3] = {}, planPath = 'PLAN.md') {
  return checkRange(rangeClaim(raw, start, end, options), contextOf(snapshotOf(spec), { planPath }));
}

describe('checkRange: verified', () => {
  it.each([
    [1, 10],
    [1, 1],
    [10, 10],
    [3, 7],
  ])('verifies lines %i-%i of a 10-line file', (start, end) => {
    const outcome = check('src/a.ts', start, end);
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'range-exists' });
    expect(outcome.reason).toContain('(10 lines)');
  });

  it('counts a last line without a newline', () => {
    expect(check('src/no-final-newline.ts', 3, 3)).toMatchObject({ verdict: 'verified', code: 'range-exists' });
    expect(check('src/no-final-newline.ts', 4, 4)).toMatchObject({ verdict: 'unverified', code: 'range-out-of-bounds' });
  });

  it('says "line N" for a one-line range', () => {
    expect(check('src/a.ts', 4, 4).reason).toMatch(/^line 4 of src\/a\.ts exist/);
  });

  it('reads a permalinked range in the file at its pinned commit', () => {
    const spec: SnapshotSpec = { files: { 'src/a.ts': lines(2) }, commits: { [PIN]: {} }, pinned: { [PIN]: { files: { 'src/a.ts': lines(50) } } } };
    expect(check('src/a.ts', 40, 50, spec, { pin: { sha: PIN } })).toMatchObject({ verdict: 'verified', code: 'range-exists' });
  });

  it('resolves a plan-relative link target from the plan folder', () => {
    expect(check('../src/a.ts', 2, 3, repo, { base: 'plan' }, 'docs/PLAN.md')).toMatchObject({ verdict: 'verified', code: 'range-exists' });
  });
});

describe('checkRange: unverified', () => {
  it('reports lines past the end of the file', () => {
    const outcome = check('src/a.ts', 5, 11);
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'range-out-of-bounds' });
    expect(outcome.reason).toBe('cites lines 5-11 but src/a.ts has 10 lines at feedfac');
  });

  it('reports any line of an empty file as out of bounds', () => {
    expect(check('src/empty.ts', 1, 1)).toMatchObject({ verdict: 'unverified', code: 'range-out-of-bounds' });
  });

  it('reports a range at the ref that only the pinned file would hold', () => {
    const spec: SnapshotSpec = { files: { 'src/a.ts': lines(50) }, commits: { [PIN]: {} }, pinned: { [PIN]: { files: { 'src/a.ts': lines(2) } } } };
    expect(check('src/a.ts', 40, 50, spec, { pin: { sha: PIN } })).toMatchObject({ verdict: 'unverified', code: 'range-out-of-bounds' });
  });

  it.each([
    [0, 5, 'start at 1'],
    [0, 0, 'start at 1'],
    [-3, 2, 'start at 1'],
    [1.5, 2, 'whole numbers'],
    [Number.NaN, 2, 'whole numbers'],
    [7, 3, 'ends before it starts'],
    [1, 2 ** 31, 'up to 2147483647'],
    [1, 2 ** 31 + 1, 'up to 2147483647'],
    [2 ** 31 + 1, 2 ** 31 + 5, 'up to 2147483647'],
    [1, Number.MAX_SAFE_INTEGER + 2, 'up to 2147483647'],
    [1, 1e20, 'up to 2147483647'],
    [1, Number.POSITIVE_INFINITY, 'whole numbers'],
  ])('refuses the range %d-%d as invalid (%s)', (start, end, words) => {
    const outcome = check('src/a.ts', start, end);
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'invalid-range' });
    expect(outcome.reason).toContain(words);
  });

  it('accepts the largest line number as a line number, and finds it out of bounds', () => {
    expect(check('src/a.ts', 1, 2 ** 31 - 1)).toMatchObject({ verdict: 'unverified', code: 'range-out-of-bounds' });
  });

  it('judges an invalid range invalid even where the source is unavailable', () => {
    expect(check('src/a.ts', 1, 2 ** 40, { ...repo, noTree: true })).toMatchObject({ verdict: 'unverified', code: 'invalid-range' });
  });

  it('refuses a binary file: it has no lines to cite', () => {
    const outcome = check('assets/logo.png', 1, 1);
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'binary-file' });
    expect(outcome.reason).toContain('binary');
  });

  it.each([
    ['src/link.ts', 'symbolic link'],
    ['vendor/lib', 'submodule'],
    ['src', 'folder'],
  ])('refuses %s: not a regular file (%s)', (raw, what) => {
    const outcome = check(raw, 1, 1);
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'not-a-regular-file' });
    expect(outcome.reason).toContain(what);
  });

  it('reports a missing file', () => {
    expect(check('src/b.ts', 1, 2)).toMatchObject({ verdict: 'unverified', code: 'file-not-found' });
  });

  it('refuses paths that leave the repository', () => {
    expect(check('../x.ts', 1, 2)).toMatchObject({ verdict: 'unverified', code: 'path-outside-repo' });
    expect(check('../../x.ts', 1, 2, repo, { base: 'plan' }, 'docs/PLAN.md')).toMatchObject({ verdict: 'unverified', code: 'path-outside-repo' });
  });

  it('refuses a range pinned to a commit that does not exist or is not in the history', () => {
    expect(check('src/a.ts', 1, 2, { ...repo, commits: { [PIN]: 'missing' } }, { pin: { sha: PIN } })).toMatchObject({
      verdict: 'unverified',
      code: 'commit-not-found',
    });
    expect(check('src/a.ts', 1, 2, { ...repo, commits: { [PIN]: { reachable: false } }, pinned: { [PIN]: repo } }, { pin: { sha: PIN } })).toMatchObject({
      verdict: 'unverified',
      code: 'commit-not-reachable',
    });
  });
});

describe('checkRange: unknown', () => {
  it('is unknown when the file content was never read', () => {
    const outcome = check('src/a.ts', 1, 2, { ...repo, unread: ['src/a.ts'] });
    expect(outcome).toMatchObject({ verdict: 'unknown', code: 'source-unavailable' });
    expect(outcome.reason).toContain('could not be read');
  });

  it('is unknown when the file content could not be read', () => {
    const outcome = check('src/a.ts', 1, 2, { ...repo, unreadable: ['src/a.ts'] });
    expect(outcome).toMatchObject({ verdict: 'unknown', code: 'source-unavailable' });
    expect(outcome.reason).toContain('unreadable');
  });

  it('is unknown when the tree could not be listed', () => {
    expect(check('src/a.ts', 1, 2, { ...repo, error: 'no tree' })).toMatchObject({ verdict: 'unknown', code: 'source-unavailable' });
    expect(check('src/a.ts', 1, 2, { ...repo, noTree: true })).toMatchObject({ verdict: 'unknown', code: 'source-unavailable' });
  });

  it('is unknown when the pinned file content is missing, even though the ref has it', () => {
    const spec: SnapshotSpec = { ...repo, commits: { [PIN]: {} }, pinned: { [PIN]: { files: { 'src/a.ts': lines(10) }, unread: ['src/a.ts'] } } };
    expect(check('src/a.ts', 1, 2, spec, { pin: { sha: PIN } })).toMatchObject({ verdict: 'unknown', code: 'source-unavailable' });
  });

  it('is unknown for a permalink into another repository', () => {
    expect(check('src/a.ts', 1, 2, { ...repo, repositories: ['acme/widgets'] }, { pin: { sha: PIN, repository: 'other/repo' } })).toMatchObject({
      verdict: 'unknown',
      code: 'foreign-repository',
    });
  });

  it('is unknown, never unverified, for a missing pinned commit in a shallow clone', () => {
    expect(check('src/a.ts', 1, 2, { ...repo, shallow: true, commits: { [PIN]: 'missing' } }, { pin: { sha: PIN } })).toMatchObject({
      verdict: 'unknown',
      code: 'shallow-clone',
    });
  });
});

describe('checkRange: hollow ranges', () => {
  const PY = [
    'import os', // 1
    '', // 2
    '', // 3
    'def charge(amount):', // 4
    '    """Charge the card."""', // 5
    '    # TODO: call the provider', // 6
    '    pass', // 7
    '', // 8
    '', // 9
    'def refund(amount):', // 10
    '    # TODO: partial refunds', // 11
    '    return provider.refund(amount)', // 12
    '', // 13
    '# the end', // 14
    'def log_only():', // 15
    '    log_todo()', // 16
  ].join('\n') + '\n';
  const code: SnapshotSpec = {
    files: {
      'app/pay.py': PY,
      'web/api.ts': 'export function charge(): void {\n  throw new Error("not implemented");\n}\nexport const url = "https://x/y"; // real\n',
      'docs/PLAN.md': '# Plan\n\n\n<!-- TODO -->\n',
    },
  };
  const judge = (raw: string, start: number, end: number, hollow: RegExp[] = []) => checkRange(rangeClaim(raw, start, end), contextOf(snapshotOf(code), { policy: { hollow } }));

  it('reports a stub function as hollow, with or without TODO comments and docstrings', () => {
    const outcome = judge('app/pay.py', 4, 7);
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'hollow-range' });
    expect(outcome.reason).toBe('lines 4-7 of app/pay.py hold no real code: its body is only a stub: `pass`');
    expect(judge('web/api.ts', 1, 3)).toMatchObject({ verdict: 'unverified', code: 'hollow-range', reason: expect.stringContaining('not implemented') });
  });

  it('reports a range of blank lines or comments as hollow', () => {
    expect(judge('app/pay.py', 2, 3)).toMatchObject({ verdict: 'unverified', code: 'hollow-range', reason: 'lines 2-3 of app/pay.py hold no real code: it holds only blank lines' });
    expect(judge('app/pay.py', 13, 14)).toMatchObject({ verdict: 'unverified', code: 'hollow-range', reason: expect.stringContaining('only comments') });
    expect(judge('app/pay.py', 5, 6)).toMatchObject({ verdict: 'unverified', code: 'hollow-range' });
  });

  it('verifies a range with a real signature and real statements, TODO comment and all', () => {
    expect(judge('app/pay.py', 10, 12)).toMatchObject({ verdict: 'verified', code: 'range-exists' });
    expect(judge('app/pay.py', 1, 16)).toMatchObject({ verdict: 'verified', code: 'range-exists' });
  });

  it('verifies a one-line range that points at a signature', () => {
    expect(judge('app/pay.py', 4, 4)).toMatchObject({ verdict: 'verified', code: 'range-exists' });
    expect(judge('web/api.ts', 1, 1)).toMatchObject({ verdict: 'verified', code: 'range-exists' });
  });

  it('does not take a string holding // for a comment', () => {
    expect(judge('web/api.ts', 4, 4)).toMatchObject({ verdict: 'verified', code: 'range-exists' });
  });

  it('applies the configured stub patterns', () => {
    expect(judge('app/pay.py', 15, 16)).toMatchObject({ verdict: 'verified', code: 'range-exists' });
    expect(judge('app/pay.py', 15, 16, [/^log_todo\(\)$/])).toMatchObject({ verdict: 'unverified', code: 'hollow-range', reason: expect.stringContaining('log_todo()') });
  });

  it('never judges a range of a language it cannot read (Markdown) hollow', () => {
    expect(judge('docs/PLAN.md', 2, 4)).toMatchObject({ verdict: 'verified', code: 'range-exists' });
  });

  it('checks the bounds before the code: a range past the end is out of bounds, not hollow', () => {
    expect(judge('app/pay.py', 14, 40)).toMatchObject({ verdict: 'unverified', code: 'range-out-of-bounds' });
  });
});

describe('checkRange: files inside submodules', () => {
  it('is unknown about lines of a file inside a submodule', () => {
    const outcome = check('vendor/lib/src/x.ts', 1, 2);
    expect(outcome).toMatchObject({ verdict: 'unknown', code: 'inside-submodule' });
    expect(outcome.reason).toContain('vendor/lib');
  });
});

describe('checkRange: relevance of the description', () => {
  const filler = Array.from({ length: 70 }, (_, i) => `X_${i + 1} = ${i + 1}`);
  const GEMINI = [
    ...filler,
    'def connect(self):', // 71
    '    self.client = genai.Client(api_key=self.key)', // 72
    '    self.session = self.client.live.connect(', // 73
    '        model=MODEL,', // 74
    '        config=self.config,', // 75
    '    )', // 76
    '    self.connected = True', // 77
    '    log.info("connected")', // 78
    '    return self.session', // 79
    '', // 80
    'def send_audio(chunk):', // 81
    '    """Send through the circuit breaker: five failures open it."""', // 82
    '    return breaker.call(session.send, chunk)', // 83
    '', // 84
    'def pending():', // 85
    '    # TODO: circuit breaker for video', // 86
    '    pass', // 87
  ].join('\n') + '\n';
  const spec: SnapshotSpec = { files: { 'gemini.py': GEMINI, 'docs/guide.md': '# Guide\n\nInstall it.\n\nRun it.\n' } };
  const judge = (raw: string, start: number, end: number, description?: string) =>
    checkRange({ ...rangeClaim(raw, start, end), ...(description === undefined ? {} : { description }) }, contextOf(snapshotOf(spec)));

  it('reports lines that do not mention what the plan says they hold, naming the missing terms', () => {
    const outcome = judge('gemini.py', 71, 79, 'Circuit breaker instantiation');
    expect(outcome).toMatchObject({ verdict: 'unverified', code: 'range-irrelevant', evidence: { path: 'gemini.py', start: 71, end: 79 } });
    expect(outcome.reason).toBe('lines 71-79 of gemini.py do not mention "circuit breaker" (missing: circuit, breaker)');
    expect(judge('gemini.py', 81, 83, '`reconnect()` with circuit breaker')).toMatchObject({
      verdict: 'unverified',
      code: 'range-irrelevant',
      reason: 'lines 81-83 of gemini.py do not mention "reconnect circuit breaker" (missing: reconnect)',
    });
    expect(judge('gemini.py', 72, 72, 'circuit breaker')).toMatchObject({ verdict: 'unverified', code: 'range-irrelevant', reason: expect.stringMatching(/^line 72 of gemini\.py does not mention/) });
  });

  it('verifies lines that mention it, a docstring or comment included', () => {
    const outcome = judge('gemini.py', 81, 83, '`send_audio()` wrapped with circuit breaker');
    expect(outcome).toMatchObject({ verdict: 'verified', code: 'range-exists' });
    expect(outcome.reason).toBe('lines 81-83 of gemini.py exist at feedfac (87 lines)');
    expect(judge('gemini.py', 71, 79, 'Gemini Live session connect')).toMatchObject({ verdict: 'verified', code: 'range-exists' });
  });

  it('gives no relevance verdict without a description, or with nothing distinctive in it', () => {
    expect(judge('gemini.py', 71, 79)).toMatchObject({ verdict: 'verified', code: 'range-exists' });
    expect(judge('gemini.py', 71, 79, 'the implementation, added with support')).toMatchObject({ verdict: 'verified', code: 'range-exists' });
  });

  it('judges the bounds, then hollowness, then relevance', () => {
    expect(judge('gemini.py', 85, 87, 'circuit breaker for video')).toMatchObject({ verdict: 'unverified', code: 'hollow-range' });
    expect(judge('gemini.py', 85, 87, 'webhook signature')).toMatchObject({ verdict: 'unverified', code: 'hollow-range' });
    expect(judge('gemini.py', 85, 90, 'circuit breaker')).toMatchObject({ verdict: 'unverified', code: 'range-out-of-bounds' });
    expect(judge('gemini.py', 80, 80, 'circuit breaker')).toMatchObject({ verdict: 'unverified', code: 'hollow-range' });
  });

  it('judges the relevance of lines in a language claimcheck cannot read for hollowness', () => {
    expect(judge('docs/guide.md', 3, 5, 'installation and running')).toMatchObject({ verdict: 'verified', code: 'range-exists' });
    expect(judge('docs/guide.md', 3, 5, 'webhook secret rotation')).toMatchObject({
      verdict: 'unverified',
      code: 'range-irrelevant',
      reason: 'lines 3-5 of docs/guide.md do not mention "webhook secret rotation" (missing: webhook, secret, rotation)',
    });
  });
});
