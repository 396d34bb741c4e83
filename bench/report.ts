/**
 * The results as Markdown (tables and the targets, judged from the figures) for the terminal and
 * for the generated section of docs/performance.md, and the two plots. Pure.
 */
import type { GitHubRow } from './github.js';
import type { Breakdown, LocalRow } from './local.js';
import { formatSeconds, plotSvg } from './plot.js';

export interface Results {
  recordedAt: string;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; git: string; os: string; load: [number, number] };
  generator: { seed: number; files: number; commits: number; generatedInSeconds: number; reused: boolean };
  plans: Array<{ claims: number; items: number; reportClaims: number; citedCommits: number }>;
  local: { rows: LocalRow[]; breakdown: Breakdown[]; rssMethod: string } | null;
  github: { rows: GitHubRow[]; latencyMs: number; throttled: boolean } | null;
  /** Set when one face was not run this time and its figures come from an earlier record. */
  carriedOver?: string;
  totalSeconds: number;
}

export const MARK_START = '<!-- bench:results:start (written by `npm run bench`; edit outside these marks) -->';
export const MARK_END = '<!-- bench:results:end -->';

const s = formatSeconds;
const n = (v: number): string => v.toLocaleString('en-US');
const mb = (v: number | null): string => (v === null ? 'n/a' : `${Math.round(v)} MB`);
const x = (v: number): string => `${v >= 10 ? v.toFixed(0) : v.toFixed(1)}×`;

export function renderMarkdown(r: Results): string {
  const out: string[] = [];
  const m = r.machine;
  const busy = m.load.some((l) => l > m.cores) ? ` (above ${m.cores}: other work shared the cores, so times are high and noisy)` : '';
  out.push(`Recorded ${r.recordedAt} on ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}, Node ${m.node}, git ${m.git}; load average ${m.load[0].toFixed(1)} at the start, ${m.load[1].toFixed(1)} at the end${busy}.`);
  out.push(`Repository: ${n(r.generator.files)} files in ${n(r.generator.commits)} commits (seed ${r.generator.seed}, ${r.generator.reused ? 'reused' : `generated in ${s(r.generator.generatedInSeconds)}`}). The whole run took ${s(r.totalSeconds)}.${r.carriedOver ? ` **${r.carriedOver}.**` : ''}`);
  out.push('');
  if (r.local) out.push(...localSection(r.local));
  if (r.github) out.push(...githubSection(r.github));
  out.push(...targetsSection(r));
  return out.join('\n');
}

function localSection(local: NonNullable<Results['local']>): string[] {
  const out = ['### Local CLI', '', '| claims | claimcheck (median) | peak RSS | naive baseline | naive peak RSS | naive git processes | claimcheck is faster by | verdicts as expected |', '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |'];
  for (const ours of local.rows.filter((row) => row.design === 'claimcheck')) {
    const naive = local.rows.find((row) => row.design === 'naive' && row.claims === ours.claims);
    const naiveTime = naive ? `${s(naive.seconds)}${naive.sample ? ` (extrapolated: ${n(naive.sample.claims)} claims took ${s(naive.sample.seconds)})` : ''}` : '—';
    const mix = [ours, naive].every((row) => !row || row.mixDifferences.length === 0) ? 'yes' : `**no**: ${[...ours.mixDifferences, ...(naive?.mixDifferences ?? [])].slice(0, 3).join('; ')}`;
    out.push(`| ${n(ours.claims)} | ${s(ours.seconds)} | ${mb(ours.peakRssMb)} | ${naiveTime} | ${naive ? mb(naive.peakRssMb) : '—'} | ${naive?.gitProcesses !== undefined ? n(naive.gitProcesses) : '—'} | ${naive ? x(naive.seconds / ours.seconds) : '—'} | ${mix} |`);
  }
  out.push('', `Wall time is the median of ${describeRuns(local.rows)}; peak RSS by ${local.rssMethod} (the largest single process). Every run's verdict codes are compared with the ones the generator planted.`, '');
  out.push("Where claimcheck's time goes (one in-process run: parse the plan; reads through the RepoReader; checks, the rest of `verifyPlans`):", '', '| claims | parse | read | check |', '| ---: | ---: | ---: | ---: |');
  for (const b of local.breakdown) out.push(`| ${n(b.claims)} | ${s(b.parse)} | ${s(b.read)} | ${s(b.check)} |`);
  out.push('', '![Local CLI: time against claims](performance-local.svg)', '');
  return out;
}

function describeRuns(rows: LocalRow[]): string {
  const runs = (design: LocalRow['design']): string => [...new Set(rows.filter((r) => r.design === design).map((r) => r.runs.length))].join('/');
  return `${runs('claimcheck')} runs of claimcheck and ${runs('naive')} of the naive baseline per size`;
}

