/** The terminal report: one line per item, its failing claims under it, a summary. Pure. */
import { styleText } from 'node:util';
import type { Verdict } from '../plan/types.js';
import type { Report } from '../verify/report.js';
import { jsonKind } from './json.js';

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
  const s = report.summary;
  out.push(
    `${s.items} items, ${s.claims} claims: ${paint('green', `${s.verified} verified`)}, ${paint('red', `${s.unverified} unverified`)}, ${paint('yellow', `${s.unknown} unknown`)}`,
  );
  return out.join('\n') + '\n';
}
