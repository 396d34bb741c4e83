/**
 * The 1,000-delivery soak (`npm run soak`): good pushes, forged signatures and redeliveries at
 * the App's real server, the fake GitHub failing 10 % of its requests. Prints the figures and
 * writes them between the soak marks of docs/operations.md. Exits 1 when a delivery was lost,
 * a success was false, a redelivery was handled twice or the heap kept growing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runSoak } from '../test/helpers/soak.js';

const DELIVERIES = Number(process.env['SOAK_DELIVERIES'] ?? 1000);
const result = await runSoak({ deliveries: DELIVERIES, faultRate: 0.1, seed: 2026 });
const [first, , , last] = result.heap;
const growth = last && first ? last.heapUsedMb - first.heapUsedMb : 0;
const problems = [
  result.outcomes.lost > 0 && `${result.outcomes.lost} deliveries lost`,
  result.outcomes.success > 0 && `${result.outcomes.success} false successes`,
  result.duplicateRuns > 0 && `${result.duplicateRuns} redeliveries handled twice`,
  growth > 50 && `the heap grew ${growth.toFixed(1)} MB from the first quarter to the last`,
].filter(Boolean);

const lines = [
  `Recorded ${new Date().toISOString().slice(0, 10)} on the development machine (2 cores), ${DELIVERIES} deliveries, 24 in flight, seed 2026${(globalThis as { gc?: unknown }).gc ? ', heap measured after a full GC' : ''}:`,
  '',
  '| figure | value |',
  '| --- | --- |',
  `| deliveries | ${result.deliveries.good} good pushes, ${result.deliveries.forged} forged signatures, ${result.deliveries.redelivered} redeliveries |`,
  `| GitHub requests | ${result.requests}, of which ${result.faultsInjected} answered 500/502/504 on purpose |`,
  `| good pushes concluded | ${result.outcomes.failure} failure (the plan's true verdict), ${result.outcomes.neutral} neutral, ${result.outcomes.unreportable} could not even be reported (logged) |`,
  `| false successes · lost deliveries · redeliveries handled twice | ${result.outcomes.success} · ${result.outcomes.lost} · ${result.duplicateRuns} |`,
  `| HTTP answers | good: ${statuses(result.statuses['good'])}; forged: ${statuses(result.statuses['forged'])}; redelivered: ${statuses(result.statuses['redelivered'])} |`,
  `| heap used after each quarter | ${result.heap.map((h) => `${h.heapUsedMb} MB`).join(' → ')} (RSS ${result.heap.map((h) => `${h.rssMb}`).join(' → ')} MB) |`,
  `| wall time | ${result.seconds.toFixed(0)} s |`,
  '',
  problems.length ? `**Problems:** ${problems.join('; ')}.` : 'No crash, no false success, no lost delivery, no redelivery handled twice; memory flat.',
];
process.stdout.write(lines.join('\n') + '\n');

const doc = 'docs/operations.md';
const start = '<!-- soak:start (written by `npm run soak`) -->';
const end = '<!-- soak:end -->';
const text = readFileSync(doc, 'utf8');
const at = text.indexOf(start);
const section = `${start}\n${lines.join('\n')}\n${end}`;
writeFileSync(doc, at === -1 ? `${text.trimEnd()}\n\n${section}\n` : text.slice(0, at) + section + text.slice(text.indexOf(end) + end.length));
process.exitCode = problems.length ? 1 : 0;

function statuses(byStatus: Record<number, number> | undefined): string {
  return Object.entries(byStatus ?? {}).map(([status, n]) => `${n}× ${status}`).join(', ') || 'none';
}
