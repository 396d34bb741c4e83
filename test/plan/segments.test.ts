import { describe, expect, it } from '@jest/globals';
import type { Paragraph, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { LineIndex, lineText, splitLabel, toLines, type Line } from '../../src/plan/segments.js';

const markdown = unified().use(remarkParse).use(remarkGfm);

/** The segments of the first paragraph of `source`. */
function linesOf(source: string): Line[] {
  const tree = markdown.parse(source) as Root;
  const paragraph = tree.children.find((n): n is Paragraph => n.type === 'paragraph');
  if (!paragraph) throw new Error('no paragraph in test source');
  return toLines(paragraph.children, source);
}

describe('LineIndex', () => {
  it('maps offsets to 1-based lines and columns', () => {
    const index = new LineIndex('ab\ncde\n\nf');
    expect(index.position(0)).toEqual({ line: 1, column: 1 });
    expect(index.position(1)).toEqual({ line: 1, column: 2 });
    expect(index.position(2)).toEqual({ line: 1, column: 3 }); // the newline itself
    expect(index.position(3)).toEqual({ line: 2, column: 1 });
    expect(index.position(5)).toEqual({ line: 2, column: 3 });
    expect(index.position(7)).toEqual({ line: 3, column: 1 });
    expect(index.position(8)).toEqual({ line: 4, column: 1 });
  });

  it('counts columns from the line start with CRLF endings', () => {
    const index = new LineIndex('ab\r\ncd\r\n');
    expect(index.position(4)).toEqual({ line: 2, column: 1 });
    expect(index.position(5)).toEqual({ line: 2, column: 2 });
  });

  it('handles an empty source and a source without newlines', () => {
    expect(new LineIndex('').position(0)).toEqual({ line: 1, column: 1 });
    expect(new LineIndex('x'.repeat(1000)).position(999)).toEqual({ line: 1, column: 1000 });
  });
});

describe('toLines', () => {
  it('keeps text, inline code and links apart, each with its offset in the source', () => {
    const source = 'See `src/a.py:L1` and [docs](docs/x.md#L2) now';
    const [line] = linesOf(source);
    expect(line).toEqual([
      { type: 'text', value: 'See ', offset: 0, exact: true },
      { type: 'code', value: 'src/a.py:L1', offset: source.indexOf('src/a.py'), exact: true },
      { type: 'text', value: ' and ', offset: source.indexOf(' and '), exact: true },
      { type: 'link', value: 'docs', offset: source.indexOf('[docs]'), exact: false, url: 'docs/x.md#L2' },
      { type: 'text', value: ' now', offset: source.indexOf(' now'), exact: true },
    ]);
  });

  it('flattens emphasis into its text', () => {
    const source = '**Target File:** `x.py`';
    const [line] = linesOf(source);
    expect(line!.map((s) => [s.type, s.value, s.offset])).toEqual([
      ['text', 'Target File:', 2],
      ['text', ' ', 16],
      ['code', 'x.py', 18],
    ]);
  });

  it('splits a paragraph into lines at soft and hard breaks', () => {
    const source = 'one `a.py`\ntwo\\\nthree  \nfour';
    const lines = linesOf(source);
    expect(lines.map(lineText)).toEqual(['one a.py', 'two', 'three', 'four']);
    expect(lines[1]![0]!.offset).toBe(source.indexOf('two'));
    expect(lines[3]![0]!.offset).toBe(source.indexOf('four'));
  });

  it('keeps offsets right across CRLF line endings', () => {
    const source = 'first line\r\nsecond `b.py`';
    const lines = linesOf(source);
    expect(lines).toHaveLength(2);
    expect(lines[1]![0]).toMatchObject({ value: 'second ', offset: 12 });
    expect(lines[1]![1]).toMatchObject({ type: 'code', value: 'b.py', offset: source.indexOf('b.py') });
  });

  it('marks text with escapes as inexact and points at the start of its node', () => {
    const source = 'path src/my\\_file.py';
    const [line] = linesOf(source);
    expect(line).toEqual([{ type: 'text', value: 'path src/my_file.py', offset: 0, exact: false }]);
  });

  it('reads a link\'s visible text through its emphasis', () => {
    const [line] = linesOf('[**bold** text](a.py)');
    expect(line).toEqual([{ type: 'link', value: 'bold text', offset: 0, exact: false, url: 'a.py' }]);
  });

  it('points inside a code span with double backticks', () => {
    const source = 'x ``a`b.py`` y';
    const [line] = linesOf(source);
    expect(line![1]).toEqual({ type: 'code', value: 'a`b.py', offset: source.indexOf('a`b'), exact: true });
  });
});

describe('splitLabel', () => {
  it('splits a bold label from its value, the colon inside the emphasis', () => {
    const source = '**Target File:** `x.py`';
    const split = splitLabel(linesOf(source)[0]!);
    expect(split?.label).toBe('Target File');
    expect(split?.rest.map((s) => [s.type, s.value])).toEqual([
      ['text', ' '],
      ['code', 'x.py'],
    ]);
  });

  it('splits a label whose colon follows the emphasis', () => {
    const split = splitLabel(linesOf('**Status**: Done')[0]!);
    expect(split?.label).toBe('Status');
    expect(lineText(split!.rest)).toBe(' Done');
  });

  it('splits a plain label and keeps the offset of the value', () => {
    const source = 'Commit: a1b2c3d';
    const split = splitLabel(linesOf(source)[0]!);
    expect(split?.label).toBe('Commit');
    expect(split?.rest).toEqual([{ type: 'text', value: ' a1b2c3d', offset: 7, exact: true }]);
  });

  it('gives an empty value for a label alone', () => {
    expect(splitLabel(linesOf('**Implementation Evidence:**')[0]!)).toEqual({ label: 'Implementation Evidence', rest: [] });
  });

  it('never reads a path with a range as a label', () => {
    expect(splitLabel(linesOf('src/a.ts:L5 is where it is')[0]!)).toBeNull();
    expect(splitLabel(linesOf('see src/a.py: done')[0]!)).toBeNull();
  });

  it('rejects lines that start with code or a link, long sentences and labels without a colon', () => {
    expect(splitLabel(linesOf('`File`: x.py')[0]!)).toBeNull();
    expect(splitLabel(linesOf('[File](a.md): x.py')[0]!)).toBeNull();
    expect(splitLabel(linesOf('This is a rather long sentence that goes on: and on')[0]!)).toBeNull();
    expect(splitLabel(linesOf('No colon here at all')[0]!)).toBeNull();
    expect(splitLabel(linesOf('Time 10:30 today')[0]!)).toBeNull();
  });
});

describe('lineText', () => {
  it('joins the values of a line', () => {
    expect(lineText(linesOf('a `b` [c](d.md) e')[0]!)).toBe('a b c e');
    expect(lineText([])).toBe('');
  });
});
