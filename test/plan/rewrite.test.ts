import { describe, expect, it } from '@jest/globals';
import { applyRangeFixes, rewriteRangeText } from '../../src/plan/rewrite.js';

describe('rewriteRangeText', () => {
  it.each([
    ['src/a.py:L10-L20', 12, 22, 'src/a.py:L12-L22'],
    ['src/a.py:L10-13', 12, 15, 'src/a.py:L12-15'],
    ['src/a.py:10-20', 12, 22, 'src/a.py:12-22'],
    ['src/a.py:10–20', 12, 22, 'src/a.py:12–22'],
    ['src/a.py#L10-L20', 12, 22, 'src/a.py#L12-L22'],
    ['src/a.py:L16', 18, 18, 'src/a.py:L18'],
    ['src/a.py:81', 90, 95, 'src/a.py:90-95'],
    ['src/a.py:L5', 7, 9, 'src/a.py:L7-L9'],
    ['src/a.py:L10-L20', 14, 14, 'src/a.py:L14'],
    ['../src/x.py#L5', 6, 6, '../src/x.py#L6'],
    ['https://github.com/o/r/blob/main/a.py#L10-L20', 11, 21, 'https://github.com/o/r/blob/main/a.py#L11-L21'],
  ])('%s → lines %i-%i → %s', (text, start, end, expected) => {
    expect(rewriteRangeText(text, start, end)).toBe(expected);
  });

  it('gives null for text without a range', () => {
    expect(rewriteRangeText('src/a.py', 1, 2)).toBeNull();
    expect(rewriteRangeText('commit abc', 1, 2)).toBeNull();
  });
});

describe('applyRangeFixes', () => {
  const plan = '\uFEFF# Plan\r\n- **File:** `src/a.py:L10-L20` and `src/b.py:L1-L2`  \r\n- [x.py](x.py#L5)\r\n';

  it('rewrites only the fixed ranges, keeping every other byte (BOM, CRLF, trailing spaces)', () => {
    const { text, applied } = applyRangeFixes(plan, [
      { line: 2, column: 15, text: 'src/a.py:L10-L20', start: 13, end: 23 },
      { line: 3, column: 3, text: 'x.py#L5', start: 7, end: 7 },
    ]);
    expect(text).toBe('\uFEFF# Plan\r\n- **File:** `src/a.py:L13-L23` and `src/b.py:L1-L2`  \r\n- [x.py](x.py#L7)\r\n');
    expect(applied).toEqual([
      { line: 2, before: 'src/a.py:L10-L20', after: 'src/a.py:L13-L23' },
      { line: 3, before: 'x.py#L5', after: 'x.py#L7' },
    ]);
  });

  it('applies two fixes on one line, right to left, and skips fixes whose text is not there', () => {
    const { text, applied } = applyRangeFixes(plan, [
      { line: 2, column: 15, text: 'src/a.py:L10-L20', start: 100, end: 120 },
      { line: 2, column: 40, text: 'src/b.py:L1-L2', start: 3, end: 4 },
      { line: 9, column: 1, text: 'nowhere.py:L1', start: 2, end: 2 },
      { line: 1, column: 1, text: 'src/c.py:L1', start: 2, end: 2 },
    ]);
    expect(text.split('\r\n')[1]).toBe('- **File:** `src/a.py:L100-L120` and `src/b.py:L3-L4`  ');
    expect(applied.map((a) => a.after)).toEqual(['src/b.py:L3-L4', 'src/a.py:L100-L120']);
  });
});
