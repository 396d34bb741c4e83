/** Entry point of the plan parser: Markdown or YAML by extension. Pure. */
import { parseMarkdownPlan } from './markdown.js';
import { parseYamlPlan } from './yaml.js';
import type { Plan } from './types.js';

export function parsePlan(path: string, text: string): Plan {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return /\.ya?ml$/i.test(path) ? parseYamlPlan(path, source) : parseMarkdownPlan(path, source);
}
