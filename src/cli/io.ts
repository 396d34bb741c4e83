/** The CLI's contact with the world, injectable so tests run it in-process. */

export const EXIT = {
  /** No claim unverified (nor unknown, with `fail_on: unknown`). */
  ok: 0,
  /** At least one claim unverified. */
  failed: 1,
  /** Usage or input error: bad arguments, plan not found, not a repository, unknown ref, bad config. */
  usage: 2,
  /** claimcheck itself failed (a bug): one line, details with CLAIMCHECK_DEBUG=1. */
  internal: 3,
} as const;

export interface Io {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colour only on a terminal. */
  color: boolean;
  /** stderr is a terminal: a progress line is drawn there on long runs (absent: it is not). */
  isTTY?: boolean;
  env: Record<string, string | undefined>;
}

export function processIo(): Io {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
  };
}
