/** What an Actions runner gives a step, made locally: the files it names and reading them back. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunnerFiles {
  dir: string;
  env: Record<string, string>;
  summary: string;
  output: string;
  temp: string;
}

/** GITHUB_STEP_SUMMARY and GITHUB_OUTPUT as empty temp files, RUNNER_TEMP a temp folder, the workspace. */
export async function runnerFiles(workspace: string): Promise<RunnerFiles> {
  const dir = await mkdtemp(join(tmpdir(), 'claimcheck-runner-'));
  const summary = join(dir, 'step_summary');
  const output = join(dir, 'output');
  const temp = await mkdtemp(join(dir, 'temp-'));
  await writeFile(summary, '');
  await writeFile(output, '');
  return {
    dir,
    summary,
    output,
    temp,
    env: { GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_WORKSPACE: workspace, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, RUNNER_TEMP: temp },
  };
}

/** GITHUB_OUTPUT read as the runner reads it: `name=value` lines and `name<<DELIMITER` blocks. */
export async function readOutputs(file: string): Promise<Record<string, string>> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const outputs: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      if (end === -1) throw new Error(`unterminated output ${heredoc[1]}`);
      outputs[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else {
      const eq = line.indexOf('=');
      if (eq === -1) throw new Error(`malformed output line: ${line}`);
      outputs[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return outputs;
}

/** A workflow command line, unescaped as the runner does: `{ command, properties, message }`. */
export function parseCommand(line: string): { command: string; properties: Record<string, string>; message: string } | null {
  const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) return null;
  const unescape = (text: string): string =>
    text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
  }
  return { command: match[1]!, properties, message: unescape(match[3]!) };
}

/**
 * The commands the runner would act on in a log: those outside `::stop-commands::TOKEN` …
 * `::TOKEN::` blocks.
 */
export function activeCommands(log: string): Array<NonNullable<ReturnType<typeof parseCommand>>> {
  const found: Array<NonNullable<ReturnType<typeof parseCommand>>> = [];
  let stoppedUntil: string | null = null;
  for (const line of log.split('\n')) {
    if (stoppedUntil !== null) {
      if (line === `::${stoppedUntil}::`) stoppedUntil = null;
      continue;
    }
    const command = parseCommand(line);
    if (!command) continue;
    if (command.command === 'stop-commands') stoppedUntil = command.message;
    else found.push(command);
  }
  return found;
}
