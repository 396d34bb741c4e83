/**
 * Readiness scores: the verified share of items and of claims, overall, per priority and per
 * section (the milestone or heading an item stands under), computed from the verdicts instead of
 * typed by hand. Pure: Report → scores, and the compact Markdown table the GitHub renderers show.
 *
 * An item is ready when its verdict is `verified`; a claim when its verdict is. Items marked as not
 * started (todo, blocked, skipped) stay in the totals as not ready, and are counted separately
 * (`notStarted`), so a plan cannot raise its score by marking work as not begun.
 */
import type { ItemStatus } from '../plan/types.js';
import type { PlanResult, Report } from '../verify/report.js';

/** Statuses that say the work has not begun (the same as the engine's `not-started` rule). */
const NOT_STARTED: ReadonlySet<ItemStatus> = new Set(['todo', 'blocked', 'skipped']);

export interface Share {
  verified: number;
  total: number;
  /** verified / total, rounded down to 4 decimals (so 1 means all); null when there is nothing to count. */
  share: number | null;
}

export interface Tally {
  items: Share & { notStarted: number };
  claims: Share;
}

export interface PriorityTally extends Tally {
  /** `P0`…`P4`, a word (`critical`...), or null for items without one. */
  priority: string | null;
}

export interface SectionTally extends Tally {
  plan: string;
  /** The heading the items stand under; null for items under none. */
  section: string | null;
}

export interface Readiness {
  overall: Tally;
  /** Most urgent first; the row of items without a priority last. */
  byPriority: PriorityTally[];
  /** In plan order. */
  bySection: SectionTally[];
}

class Counter {
  items = 0;
  readyItems = 0;
  notStarted = 0;
  claims = 0;
  readyClaims = 0;

  add(item: PlanResult['items'][number]): void {
    this.items++;
    if (item.verdict === 'verified') this.readyItems++;
    else if (item.item.status && NOT_STARTED.has(item.item.status)) this.notStarted++;
    this.claims += item.claims.length;
    this.readyClaims += item.claims.filter((c) => c.verdict === 'verified').length;
  }

  tally(): Tally {
    return {
      items: { ...share(this.readyItems, this.items), notStarted: this.notStarted },
      claims: share(this.readyClaims, this.claims),
    };
  }
}

export function share(verified: number, total: number): Share {
  return { verified, total, share: total === 0 ? null : Math.floor((verified / total) * 10_000) / 10_000 };
}

export function readinessOf(report: Pick<Report, 'plans'>): Readiness {
  const overall = new Counter();
  const priorities = new Map<string | null, Counter>();
  const sections = new Map<string, { plan: string; section: string | null; counter: Counter }>();
  for (const plan of report.plans) {
    for (const result of plan.items) {
      overall.add(result);
      const { priority, section = null } = result.item;
      if (!priorities.has(priority)) priorities.set(priority, new Counter());
      priorities.get(priority)!.add(result);
      const key = JSON.stringify([plan.path, section]);
      if (!sections.has(key)) sections.set(key, { plan: plan.path, section, counter: new Counter() });
      sections.get(key)!.counter.add(result);
    }
  }
  return {
    overall: overall.tally(),
    byPriority: [...priorities].sort(([a], [b]) => priorityRank(a) - priorityRank(b) || String(a).localeCompare(String(b))).map(([priority, c]) => ({ priority, ...c.tally() })),
    bySection: [...sections.values()].map(({ plan, section, counter }) => ({ plan, section, ...counter.tally() })),
  };
}

const WORDS = ['critical', 'high', 'medium', 'low'];

function priorityRank(priority: string | null): number {
  if (priority === null) return 100;
  const p = /^P(\d)$/.exec(priority);
  if (p) return Number(p[1]);
  const word = WORDS.indexOf(priority);
  return word === -1 ? 50 : 10 + word;
}

