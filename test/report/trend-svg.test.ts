import { describe, expect, it } from '@jest/globals';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { share } from '../../src/report/readiness.js';
import { renderTrendSvg, type TrendSvgPoint } from '../../src/report/trend-svg.js';

function point(i: number, items: [number, number], claims: [number, number], subject?: string): TrendSvgPoint {
  return {
    sha: `${String(i).padStart(2, '0')}${'ab'.repeat(19)}`,
    date: `2026-01-${String(i + 1).padStart(2, '0')}T10:00:00+01:00`,
    ...(subject !== undefined ? { subject } : {}),
    items: share(...items),
    claims: share(...claims),
  };
}

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['g', 'circle', 'polyline', 'text', 'line'].includes(name) });

function parse(svg: string): Node {
  expect(XMLValidator.validate(svg)).toBe(true);
  return (parser.parse(svg) as { svg: Node }).svg;
}

function series(svg: Node, key: string): Node {
  return (svg.g as Node[]).find((g) => g['@class'] === `series ${key}`)!;
}

/** The y of each point: lower on screen (larger y) is a lower share. */
function ys(g: Node): number[] {
  return ((g.circle as Node[] | undefined) ?? []).map((c) => Number(c['@cy']));
}

describe('renderTrendSvg', () => {
  const points = [point(0, [1, 4], [2, 10]), point(1, [2, 4], [5, 10]), point(2, [3, 4], [8, 10]), point(3, [4, 4], [10, 10])];
  const svg = renderTrendSvg(points, { title: 'docs/PLAN.md' });
  const root = parse(svg);

  it('is well-formed SVG with its title', () => {
    expect(root['@xmlns']).toBe('http://www.w3.org/2000/svg');
    expect(root.title).toBe('Readiness: docs/PLAN.md');
  });

  it('has one point per commit in each series, oldest left, rising as the share rises', () => {
    for (const key of ['items', 'claims']) {
      const g = series(root, key);
      const circles = g.circle as Node[];
      expect(circles).toHaveLength(points.length);
      const xs = circles.map((c) => Number(c['@cx']));
      expect(xs).toEqual([...xs].sort((a, b) => a - b));
      const y = ys(g);
      for (let i = 1; i < y.length; i++) expect(y[i]!).toBeLessThan(y[i - 1]!);
      expect((g.polyline as Node[])).toHaveLength(1);
    }
  });

  it('puts 0 % on the axis and 100 % at the top line, the same for both series', () => {
    const items = ys(series(root, 'items'));
    const claims = ys(series(root, 'claims'));
    expect(claims.at(-1)).toBe(items.at(-1)); // both 100 %
    const flat = parse(renderTrendSvg([point(0, [0, 4], [0, 3]), point(1, [4, 4], [3, 3])]));
    const [bottom, top] = ys(series(flat, 'items'));
    expect(bottom! - top!).toBeGreaterThan(200);
    expect(top).toBe(items.at(-1));
  });

  it('says in each point what it stands for', () => {
    const tips = (series(root, 'items').circle as Node[]).map((c) => c.title);
    expect(tips[0]).toBe('00ababa 2026-01-01: items verified 1/4 (25 %)');
    expect(tips[3]).toBe('03ababa 2026-01-04: items verified 4/4 (100 %)');
  });

  it('labels the commits under the axis', () => {
    const texts = (root.text as Array<Node | string>).map((t) => (typeof t === 'string' ? t : String(t['#text'])));
    for (const p of points) expect(texts).toContain(p.sha.slice(0, 7));
    expect(texts).toContain('2026-01-04');
  });

  it('escapes commit subjects and drops characters XML does not allow', () => {
    const nasty = renderTrendSvg([point(0, [1, 2], [1, 2], 'Fix <b> & "quotes" \u0007 bell'), point(1, [2, 2], [2, 2], ']]> </svg>')]);
    const parsed = parse(nasty);
    const tips = (series(parsed, 'claims').circle as Node[]).map((c) => String(c.title));
    expect(tips[0]).toContain('Fix <b> & "quotes"  bell');
    expect(nasty).not.toContain('\u0007');
    expect(tips[1]).toContain(']]> </svg>');
  });

  it('breaks the line where a share cannot be had, and draws no point there', () => {
    const gap = parse(renderTrendSvg([point(0, [1, 2], [1, 2]), point(1, [1, 2], [1, 2]), point(2, [0, 0], [0, 0]), point(3, [2, 2], [2, 2]), point(4, [2, 2], [2, 2])]));
    const g = series(gap, 'items');
    expect(g.circle as Node[]).toHaveLength(4);
    expect(g.polyline as Node[]).toHaveLength(2);
  });

  it('draws a single commit as one point, and no commit as an empty chart', () => {
    const one = parse(renderTrendSvg([point(0, [1, 2], [1, 2])]));
    expect(series(one, 'items').circle as Node[]).toHaveLength(1);
    expect(series(one, 'items').polyline).toBeUndefined();
    const none = renderTrendSvg([]);
    expect(none).toContain('no commits');
    expect(series(parse(none), 'items').circle).toBeUndefined();
  });

  it('labels at most 8 commits however many there are, the last among them', () => {
    const long = Array.from({ length: 50 }, (_, i) => point(i % 28, [i, 50], [i, 50]));
    const parsed = parse(renderTrendSvg(long));
    expect(series(parsed, 'claims').circle as Node[]).toHaveLength(50);
    const shaLabels = (parsed.text as Node[]).filter((t) => typeof t === 'object' && /^[0-9a-f]{7}$/.test(String(t['#text'])));
    expect(shaLabels.length).toBeLessThanOrEqual(8);
    expect(shaLabels.at(-1)!['#text']).toBe(long.at(-1)!.sha.slice(0, 7));
  });

  it('is deterministic', () => {
    expect(renderTrendSvg(points, { title: 'docs/PLAN.md' })).toBe(svg);
  });
});
