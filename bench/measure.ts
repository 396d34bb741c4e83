/**
 * Runs a command as a child process and measures it: wall time (this process's clock) and peak
 * resident memory (GNU time's %M when /usr/bin/time exists, else the child's VmHWM polled from
 * /proc). Peak RSS is that of the largest single process, node or git, not their sum.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Sample {
  seconds: number;
  peakRssMb: number | null;
  exitCode: number;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';
export const RSS_METHOD = existsSync(GNU_TIME) ? 'GNU time %M' : '/proc VmHWM, polled every 10 ms';

export async function measure(command: string, args: string[], cwd: string): Promise<Sample> {
  const rssFile = join(tmpdir(), `claimcheck-bench-rss-${process.pid}-${Date.now()}`);
  const useTime = existsSync(GNU_TIME);
  const [file, argv] = useTime ? [GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args]] : [command, args];
  const started = performance.now();
  const child = spawn(file, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let peakKb = 0;
  const poll = useTime ? null : setInterval(() => (peakKb = Math.max(peakKb, vmHwmKb(child.pid))), 10);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => stdout.push(c));
  child.stderr.on('data', (c: Buffer) => stderr.push(c));
  const exitCode = await new Promise<number>((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done(code ?? -1));
  });
  const seconds = (performance.now() - started) / 1000;
  if (poll) clearInterval(poll);
  if (useTime && existsSync(rssFile)) {
    // GNU time writes "Command exited with non-zero status N" before the figure
    const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
    peakKb = Number(lines[lines.length - 1]);
    rmSync(rssFile, { force: true });
  }
  return { seconds, peakRssMb: peakKb > 0 ? peakKb / 1024 : null, exitCode, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
}

function vmHwmKb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Compiles a bench script, the engine code and the packages it imports into one ES module, so it
 * starts as the built CLI does (one bundled file, no TypeScript loader at run time). Written under
 * node_modules/.cache. Returns the file to run.
 */
export async function bundle(entry: string, projectRoot: string): Promise<string> {
  const { build } = await import('esbuild');
  const outdir = join(projectRoot, 'node_modules', '.cache', 'claimcheck-bench');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, entry.replace(/^.*\//, '').replace(/\.ts$/, '.mjs'));
  // dependencies bundled too, as scripts/bundle-cli.mjs bundles the CLI: both start from one file
  const banner = { js: "import { createRequire as benchRequire } from 'node:module'; const require = benchRequire(import.meta.url);" };
  await build({ entryPoints: [join(projectRoot, entry)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', banner, logLevel: 'error' });
  return outfile;
}