function githubSection(github: NonNullable<Results['github']>): string[] {
  const out = [
    `### GitHub face (fake GitHub, ${github.latencyMs} ms per request, Probot throttling ${github.throttled ? 'on' : 'off'})`,
    '',
    '| claims | design | requests | GraphQL | REST reads | of which commit pages | writes | round trips in sequence | requests per claim | wall time | fake GitHub CPU |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of github.rows) {
    const tag = row.extrapolatedFrom ? ` (extrapolated from ${n(row.extrapolatedFrom)})` : '';
    const design = row.design === 'app' ? 'the App, one push' : row.design;
    out.push(`| ${n(row.claims)} | ${design}${tag} | ${n(row.total)} | ${n(row.graphql)} | ${n(row.restReads)} | ${n(row.commitPages)} | ${n(row.writes)} | ${n(row.rounds)} | ${(row.total / row.claims).toFixed(2)} | ${s(row.seconds)} | ${s(row.fakeCpuSeconds)} |`);
  }
  out.push(
    '',
    'Counted by the fake: GraphQL is `POST /graphql`, REST reads are `GET`s (commit pages: `GET /repos/:o/:r/commits/:sha`, a commit\'s file list), writes anything else. `claimcheck` and `naive` rows are `verifyPlans` alone, which only reads; "the App, one push" is a whole delivery to the App as deployed, from the signed push to the completed check run: installation token (not counted), config, plan discovery, CI test reports, the reads, and the check run\'s writes. Round trips in sequence: requests whose time at the fake overlaps count once, so this is the depth the latency multiplies. "fake GitHub CPU" is the time the fake spent answering (its git processes not counted), which GitHub would spend on its side.',
    '',
  );
  const mixes = github.rows.filter((r) => !r.extrapolatedFrom && r.mixDifferences.length > 0);
  out.push(mixes.length === 0 ? 'Verdict codes came out as planted for every measured GitHub run.' : `**Verdicts differing from the plan**: ${mixes.map((r) => `${r.design} at ${n(r.claims)}: ${r.mixDifferences.slice(0, 3).join('; ')}`).join(' — ')}`, '');
  out.push('![GitHub face: time against claims](performance-github.svg)', '');
  return out;
}

function targetsSection(r: Results): string[] {
  const out = ['### Targets (issue 6)', '', '| target | measured | |', '| --- | --- | --- |'];
  const row = (target: string, measured: string, met: boolean | null): void => void out.push(`| ${target} | ${measured} | ${met === null ? 'not measured' : met ? 'met' : '**missed**'} |`);
  const local = r.local?.rows ?? [];
  const biggest = Math.max(...local.map((l) => l.claims), 0);
  const ours = local.find((l) => l.design === 'claimcheck' && l.claims === biggest);
  const naive = local.find((l) => l.design === 'naive' && l.claims === biggest);
  if (ours) {
    row(`${n(biggest)} claims in < 2 s (local)`, `${s(ours.seconds)}${ours.seconds >= 2 ? `, ${x(ours.seconds / 2)} over` : ''}`, ours.seconds < 2);
    if (naive) row('≥ 20× the naive baseline', `${x(naive.seconds / ours.seconds)} at ${n(biggest)} claims${naive.sample ? ' (naive extrapolated)' : ''}`, naive.seconds / ours.seconds >= 20);
    row('< 200 MB peak RSS', `${mb(ours.peakRssMb)} at ${n(biggest)} claims`, ours.peakRssMb === null ? null : ours.peakRssMb < 200);
    const growth = marginal(local.filter((l) => l.design === 'claimcheck'));
    if (growth) {
      const decade = ([a, b]: [number, number]): string => `${n(a)}→${n(b)}`;
      const ratio = growth.highSeconds / growth.lowSeconds;
      row(
        'cost growing linearly',
        `per 1,000 more claims: ${s(growth.lowSeconds)} and ${Math.round(growth.lowRss)} MB over ${decade(growth.low)}, ${s(growth.highSeconds)} and ${Math.round(growth.highRss)} MB over ${decade(growth.high)} (time per claim ${x(ratio)} as high)`,
        ratio <= 1.25 && growth.highRss <= Math.max(growth.lowRss, 0) * 1.25 + 2,
      );
    }
  }
  for (const g of (r.github?.rows ?? []).filter((g) => g.design === 'claimcheck' && g.claims <= 300)) {
    const cited = r.plans.find((p) => p.claims === g.claims)?.citedCommits ?? 0;
    const other = g.restReads - g.commitPages;
    row(
      `≤ 4 read round trips, plus one REST page per cited commit's file list (GitHub, ${n(g.claims)} claims)`,
      `${g.roundsBesideCommitPages} round trips in sequence besides the commit pages (${g.graphql} GraphQL, ${other} other REST ${other === 1 ? 'request' : 'requests'}); ${g.commitPages} commit pages for ${cited} cited commits`,
      g.roundsBesideCommitPages <= 4,
    );
  }
  const pushes = (r.github?.rows ?? []).filter((g) => g.design === 'app');
  const worst = pushes.reduce<GitHubRow | null>((w, g) => (w === null || g.writes > w.writes ? g : w), null);
  if (worst) {
    const each = pushes.map((g) => `${g.writes} at ${n(g.claims)} claims`).join(', ');
    row('≤ 3 writes per push', `${each} (the check run: created, then completed with its annotations)`, worst.writes <= 3);
  } else row('≤ 3 writes per push', 'no push to the App was measured in this run', null);
  out.push('');
  return out;
}

