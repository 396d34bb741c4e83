/** RSpec and Minitest: `spec.rb:42` (the example at that line), `it "..."` with its groups. */
import type { TestDefinition } from './scan.js';

const EXAMPLE = /^(\s*)(?:it|specify|example|scenario|test)\b\s*\(?\s*(["'])((?:\\.|(?!\2).)*)\2/;
const GROUP = /^(\s*)(?:RSpec\.)?(?:describe|context|feature)\b\s*\(?\s*(?:(["'])((?:\\.|(?!\2).)*)\2|([\w:]+))/;
const MINITEST = /^(\s*)def\s+(test_\w+)/;

export function findRubyTest(code: string, name: string): TestDefinition[] {
  const lines = code.split('\n');
  const atLine = /^:?(\d+)$/.exec(name.trim());
  const found: TestDefinition[] = [];
  let lineStart = 0;
  lines.forEach((line, index) => {
    const example = EXAMPLE.exec(line) ?? MINITEST.exec(line);
    const offset = lineStart + (example?.[1]!.length ?? 0);
    lineStart += line.length + 1;
    if (!example) return;
    const indent = example[1]!.length;
    const end = blockEnd(lines, index, indent);
    const title = example[3] ?? example[2]!;
    const full = [...groupsAround(lines, index, indent), title].join(' ');
    const matches = atLine ? Number(atLine[1]) >= index + 1 && Number(atLine[1]) <= end + 1 : title === name || full === name || full.replace(/\s+/g, ' ') === name.replace(/\s+[>›]\s+/g, ' ');
    if (matches) found.push({ line: index + 1, offset, body: lines.slice(index + 1, end).join('\n') });
  });
  return found;
}

/** The line of the `end` that closes a block opened at `index` with `indent`. */
function blockEnd(lines: string[], index: number, indent: number): number {
  if (/\bend\s*$|\}\s*$/.test(lines[index]!) && !/\b(?:do|\{)\s*(?:\|[^|]*\|)?\s*$/.test(lines[index]!)) return index;
  for (let i = index + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim().length > 0 && line.length - line.trimStart().length <= indent) return /^\s*(?:end|\})/.test(line) ? i : i - 1;
  }
  return lines.length - 1;
}

function groupsAround(lines: string[], index: number, indent: number): string[] {
  const chain: string[] = [];
  let limit = indent;
  for (let i = index - 1; i >= 0 && limit > 0; i--) {
    const group = GROUP.exec(lines[i]!);
    if (group && group[1]!.length < limit) {
      chain.unshift(group[3] ?? group[4]!);
      limit = group[1]!.length;
    }
  }
  return chain;
}
