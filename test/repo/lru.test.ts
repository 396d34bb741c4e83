import { describe, expect, it } from '@jest/globals';
import { LruCache } from '../../src/repo/lru.js';

describe('LruCache', () => {
  it('evicts the least recently used entries once the budget is exceeded', () => {
    const cache = new LruCache<string, number>(3);
    cache.set('a', 1).set('b', 2).set('c', 3);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('d', 4);
    expect(cache.has('b')).toBe(false);
    expect([...['a', 'c', 'd']].map((k) => cache.get(k))).toEqual([1, 3, 4]);
    expect(cache.size).toBe(3);
  });

  it('weighs entries: one heavy value pushes out several light ones, and never exceeds the budget', () => {
    const cache = new LruCache<string, string>(10, (v) => v.length);
    cache.set('a', 'xxx').set('b', 'xxx').set('c', 'xxx');
    cache.set('d', 'xxxxxxx');
    expect(cache.has('a')).toBe(false);
    expect(cache.has('b')).toBe(false);
    expect(cache.weight).toBeLessThanOrEqual(10);
    expect(cache.get('d')).toBe('xxxxxxx');
  });

  it('does not keep a value heavier than the whole budget, and replacing a key reweighs it', () => {
    const cache = new LruCache<string, string>(5, (v) => v.length);
    cache.set('big', 'xxxxxx');
    expect(cache.has('big')).toBe(false);
    cache.set('k', 'xx').set('k', 'xxxx');
    expect(cache.weight).toBe(4);
    cache.delete('k');
    expect(cache.weight).toBe(0);
    cache.set('k', 'x');
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
