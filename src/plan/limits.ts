/**
 * Limits on what a plan may be, so that reading one takes bounded time and memory whoever wrote
 * it. Past a limit the plan is refused with one line naming the limit (a PlanError): a partial
 * reading could let a plan pass on the claims that happened to be read. Documented in
 * docs/plan-formats.md ("Limits"). Pure, except for the clock the deadline reads.
 */
import vm from 'node:vm';
import { PlanError } from './types.js';

export interface PlanLimits {
  /** Bytes of UTF-8 (a plan of 1 MiB already holds tens of thousands of claims). */
  maxBytes: number;
  /** Items in one plan. */
  maxItems: number;
  /** Claims in one plan, over all its items. */
  maxClaims: number;
  /** Nested Markdown lists and block quotes: the parser slows down with the square of the depth. */
  maxNesting: number;
  /** Aliases (`*name`) in a YAML plan. */
  maxYamlAliases: number;
  /** Wall-clock time to read one plan: the Markdown parser has inputs it reads in quadratic time. */
  timeLimitMs: number;
}

export const PLAN_LIMITS: Readonly<PlanLimits> = Object.freeze({
  maxBytes: 1024 * 1024,
  maxItems: 10_000,
  maxClaims: 20_000,
  maxNesting: 32,
  maxYamlAliases: 1_000,
  timeLimitMs: 20_000,
});

/** Git's test: a NUL byte among the first 8,000 bytes makes a file binary. */
const BINARY_PROBE = 8000;

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Refuses a plan text too large or binary, before any parser sees it. */
export function checkPlanText(path: string, text: string, limits: PlanLimits): void {
  // A character is at least one byte: a text short in characters is short in bytes too.
  if (text.length > limits.maxBytes || (text.length * 3 > limits.maxBytes && utf8Length(text) > limits.maxBytes)) {
    throw tooLarge(path, utf8Length(text), limits);
  }
  if (text.slice(0, BINARY_PROBE).includes('\0')) throw new PlanError(path, 'the plan is a binary file (it holds NUL bytes), not text');
}

/** Refuses Markdown whose lists or block quotes nest deeper than the limit. */
export function checkMarkdownNesting(path: string, source: string, limits: PlanLimits): void {
  const { depth, line } = deepestNesting(source);
  if (depth > limits.maxNesting) {
    throw new PlanError(path, `line ${line} nests about ${count(depth)} lists or block quotes deep; a plan may nest ${count(limits.maxNesting)}`);
  }
}

/**
 * How deep the deepest line nests, counted from its start: each block quote marker and list marker
 * opens a level, and on a line that opens one, every two columns of indentation before it stand for
 * one more (a nested list item is indented at least that far). An upper bound: only nested
 * containers come near it, while indented code or text count nothing.
 */
export function deepestNesting(source: string): { depth: number; line: number } {
  let deepest = { depth: 0, line: 1 };
  let line = 1;
  let i = 0;
  while (i < source.length) {
    let columns = 0;
    let markers = 0;
    for (;;) {
      const c = source[i];
      if (c === ' ') {
        columns++;
        i++;
      } else if (c === '\t') {
        columns += 4;
        i++;
      } else {
        const after = c === '>' ? i + 1 : listMarkerEnd(source, i);
        if (after === -1) break;
        markers++;
        // the one space after a marker belongs to it, not to the indentation of what follows
        i = source[after] === ' ' ? after + 1 : after;
      }
    }
    // Indentation alone (code, wrapped text) nests nothing: it counts on lines that open a container.
    const depth = markers === 0 ? 0 : markers + Math.floor(columns / 2);
    if (depth > deepest.depth) deepest = { depth, line };
    const end = nextLineBreak(source, i);
    if (end === -1) break;
    i = end + (source[end] === '\r' && source[end + 1] === '\n' ? 2 : 1);
    line++;
  }
  return deepest;
}

/** The index after a list marker (`-`, `*`, `+`, `1.`, `1)`) that starts at `i` and is followed by a space or the line's end; -1 if none. */
function listMarkerEnd(source: string, i: number): number {
  let j = i;
  const c = source[j];
  if (c === '-' || c === '*' || c === '+') j++;
  else {
    while (j - i < 9 && source[j] !== undefined && source[j]! >= '0' && source[j]! <= '9') j++;
    if (j === i || (source[j] !== '.' && source[j] !== ')')) return -1;
    j++;
  }
  const next = source[j];
  return next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r' ? j : -1;
}

function nextLineBreak(source: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}

/** Refuses a parsed plan with more items or claims than the limits allow. */
export function checkPlanSize(path: string, items: Array<{ claims: unknown[] }>, limits: PlanLimits): void {
  if (items.length > limits.maxItems) throw new PlanError(path, `the plan has ${count(items.length)} items; a plan may have ${count(limits.maxItems)}`);
  const claims = items.reduce((n, item) => n + item.claims.length, 0);
  if (claims > limits.maxClaims) throw new PlanError(path, `the plan makes ${count(claims)} claims; a plan may make ${count(limits.maxClaims)}`);
}

/** One script for every plan: it calls whatever reader the holder carries. */
const holder: { read: () => unknown } = { read: () => undefined };
const context = vm.createContext({ holder });
const script = new vm.Script('holder.read()');

/**
 * Runs `read` with a wall-clock limit. The watchdog of `vm` interrupts even code that never yields
 * (a parser stuck in quadratic work), so a plan can hold the process for `ms` at most.
 */
export function withTimeLimit<T>(path: string, ms: number, read: () => T, hint = ''): T {
  const outer = holder.read;
  holder.read = read;
  try {
    return script.runInContext(context, { timeout: ms }) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new PlanError(path, `reading the plan took longer than ${ms / 1000} s, the most a plan may take${hint}`);
    }
    throw error;
  } finally {
    holder.read = outer;
  }
}

export function tooLarge(path: string, bytes: number, limits: PlanLimits): PlanError {
  return new PlanError(path, `the plan is ${count(bytes)} bytes; a plan may be ${count(limits.maxBytes)} bytes at most`);
}

/** 1,048,576: figures in messages as people read them. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
