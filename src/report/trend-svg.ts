/**
 * The readiness trend as an SVG line chart: the verified share of items and of claims (0–100 %)
 * at each commit, oldest on the left. Hand-written SVG, a pure function of the series: the same
 * series gives the same bytes, so a chart kept in a repository changes only when the data does.
 */
import type { Share } from './readiness.js';
import { percent } from './readiness.js';

export interface TrendSvgPoint {
  sha: string;
  /** ISO 8601 date of the commit. */
  date: string;
  subject?: string;
  items: Share;
  claims: Share;
}

export interface TrendSvgOptions {
  /** The chart's title (the plan's path, say). */
  title?: string;
}

const WIDTH = 800;
const HEIGHT = 360;
const MARGIN = { left: 56, right: 48, top: 48, bottom: 64 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
/** Commit labels shown at most under the axis; the first and the last are always among them. */
const MAX_LABELS = 8;

const SERIES = [
  { key: 'items', name: 'items verified', color: '#1a7f37' },
  { key: 'claims', name: 'claims verified', color: '#0969da' },
] as const;

export function renderTrendSvg(points: TrendSvgPoint[], options: TrendSvgOptions = {}): string {
  const x = (i: number): number => MARGIN.left + (points.length === 1 ? PLOT_WIDTH / 2 : (i * PLOT_WIDTH) / (points.length - 1));
  const y = (share: number): number => MARGIN.top + PLOT_HEIGHT * (1 - share);
  const title = `Readiness${options.title ? `: ${options.title}` : ''}`;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escape(title)}" font-family="-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="12">`,
    `<title>${escape(title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="24" font-size="15" font-weight="600" fill="#1f2328">${escape(title)}</text>`,
    ...legend(),
    ...grid(y),
  ];
  if (points.length === 0) {
    out.push(`<text x="${WIDTH / 2}" y="${MARGIN.top + PLOT_HEIGHT / 2}" text-anchor="middle" fill="#656d76">no commits</text>`);
  }
  out.push(...axisLabels(points, x));
  for (const series of SERIES) {
    out.push(`<g class="series ${series.key}" stroke="${series.color}" fill="${series.color}">`);
    // a share that cannot be had (nothing to count) breaks the line rather than drawing it at 0
    for (const run of runs(points, (p) => p[series.key].share)) {
      if (run.length > 1) out.push(`<polyline fill="none" stroke-width="2" points="${run.map(({ i, share }) => `${fmt(x(i))},${fmt(y(share))}`).join(' ')}"/>`);
    }
    points.forEach((p, i) => {
      const value = p[series.key];
      if (value.share === null) return;
      const tip = `${p.sha.slice(0, 7)} ${day(p.date)}: ${series.name} ${value.verified}/${value.total} (${percent(value.share)})${p.subject ? ` · ${p.subject}` : ''}`;
      out.push(`<circle class="point" cx="${fmt(x(i))}" cy="${fmt(y(value.share))}" r="3.5"><title>${escape(tip)}</title></circle>`);
    });
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function legend(): string[] {
  return SERIES.flatMap((s, i) => {
    const left = WIDTH - MARGIN.right - 260 + i * 130;
    return [
      `<line x1="${left}" y1="20" x2="${left + 18}" y2="20" stroke="${s.color}" stroke-width="2"/>`,
      `<circle cx="${left + 9}" cy="20" r="3.5" fill="${s.color}"/>`,
      `<text x="${left + 24}" y="24" fill="#1f2328">${s.name}</text>`,
    ];
  });
}

function grid(y: (share: number) => number): string[] {
  return [0, 0.25, 0.5, 0.75, 1].flatMap((share) => [
    `<line x1="${MARGIN.left}" y1="${fmt(y(share))}" x2="${WIDTH - MARGIN.right}" y2="${fmt(y(share))}" stroke="#d0d7de" stroke-width="1"${share === 0 ? '' : ' stroke-dasharray="3 3"'}/>`,
    `<text x="${MARGIN.left - 8}" y="${fmt(y(share) + 4)}" text-anchor="end" fill="#656d76">${share * 100} %</text>`,
  ]);
}

/** Short sha and day under the axis, for evenly spread commits (all of them when few). */
function axisLabels(points: TrendSvgPoint[], x: (i: number) => number): string[] {
  const n = points.length;
  const step = n <= MAX_LABELS ? 1 : Math.ceil((n - 1) / (MAX_LABELS - 1));
  const shown = new Set<number>();
  for (let i = 0; i < n; i += step) shown.add(i);
  if (n > 0) shown.add(n - 1);
  // the last label would overlap the one before it when they stand too close
  const before = [...shown].sort((a, b) => a - b).at(-2);
  if (before !== undefined && n > 1 && x(n - 1) - x(before) < 60) shown.delete(before);
  const base = MARGIN.top + PLOT_HEIGHT;
  return [...shown]
    .sort((a, b) => a - b)
    .flatMap((i) => [
      `<line x1="${fmt(x(i))}" y1="${base}" x2="${fmt(x(i))}" y2="${base + 5}" stroke="#8c959f"/>`,
      `<text x="${fmt(x(i))}" y="${base + 20}" text-anchor="middle" fill="#1f2328" font-family="ui-monospace, SFMono-Regular, Menlo, monospace">${escape(points[i]!.sha.slice(0, 7))}</text>`,
      `<text x="${fmt(x(i))}" y="${base + 36}" text-anchor="middle" fill="#656d76">${escape(day(points[i]!.date))}</text>`,
    ]);
}

/** Consecutive points whose share is known, with their index. */
function runs(points: TrendSvgPoint[], shareOf: (p: TrendSvgPoint) => number | null): Array<Array<{ i: number; share: number }>> {
  const all: Array<Array<{ i: number; share: number }>> = [];
  let current: Array<{ i: number; share: number }> = [];
  points.forEach((p, i) => {
    const share = shareOf(p);
    if (share === null) {
      if (current.length) all.push(current);
      current = [];
    } else current.push({ i, share });
  });
  if (current.length) all.push(current);
  return all;
}

function day(date: string): string {
  return /^\d{4}-\d{2}-\d{2}/.exec(date)?.[0] ?? date;
}

function fmt(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** Text and attribute content: markup escaped, characters XML does not allow dropped. */
export function escape(text: string): string {
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
