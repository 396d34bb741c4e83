/**
 * YAML plans (schema in docs/plan-formats.md):
 *   items: [{ id, title, priority, status,
 *             evidence: [{file, lines} | {commit, lines_added, lines_modified, lines_removed}],
 *             tests: [{test, file, status}] }]
 * Node positions come from the `yaml` library, so claims point at their own line. Aliases are
 * followed to scalars only: a plan has no use for shared collections, and "billion laughs"
 * documents must not expand. The document is never turned into JavaScript values (where the
 * library's `maxAliasCount` would apply): aliases are resolved from one index of anchors, their
 * number is capped, and duplicate keys are found with one set per mapping, all in linear time.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Node, type Scalar, type YAMLMap } from 'yaml';
import { count, PLAN_LIMITS, type PlanLimits } from './limits.js';
import { isUnfilled } from './notation.js';
import { ItemBuilder } from './claims.js';
import type { Role } from './fields.js';
import type { Segment } from './segments.js';
import { PlanError, type Item, type Plan } from './types.js';

type Field = { value: string; offset: number };

export function parseYamlPlan(path: string, source: string, limits: PlanLimits = PLAN_LIMITS): Plan {
  const lines = new LineCounter();
  // The library's own check of unique keys compares every key with every other: quadratic.
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const invalid = (offset: number, message: string): PlanError => {
    const deep = /call stack/i.test(message);
    return new PlanError(path, deep ? 'the YAML nests too deeply to be read' : `invalid YAML at line ${lines.linePos(offset).line}: ${message.split('\n')[0]}`);
  };
  const error = doc.errors[0];
  if (error) throw invalid(error.pos[0], error.message);
  const aliases = indexAliases(doc.contents, (offset, message) => invalid(offset, message));
  if (aliases.size > limits.maxYamlAliases) {
    throw new PlanError(path, `the plan uses ${count(aliases.size)} aliases (*name); a plan may use ${count(limits.maxYamlAliases)}`);
  }
  const locate = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  const reader = new YamlReader(path, aliases);
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { path, items: [] };
  if (!isMap(root)) throw new PlanError(path, 'a YAML plan must be a mapping with an `items:` list');
  const itemsNode = root.get('items', true) as Node | undefined;
  if (itemsNode === undefined || (isScalar(itemsNode) && itemsNode.value === null)) return { path, items: [] };
  reader.noAlias(itemsNode, 'items');
  if (!isSeq(itemsNode)) throw new PlanError(path, '`items` must be a list');
  const items: Item[] = itemsNode.items.map((node, i) => reader.item(node as Node, `items[${i}]`, locate));
  return { path, items };
}

/**
 * Every alias of the document and the node it stands for (the last anchor of its name before it),
 * found in one walk; a mapping with a key twice is refused on the way.
 */
function indexAliases(root: Node | null, invalid: (offset: number, message: string) => Error): Map<Alias, Node | undefined> {
  const anchors = new Map<string, Node>();
  const aliases = new Map<Alias, Node | undefined>();
  // one callback for every kind of node: the visitor calls only the most specific one it is given
  visit(root, {
    Node: (_, node) => {
      if (isAlias(node)) {
        aliases.set(node, anchors.get(node.source));
        return;
      }
      if (node.anchor) anchors.set(node.anchor, node);
      if (isMap(node)) checkUniqueKeys(node, invalid);
    },
  });
  return aliases;
}

function checkUniqueKeys(map: YAMLMap, invalid: (offset: number, message: string) => Error): void {
  const keys = new Set<string>();
  for (const pair of map.items) {
    const key = pair.key as Node | null;
    if (!isScalar(key)) continue;
    const name = `${typeof key.value}:${String(key.value)}`;
    if (keys.has(name)) throw invalid(key.range?.[0] ?? 0, 'Map keys must be unique');
    keys.add(name);
  }
}

class YamlReader {
  constructor(
    private readonly path: string,
    private readonly aliases: Map<Alias, Node | undefined>,
  ) {}

  item(node: Node, where: string, locate: (offset: number) => { line: number; column: number }): Item {
    const map = this.map(node, where);
    const id = this.scalar(map, 'id', where);
    if (!id || id.value.trim() === '') throw new PlanError(this.path, `${where}.id: every item needs an id`);
    const title = this.scalar(map, 'title', where)?.value ?? '';
    const builder = new ItemBuilder(id.value, title, locate(node.range?.[0] ?? 0), locate);
    this.field(builder, 'priority', this.scalar(map, 'priority', where));
    this.field(builder, 'status', this.scalar(map, 'status', where));
    this.list(map, 'evidence', where).forEach((entry, i) => this.evidence(builder, entry, `${where}.evidence[${i}]`));
    this.list(map, 'tests', where).forEach((entry, i) => this.test(builder, entry, `${where}.tests[${i}]`));
    return builder.build();
  }

