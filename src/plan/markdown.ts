/**
 * Markdown plans: items are headings that start with a task id (`#### M2-003 - Harden webhook
 * security`) with their `**Label:** value` fields below, and rows of tables whose header names an
 * id column and evidence columns (the template's Evidence Tracking Register). Pure.
 */
import type { Heading, List, ListItem, Nodes, Paragraph, PhrasingContent, Root, RootContent, Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { ItemBuilder, type Locate } from './claims.js';
import { parsePriority, roleOf, type Role } from './fields.js';
import { repairMojibake } from './mojibake.js';
import { isUnfilled } from './notation.js';
import { LineIndex, splitLabel, toLines, type Line } from './segments.js';
import { parseStatus } from './status.js';
import { PlanError, type Item, type Plan } from './types.js';

const TASK_ID = /^([A-Z][A-Z0-9]*(?:[-_.][A-Z0-9]+)*)(?=$|[\s:.)\]–—-])/u;
const ID_PREFIX = /^(?:[\s*_~]|[\p{Extended_Pictographic}\uFE0F]|\[[ xX]\])*(?:(?:task|item|issue)\s+)?/iu;
/** Names of standards and appendix numbers that look like task ids (`UTF-8 handling`, `A.1 Terms`). */
const NOT_TASK_IDS = /^(?:UTF|UCS|SHA|MD|ISO|IEC|HTTP|IPV|ES|TLS|SSL|AES|RSA|RFC|PEP|WCAG|OAUTH|X-509$)[-_.]?\d*(?:[-_.]\d+)*$|^[A-Z][.]\d+(?:\.\d+)*$/;
/** Longer than any task id: a heading that starts with a longer run of capitals is not an item. */
const MAX_TASK_ID = 64;
const STATUS_MARK = /✅|✔️?|☑️?|🔄|🚧|⏳|❌|🚫|⛔|⚠️?|\[[ xX]\]/u;

const markdown = unified().use(remarkParse).use(remarkGfm);

/**
 * Plans longer than this many lines are parsed a few sections at a time: micromark's cost grows
 * faster than the document (15,000 lines took 10 s whole, under 1 s in sections; sections of 100
 * lines cost about a quarter less than sections of 400).
 */
export const CHUNK_LINES = 100;

export function parseMarkdownPlan(path: string, source: string, chunkLines = CHUNK_LINES): Plan {
  try {
    const tree = parseTree(source, chunkLines);
    const index = new LineIndex(source);
    return { path, items: new MarkdownWalker(source, (offset) => index.position(offset)).walk(tree) };
  } catch (error) {
    // remark and its plugins recurse once per level of nesting: some thousands of nested lists,
    // quotes or emphases overflow the stack. A plan we cannot read must say so plainly.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new PlanError(path, 'the Markdown nests too deeply to be read (thousands of nested lists, quotes or emphases)');
    }
    throw error;
  }
}

const REFERENCE_DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^#{1,6}(?:[ \t]|$)/;

/**
 * HTML blocks that run on until an end marker, through blank lines and headings (CommonMark kinds
 * 1 to 5: `<!--` comments, `<script>`, `<pre>`...), with that marker. Looked for behind any
 * container marks: a section is never cut inside one (a cut there only costs speed).
 */
const CONTAINERS = String.raw`^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)]))*[ \t]*`;
const HTML_BLOCKS: Array<[RegExp, RegExp]> = [
  [new RegExp(`${CONTAINERS}<(?:script|pre|style|textarea)(?:[\\s>]|$)`, 'i'), /<\/(?:script|pre|style|textarea)>/i],
  [new RegExp(`${CONTAINERS}<!--`), /-->/],
  [new RegExp(`${CONTAINERS}<\\?`), /\?>/],
  [new RegExp(`${CONTAINERS}<![A-Za-z]`), />/],
  [new RegExp(`${CONTAINERS}<!\\[CDATA\\[`), /\]\]>/],
];

/**
 * The document's tree, parsed whole or, when long, in runs of sections cut at headings outside
 * code fences and HTML blocks (a heading ends every block before it, so no block spans a cut), with positions
 * shifted back to the whole source. A document with link reference definitions is parsed whole:
 * a definition applies across sections.
 */
function parseTree(source: string, chunkLines: number): Root {
  const starts = chunkStarts(source, chunkLines);
  if (starts.length <= 1 || REFERENCE_DEFINITION.test(source)) return markdown.parse(source) as Root;
  const root: Root = { type: 'root', children: [] };
  starts.forEach((start, i) => {
    const tree = markdown.parse(source.slice(start.offset, starts[i + 1]?.offset ?? source.length)) as Root;
    shiftPositions(tree, start.offset, start.line - 1);
    for (const child of tree.children) root.children.push(child);
  });
  return root;
}

