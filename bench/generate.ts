/**
 * Generates the benchmark repository: 10,000 files (Python, TypeScript and Go modules with their
 * tests) in a few hundred commits, plus plans of 100, 300, 1,000 and 10,000 claims committed on top.
 * Seeded: the same seed gives the same files, shas and plans. A generated repository is reused
 * when its manifest matches (seed and generator version).
 *
 *   node --import tsx bench/generate.ts [folder]   (default: $TMPDIR/claimcheck-bench-<seed>)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parsePlan } from '../src/plan/parse.js';
import { writePlan, type PlanFacts } from './plans.js';
import { Random } from './random.js';
import { AUTHOR, buildModel, COMMIT_EPOCH, writeRepository } from './repository.js';

/** Bump when the generator's output changes, so cached repositories are rebuilt. */
const GENERATOR_VERSION = 2;
export const DEFAULT_SEED = 20261125;
/** 300: the plan size the GitHub target is stated for. */
export const PLAN_SIZES = [100, 300, 1000, 10000] as const;

export interface Manifest {
  version: number;
  seed: number;
  dir: string;
  /** The head of main: the commit that adds the plans. */
  head: string;
  files: number;
  commits: number;
  plans: PlanFacts[];
  generatedInSeconds: number;
  /** True when an earlier run's repository was reused (not stored). */
  reused?: boolean;
}

export function defaultBenchDir(seed = DEFAULT_SEED): string {
  return join(tmpdir(), `claimcheck-bench-${seed}`);
}

export function generateBenchRepository(dir = defaultBenchDir(), seed = DEFAULT_SEED, log: (line: string) => void = () => undefined): Manifest {
  const manifestPath = join(dir, '.git', 'bench-manifest.json');
  if (existsSync(manifestPath)) {
    const cached = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (cached.version === GENERATOR_VERSION && cached.seed === seed) {
      log(`reusing the generated repository in ${dir}`);
      return { ...cached, reused: true };
    }
  }
  const started = performance.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const random = new Random(seed);
  const model = buildModel(random);
  log(`writing ${model.modules.length * 2} files in ${model.commits.length} commits with git fast-import`);
  const shas = writeRepository(dir, model);
  const abbrev = abbreviations(dir, shas);
  const missingIds = idsNamingNothing(dir, new Random(seed + 1), 64);
  const plans: PlanFacts[] = [];
  for (const size of PLAN_SIZES) {
    const { text, facts } = writePlan(size, { random: new Random(seed + size), model, shas, abbrev, missingIds });
    const parsed = parsePlan(facts.path, text).items.reduce((n, item) => n + item.claims.length, 0);
    if (parsed !== facts.claims) throw new Error(`generator bug: ${facts.path} was built with ${facts.claims} claims but parses to ${parsed}`);
    mkdirSync(join(dir, 'plans'), { recursive: true });
    writeFileSync(join(dir, facts.path), text);
    plans.push(facts);
  }
  const when = `${COMMIT_EPOCH + (model.commits.length + 1) * 3600} +0000`;
  const [name, email] = [AUTHOR.replace(/ <.*/, ''), AUTHOR.replace(/.*<(.*)>/, '$1')];
  const env = { ...process.env, GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when };
  execFileSync('git', ['add', 'plans'], { cwd: dir, env });
  execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '--no-verify', '-m', 'Plans: remediation master plans for the benchmark'], { cwd: dir, env });
  const head = git(dir, ['rev-parse', 'HEAD']).trim();
  const files = Number(git(dir, ['ls-files']).split('\n').filter(Boolean).length);
  const manifest: Manifest = { version: GENERATOR_VERSION, seed, dir, head, files, commits: model.commits.length + 1, plans, generatedInSeconds: (performance.now() - started) / 1000 };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return { ...manifest, reused: false };
}

/** The shortest unique abbreviation (at least 7 digits) of each commit, from one `git log`. */
function abbreviations(dir: string, shas: string[]): string[] {
  const out = git(dir, ['log', '--all', '--abbrev=7', '--format=%H %h']);
  const short = new Map(out.split('\n').filter(Boolean).map((line) => line.split(' ') as [string, string]));
  return shas.map((sha) => short.get(sha)!);
}

/** Random 7-digit ids that name no object at all (checked with one `cat-file --batch-check`). */
function idsNamingNothing(dir: string, random: Random, count: number): string[] {
  const candidates = Array.from({ length: count * 2 }, () => random.hex(7));
  const answers = execFileSync('git', ['cat-file', '--batch-check'], { cwd: dir, input: candidates.join('\n') + '\n' }).toString('utf8').split('\n');
  return candidates.filter((_, i) => answers[i]?.endsWith(' missing')).slice(0, count);
}

function git(dir: string, args: string[]): string {
  return execFileSync('git', args, { cwd: dir, maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const manifest = generateBenchRepository(process.argv[2] ?? defaultBenchDir(), DEFAULT_SEED, (line) => console.error(line));
  console.log(JSON.stringify(manifest, null, 2));
}
