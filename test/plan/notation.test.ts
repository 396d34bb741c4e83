import { describe, expect, it } from '@jest/globals';
import {
  cleanToken,
  isCommitId,
  isEmptyValue,
  isUnfilled,
  looksLikeCommitId,
  looksLikePath,
  looksLikeProsePath,
  parseGitHubUrl,
  parseLocalLink,
  parseLocation,
} from '../../src/plan/notation.js';

const SHA40 = '0123456789abcdef0123456789abcdef01234567';

describe('parseLocation', () => {
  it.each([
    ['src/a.py:L23-L67', 'src/a.py', 23, 67],
    ['src/a.py:L10-13', 'src/a.py', 10, 13],
    ['src/a.py:23-67', 'src/a.py', 23, 67],
    ['src/a.py#L23-L67', 'src/a.py', 23, 67],
    ['src/a.py:23–67', 'src/a.py', 23, 67], // en dash
    ['src/a.py:23—67', 'src/a.py', 23, 67], // em dash
    ['src/a.py:L23 - L67', 'src/a.py', 23, 67],
    ['src/a.py#L5C3-L9C2', 'src/a.py', 5, 9], // GitHub column anchors are dropped
    ['src/a.py#L3-7', 'src/a.py', 3, 7],
  ])('reads the range in %s', (token, path, start, end) => {
    expect(parseLocation(token)).toEqual({ path, start, end });
  });

  it.each([
    ['src/a.py:L16', 16],
    ['src/a.py:81', 81],
    ['src/a.py#L7', 7],
  ])('reads the single line in %s as a one-line range', (token, line) => {
    expect(parseLocation(token)).toEqual({ path: 'src/a.py', start: line, end: line });
  });

  it('keeps a leading slash and `..` segments raw: resolution happens later', () => {
    expect(parseLocation('/backend/app/x.py:L1-L2')).toEqual({ path: '/backend/app/x.py', start: 1, end: 2 });
    expect(parseLocation('../outside/x.py')).toEqual({ path: '../outside/x.py' });
    expect(parseLocation('src/../../etc/passwd')).toEqual({ path: 'src/../../etc/passwd' });
  });

  it('reads a bare path without a range', () => {
    expect(parseLocation('backend/app/webhooks/security.py')).toEqual({ path: 'backend/app/webhooks/security.py' });
    expect(parseLocation('Makefile.am')).toEqual({ path: 'Makefile.am' });
    expect(parseLocation('src/lib')).toEqual({ path: 'src/lib' });
  });

  it('trims the token before reading it', () => {
    expect(parseLocation('  src/a.py:L2  ')).toEqual({ path: 'src/a.py', start: 2, end: 2 });
  });

  it.each([
    'e.g.',
    '1.2.3',
    'README', // no folder, no extension
    'a b.py', // a space is not part of a path
    'http://example.com/a.py',
    'src/a.py:abc', // the suffix is not a range, and `:` is not a path character
    'src/a.py#section', // an anchor that is not a line
    'src/a.py:23-', // an unfinished range
    ':23',
    'C:\\x.py',
    '',
  ])('returns null for %j', (token) => {
    expect(parseLocation(token)).toBeNull();
  });

  it('does not validate the numbers: inverted and zero ranges are the checker\'s business', () => {
    expect(parseLocation('a.py:L67-L23')).toEqual({ path: 'a.py', start: 67, end: 23 });
    expect(parseLocation('a.py:0')).toEqual({ path: 'a.py', start: 0, end: 0 });
  });
});

describe('looksLikePath / looksLikeProsePath', () => {
  it('accepts paths with a folder or an extension', () => {
    expect(looksLikePath('src/a')).toBe(true);
    expect(looksLikePath('a.ts')).toBe(true);
    expect(looksLikePath('/abs/x.py')).toBe(true);
    expect(looksLikePath('@scope/pkg')).toBe(true);
  });

  it('rejects numbers, abbreviations, URLs and over-long text', () => {
    expect(looksLikePath('3.14')).toBe(false);
    expect(looksLikePath('e.g')).toBe(false);
    expect(looksLikePath('i.e')).toBe(false);
    expect(looksLikePath('etc')).toBe(false);
    expect(looksLikePath('https://github.com/o/r')).toBe(false);
    expect(looksLikePath(`src/${'a'.repeat(5000)}.ts`)).toBe(false);
    expect(looksLikePath('')).toBe(false);
  });

  it('asks more of a path met in prose: a folder and an extension, no package scope', () => {
    expect(looksLikeProsePath('src/foo/bar.ts')).toBe(true);
    expect(looksLikeProsePath('Node.js')).toBe(false);
    expect(looksLikeProsePath('and/or')).toBe(false);
    expect(looksLikeProsePath('TCP/IP')).toBe(false);
    expect(looksLikeProsePath('@scope/pkg/x.js')).toBe(false);
    expect(looksLikeProsePath('README.md')).toBe(false);
  });
});

