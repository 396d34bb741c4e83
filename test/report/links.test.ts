import { describe, expect, it } from '@jest/globals';
import {
  blobUrl,
  clip,
  clipBytes,
  code,
  encodePath,
  evidenceLabel,
  evidenceUrl,
  fit,
  headline,
  inline,
  lineFragment,
  more,
  planLineUrl,
} from '../../src/report/links.js';

const SHA = 'feedfacefeedfacefeedfacefeedfacefeedface';

describe('permalinks', () => {
  it('link a range, one line, or the whole file', () => {
    expect(blobUrl('acme/widgets', SHA, 'src/a.ts', 9, 99)).toBe(`https://github.com/acme/widgets/blob/${SHA}/src/a.ts#L9-L99`);
    expect(blobUrl('acme/widgets', SHA, 'src/a.ts', 7, 7)).toBe(`https://github.com/acme/widgets/blob/${SHA}/src/a.ts#L7`);
    expect(blobUrl('acme/widgets', SHA, 'src/a.ts', 7)).toBe(`https://github.com/acme/widgets/blob/${SHA}/src/a.ts#L7`);
    expect(blobUrl('acme/widgets', SHA, 'src/a.ts')).toBe(`https://github.com/acme/widgets/blob/${SHA}/src/a.ts`);
  });

  it('encode each path segment but keep the slashes', () => {
    expect(encodePath('docs/my notes/a#b?c%d.ts')).toBe('docs/my%20notes/a%23b%3Fc%25d.ts');
    expect(encodePath('src/(group)/page[id].tsx')).toBe('src/%28group%29/page%5Bid%5D.tsx');
    expect(encodePath('src/ünï/кот.py')).toBe('src/%C3%BCn%C3%AF/%D0%BA%D0%BE%D1%82.py');
    expect(encodePath('/src/a.ts')).toBe('src/a.ts');
    expect(blobUrl('acme/widgets', SHA, 'a b/c.ts', 1, 2)).toBe(`https://github.com/acme/widgets/blob/${SHA}/a%20b/c.ts#L1-L2`);
  });

  it('ask for the source of rendered files (Markdown...) so the line anchor works, only with lines', () => {
    expect(blobUrl('acme/widgets', SHA, 'docs/PLAN.md', 15)).toBe(`https://github.com/acme/widgets/blob/${SHA}/docs/PLAN.md?plain=1#L15`);
    expect(blobUrl('acme/widgets', SHA, 'docs/guide.rst', 2, 4)).toBe(`https://github.com/acme/widgets/blob/${SHA}/docs/guide.rst?plain=1#L2-L4`);
    expect(blobUrl('acme/widgets', SHA, 'docs/PLAN.md')).toBe(`https://github.com/acme/widgets/blob/${SHA}/docs/PLAN.md`);
    expect(blobUrl('acme/widgets', SHA, 'plans/plan.yml', 3)).toBe(`https://github.com/acme/widgets/blob/${SHA}/plans/plan.yml#L3`);
  });

  it('link evidence at its own commit, and plan lines at the given sha', () => {
    const pin = '0123456789abcdef0123456789abcdef01234567';
    expect(evidenceUrl('acme/widgets', { path: 'src/old.ts', commit: pin, start: 1, end: 2 })).toBe(
      `https://github.com/acme/widgets/blob/${pin}/src/old.ts#L1-L2`,
    );
    expect(evidenceUrl('acme/widgets', { path: 'src/old.ts', commit: pin })).toBe(`https://github.com/acme/widgets/blob/${pin}/src/old.ts`);
    expect(planLineUrl('acme/widgets', SHA, 'docs/PLAN.md', 12)).toBe(`https://github.com/acme/widgets/blob/${SHA}/docs/PLAN.md?plain=1#L12`);
  });

  it('label evidence like the plans write it', () => {
    expect(evidenceLabel({ path: 'src/a.ts', commit: SHA, start: 9, end: 99 })).toBe('src/a.ts:L9-L99');
    expect(evidenceLabel({ path: 'src/a.ts', commit: SHA, start: 4, end: 4 })).toBe('src/a.ts:L4');
    expect(evidenceLabel({ path: 'src/a.ts', commit: SHA })).toBe('src/a.ts');
    expect(lineFragment()).toBe('');
  });
});

