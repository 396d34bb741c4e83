import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { createProgress, withProgress } from '../../src/cli/progress.js';
import type { RepoReader } from '../../src/repo/types.js';

const CLEAR = '\r\x1b[2K';

function fakeIo(isTTY: boolean | undefined, env: Record<string, string> = {}): { io: { stderr: (t: string) => void; isTTY?: boolean; env: typeof env }; written: string[] } {
  const written: string[] = [];
  return { io: { stderr: (t) => void written.push(t), ...(isTTY === undefined ? {} : { isTTY }), env }, written };
}

/** A clock the test moves by hand. */
function clock(start = 1_000): { now: () => number; at: (ms: number) => void } {
  let t = start;
  return { now: () => t, at: (ms) => void (t = start + ms) };
}

afterEach(() => {
  jest.useRealTimers();
});

describe('createProgress', () => {
  it('writes nothing when stderr is not a terminal, or when that is not known', () => {
    for (const isTTY of [false, undefined]) {
      const { io, written } = fakeIo(isTTY);
      const progress = createProgress(io, { delayMs: 0 });
      progress.phase('parsing 1 plan');
      progress.phase('checking 3 claims');
      progress.done();
      expect(written).toEqual([]);
    }
  });

  it('writes nothing on a dumb terminal', () => {
    const { io, written } = fakeIo(true, { TERM: 'dumb' });
    const progress = createProgress(io, { delayMs: 0 });
    progress.phase('parsing 1 plan');
    progress.done();
    expect(written).toEqual([]);
  });

  it('on a terminal, redraws one line per phase with the seconds spent, and erases it at the end', () => {
    const time = clock();
    const { io, written } = fakeIo(true);
    const progress = createProgress(io, { delayMs: 0, intervalMs: 60_000, now: time.now });
    progress.phase('parsing 2 plans');
    time.at(1_500);
    progress.phase('reading 7 files');
    progress.done();
    progress.done();
    expect(written).toEqual([`${CLEAR}claimcheck: parsing 2 plans… 0.0s`, `${CLEAR}claimcheck: reading 7 files… 1.5s`, CLEAR]);
    expect(written.join('')).not.toContain('\n');
  });

  it('stays silent on a quick run, and starts once the run has lasted the delay', () => {
    const time = clock();
    const quick = fakeIo(true);
    const fast = createProgress(quick.io, { delayMs: 300, intervalMs: 60_000, now: time.now });
    fast.phase('parsing 1 plan');
    time.at(200);
    fast.phase('checking 1 claim');
    fast.done();
    expect(quick.written).toEqual([]);

    const later = clock();
    const slow = fakeIo(true);
    const progress = createProgress(slow.io, { delayMs: 300, intervalMs: 60_000, now: later.now });
    progress.phase('parsing 1 plan');
    later.at(450);
    progress.phase('reading the repository history');
    progress.done();
    expect(slow.written).toEqual([`${CLEAR}claimcheck: reading the repository history… 0.5s`, CLEAR]);
  });

  it('advances on its own while a phase lasts, and stops when done', () => {
    jest.useFakeTimers();
    const time = clock();
    const { io, written } = fakeIo(true);
    const progress = createProgress(io, { delayMs: 300, intervalMs: 250, now: time.now });
    progress.phase('reading 2 files');
    time.at(250);
    jest.advanceTimersByTime(250);
    expect(written).toEqual([]);
    time.at(500);
    jest.advanceTimersByTime(250);
    time.at(750);
    jest.advanceTimersByTime(250);
    expect(written).toEqual([`${CLEAR}claimcheck: reading 2 files… 0.5s`, `${CLEAR}claimcheck: reading 2 files… 0.8s`]);
    progress.done();
    time.at(2_000);
    jest.advanceTimersByTime(2_000);
    expect(written.at(-1)).toBe(CLEAR);
    expect(written).toHaveLength(3);
  });
});

describe('withProgress', () => {
  function reader(withHistoryFacts: boolean, log: string[]): RepoReader {
    const base: RepoReader = {
      resolveRef: async (rev) => (log.push(`resolve ${rev}`), 'a'.repeat(40)),
      readHistory: async () => (log.push('history'), { ref: 'a'.repeat(40), trees: new Map(), commits: new Map() }) as never,
      readContents: async () => (log.push('contents'), new Map()),
    };
    if (!withHistoryFacts) return base;
    return {
      ...base,
      blameLines: async () => (log.push('blame'), new Map()),
      readFileHistories: async () => (log.push('histories'), new Map()),
    };
  }

  it('reports each round of reads, then checking N claims once nothing is pending', async () => {
    const phases: string[] = [];
    const log: string[] = [];
    const wrapped = withProgress(reader(true, log), { phase: (t) => void phases.push(t), done: () => undefined }, 12);
    await wrapped.resolveRef('HEAD');
    await wrapped.readHistory({} as never);
    await Promise.all([
      wrapped.readContents(new Map([['c', new Set(['a.ts', 'b.ts'])], ['d', new Set(['a.ts'])]]), new Map()),
      wrapped.blameLines!('docs/PLAN.md', [3], 'HEAD').then(() => wrapped.readFileHistories!('x', 'y', ['a.ts'])),
    ]);
    expect(log).toEqual(['resolve HEAD', 'history', 'contents', 'blame', 'histories']);
    expect(phases[0]).toBe('resolving HEAD');
    expect(phases).toContain('reading the repository history');
    expect(phases).toContain('reading 3 files');
    expect(phases).toContain('finding where each range was written');
    expect(phases).toContain('following cited ranges through history');
    expect(phases.at(-1)).toBe('checking 12 claims');
    expect(phases.indexOf('checking 12 claims')).toBeGreaterThan(phases.indexOf('reading 3 files'));
  });

  it('keeps optional reads absent when the reader has none', () => {
    const wrapped = withProgress(reader(false, []), { phase: () => undefined, done: () => undefined }, 1);
    expect(wrapped.blameLines).toBeUndefined();
    expect(wrapped.readFileHistories).toBeUndefined();
  });
});
