/** Parsed benchmark plans, parsed once per process (a 10,000-claim plan takes seconds to parse). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../src/plan/parse.js';
import type { Plan } from '../src/plan/types.js';

const parsed = new Map<string, { plan: Plan; parseSeconds: number }>();

export function loadPlan(dir: string, planPath: string): { plan: Plan; parseSeconds: number } {
  const key = join(dir, planPath);
  let entry = parsed.get(key);
  if (!entry) {
    const text = readFileSync(key, 'utf8');
    const started = performance.now();
    const plan = parsePlan(planPath, text);
    entry = { plan, parseSeconds: (performance.now() - started) / 1000 };
    parsed.set(key, entry);
  }
  return entry;
}
