/** The terminal report: one line per item, its failing claims under it, a summary. Pure. */
import { styleText } from 'node:util';
import type { Verdict } from '../plan/types.js';
import type { Report } from '../verify/report.js';
import { jsonKind } from './json.js';
import { bar, percent, readinessOf, readinessRows, type Readiness } from './readiness.js';

type Style = Parameters<typeof styleText>[0];

const MARK: Record<Verdict, [string, Style]> = {
  verified: ['✓ verified  ', 'green'],
  unverified: ['✗ unverified', 'red'],
  unknown: ['? unknown   ', 'yellow'],
};

export function renderText(report: Report, options: { color: boolean }): string {
  const paint = (style: Style, text: string): string => (options.color ? styleText(style, text, { validateStream: false }) : text);
  const out: string[] = [];
  for (const plan of report.plans) {
    out.push(paint('bold', `${plan.path} @ ${report.ref.slice(0, 7)}`));
    if (plan.items.length === 0) out.push('  (no items with evidence found)');
    for (const { item, verdict, claims, notice } of plan.items) {
      const [mark, style] = MARK[verdict];
      const count = claims.length === 1 ? '1 claim' : `${claims.length} claims`;
      out.push(`  ${paint(style, mark)}  ${item.id}  ${item.title}  ${paint('dim', `(line ${item.line}, ${count})`)}`.trimEnd());
      if (notice) out.push(`      ${paint('cyan', `note: ${notice}`)}`);
      for (const result of claims) {
        if (result.verdict === 'verified') continue;
        const [claimMark, claimStyle] = MARK[result.verdict];
        const where = `L${result.claim.line}:${result.claim.column}`;
        out.push(`      ${paint(claimStyle, claimMark.trim())} ${where} ${jsonKind(result.claim)} ${result.claim.text}`);
        out.push(`        ${paint('dim', `${result.code}: ${result.reason}`)}`);
      }
    }
  }
  out.push(...readinessLines(readinessOf(report), paint));
  const s = report.summary;
  out.push(
    `${s.items} items, ${s.claims} claims: ${paint('green', `${s.verified} verified`)}, ${paint('red', `${s.unverified} unverified`)}, ${paint('yellow', `${s.unknown} unknown`)}`,
  );
  return out.join('\n') + '\n';
}

/** Labels longer than this are cut with `…`, so the bars stay in one column. */
const LABEL_WIDTH = 40;

/**
 * `  P0   ████████░░   80 %  8/10 items  40/45 claims (88 %)  2 not started`: the verified share
 * of items as a bar, then the counts. Nothing when there is no item to score.
 */
function readinessLines(readiness: Readiness, paint: (style: Style, text: string) => string): string[] {
  if (readiness.overall.items.total === 0) return [];
  const rows = readinessRows(readiness).map(({ label, tally }) => ({
    label: [...label].length > LABEL_WIDTH ? `${[...label].slice(0, LABEL_WIDTH - 1).join('')}…` : label,
    bar: bar(tally.items.share),
    percent: percent(tally.items.share),
    items: `${tally.items.verified}/${tally.items.total} items`,
    claims: `${tally.claims.verified}/${tally.claims.total} claims (${percent(tally.claims.share)})`,
    notStarted: tally.items.notStarted > 0 ? `${tally.items.notStarted} not started` : '',
  }));
  const width = (key: 'label' | 'items' | 'claims'): number => Math.max(...rows.map((r) => [...r[key]].length));
  const pad = (text: string, n: number): string => text + ' '.repeat(Math.max(0, n - [...text].length));
  const [labels, items, claims] = [width('label'), width('items'), width('claims')];
  const out = [paint('bold', 'Readiness (verified share of items)')];
  for (const r of rows) {
    const filled = r.bar.replace(/░+$/, '');
    const shown = `${paint('green', filled)}${paint('dim', r.bar.slice(filled.length))}`;
    out.push(`  ${pad(r.label, labels)}  ${shown}  ${r.percent.padStart(5)}  ${pad(r.items, items)}  ${pad(r.claims, claims)}  ${r.notStarted}`.trimEnd());
  }
  return out;
}
