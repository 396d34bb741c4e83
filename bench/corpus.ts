/**
 * Real-looking source and test files for the synthetic repository: Python, TypeScript and Go
 * modules of a few functions each, every function with a test that asserts something, and a few
 * stubs (`raise NotImplementedError`) for the hollow-code checks to find. Line spans are recorded
 * so plans can cite them exactly.
 */
import type { Random } from './random.js';

export type Language = 'python' | 'typescript' | 'go';

/** Words the generator names things with. Never "circuit", "breaker", "exponential", "backoff". */
const VERBS = ['parse', 'load', 'compute', 'validate', 'render', 'send', 'fetch', 'merge', 'apply', 'reconcile', 'normalize', 'schedule', 'export', 'resolve', 'build', 'sync', 'archive', 'publish', 'refresh', 'score', 'filter', 'group', 'rank', 'encode', 'decode', 'sign', 'match', 'split', 'expire', 'collect'];
export const NOUNS = ['invoice', 'ledger', 'account', 'webhook', 'token', 'session', 'order', 'payment', 'report', 'calendar', 'customer', 'address', 'shipment', 'refund', 'balance', 'discount', 'coupon', 'catalog', 'product', 'review', 'message', 'channel', 'tenant', 'quota', 'metric', 'event', 'audit', 'profile', 'license', 'subscription'];
export const QUALIFIERS = ['total', 'entries', 'batch', 'window', 'summary', 'status', 'limits', 'digest', 'rules', 'items', 'history', 'export'];
const FIELDS = ['amount', 'weight', 'count', 'price', 'score', 'size', 'age', 'priority'];

/** One function of a module: its name as written in code, the words it was made of, its lines. */
export interface CodeFunction {
  name: string;
  words: [string, string, string];
  /** 1-based, inclusive, in the file as it stands after the function was written. */
  start: number;
  end: number;
  stub: boolean;
  /** How a plan names its test (`test_x`, `describe > it`, `TestX`). */
  testName: string;
}

export interface FunctionText {
  code: string[];
  test: string[];
  fn: Omit<CodeFunction, 'start' | 'end'>;
}

const snake = (w: string[]): string => w.join('_');
const camel = (w: string[]): string => w[0]! + w.slice(1).map(cap).join('');
const pascal = (w: string[]): string => w.map(cap).join('');
const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

export function functionName(language: Language, words: string[]): string {
  return language === 'python' ? snake(words) : language === 'typescript' ? camel(words) : pascal(words);
}

export function randomWords(random: Random): [string, string, string] {
  return [random.pick(VERBS), random.pick(NOUNS), random.pick(QUALIFIERS)];
}

/** The first lines of a source file and of its test file. */
export function headers(language: Language, module: { name: string; importPath: string; pkg: string; title: string }): { code: string[]; test: string[] } {
  switch (language) {
    case 'python':
      return {
        code: [`"""${module.title}."""`, 'from __future__ import annotations', '', 'import logging', '', 'LOG = logging.getLogger(__name__)'],
        test: [`"""Tests for ${module.importPath}."""`, `from ${module.importPath.replace(/\.[^.]+$/, '')} import ${module.name}`],
      };
    case 'typescript':
      return {
        code: [`/** ${module.title}. */`, "import { log } from '../log.js';", '', 'export type Row = Record<string, number>;'],
        test: ["import { describe, expect, it } from 'vitest';", `import * as ${module.name} from '${module.importPath}';`],
      };
    case 'go':
      return {
        code: [`// Package ${module.pkg}: ${module.title.toLowerCase()}.`, `package ${module.pkg}`, '', 'import (', '\t"errors"', '\t"sort"', ')'],
        test: [`package ${module.pkg}`, '', 'import "testing"'],
      };
  }
}

/** A function and its test, in `language`, named from `words`; `module` is how tests refer to it. */
export function makeFunction(language: Language, words: [string, string, string], module: string, stub: boolean, random: Random): FunctionText {
  const name = functionName(language, words);
  const [verb, noun, qualifier] = words;
  const doc = `${cap(verb)} the ${noun} ${qualifier}`;
  const field = random.pick(FIELDS);
  const limit = random.int(2, 500);
  const extra = random.int(0, 3);
  const shape = random.int(0, 2);
  switch (language) {
    case 'python': {
      const arg = `${noun}s`;
      const code = stub ? [`def ${name}(${arg}):`, `    """${doc} (not implemented yet)."""`, `    raise NotImplementedError("${name}")`] : [`def ${name}(${arg}, limit=${limit}):`, `    """${doc}."""`, ...pythonBody(shape, arg, field, name, extra)];
      const test = [`def test_${name}():`, `    result = ${module}.${name}([{"id": 1, "${field}": 3}])`, '    assert result is not None', `    assert ${module}.${name}.__name__ == "${name}"`];
      return { code, test, fn: { name, words, stub, testName: `test_${name}` } };
    }
    case 'typescript': {
      const arg = `${noun}s`;
      const code = stub
        ? [`/** ${doc}. */`, `export function ${name}(${arg}: Row[]): Row[] {`, "  throw new Error('not implemented');", '}']
        : [`/** ${doc}. */`, `export function ${name}(${arg}: Row[], limit = ${limit}): Row[] {`, ...tsBody(shape, arg, field, name, extra), '}'];
      const title = `${verb}s the ${noun} ${qualifier}`;
      const test = [`describe('${name}', () => {`, `  it('${title}', () => {`, `    const result = ${module}.${name}([{ id: 1, ${field}: 3 }]);`, '    expect(result).toBeDefined();', '  });', '});'];
      return { code, test, fn: { name, words, stub, testName: `${name} > ${title}` } };
    }
    case 'go': {
      const arg = `${noun}s`;
      const code = stub
        ? [`// ${name} will ${verb} the ${noun} ${qualifier}.`, `func ${name}(${arg} []map[string]int) []map[string]int {`, '\tpanic("not implemented")', '}']
        : [`// ${name} does: ${doc.toLowerCase()}.`, `func ${name}(${arg} []map[string]int) []map[string]int {`, ...goBody(shape, arg, field, limit, extra), '}'];
      const test = [`func Test${name}(t *testing.T) {`, `\tgot := ${name}([]map[string]int{{"id": 1, "${field}": 3}})`, '\tif got == nil {', `\t\tt.Fatalf("${name} returned nil")`, '\t}', '}'];
      return { code, test, fn: { name, words, stub, testName: `Test${name}` } };
    }
  }
}