/** Where each run of about `chunkLines` lines starts: always at a heading outside fences and HTML blocks. */
function chunkStarts(source: string, chunkLines: number): Array<{ offset: number; line: number }> {
  const starts = [{ offset: 0, line: 1 }];
  let fence: string | null = null;
  let htmlEnd: RegExp | null = null;
  let offset = 0;
  let line = 1;
  while (offset < source.length) {
    const newline = source.indexOf('\n', offset);
    const next = newline === -1 ? source.length : newline + 1;
    const text = source.slice(offset, newline === -1 ? source.length : newline);
    const marker = FENCE.exec(text)?.[1];
    if (htmlEnd) {
      if (htmlEnd.test(text)) htmlEnd = null;
    } else if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && text.trim() === marker) fence = null;
    } else if (marker) fence = marker;
    else if (!ATX_HEADING.test(text)) htmlEnd = openHtmlBlock(text);
    else if (line - starts.at(-1)!.line >= chunkLines) starts.push({ offset, line });
    offset = next;
    line++;
  }
  return starts;
}

/** The end marker of an HTML block (HTML_BLOCKS) that `line` opens and leaves open; null if none. */
function openHtmlBlock(line: string): RegExp | null {
  for (const [start, end] of HTML_BLOCKS) {
    const opened = start.exec(line);
    if (opened) return end.test(line.slice(opened[0].length)) ? null : end;
  }
  return null;
}

function shiftPositions(tree: Root, offset: number, lines: number): void {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const position = node.position;
    if (position) {
      position.start = { ...position.start, line: position.start.line + lines, offset: (position.start.offset ?? 0) + offset };
      position.end = { ...position.end, line: position.end.line + lines, offset: (position.end.offset ?? 0) + offset };
    }
    // one by one: spread as arguments, a paragraph of 200,000 inline nodes would overflow the stack
    if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
}

/** The task id a heading or list item starts with, and the title after it. */
export function readTaskId(text: string): { id: string; title: string } | null {
  const prefix = ID_PREFIX.exec(text)?.[0] ?? '';
  const rest = text.slice(prefix.length);
  const m = TASK_ID.exec(rest);
  if (!m?.[1] || m[1].length > MAX_TASK_ID) return null;
  const id = m[1];
  const after = rest.slice(id.length);
  if (!/\d/.test(id) || /^P\d$/.test(id) || /^V?\d+(?:\.\d+)+$/i.test(id) || NOT_TASK_IDS.test(id)) return null;
  const separated = /[-_.]/.test(id) || /\d{2,}$/.test(id) || /^\s*(?::|[-–—]\s)/.test(after);
  if (!separated) return null;
  const title = after.replace(/^\s*[-–—:.)\]]*\s*/, '').trim();
  return { id, title };
}

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

class MarkdownWalker {
  private readonly items: Item[] = [];
  private current: { builder: ItemBuilder; depth: number; section?: string } | null = null;
  /** The headings above the current point (null text: an item's own heading, or the plan's title). */
  private readonly headings: Array<{ depth: number; text: string | null }> = [];
  /** A lone `#` heading is the plan's title, not a section; several are its parts. */
  private titlesAreSections = false;

  constructor(
    private readonly source: string,
    private readonly locate: Locate,
  ) {}

  walk(tree: Root): Item[] {
    this.titlesAreSections = tree.children.filter((n) => n.type === 'heading' && n.depth === 1).length > 1;
    for (const node of tree.children) this.block(node);
    this.close();
    return this.items.sort((a, b) => a.line - b.line || a.column - b.column);
  }

  private close(): void {
    if (this.current) this.items.push(inSection(this.current.builder.build(), this.current.section));
    this.current = null;
  }

  /** The nearest heading above that is not an item's: the milestone or phase an item stands under. */
  private section(): string | undefined {
    return this.headings.findLast((h) => h.text !== null)?.text ?? undefined;
  }

  private block(node: RootContent): void {
    switch (node.type) {
      case 'heading':
        this.heading(node);
        return;
      case 'list':
        this.list(node, null);
        return;
      case 'table':
        this.table(node);
        return;
      case 'paragraph':
        if (this.current) this.paragraph(node, null, this.current.builder);
        return;
      case 'blockquote':
        for (const child of node.children) this.block(child);
        return;
      default:
        return;
    }
  }

