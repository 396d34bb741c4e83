/**
 * Entry point of the plan parser: Markdown or YAML by extension, within the limits of limits.ts
 * (size, nesting, items, claims, time). Pure, except for the clock the time limit reads.
 */
import { checkMarkdownNesting, checkPlanSize, checkPlanText, PLAN_LIMITS, withTimeLimit, type PlanLimits } from './limits.js';
import { parseMarkdownPlan } from './markdown.js';
import { parseYamlPlan } from './yaml.js';
import type { Plan } from './types.js';

const MARKDOWN_SLOWDOWN = ' (the Markdown parser slows down on thousands of unmatched emphasis or link marks in one paragraph)';

/** The plan in `text`; a PlanError (one line) when it cannot be read or lies past a limit. */
export function parsePlan(path: string, text: string, limits: Partial<PlanLimits> = {}): Plan {
  const bounds: PlanLimits = { ...PLAN_LIMITS, ...limits };
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  checkPlanText(path, source, bounds);
  const plan = /\.ya?ml$/i.test(path)
    ? withTimeLimit(path, bounds.timeLimitMs, () => parseYamlPlan(path, source, bounds))
    : withTimeLimit(
        path,
        bounds.timeLimitMs,
        () => {
          checkMarkdownNesting(path, source, bounds);
          return parseMarkdownPlan(path, source);
        },
        MARKDOWN_SLOWDOWN,
      );
  checkPlanSize(path, plan.items, bounds);
  return plan;
}
