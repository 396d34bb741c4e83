/** Line-count notations: "Lines Added: 45", "+45 lines, -5 lines", "+45/-5", "(+120 LOC)". Pure. */
import type { LocMeasure } from './types.js';

export interface LocFigure {
  measure: LocMeasure;
  value: number;
  approximate: boolean;
  /** Offset of the figure in the text it was read from. */
  index: number;
  length: number;
}

const APPROX = /(?:~|≈|\babout\b|\baround\b|\bapprox(?:\.|imately)?\b|\broughly\b)\s*$/i;
// A sign glued to a word or number is no sign: "2-3 lines" is a span, "v2-3" a version.
const SIGNED_PAIR = /(?<![\w.])\+\s?(\d[\d,]{0,12})\s?\/\s?[-−]\s?(\d[\d,]{0,12})/g;
const SIGNED_ONE = /(?<![\w.])([+\-−])\s?(\d[\d,]{0,12})\s?(?:lines?|LOC|loc|sloc)\b/g;

function toNumber(digits: string): number {
  return Number(digits.replace(/,/g, ''));
}

function isApproximate(text: string, index: number): boolean {
  return APPROX.test(text.slice(Math.max(0, index - 16), index));
}

/** Signed figures in prose: `+45/-5`, `+45 lines`, `-5 lines`, `(+120 LOC)`. */
export function findSignedLoc(text: string): LocFigure[] {
  const figures: LocFigure[] = [];
  const taken: Array<[number, number]> = [];
  for (const m of text.matchAll(SIGNED_PAIR)) {
    const approximate = isApproximate(text, m.index);
    figures.push({ measure: 'added', value: toNumber(m[1]!), approximate, index: m.index, length: m[0].length });
    figures.push({ measure: 'removed', value: toNumber(m[2]!), approximate, index: m.index, length: m[0].length });
    taken.push([m.index, m.index + m[0].length]);
  }
  // both runs of matches go left to right: one pointer into the pairs finds any overlap in linear time
  let pair = 0;
  for (const m of text.matchAll(SIGNED_ONE)) {
    while (pair < taken.length && taken[pair]![1] <= m.index) pair++;
    if (pair < taken.length && m.index >= taken[pair]![0]) continue;
    figures.push({
      measure: m[1] === '+' ? 'added' : 'removed',
      value: toNumber(m[2]!),
      approximate: isApproximate(text, m.index),
      index: m.index,
      length: m[0].length,
    });
  }
  return figures.sort((a, b) => a.index - b.index);
}

/** The first plain count in a field's value ("45", "~45", "about 45 lines"). */
export function findCount(text: string, measure: LocMeasure): LocFigure | null {
  const m = /\d[\d,]{0,12}/.exec(text);
  if (!m) return null;
  return { measure, value: toNumber(m[0]), approximate: isApproximate(text, m.index), index: m.index, length: m[0].length };
}

/** "(432 lines)" right after a cited file: the file's length. Only at the start of `text`. */
export function findFileLength(text: string): LocFigure | null {
  const m = /^(\s*)\(\s*((?:~|about|around)\s*)?(\d[\d,]{0,12})\s+(?:lines?|LOC)\s*\)/i.exec(text);
  if (!m) return null;
  // The figure starts at its parenthesis, not at the space before it: that is where a claim points.
  const space = m[1]!.length;
  return {
    measure: 'file-lines',
    value: toNumber(m[3]!),
    approximate: m[2] !== undefined,
    index: space,
    length: m[0].length - space,
  };
}
