/**
 * A one-line progress indicator on stderr: the phase of the run (parsing, reading the repository,
 * checking N claims) and the seconds spent, redrawn in place. Only when stderr is a terminal and
 * only once a run has lasted `delayMs` (a quick run prints nothing); silent otherwise. The line is
 * erased when the run ends, so nothing is left on the terminal and stdout is never touched.
 */
import type { RepoReader } from '../repo/types.js';
import type { Io } from './io.js';

export interface Progress {
  /** The run entered a new phase (`reading the repository`). */
  phase(text: string): void;
  /** The run is over: the line is erased. */
  done(): void;
}

export interface ProgressOptions {
  /** Nothing is shown before the run has lasted this long (ms). */
  delayMs?: number;
  /** How often the shown line is redrawn (ms), so the seconds advance. */
  intervalMs?: number;
  now?: () => number;
}

export const SILENT_PROGRESS: Progress = { phase: () => undefined, done: () => undefined };
const CLEAR_LINE = '\r\x1b[2K';

export function createProgress(io: Pick<Io, 'stderr' | 'isTTY' | 'env'>, options: ProgressOptions = {}): Progress {
  if (!io.isTTY || io.env.TERM === 'dumb') return SILENT_PROGRESS;
  const { delayMs = 300, intervalMs = 250, now = Date.now } = options;
  const started = now();
  let current = 'starting';
  let shown = false;
  let finished = false;
  const draw = (): void => {
    if (finished || now() - started < delayMs) return;
    shown = true;
    const seconds = ((now() - started) / 1000).toFixed(1);
    io.stderr(`${CLEAR_LINE}claimcheck: ${current}… ${seconds}s`);
  };
  const timer = setInterval(draw, intervalMs);
  // the indicator must never keep the process alive
  timer.unref();
  return {
    phase(text) {
      current = text;
      draw();
    },
    done() {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      if (shown) io.stderr(CLEAR_LINE);
    },
  };
}

/**
 * The reader, reporting each round of reads as a phase; once the contents are read and no read is
 * pending, the run is checking (until a further read of ranges' history, if one follows).
 * Optional methods stay absent when the reader lacks them (the engine asks whether they exist).
 */
export function withProgress(reader: RepoReader, progress: Progress, claims: number): RepoReader {
  const pending: string[] = [];
  let contentsRead = false;
  const track = async <T>(label: string, read: () => Promise<T>): Promise<T> => {
    pending.push(label);
    progress.phase(label);
    try {
      return await read();
    } finally {
      pending.splice(pending.indexOf(label), 1);
      const still = pending.at(-1);
      if (still !== undefined) progress.phase(still);
      // checking is synchronous and starts as soon as the last read is in: say so now, not later
      else if (contentsRead) progress.phase(`checking ${claims === 1 ? '1 claim' : `${claims} claims`}`);
    }
  };
  const wrapped: RepoReader = {
    resolveRef: (revision) => track(`resolving ${revision}`, () => reader.resolveRef(revision)),
    readHistory: (needs) => track('reading the repository history', () => reader.readHistory(needs)),
    readContents: (wanted, trees) => {
      const files = [...wanted.values()].reduce((n, paths) => n + paths.size, 0);
      contentsRead = true;
      return track(`reading ${files === 1 ? '1 file' : `${files} files`}`, () => reader.readContents(wanted, trees));
    },
  };
  const { blameLines, readFileHistories } = reader;
  if (blameLines) wrapped.blameLines = (planPath, lines, ref) => track('finding where each range was written', () => blameLines.call(reader, planPath, lines, ref));
  if (readFileHistories) wrapped.readFileHistories = (from, to, paths) => track('following cited ranges through history', () => readFileHistories.call(reader, from, to, paths));
  return wrapped;
}
