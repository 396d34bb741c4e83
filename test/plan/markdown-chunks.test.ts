import { describe, expect, it } from '@jest/globals';
import { parseMarkdownPlan } from '../../src/plan/markdown.js';

/** A long plan with everything a cut could break: fenced code holding `#` lines, lists, tables, sections. */
function longPlan(items: number): string {
  const out = ['# Plan', '', '## Milestone 1 – Core', ''];
  for (let i = 1; i <= items; i++) {
    const id = `CC-${String(i).padStart(4, '0')}`;
    if (i % 50 === 0) out.push(`## Milestone ${i / 50 + 1} – More`, '');
    out.push(`#### ${id} - Item ${i}`, '- **Priority:** P1', `- **Status:** ${i % 3 ? 'Done' : 'In Progress'}`, `- **Target File:** \`src/f${i}.ts:L1-L${i % 40 + 2}\``);
    if (i % 7 === 0) out.push('', '```sh', '# not a heading', `#### CC-9${i} - not an item either`, '```', '');
    if (i % 11 === 0) out.push('', '| Task ID | Task Name | Completion Evidence | Status |', '|---|---|---|---|', `| T-${i} | Row ${i} | \`src/row${i}.ts\` | Done |`, '');
    out.push('- **Test Evidence:**', `  - Test: \`tests/test_f${i}.py::test_item_${i}\``, '  - Status: PASSING', '');
  }
  return out.join('\n');
}

describe('parsing long Markdown plans in sections', () => {
  it('gives exactly the items, claims and positions of a whole parse', () => {
    const source = longPlan(600);
    expect(source.split('\n').length).toBeGreaterThan(4000);
    const whole = parseMarkdownPlan('docs/PLAN.md', source, Number.POSITIVE_INFINITY);
    const sections = parseMarkdownPlan('docs/PLAN.md', source, 60);
    expect(whole.items.length).toBeGreaterThan(600);
    expect(sections).toEqual(whole);
  });

  it('never cuts inside a code fence: a `#` line there stays code', () => {
    const source = ['# Plan', '', '#### A-001 - One', '- **Target File:** `a.ts`', '', '```', ...Array.from({ length: 20 }, (_, i) => `# comment ${i}`), '#### B-002 - Inside the fence', '```', '', '#### C-003 - Two', '- **Target File:** `c.ts`', ''].join('\n');
    const items = parseMarkdownPlan('p.md', source, 3).items.map((item) => item.id);
    expect(items).toEqual(['A-001', 'C-003']);
  });

  it('never cuts inside an HTML comment or <pre> block: headings there are not items', () => {
    const item = (id: string): string[] => [`#### ${id} - Item`, `- **Target File:** \`src/${id}.ts\``, ''];
    const source = [
      '# Plan', '', ...item('A-001'),
      '<!-- template notes', '', ...item('X-001'), '-->', '',
      ...item('B-002'),
      '<pre>', '', ...item('X-002'), '</pre>', '',
      ...item('C-003'),
      '<!-- closed on its line -->', '', ...item('D-004'),
      // in a list item the heading ends the item, and the HTML block with it: E-005 is an item
      '- <!-- a note', '', ...item('E-005'), '-->', '',
    ].join('\n');
    const whole = parseMarkdownPlan('p.md', source, Number.POSITIVE_INFINITY);
    expect(whole.items.map((i) => i.id)).toEqual(['A-001', 'B-002', 'C-003', 'D-004', 'E-005']);
    expect(parseMarkdownPlan('p.md', source, 1)).toEqual(whole);
  });

  it('parses a plan with link reference definitions whole, so every section sees them', () => {
    const source = ['# Plan', '', '#### A-001 - One', '- **Target File:** [the file][a]', '', ...Array.from({ length: 10 }, (_, i) => `## Part ${i}\n`), '[a]: src/a.ts', ''].join('\n');
    expect(parseMarkdownPlan('p.md', source, 2)).toEqual(parseMarkdownPlan('p.md', source, Number.POSITIVE_INFINITY));
  });
});
