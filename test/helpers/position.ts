/** Where text stands in a plan source, the way claims report it. */

/** 1-based line and column of the `nth` occurrence of `needle` in `source`. */
export function at(source: string, needle: string, nth = 0): { line: number; column: number } {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = source.indexOf(needle, offset + 1);
    if (offset === -1) throw new Error(`"${needle}" not in source`);
  }
  const before = source.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