  private heading(node: Heading): void {
    const text = repairMojibake(plainText(node));
    const task = readTaskId(text);
    while ((this.headings.at(-1)?.depth ?? 0) >= node.depth) this.headings.pop();
    const section = this.section();
    const title = task || (node.depth === 1 && !this.titlesAreSections) ? '' : text.replace(/\s+/g, ' ').trim();
    this.headings.push({ depth: node.depth, text: title || null });
    if (task) {
      this.close();
      const at = this.locate(node.position?.start.offset ?? 0);
      const builder = new ItemBuilder(task.id, stripMarks(task.title), at, this.locate);
      // The mark may stand before the id (`✅ M2-003 - x`, `[x] T012: y`) as well as in the title.
      const mark = STATUS_MARK.exec(text)?.[0];
      if (mark) builder.setHeadingStatus(parseStatus(mark), mark, at);
      const priority = parsePriority(task.title);
      if (priority?.startsWith('P')) builder.addField('priority', [{ type: 'text', value: priority, offset: 0, exact: false }]);
      this.current = { builder, depth: node.depth, ...(section ? { section } : {}) };
    } else if (this.current && node.depth <= this.current.depth) {
      this.close();
    }
  }

  /** Each line of a paragraph is a field (`**Status:** Done`) or prose. Returns the first line's role. */
  private paragraph(node: Paragraph, parent: Role | null, builder: ItemBuilder): Role | null {
    let first: Role | null | undefined;
    for (const line of toLines(node.children, this.source)) {
      const labelled = splitLabel(line);
      const role = labelled ? roleOf(labelled.label) : null;
      if (role) builder.addField(role, labelled!.rest, parent);
      else builder.addField(null, line, parent);
      first ??= role;
    }
    return first ?? null;
  }

  private list(node: List, parent: Role | null): void {
    for (const item of node.children) this.listItem(item, parent);
  }

  private listItem(node: ListItem, parent: Role | null): void {
    if (this.taskListItem(node)) return;
    const builder = this.current?.builder;
    let role: Role | null = null;
    for (const child of node.children) {
      if (child.type === 'paragraph' && builder) role = this.paragraph(child, parent, builder) ?? role;
      else if (child.type === 'list') this.list(child, role ?? parent);
      else if (child.type === 'table') this.table(child);
    }
  }

  /**
   * A task-list entry that starts with a task id is an item of its own, as spec-kit and Kiro write
   * them: `- [X] T012 [P] [US1] Create User model in src/models/user.py`. Its text is prose, so the
   * paths it names are file claims; entries nested below it are its fields.
   */
  private taskListItem(node: ListItem): boolean {
    const [first, ...rest] = node.children;
    if (typeof node.checked !== 'boolean' || first?.type !== 'paragraph') return false;
    const task = readTaskId(repairMojibake(plainText(first)));
    if (!task) return false;
    const at = this.locate(node.position?.start.offset ?? 0);
    const title = task.title.replace(/^(?:\[[^\]]*\]\s*)+/, '').trim();
    const builder = new ItemBuilder(task.id, title, at, this.locate);
    builder.setHeadingStatus(node.checked ? 'done' : 'todo', node.checked ? '[x]' : '[ ]', at);
    const outer = this.current;
    this.current = { builder, depth: Number.POSITIVE_INFINITY };
    this.paragraph(first, null, builder);
    for (const child of rest) if (child.type === 'list') this.list(child, null);
    this.items.push(inSection(builder.build(), this.section()));
    this.current = outer;
    return true;
  }

  private table(node: Table): void {
    const [header, ...rows] = node.children;
    if (!header) return;
    const roles = header.children.map((cell) => roleOf(plainText(cell)));
    const idColumn = roles.indexOf('id');
    const evidence = roles.some((r) => r !== null && r !== 'id' && r !== 'title');
    if (!evidence) return;
    for (const row of rows) {
      const cells = row.children.map((cell) => this.cellLine(cell.children));
      if (idColumn === -1) {
        if (this.current) this.cells(this.current.builder, roles, cells);
        continue;
      }
      const idText = (cells[idColumn] ?? []).map((s) => s.value).join('').trim();
      const task = readTaskId(idText);
      if (!task && !isUnfilled(idText)) continue;
      const titleColumn = roles.indexOf('title');
      const title = titleColumn === -1 ? '' : (cells[titleColumn] ?? []).map((s) => s.value).join('').trim();
      const builder = new ItemBuilder(task?.id ?? idText, title, this.locate(row.position?.start.offset ?? 0), this.locate);
      this.cells(builder, roles, cells);
      this.items.push(inSection(builder.build(), this.section()));
    }
  }

  private cells(builder: ItemBuilder, roles: Array<Role | null>, cells: Line[]): void {
    cells.forEach((line, column) => builder.addField(roles[column] ?? null, line));
  }

  private cellLine(children: PhrasingContent[]): Line {
    return toLines(children, this.source).flat();
  }
}

function inSection(item: Item, section: string | undefined): Item {
  return section ? { ...item, section } : item;
}

function stripMarks(title: string): string {
  return title.replace(new RegExp(STATUS_MARK.source, 'gu'), '').replace(/\s+/g, ' ').trim();
}