describe('isCommitId / looksLikeCommitId', () => {
  it('takes 7 to 40 hex digits, in either case, as a commit id', () => {
    expect(isCommitId('a1b2c3d')).toBe(true);
    expect(isCommitId('ABCDEF1')).toBe(true);
    expect(isCommitId(SHA40)).toBe(true);
  });

  it('rejects too short, too long and non-hex ids', () => {
    expect(isCommitId('a1b2c3')).toBe(false);
    expect(isCommitId(`${SHA40}8`)).toBe(false);
    expect(isCommitId('g1b2c3d')).toBe(false);
    expect(isCommitId('a1b2c3d ')).toBe(false);
  });

  it('still recognises a 41-digit run as meant to be a commit id (so that it can be rejected)', () => {
    expect(looksLikeCommitId(`${SHA40}8`)).toBe(true);
    expect(looksLikeCommitId('a1b2c3')).toBe(false);
    expect(looksLikeCommitId('a1b2c3g')).toBe(false);
  });
});

describe('isUnfilled', () => {
  it.each([
    '[commit-hash]',
    '[ID]',
    '<sha>',
    '{file}',
    'LXX-LYY',
    '/path:LXX-LYY',
    'x.py:LXX',
    '/path/to/file.py',
    'path/to',
    '/path',
    'XX',
    'NN',
    '+XX/-YY',
    'YYYY-MM-DD',
    'TBD',
    '???',
  ])('takes %j as template text', (text) => {
    expect(isUnfilled(text)).toBe(true);
  });

  it.each(['src/a.py', 'src/path/tool.py', 'path.py', 'XXL', 'LINUX', 'max', 'X', 'a1b2c3d', ''])(
    'takes %j as real text',
    (text) => {
      expect(isUnfilled(text)).toBe(false);
    },
  );
});

describe('isEmptyValue', () => {
  it.each(['', '  ', 'N/A', 'n/a', 'none', 'None', '-', '---', '—', '–', '...', '…'])('%j says nothing', (text) => {
    expect(isEmptyValue(text)).toBe(true);
  });

  it.each(['x', '0', 'src/a.py', 'no'])('%j says something', (text) => {
    expect(isEmptyValue(text)).toBe(false);
  });
});

describe('cleanToken', () => {
  it.each([
    ['`a.py`,', 'a.py'],
    ['"a.py".', 'a.py'],
    ['“a.py”', 'a.py'],
    ["'a.py'", 'a.py'],
    ['(a.py)', 'a.py'],
    ['a.py:', 'a.py'],
    ['x).', 'x'],
    ['(see', 'see'],
  ])('unwraps %j to %j', (token, clean) => {
    expect(cleanToken(token)).toBe(clean);
  });

  it('keeps balanced parentheses that belong to the token', () => {
    expect(cleanToken('f(x)')).toBe('f(x)');
    expect(cleanToken('fn()')).toBe('fn()');
  });

  it('keeps a range suffix intact', () => {
    expect(cleanToken('`src/a.py:L1-L2`;')).toBe('src/a.py:L1-L2');
  });
});