describe('escaping', () => {
  it('keeps plan text from breaking tables, injecting HTML or Markdown, or mentioning people', () => {
    expect(inline('a | b')).toBe('a \\| b');
    expect(inline('first\r\n  second\nthird')).toBe('first second third');
    expect(inline('<script>alert(1)</script> & co')).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(inline('**bold** _it_ [x](http://e.vil) `c` ~~s~~ back\\slash')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\[x\\](http://e.vil) \\`c\\` \\~\\~s\\~\\~ back\\\\slash',
    );
    expect(inline('ask @alice and @acme/team')).toBe('ask @&#8203;alice and @&#8203;acme/team');
  });

  it('clips long plan text before escaping', () => {
    expect(inline('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('puts plan text in code spans fenced past its own backticks', () => {
    expect(code('src/a.ts:L1-L5')).toBe('`src/a.ts:L1-L5`');
    expect(code('a `b` c')).toBe('``a `b` c``');
    expect(code('`x`')).toBe('`` `x` ``');
    expect(code('a ``` b')).toBe('````a ``` b````');
    expect(code('line one\n  line two')).toBe('`line one line two`');
    expect(code('<img src=x onerror=alert(1)>')).toBe('`<img src=x onerror=alert(1)>`');
    expect(code('')).toBe('` `');
    expect(code(' x ')).toBe('`  x  `');
  });

  it('clips by characters and by UTF-8 bytes without splitting a character', () => {
    expect(clip('abcdef', 6)).toBe('abcdef');
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('ab😀cd', 3)).toBe('ab…');
    expect(clip('ab😀cd', 4)).toBe('ab…');
    expect(clipBytes('héllo', 6)).toBe('héllo');
    expect(clipBytes('ééééé', 7)).toBe('éé…');
    expect(Buffer.byteLength(clipBytes('😀'.repeat(100), 50))).toBeLessThanOrEqual(50);
  });
});

describe('headline and counts', () => {
  it('gives every count', () => {
    expect(headline({ items: 9, claims: 42, verified: 38, unverified: 3, unknown: 1 })).toBe('38/42 claims verified · 3 unverified · 1 unknown');
    expect(headline({ items: 0, claims: 0, verified: 0, unverified: 0, unknown: 0 })).toBe('0/0 claims verified · 0 unverified · 0 unknown');
    expect(more(1, 'claim')).toBe('1 more claim');
    expect(more(2, 'claim')).toBe('2 more claims');
  });
});

describe('fit', () => {
  const note = (n: number): string => `… ${n} more`;
  const blocks = ['aaaa', 'bbbb', 'cccc', 'dddd', 'eeee', 'ffff'].map((text) => ({ text, count: 1 }));

  it('returns everything when it fits', () => {
    expect(fit('head', blocks, 34, note)).toBe('head\naaaa\nbbbb\ncccc\ndddd\neeee\nffff');
    expect(fit('', blocks, 29, note)).toBe('aaaa\nbbbb\ncccc\ndddd\neeee\nffff');
    expect(fit('head', [], 4, note)).toBe('head');
  });

  it('stops at a block boundary and ends with the note, within the limit', () => {
    // head\naaaa\nbbbb = 14, + "\n\n… 4 more" (10) = 24
    expect(fit('head', blocks, 24, note)).toBe('head\naaaa\nbbbb\n\n… 4 more');
    expect(fit('head', blocks, 28, note)).toBe('head\naaaa\nbbbb\n\n… 4 more');
    expect(fit('head', blocks, 23, note)).toBe('head\naaaa\n\n… 5 more');
    expect(fit('', blocks, 19, note)).toBe('aaaa\nbbbb\n\n… 4 more');
    expect(fit('', blocks, 5, note)).toBe('… 6 more');
  });

  it('counts what blocks show, not the blocks', () => {
    const weighted = [
      { text: 'x'.repeat(10), count: 3 },
      { text: 'y'.repeat(10), count: 0 },
    ];
    expect(fit('h', weighted, 22, note)).toBe(`h\n${'x'.repeat(10)}\n\n… 0 more`);
    expect(fit('h', weighted, 12, note)).toBe('h\n\n… 3 more');
  });

  it('never passes the limit, even when the head alone does not fit', () => {
    const out = fit('h'.repeat(100), blocks, 50, note);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out.endsWith('\n\n… 6 more')).toBe(true);
  });
});