/** The `readiness` field of the JSON report: priorities keyed by name (`none` for no priority). */
export function readinessJson(readiness: Readiness): Record<string, unknown> {
  return {
    claims: readiness.overall.claims,
    items: readiness.overall.items,
    byPriority: Object.fromEntries(readiness.byPriority.map(({ priority, items, claims }) => [priority ?? 'none', { items, claims }])),
    bySection: readiness.bySection.map(({ plan, section, items, claims }) => ({ plan, section, items, claims })),
  };
}

// ---- compact rendering, shared by the text and Markdown renderers ------------------------------

export const BAR_WIDTH = 10;

/** `████████░░`: full only when everything is verified, empty only when nothing is. */
export function bar(value: number | null, width = BAR_WIDTH): string {
  if (value === null) return '░'.repeat(width);
  let filled = Math.floor(value * width);
  if (value > 0 && filled === 0) filled = 1;
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** `80 %`, rounded down (so `100 %` means all); `—` when there is nothing to count. */
export function percent(value: number | null): string {
  return value === null ? '—' : `${Math.floor(value * 100)} %`;
}

export interface ReadinessRow {
  /** `Overall`, `P0`, `no priority`, or a section's heading (prefixed by its plan when several). */
  label: string;
  kind: 'overall' | 'priority' | 'section';
  tally: Tally;
}

/**
 * The rows worth showing: overall; the priorities when any item has one; the sections when any
 * item stands under a heading. Section labels carry their plan's path when there are several plans.
 */
export function readinessRows(readiness: Readiness): ReadinessRow[] {
  const rows: ReadinessRow[] = [{ label: 'Overall', kind: 'overall', tally: readiness.overall }];
  if (readiness.byPriority.some((p) => p.priority !== null)) {
    for (const p of readiness.byPriority) rows.push({ label: p.priority ?? 'no priority', kind: 'priority', tally: p });
  }
  if (readiness.bySection.some((s) => s.section !== null)) {
    const plans = new Set(readiness.bySection.map((s) => s.plan));
    for (const s of readiness.bySection) {
      const name = s.section ?? '(no section)';
      rows.push({ label: plans.size > 1 ? `${s.plan} › ${name}` : name, kind: 'section', tally: s });
    }
  }
  return rows;
}

/** Sections shown in the GitHub renderers; the rest are counted in a closing line. */
export const MAX_SECTION_ROWS = 25;

export interface MarkdownOptions {
  /** `###`, `####`: the level of the table's heading. */
  heading: string;
  /** Makes plan text (section headings) safe in a table cell, cut at `max` characters. */
  escape: (text: string, max: number) => string;
  /** Section rows shown at most (GitHub's size limits); the rest are counted. */
  maxSections?: number;
}

/**
 * The readiness table in Markdown (check run summary, PR comment): one row per scope, a bar of
 * the verified share of items, the items and the claims verified (with their share), and the
 * items not started.
 * Empty when there is no item to score.
 */
export function readinessMarkdown(readiness: Readiness, options: MarkdownOptions): string {
  const { heading, escape, maxSections = Number.POSITIVE_INFINITY } = options;
  if (readiness.overall.items.total === 0) return '';
  const rows = readinessRows(readiness);
  const sections = rows.filter((r) => r.kind === 'section');
  const shown = [...rows.filter((r) => r.kind !== 'section'), ...sections.slice(0, maxSections)];
  const out = [
    `${heading} Readiness`,
    '',
    '| Scope | Items verified | Items | Claims | Not started |',
    '| --- | --- | ---: | ---: | ---: |',
    ...shown.map((row) => markdownRow(row, escape)),
  ];
  const hidden = sections.length - maxSections;
  if (hidden > 0) out.push('', `… ${hidden} more section${hidden === 1 ? '' : 's'}; run claimcheck locally for the full table`);
  return out.join('\n');
}

function markdownRow({ label, kind, tally }: ReadinessRow, escape: (text: string, max: number) => string): string {
  const name = kind === 'overall' ? `**${label}**` : escape(label, 80);
  const { items, claims } = tally;
  return `| ${name} | ${bar(items.share)} ${percent(items.share)} | ${items.verified}/${items.total} | ${claims.verified}/${claims.total} (${percent(claims.share)}) | ${items.notStarted} |`;
}
