import { describe, expect, it } from '@jest/globals';
import { findCount, findFileLength, findSignedLoc } from '../../src/plan/loc.js';

describe('findSignedLoc', () => {
  it('reads "+45 lines, -5 lines" as added and removed, each at its own offset', () => {
    expect(findSignedLoc('+45 lines, -5 lines')).toEqual([
      { measure: 'added', value: 45, approximate: false, index: 0, length: 9 },
      { measure: 'removed', value: 5, approximate: false, index: 11, length: 8 },
    ]);
  });

  it('reads the pair "+45/-5" as two figures sharing one span', () => {
    expect(findSignedLoc('changes: +45/-5')).toEqual([
      { measure: 'added', value: 45, approximate: false, index: 9, length: 6 },
      { measure: 'removed', value: 5, approximate: false, index: 9, length: 6 },
    ]);
  });

  it('reads "(+120 LOC)", "+1 line", "+12 sloc" and spaced pairs', () => {
    expect(findSignedLoc('(+120 LOC)')).toEqual([{ measure: 'added', value: 120, approximate: false, index: 1, length: 8 }]);
    expect(findSignedLoc('+1 line')).toMatchObject([{ measure: 'added', value: 1 }]);
    expect(findSignedLoc('+12 sloc')).toMatchObject([{ measure: 'added', value: 12 }]);
    expect(findSignedLoc('+ 45 / - 5')).toMatchObject([
      { measure: 'added', value: 45 },
      { measure: 'removed', value: 5 },
    ]);
  });

  it('reads thousands separators and the minus sign', () => {
    expect(findSignedLoc('+1,234 lines')).toMatchObject([{ measure: 'added', value: 1234 }]);
    expect(findSignedLoc('−5 lines')).toMatchObject([{ measure: 'removed', value: 5 }]);
  });

  it('marks figures after "~", "about", "approximately" as approximate', () => {
    expect(findSignedLoc('~+30/-2')).toMatchObject([
      { measure: 'added', value: 30, approximate: true },
      { measure: 'removed', value: 2, approximate: true },
    ]);
    expect(findSignedLoc('about +1,234 lines')).toMatchObject([{ value: 1234, approximate: true, index: 6 }]);
    expect(findSignedLoc('approximately +10 lines')).toMatchObject([{ value: 10, approximate: true }]);
    expect(findSignedLoc('+10 lines, about -3 lines')).toMatchObject([
      { value: 10, approximate: false },
      { value: 3, approximate: true },
    ]);
  });

  it('does not read a single figure inside a pair twice, and keeps figures in text order', () => {
    expect(findSignedLoc('+3 lines then +45/-5').map((f) => [f.measure, f.value, f.index])).toEqual([
      ['added', 3, 0],
      ['added', 45, 14],
      ['removed', 5, 14],
    ]);
  });

  it.each(['-5', '+45', '2025-10-14', '+45 linesx', 'pages 2-3 lines', 'v2-3 lines', 'x+45 lines', 'a 1.5-2 lines fix'])(
    'finds no figure in the prose %j',
    (text) => {
      expect(findSignedLoc(text)).toEqual([]);
    },
  );
});

describe('findCount', () => {
  it('reads the first plain count with the measure it is given', () => {
    expect(findCount('45', 'added')).toEqual({ measure: 'added', value: 45, approximate: false, index: 0, length: 2 });
    expect(findCount('1,234 lines', 'modified')).toEqual({ measure: 'modified', value: 1234, approximate: false, index: 0, length: 5 });
  });

  it('marks "~45", "about 45", "roughly 7" as approximate', () => {
    expect(findCount('~45', 'added')).toMatchObject({ value: 45, approximate: true, index: 1 });
    expect(findCount('about 45 lines', 'added')).toMatchObject({ value: 45, approximate: true, index: 6 });
    expect(findCount('roughly 7', 'removed')).toMatchObject({ value: 7, approximate: true });
  });

  it('finds nothing in a value without digits', () => {
    expect(findCount('none', 'added')).toBeNull();
    expect(findCount('XX', 'added')).toBeNull();
  });
});

describe('findFileLength', () => {
  it('reads "(432 lines)" at the start of the text as the file\'s length', () => {
    // the figure starts at its parenthesis, so that a claim points there and not at the space
    expect(findFileLength(' (432 lines)')).toEqual({ measure: 'file-lines', value: 432, approximate: false, index: 1, length: 11 });
    expect(findFileLength('(432 lines) and more')).toEqual({ measure: 'file-lines', value: 432, approximate: false, index: 0, length: 11 });
    expect(findFileLength('(1 line)')).toMatchObject({ value: 1 });
    expect(findFileLength('( 432 lines )')).toMatchObject({ value: 432 });
    expect(findFileLength('(432 loc)')).toMatchObject({ value: 432 });
  });

  it('marks "~" and "about" as approximate', () => {
    expect(findFileLength(' (~432 lines)')).toMatchObject({ value: 432, approximate: true });
    expect(findFileLength('(about 1,200 LOC)')).toMatchObject({ value: 1200, approximate: true });
  });

  it('needs the figure right after the file, in parentheses, with a unit', () => {
    expect(findFileLength(' see (432 lines)')).toBeNull();
    expect(findFileLength('(432)')).toBeNull();
    expect(findFileLength('432 lines')).toBeNull();
  });
});
