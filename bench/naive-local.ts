/**
 * The naive local verifier: parse the plans, then for each claim run the git process it needs
 * (`git show <ref>:<path>` to read a file, `git show --numstat <id>` for a commit, `git merge-base
 * --is-ancestor` for its ancestry), one at a time, and judge the facts with claimcheck's own checks.
 *
 *   node naive-local.mjs PLAN... --repo DIR [--ref REV] [--limit CLAIMS]
 *
 * Prints one JSON object: the summary, the verdict codes, how many git processes ran, and the time
 * of each phase. `--limit` keeps a sample of about that many claims (every k-th item).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePlan } from '../src/plan/parse.js';
import type { Plan } from '../src/plan/types.js';
import type { FileChange } from '../src/repo/types.js';
import { verifyPlans } from '../src/verify/verify.js';
import { NaiveReader, type NaiveFetcher } from './naive-reader.js';
import { tallyCodes } from './tally.js';

/** One git process, run to its end; null when it fails (a missing object, a non-ancestor). */
function git(dir: string, args: string[]): Promise<Buffer | null> {
  return new Promise((done) => {
    execFile('git', args, { cwd: dir, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 }, (error, stdout) => done(error ? null : stdout));
  });
}

export function gitFetcher(dir: string, processes: { count: number }): NaiveFetcher {
  const run = (args: string[]): Promise<Buffer | null> => {
    processes.count++;
    return git(dir, args);
  };
  return {
    async resolveRef(revision) {
      const out = await run(['rev-parse', '--verify', '--end-of-options', `${revision}^{commit}`]);
      if (!out) throw new Error(`unknown revision '${revision}'`);
      return out.toString('utf8').trim();
    },
    readFile: (commit, path) => run(['show', `${commit}:${path}`]),
    async readCommit(id) {
      const out = await run(['show', '--no-renames', '--numstat', '--format=%H', '--diff-merges=first-parent', id, '--']);
      if (!out) return null;
      const [sha = '', ...rest] = out.toString('utf8').split('\n');
      const changes: FileChange[] = rest
        .filter((line) => line.includes('\t'))
        .map((line) => {
          const [added = '', removed = '', path = ''] = line.split('\t');
          return { path, added: added === '-' ? null : Number(added), removed: removed === '-' ? null : Number(removed) };
        });
      return { sha: sha.trim(), changes };
    },
    async isAncestor(sha, ref) {
      return (await run(['merge-base', '--is-ancestor', sha, ref])) !== null;
    },
  };
}

/**
 * About `limit` claims of the plans: every k-th item, so the sample mixes the plan's kinds of items
 * as the whole plan does (a plan's first items are often all of one kind).
 */
export function samplePlans(plans: Plan[], limit: number): Plan[] {
  const total = plans.reduce((n, p) => n + p.items.reduce((m, i) => m + i.claims.length, 0), 0);
  const step = Math.max(1, total / limit);
  let index = 0;
  let next = 0;
  return plans.map((plan) => ({
    ...plan,
    items: plan.items.filter(() => {
      const keep = index >= next;
      if (keep) next += step;
      index++;
      return keep;
    }),
  }));
}

async function main(argv: string[]): Promise<void> {
  const args = [...argv];
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at === -1 ? undefined : args.splice(at, 2)[1];
  };
  const repo = resolve(option('--repo') ?? '.');
  const ref = option('--ref') ?? 'HEAD';
  const limit = option('--limit');
  const started = performance.now();
  let plans = args.map((file) => parsePlan(resolve(file).slice(repo.length + 1), readFileSync(resolve(file), 'utf8')));
  const parsed = performance.now();
  const total = plans.reduce((n, p) => n + p.items.reduce((m, i) => m + i.claims.length, 0), 0);
  if (limit !== undefined) plans = samplePlans(plans, Number(limit));
  const processes = { count: 0 };
  const reader = new NaiveReader(plans, gitFetcher(repo, processes));
  let readSeconds = 0;
  const readHistory = reader.readHistory.bind(reader);
  reader.readHistory = async (needs) => {
    const start = performance.now();
    const history = await readHistory(needs);
    readSeconds = (performance.now() - start) / 1000;
    return history;
  };
  const report = await verifyPlans(plans, reader, { ref });
  const done = performance.now();
  const claims = plans.reduce((n, p) => n + p.items.reduce((m, i) => m + i.claims.length, 0), 0);
  const result = {
    claims,
    planClaims: total,
    summary: report.summary,
    codes: tallyCodes(report),
    processes: processes.count,
    counts: reader.counts,
    phases: { parse: (parsed - started) / 1000, read: readSeconds, check: (done - parsed) / 1000 - readSeconds },
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

if (process.argv[1] && /naive-local\.(?:ts|mjs|js)$/.test(process.argv[1])) {
  main(process.argv.slice(2)).catch((error: Error) => {
    process.stderr.write(`naive-local: ${error.message}\n`);
    process.exitCode = 2;
  });
}