  private evidence(builder: ItemBuilder, node: Node, where: string): void {
    const map = this.map(node, where);
    const file = this.scalar(map, 'file', where);
    const lines = this.scalar(map, 'lines', where, true);
    if (file) {
      const suffix = lines ? `:${lines.value.replace(/^L/i, 'L')}` : '';
      builder.addField('file', [code(file.value + suffix, file.offset, suffix === '')]);
    }
    this.field(builder, 'commit', this.scalar(map, 'commit', where), true);
    this.field(builder, 'loc-added', this.scalar(map, 'lines_added', where));
    this.field(builder, 'loc-modified', this.scalar(map, 'lines_modified', where));
    this.field(builder, 'loc-removed', this.scalar(map, 'lines_removed', where));
    if (!file && !map.has('commit') && !map.has('lines_added') && !map.has('lines_modified') && !map.has('lines_removed')) {
      throw new PlanError(this.path, `${where}: evidence needs a \`file\` or a \`commit\``);
    }
  }

  private test(builder: ItemBuilder, node: Node, where: string): void {
    const map = this.map(node, where);
    const file = this.scalar(map, 'file', where);
    const test = this.scalar(map, 'test', where);
    if (file) builder.addField('test-file', [code(file.value, file.offset, true)]);
    // `file` + `test: name` is the test `name` in that file, as `path::name` would say it
    const reference = test && file && !test.value.includes('::') ? `${file.value}::${test.value}` : test?.value;
    if (test && reference) builder.addField('test', [code(reference, test.offset, reference === test.value)]);
    const status = this.scalar(map, 'status', where);
    if (status) builder.addField('status', [text(status)], 'test');
  }

  private field(builder: ItemBuilder, role: Role, value: Field | undefined, asCode = false): void {
    if (value) builder.addField(role, [asCode ? code(value.value, value.offset, true) : text(value)]);
  }

  /** Aliases stand for single values only: one to a list or mapping could expand without end. */
  noAlias(node: Node, where: string): void {
    if (isAlias(node)) throw new PlanError(this.path, `${where}: an alias (*${node.source}) may stand for a single value only, not a list or mapping`);
  }

  private map(node: Node, where: string): YAMLMap {
    this.noAlias(node, where);
    if (!isMap(node)) throw new PlanError(this.path, `${where}: expected a mapping`);
    return node;
  }

  private list(map: YAMLMap, key: string, where: string): Node[] {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined || (isScalar(node) && node.value === null)) return [];
    this.noAlias(node, `${where}.${key}`);
    if (!isSeq(node)) throw new PlanError(this.path, `${where}.${key}: expected a list`);
    return node.items as Node[];
  }

  /** A scalar field as text; `lines: [10, 20]` is accepted as a range when `range` is set. */
  private scalar(map: YAMLMap, key: string, where: string, range = false): Field | undefined {
    let node = map.get(key, true) as Node | undefined;
    if (node !== undefined && isAlias(node)) {
      const target = this.aliases.get(node);
      // An alias to nothing is a mistake, not an absent field: say so rather than ignore it.
      if (target === undefined) throw new PlanError(this.path, `${where}.${key}: alias *${node.source} is not defined`);
      if (!isScalar(target)) this.noAlias(node, `${where}.${key}`);
      node = target;
    }
    if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
    if (range && isSeq(node)) {
      const bounds = node.items.map((n) => (isScalar(n as Node) ? asWritten(n as Scalar) : ''));
      if (bounds.length === 2 && bounds.every((b) => /^\d+$/.test(b))) {
        return { value: `${bounds[0]}-${bounds[1]}`, offset: node.range?.[0] ?? 0 };
      }
      throw new PlanError(this.path, `${where}.${key}: expected a line (100), a range (100-150, L100-L150) or two line numbers ([100, 150])`);
    }
    if (!isScalar(node) || typeof node.value === 'object') {
      throw new PlanError(this.path, `${where}.${key}: expected a single value`);
    }
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
    const value = asWritten(node);
    if (range && !LINES.test(value.trim()) && !isUnfilled(value)) {
      throw new PlanError(this.path, `${where}.${key}: '${value.slice(0, 40)}' is not a line (100), a range (100-150, L100-L150) or two line numbers ([100, 150])`);
    }
    return { value, offset: (node.range?.[0] ?? 0) + quoted };
  }
}

/** `lines:` as plans write it: one line or a range, with or without `L`. */
const LINES = /^L?\d+(?:\s*[-–—]\s*L?\d+)?$/i;

/**
 * A scalar's text as the plan wrote it. YAML reads `commit: 0123456` as the number 123456 and
 * `commit: 12345e7` as 123450000000: a plain scalar that is not a string keeps its source text.
 */
function asWritten(node: Scalar): string {
  if (typeof node.value === 'string') return node.value;
  return node.type === 'PLAIN' && node.source !== undefined ? node.source : String(node.value);
}

function code(value: string, offset: number, exact: boolean): Segment {
  return { type: 'code', value, offset, exact };
}

function text(field: Field): Segment {
  return { type: 'text', value: field.value, offset: field.offset, exact: true };
}
