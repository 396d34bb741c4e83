/**
 * A RepoReader wrapper that measures how long reads took: the union of the intervals during which
 * any of its asynchronous methods was in flight. A Proxy, so methods the port gains later are timed too.
 */
import type { RepoReader } from '../src/repo/types.js';

export interface ReadClock {
  /** Seconds during which at least one read was in flight. */
  seconds(): number;
}

export function timedReader<R extends RepoReader>(reader: R): { reader: R; clock: ReadClock } {
  const intervals: Array<[number, number]> = [];
  const proxy = new Proxy(reader, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const start = performance.now();
        const result: unknown = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.finally(() => intervals.push([start, performance.now()]));
      };
    },
  });
  const clock: ReadClock = {
    seconds() {
      let total = 0;
      let end = -Infinity;
      for (const [s, e] of [...intervals].sort((a, b) => a[0] - b[0])) {
        if (e <= end) continue;
        total += e - Math.max(s, end);
        end = e;
      }
      return total / 1000;
    },
  };
  return { reader: proxy, clock };
}