describe('parseGitHubUrl', () => {
  it('reads a blob permalink with its commit, path and range', () => {
    expect(parseGitHubUrl(`https://github.com/o/r/blob/${SHA40}/src/p.ts#L10-L20`)).toEqual({
      type: 'blob',
      repository: 'o/r',
      ref: SHA40,
      path: 'src/p.ts',
      start: 10,
      end: 20,
    });
  });

  it('reads a branch blob link, one line or none', () => {
    expect(parseGitHubUrl('https://github.com/o/r/blob/main/src/q.ts#L3')).toEqual({
      type: 'blob',
      repository: 'o/r',
      ref: 'main',
      path: 'src/q.ts',
      start: 3,
      end: 3,
    });
    expect(parseGitHubUrl('https://github.com/o/r/blob/main/src/q.ts')).toEqual({
      type: 'blob',
      repository: 'o/r',
      ref: 'main',
      path: 'src/q.ts',
    });
  });

  it('reads the range of a rendered-file link (`?plain=1#L5`) and column anchors', () => {
    expect(parseGitHubUrl('https://github.com/o/r/blob/main/README.md?plain=1#L5-L8')).toMatchObject({ path: 'README.md', start: 5, end: 8 });
    expect(parseGitHubUrl('https://github.com/o/r/blob/main/x.ts#L5C2-L7C1')).toMatchObject({ start: 5, end: 7 });
  });

  it('decodes the path', () => {
    expect(parseGitHubUrl('https://github.com/o/r/blob/main/a%20b.ts')).toMatchObject({ path: 'a b.ts' });
  });

  it('reads commit URLs, from a repository or a pull request, lower-casing the sha', () => {
    expect(parseGitHubUrl('https://github.com/o/r/commit/abcdef1')).toEqual({ type: 'commit', repository: 'o/r', sha: 'abcdef1' });
    expect(parseGitHubUrl(`https://github.com/o/r/pull/12/commits/${SHA40}`)).toEqual({
      type: 'commit',
      repository: 'o/r',
      sha: SHA40,
    });
    expect(parseGitHubUrl('https://ghe.example.com/team/app/commit/ABCDEF1')).toEqual({
      type: 'commit',
      repository: 'team/app',
      sha: 'abcdef1',
    });
  });

  it.each([
    'https://github.com/o/r/commit/xyz',
    'https://github.com/o/r/commit/abc123', // too short to be meant as a commit
    'https://github.com/o/r/tree/main/src',
    'https://github.com/o/r/pull/12',
    'https://github.com/o/r/blob/main',
    'https://github.com/o/r',
    'ftp://github.com/o/r/commit/abcdef1',
    'src/a.py',
    'not a url',
  ])('returns null for %s', (url) => {
    expect(parseGitHubUrl(url)).toBeNull();
  });
});

describe('parseGitHubUrl: hex of the wrong length', () => {
  it('keeps a 41-digit sha in a commit URL, whole, for the checker to refuse', () => {
    expect(parseGitHubUrl(`https://github.com/o/r/commit/${SHA40}8`)).toEqual({ type: 'commit', repository: 'o/r', sha: `${SHA40}8` });
    expect(parseGitHubUrl(`https://github.com/o/r/pull/3/commits/${SHA40}8`)).toEqual({ type: 'commit', repository: 'o/r', sha: `${SHA40}8` });
  });
});

describe('parseLocalLink', () => {
  it('reads a relative link with a line range', () => {
    expect(parseLocalLink('src/x.py#L5')).toEqual({ path: 'src/x.py', start: 5, end: 5 });
    expect(parseLocalLink('../src/x.py#L5-L9')).toEqual({ path: '../src/x.py', start: 5, end: 9 });
    expect(parseLocalLink('x.py#L3-7')).toEqual({ path: 'x.py', start: 3, end: 7 });
  });

  it('reads the range after a query string, as GitHub writes `?plain=1#L3`', () => {
    expect(parseLocalLink('x.py?plain=1#L3')).toEqual({ path: 'x.py', start: 3, end: 3 });
    expect(parseLocalLink('x.py?plain=1')).toEqual({ path: 'x.py' });
  });

  it('decodes the path and ignores an anchor that is not a line', () => {
    expect(parseLocalLink('a%20b.py#L2')).toEqual({ path: 'a b.py', start: 2, end: 2 });
    expect(parseLocalLink('docs/guide.md#intro')).toEqual({ path: 'docs/guide.md' });
    expect(parseLocalLink('%E0%A4%A.py')).toEqual({ path: '%E0%A4%A.py' }); // bad escape: kept as written
  });

  it.each(['', '#anchor', 'https://example.com/x.py', 'mailto:a@b.c', '?q=1'])('returns null for %j', (url) => {
    expect(parseLocalLink(url)).toBeNull();
  });
});
