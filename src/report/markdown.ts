/** The Markdown report (PR comments, job summaries): a table per plan, then what failed. Pure. */
import type { Verdict } from '../plan/types.js';
import type { Report } from '../verify/report.js';
import { jsonKind } from './json.js';
import { readinessMarkdown, readinessOf } from './readiness.js';

const ICON: Record<Verdict, string> = { verified: '✅', unverified: '❌', unknown: '❔' };

/** Table cells must not break the table: pipes escaped, newlines folded. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

export function renderMarkdown(report: Report): string {
  const s = report.summary;
  const out: string[] = [
    `## claimcheck: ${s.verified}/${s.claims} claims verified · ${s.unverified} unverified · ${s.unknown} unknown`,
    '',
    `Verified at \`${report.ref.slice(0, 7)}\`.`,
  ];
  const readiness = readinessMarkdown(readinessOf(report), { heading: '###', escape: (text) => cell(text) });
  if (readiness) out.push('', readiness);
  for (const plan of report.plans) {
    out.push('', `### \`${plan.path}\``, '');
    if (plan.items.length === 0) {
      out.push('No items with evidence found.');
      continue;
    }
    out.push('| Item | Title | Verdict | Verified | Unverified | Unknown |', '| --- | --- | --- | ---: | ---: | ---: |');
    for (const { item, verdict, claims } of plan.items) {
      const count = (v: Verdict): number => claims.filter((c) => c.verdict === v).length;
      out.push(`| ${cell(item.id)} | ${cell(item.title)} | ${ICON[verdict]} ${verdict} | ${count('verified')} | ${count('unverified')} | ${count('unknown')} |`);
    }
    const failing = plan.items.flatMap(({ item, claims }) => claims.filter((c) => c.verdict !== 'verified').map((c) => ({ item, c })));
    failing.sort((a, b) => (a.c.verdict === b.c.verdict ? 0 : a.c.verdict === 'unverified' ? -1 : 1));
    if (failing.length > 0) out.push('');
    for (const { item, c } of failing) {
      out.push(`- ${ICON[c.verdict]} **${cell(item.id)}** line ${c.claim.line}: ${jsonKind(c.claim)} \`${c.claim.text.replace(/`/g, "'")}\` — \`${c.code}\`: ${c.reason}`);
    }
  }
  return out.join('\n') + '\n';
}
