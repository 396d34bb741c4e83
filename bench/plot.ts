/** A hand-written SVG line plot on log-log axes: time against claims, one line per design. Pure. */

export interface Point {
  x: number;
  y: number;
  /** Drawn hollow: a linear extrapolation, not a measurement. */
  extrapolated?: boolean;
}

export interface Series {
  name: string;
  color: string;
  dashed?: boolean;
  points: Point[];
}

export interface PlotSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** A horizontal goal line (e.g. "2 s") spanning the plot. */
  goal?: { y: number; label: string };
  note?: string;
}

const W = 680;
const H = 420;
const M = { left: 70, right: 170, top: 48, bottom: 64 };

export function plotSvg(spec: PlotSpec): string {
  const points = spec.series.flatMap((s) => s.points);
  const ys = [...points.map((p) => p.y), ...(spec.goal ? [spec.goal.y] : [])].filter((y) => y > 0);
  const xs = points.map((p) => p.x);
  const [x0, x1] = span(Math.min(...xs), Math.max(...xs));
  // a time just above a decade line would sit on the axis: give the y axis some room below
  const [y0, y1] = span(Math.min(...ys) / 1.3, Math.max(...ys));
  const px = (x: number): number => M.left + ((Math.log10(x) - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0))) * (W - M.left - M.right);
  const py = (y: number): number => H - M.bottom - ((Math.log10(y) - Math.log10(y0)) / (Math.log10(y1) - Math.log10(y0))) * (H - M.top - M.bottom);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${W / 2 - M.right / 2 + M.left / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${esc(spec.title)}</text>`);
  for (let d = x0; d <= x1 * 1.0001; d *= 10) {
    out.push(`<line x1="${px(d)}" y1="${M.top}" x2="${px(d)}" y2="${H - M.bottom}" stroke="#ddd"/>`);
    out.push(`<text x="${px(d)}" y="${H - M.bottom + 18}" text-anchor="middle">${d.toLocaleString('en-US')}</text>`);
  }
  for (let d = y0; d <= y1 * 1.0001; d *= 10) {
    out.push(`<line x1="${M.left}" y1="${py(d)}" x2="${W - M.right}" y2="${py(d)}" stroke="#ddd"/>`);
    out.push(`<text x="${M.left - 8}" y="${py(d) + 4}" text-anchor="end">${formatTick(d)}</text>`);
  }
  out.push(`<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 24}" text-anchor="middle">${esc(spec.xLabel)}</text>`);
  out.push(`<text transform="translate(18 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(spec.yLabel)}</text>`);
  if (spec.goal) {
    const y = py(spec.goal.y);
    out.push(`<line x1="${M.left}" y1="${y}" x2="${W - M.right}" y2="${y}" stroke="#2a9d8f" stroke-dasharray="2 4" stroke-width="1.5"/>`);
    out.push(`<text x="${W - M.right + 8}" y="${y + 4}" fill="#2a9d8f">${esc(spec.goal.label)}</text>`);
  }
  spec.series.forEach((series, i) => {
    const path = series.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
    out.push(`<path d="${path}" fill="none" stroke="${series.color}" stroke-width="2"${series.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    for (const p of series.points) {
      const fill = p.extrapolated ? 'white' : series.color;
      out.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="4.5" fill="${fill}" stroke="${series.color}" stroke-width="2"/>`);
      // first series labelled below its points, the others above; at the right edge, to the left
      const right = p.x >= x1 / 1.0001;
      const lx = right ? px(p.x) - 8 : px(p.x) + 8;
      const ly = i === 0 ? py(p.y) + 18 : py(p.y) - 8;
      out.push(`<text x="${lx.toFixed(1)}" y="${ly.toFixed(1)}" fill="${series.color}"${right ? ' text-anchor="end"' : ''}>${formatSeconds(p.y)}</text>`);
    }
    const ly = M.top + 14 + i * 22;
    out.push(`<line x1="${W - M.right + 14}" y1="${ly}" x2="${W - M.right + 40}" y2="${ly}" stroke="${series.color}" stroke-width="2"${series.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    out.push(`<text x="${W - M.right + 46}" y="${ly + 4}">${esc(series.name)}</text>`);
  });
  const legendBottom = M.top + 14 + spec.series.length * 22;
  if (points.some((p) => p.extrapolated)) {
    out.push(`<circle cx="${W - M.right + 27}" cy="${legendBottom}" r="4.5" fill="white" stroke="#555" stroke-width="2"/>`);
    out.push(`<text x="${W - M.right + 46}" y="${legendBottom + 4}">extrapolated</text>`);
  }
  if (spec.note) out.push(`<text x="${M.left}" y="${H - 6}" font-size="11" fill="#555">${esc(spec.note)}</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** Whole decades around [min, max], at least one decade wide. */
function span(min: number, max: number): [number, number] {
  const low = decadeBelow(min);
  const high = decadeAbove(max);
  return [low, high > low ? high : low * 10];
}

function decadeBelow(v: number): number {
  return 10 ** Math.floor(Math.log10(v));
}

function decadeAbove(v: number): number {
  return 10 ** Math.ceil(Math.log10(v) - 1e-9);
}

function formatTick(v: number): string {
  return v >= 1 ? `${v.toLocaleString('en-US')} s` : `${v} s`;
}

export function formatSeconds(s: number): string {
  if (s >= 100) return `${Math.round(s).toLocaleString('en-US')} s`;
  if (s >= 10) return `${s.toFixed(1)} s`;
  return `${s.toFixed(2)} s`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
