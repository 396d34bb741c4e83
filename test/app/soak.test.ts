/**
 * A short soak (the 1,000-delivery run is `npm run soak`, its figures in docs/operations.md):
 * good, forged and redelivered deliveries at the real server while the fake GitHub fails 10 % of
 * its requests. No crash, no false success, no lost delivery, no redelivery handled twice.
 */
import { describe, expect, it } from '@jest/globals';
import { runSoak } from '../helpers/soak.js';

describe('soak: 150 deliveries, 10 % of GitHub requests failing', () => {
  it('concludes every good delivery failure (its true verdict) or neutral, never success, and loses none', async () => {
    const result = await runSoak({ deliveries: 150, faultRate: 0.1, seed: 11 });
    expect(result.faultsInjected).toBeGreaterThan(10);
    expect(result.outcomes.success).toBe(0);
    expect(result.outcomes.lost).toBe(0);
    expect(result.outcomes.failure + result.outcomes.neutral + result.outcomes.unreportable).toBe(result.deliveries.good);
    // faults were retried away most of the time: most deliveries still got their real verdict
    expect(result.outcomes.failure).toBeGreaterThan(result.outcomes.neutral);
    expect(result.duplicateRuns).toBe(0);
    expect(Object.keys(result.statuses['forged']!)).toEqual(['400']);
    // 200, or 202 when the App answers before it is done (GitHub waits 10 s)
    expect(Object.keys(result.statuses['good']!).every((status) => Number(status) < 300)).toBe(true);
    expect(Object.keys(result.statuses['redelivered']!).every((status) => Number(status) < 300)).toBe(true);
  }, 180_000);
});