interface Marginal {
  /** The two decades compared: [from, to] claims. */
  low: [number, number];
  high: [number, number];
  /** Seconds and MB per 1,000 more claims over each decade. */
  lowSeconds: number;
  highSeconds: number;
  lowRss: number;
  highRss: number;
}

/**
 * Marginal cost per 1,000 claims, time and peak RSS, over the decade below the largest plan and
 * over the largest decade (100→1,000 and 1,000→10,000): linear growth keeps them about equal.
 */
function marginal(rows: LocalRow[]): Marginal | null {
  const sorted = [...rows].sort((a, b) => a.claims - b.claims);
  const top = sorted.at(-1);
  const mid = top && [...sorted].reverse().find((r) => r.claims * 10 <= top.claims);
  const bottom = mid && [...sorted].reverse().find((r) => r.claims * 10 <= mid.claims);
  if (!top || !mid || !bottom) return null;
  const per = (a: LocalRow, b: LocalRow, v: (r: LocalRow) => number): number => ((v(b) - v(a)) / (b.claims - a.claims)) * 1000;
  const rss = (r: LocalRow): number => r.peakRssMb ?? NaN;
  return {
    low: [bottom.claims, mid.claims],
    high: [mid.claims, top.claims],
    lowSeconds: per(bottom, mid, (r) => r.seconds),
    highSeconds: per(mid, top, (r) => r.seconds),
    lowRss: per(bottom, mid, rss),
    highRss: per(mid, top, rss),
  };
}

export function plots(r: Results): { local?: string; github?: string } {
  const out: { local?: string; github?: string } = {};
  const series = <T extends { claims: number; design: string; seconds: number }>(rows: T[], extrapolated: (row: T) => boolean) =>
    [
      { name: 'claimcheck', color: '#1d4ed8', points: rows.filter((x) => x.design === 'claimcheck') },
      { name: 'naive', color: '#c2410c', dashed: true, points: rows.filter((x) => x.design === 'naive') },
      { name: 'the App, one push', color: '#15803d', points: rows.filter((x) => x.design === 'app') },
    ].filter((line) => line.points.length > 0).map((line) => ({ ...line, points: line.points.map((p) => ({ x: p.claims, y: p.seconds, extrapolated: extrapolated(p) })) }));
  if (r.local) {
    out.local = plotSvg({ title: 'Local CLI: wall time against claims', xLabel: 'claims in the plan (log)', yLabel: 'seconds (log)', series: series(r.local.rows, (row) => row.sample !== undefined), goal: { y: 2, label: 'target at 10,000: 2 s' }, note: `${r.machine.cores} cores, ${r.recordedAt}` });
  }
  if (r.github) {
    out.github = plotSvg({ title: `GitHub face: wall time, ${r.github.latencyMs} ms per request`, xLabel: 'claims in the plan (log)', yLabel: 'seconds (log)', series: series(r.github.rows, (row) => row.extrapolatedFrom !== undefined), note: `fake GitHub on loopback, throttling ${r.github.throttled ? 'on' : 'off'}, ${r.recordedAt}` });
  }
  return out;
}

/** `doc` with the text between the marks replaced (the marks appended when absent). */
export function replaceMarked(doc: string, section: string): string {
  const start = doc.indexOf(MARK_START);
  const end = doc.indexOf(MARK_END);
  const block = `${MARK_START}\n\n${section.trim()}\n\n${MARK_END}`;
  if (start === -1 || end === -1 || end < start) return `${doc.trimEnd()}\n\n${block}\n`;
  return doc.slice(0, start) + block + doc.slice(end + MARK_END.length);
}
