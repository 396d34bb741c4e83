/**
 * `npm run bench`: generates (or reuses) the synthetic repository, runs the local and GitHub
 * benchmarks, prints the tables, and writes bench/results.json, docs/performance-local.svg,
 * docs/performance-github.svg and the generated section of docs/performance.md.
 *
 *   npm run bench [-- --only local|github] [--quick] [--no-write] [--dir DIR] [--render-only]
 *
 * --quick: one run per size, the naive GitHub reader and the App push on 100 claims only: a smoke test, never
 *   written (it is not a record).
 * --only: the other face's figures are carried over from bench/results.json, and the page says so.
 * --render-only: rewrite the docs section and the plots from bench/results.json, running nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCommitId } from '../src/plan/notation.js';
import { defaultBenchDir, DEFAULT_SEED, generateBenchRepository } from './generate.js';
import { benchGitHub, DEFAULT_GITHUB_OPTIONS } from './github.js';
import { benchLocal, DEFAULT_LOCAL_OPTIONS } from './local.js';
import { loadPlan } from './plan-cache.js';
import { plots, renderMarkdown, replaceMarked, type Results } from './report.js';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

async function main(argv: string[]): Promise<void> {
  const flag = (name: string): boolean => argv.includes(name);
  const value = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const only = value('--only');
  if (only !== undefined && only !== 'local' && only !== 'github') throw new Error(`--only takes local or github, not '${only}'`);
  const quick = flag('--quick');
  const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
  if (flag('--render-only')) {
    const recorded = JSON.parse(readFileSync(join(projectRoot, 'bench', 'results.json'), 'utf8')) as Results;
    process.stdout.write(`\n${renderMarkdown(recorded)}\n`);
    if (!flag('--no-write')) write(recorded);
    return;
  }
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;

  const dir = value('--dir') ?? defaultBenchDir();
  const manifest = generateBenchRepository(dir, DEFAULT_SEED, log);
  log(`repository ${manifest.dir}: ${manifest.files} files, ${manifest.commits} commits; plans of ${manifest.plans.map((p) => p.claims).join(', ')} claims`);

  const local =
    only === 'github'
      ? null
      : await benchLocal(manifest, projectRoot, { ...DEFAULT_LOCAL_OPTIONS, ...(quick ? { oursRuns: () => 1, naiveRuns: () => 1, naiveSample: 300 } : {}), log });
  const github = only === 'local' ? null : await benchGitHub(manifest, projectRoot, { ...DEFAULT_GITHUB_OPTIONS, ...(quick ? { naiveSizes: [100], appSizes: [100] } : {}), log });

  const previousPath = join(projectRoot, 'bench', 'results.json');
  const previous = only && existsSync(previousPath) ? (JSON.parse(readFileSync(previousPath, 'utf8')) as Results) : null;
  const carried = previous && (only === 'local' ? previous.github : previous.local) ? `${only === 'local' ? 'GitHub' : 'local'} figures carried over from the run of ${previous.recordedAt}` : undefined;
  const results: Results = {
    recordedAt: new Date().toISOString().slice(0, 10),
    machine: {
      cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
      cores: cpus().length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      git: execFileSync('git', ['--version']).toString('utf8').replace('git version', '').trim(),
      os: `${type()} ${release()}`,
      load: [loadAtStart, loadavg()[0]!],
    },
    generator: { seed: manifest.seed, files: manifest.files, commits: manifest.commits, generatedInSeconds: manifest.generatedInSeconds, reused: manifest.reused ?? false },
    plans: manifest.plans.map((p) => ({
      claims: p.claims,
      items: p.items,
      reportClaims: Object.values(p.expected).reduce((a, b) => a + b, 0),
      citedCommits: citedCommits(manifest.dir, p.path),
    })),
    local: local ?? (only === 'github' ? (previous?.local ?? null) : null),
    github: github ?? (only === 'local' ? (previous?.github ?? null) : null),
    ...(carried ? { carriedOver: carried } : {}),
    totalSeconds: (performance.now() - started) / 1000,
  };
  const markdown = renderMarkdown(results);
  process.stdout.write(`\n${markdown}\n`);
  const wrong = [...(local?.rows ?? []), ...(github?.rows ?? [])].filter((row) => row.mixDifferences.length > 0);
  for (const row of wrong) log(`WRONG VERDICTS: ${row.design} at ${row.claims} claims: ${row.mixDifferences.join('; ')}`);
  // the figures are still written (with the mismatch in the tables), but the run fails
  if (wrong.length > 0) process.exitCode = 1;
  if (flag('--no-write') || quick) {
    if (quick) log('a --quick run is a smoke test: nothing written');
    return;
  }
  writeFileSync(previousPath, JSON.stringify(results, null, 2) + '\n');
  write(results);
  log(`wrote bench/results.json, docs/performance.md (generated section) and the plots in ${results.totalSeconds.toFixed(0)} s`);
}

/** The plots, and the generated section of docs/performance.md. */
function write(results: Results): void {
  const svg = plots(results);
  if (svg.local) writeFileSync(join(projectRoot, 'docs', 'performance-local.svg'), svg.local);
  if (svg.github) writeFileSync(join(projectRoot, 'docs', 'performance-github.svg'), svg.github);
  const docPath = join(projectRoot, 'docs', 'performance.md');
  const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Performance\n';
  writeFileSync(docPath, replaceMarked(doc, renderMarkdown(results)));
}

/** Distinct commit ids a plan cites (commit claims and permalinks): each may cost one REST page. */
function citedCommits(dir: string, planPath: string): number {
  const { plan } = loadPlan(dir, planPath);
  const ids = new Set<string>();
  for (const item of plan.items) {
    for (const claim of item.claims) {
      if (claim.kind === 'commit' && isCommitId(claim.sha)) ids.add(claim.sha);
      if ((claim.kind === 'file' || claim.kind === 'range') && claim.pin?.sha) ids.add(claim.pin.sha);
    }
  }
  return ids.size;
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`bench: ${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