function pythonBody(shape: number, arg: string, field: string, name: string, extra: number): string[] {
  const logs = Array.from({ length: extra }, (_, i) => `    LOG.debug("${name}: step ${i + 1}")`);
  if (shape === 0) {
    return ['    total = 0', '    seen = set()', `    for entry in ${arg}:`, '        key = entry.get("id")', '        if key in seen or len(seen) >= limit:', '            continue', '        seen.add(key)', `        total += entry.get("${field}", 0)`, ...logs, `    return {"count": len(seen), "${field}": total}`];
  }
  if (shape === 1) {
    return ['    errors = []', `    if not ${arg}:`, `        errors.append("no ${arg}")`, `    for row in ${arg}[:limit]:`, `        if "${field}" not in row:`, `            errors.append(f"row {row.get('id')} has no ${field}")`, ...logs, '    if errors:', '        raise ValueError("; ".join(errors))', `    return list(${arg}[:limit])`];
  }
  return [`    rows = [dict(row) for row in ${arg} if row]`, `    rows.sort(key=lambda row: row.get("${field}", 0), reverse=True)`, '    for index, row in enumerate(rows[:limit]):', '        row["rank"] = index + 1', ...logs, '    return rows[:limit]'];
}

function tsBody(shape: number, arg: string, field: string, name: string, extra: number): string[] {
  const logs = Array.from({ length: extra }, (_, i) => `  log.debug('${name}: step ${i + 1}');`);
  if (shape === 0) {
    return ['  const seen = new Set<number>();', '  const kept: Row[] = [];', `  for (const row of ${arg}) {`, '    if (seen.has(row.id ?? -1) || kept.length >= limit) continue;', '    seen.add(row.id ?? -1);', `    kept.push({ ...row, ${field}: (row.${field} ?? 0) + 1 });`, '  }', ...logs, '  return kept;'];
  }
  if (shape === 1) {
    return [`  const missing = ${arg}.filter((row) => row.${field} === undefined);`, `  if (missing.length > 0) throw new Error(\`\${missing.length} rows lack ${field}\`);`, ...logs, `  return ${arg}.slice(0, limit);`];
  }
  return [`  const rows = ${arg}.map((row) => ({ ...row }));`, `  rows.sort((a, b) => (b.${field} ?? 0) - (a.${field} ?? 0));`, '  rows.forEach((row, index) => {', '    row.rank = index + 1;', '  });', ...logs, '  return rows.slice(0, limit);'];
}

function goBody(shape: number, arg: string, field: string, limit: number, extra: number): string[] {
  const checks = Array.from({ length: extra }, (_, i) => `\tif len(${arg}) > ${limit * (i + 2)} {\n\t\t${arg} = ${arg}[:${limit * (i + 2)}]\n\t}`.split('\n')).flat();
  if (shape === 0) {
    return ['\tseen := map[int]bool{}', '\tkept := []map[string]int{}', `\tfor _, row := range ${arg} {`, `\t\tif seen[row["id"]] || len(kept) >= ${limit} {`, '\t\t\tcontinue', '\t\t}', '\t\tseen[row["id"]] = true', `\t\trow["${field}"]++`, '\t\tkept = append(kept, row)', '\t}', ...checks, '\treturn kept'];
  }
  if (shape === 1) {
    return [`\tfor _, row := range ${arg} {`, `\t\tif _, ok := row["${field}"]; !ok {`, `\t\t\tpanic(errors.New("row lacks ${field}"))`, '\t\t}', '\t}', ...checks, `\treturn ${arg}`];
  }
  return [`\trows := append([]map[string]int{}, ${arg}...)`, `\tsort.Slice(rows, func(i, j int) bool { return rows[i]["${field}"] > rows[j]["${field}"] })`, '\tfor i, row := range rows {', '\t\trow["rank"] = i + 1', '\t}', ...checks, '\treturn rows'];
}
